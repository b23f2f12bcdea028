"""Checks for the exercises of :doc:`/chapters/19-vae`."""

from __future__ import annotations

import numpy as np

from mathlib.autodiff import Tensor
from mathlib.checks import check_function, check_scalar
from mathlib.vae import (
    gaussian_kl,
    log_mean_exp,
    reparameterise,
    score_function_gradient,
)

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "EXERCISE_4_MODEL"]

# Exercise 4: z ~ N(0, 1), x | z ~ N(w z + b, s^2 I); observed x; q = N(m, v).
EXERCISE_4_MODEL = {"w": (2.0, 1.0), "b": (0.0, -0.5), "s": 0.5, "x": (1.2, 0.3),
                    "m": 0.2, "v": 0.3}

# Test inputs: means, log-variances and noise of one or several samples.
_POINTS = [
    (np.array([0.5]), np.array([0.0]), np.array([1.0])),
    (np.array([0.3, -1.2]), np.array([-0.7, 0.4]), np.array([0.8, -1.5])),
    (np.array([[1.0, 0.0], [-0.5, 2.0]]), np.array([[0.2, -2.0], [1.0, -0.3]]),
     np.array([[0.1, -0.4], [2.2, 0.9]])),
]


def _reparameterised(mu, logvar, eps):
    """z and its derivatives in mu and logvar, from the library by reverse mode."""
    tm, tv = Tensor(mu, requires_grad=True), Tensor(logvar, requires_grad=True)
    z = reparameterise(tm, tv, eps)
    z.sum().backward()  # z_i depends on mu_i and logvar_i only: the sum's gradient
    return np.stack([z.data, tm.grad, tv.grad])


def exercise_1(reparameterised) -> None:
    """z = mu + exp(logvar / 2) eps, dz/dmu and dz/dlogvar, elementwise."""
    check_function(
        reparameterised, _reparameterised, _POINTS, name="Exercise 1",
        hint="sigma = exp(logvar / 2); then differentiate z = mu + exp(logvar / 2) eps "
             "in mu and in logvar with eps held fixed (the chain rule on the "
             "exponential).",
        mistakes={
            "exp(logvar) is the variance, not the standard deviation: sigma = "
            "exp(logvar / 2).":
                lambda m, v, e: np.stack([m + np.exp(v) * e, np.ones_like(m),
                                          np.exp(v) * e]),
            "z is right, but d/dlogvar of exp(logvar / 2) carries the inner "
            "derivative 1/2.":
                lambda m, v, e: np.stack([m + np.exp(v / 2) * e, np.ones_like(m),
                                          np.exp(v / 2) * e]),
            "z is right, but z changes one for one with mu: dz/dmu = 1.":
                lambda m, v, e: np.stack([m + np.exp(v / 2) * e, np.zeros_like(m),
                                          0.5 * np.exp(v / 2) * e]),
            "the order is (z, dz/dmu, dz/dlogvar); yours has the two derivatives "
            "swapped.":
                lambda m, v, e: np.stack([m + np.exp(v / 2) * e,
                                          0.5 * np.exp(v / 2) * e, np.ones_like(m)]),
        },
    )


def exercise_2(kl_to_prior) -> None:
    """KL(N(mu, diag e^logvar) || N(0, I)), summed over the last axis."""
    check_function(
        kl_to_prior, gaussian_kl, [(m, v) for m, v, _ in _POINTS], name="Exercise 2",
        hint="per coordinate, log(1 / sigma) + (sigma^2 + mu^2) / 2 - 1/2 with sigma^2 "
             "= exp(logvar); then sum over the last axis.",
        mistakes={
            "twice the KL: the closed form has a factor 1/2 in front.":
                lambda m, v: 2 * gaussian_kl(m, v),
            "the log term: log(1/sigma) = -logvar / 2, so the sum has -logvar, not "
            "+logvar.":
                lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - 1 + v, axis=-1),
            "the constant: each coordinate contributes -1/2 (the -1 inside the "
            "bracket).":
                lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - v, axis=-1),
            "that is KL(N(0, I) || q), the other direction; KL is not symmetric.":
                lambda m, v: gaussian_kl(np.zeros_like(m), np.zeros_like(v), m, v),
            "you used exp(logvar) as the standard deviation; it is the variance.":
                lambda m, v: 0.5 * np.sum(m**2 + np.exp(2 * v) - 1 - 2 * v, axis=-1),
        },
    )


def _f_ex3(z):
    return np.sin(z[:, 0]) + z[:, -1] ** 2


_EX3_POINTS = [
    (_f_ex3, np.array([0.5]), np.array([0.0]), np.array([[1.0], [-0.3], [2.0]])),
    (_f_ex3, np.array([0.3, -1.2]), np.array([-0.7, 0.4]),
     np.array([[0.8, -1.5], [0.1, 0.2], [-1.0, 1.3]])),
]


def exercise_3(score_gradient) -> None:
    """Per-sample score-function estimates f(z) eps / sigma of d/dmu E[f(z)]."""
    check_function(
        score_gradient, score_function_gradient, _EX3_POINTS, name="Exercise 3",
        hint="the estimate is f(z) times d/dmu log q(z) = (z - mu) / sigma^2, at z = mu "
             "+ sigma eps; f takes the whole (k, d) array of samples and returns k "
             "values, one per row.",
        mistakes={
            "(z - mu) / sigma^2 = eps / sigma: you multiplied by eps without dividing "
            "by sigma.":
                lambda f, m, v, e: f(m + np.exp(v / 2) * e)[:, None] * e,
            "(z - mu) / sigma^2 = eps / sigma, not eps / sigma^2.":
                lambda f, m, v, e: f(m + np.exp(v / 2) * e)[:, None] * e / np.exp(v),
            "sign: d/dmu log q(z) = +(z - mu) / sigma^2.":
                lambda f, m, v, e: -score_function_gradient(f, m, v, e),
            "that is d/dmu log q(z) alone; the estimator multiplies it by f(z).":
                lambda f, m, v, e: e / np.exp(v / 2) + 0 * f(m + e)[:, None],
        },
    )


def _ex4_parts() -> tuple[float, float, float, float]:
    """Posterior mean and variance of the exercise's model, and q's m and v."""
    p = EXERCISE_4_MODEL
    w, b, x = (np.array(p[k]) for k in ("w", "b", "x"))
    precision = 1.0 + w @ w / p["s"] ** 2  # posterior: eq. (vae-linear-posterior)
    return float(w @ (x - b) / p["s"] ** 2 / precision), 1.0 / precision, p["m"], p["v"]


def exercise_4(gap) -> None:
    """log p(x) - ELBO(q) = KL(q || p(z | x)) for the linear-Gaussian model."""
    post_mean, post_var, m, v = _ex4_parts()
    one = np.array([m]), np.log([v])
    exact = float(gaussian_kl(*one, post_mean, np.log(post_var)))
    check_scalar(
        gap, exact, rtol=1e-6, name="Exercise 4",
        hint="the gap is the KL divergence from q to the posterior p(z | x): find the "
             "posterior's mean and variance first, then use the Gaussian KL.",
        mistakes={
            "that is KL(q || p(z)), the KL to the prior that the ELBO subtracts; the "
            "gap is the KL to the posterior.": float(gaussian_kl(*one)),
            "that is KL(p(z | x) || q), the other direction; the gap is KL(q || "
            "posterior).": float(gaussian_kl(np.array([post_mean]),
                                             np.log([post_var]), m, np.log(v))),
            "the gap log p(x) - ELBO is a KL divergence, so it is >= 0.": -exact,
        },
    )


_EX5_POINTS = [
    np.array([[0.0, 1.0], [1.0, -2.0], [2.0, 0.5]]),
    np.array([[-1000.0, 5.0], [-1001.0, 4.0], [-999.5, 6.0], [-1000.2, 3.0]]),
    np.array([[800.0], [801.0]]),
]


def exercise_5(iwae_estimate) -> None:
    """log((1/K) sum_k exp(log_w[k])) for each column, computed stably."""
    check_function(
        iwae_estimate, log_mean_exp, _EX5_POINTS, name="Exercise 5",
        hint="subtract the largest log-weight of each column before exponentiating, "
             "and add it back after the log; the mean over the K rows brings the "
             "-log K.",
        mistakes={
            "that is the mean of the log-weights, a one-sample ELBO average: the "
            "estimate takes the log of the mean of the weights.":
                lambda a: np.mean(a, axis=0),
            "that is log of the sum: the mean has a factor 1/K, i.e. -log K.":
                lambda a: log_mean_exp(a) + np.log(len(a)),
            "that is the largest log-weight alone; the other weights count too.":
                lambda a: np.max(a, axis=0),
        },
    )
