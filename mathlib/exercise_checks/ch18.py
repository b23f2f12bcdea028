"""Checks for the exercises of :doc:`/chapters/18-variations`.

The references come from :mod:`mathlib.variations`, the library the chapter teaches:
``euler_lagrange`` for the formula of exercise 1, ``travel_time`` for the incline of
exercise 3 and the code of exercise 5, ``cycloid_through`` for exercise 4, and
``solve_brachistochrone`` with ``mathlib.numdiff.observed_order`` for exercise 6. The
extremal of exercise 2 is checked by SymPy equivalence.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy as sp

from mathlib import variations
from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.numdiff import observed_order

__all__ = [
    "EXERCISE_1_SYMBOLS", "EXERCISE_3_END", "EXERCISE_4_END", "EXERCISE_6_END",
    "EXERCISE_6_NS", "G", "exercise_1", "exercise_2", "exercise_3", "exercise_4",
    "exercise_5", "exercise_6",
]

G = 9.81
# Exercise 1: x, y, y' and y'' as symbols.
EXERCISE_1_SYMBOLS = sp.symbols("x y yp ypp", real=True)
# Exercise 3: the lower end of the incline; exercise 4: the end of the cycloid.
EXERCISE_3_END = (4.0, 1.0)
EXERCISE_4_END = (2.0, 1.0)
# Exercise 6: the end point and the numbers of segments of the refinement study.
EXERCISE_6_END = (2.0, 1.0)
EXERCISE_6_NS = (8, 16, 32, 64)


# ------------------------------------------------------------------------------
# Exercises 1 and 2: an Euler–Lagrange equation and its extremal.

def exercise_1(expression) -> None:
    """F_y − d/dx F_y' for F = y'² + 2xy, in the symbols x, y, yp, ypp."""
    x, y, yp, ypp = EXERCISE_1_SYMBOLS
    right = variations.euler_lagrange(yp**2 + 2 * x * y, x, y, yp, ypp)  # 2x − 2y''
    check_expr(
        expression, right, name="Exercise 1",
        hint="F_y is the derivative in y with y' held fixed; F_y' = 2y', and its total "
             "derivative along the curve is d/dx(2y') = 2y''.",
        mistakes={
            "the sign: the expression is F_y minus d/dx F_y', not the other way "
            "round.": -right,
            "a factor 2 is missing in d/dx F_y': the derivative of y'² in y' is "
            "2y'.": 2 * x - ypp,
            "d/dx F_y' is the total derivative along the curve, d/dx(2y') = 2y''; the "
            "partial derivative in x alone is 0.": 2 * x,
            "that is F_y − F_y'; the second term is the derivative d/dx of F_y'.":
                2 * x - 2 * yp,
        },
    )


def exercise_2(extremal) -> None:
    """The extremal of ∫₀¹ (y'² + 2xy) dx with y(0) = 0 and y(1) = 1."""
    x = EXERCISE_1_SYMBOLS[0]
    check_expr(
        extremal, x**3 / 6 + 5 * x / 6, name="Exercise 2",
        hint="the equation 2x − 2y'' = 0 says y'' = x; integrate twice and fit the two "
             "constants to y(0) = 0 and y(1) = 1.",
        mistakes={
            "this solves y'' = x but misses the end condition y(1) = 1: add a linear "
            "term c·x and fit c.": x**3 / 6,
            "this solves y'' = −x: check the sign of the equation.":
                -(x**3) / 6 + 7 * x / 6,
            "this solves y'' = 2x; the factor 2 cancels on both sides of "
            "2y'' = 2x.": x**3 / 3 + 2 * x / 3,
            "that is the straight line between the ends, the extremal of the length; "
            "the term 2xy bends it.": x,
        },
    )


# ------------------------------------------------------------------------------
# Exercises 3 and 4: travel times down an incline and down the cycloid.

def exercise_3(time) -> None:
    """The time from rest down the straight line from (0, 0) to EXERCISE_3_END."""
    X, Y = EXERCISE_3_END
    right = variations.travel_time([0.0, X], [0.0, Y], G)
    length = np.hypot(X, Y)
    check_scalar(
        time, right, name="Exercise 3", rtol=1e-4,
        hint="the bead accelerates uniformly along the line from speed 0 to "
             "√(2gY); the time is the length divided by the mean speed.",
        mistakes={
            "that is the length divided by the final speed; the bead starts at rest, "
            "so its mean speed is half the final one.": length / np.sqrt(2 * G * Y),
            "that is the time of a free fall through the depth Y; the incline is "
            "longer and its acceleration smaller.": np.sqrt(2 * Y / G),
            "that uses g = 9.8; the exercise takes g = 9.81 m/s².":
                right * np.sqrt(G / 9.8),
            "that uses g = 10; the exercise takes g = 9.81 m/s².":
                right * np.sqrt(G / 10),
        },
    )


def _cycloid_time_with(theta: float, Y: float, g: float) -> float:
    return theta * np.sqrt(Y / (1 - np.cos(theta)) / g)


def exercise_4(time) -> None:
    """The cycloid's travel time from rest at (0, 0) to EXERCISE_4_END."""
    X, Y = EXERCISE_4_END
    best = variations.cycloid_through(X, Y, G)
    swapped = variations.cycloid_through(Y, X, G).theta_end   # solved X/Y -> Y/X
    check_scalar(
        time, best.time, name="Exercise 4", rtol=1e-6,
        hint="solve (Θ − sin Θ)/(1 − cos Θ) = X/Y for Θ in (0, 2π) (with "
             "scipy.optimize.brentq, say), then R = Y/(1 − cos Θ) and T = Θ√(R/g).",
        mistakes={
            "that is Θ√(g/R); the time is Θ√(R/g) (check the units: seconds).":
                best.theta_end * np.sqrt(G / best.radius),
            "that is √(R/g) without the factor Θ: dt/dθ = √(R/g), so T = Θ√(R/g).":
                np.sqrt(best.radius / G),
            "the angle equation is (Θ − sin Θ)/(1 − cos Θ) = X/Y; this Θ solves it "
            "with Y/X.": _cycloid_time_with(swapped, Y, G),
            "that is the time down the straight line, which is slower.":
                variations.travel_time([0.0, X], [0.0, Y], G),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the travel time of a polygon, in code.

def _polygon_cases() -> list[tuple]:
    """(x, y, g): random polygons from rest at depth 0, of 1 to 12 segments."""
    rng = np.random.default_rng(1805)
    cases = []
    for n, g in [(1, 9.81), (2, 9.81), (3, 1.0), (5, 9.81), (8, 3.7), (12, 9.81)]:
        x = np.concatenate([[0.0], np.sort(rng.uniform(0, 3, n))])
        y = np.concatenate([[0.0], rng.uniform(0.1, 2.0, n)])
        cases.append((x, y, g))
    return cases


def _segment_parts(x, y, g):
    """Lengths, start speeds, end speeds and horizontal steps of the segments."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    v = np.sqrt(2 * g * y)
    return np.hypot(np.diff(x), np.diff(y)), v[:-1], v[1:], np.diff(x)


def _without_two(x, y, g):
    length, v0, v1, _ = _segment_parts(x, y, g)
    return np.sum(length / (v0 + v1))


def _at_end_speed(x, y, g):
    length, _, v1, _ = _segment_parts(x, y, g)
    return np.sum(length / v1)


def _horizontal(x, y, g):
    _, v0, v1, dx = _segment_parts(x, y, g)
    return np.sum(2 * dx / (v0 + v1))


def exercise_5(polygon_time) -> None:
    """Σ 2ℓ_i/(v_i + v_{i+1}) with v = √(2gy), on six random polygons."""
    check_function(
        polygon_time, variations.travel_time, _polygon_cases(), name="Exercise 5",
        rtol=1e-9, atol=1e-12,
        hint="segment i has length ℓ_i = √(Δx_i² + Δy_i²) and end speeds "
             "v = √(2g y) at its two nodes; it takes 2ℓ_i/(v_i + v_{i+1}).",
        mistakes={
            "the factor 2 is missing: a segment takes its length over the mean speed "
            "(v_i + v_{i+1})/2.": _without_two,
            "each segment is timed at its end speed; the speed changes along it, and "
            "the mean speed is (v_i + v_{i+1})/2.": _at_end_speed,
            "that uses the horizontal step Δx_i; the bead travels the segment's "
            "length √(Δx_i² + Δy_i²).": _horizontal,
            "the speed at depth y is √(2gy) (from ½v² = gy), not √(gy).":
                lambda x, y, g: np.sqrt(2) * variations.travel_time(x, y, g),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the observed order on the uniform grid.

@functools.lru_cache(maxsize=1)
def _study() -> tuple[float, float, float]:
    """Observed orders of time and curve error, uniform grid, and time error, graded."""
    X, Y = EXERCISE_6_END
    best = variations.cycloid_through(X, Y)
    h = 1 / np.array(EXERCISE_6_NS, dtype=float)
    result = []
    for power, what in [(1.0, "time"), (1.0, "curve"), (3.0, "time")]:
        errors = []
        for n in EXERCISE_6_NS:
            sol = variations.solve_brachistochrone(X, Y, n, power=power)
            errors.append(sol.time - best.time if what == "time" else
                          np.abs(sol.y - variations.cycloid_height(best, sol.x)).max())
        result.append(observed_order(h, errors))
    return tuple(result)


def exercise_6(order) -> None:
    """The least-squares order of min T_n − T* against h = 1/n on the uniform grid."""
    p_time, p_curve, p_graded = _study()
    check_scalar(
        order, p_time, name="Exercise 6", rtol=1e-3,
        hint="solve with solve_brachistochrone(X, Y, n, power=1.0) for each n, take "
             "sol.time − T* with T* from cycloid_through, and pass h = 1/n and the "
             "errors to observed_order.",
        mistakes={
            "the order is the slope against h = 1/n, which is positive; against n "
            "the slope is its negative.": -p_time,
            "that is the order of the curve error; the exercise asks for the time "
            "error.": p_curve,
            "that is the order on the graded grid (power 3); the exercise asks for "
            "the uniform grid, power=1.0.": p_graded,
        },
    )
