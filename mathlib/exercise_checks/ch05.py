"""Checks for the exercises of :doc:`/chapters/05-numerical-differentiation`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.functions import sigmoid
from mathlib.numdiff import central_diff, forward_diff

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6", "EXERCISE_2_POINT", "EXERCISE_2_STEP", "EXERCISE_5_POINT",
           "EXERCISE_6_VECTOR", "EXERCISE_6_LABEL"]

# Exercise 2: f = exp at this point, steps h and h/2.
EXERCISE_2_POINT, EXERCISE_2_STEP = 0.5, 0.1
# Exercise 5: the derivative of exp(sin x) / (1 + x²) at this point.
EXERCISE_5_POINT = 0.7
# Exercise 6: the logistic loss ln(1 + exp(-y a·w)) for this a and y.
EXERCISE_6_VECTOR, EXERCISE_6_LABEL = (0.5, -1.2, 2.0), -1.0

# The notebook's symbols for exercise 3: sp.symbols("delta F M", positive=True) there.
_DELTA, _F, _M = sp.symbols("delta F M", positive=True)


def exercise_1(central_difference) -> None:
    """The central difference quotient (f(x + h) - f(x - h)) / 2h."""
    check_function(
        central_difference, central_diff,
        [(np.sin, 1.0, 0.1), (np.exp, 0.5, 0.01), (np.square, 2.0, 0.5),
         (np.cos, -1.0, 1e-3)],
        name="Exercise 1",
        hint="the slope of the chord from x - h to x + h: rise over run, and the run "
             "is the distance between those two points.",
        mistakes={
            "the two points x - h and x + h are 2h apart, not h.":
                lambda f, x, h: 2 * central_diff(f, x, h),
            "that is the forward difference; the central one uses the points on both "
            "sides of x.": forward_diff,
        },
    )


def exercise_2(order_forward, order_central) -> None:
    """Orders measured from the errors at h and h/2: log2(e(h) / e(h/2))."""
    x, h = EXERCISE_2_POINT, EXERCISE_2_STEP
    exact = np.exp(x)
    hint = ("an error C·h^p shrinks by the factor 2^p when h halves, so p is the "
            "base-2 logarithm of e(h) / e(h/2); use np.log2, and the errors, not the "
            "approximations.")
    for name, value, diff, theory in [("forward", order_forward, forward_diff, 1),
                                      ("central", order_central, central_diff, 2)]:
        e_h, e_half = (abs(diff(np.exp, x, s) - exact) for s in (h, h / 2))
        measured = float(np.log2(e_h / e_half))
        check_scalar(
            value, measured, rtol=1e-5, name=f"Exercise 2, {name}", hint=hint,
            mistakes={
                f"{theory} is the theoretical order; measure it from the errors at h "
                f"and h/2 (it comes out close to, but not exactly, {theory}).": theory,
                "that is the natural logarithm of the ratio: use np.log2.":
                    measured * np.log(2),
            },
        )


def exercise_3(h_star) -> None:
    """The step that minimises M h²/6 + δF/h."""
    check_expr(
        h_star, (3 * _DELTA * _F / _M) ** sp.Rational(1, 3), name="Exercise 3",
        hint="set the derivative of M*h**2/6 + delta*F/h to zero and solve for h "
             "(sp.solve(sp.diff(E, h), h)).",
        mistakes={
            "that step makes the two terms equal (or differentiates M h²/6 as M h/6); "
            "the minimum is where the derivative of E is zero.":
                (6 * _DELTA * _F / _M) ** sp.Rational(1, 3),
            "that is the best step of the forward difference, whose bound is M h/2 + "
            "2δF/h.":
                2 * sp.sqrt(_DELTA * _F / _M),
        },
    )


def _richardson_forward(f, x, h):
    return 2 * forward_diff(f, x, h / 2) - forward_diff(f, x, h)


def exercise_4(richardson_forward) -> None:
    """Richardson extrapolation of the forward difference: 2 D(h/2) - D(h)."""
    check_function(
        richardson_forward, _richardson_forward,
        [(np.sin, 1.0, 0.1), (np.exp, 0.0, 0.2), (np.log, 2.0, 0.5),
         (np.cos, -0.5, 0.05)],
        name="Exercise 4",
        hint="D(h) = f' + c·h + O(h²) and D(h/2) = f' + c·h/2 + O(h²): which "
             "combination of the two has no c·h term and still tends to f'?",
        mistakes={
            "(4 D(h/2) - D(h)) / 3 cancels an h² term, which is right for the central "
            "difference; the forward difference's error starts with an h term.":
                lambda f, x, h: (4 * forward_diff(f, x, h / 2)
                                 - forward_diff(f, x, h)) / 3,
            "averaging D(h) and D(h/2) does not cancel the h term.":
                lambda f, x, h: (forward_diff(f, x, h / 2) + forward_diff(f, x, h)) / 2,
            "that is just the forward difference with step h/2.":
                lambda f, x, h: forward_diff(f, x, h / 2),
        },
    )


def exercise_5(slope) -> None:
    """The derivative of exp(sin x) / (1 + x²) at 0.7 to a relative 1e-13."""
    t = sp.Symbol("t", real=True)
    expr = sp.exp(sp.sin(t)) / (1 + t**2)
    exact = float(sp.diff(expr, t).subs(t, sp.Rational(7, 10)).evalf(30))
    check_scalar(
        slope, exact, rtol=1e-13, atol=0.0, name="Exercise 5",
        hint="a difference quotient cannot get much closer than about 1e-11; the "
             "complex step can: complex_step(f, 0.7) with f built from np.exp, np.sin, "
             "** and /.",
    )


def _logistic_grad(w, y_sign=1.0, inner_sign=-1.0):
    a, y = np.array(EXERCISE_6_VECTOR), EXERCISE_6_LABEL
    return -y_sign * y * sigmoid(inner_sign * y * (a @ w)) * a


def exercise_6(grad_f) -> None:
    """The gradient of ln(1 + exp(-y a·w)): -y σ(-y a·w) a."""
    points = [np.array(p)
              for p in ([0.3, -0.2, 0.1], [1.0, 0.5, -0.7], [-0.4, 0.9, 0.25])]
    check_function(
        grad_f, _logistic_grad, points, name="Exercise 6",
        hint="with z = y a·w, differentiate ln(1 + e^(-z)) with respect to z, then "
             "multiply by the gradient of z, which is y a.",
        mistakes={
            "the derivative of ln(1 + e^(-z)) is -e^(-z)/(1 + e^(-z)): it carries a "
            "minus sign.": lambda w: _logistic_grad(w, y_sign=-1.0),
            "e^(-z)/(1 + e^(-z)) is σ(-z), not σ(z).":
                lambda w: _logistic_grad(w, inner_sign=1.0),
        },
    )
