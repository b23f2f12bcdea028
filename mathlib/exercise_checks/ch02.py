"""Checks for the exercises of :doc:`/chapters/02-derivative`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.differentiability import one_sided_quotients, weierstrass
from mathlib.functions import relu

__all__ = ["exercise_1", "exercise_2a", "exercise_2b", "exercise_3", "exercise_4a",
           "exercise_4b", "exercise_5a", "exercise_5b"]

# The symbols of exercise 1; the notebook creates equal ones with sp.symbols("a h").
_A, _H = sp.symbols("a h")


def exercise_1(quotient, derivative) -> None:
    """The difference quotient of 1/x at a, simplified, and its limit."""
    check_expr(
        quotient, -1 / (_A * (_A + _H)), name="Exercise 1, quotient",
        hint="put 1/(a + h) - 1/a over a common denominator; then the h cancels.",
        mistakes={"the quotient is (f(a + h) - f(a)) / h: subtract f(a) from f(a + h), "
                  "not the other way round.": 1 / (_A * (_A + _H))},
    )
    check_expr(
        derivative, -1 / _A**2, name="Exercise 1, derivative",
        hint="let h -> 0 in the simplified quotient (sp.limit(quotient, h, 0)).",
        mistakes={"the sign is lost: f(a + h) < f(a) for a, h > 0, so the slope is "
                  "negative.": 1 / _A**2},
    )


def _one_sided(f, a, h):
    return tuple(one_sided_quotients(f, a, h))


def exercise_2a(one_sided) -> None:
    """The pair (left, right) of secant slopes for a step h > 0."""
    check_function(
        one_sided, _one_sided,
        [(abs, 0.0, 0.1), (np.exp, 1.0, 1e-3), (np.square, 2.0, 0.5),
         (np.sin, -1.0, 0.25)],
        name="Exercise 2a",
        hint="left is the slope of the secant on [a - h, a] and right the slope on "
             "[a, a + h]: rise over run, where the run is h.",
        mistakes={
            "the left slope is the value at the right end of [a - h, a] minus the "
            "value at its left end, over the width h; yours has the opposite sign.":
                lambda f, a, h: (-_one_sided(f, a, h)[0], _one_sided(f, a, h)[1]),
            "return the pair in the order (left, right).":
                lambda f, a, h: _one_sided(f, a, h)[::-1],
        },
    )


def exercise_2b(left_slope, right_slope) -> None:
    """The one-sided derivatives of |x^2 - 1| at 1."""
    check_scalar(left_slope, -2.0, rtol=1e-4, name="Exercise 2b, left derivative",
                 hint="for x just below 1, |x**2 - 1| = 1 - x**2; use one_sided(g, "
                      "1.0, 1e-6).")
    check_scalar(right_slope, 2.0, rtol=1e-4, name="Exercise 2b, right derivative",
                 hint="for x just above 1, |x**2 - 1| = x**2 - 1.")


def exercise_3(c, d) -> None:
    """The line c x + d that continues x^2 differentiably at 1."""
    check_scalar(c, 2, name="Exercise 3, c",
                 hint="the right derivative at 1 is c; the left derivative is the "
                      "slope of x**2 at 1.")
    check_scalar(d, -1, name="Exercise 3, d",
                 hint="a differentiable function is continuous, so the two pieces meet "
                      "at 1.")


def exercise_4a(fprime) -> None:
    """The derivative of 0 (x < 0), x^2 (x >= 0): twice the ReLU, on arrays too."""
    check_function(
        fprime, lambda x: 2 * relu(x), [-2.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 3.0],
        name="Exercise 4a", vectorised=True,
        hint="differentiate each piece; at 0 compare the left and right quotients "
             "of f.",
        mistakes={
            "for x < 0, f is the constant 0, so its slope there is 0, not 2x.":
                lambda x: 2 * x,
            "that is f itself; fprime must return the slope of f."
            "": lambda x: relu(x) ** 2,
        },
    )


def exercise_4b(second_left, second_right) -> None:
    """The one-sided derivatives of f' = 2 max(x, 0) at 0."""
    check_scalar(second_left, 0, name="Exercise 4b, left derivative of f'",
                 hint="it is the slope of the graph of f' just left of the junction, "
                      "where f' is the derivative of the piece for negative x.")
    check_scalar(second_right, 2, name="Exercise 4b, right derivative of f'",
                 hint="it is the slope of the graph of f' just right of the junction, "
                      "where f' is the derivative of the piece x**2.")


def _variant(x, n, trig=np.cos, factor=np.pi):
    """The partial sum with a wrong function or a missing factor (a typical mistake)."""
    return sum(0.5**k * trig(13**k * factor * x) for k in range(n))


def exercise_5a(partial_sum) -> None:
    """The Weierstrass partial sum with a = 1/2, b = 13."""
    check_function(
        partial_sum, lambda x, n: weierstrass(x, n),
        [(0.3, 1), (0.3, 4), (-0.7, 3), (0.123, 5), (0.25, 2), (1.0, 3)],
        name="Exercise 5a",
        hint="the sum starts at n = 0 (the term cos(pi x)) and has n_terms terms.",
        mistakes={
            "the sum starts at n = 0, with the term a**0 * cos(pi * x) = cos(pi * x); "
            "yours starts at n = 1."
            "": lambda x, n: weierstrass(x, n + 1) - np.cos(np.pi * x),
            "the sum has n_terms terms, n = 0, ..., n_terms - 1; yours has one more.":
                lambda x, n: weierstrass(x, n + 1),
            "the cosine's argument is b**n * pi * x: the factor pi is missing.":
                lambda x, n: _variant(x, n, factor=1.0),
            "the terms are cosines, not sines."
            "": lambda x, n: _variant(x, n, trig=np.sin),
        },
    )


def exercise_5b(n_needed) -> None:
    """The number of terms that pins W down to 1e-6 by the tail bound a^N / (1 - a)."""
    smallest = next(n for n in range(100) if 0.5**n / (1 - 0.5) <= 1e-6)
    check_scalar(
        n_needed, smallest, name="Exercise 5b", whole=True,
        hint="with a = 1/2 the bound a**N / (1 - a) is a power of 2; find the smallest "
             "N for which it is at most 1e-6 (solve for N, then round up).",
        mistakes={"the bound is still above 1e-6 for this N: round up, not down.":
                  smallest - 1},
    )
