"""mathlib.limits against closed forms."""

import math

import numpy as np
import pytest

from mathlib.checks import CheckFailure, check_delta
from mathlib.limits import delta_works, difference_quotient, largest_delta, punctured_grid


def test_difference_quotient_of_square_is_2x_plus_h():
    for x, h in [(1.0, 0.5), (-2.0, 0.25), (3.0, -0.125)]:
        assert difference_quotient(lambda t: t**2, x, h) == pytest.approx(2 * x + h)


def test_difference_quotient_error_shrinks_linearly_in_h():
    errors = [abs(difference_quotient(math.sin, 1.0, h) - math.cos(1.0))
              for h in (1e-2, 1e-3)]
    assert errors[0] / errors[1] == pytest.approx(10, rel=0.01)


@pytest.mark.parametrize("h", [0.0, float("nan"), float("inf")])
def test_difference_quotient_rejects_bad_step(h):
    with pytest.raises(ValueError, match="h"):
        difference_quotient(math.sin, 1.0, h)


def test_punctured_grid_leaves_out_the_point_and_stays_inside():
    x = punctured_grid(2.0, 0.1, n=101)
    assert not np.any(x == 2.0)
    assert np.all(np.abs(x - 2.0) < 0.1) and x.size == 202
    assert np.abs(x - 2.0).min() < 1e-4  # reaches close to a


def test_delta_works_finds_a_witness_for_too_large_delta():
    result = delta_works(lambda x: x**2, 1.0, 1.0, eps=0.1, delta=0.2)
    assert not result.works and abs(result.witness**2 - 1) >= 0.1


def test_delta_works_ignores_value_at_the_point():
    # f has a hole at 0 and a wrong value there; the limit is still 1.
    def f(x):
        x = np.asarray(x, dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(x == 0, 5.0, np.sin(x) / x)

    assert delta_works(f, 0.0, 1.0, eps=0.01, delta=0.2).works


def test_largest_delta_matches_closed_form_for_square():
    for eps in (0.5, 0.1, 0.01):
        exact = math.sqrt(1 + eps) - 1  # the right side is the binding one
        got = largest_delta(lambda x: x**2, 1.0, 1.0, eps)
        assert got == pytest.approx(exact, rel=1e-3)


def test_check_delta_accepts_textbook_delta_and_rejects_too_large_one(capsys):
    check_delta(lambda eps: min(1.0, eps / 3), lambda x: x**2, 1.0, 1.0)
    assert "\N{CHECK MARK}" in capsys.readouterr().out
    with pytest.raises(CheckFailure, match="too large"):
        check_delta(lambda eps: eps / 2, lambda x: x**2, 1.0, 1.0)


@pytest.mark.parametrize(
    ("answer", "words"),
    [(lambda eps: 0.0, "positive"), (lambda eps: -eps, "positive"),
     (lambda eps: 1e-3, "too large"),
     (None, "got None"), (0.1, "expected a function")],
)
def test_check_delta_rejects_bad_answers(answer, words):
    with pytest.raises(CheckFailure, match=words):
        check_delta(answer, lambda x: x**2, 1.0, 1.0)
