"""Tests of mathlib.sample_metrics against optimal matchings, SciPy, scikit-learn and
closed forms for Gaussians."""

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment
from scipy.stats import wasserstein_distance
from sklearn.metrics.pairwise import rbf_kernel

from mathlib.sample_metrics import mmd2_rbf, sliced_wasserstein2, wasserstein2_1d


def test_w2_1d_equals_the_optimal_assignment_with_squared_cost():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=40), rng.exponential(size=40)
    cost = (a[:, None] - b[None, :]) ** 2
    rows, cols = linear_sum_assignment(cost)  # optimal matching, no sorting involved
    assert wasserstein2_1d(a, b) == pytest.approx(np.sqrt(cost[rows, cols].mean()))


def test_w2_1d_is_at_least_scipys_w1():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=300), rng.normal(0.3, 2.0, size=300)
    # W1 <= W2 (Jensen's inequality on the same optimal coupling)
    assert wasserstein_distance(a, b) <= wasserstein2_1d(a, b) + 1e-12


def test_w2_1d_of_gaussians_matches_the_closed_form():
    rng = np.random.default_rng(2)
    n = 200_000
    a, b = rng.normal(0.0, 1.0, n), rng.normal(0.5, 2.0, n)
    # W2^2(N(m1, s1^2), N(m2, s2^2)) = (m1 - m2)^2 + (s1 - s2)^2 = 1.25
    assert wasserstein2_1d(a, b) ** 2 == pytest.approx(1.25, abs=0.03)


def test_sliced_w2_in_one_dimension_is_w2():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(50, 1)), rng.normal(1.0, size=(50, 1))
    sw = sliced_wasserstein2(a, b, np.random.default_rng(0), num_projections=5)
    assert sw == pytest.approx(wasserstein2_1d(a[:, 0], b[:, 0]))


def test_sliced_w2_of_isotropic_gaussians_matches_the_closed_form():
    # projections of N(m, s^2 I) in the plane are N(theta.m, s^2), so
    # SW2^2 = E (theta.dm)^2 + (s1 - s2)^2 = |dm|^2 / 2 + (s1 - s2)^2 = 1.25
    rng = np.random.default_rng(4)
    n, k = 5000, 1000
    a = rng.normal(size=(n, 2))
    b = np.array([1.0, -1.0]) + 1.5 * rng.normal(size=(n, 2))
    exact = 2.0 / 2 + 0.5**2
    sw = sliced_wasserstein2(a, b, np.random.default_rng(5), num_projections=k)
    # over random directions (theta.dm)^2 = 2 cos^2(phi) has standard deviation
    # sqrt(2)/2, so the mean of k of them has standard error 0.71 / sqrt(k); 5 of
    # those plus 0.04 for the finite samples
    assert abs(sw**2 - exact) < 5 * 0.71 / np.sqrt(k) + 0.04


def test_mmd2_matches_scikit_learns_rbf_kernel():
    rng = np.random.default_rng(6)
    a, b = rng.normal(size=(30, 2)), rng.normal(0.2, 1.0, size=(40, 2))
    h = 0.7
    g = 1.0 / (2 * h**2)
    kaa, kbb, kab = (
        rbf_kernel(a, a, gamma=g),
        rbf_kernel(b, b, gamma=g),
        rbf_kernel(a, b, gamma=g),
    )
    biased = kaa.mean() + kbb.mean() - 2 * kab.mean()
    unbiased = (
        (kaa.sum() - 30) / (30 * 29) + (kbb.sum() - 40) / (40 * 39) - 2 * kab.mean()
    )
    assert mmd2_rbf(a, b, h, unbiased=False) == pytest.approx(biased)
    assert mmd2_rbf(a, b, h) == pytest.approx(unbiased)


def test_unbiased_mmd2_averages_to_the_gaussian_closed_form():
    # E exp(-|X - Y|^2/(2h^2)), X - Y ~ N(dm, v I) in d dims:
    # (h^2 / (h^2 + v))^(d/2) exp(-|dm|^2 / (2 (h^2 + v)))
    h, s, d = 0.5, 0.3, 2
    dm = np.array([0.4, 0.0])

    def ek(v, shift):
        return (h**2 / (h**2 + v)) ** (d / 2) * np.exp(
            -shift @ shift / (2 * (h**2 + v))
        )

    exact = 2 * ek(2 * s**2, np.zeros(2)) - 2 * ek(2 * s**2, dm)
    rng = np.random.default_rng(7)
    values = [
        mmd2_rbf(s * rng.normal(size=(100, 2)), dm + s * rng.normal(size=(100, 2)), h)
        for _ in range(200)
    ]
    se = np.std(values, ddof=1) / np.sqrt(len(values))
    assert abs(np.mean(values) - exact) < 5 * se


def test_unbiased_mmd2_of_one_distribution_averages_to_zero():
    rng = np.random.default_rng(8)
    values = [
        mmd2_rbf(rng.normal(size=(50, 2)), rng.normal(size=(50, 2)), 0.5)
        for _ in range(200)
    ]
    se = np.std(values, ddof=1) / np.sqrt(len(values))
    assert abs(np.mean(values)) < 5 * se


@pytest.mark.parametrize(
    "call",
    [
        lambda: wasserstein2_1d([1.0, 2.0], [1.0]),
        lambda: sliced_wasserstein2(
            np.zeros((3, 2)), np.zeros((4, 2)), np.random.default_rng(0)
        ),
        lambda: sliced_wasserstein2(
            np.zeros((3, 2)), np.zeros((3, 3)), np.random.default_rng(0)
        ),
        lambda: mmd2_rbf(np.zeros((3, 2)), np.zeros((3, 2)), 0.0),
        lambda: mmd2_rbf(np.zeros((1, 2)), np.zeros((3, 2)), 1.0),
    ],
)
def test_bad_inputs_raise(call):
    with pytest.raises(ValueError):
        call()
