"""Each chapter's exercise checks accept the worked solution and reject typical mistakes."""

import math

import numpy as np
import pytest
import sympy as sp

from mathlib.checks import CheckFailure
from mathlib.exercise_checks import ch01


def rejects(check, *answer) -> str:
    with pytest.raises(CheckFailure) as info:
        check(*answer)
    return str(info.value)


def test_ch01_exercise_1():
    ch01.exercise_1(lambda f, x, h: (f(x + h) - f(x)) / h)
    assert "not 2h" in rejects(ch01.exercise_1, lambda f, x, h: (f(x + h) - f(x)) / (2 * h))
    assert "same order" in rejects(ch01.exercise_1, lambda f, x, h: (f(x) - f(x + h)) / h)
    assert "central" not in rejects(ch01.exercise_1,
                                    lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))


def test_ch01_exercise_2():
    t, x = np.array(ch01.TIMES), np.array(ch01.POSITIONS)
    ch01.exercise_2(np.diff(x) / np.diff(t))
    assert "shape" in rejects(ch01.exercise_2, x / np.maximum(t, 1))       # one per reading
    assert "entries are wrong" in rejects(ch01.exercise_2, np.diff(x) / t[1:])  # not intervals


def test_ch01_exercise_3():
    ch01.exercise_3(4, -4.0)
    ch01.exercise_3(sp.Integer(4), sp.Integer(-4))
    assert "left-hand" in rejects(ch01.exercise_3, 4, 4)        # forgot the sign flip
    assert "right-hand" in rejects(ch01.exercise_3, 2, -2)


def test_ch01_exercise_4():
    ch01.exercise_4(sp.log(2))
    ch01.exercise_4("log(2)")
    ch01.exercise_4(sp.log(4) / 2)
    assert "not exact" in rejects(ch01.exercise_4, 0.693)
    assert "1/2 times" in rejects(ch01.exercise_4, "log(2)/2")


def test_ch01_exercise_5():
    ch01.exercise_5(lambda eps: min(1.0, eps / 5))
    ch01.exercise_5(lambda eps: math.sqrt(4 + eps) - 2)        # the largest delta also works
    assert "too large" in rejects(ch01.exercise_5, lambda eps: eps / 4)
    assert "positive" in rejects(ch01.exercise_5, lambda eps: 0)
