"""Checks for the exercises of :doc:`/chapters/07-integration`."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.integrate import riemann_sum, transformed_density

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5"]

# The symbols of exercises 2 and 3; the notebook creates equal ones with
# sp.symbols("x t", positive=True) and sp.symbols("rho phi theta", positive=True).
_T = sp.Symbol("t", positive=True)
_RHO, _PHI = sp.symbols("rho phi", positive=True)


def exercise_1(midpoint_sum) -> None:
    """The midpoint rule with n equal pieces."""
    check_function(
        midpoint_sum, lambda f, a, b, n: riemann_sum(f, a, b, n, rule="midpoint"),
        [(np.exp, 0.0, 1.0, 4), (np.sin, 0.0, np.pi, 3), (np.square, -1.0, 2.0, 5),
         (np.cos, 1.0, 4.0, 10)],
        name="Exercise 1",
        hint="the i-th piece is [a + i h, a + (i + 1) h] for i = 0, ..., n - 1: "
             "evaluate f at the middle of each piece.",
        mistakes={
            "those are the left ends of the pieces; the midpoint is half a step "
            "further right.": lambda f, a, b, n: riemann_sum(f, a, b, n, rule="left"),
            "those are the right ends of the pieces; the midpoint is half a step to "
            "the left.": lambda f, a, b, n: riemann_sum(f, a, b, n, rule="right"),
            "each rectangle has width h: multiply the sum of heights by h.":
                lambda f, a, b, n: riemann_sum(f, a, b, n, "midpoint") * n / (b - a),
        },
    )


def exercise_2(G) -> None:
    """The integral of x exp(-x^2/2) from 0 to t, by the substitution u = x^2/2."""
    t = _T
    check_expr(
        G, 1 - sp.exp(-t**2 / 2), name="Exercise 2",
        hint="with u = x**2/2, du = x dx and the limits of u follow from those of x; "
             "then integrate exp(-u).",
        mistakes={
            "check the sign: the antiderivative of exp(-u) is -exp(-u), and G(0) must "
            "be 0.":
                sp.exp(-t**2 / 2) - 1,
            "the lower limit contributes too: G(t) = F(t) - F(0), and F(0) is not 0.":
                -sp.exp(-t**2 / 2),
            "with u = x**2/2 the upper limit is t**2/2, not t**2.": 1 - sp.exp(-t**2),
        },
    )


def exercise_3(det_spherical, ball_volume) -> None:
    """The Jacobian determinant of spherical coordinates; the unit ball's volume."""
    rho, phi = _RHO, _PHI
    check_expr(
        det_spherical, rho**2 * sp.sin(phi),
        name="Exercise 3, determinant",
        hint="build the 3 x 3 matrix of partial derivatives "
             "(sp.Matrix([...]).jacobian([rho, phi, theta])) and take .det(), then "
             "sp.simplify.",
        mistakes={
            "the sign flips when two columns swap: take the variables in the order "
            "rho, phi, theta.": -rho**2 * sp.sin(phi),
            "one factor rho is missing: both angle columns carry a factor rho.":
                rho * sp.sin(phi),
            "phi is measured from the z-axis here (z = rho cos(phi)), not from the "
            "xy-plane.": rho**2 * sp.cos(phi),
        },
    )
    check_scalar(ball_volume, 4 * math.pi / 3, name="Exercise 3, volume",  # (1/3)·2·2π
                 hint="integrate |det| over rho in [0, 1], phi in [0, pi], theta in "
                      "[0, 2 pi].")


def _density_of_y():
    """p_Y for Y = g(U) = -ln(U) / 2, U uniform on (0, 1): g⁻¹(y) = exp(-2y)."""
    return transformed_density(lambda u: np.where((0 < u) & (u < 1), 1.0, 0.0),
                               lambda y: np.exp(-2 * y), lambda y: -2 * np.exp(-2 * y))


def exercise_4(p_Y) -> None:
    """The density of Y = -ln(U) / 2 for U uniform on (0, 1), on arrays too."""
    p_y = _density_of_y()
    check_function(
        p_Y, p_y, [0.1, 0.5, 1.0, 2.0, 3.5], name="Exercise 4", vectorised=True,
        hint="g^-1(y) = exp(-2 y); p_U is 1 there; multiply by |d g^-1 / dy|.",
        mistakes={
            "p_U(g^-1(y)) = 1 is only half of the formula: multiply by |d g^-1 / dy|, "
            "how much the map stretches lengths.": lambda y: np.ones_like(y),
            "a density cannot be negative: g^-1 is decreasing, so take the absolute "
            "value of its derivative.": lambda y: -p_y(y),
            "solve y = -ln(u) / 2 for u: u = exp(-2 y), not exp(-y / 2).":
                lambda y: 0.5 * np.exp(-y / 2),
        },
    )


def exercise_5(n_points) -> None:
    """The number of Monte Carlo points for a standard error of 0.001 in the estimate
    of pi.

    The answer is the whole number ceil(16 p (1 - p) / 0.001**2) with p = pi / 4;
    anything else fails, rounding down and non-integers with their own message.
    """
    p_in = math.pi / 4
    exact = 16 * p_in * (1 - p_in) / 0.001**2    # (sigma / 0.001)**2, not whole
    check_scalar(
        n_points, math.ceil(exact), rtol=0.0, atol=0.0, name="Exercise 5", whole=True,
        hint="the standard error is sigma / sqrt(n); set it to 0.001, solve for n, and "
             "round up to a whole number (n counts points).",
        mistakes={"that is rounded down, so its standard error is a little above "
                  "0.001. Round up, with math.ceil.": math.floor(exact)},
    )
