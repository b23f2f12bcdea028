"""Tests of mathlib.diffusion against closed forms, SciPy, Gaussian conditioning,
finite differences and Monte Carlo (tolerances of five standard errors)."""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.stats import multivariate_normal

from mathlib.autodiff import Tensor
from mathlib.diffusion import (
    GaussianMixture,
    NoisePredictor,
    VPSchedule,
    add_noise,
    ancestral_sample,
    ancestral_step,
    denoising_loss,
    noise_chain,
    prior_kl,
    probability_flow_sample,
    q_posterior,
    score_from_noise,
    simulate_vp_sde,
    time_embedding,
    train_noise_predictor,
)
from mathlib.numgrad import gradient

MIX = GaussianMixture([0.3, 0.7], [[-1.0, 0.5], [1.0, -0.5]], [0.3, 0.5])


def test_alpha_bar_is_exp_of_minus_the_integral_of_beta():
    s = VPSchedule(10, 0.1, 20.0)
    for t in (0.1, 0.5, 1.0):
        integral = quad(lambda u: float(s.beta(u)), 0.0, t)[0]
        assert s.alpha_bar(t) == pytest.approx(np.exp(-integral), rel=1e-10)


def test_discrete_alpha_bars_are_the_products_of_one_minus_beta():
    s = VPSchedule(50)
    assert np.allclose(np.cumprod(1 - s.betas), s.alpha_bars[1:], rtol=1e-12)
    assert s.alpha_bars[-1] < 1e-4  # the last step is noise


def test_noise_chain_has_the_closed_form_marginal():
    s = VPSchedule(20)
    n = 40_000
    x0 = np.tile([[2.0, -1.0]], (n, 1))
    path = noise_chain(x0, s, np.random.default_rng(0))
    for i in (1, 5, 20):
        ab = s.alpha_bars[i]
        mean, var = np.sqrt(ab) * x0[0], 1 - ab
        se_mean = np.sqrt(var / n)
        assert np.all(np.abs(path[i].mean(0) - mean) < 5 * se_mean)
        se_var = var * np.sqrt(
            2 / (n - 1)
        )  # standard error of a Gaussian sample variance
        assert np.all(np.abs(path[i].var(0, ddof=1) - var) < 5 * se_var)


def test_vp_sde_has_the_closed_form_marginal_at_t_1():
    s = VPSchedule(10, 0.1, 5.0)
    n = 40_000
    x0 = np.full((n, 1), 3.0)
    x1 = simulate_vp_sde(x0, s, 400, np.random.default_rng(1))
    ab = float(s.alpha_bar(1.0))
    # Euler-Maruyama has a weak error O(dt) = O(1/400): added to 5 standard errors
    assert abs(x1.mean() - 3.0 * np.sqrt(ab)) < 5 * np.sqrt((1 - ab) / n) + 0.02
    assert abs(x1.var() - (1 - ab)) < 5 * (1 - ab) * np.sqrt(2 / n) + 0.02


def test_q_posterior_is_gaussian_conditioning_of_the_joint():
    s = VPSchedule(10)
    i, x0, xt = 4, np.array([[0.7]]), np.array([[-0.2]])
    ab_prev, beta = s.alpha_bars[i - 1], s.betas[i - 1]
    # (x_{i-1}, x_i) given x_0: x_i = sqrt(1 - beta) x_{i-1} + sqrt(beta) z
    m1, v1 = np.sqrt(ab_prev) * x0[0, 0], 1 - ab_prev
    m2, v2 = np.sqrt(1 - beta) * m1, (1 - beta) * v1 + beta
    c12 = np.sqrt(1 - beta) * v1
    mean, var = q_posterior(x0, xt, s, i)
    assert mean[0, 0] == pytest.approx(m1 + c12 / v2 * (xt[0, 0] - m2))
    assert var == pytest.approx(v1 - c12**2 / v2)


def test_ancestral_step_with_the_true_noise_is_the_posterior_mean():
    s = VPSchedule(10)
    rng = np.random.default_rng(2)
    x0, eps = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    for i in (1, 3, 10):
        xt = add_noise(x0, s.alpha_bars[i], eps)
        mean, _ = q_posterior(x0, xt, s, i)
        step = ancestral_step(xt, eps, s, i, np.zeros_like(xt))
        assert np.allclose(step, mean, atol=1e-10)


def test_mixture_log_density_matches_scipy():
    x = np.random.default_rng(3).normal(size=(7, 2))
    ref = sum(
        w * multivariate_normal(m, s**2 * np.eye(2)).pdf(x)
        for w, m, s in zip(MIX.weights, MIX.means, MIX.sds, strict=True)
    )
    assert np.allclose(MIX.log_density(x), np.log(ref))


def test_mixture_score_is_the_gradient_of_the_log_density():
    for a in (1.0, 0.3):
        m = MIX.noised(a)
        for x in np.random.default_rng(4).normal(size=(5, 2)):
            fd = gradient(lambda v, m=m: float(m.log_density(v[None])[0]), x)
            assert np.allclose(m.score(x[None])[0], fd, atol=1e-6)


def test_noised_mixture_has_the_moments_of_the_noised_samples():
    a, n = 0.4, 100_000
    rng = np.random.default_rng(5)
    xt = add_noise(MIX.sample(n, rng), a, rng.normal(size=(n, 2)))
    ref = MIX.noised(a).sample(n, rng)
    se = np.sqrt(xt.var(0) / n + ref.var(0) / n)
    assert np.all(np.abs(xt.mean(0) - ref.mean(0)) < 5 * se)
    assert np.allclose(xt.var(0), ref.var(0), rtol=0.03)


def test_expected_noise_given_xt_is_minus_sigma_times_the_score():
    # Tweedie: E[eps | x_t] = -sqrt(1 - a) grad log p_t(x_t); estimated by weighting
    # many draws of x_0 with the likelihood q(x_t | x_0)
    a, x_t = 0.5, np.array([0.3, -0.2])
    rng = np.random.default_rng(6)
    x0 = MIX.sample(400_000, rng)
    eps = (x_t - np.sqrt(a) * x0) / np.sqrt(1 - a)
    w = np.exp(-0.5 * (eps**2).sum(1))
    w /= w.sum()
    est = w @ eps
    se = np.sqrt(w**2 @ (eps - est) ** 2)
    exact = -np.sqrt(1 - a) * MIX.noised(a).score(x_t[None])[0]
    assert np.all(np.abs(est - exact) < 5 * se)
    assert np.allclose(
        score_from_noise(exact[None], a)[0], MIX.noised(a).score(x_t[None])[0]
    )


def test_prior_kl_matches_monte_carlo():
    x0, a, n = np.array([[1.0, -2.0]]), 0.2, 200_000
    rng = np.random.default_rng(7)
    x = np.sqrt(a) * x0 + np.sqrt(1 - a) * rng.normal(size=(n, 2))
    q = multivariate_normal(np.sqrt(a) * x0[0], (1 - a) * np.eye(2))
    log_ratio = q.logpdf(x) - multivariate_normal(np.zeros(2), np.eye(2)).logpdf(x)
    se = log_ratio.std() / np.sqrt(n)
    assert abs(prior_kl(x0, a)[0] - log_ratio.mean()) < 5 * se


def test_time_embedding_values():
    emb = time_embedding([0.25], 2)
    expected = [
        np.sin(np.pi / 4),
        np.sin(np.pi / 2),
        np.cos(np.pi / 4),
        np.cos(np.pi / 2),
    ]
    assert np.allclose(emb[0], expected)


def test_denoising_loss_gradient_matches_finite_differences():
    rng = np.random.default_rng(8)
    net = NoisePredictor(2, 5, 2, 2, rng, dtype=np.float64)
    x0, t, eps = (
        rng.normal(size=(6, 2)),
        rng.uniform(0.1, 1, 6),
        rng.normal(size=(6, 2)),
    )
    s = VPSchedule(10)
    loss = denoising_loss(net, x0, t, eps, s)
    loss.backward()
    w = net.params[2]
    w0 = w.data.copy()

    def f(v):
        w.data = v.reshape(w0.shape)
        return denoising_loss(net, x0, t, eps, s).item()

    fd = gradient(f, w0.ravel().copy())
    w.data = w0
    assert np.allclose(w.grad.ravel(), fd, atol=1e-6)
    assert isinstance(loss, Tensor)


def exact_eps(mix, s):
    def eps_fn(x, t):
        a = float(s.alpha_bar(t))
        return -np.sqrt(1 - a) * mix.noised(a).score(x)

    return eps_fn


def test_samplers_with_the_exact_score_reproduce_a_gaussian():
    # data N(m, v): the noised marginal is Gaussian, the samplers must return N(m, v)
    g = GaussianMixture([1.0], [[1.5, -0.5]], [0.4])
    s = VPSchedule(200)
    rng = np.random.default_rng(9)
    n = 20_000
    for x in (
        ancestral_sample(exact_eps(g, s), s, n, 2, rng),
        probability_flow_sample(
            exact_eps(g, s), s, rng.normal(size=(n, 2)), 100, t_min=1e-4
        ),
    ):
        se_mean = 0.4 / np.sqrt(n)
        # discretisation bias O(1/steps) on top of five standard errors
        assert np.all(np.abs(x.mean(0) - [1.5, -0.5]) < 5 * se_mean + 0.01)
        assert np.allclose(x.std(0), 0.4, atol=5 * 0.4 / np.sqrt(2 * n) + 0.01)


def test_probability_flow_is_deterministic_given_its_start():
    g = GaussianMixture([1.0], [[0.0, 0.0]], [0.5])
    s = VPSchedule(10)
    x1 = np.random.default_rng(10).normal(size=(4, 2))
    assert np.array_equal(
        probability_flow_sample(exact_eps(g, s), s, x1, 20),
        probability_flow_sample(exact_eps(g, s), s, x1, 20),
    )


def test_training_learns_the_noise_of_a_gaussian():
    # data N(0, s^2 I): eps*(x, t) = sqrt(1 - a) x / (a s^2 + 1 - a), a simple target
    g = GaussianMixture([1.0], [[0.0, 0.0]], [0.5])
    s = VPSchedule(10)
    rng = np.random.default_rng(11)
    net, hist = train_noise_predictor(
        g.sample(4096, rng),
        s,
        rng,
        standardize=False,
        hidden=32,
        depth=2,
        epochs=15,
        batch_size=256,
        lr=1e-2,
        show_progress=False,
    )
    assert hist[-1] < hist[0]
    x = np.random.default_rng(12).normal(size=(500, 2)) * 0.6
    for t in (0.2, 0.5, 0.8):
        exact = exact_eps(g, s)(x, t)
        err = np.sqrt(np.mean((net(x, t) - exact) ** 2) / np.mean(exact**2))
        assert err < 0.2


@pytest.mark.parametrize(
    "call",
    [
        lambda: VPSchedule(0),
        lambda: VPSchedule(10, 2.0, 1.0),
        lambda: add_noise(np.zeros((2, 2)), 1.5, np.zeros((2, 2))),
        lambda: add_noise(np.zeros((2, 2)), 0.5, np.zeros((3, 2))),
        lambda: q_posterior(np.zeros((1, 1)), np.zeros((1, 1)), VPSchedule(5), 6),
        lambda: score_from_noise(np.zeros((1, 2)), 1.0),
        lambda: GaussianMixture([0.5, 0.6], [[0.0], [1.0]], [1.0, 1.0]),
        lambda: prior_kl(np.zeros((1, 2)), 1.0),
    ],
)
def test_bad_inputs_raise(call):
    with pytest.raises(ValueError):
        call()
