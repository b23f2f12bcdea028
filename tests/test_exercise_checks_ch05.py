"""Chapter 5's exercise checks accept the worked solutions and reject typical mistakes."""

import numpy as np
import pytest
import sympy as sp

from mathlib.checks import CheckFailure
from mathlib.exercise_checks import ch05
from mathlib.numdiff import central_diff, check_grad, complex_step, forward_diff


def rejects(check, *answer) -> str:
    with pytest.raises(CheckFailure) as info:
        check(*answer)
    return str(info.value)


def test_exercise_1_central_difference():
    ch05.exercise_1(lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))
    ch05.exercise_1(central_diff)
    assert "2h apart" in rejects(ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x - h)) / h)
    assert "forward difference" in rejects(ch05.exercise_1, lambda f, x, h: (f(x + h) - f(x)) / h)


def test_exercise_2_measured_orders():
    x0, h = ch05.EXERCISE_2_POINT, ch05.EXERCISE_2_STEP
    exact = np.exp(x0)
    fwd = [abs(forward_diff(np.exp, x0, s) - exact) for s in (h, h / 2)]
    cen = [abs(central_diff(np.exp, x0, s) - exact) for s in (h, h / 2)]
    p_fwd, p_cen = np.log2(fwd[0] / fwd[1]), np.log2(cen[0] / cen[1])
    assert p_fwd == pytest.approx(1, abs=0.05) and p_cen == pytest.approx(2, abs=0.01)
    ch05.exercise_2(p_fwd, p_cen)
    assert "theoretical" in rejects(ch05.exercise_2, 1, p_cen)
    assert "np.log2" in rejects(ch05.exercise_2, np.log(fwd[0] / fwd[1]), p_cen)
    assert "central" in rejects(ch05.exercise_2, p_fwd, np.log(cen[0] / cen[1]))


def test_exercise_3_best_central_step():
    delta, F, M, h = sp.symbols("delta F M h", positive=True)
    ch05.exercise_3(sp.solve(sp.diff(M * h**2 / 6 + delta * F / h, h), h)[0])
    ch05.exercise_3("(3*delta*F/M)^(1/3)")
    assert "terms equal" in rejects(ch05.exercise_3, "(6*delta*F/M)**(1/3)")
    assert "forward difference" in rejects(ch05.exercise_3, "2*sqrt(delta*F/M)")


def test_exercise_4_richardson_of_the_forward_difference():
    def forward_extrapolated(f, x, h):
        return 2 * forward_diff(f, x, h / 2) - forward_diff(f, x, h)

    ch05.exercise_4(forward_extrapolated)
    # it really is second order: the error drops by 4 when h halves
    errors = [abs(forward_extrapolated(np.sin, 1.0, s) - np.cos(1.0)) for s in (0.02, 0.01)]
    assert errors[0] / errors[1] == pytest.approx(4, rel=0.05)
    def central_weights(f, x, h):
        return (4 * forward_diff(f, x, h / 2) - forward_diff(f, x, h)) / 3

    def average(f, x, h):
        return (forward_diff(f, x, h / 2) + forward_diff(f, x, h)) / 2

    assert "h² term" in rejects(ch05.exercise_4, central_weights)
    assert "averaging" in rejects(ch05.exercise_4, average)


def test_exercise_5_complex_step_to_full_precision():
    def f5(x):
        return np.exp(np.sin(x)) / (1 + x**2)

    ch05.exercise_5(complex_step(f5, ch05.EXERCISE_5_POINT))
    assert "relative" in rejects(ch05.exercise_5, central_diff(f5, ch05.EXERCISE_5_POINT, 6e-6))
    assert "None" in rejects(ch05.exercise_5, None)
    assert "expected" in rejects(ch05.exercise_5, 1.0)


def test_exercise_6_logistic_gradient():
    a, y = np.array(ch05.EXERCISE_6_VECTOR), ch05.EXERCISE_6_LABEL

    def f(w):
        return np.log1p(np.exp(-y * (a @ w)))

    def grad(w):
        return -y * a / (1 + np.exp(y * (a @ w)))

    assert check_grad(f, grad, np.array([0.2, -0.3, 0.4])).rel_error < 1e-9
    ch05.exercise_6(grad)
    assert "minus" in rejects(ch05.exercise_6, lambda w: -grad(w))
    assert "σ(-z)" in rejects(ch05.exercise_6, lambda w: -y * a / (1 + np.exp(-y * (a @ w))))
