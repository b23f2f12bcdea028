"""Checks for the exercises of chapter 7, "Integration and change of variables"."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import CheckFailure, check_array, check_expr, check_function, check_scalar

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]

# The symbols of exercises 2 and 3; the notebook creates equal ones with
# sp.symbols("x t", positive=True) and sp.symbols("rho phi theta", positive=True).
_T = sp.Symbol("t", positive=True)
_RHO, _PHI = sp.symbols("rho phi", positive=True)


def _sum_at(f, a, b, n, shift):
    """h times the sum of f at a + (i + shift) h, i = 0, ..., n - 1."""
    h = (b - a) / n
    return h * np.sum(f(a + h * (np.arange(n) + shift)))


def exercise_1(midpoint_sum) -> None:
    """The midpoint rule with n equal pieces."""
    check_function(
        midpoint_sum, lambda f, a, b, n: _sum_at(f, a, b, n, 0.5),
        [(np.exp, 0.0, 1.0, 4), (np.sin, 0.0, np.pi, 3), (np.square, -1.0, 2.0, 5),
         (np.cos, 1.0, 4.0, 10)],
        name="Exercise 1",
        hint="the i-th piece is [a + i h, a + (i + 1) h] for i = 0, ..., n - 1; its midpoint is "
             "a + (i + 1/2) h.",
        mistakes={
            "those are the left ends of the pieces; the midpoint of [a + i h, a + (i+1) h] is "
            "a + (i + 1/2) h.": lambda f, a, b, n: _sum_at(f, a, b, n, 0.0),
            "those are the right ends of the pieces; the midpoint is half a step to the left.":
                lambda f, a, b, n: _sum_at(f, a, b, n, 1.0),
            "each rectangle has width h: multiply the sum of heights by h.":
                lambda f, a, b, n: _sum_at(f, a, b, n, 0.5) / ((b - a) / n),
        },
    )


def exercise_2(G) -> None:
    """The integral of x exp(-x^2/2) from 0 to t, by the substitution u = x^2/2."""
    t = _T
    check_expr(
        G, 1 - sp.exp(-t**2 / 2), name="Exercise 2",
        hint="with u = x**2/2, du = x dx and the limits become 0 and t**2/2; "
             "then integrate exp(-u).",
        mistakes={
            "check the sign: the antiderivative of exp(-u) is -exp(-u), and G(0) must be 0.":
                sp.exp(-t**2 / 2) - 1,
            "the lower limit contributes too: G(t) = F(t) - F(0) with F(0) = -1.":
                -sp.exp(-t**2 / 2),
            "with u = x**2/2 the upper limit is t**2/2, not t**2.": 1 - sp.exp(-t**2),
        },
    )


def exercise_3(det_spherical, ball_volume) -> None:
    """The Jacobian determinant of spherical coordinates, and the volume of the unit ball."""
    rho, phi = _RHO, _PHI
    check_expr(
        det_spherical, rho**2 * sp.sin(phi),
        name="Exercise 3, determinant",
        hint="build the 3 x 3 matrix of partial derivatives (sp.Matrix([...]).jacobian([rho, "
             "phi, theta])) and take .det(), then sp.simplify.",
        mistakes={
            "the sign flips when two columns swap: take the variables in the order rho, phi, "
            "theta.": -rho**2 * sp.sin(phi),
            "one factor rho is missing: both angle columns carry a factor rho.":
                rho * sp.sin(phi),
            "phi is measured from the z-axis here (z = rho cos(phi)), which gives sin(phi), "
            "not cos(phi).": rho**2 * sp.cos(phi),
        },
    )
    check_scalar(ball_volume, 4 * math.pi / 3, name="Exercise 3, volume",
                 hint="integrate |det| over rho in [0, 1], phi in [0, pi], theta in [0, 2 pi].")


def _exponential_density(y):
    return 2 * np.exp(-2 * y)


def exercise_4(p_Y) -> None:
    """The density of Y = -ln(U) / 2 for U uniform on (0, 1): 2 exp(-2y), also on an array."""
    hint = "g^-1(y) = exp(-2 y); p_U is 1 there; multiply by |d g^-1 / dy|."
    check_function(
        p_Y, _exponential_density, [0.1, 0.5, 1.0, 2.0, 3.5], name="Exercise 4", hint=hint,
        mistakes={
            "p_U(g^-1(y)) = 1 is only half of the formula: multiply by |d g^-1 / dy|, how much "
            "the map stretches lengths.": lambda y: np.ones_like(np.asarray(y, dtype=float)),
            "a density cannot be negative: g^-1 is decreasing, so take the absolute value of "
            "its derivative.": lambda y: -2 * np.exp(-2 * y),
            "solve y = -ln(u) / 2 for u: u = exp(-2 y), not exp(-y / 2).":
                lambda y: 0.5 * np.exp(-y / 2),
        },
    )
    ys = np.array([0.1, 0.5, 1.0, 2.0, 3.5])
    array_hint = ("use NumPy functions (np.exp, np.abs, np.where), which work elementwise, "
                  "rather than math.exp or an `if` on y.")
    try:
        values = p_Y(ys)
    except Exception as exc:  # noqa: BLE001 - any student error becomes a message
        raise CheckFailure(f"Exercise 4, array input: p_Y must accept a NumPy array, but "
                           f"p_Y(np.array([0.1, 0.5, 1.0, 2.0, 3.5])) raised "
                           f"{type(exc).__name__}: {exc}. Hint: {array_hint}") from None
    check_array(values, _exponential_density(ys), name="Exercise 4, array input",
                hint="called with an array of 5 values, p_Y should return an array of the 5 "
                     "densities; " + array_hint)


def exercise_5(n_points) -> None:
    """The number of Monte Carlo points for a standard error of 0.001 in the estimate of pi.

    The answer is the whole number ceil(16 p (1 - p) / 0.001**2) with p = pi / 4; anything
    else fails, rounding down and non-integers with their own message.
    """
    p_in = math.pi / 4
    exact = 16 * p_in * (1 - p_in) / 0.001**2          # (sigma / 0.001)**2, not a whole number
    hint = ("the standard error is sigma / sqrt(n) with sigma = 4 sqrt(p (1 - p)); set it to "
            "0.001 and solve for n: n = (sigma / 0.001)**2, rounded up to a whole number.")
    try:
        value = float(n_points)
    except (TypeError, ValueError):
        value = None  # not a number: check_scalar explains
    if value is not None and abs(value - exact) < 2:
        if value == math.floor(exact):
            raise CheckFailure(f"Exercise 5: {n_points!r} is rounded down, so its standard error "
                               f"is a little above 0.001. Round up, with math.ceil.")
        if not value.is_integer():
            raise CheckFailure(f"Exercise 5: {n_points!r} is close, but n counts points, so it "
                               f"must be a whole number: round (sigma / 0.001)**2 up, with "
                               f"math.ceil.")
    check_scalar(n_points, math.ceil(exact), rtol=0.0, atol=0.0, name="Exercise 5", hint=hint)
