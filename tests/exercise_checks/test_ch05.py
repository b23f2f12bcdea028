"""Chapter 5's exercise checks: right answers in any form pass, typical mistakes
fail."""

import numpy as np
import pytest
import sympy as sp

from mathlib.exercise_checks import ch05
from mathlib.numdiff import central_diff, check_grad, complex_step, forward_diff


def test_exercise_1_central_difference(accepts, rejects):
    accepts(ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))
    accepts(ch05.exercise_1, central_diff)
    accepts(ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x - h)) / h / 2)
    assert "2h apart" in rejects(
        ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x - h)) / h
    )
    assert "forward difference" in rejects(
        ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x)) / h
    )
    assert "flipped" in rejects(
        ch05.exercise_1, lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h)
    )


def test_exercise_1_hint_does_not_state_the_formula(rejects):
    message = rejects(ch05.exercise_1, lambda f, x, h: 0.0 * h)
    assert "f(x + h) - f(x - h)" not in message and "2h." not in message


def _orders():
    x0, h = ch05.EXERCISE_2_POINT, ch05.EXERCISE_2_STEP
    exact = np.exp(x0)
    fwd = [abs(forward_diff(np.exp, x0, s) - exact) for s in (h, h / 2)]
    cen = [abs(central_diff(np.exp, x0, s) - exact) for s in (h, h / 2)]
    return fwd, cen


def test_exercise_2_measured_orders(accepts, rejects):
    fwd, cen = _orders()
    p_fwd, p_cen = np.log2(fwd[0] / fwd[1]), np.log2(cen[0] / cen[1])
    assert p_fwd == pytest.approx(1, abs=0.05) and p_cen == pytest.approx(2, abs=0.01)
    accepts(ch05.exercise_2, p_fwd, p_cen)
    assert "theoretical" in rejects(ch05.exercise_2, 1, p_cen)
    assert "theoretical" in rejects(ch05.exercise_2, p_fwd, 2.0)
    assert "np.log2" in rejects(ch05.exercise_2, np.log(fwd[0] / fwd[1]), p_cen)
    assert "central" in rejects(ch05.exercise_2, p_fwd, np.log(cen[0] / cen[1]))
    assert "flipped" in rejects(ch05.exercise_2, -p_fwd, p_cen)  # e(h/2) / e(h)


def test_exercise_3_best_central_step(accepts, rejects):
    delta, F, M, h = sp.symbols("delta F M h", positive=True)
    accepts(ch05.exercise_3, sp.solve(sp.diff(M * h**2 / 6 + delta * F / h, h), h)[0])
    accepts(ch05.exercise_3, "(3*delta*F/M)^(1/3)")
    accepts(ch05.exercise_3, "cbrt(3) * (delta F / M)**(1/3)")
    assert "terms equal" in rejects(ch05.exercise_3, "(6*delta*F/M)**(1/3)")
    assert "forward difference" in rejects(ch05.exercise_3, "2*sqrt(delta*F/M)")
    message = rejects(ch05.exercise_3, "(3*delta*M/F)^(1/3)")  # upside down
    assert "yours is too" in message and "3*F*delta/M" not in message


def test_exercise_4_richardson_of_the_forward_difference(accepts, rejects):
    def forward_extrapolated(f, x, h):
        return 2 * forward_diff(f, x, h / 2) - forward_diff(f, x, h)

    accepts(ch05.exercise_4, forward_extrapolated)
    # it really is second order: the error drops by 4 when h halves
    errors = [
        abs(forward_extrapolated(np.sin, 1.0, s) - np.cos(1.0)) for s in (0.02, 0.01)
    ]
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.05)

    def central_weights(f, x, h):
        return (4 * forward_diff(f, x, h / 2) - forward_diff(f, x, h)) / 3

    def average(f, x, h):
        return (forward_diff(f, x, h / 2) + forward_diff(f, x, h)) / 2

    assert "h² term" in rejects(ch05.exercise_4, central_weights)
    assert "averaging" in rejects(ch05.exercise_4, average)


def test_exercise_5_complex_step_to_full_precision(accepts, rejects):
    def f5(x):
        return np.exp(np.sin(x)) / (1 + x**2)

    accepts(ch05.exercise_5, complex_step(f5, ch05.EXERCISE_5_POINT))
    message = rejects(ch05.exercise_5, central_diff(f5, ch05.EXERCISE_5_POINT, 6e-6))
    assert "close, but" in message and "relative" in message
    assert "None" in rejects(ch05.exercise_5, None)
    message = rejects(ch05.exercise_5, 1.0)
    assert "expected" not in message and "flipped" in message


def test_exercise_5_names_a_forgotten_imag(rejects):
    def f5(x):
        return np.exp(np.sin(x)) / (1 + x**2)

    message = rejects(ch05.exercise_5, f5(ch05.EXERCISE_5_POINT + 1e-20j))
    assert "complex" in message and ".imag" in message


def test_exercise_6_logistic_gradient(accepts, rejects):
    a, y = np.array(ch05.EXERCISE_6_VECTOR), ch05.EXERCISE_6_LABEL

    def f(w):
        return np.log1p(np.exp(-y * (a @ w)))

    def grad(w):
        return -y * a / (1 + np.exp(y * (a @ w)))

    assert check_grad(f, grad, np.array([0.2, -0.3, 0.4])).rel_error < 1e-9
    accepts(ch05.exercise_6, grad)
    accepts(ch05.exercise_6, lambda w: list(grad(w)))
    assert "minus" in rejects(ch05.exercise_6, lambda w: -grad(w))
    assert "σ(-z)" in rejects(
        ch05.exercise_6, lambda w: -y * a / (1 + np.exp(-y * (a @ w)))
    )
    assert "returned one number" in rejects(
        ch05.exercise_6, lambda w: float(grad(w) @ w)
    )
    assert "2 numbers were expected" not in rejects(
        ch05.exercise_6, lambda w: grad(w)[:2]
    )
