"""mathlib.differentiability against closed forms and mpmath references."""

import math

import mpmath
import numpy as np
import pytest

from mathlib.differentiability import (
    change_and_differential,
    is_classical,
    one_sided_quotients,
    weierstrass,
    weierstrass_bound,
    weierstrass_steps,
    zoom_deviation,
)


def weierstrass_mp(x, n_terms, a, b, dps=150):
    """The partial sum at the exact value of the float x, in 150-digit arithmetic."""
    with mpmath.workdps(dps):
        x = mpmath.mpf(x)
        return float(sum(mpmath.mpf(a) ** n * mpmath.cos(b**n * mpmath.pi * x)
                         for n in range(n_terms)))


# --- one-sided quotients --------------------------------------------------------------

def test_one_sided_quotients_of_abs_at_zero_are_minus_one_and_one():
    for h in (1.0, 1e-3, 1e-9):
        assert one_sided_quotients(abs, 0.0, h) == (-1.0, 1.0)


def test_one_sided_quotients_of_square_are_2a_minus_h_and_2a_plus_h():
    for a, h in [(1.0, 0.5), (-2.0, 0.25), (3.0, 1e-3)]:
        left, right = one_sided_quotients(lambda x: x**2, a, h)
        assert left == pytest.approx(2 * a - h) and right == pytest.approx(2 * a + h)


def test_one_sided_quotients_of_relu_give_zero_and_one():
    relu = lambda x: max(x, 0.0)  # noqa: E731
    left, right = one_sided_quotients(relu, 0.0, 1e-4)
    assert (left, right) == (0.0, 1.0)
    assert math.copysign(1.0, left) == 1.0  # +0.0, not the -0.0 of 0.0 / (-h)


@pytest.mark.parametrize("h", [0.0, -0.1, float("nan")])
def test_one_sided_quotients_reject_non_positive_step(h):
    with pytest.raises(ValueError, match="h"):
        one_sided_quotients(abs, 0.0, h)


# --- zoom deviation -------------------------------------------------------------------

def test_zoom_deviation_of_square_equals_width():
    # |(a + t)^2 - a^2 - 2 a t| / w = t^2 / w, largest at |t| = w.
    for w in (1.0, 0.1, 1e-3):
        assert zoom_deviation(lambda x: x**2, 1.5, w, slope=3.0) == pytest.approx(w)


def test_zoom_deviation_of_sine_shrinks_like_half_second_derivative_times_width():
    a, w = 1.0, 1e-3
    got = zoom_deviation(np.sin, a, w, slope=math.cos(a))
    assert got == pytest.approx(math.sin(a) / 2 * w, rel=1e-2)


def test_zoom_deviation_of_abs_never_drops_below_one():
    for w in (1.0, 1e-4, 1e-9):
        for slope in (-0.5, 0.0, 0.3):
            got = zoom_deviation(np.abs, 0.0, w, slope)
            assert got == pytest.approx(1 + abs(slope))


def test_zoom_deviation_rejects_non_vectorised_function():
    with pytest.raises(ValueError, match="vectorised"):
        zoom_deviation(lambda x: 1.0, 0.0, 0.1, slope=0.0)


# --- increment and differential -------------------------------------------------------

def test_change_and_differential_of_square_has_gap_dx_squared():
    dx = np.array([-0.5, -1e-3, 1e-3, 0.1, 2.0])
    change = change_and_differential(lambda x: x**2, lambda x: 2 * x, 5.0, dx)
    np.testing.assert_allclose(change.delta_y, (5 + dx) ** 2 - 25)
    np.testing.assert_allclose(change.dy, 10 * dx)
    np.testing.assert_allclose(change.gap, dx**2, rtol=1e-6)


def test_change_and_differential_gap_over_dx_squared_tends_to_half_second_derivative():
    x = 0.7
    for dx in (1e-3, -1e-3):
        gap = change_and_differential(np.sin, np.cos, x, dx).gap
        assert gap / dx**2 == pytest.approx(-math.sin(x) / 2, rel=1e-2)


def test_change_and_differential_returns_floats_for_a_float_step():
    change = change_and_differential(np.exp, np.exp, 0.0, 0.1)
    assert all(isinstance(v, float) for v in change)
    assert change.delta_y == pytest.approx(math.expm1(0.1))


# --- Weierstrass function -------------------------------------------------------------

@pytest.mark.parametrize("x", [0.3, -0.7, 0.123456789, 2.5e-3, 17.25])
def test_weierstrass_matches_high_precision_sum(x):
    # 30 terms: 13**29 * x has no correct digits in floating point, yet the sum is
    # exact.
    reference = weierstrass_mp(x, 30, 0.5, 13)
    assert weierstrass(x, 30) == pytest.approx(reference, abs=4e-15)


def test_weierstrass_other_parameters_and_arrays():
    x = np.array([[0.1, -0.45], [0.9, 3.3]])
    got = weierstrass(x, 25, a=0.8, b=9)
    expected = np.vectorize(lambda t: weierstrass_mp(t, 25, 0.8, 9))(x)
    assert got.shape == (2, 2)
    np.testing.assert_allclose(got, expected, atol=4e-15)


def test_weierstrass_at_integers_is_plus_or_minus_geometric_sum():
    # b odd: cos(b^n pi k) = (-1)^k for every n.
    n_terms = 12
    geometric = (1 - 0.5**n_terms) / (1 - 0.5)
    assert weierstrass(0.0, n_terms) == pytest.approx(geometric)
    assert weierstrass(3.0, n_terms) == pytest.approx(-geometric)


def test_weierstrass_tail_is_within_geometric_bound():
    x = np.linspace(-1, 1, 51)
    for n in (3, 8):
        tail = np.abs(weierstrass(x, 60) - weierstrass(x, n))
        assert np.all(tail <= 0.5**n / (1 - 0.5) + 1e-15)


def test_is_classical_condition():
    assert is_classical(0.5, 13) and is_classical(0.7, 9)
    assert not is_classical(0.5, 11)  # 5.5 < 1 + 3 pi / 2 = 5.71
    assert not is_classical(0.5, 3)


def test_is_classical_is_false_not_an_error_for_parameters_outside_the_conditions():
    assert is_classical(0.5, 12) is False     # even b, though ab = 6 > 5.71
    assert is_classical(0.5, 14) is False     # even b, ab = 7
    assert is_classical(1.0, 13) is False     # a must be below 1
    assert is_classical(-0.5, 13) is False
    assert is_classical(3.0, 1) is False      # b below 3, though ab = 3
    assert is_classical(0.5, np.int64(13)) is True


def test_is_classical_rejects_values_of_the_wrong_type():
    with pytest.raises(TypeError, match="b must be an integer"):
        is_classical(0.5, 13.0)
    with pytest.raises(TypeError, match="a must be a real number"):
        is_classical("0.5", 13)
    with pytest.raises(ValueError, match="finite"):
        is_classical(float("nan"), 13)


def test_weierstrass_steps_bracket_x_at_the_stated_distances():
    for x in (0.3, -0.7, 0.5, 0.0):
        for m in range(6):
            scale = 13.0**m
            left, right = weierstrass_steps(x, m)
            assert -1.5 / scale <= left <= -0.5 / scale
            assert 0.5 / scale <= right <= 1.5 / scale
            assert right - left == pytest.approx(2 / scale)
            grid_point = (x + right) * scale
            assert grid_point == pytest.approx(round(grid_point), abs=1e-6)


@pytest.mark.parametrize("x", [0.3, -0.7, 0.123456789])
def test_weierstrass_quotients_exceed_the_bound_with_opposite_signs(x):
    # Enough terms that the neglected tail changes a quotient by far less than the
    # bound.
    n_terms = 50
    for m in range(1, 7):
        left, right = weierstrass_steps(x, m)
        fx = weierstrass_mp(x, n_terms, 0.5, 13)
        q_left = (weierstrass_mp(x + left, n_terms, 0.5, 13) - fx) / left
        q_right = (weierstrass_mp(x + right, n_terms, 0.5, 13) - fx) / right
        bound = weierstrass_bound(m)
        assert q_left * q_right < 0
        assert min(abs(q_left), abs(q_right)) > bound
    assert weierstrass_bound(6) == pytest.approx(6.5**6 * (2 / 3 - math.pi / 5.5))


@pytest.mark.parametrize(
    "kwargs",
    [dict(a=1.0), dict(a=0.0), dict(b=4), dict(b=1), dict(n_terms=-1)],
)
def test_weierstrass_rejects_bad_parameters(kwargs):
    args = dict(x=0.1, n_terms=3) | kwargs
    with pytest.raises((ValueError, TypeError)):
        weierstrass(**args)


def test_weierstrass_bound_refuses_non_classical_parameters():
    with pytest.raises(ValueError, match="ab"):
        weierstrass_bound(3, a=0.5, b=3)
    with pytest.raises(ValueError, match="odd"):
        weierstrass_bound(3, a=0.5, b=12)
