"""Tests for mathlib.integrate: measured error orders, exactness, Monte Carlo
statistics."""

import math

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from mathlib.integrate import (
    binned_density,
    cumulative_integral,
    monte_carlo,
    riemann_points,
    riemann_sum,
    simpson,
    transformed_density,
    trapezoid,
)
from mathlib.numdiff import observed_order

EXACT = math.e - 1  # ∫_0^1 eˣ dx


def order_in_n(ns, errors):
    """The measured order p in error ≈ C / nᵖ: the grid width is h = 1/n."""
    return observed_order(1 / np.asarray(ns), errors)


@pytest.mark.parametrize("rule, order", [("left", 1), ("right", 1), ("midpoint", 2)])
def test_riemann_sum_error_orders(rule, order):
    ns = 2 ** np.arange(3, 10)
    errors = [abs(riemann_sum(np.exp, 0.0, 1.0, int(n), rule=rule) - EXACT) for n in ns]
    assert order_in_n(ns, errors) == pytest.approx(order, abs=0.05)


def test_trapezoid_error_is_second_order_and_twice_the_midpoint_error():
    ns = 2 ** np.arange(3, 10)
    trap = np.array([trapezoid(np.exp, 0.0, 1.0, int(n)) - EXACT for n in ns])
    mid = np.array(
        [riemann_sum(np.exp, 0.0, 1.0, int(n), "midpoint") - EXACT for n in ns]
    )
    assert order_in_n(ns, np.abs(trap)) == pytest.approx(2.0, abs=0.05)
    # errors ≈ (h²/12)(f'(b) − f'(a)) and −(h²/24)(f'(b) − f'(a)):
    # Simpson = (2M + T)/3 cancels them
    assert_allclose(trap / mid, -2.0, rtol=0.01)


def test_simpson_error_is_fourth_order():
    ns = 2 ** np.arange(2, 7)
    errors = [abs(simpson(np.exp, 0.0, 1.0, int(n)) - EXACT) for n in ns]
    assert order_in_n(ns, errors) == pytest.approx(4.0, abs=0.05)


@pytest.mark.parametrize("rule, offset", [("left", 0), ("midpoint", 0.5), ("right", 1)])
def test_riemann_points_are_the_points_the_sum_uses(rule, offset):
    edges, points = riemann_points(-1.0, 2.0, 6, rule)
    assert_allclose(edges, [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0], atol=1e-15)
    assert_allclose(points, -1.0 + 0.5 * (np.arange(6) + offset), atol=1e-15)
    assert np.all((edges[:-1] <= points) & (points <= edges[1:]))  # one in each piece
    by_hand = sum(math.exp(t) * 0.5 for t in points)  # Σ f(ξ_i) Δx_i, term by term
    assert riemann_sum(np.exp, -1.0, 2.0, 6, rule) == pytest.approx(by_hand, rel=1e-14)


def test_left_and_right_sums_bracket_an_increasing_function():
    left = riemann_sum(np.exp, 0.0, 1.0, 10, "left")
    right = riemann_sum(np.exp, 0.0, 1.0, 10, "right")
    assert left < EXACT < right


def test_exactness_on_low_degree_polynomials():
    assert trapezoid(lambda x: 3 * x + 1, -1.0, 2.0, 1) == pytest.approx(7.5)
    midpoint = riemann_sum(lambda x: 3 * x + 1, -1.0, 2.0, 1, "midpoint")
    assert midpoint == pytest.approx(7.5)
    assert simpson(lambda x: x**3 - 2 * x**2, -1.0, 2.0, 2) == pytest.approx(15 / 4 - 6)


def test_fundamental_theorem_on_a_polynomial():
    t = sp.Symbol("t")
    p = 4 * t**3 - 3 * t**2 + 2 * t - 5
    P = sp.integrate(p, t)  # an antiderivative, from SymPy
    p_np, P_np = sp.lambdify(t, p, "numpy"), sp.lambdify(t, P, "numpy")
    a = -1.0

    def area(x):  # A(x) = ∫_a^x p(t) dt, by Simpson's rule (exact for cubics)
        return simpson(p_np, a, x, 2)

    for b in (0.5, 1.0, 2.5):
        # ∫_a^b p = P(b) − P(a)
        assert area(b) == pytest.approx(P_np(b) - P_np(a), rel=1e-12)
        h = 1e-4
        slope = (area(b + h) - area(b - h)) / (2 * h)
        assert slope == pytest.approx(p_np(b), rel=1e-7)  # A' = p


def test_cumulative_integral_matches_the_antiderivative_to_second_order():
    errors = []
    ns = [16, 32, 64, 128]
    for n in ns:
        x, A = cumulative_integral(np.cos, 0.0, 3.0, n)
        assert_allclose(x, np.linspace(0.0, 3.0, n + 1))
        assert A[0] == 0.0
        assert A[-1] == pytest.approx(trapezoid(np.cos, 0.0, 3.0, n), rel=1e-14)
        errors.append(np.max(np.abs(A - np.sin(x))))  # ∫_0^x cos = sin x
    assert order_in_n(ns, errors) == pytest.approx(2.0, abs=0.05)


def test_cumulative_integral_differentiates_back_to_the_integrand():
    # the fundamental theorem: A' = f, checked by central differences on the grid
    x, A = cumulative_integral(np.exp, -1.0, 1.0, 400)
    h = x[1] - x[0]
    slope = (A[2:] - A[:-2]) / (2 * h)
    assert_allclose(slope, np.exp(x[1:-1]), rtol=1e-5)


def test_cumulative_integral_is_exact_for_lines():
    x, A = cumulative_integral(lambda t: 3 * t - 1, -2.0, 2.0, 7)
    assert_allclose(A, 1.5 * x**2 - x - (1.5 * 4 + 2), atol=1e-13)


def test_binned_density_counts_like_a_loop():
    rng = np.random.default_rng(11)
    samples = rng.normal(size=500)
    edges = np.array([-2.0, -1.0, -0.25, 0.0, 0.5, 2.0])
    result = binned_density(samples, edges)
    for i in range(len(edges) - 1):
        last = i == len(edges) - 2
        count = sum(1 for s in samples
                    if edges[i] <= s < edges[i + 1] or (last and s == edges[i + 1]))
        q = count / samples.size
        width = edges[i + 1] - edges[i]
        assert result.density[i] == pytest.approx(q / width, rel=1e-14)
        se = math.sqrt(q * (1 - q) / 500) / width
        assert result.std_error[i] == pytest.approx(se)
        assert result.centres[i] == pytest.approx((edges[i] + edges[i + 1]) / 2)


def test_binned_density_standard_error_matches_the_spread_over_repeats():
    rng = np.random.default_rng(12)
    edges = np.linspace(0.0, 1.0, 5)
    runs = [binned_density(rng.uniform(size=2000) ** 2, edges) for _ in range(300)]
    spread = np.std([r.density for r in runs], axis=0, ddof=1)
    assert_allclose(np.mean([r.std_error for r in runs], axis=0), spread, rtol=0.15)
    # and each density estimates the bin average of p(y) = 1/(2√y): (√b − √a) / width
    expected = np.diff(np.sqrt(edges)) / np.diff(edges)
    assert_allclose(np.mean([r.density for r in runs], axis=0), expected, rtol=0.01)


def test_monte_carlo_estimate_is_within_a_few_standard_errors():
    result = monte_carlo(np.exp, 0.0, 1.0, 20_000, np.random.default_rng(42))
    assert abs(result.estimate - EXACT) < 3 * result.std_error
    # Var eˣ for x uniform on [0, 1] is (e² − 1)/2 − (e − 1)², so se ≈ 0.492 / √n
    sigma = math.sqrt((math.e**2 - 1) / 2 - EXACT**2)
    assert result.std_error == pytest.approx(sigma / math.sqrt(20_000), rel=0.03)


def test_monte_carlo_standard_error_shrinks_like_one_over_root_n():
    rng = np.random.default_rng(7)
    ns = np.array([1_000, 4_000, 16_000, 64_000])
    errors = [monte_carlo(lambda x: x**2, 0.0, 1.0, int(n), rng).std_error for n in ns]
    assert order_in_n(ns, errors) == pytest.approx(0.5, abs=0.03)


def test_monte_carlo_intervals_cover_the_truth_about_95_percent_of_the_time():
    rng = np.random.default_rng(3)
    runs = (monte_carlo(lambda x: x**2, 0.0, 1.0, 500, rng) for _ in range(400))
    hits = [abs(r.estimate - 1 / 3) < 1.96 * r.std_error for r in runs]
    assert 0.91 < np.mean(hits) < 0.98


def test_monte_carlo_is_reproducible_with_the_same_seed():
    first = monte_carlo(np.sin, 0.0, 3.0, 1000, np.random.default_rng(5))
    second = monte_carlo(np.sin, 0.0, 3.0, 1000, np.random.default_rng(5))
    assert first == second


def test_transformed_density_of_exp_of_a_gaussian_is_lognormal():
    def normal(x):
        return np.exp(-(x**2) / 2) / np.sqrt(2 * np.pi)

    p_y = transformed_density(normal, np.log, lambda y: 1 / y)  # Y = eˣ, g⁻¹ = log
    ys = np.linspace(0.05, 6, 50)
    lognormal = np.exp(-np.log(ys) ** 2 / 2) / (ys * np.sqrt(2 * np.pi))
    assert_allclose(p_y(ys), lognormal, rtol=1e-13)
    assert simpson(p_y, 1e-9, 200.0, 20_000) == pytest.approx(1.0, abs=1e-5)


def test_transformed_density_matches_a_histogram_of_transformed_samples():
    rng = np.random.default_rng(0)
    n = 200_000
    y = rng.uniform(0.0, 1.0, n) ** 2  # Y = X², X uniform: p_Y(y) = 1/(2 √y) on (0, 1]
    p_y = transformed_density(
        lambda x: np.ones_like(x), np.sqrt, lambda y: 0.5 / np.sqrt(y)
    )
    edges = np.linspace(0.1, 1.0, 19)
    counts, _ = np.histogram(y, bins=edges)
    width = edges[1] - edges[0]
    density = counts / (n * width)
    centres = (edges[:-1] + edges[1:]) / 2
    expected = (np.sqrt(edges[1:]) - np.sqrt(edges[:-1])) / width  # exact bin averages
    assert np.all(np.abs(density - expected) < 5 * np.sqrt(expected / (n * width)))
    assert_allclose(p_y(centres), 0.5 / np.sqrt(centres))


def test_transformed_density_of_an_affine_map_in_three_dimensions_is_gaussian():
    # Y = A X + b with X standard normal in R³ is normal with mean b, covariance A Aᵀ
    A = np.array([[1.0, 0.0, 0.0], [0.5, 2.0, 0.0], [-1.0, 0.3, 0.7]])
    b = np.array([1.0, -2.0, 0.5])
    A_inv = np.linalg.inv(A)

    def standard_normal(x):
        return np.exp(-np.sum(x**2, axis=-1) / 2) / (2 * np.pi) ** 1.5

    p_y = transformed_density(
        standard_normal,
        lambda y: (y - b) @ A_inv.T,  # g⁻¹(y) = A⁻¹ (y − b), one point per row
        lambda y: np.full(y.shape[:-1], np.linalg.det(A_inv)),  # det J_{g⁻¹}
    )
    ys = np.random.default_rng(1).normal(size=(20, 3)) * 2
    cov = A @ A.T
    d = ys - b
    quad = np.einsum("ki,ij,kj->k", d, np.linalg.inv(cov), d)
    gaussian = np.exp(-quad / 2) / np.sqrt((2 * np.pi) ** 3 * np.linalg.det(cov))
    assert_allclose(p_y(ys), gaussian, rtol=1e-12)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: riemann_sum(np.exp, 0.0, 1.0, 4, rule="centre"),
         ValueError, "unknown rule"),
        (lambda: riemann_points(0.0, 1.0, 4, rule="centre"),
         ValueError, "unknown rule"),
        (lambda: riemann_points(0.0, 1.0, 0), ValueError, "n must be an integer >= 1"),
        (lambda: riemann_points(1.0, 0.0, 4), ValueError, "a < b"),
        (lambda: riemann_sum(np.exp, 0.0, 1.0, 0),
         ValueError, "n must be an integer >= 1"),
        (lambda: riemann_sum(np.exp, 0.0, 1.0, 2.5), TypeError, "n must be an integer"),
        (lambda: riemann_sum(np.exp, 0.0, 1.0, True), TypeError, "n must be an int"),
        (lambda: riemann_sum(np.exp, 1j, 1.0, 4), TypeError, "a must be real"),
        (lambda: riemann_sum(np.exp, [0, 0.5], 1, 4), ValueError, "a must be a single"),
        (lambda: riemann_sum(np.exp, 1.0, 0.0, 4), ValueError, "a < b"),
        (lambda: riemann_sum(np.exp, 0.0, np.inf, 4), ValueError, "b must be finite"),
        (lambda: riemann_sum(np.exp, "0", 1.0, 4),
         TypeError, "a must be a real number"),
        (lambda: riemann_sum(None, 0.0, 1.0, 4), TypeError, "f must be a function"),
        (lambda: simpson(lambda x: x + 1j, 0.0, 1.0, 4), TypeError, "real numbers"),
        (lambda: trapezoid(lambda x: 1.0, 0.0, 1.0, 4), ValueError, "shape"),
        (lambda: trapezoid(lambda x: np.where(x > 0.6, np.nan, x), 0.0, 1.0, 4),
         ValueError,
         "non-finite value nan at x = 0.75"),
        (lambda: simpson(np.exp, 0.0, 1.0, 3), ValueError, "even n"),
        (lambda: simpson(np.exp, 0.0, 1.0, 0), ValueError, "n must be"),
        (lambda: monte_carlo(np.exp, 0.0, 1.0, 100, 42), TypeError, "Generator"),
        (lambda: monte_carlo(np.exp, 0.0, 1.0, 100, np.random.RandomState(0)),
         TypeError,
         "Generator"),
        (lambda: monte_carlo(np.exp, 0.0, 1.0, 1, np.random.default_rng(0)),
         ValueError, ">= 2"),
        (lambda: monte_carlo(np.exp, 0.0, 1.0, 10, None), TypeError, "rng must be"),
        (lambda: transformed_density(None, np.log, np.exp), TypeError, "p must be a"),
        (lambda: transformed_density(np.exp, np.log, np.exp)("y"), TypeError, "y must"),
        (lambda: cumulative_integral(np.exp, 0.0, 1.0, 0), ValueError, "n must be"),
        (lambda: cumulative_integral(np.exp, 1.0, 0.0, 3), ValueError, "a < b"),
        (lambda: binned_density([[0.5]], np.array([0.0, 1.0])), ValueError, "1 axes"),
        (lambda: binned_density(None, np.array([0.0, 1.0])), TypeError, "samples"),
        (lambda: binned_density(np.array(["a"]), np.array([0.0, 1.0])),
         TypeError, "samples"),
        (lambda: binned_density(np.array([np.nan]), np.array([0.0, 1.0])),
         ValueError, "finite"),
        (lambda: binned_density(np.array([]), np.array([0.0, 1.0])),
         ValueError, "empty"),
        (lambda: binned_density(np.array([0.5]), np.array([1.0, 0.0])),
         ValueError, "increasing"),
        (lambda: binned_density(np.array([0.5]), np.array([1.0])),
         ValueError, "at least two"),
        (lambda: transformed_density(np.exp, np.log, lambda y: np.nan * y)(1.0),
         ValueError,
         "NaN"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
