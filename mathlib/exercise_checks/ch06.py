"""Checks for the exercises of chapter 6, "Taylor expansion"."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6_newton_step", "exercise_6_x_min"]

# The symbol of exercises 1 and 2; the notebook creates an equal one with sp.Symbol("x").
_X = sp.Symbol("x")


def exercise_1(T4_log) -> None:
    """The Taylor polynomial of degree 4 of ln(1 + x) at 0."""
    x = _X
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


def _reduce(x):
    k = round(x / math.log(2))
    return k, x - k * math.log(2)


def exercise_4(exp_reduced) -> None:
    """e^x by range reduction x = k ln 2 + r and a degree-12 polynomial for e^r."""
    check_function(
        exp_reduced, math.exp, [-20.0, -3.3, -0.1, 0.0, 0.2, 1.0, 7.5, 30.0], rtol=1e-13,
        name="Exercise 4",
        hint="k = round(x / ln 2), r = x - k ln 2, then return "
             "2**k * (1 + r + r**2/2 + ... + r**12/12!); a degree below 12 leaves a small error "
             "that this check still sees.",
        mistakes={
            "you returned e**r alone: multiply it by 2**k.": lambda x: math.exp(_reduce(x)[1]),
            "e**x = 2**k * e**r: multiply the two factors, do not add them.":
                lambda x: 2.0 ** _reduce(x)[0] + math.exp(_reduce(x)[1]),
        },
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
