"""mathlib.sde against independent references: SciPy's distributions (Kolmogorov–Smirnov
tests), closed-form moments, Riemann–Stieltjes sums on smooth paths, an ODE solver for
the moment equations, and the spread of repeated Monte Carlo experiments.

Monte Carlo comparisons allow five standard errors; KS tests use fixed seeds and reject
below p = 0.001."""

import numpy as np
import pytest
from scipy import integrate, stats

from mathlib import sde

Z = 5.0  # standard errors allowed in Monte Carlo comparisons


def close_mc(samples, expected):
    mean, se = sde.mean_and_se(samples)
    return abs(mean - expected) <= Z * se


def test_increments_are_independent_normals_with_variance_h():
    dW = sde.brownian_increments(2.0, 8, np.random.default_rng(0), size=5000)
    assert dW.shape == (8, 5000)
    assert stats.kstest(dW.ravel() / np.sqrt(0.25), "norm").pvalue > 1e-3
    corr = np.corrcoef(dW)  # rows are the steps
    off_diagonal = corr[~np.eye(8, dtype=bool)]
    assert np.all(np.abs(off_diagonal) < Z / np.sqrt(5000))


def test_brownian_covariance_is_min_s_t():
    t, W = sde.brownian_path(1.0, 10, np.random.default_rng(1), size=40000)
    assert np.allclose(t, np.linspace(0, 1, 11)) and np.all(W[0] == 0)
    for i, j in [(3, 7), (5, 5), (10, 2)]:
        assert close_mc(W[i] * W[j], min(t[i], t[j]))
    assert stats.kstest(W[-1], "norm").pvalue > 1e-3


def test_path_from_increments_inverts_diff():
    dW = np.random.default_rng(2).normal(size=(6, 3))
    W = sde.path_from_increments(dW)
    assert W.shape == (7, 3) and np.allclose(np.diff(W, axis=0), dW)


def test_coarsened_path_is_brownian_on_the_coarse_grid():
    _, W = sde.brownian_path(1.0, 64, np.random.default_rng(3), size=3000)
    coarse = sde.coarsen(W, 16)
    assert coarse.shape == (5, 3000) and np.array_equal(coarse[-1], W[-1])
    steps = np.diff(coarse, axis=0).ravel() / np.sqrt(0.25)
    assert stats.kstest(steps, "norm").pvalue > 1e-3


def test_quadratic_variation_is_scaled_chi_square():
    # a sum of n squared N(0, T/n) is (T/n) chi²_n: mean T, variance 2T²/n
    T, n = 1.5, 20
    _, W = sde.brownian_path(T, n, np.random.default_rng(4), size=4000)
    qv = sde.quadratic_variation(W)
    assert stats.kstest(qv * n / T, stats.chi2(n).cdf).pvalue > 1e-3
    assert close_mc(qv, T)


def test_total_variation_mean_is_sqrt_2nT_over_pi():
    T, n = 2.0, 50
    _, W = sde.brownian_path(T, n, np.random.default_rng(5), size=4000)
    expected = n * stats.halfnorm(scale=np.sqrt(T / n)).mean()
    assert np.isclose(expected, np.sqrt(2 * n * T / np.pi))
    assert close_mc(sde.total_variation(W), expected)


def test_variations_by_hand():
    W = [0.0, 1.0, -1.0, 0.5]
    assert sde.quadratic_variation(W) == 1 + 4 + 2.25
    assert sde.total_variation(W) == 1 + 2 + 1.5


def test_ito_and_stratonovich_sums_of_w_dw_match_their_identities():
    T = 1.0
    _, W = sde.brownian_path(T, 100, np.random.default_rng(6), size=50)
    qv = sde.quadratic_variation(W)
    # exact algebra on every path: W_T²/2 = Stratonovich sum = Itô sum + QV/2
    assert np.allclose(sde.ito_integral(W, W), W[-1] ** 2 / 2 - qv / 2, atol=1e-12)
    assert np.allclose(sde.stratonovich_integral(W, W), W[-1] ** 2 / 2, atol=1e-12)


def test_ito_isometry_and_zero_mean():
    # E ∫W dW = 0 and E (∫W dW)² = ∫ E W² dt = T²/2 (the left sum: exactly sum t_k h)
    T, n = 2.0, 50
    t, W = sde.brownian_path(T, n, np.random.default_rng(7), size=40000)
    ito = sde.ito_integral(W, W)
    assert close_mc(ito, 0.0)
    assert close_mc(ito**2, np.sum(t[:-1]) * T / n)
    assert np.isclose(np.sum(t[:-1]) * T / n, T**2 / 2 * (1 - 1 / n))


def test_sums_on_a_smooth_path_converge_to_the_riemann_stieltjes_integral():
    # for the smooth "path" g(t) = t², ∫ g dg = ∫ 2 t³ dt = T⁴/2; both sums converge
    T = 1.3
    errors = []
    for n in (100, 200):
        g = np.linspace(0, T, n + 1) ** 2
        exact = integrate.quad(lambda s: s**2 * 2 * s, 0, T)[0]
        errors.append(abs(sde.ito_integral(g, g) - exact))
        assert np.isclose(sde.stratonovich_integral(g, g), g[-1] ** 2 / 2)
    assert np.isclose(errors[0] / errors[1], 2, rtol=0.02)  # first order for left sums


def test_euler_maruyama_without_noise_is_euler():
    t, X = sde.euler_maruyama(lambda x, s: -x + s, lambda x, s: 0.0, 1.0, 2.0,
                              np.zeros(8))
    expected = [1.0]
    for k in range(8):
        expected.append(expected[-1] + 0.25 * (-expected[-1] + t[k]))
    assert np.allclose(X, expected)


def test_euler_maruyama_gbm_moments_match_the_recursions():
    # E X_(k+1) = (1 + mu h) E X_k and E X_(k+1)² = ((1 + mu h)² + sigma² h) E X_k²
    mu, sigma, x0, T, n = 0.8, 0.6, 1.5, 1.0, 10
    h = T / n
    dW = sde.brownian_increments(T, n, np.random.default_rng(8), size=100000)
    _, X = sde.euler_maruyama(lambda x, s: mu * x, lambda x, s: sigma * x, x0, T, dW)
    assert close_mc(X[-1], x0 * (1 + mu * h) ** n)
    assert close_mc(X[-1] ** 2, x0**2 * ((1 + mu * h) ** 2 + sigma**2 * h) ** n)


def test_euler_maruyama_keeps_the_shape_of_vector_states():
    dW = sde.brownian_increments(1.0, 5, np.random.default_rng(9), size=(7, 2))
    t, X = sde.euler_maruyama(lambda x, s: -x, lambda x, s: 1.0, np.ones(2), 1.0, dW)
    assert t.shape == (6,) and X.shape == (6, 7, 2)


def test_euler_maruyama_strong_error_on_gbm_is_order_one_half():
    mu, sigma, x0, T = 0.5, 0.5, 1.0, 1.0
    _, W = sde.brownian_path(T, 64, np.random.default_rng(10), size=4000)
    exact = sde.gbm_exact(x0, mu, sigma, T, W[-1])
    steps, errors = [], []
    for k in (1, 2, 4, 8):
        _, X = sde.euler_maruyama(lambda x, s: mu * x, lambda x, s: sigma * x, x0, T,
                                  np.diff(sde.coarsen(W, k), axis=0))
        steps.append(k / 64)
        errors.append(np.abs(X[-1] - exact))
    order = sde.mc_order(steps, errors)
    assert abs(order.slope - 0.5) <= Z * order.standard_error


def test_gbm_exact_is_lognormal():
    mu, sigma, x0, T = 0.3, 0.7, 2.0, 1.5
    W_T = np.random.default_rng(11).normal(0, np.sqrt(T), 5000)
    X = sde.gbm_exact(x0, mu, sigma, T, W_T)
    law = stats.lognorm(s=sigma * np.sqrt(T), scale=x0 * np.exp((mu - sigma**2 / 2) * T))
    assert stats.kstest(X, law.cdf).pvalue > 1e-3
    assert np.isclose(law.mean(), x0 * np.exp(mu * T))


def test_vp_mean_var_solves_the_moment_equations():
    # m' = -β m / 2 and v' = -β v + β, with β(t) = 0.1 + 19.9 t, solved by SciPy
    def beta(s):
        return 0.1 + 19.9 * s

    def rhs(s, y):
        return [-beta(s) * y[0] / 2, -beta(s) * y[1] + beta(s)]

    times = np.array([0.05, 0.2, 0.5, 1.0])
    sol = integrate.solve_ivp(rhs, (0, 1), [1.7, 0.3], t_eval=times, rtol=1e-10,
                              atol=1e-12)
    B = 0.1 * times + 19.9 * times**2 / 2
    mean, var = sde.vp_mean_var(1.7, B, var0=0.3)
    assert np.allclose(mean, sol.y[0], atol=1e-8) and np.allclose(var, sol.y[1],
                                                                  atol=1e-8)


def test_vp_sample_has_the_closed_form_normal_law():
    x0, B = 2.5, 0.7
    draws = sde.vp_sample(np.full(5000, x0), B, np.random.default_rng(12))
    mean, var = sde.vp_mean_var(x0, B)
    assert stats.kstest(draws, stats.norm(mean, np.sqrt(var)).cdf).pvalue > 1e-3


def test_euler_maruyama_on_ou_matches_vp_moments_at_small_steps():
    beta, T = 2.0, 1.0
    dW = sde.brownian_increments(T, 200, np.random.default_rng(13), size=20000)
    _, X = sde.euler_maruyama(lambda x, s: -beta * x / 2, lambda x, s: np.sqrt(beta),
                              1.0, T, dW)
    mean, var = sde.vp_mean_var(1.0, beta * T)
    # EM's own bias is O(h) = O(0.005): well below five standard errors here
    assert close_mc(X[-1], float(mean))
    assert close_mc((X[-1] - X[-1].mean()) ** 2, float(var))


def test_mean_and_se_match_scipy():
    x = np.random.default_rng(14).normal(size=37)
    mean, se = sde.mean_and_se(x)
    assert np.isclose(mean, x.mean()) and np.isclose(se, stats.sem(x))


def test_mc_order_exact_on_power_laws_and_its_se_matches_the_spread():
    h = np.array([0.2, 0.1, 0.05, 0.025])
    assert np.isclose(sde.mc_order(h, np.outer(3 * h**1.5, [1.0, 1.0])).slope, 1.5)
    rng = np.random.default_rng(15)
    slopes, ses = [], []
    for _ in range(300):
        noise = rng.normal(size=(1, 400)) + 0.5 * rng.normal(size=(4, 400))
        order = sde.mc_order(h, h[:, None] * (1 + 0.3 * noise))
        slopes.append(order.slope)
        ses.append(order.standard_error)
    # the delta-method standard error against the spread of 300 repetitions
    assert np.isclose(np.std(slopes), np.mean(ses), rtol=0.15)
    assert abs(np.mean(slopes) - 1) < Z * np.std(slopes) / np.sqrt(300) + 0.01


@pytest.mark.parametrize("call, error", [
    (lambda: sde.brownian_increments(0.0, 4, np.random.default_rng(0)), ValueError),
    (lambda: sde.brownian_increments(1.0, 0, np.random.default_rng(0)), ValueError),
    (lambda: sde.brownian_increments(1.0, 4, 0), TypeError),
    (lambda: sde.coarsen(np.zeros(6), 2), ValueError),
    (lambda: sde.quadratic_variation([1.0]), ValueError),
    (lambda: sde.ito_integral(np.zeros(3), np.zeros(4)), ValueError),
    (lambda: sde.euler_maruyama(1.0, lambda x, t: x, 0.0, 1.0, np.zeros(3)), TypeError),
    (lambda: sde.vp_mean_var(0.0, -1.0), ValueError),
    (lambda: sde.mc_order([0.1, 0.1], np.ones((2, 3))), ValueError),
    (lambda: sde.mc_order([0.1, 0.2], np.random.default_rng(0).normal(size=(2, 50))),
     ValueError),
])
def test_bad_input_is_refused(call, error):
    with pytest.raises(error):
        call()
