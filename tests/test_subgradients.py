"""mathlib.subgradients: intervals against one-sided difference quotients and the
defining inequality, the conventions of mathlib.elementary and mathlib.autodiff inside
them, and the soft threshold against a numerical minimiser (SciPy)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize_scalar

from mathlib.autodiff import grad, ops
from mathlib.elementary import UNARY
from mathlib.numdiff import backward_diff, forward_diff, gradient
from mathlib.subgradients import (
    KINKS,
    hinge,
    hinge_loss_subdifferential,
    soft_threshold,
    subdifferential,
    subgradient_gap,
)

KINK_AT = {"abs": 0.0, "relu": 0.0, "hinge": 1.0}
SAMPLES = np.linspace(-3, 4, 141)


@pytest.mark.parametrize("name", sorted(KINKS))
def test_interval_ends_are_the_one_sided_difference_quotients(name):
    # The functions are piecewise linear: a one-sided quotient with a step shorter than
    # the distance to the kink is exact, and at the kink it is the one-sided derivative.
    value = KINKS[name].value
    points = np.array([-2.5, -0.3, 0.0, 0.4, 1.0, 1.7, 3.0])
    low, high = subdifferential(name, points)
    assert_allclose(low, backward_diff(value, points, 1e-3), atol=1e-9)
    assert_allclose(high, forward_diff(value, points, 1e-3), atol=1e-9)


@pytest.mark.parametrize("name", sorted(KINKS))
def test_every_element_of_the_interval_is_a_subgradient_and_nothing_outside(name):
    f, kink = KINKS[name].value, KINK_AT[name]
    for x in [kink - 1.3, kink, kink + 0.8]:
        low, high = subdifferential(name, x)
        for g in np.linspace(low, high, 5):
            assert subgradient_gap(f, x, g, SAMPLES) >= -1e-12
        for outside in (low - 0.05, high + 0.05):
            assert subgradient_gap(f, x, outside, SAMPLES) < -1e-3


def test_only_the_kink_has_more_than_one_subgradient():
    for name, kink in KINK_AT.items():
        low, high = subdifferential(name, SAMPLES)
        assert np.all((low < high) == np.isclose(SAMPLES, kink, atol=1e-12))


@pytest.mark.parametrize("name", ["abs", "relu"])
def test_the_books_kink_convention_is_a_subgradient(name):
    row = UNARY[name]
    at_zero = float(row.derivative(np.array(0.0), row.value(np.array(0.0))))
    low, high = subdifferential(name, 0.0)
    assert low <= at_zero <= high and at_zero == 0.0  # the element of smallest size


def test_autodiff_returns_one_subgradient_of_the_hinge_however_it_is_written():
    low, high = subdifferential("hinge", 1.0)
    by_maximum = grad(lambda z: ops.maximum(0.0, 1 - z))(1.0)  # a tie splits: -1/2
    by_relu = grad(lambda z: ops.relu(1 - z))(1.0)  # relu'(0) = 0
    assert by_maximum == -0.5 and by_relu == 0.0
    assert low <= by_maximum <= high and low <= by_relu <= high


def test_hinge_loss_segment_holds_exactly_the_subgradients_of_the_loss():
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=3), -1.0

    def loss(w):
        return float(hinge(y * (w @ x)))

    probes = rng.normal(scale=2.0, size=(400, 3))
    for margin in (0.2, 1.0, 1.9):
        w = -margin * x / (x @ x)  # y wᵀx = margin
        start, end = hinge_loss_subdifferential(w, x, y)
        if margin != 1.0:
            assert_allclose(start, end)
            assert_allclose(start, gradient(loss, w), atol=1e-8)
            continue
        assert_allclose(start, -y * x)
        assert_allclose(end, 0.0)
        for t in np.linspace(0, 1, 5):
            assert subgradient_gap(loss, w, (1 - t) * start + t * end, probes) >= -1e-12
        assert subgradient_gap(loss, w, 1.3 * start, probes) < 0
        assert subgradient_gap(loss, w, -0.3 * start, probes) < 0


@pytest.mark.parametrize("lam", [0.0, 0.3, 1.0, 2.5])
def test_soft_threshold_is_the_minimiser_found_by_scipy(lam):
    for a in np.linspace(-4, 4, 33):
        found = minimize_scalar(lambda x, a=a: lam * abs(x) + (x - a) ** 2 / 2,
                                bounds=(-5, 5), method="bounded",
                                options={"xatol": 1e-10}).x
        assert soft_threshold(a, lam) == pytest.approx(found, abs=1e-7)


def test_soft_threshold_satisfies_the_optimality_condition():
    lam = 0.7
    a = np.linspace(-3, 3, 61)
    x = soft_threshold(a, lam)
    low, high = subdifferential("abs", x)
    residual = a - x  # 0 ∈ λ∂|x| + x - a  ⇔  (a - x)/λ ∈ ∂|x|
    assert np.all((lam * low - 1e-12 <= residual) & (residual <= lam * high + 1e-12))


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="name must be one of"):
        subdifferential("sigmoid", 0.0)
    with pytest.raises(ValueError, match="label"):
        hinge_loss_subdifferential([1.0], [1.0], 0.5)
    with pytest.raises(ValueError, match="same shape"):
        hinge_loss_subdifferential([1.0, 2.0], [1.0], 1)
    with pytest.raises(ValueError, match="shape of x"):
        subgradient_gap(abs, 0.0, [1.0, 2.0], SAMPLES)
    with pytest.raises(ValueError, match="lam must be >= 0"):
        soft_threshold(1.0, -1.0)


@pytest.mark.parametrize("bad", [None, "abc", np.nan, 1.0 + 2.0j])
@pytest.mark.parametrize("name, call", [
    ("x", lambda v: subdifferential("abs", v)),
    ("w", lambda v: hinge_loss_subdifferential(v, [1.0], 1)),
    ("g", lambda v: subgradient_gap(abs, 0.0, v, SAMPLES)),
    ("points", lambda v: subgradient_gap(abs, 0.0, 1.0, v)),
    ("a", lambda v: soft_threshold(v, 1.0)),
    ("lam", lambda v: soft_threshold(1.0, v)),
])
def test_bad_input_names_the_argument(name, call, bad):
    with pytest.raises((TypeError, ValueError), match=name):
        call(bad)
