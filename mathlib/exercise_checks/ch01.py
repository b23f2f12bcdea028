"""Checks for the exercises of :doc:`/chapters/01-limits-and-tangents`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib.checks import (
    check_array,
    check_delta,
    check_expr,
    check_function,
    check_scalar,
)
from mathlib.limits import difference_quotient

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "TIMES", "POSITIONS"]

# Exercise 2's readings: a cyclist's positions (m) at irregular times (s).
TIMES = (0.0, 1.0, 2.5, 3.0, 4.5, 6.0)
POSITIONS = (0.0, 4.0, 13.0, 16.5, 26.0, 33.5)


def exercise_1(student_difference_quotient) -> None:
    """The difference quotient, tried on several functions, points and signed steps."""
    check_function(
        student_difference_quotient, difference_quotient,
        [(np.sin, 1.0, 0.1), (np.exp, 0.0, -0.5), (np.square, 2.0, 1e-3),
         (np.cos, -1.0, 2.0)],
        name="Exercise 1",
        mistakes={
            "subtract in the same order above and below: the later point first in both."
            "":
                lambda f, x, h: -difference_quotient(f, x, h),
            "the width of the interval from x to x + h is h, not 2h.":
                lambda f, x, h: difference_quotient(f, x, h) / 2,
        },
    )


def exercise_2(velocities) -> None:
    """Average velocities between consecutive readings."""
    check_array(
        velocities, np.diff(POSITIONS) / np.diff(TIMES), name="Exercise 2",
        hint="each interval has its own length: divide each change of position by the "
             "time that interval took. np.diff gives the changes, and there is one "
             "fewer interval than readings.",
    )


def exercise_3(right_limit, left_limit) -> None:
    """One-sided limits of (x^2 - 4) / |x - 2| at 2."""
    check_scalar(right_limit, 4, name="Exercise 3, right-hand limit",
                 hint="for x > 2, |x - 2| = x - 2; simplify the fraction first.")
    check_scalar(left_limit, -4, name="Exercise 3, left-hand limit",
                 hint="for x < 2, |x - 2| = -(x - 2), which flips the sign.")


def exercise_4(limit_value) -> None:
    """The limit of (2^x - 1) / x at 0, exactly."""
    check_expr(limit_value, sp.log(2), name="Exercise 4",
               hint="look at the quotients for small x on both sides; sp.limit(expr, "
                    "x, 0) gives the exact value.")


def exercise_5(delta_for) -> None:
    """A working delta(eps) for the limit of x^2 at 2."""
    check_delta(delta_for, np.square, 2.0, 4.0, name="Exercise 5",
                hint="bound |x + 2| on |x - 2| < 1 first, then take the smaller of two "
                     "deltas.")
