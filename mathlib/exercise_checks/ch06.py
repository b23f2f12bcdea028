"""Checks for the exercises of :doc:`/chapters/06-taylor`."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.taylor import derivative_bound, lagrange_bound, taylor_eval

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6_newton_step", "exercise_6_x_min"]

# The symbol of exercises 1 and 2; the notebook makes an equal one with sp.Symbol("x").
_X = sp.Symbol("x")


def exercise_1(T4_log) -> None:
    """The Taylor polynomial of degree 4 of ln(1 + x) at 0."""
    x = _X
    check_expr(
        T4_log, x - x**2 / 2 + x**3 / 3 - x**4 / 4, name="Exercise 1",
        hint="c_k = f^(k)(0) / k!: differentiate ln(1 + x) four times, put x = 0 into "
             "each derivative, and watch the factors that pile up.",
        mistakes={
            "the signs alternate: every derivative of ln(1 + x) flips the sign of the "
            "one before (without the signs this is the series of -ln(1 - x)).":
                x + x**2 / 2 + x**3 / 3 + x**4 / 4,
            "the derivatives of ln(1 + x) at 0 are not all ±1: each differentiation "
            "brings down a power as a factor.": x - x**2 / 2 + x**3 / 6 - x**4 / 24,
            "degree 4 goes up to the x**4 term.": x - x**2 / 2 + x**3 / 3,
        },
    )


def exercise_2(T6_bell) -> None:
    """The Maclaurin polynomial of degree 6 of exp(-x^2), by substitution."""
    x = _X
    check_expr(
        T6_bell, 1 - x**2 + x**4 / 2 - x**6 / 6, name="Exercise 2",
        hint="put u = -x**2 into the series of e^u, with as many terms as it takes to "
             "reach x**6, and expand.",
        mistakes={
            "u = -x**2 has a minus sign, so the terms alternate.":
                1 + x**2 + x**4 / 2 + x**6 / 6,
            "that is the series of exp(-x); substitute u = -x**2, not u = -x.":
                1 - x + x**2 / 2 - x**3 / 6,
            "degree 6 includes the x**6 term.": 1 - x**2 + x**4 / 2,
            "the factorial belongs to the power of u: substituting u = -x**2 doubles "
            "the power of x but leaves the factorial as it was.":
                1 - x**2 + x**4 / 24 - x**6 / 720,
        },
    )


def exercise_3(n_needed) -> None:
    """The smallest degree whose Lagrange bound for ln(1.5) is at most 1e-6."""
    def bound(n):  # M = max |f^(n+1)(t)| on [0, 0.5], from the library
        return lagrange_bound(derivative_bound("log1p", n + 1, 0.0, 0.5), 0.0, 0.5, n)

    smallest = next(n for n in range(1, 100) if bound(n) <= 1e-6)
    check_scalar(
        n_needed, smallest, name="Exercise 3", whole=True,
        hint="Lagrange's bound is M 0.5**(n+1) / (n+1)! with M the largest "
             "|f^(n+1)(t)| for t in [0, 0.5]; find the first n where it is <= 1e-6.",
        mistakes={"the bound is still above 1e-6 for this n.": smallest - 1,
                  "the bound is below 1e-6 for this n, but already for a smaller one "
                  "too: the question asks for the first.": smallest + 1},
    )


def _reduce(x, nearest=True):
    k = round(x / math.log(2)) if nearest else math.floor(x / math.log(2))
    return k, x - k * math.log(2)


def _exp_floor(x):
    """Range reduction with floor instead of round (a typical mistake)."""
    k, r = _reduce(x, nearest=False)
    return 2.0**k * taylor_eval(np.ones(13), 0.0, 12, r)  # T_12 of e^r: f^(j)(0) = 1


def exercise_4(exp_reduced) -> None:
    """e^x by range reduction x = k ln 2 + r and a degree-12 polynomial for e^r.

    At the first five points |r| is close to ln(2)/2, where the polynomial's error is
    largest: degree 12 is within about 3e-16 of e^x (relative) and degree 11 about 7e-15
    away, so the tolerance 2e-15 tells them apart; at 0.68 and -0.01 floor(x / ln 2)
    would give r near ln 2. Large x are checked separately, more loosely, since the
    rounding of r = x - k ln 2 grows with |x|.
    """
    hint = ("k = round(x / ln 2), r = x - k ln 2 (so |r| <= ln(2)/2 = 0.35), then "
            "return 2**k times the Taylor polynomial of e**r of degree 12 (13 terms). "
            "Degree 12 meets the tolerance 2e-15 (about 3e-16), degree 11 does not "
            "(about 7e-15).")
    mistakes = {
        "you returned e**r alone: multiply it by 2**k."
        "": lambda x: math.exp(_reduce(x)[1]),
        "e**x = 2**k * e**r: multiply the two factors, do not add them.":
            lambda x: 2.0 ** _reduce(x)[0] + math.exp(_reduce(x)[1]),
        "k must be the integer nearest to x / ln 2 (round, not floor): with floor, r "
        "can be almost ln 2 = 0.69, where degree 12 is no longer accurate enough."
        "": _exp_floor,
    }
    check_function(
        exp_reduced, math.exp, [0.34, -0.34, 1.03, -1.03, 2.42, 0.68, -0.01],
        rtol=2e-15, atol=0.0, name="Exercise 4", hint=hint, mistakes=mistakes,
    )
    check_function(
        exp_reduced, math.exp, [-20.0, -3.3, 7.5, 30.0], rtol=1e-13, atol=0.0,
        name="Exercise 4, large x", hint=hint, mistakes=mistakes,
    )


def exercise_5(radius) -> None:
    """The radius of convergence of the Taylor series of ln(1 + x) at the centre 2."""
    centre, singularity = 2.0, -1.0   # ln(1 + x) breaks down at x = -1
    check_scalar(
        radius, abs(centre - singularity), name="Exercise 5",
        hint="the radius depends on the centre: how far is the centre from the nearest "
             "point where ln(1 + x) breaks down? Or compute |c_k / c_(k+1)| for large "
             "k.",
    )


def exercise_6_newton_step(newton_step) -> None:
    """One Newton step x - f'(x) / f''(x): the stationary point of the quadratic
    model."""
    def fprime(t):  # f(x) = x**4/4 - 2x, as in the notebook (messages show these names)
        return t**3 - 2

    def fsecond(t):
        return 3 * t**2

    check_function(
        newton_step, lambda fp, fpp, x: x - fp(x) / fpp(x),
        [(fprime, fsecond, 1.0), (fprime, fsecond, 2.5), (np.sin, np.cos, 0.5)],
        name="Exercise 6, newton_step",
        hint="the model f(x) + f'(x) h + f''(x) h**2 / 2 is a parabola in h: find the "
             "h where its derivative is zero, and return x + h.",
        mistakes={
            "check the sign: the stationary point of the model lies downhill from x "
            "when f'' > 0.": lambda fp, fpp, x: x + fp(x) / fpp(x),
            "x - f'(x) is a gradient step with step size 1; Newton's step also uses "
            "f''(x).":
                lambda fp, fpp, x: x - fp(x),
            "the fraction is upside down.": lambda fp, fpp, x: x - fpp(x) / fp(x),
        },
    )


def exercise_6_x_min(x_min) -> None:
    """Six Newton steps from 1 for x^4/4 - 2x: the cube root of 2 to 1e-10."""
    check_scalar(
        x_min, 2 ** (1 / 3), rtol=1e-10, name="Exercise 6, x_min",
        hint="start from x_min = 1.0 and replace x_min by newton_step(fprime, fsecond, "
             "x_min) six times.",
    )
