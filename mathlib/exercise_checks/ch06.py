"""Checks for the exercises of chapter 6, "Taylor expansion"."""

from __future__ import annotations

import math
import re

import numpy as np
import sympy as sp

from mathlib.checks import CheckFailure, check_expr, check_function, check_scalar

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6_newton_step", "exercise_6_x_min"]

# The symbol of exercises 1 and 2; the notebook creates an equal one with sp.Symbol("x").
_X = sp.Symbol("x")


def _has_decimals(value) -> bool:
    """True for an answer written with decimal numbers, such as "0.333*x**3"."""
    if isinstance(value, str):
        return re.search(r"\d?\.\d", value) is not None
    return isinstance(value, sp.Basic) and bool(value.atoms(sp.Float))


def exercise_1(T4_log) -> None:
    """The Taylor polynomial of degree 4 of ln(1 + x) at 0."""
    x = _X
    try:
        _check_exercise_1(T4_log, x)
    except CheckFailure as failure:
        if not _has_decimals(T4_log):
            raise
        raise CheckFailure(f"{failure} Decimals such as 0.333 are rounded, so they are not "
                           "exact coefficients: write fractions, e.g. x**3/3.") from None


def _check_exercise_1(T4_log, x) -> None:
    check_expr(
        T4_log, x - x**2 / 2 + x**3 / 3 - x**4 / 4, name="Exercise 1",
        hint="c_k = f^(k)(0) / k!, and the k-th derivative of ln(1 + x) at 0 is "
             "(-1)^(k+1) (k-1)!.",
        mistakes={
            "the signs alternate: f''(0) = -1, f'''(0) = +2, ... (without the signs this is the "
            "series of -ln(1 - x)).": x + x**2 / 2 + x**3 / 3 + x**4 / 4,
            "the k-th derivative at 0 is (-1)^(k+1) (k-1)!, not ±1, so the coefficient is "
            "±(k-1)!/k! = ±1/k, not ±1/k!.": x - x**2 / 2 + x**3 / 6 - x**4 / 24,
            "degree 4 goes up to the x**4 term.": x - x**2 / 2 + x**3 / 3,
        },
    )


def exercise_2(T6_bell) -> None:
    """The Maclaurin polynomial of degree 6 of exp(-x^2), by substitution."""
    x = _X
    check_expr(
        T6_bell, 1 - x**2 + x**4 / 2 - x**6 / 6, name="Exercise 2",
        hint="put u = -x**2 into 1 + u + u**2/2 + u**3/6 and expand; degree 6 means up to x**6.",
        mistakes={
            "u = -x**2 has a minus sign, so the terms alternate.":
                1 + x**2 + x**4 / 2 + x**6 / 6,
            "that is the series of exp(-x); substitute u = -x**2, not u = -x.":
                1 - x + x**2 / 2 - x**3 / 6,
            "degree 6 includes the x**6 term (j = 3).": 1 - x**2 + x**4 / 2,
            "the term u**j / j! becomes x**(2j) / j!: the factorial stays j!, it does not "
            "become (2j)!.": 1 - x**2 + x**4 / 24 - x**6 / 720,
        },
    )


def exercise_3(n_needed) -> None:
    """The smallest degree whose Lagrange bound for ln(1.5) is at most 1e-6."""
    check_scalar(
        n_needed, 15, name="Exercise 3",
        hint="the bound is M 0.5**(n+1) / (n+1)! with M = n! (the largest |f^(n+1)(t)|, at "
             "t = 0), that is 0.5**(n+1) / (n+1); find the first n where it is <= 1e-6.",
    )


def _reduce(x, nearest=True):
    k = round(x / math.log(2)) if nearest else math.floor(x / math.log(2))
    return k, x - k * math.log(2)


def _exp_poly(x, nearest=True, degree=12):
    k, r = _reduce(x, nearest)
    return 2.0**k * sum(r**j / math.factorial(j) for j in range(degree + 1))


def exercise_4(exp_reduced) -> None:
    """e^x by range reduction x = k ln 2 + r and a degree-12 polynomial for e^r.

    At the first five points |r| is close to ln(2)/2, where the polynomial's error is largest:
    degree 12 is within about 3e-16 of e^x (relative) and degree 11 about 7e-15 away, so the
    tolerance 2e-15 tells them apart; at 0.68 and -0.01 floor(x / ln 2) would give r near ln 2.
    Large x are checked separately, more loosely, since the rounding of r = x - k ln 2 grows
    with |x|.
    """
    hint = ("k = round(x / ln 2), r = x - k ln 2 (so |r| <= ln(2)/2 = 0.35), then return "
            "2**k * (1 + r + r**2/2 + ... + r**12/12!). The check asks for a relative error "
            "below 2e-15: degree 12 meets it (about 3e-16), degree 11 does not (about 7e-15).")
    floor_message = ("k must be the integer nearest to x / ln 2 (round, not floor): with floor, r "
                     "can be almost ln 2 = 0.69, where degree 12 is no longer accurate enough.")
    mistakes = {
        "you returned e**r alone: multiply it by 2**k.": lambda x: math.exp(_reduce(x)[1]),
        "e**x = 2**k * e**r: multiply the two factors, do not add them.":
            lambda x: 2.0 ** _reduce(x)[0] + math.exp(_reduce(x)[1]),
        floor_message: lambda x: _exp_poly(x, nearest=False),
    }
    points = [0.34, -0.34, 1.03, -1.03, 2.42, 0.68, -0.01]
    try:
        rel_errors = [abs(float(exp_reduced(x)) - math.exp(x)) / math.exp(x) for x in points]
    except Exception:  # noqa: BLE001 - check_function below explains any failure
        rel_errors = None
    if rel_errors is not None and 2e-15 < max(rel_errors) < 1e-9:
        worst = points[int(np.argmax(rel_errors))]
        floor = all(math.isclose(float(exp_reduced(x)), _exp_poly(x, nearest=False),
                                 rel_tol=2e-15) for x in points)
        why = floor_message if floor else ("is k the integer nearest to x / ln 2 (so that "
                                           "|r| <= 0.35), and is the polynomial of degree 12 "
                                           "(13 terms, up to r**12/12!)?")
        raise CheckFailure(f"Exercise 4: close, but at x = {worst} off by a relative "
                           f"{max(rel_errors):.1e}; the goal is below 2e-15. Hint: {why}")
    check_function(
        exp_reduced, math.exp, points, rtol=2e-15, atol=0.0, name="Exercise 4", hint=hint,
        mistakes=mistakes,
    )
    check_function(
        exp_reduced, math.exp, [-20.0, -3.3, 7.5, 30.0], rtol=1e-13, atol=0.0,
        name="Exercise 4, large x", hint=hint, mistakes=mistakes,
    )


def exercise_5(radius) -> None:
    """The radius of convergence of the Taylor series of ln(1 + x) at the centre 2."""
    check_scalar(
        radius, 3.0, name="Exercise 5",
        hint="the radius at 0 is 1, but it depends on the centre: how far is the centre 2 from "
             "x = -1, where ln(1 + x) breaks down? Or compute |c_k / c_(k+1)| for large k.",
    )


def exercise_6_newton_step(newton_step) -> None:
    """One Newton step x - f'(x) / f''(x), the stationary point of the quadratic model."""
    def fprime(t):  # f(x) = x**4/4 - 2x, as in the notebook (messages show these names)
        return t**3 - 2

    def fsecond(t):
        return 3 * t**2

    check_function(
        newton_step, lambda fp, fpp, x: x - fp(x) / fpp(x),
        [(fprime, fsecond, 1.0), (fprime, fsecond, 2.5), (np.sin, np.cos, 0.5)],
        name="Exercise 6, newton_step",
        hint="set the derivative of the model, f'(x) + f''(x) h, to zero and solve for h; "
             "return x + h.",
        mistakes={
            "check the sign: the model's stationary point is at h = -f'(x) / f''(x).":
                lambda fp, fpp, x: x + fp(x) / fpp(x),
            "x - f'(x) is a gradient step with step size 1; Newton's step divides f'(x) by "
            "f''(x).": lambda fp, fpp, x: x - fp(x),
            "the fraction is upside down: it is f'(x) / f''(x).":
                lambda fp, fpp, x: x - fpp(x) / fp(x),
        },
    )


def exercise_6_x_min(x_min) -> None:
    """Six Newton steps from 1 for x^4/4 - 2x: the cube root of 2."""
    check_scalar(
        x_min, 2 ** (1 / 3), rtol=1e-10, name="Exercise 6, x_min",
        hint="start from x_min = 1.0 and replace x_min by newton_step(fprime, fsecond, x_min) "
             "six times; the minimum is where x**3 = 2.",
    )
