"""mathlib.information against SciPy (entropy, rel_entr), scikit-learn (log_loss,
LogisticRegression), closed forms checked by quadrature and Monte Carlo, and finite
differences for every gradient and Jacobian."""

import math

import numpy as np
import pytest
from scipy import integrate, special, stats
from sklearn.metrics import log_loss

from mathlib import information as info
from mathlib.numgrad import gradient, jacobian


def random_distribution(rng, k, zeros=0):
    p = rng.dirichlet(np.ones(k))
    p[:zeros] = 0.0
    return p / p.sum()


@pytest.mark.parametrize("k, zeros", [(2, 0), (5, 0), (7, 2), (30, 5)])
def test_entropy_cross_entropy_kl_match_scipy(k, zeros):
    rng = np.random.default_rng(k)
    p, q = random_distribution(rng, k, zeros), random_distribution(rng, k)
    assert math.isclose(info.entropy(p), stats.entropy(p), rel_tol=1e-12)
    assert math.isclose(info.entropy(p, base=2), stats.entropy(p, base=2),
                        rel_tol=1e-12)
    assert math.isclose(info.kl_divergence(p, q), special.rel_entr(p, q).sum(),
                        rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(info.kl_divergence(p, q), stats.entropy(p, q), rel_tol=1e-12)
    # H(p, q) = H(p) + KL(p || q), computed independently
    assert math.isclose(info.cross_entropy(p, q), info.entropy(p) + stats.entropy(p, q),
                        rel_tol=1e-12)


def test_kl_is_infinite_where_q_misses_mass_of_p_and_scipy_agrees():
    p, q = np.array([1.0, 0.0]), np.array([0.5, 0.5])
    assert math.isclose(info.kl_divergence(p, q), math.log(2), rel_tol=1e-15)
    assert info.kl_divergence(q, p) == np.inf == special.rel_entr(q, p).sum()
    assert info.cross_entropy(q, p) == np.inf
    assert info.kl_divergence(p, p) == 0.0


def test_entropy_bounds_uniform_is_largest_and_point_mass_is_zero():
    rng = np.random.default_rng(0)
    for k in (2, 3, 10):
        assert math.isclose(info.entropy(np.full(k, 1 / k)), math.log(k), rel_tol=1e-12)
        assert math.isclose(info.entropy(np.full(k, 1 / k), base=2), math.log2(k),
                            rel_tol=1e-12)
        for _ in range(20):
            assert 0 <= info.entropy(random_distribution(rng, k)) <= math.log(k) + 1e-12
    assert info.entropy([0.0, 1.0, 0.0]) == 0.0


@pytest.mark.parametrize("bad",
                         [[0.5, 0.6], [-0.1, 1.1], [[0.5, 0.5]], [], [np.nan, 1]])
def test_distributions_are_validated(bad):
    with pytest.raises((ValueError, TypeError)):
        info.entropy(bad)


def test_kl_needs_equal_lengths_and_base_above_one():
    with pytest.raises(ValueError, match="same length"):
        info.kl_divergence([1.0], [0.5, 0.5])
    with pytest.raises(ValueError):
        info.entropy([0.5, 0.5], base=1)


@pytest.mark.parametrize("mp, vp, mq, vq", [
    (0.0, 1.0, 0.0, 1.0), (1.0, 4.0, 0.0, 1.0), (-2.0, 0.3, 1.5, 2.5),
    (0.5, 9.0, 0.4, 0.2)])
def test_gaussian_kl_matches_quadrature(mp, vp, mq, vq):
    p, q = stats.norm(mp, math.sqrt(vp)), stats.norm(mq, math.sqrt(vq))
    s = math.sqrt(vp)
    value, err = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)),
                                mp - 30 * s, mp + 30 * s, epsabs=1e-13, epsrel=1e-12)
    assert err < 1e-9
    assert math.isclose(info.gaussian_kl(mp, vp, mq, vq), value, rel_tol=1e-8,
                        abs_tol=1e-11)


def test_diagonal_gaussian_kl_matches_monte_carlo_within_five_standard_errors():
    rng = np.random.default_rng(19)
    d, n = 4, 200_000
    mp, vp = rng.normal(size=d), rng.uniform(0.3, 2.0, size=d)
    mq, vq = rng.normal(size=d), rng.uniform(0.3, 2.0, size=d)
    x = mp + np.sqrt(vp) * rng.standard_normal((n, d))
    log_ratio = (stats.norm.logpdf(x, mp, np.sqrt(vp))
                 - stats.norm.logpdf(x, mq, np.sqrt(vq))).sum(axis=1)
    estimate, se = log_ratio.mean(), log_ratio.std(ddof=1) / math.sqrt(n)
    assert abs(info.diagonal_gaussian_kl(mp, vp, mq, vq) - estimate) < 5 * se


def test_diagonal_gaussian_kl_matches_full_covariance_formula_and_batches():
    rng = np.random.default_rng(3)
    mp, vp = rng.normal(size=(5, 3)), rng.uniform(0.2, 3.0, size=(5, 3))
    kl = info.diagonal_gaussian_kl(mp, vp, 0.0, 1.0)   # against N(0, I)
    assert kl.shape == (5,)
    for i in range(5):           # KL = (tr S + m^T m - d - log det S) / 2
        S = np.diag(vp[i])
        full = 0.5 * (np.trace(S) + mp[i] @ mp[i] - 3 - np.linalg.slogdet(S)[1])
        assert math.isclose(kl[i], full, rel_tol=1e-12)
    with pytest.raises(ValueError, match="last axis"):
        info.diagonal_gaussian_kl(0.0, 1.0, 0.0, 1.0)
    with pytest.raises(ValueError):
        info.gaussian_kl(0.0, -1.0, 0.0, 1.0)


def test_gaussian_kl_is_asymmetric():
    forward, backward = info.gaussian_kl(0.0, 1.0, 1.0, 4.0), info.gaussian_kl(
        1.0, 4.0, 0.0, 1.0)
    assert math.isclose(backward, 2 - math.log(2), rel_tol=1e-12)
    assert math.isclose(forward, math.log(2) - 0.25, rel_tol=1e-12)


def test_softmax_jacobian_matches_finite_differences_and_is_symmetric():
    rng = np.random.default_rng(9)
    for k in (2, 3, 6):
        z = rng.normal(size=k) * 3
        J = info.softmax_jacobian(z)
        s = special.softmax(z)
        J_fd = jacobian(special.softmax, z)          # numerator layout: J[i, j]
        assert np.allclose(J, J_fd, rtol=1e-7, atol=1e-10)
        assert np.allclose(J, J.T) and np.allclose(J.sum(axis=1), 0, atol=1e-15)
        assert np.allclose(np.diag(J), s * (1 - s))


@pytest.mark.parametrize("n, k", [(1, 2), (4, 3), (7, 5), (3, 10)])
def test_softmax_cross_entropy_matches_sklearn_and_gradient_finite_differences(n, k):
    rng = np.random.default_rng(10 * n + k)
    Z = rng.normal(size=(n, k)) * 2
    labels = rng.integers(0, k, size=n)
    Y = np.eye(k)[labels]
    loss = info.softmax_cross_entropy(Z, Y)
    assert math.isclose(loss, log_loss(labels, special.softmax(Z, axis=1),
                                       labels=np.arange(k)), rel_tol=1e-10)
    G = info.softmax_cross_entropy_grad(Z, Y)
    G_fd = gradient(lambda M: info.softmax_cross_entropy(M, Y), Z)
    assert np.allclose(G, G_fd, rtol=1e-6, atol=1e-9)
    Ysoft = rng.dirichlet(np.ones(k), size=n)     # soft targets: still y_hat - y
    G_fd = gradient(lambda M: info.softmax_cross_entropy(M, Ysoft), Z)
    assert np.allclose(info.softmax_cross_entropy_grad(Z, Ysoft), G_fd, rtol=1e-6,
                       atol=1e-9)


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    Z = np.array([[1000.0, 0.0], [-1000.0, 0.0]])
    Y = np.array([[1.0, 0.0], [1.0, 0.0]])
    assert math.isclose(info.softmax_cross_entropy(Z, Y), 500.0, rel_tol=1e-12)
    assert np.allclose(info.softmax_cross_entropy_grad(Z, Y), [[0, 0], [-0.5, 0.5]])
    with pytest.raises(ValueError, match="sum to 1"):
        info.softmax_cross_entropy(Z, [[1.0, 1.0], [1.0, 0.0]])


def test_logistic_loss_matches_sklearn_and_gradient_finite_differences():
    rng = np.random.default_rng(14)
    X = rng.normal(size=(40, 3))
    y = (rng.uniform(size=40) < 0.5).astype(float)
    theta = rng.normal(size=4)
    p1 = special.expit(theta[0] + X @ theta[1:])
    assert math.isclose(info.logistic_loss(theta, X, y), log_loss(y, p1), rel_tol=1e-10)
    g_fd = gradient(lambda t: info.logistic_loss(t, X, y), theta)
    assert np.allclose(info.logistic_grad(theta, X, y), g_fd, rtol=1e-6, atol=1e-9)


def test_logistic_regression_by_gradient_descent_matches_sklearn_unpenalised():
    from sklearn.linear_model import LogisticRegression

    from mathlib.descent import gradient_descent

    rng = np.random.default_rng(5)
    X = rng.normal(size=(200, 2))
    y = (rng.uniform(size=200) < special.expit(0.5 + X @ [1.5, -1.0])).astype(float)
    path = gradient_descent(lambda t: info.logistic_grad(t, X, y), np.zeros(3), 1.0,
                            3000)
    ref = LogisticRegression(C=np.inf, tol=1e-10, max_iter=10_000).fit(X, y)
    assert np.allclose(path[-1], np.r_[ref.intercept_, ref.coef_.ravel()], atol=1e-4)
    assert np.linalg.norm(info.logistic_grad(path[-1], X, y)) < 1e-6


def test_max_entropy_with_mean_satisfies_lagrange_conditions_and_beats_others():
    values = np.arange(1, 7)
    p, lam = info.max_entropy_with_mean(values, 4.5)
    assert math.isclose(p @ values, 4.5, rel_tol=1e-10) and math.isclose(p.sum(), 1)
    assert lam < 0                    # a mean above 3.5 tilts towards the six
    # stationarity: log p_i = -lam x_i - log Z, an affine function of x_i
    slope = np.polyfit(values, np.log(p), 1)[0]
    assert math.isclose(slope, -lam, rel_tol=1e-9)
    rng = np.random.default_rng(8)
    for _ in range(200):              # any other distribution with that mean: lower H
        d = rng.normal(size=6)
        d -= d.mean()                 # keeps the sum
        d -= (d @ (values - 3.5)) / ((values - 3.5) @ (values - 3.5)) * (values - 3.5)
        other = p + 0.02 * d          # keeps the mean too
        if other.min() > 0:
            assert info.entropy(other) < info.entropy(p)
    with pytest.raises(ValueError):
        info.max_entropy_with_mean(values, 6.0)
