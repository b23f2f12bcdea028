"""Tests of mathlib.vae against SciPy, quadrature, Monte Carlo and finite differences."""

import numpy as np
import pytest
from scipy import integrate, special, stats

from mathlib.autodiff import Tensor
from mathlib.numgrad import gradient
from mathlib.vae import (
    VAE,
    PixelBaseline,
    bernoulli_log_likelihood,
    elbo,
    gaussian_kl,
    iwae_log_px,
    log_mean_exp,
    reparameterise,
    score_function_gradient,
    train_vae,
)


def kl_by_quadrature(m, lv, mp, lvp):
    """KL of two 1-D Gaussians as the integral of q log(q / p) (SciPy)."""
    q = stats.norm(m, np.exp(lv / 2))
    p = stats.norm(mp, np.exp(lvp / 2))
    return integrate.quad(lambda z: q.pdf(z) * (q.logpdf(z) - p.logpdf(z)),
                          -np.inf, np.inf)[0]


@pytest.mark.parametrize("m, lv, mp, lvp", [(0.3, -1.0, 0.0, 0.0),
                                            (-1.5, 0.7, 0.4, -0.5),
                                            (2.0, -3.0, -1.0, 1.2)])
def test_gaussian_kl_matches_quadrature_in_one_dimension(m, lv, mp, lvp):
    got = gaussian_kl(np.array([m]), np.array([lv]), mp, lvp)
    assert got == pytest.approx(kl_by_quadrature(m, lv, mp, lvp), rel=1e-7)


def test_gaussian_kl_sums_coordinates_and_matches_the_full_covariance_formula():
    rng = np.random.default_rng(0)
    mu, lv, mp, lvp = rng.normal(size=(4, 3))
    s, sp = np.diag(np.exp(lv)), np.diag(np.exp(lvp))
    full = 0.5 * (np.trace(np.linalg.solve(sp, s)) + (mu - mp) @ np.linalg.solve(sp, mu - mp)
                  - 3 + np.log(np.linalg.det(sp) / np.linalg.det(s)))
    assert gaussian_kl(mu, lv, mp, lvp) == pytest.approx(full, rel=1e-12)
    rows = gaussian_kl(np.stack([mu, mp]), np.stack([lv, lvp]))
    assert rows.shape == (2,) and rows[0] == pytest.approx(gaussian_kl(mu, lv))


def test_gaussian_kl_matches_monte_carlo_within_five_standard_errors():
    rng = np.random.default_rng(1)
    mu, lv = np.array([0.5, -1.0]), np.array([-0.4, 0.3])
    z = mu + np.exp(lv / 2) * rng.standard_normal((200_000, 2))
    log_ratio = (stats.norm(mu, np.exp(lv / 2)).logpdf(z) - stats.norm().logpdf(z)).sum(1)
    se = log_ratio.std() / np.sqrt(len(z))
    assert abs(gaussian_kl(mu, lv) - log_ratio.mean()) < 5 * se


def test_gaussian_kl_is_zero_for_equal_gaussians_and_rejects_mismatched_shapes():
    assert gaussian_kl(np.array([0.2, 0.3]), np.array([0.1, -1.0]),
                       np.array([0.2, 0.3]), np.array([0.1, -1.0])) == pytest.approx(0)
    with pytest.raises(ValueError):
        gaussian_kl(np.zeros(2), np.zeros(3))


def test_gaussian_kl_gradient_on_tensors_matches_finite_differences():
    mu0, lv0 = np.array([0.4, -0.8]), np.array([0.2, -0.6])
    mu, lv = Tensor(mu0, requires_grad=True), Tensor(lv0, requires_grad=True)
    gaussian_kl(mu, lv, 0.3, -0.2).backward()
    assert mu.grad == pytest.approx(gradient(lambda m: gaussian_kl(m, lv0, 0.3, -0.2), mu0),
                                    abs=1e-7)
    assert lv.grad == pytest.approx(gradient(lambda v: gaussian_kl(mu0, v, 0.3, -0.2), lv0),
                                    abs=1e-7)
    assert mu.grad == pytest.approx((mu0 - 0.3) * np.exp(0.2))  # (mu - mu_p) / var_p


def test_reparameterise_has_the_right_law_and_gradients():
    mu, lv = np.array([1.0, -2.0]), np.array([np.log(4.0), np.log(0.25)])
    eps = np.random.default_rng(2).standard_normal((100_000, 2))
    z = reparameterise(mu, lv, eps)
    se = np.array([2.0, 0.5]) / np.sqrt(len(z))
    assert np.all(np.abs(z.mean(0) - mu) < 5 * se)
    assert z.std(0) == pytest.approx([2.0, 0.5], rel=0.01)
    e = np.array([0.7, -1.3])
    tm, tv = Tensor(mu, requires_grad=True), Tensor(lv, requires_grad=True)
    reparameterise(tm, tv, e).sum().backward()
    assert tm.grad == pytest.approx([1.0, 1.0])
    assert tv.grad == pytest.approx(gradient(lambda v: reparameterise(mu, v, e).sum(), lv),
                                    abs=1e-8)


def test_bernoulli_log_likelihood_matches_scipy():
    rng = np.random.default_rng(3)
    logits = rng.normal(0, 3, (5, 7))
    x = (rng.random((5, 7)) < 0.5).astype(float)
    expected = stats.bernoulli(special.expit(logits)).logpmf(x).sum(1)
    assert bernoulli_log_likelihood(logits, x) == pytest.approx(expected, rel=1e-10)
    assert np.isfinite(bernoulli_log_likelihood(np.array([800.0, -800.0]),
                                                np.array([0.0, 1.0])))


def test_pixel_baseline_is_the_smoothed_frequency_and_matches_scipy():
    x = np.array([[1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 1, 0]], float)
    base = PixelBaseline(x, alpha=1.0)
    assert base.probs == pytest.approx([4 / 6, 3 / 6, 1 / 6])
    expected = stats.bernoulli(base.probs).logpmf(x).sum(1)
    assert base.log_px(x) == pytest.approx(expected, rel=1e-12)
    assert np.isneginf(PixelBaseline(x, alpha=0.0).log_px(np.array([0, 0, 1.0])))


def tiny_model(seed=0):
    return VAE(3, 1, 4, np.random.default_rng(seed), activation="tanh")


def log_px_by_quadrature(model, x):
    """log p(x) = log of the integral of p(x | z) N(z; 0, 1) over z (one latent)."""
    def integrand(z):
        logits = model.decode_numpy(np.array([[z]]))
        return np.exp(bernoulli_log_likelihood(logits, x)[0]) * stats.norm.pdf(z)
    return np.log(integrate.quad(integrand, -12, 12, limit=200)[0])


def test_elbo_and_iwae_bound_log_px_and_iwae_converges_to_it():
    model = tiny_model()
    x = np.array([[1.0, 0.0, 1.0], [0.0, 0.0, 1.0]])
    exact = np.array([log_px_by_quadrature(model, row) for row in x])
    rng = np.random.default_rng(4)
    elbos = np.stack([elbo(model, x, rng).data for _ in range(4000)])
    se = elbos.std(0) / np.sqrt(len(elbos))
    assert np.all(elbos.mean(0) < exact - 5 * se)  # a strict bound for this encoder
    repeats = np.stack([iwae_log_px(model, x, 2000, rng) for _ in range(20)])
    se = repeats.std(0) / np.sqrt(len(repeats))
    assert np.all(np.abs(repeats.mean(0) - exact) < 5 * se + 1e-3)  # bias O(1/k)
    assert np.all(repeats.mean(0) > elbos.mean(0))


def test_elbo_gradient_matches_finite_differences_with_fixed_noise():
    model = tiny_model(1)
    x = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    w = model.decoder.layers[0].weight

    def value(data):
        old = w.data.copy()
        w.data[...] = data
        out = elbo(model, x, np.random.default_rng(5)).data.sum()
        w.data[...] = old
        return out

    w0 = w.data.copy()
    elbo(model, x, np.random.default_rng(5)).sum().backward()
    assert w.grad == pytest.approx(gradient(value, w0), abs=1e-6)


def test_train_vae_is_reproducible_lowers_the_loss_and_keeps_snapshots():
    x = (np.random.default_rng(0).random((64, 8)) < 0.3).astype(float)
    runs = [train_vae(x, np.random.default_rng(7), n_hidden=8, epochs=6, batch_size=16,
                      snapshot_epochs=(0, 3), show_progress=False) for _ in range(2)]
    assert np.array_equal(runs[0].history, runs[1].history)
    assert runs[0].history[-1] < runs[0].history[0]
    assert sorted(runs[0].snapshots) == [0, 3]
    model = runs[0].model
    model.load(runs[0].snapshots[0])
    assert not np.array_equal(model.state()[0], runs[1].model.state()[0])


def test_bad_inputs_are_rejected():
    model = tiny_model()
    with pytest.raises(ValueError):
        elbo(model, np.array([[2.0, 0.0, 1.0]]), np.random.default_rng(0))
    with pytest.raises(ValueError):
        iwae_log_px(model, np.ones((2, 3)), 0, np.random.default_rng(0))
    with pytest.raises(TypeError):
        train_vae(np.ones((4, 3)), rng=0)
    with pytest.raises(ValueError):
        train_vae(np.ones((4, 3)), np.random.default_rng(0), epochs=2, snapshot_epochs=(3,))


def test_log_mean_exp_matches_scipy_and_survives_huge_magnitudes():
    rng = np.random.default_rng(8)
    a = rng.normal(0, 3, (50, 4))
    assert log_mean_exp(a) == pytest.approx(special.logsumexp(a, axis=0) - np.log(50))
    assert log_mean_exp(a.T, axis=1) == pytest.approx(log_mean_exp(a))
    big = np.array([[-1000.0, 800.0], [-1001.0, 801.0]])
    expected = special.logsumexp(big, axis=0) - np.log(2)
    assert np.all(np.isfinite(log_mean_exp(big)))
    assert log_mean_exp(big) == pytest.approx(expected)


def test_score_function_gradient_is_unbiased_and_matches_the_reparameterised_mean():
    rng = np.random.default_rng(9)
    mu, lv = np.array([0.7, -0.3]), np.array([-0.4, 0.2])
    eps = rng.standard_normal((200_000, 2))

    def f(z):
        return np.sin(z[:, 0]) + z[:, 1] ** 2

    g = score_function_gradient(f, mu, lv, eps)
    # d/dmu E[f]: E[cos z1] = cos(mu1) e^(-s1^2/2) and d/dmu2 (mu2^2 + s2^2) = 2 mu2
    exact = np.array([np.cos(mu[0]) * np.exp(-np.exp(lv[0]) / 2), 2 * mu[1]])
    se = g.std(0) / np.sqrt(len(g))
    assert np.all(np.abs(g.mean(0) - exact) < 5 * se)
    with pytest.raises(ValueError):
        score_function_gradient(lambda z: z, mu, lv, eps[:5])
