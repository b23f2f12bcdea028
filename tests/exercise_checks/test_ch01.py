"""Chapter 1's exercise checks: right answers in any form pass, typical mistakes
fail."""

import math

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch01
from mathlib.limits import largest_delta


def test_exercise_1_difference_quotient(accepts, rejects):
    accepts(ch01.exercise_1, lambda f, x, h: (f(x + h) - f(x)) / h)
    accepts(ch01.exercise_1, lambda f, x, h: (f(x) - f(x + h)) / -h)
    assert "not 2h" in rejects(
        ch01.exercise_1, lambda f, x, h: (f(x + h) - f(x)) / (2 * h)
    )
    assert "same order" in rejects(
        ch01.exercise_1, lambda f, x, h: (f(x) - f(x + h)) / h
    )
    central = rejects(ch01.exercise_1, lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))
    assert "expected" in central and "Hint" not in central  # no misleading hint


def test_exercise_2_velocities(accepts, rejects):
    t, x = np.array(ch01.TIMES), np.array(ch01.POSITIONS)
    accepts(ch01.exercise_2, np.diff(x) / np.diff(t))
    accepts(ch01.exercise_2, [(x[i + 1] - x[i]) / (t[i + 1] - t[i]) for i in range(5)])
    assert "shape" in rejects(ch01.exercise_2, x / np.maximum(t, 1))  # one per reading
    assert "entries are wrong" in rejects(
        ch01.exercise_2, np.diff(x) / t[1:]
    )  # not intervals
    assert "shape (5,), got shape (1, 5)" in rejects(
        ch01.exercise_2, [np.diff(x) / np.diff(t)]
    )
    assert "flipped" in rejects(ch01.exercise_2, np.diff(x) / -np.diff(t))  # sign error


def test_exercise_2_does_not_print_the_right_velocities(rejects):
    t, x = np.array(ch01.TIMES), np.array(ch01.POSITIONS)
    message = rejects(
        ch01.exercise_2, np.diff(x) / t[1:]
    )  # the right ones are 4, 6, 7, ...
    assert "at index 1 yours is too small by about 40 %" in message
    assert "expected" not in message and "6.33" not in message


def test_exercise_3_one_sided_limits(accepts, rejects):
    accepts(ch01.exercise_3, 4, -4.0)
    accepts(ch01.exercise_3, sp.Integer(4), sp.Integer(-4))
    accepts(ch01.exercise_3, "4", np.float32(-4))
    assert "left-hand" in rejects(ch01.exercise_3, 4, 4)  # forgot the sign flip
    assert "right-hand" in rejects(ch01.exercise_3, 2, -2)
    assert "flipped" in rejects(ch01.exercise_3, 4, 4)


def test_exercise_4_exact_limit(accepts, rejects):
    accepts(ch01.exercise_4, sp.log(2))
    accepts(ch01.exercise_4, "log(2)")
    accepts(ch01.exercise_4, sp.log(4) / 2)
    accepts(ch01.exercise_4, "ln(8)/3")
    assert "not exact" in rejects(ch01.exercise_4, 0.693)
    assert "not exact" in rejects(
        ch01.exercise_4, math.log(2)
    )  # exact, the exercise says
    message = rejects(ch01.exercise_4, "log(2)/2")
    assert "too small by a factor of about 2" in message
    assert "log(2)" not in message.replace("log(2)/2", "")
    assert "flipped" in rejects(ch01.exercise_4, "-log(2)")


def test_exercise_5_delta_of_a_proof(accepts, rejects):
    accepts(ch01.exercise_5, lambda eps: min(1.0, eps / 5))
    accepts(
        ch01.exercise_5, lambda eps: math.sqrt(4 + eps) - 2
    )  # the largest delta works
    accepts(ch01.exercise_5, lambda eps: min(0.5, eps / 10))
    accepts(
        ch01.exercise_5,
        lambda eps: largest_delta(np.square, 2.0, 4.0, eps, search=10.0) * 0.999,
    )
    assert "too large" in rejects(ch01.exercise_5, lambda eps: eps / 4)
    assert "positive" in rejects(ch01.exercise_5, lambda eps: 0)


def test_exercise_5_rejects_deltas_that_break_for_some_eps(rejects):
    assert "ε = 10" in rejects(ch01.exercise_5, lambda eps: eps / 5)  # eps > 5
    assert "too large" in rejects(
        ch01.exercise_5, lambda eps: min(1, eps / 4.5)
    )  # 2.25..5
    assert "too large" in rejects(ch01.exercise_5, lambda eps: 1e-10)  # small eps
    assert "too large" in rejects(ch01.exercise_5, lambda eps: 1e-12)  # smaller still
    assert "every ε" in rejects(ch01.exercise_5, lambda eps: 1e-17)  # below rounding
    assert "too large" in rejects(ch01.exercise_5, lambda eps: min(1, eps / 4.0001))
