"""Diffusion models: the variance-preserving noising process and its reversal.

The forward process adds Gaussian noise to data until nothing but noise is left; a
network learns to predict the added noise, which is the score of the noised data up to
a factor; samplers run the process backwards. Everything here is for small, low
dimensional data (points in the plane), so that it trains on a CPU in seconds and can be
checked against a Gaussian mixture, whose noised densities and scores are known exactly.
Equation numbers refer to :doc:`/chapters/22-diffusion`; the SDE background (Brownian
motion, Euler-Maruyama) is in :doc:`/chapters/21-stochastic`.

Conventions: time ``t`` runs over [0, 1]; ``alpha_bar(t) = exp(-int_0^t beta)`` with a
linear ``beta(t)``; the discrete chain of ``num_steps`` steps uses the grid
``t_i = i / num_steps`` and ``alpha_bar_i = alpha_bar(t_i)``, so the DDPM chain and the
VP SDE have the same marginals at the grid times.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_array, real_number, whole_number
from .autodiff import ops
from .autodiff.tensor import Tensor
from .optim import Adam
from .sde import euler_maruyama
from .training import fit

__all__ = [
    "GaussianMixture",
    "NoisePredictor",
    "VPSchedule",
    "add_noise",
    "ancestral_sample",
    "ancestral_step",
    "denoising_loss",
    "noise_chain",
    "prior_kl",
    "probability_flow_sample",
    "q_posterior",
    "score_from_noise",
    "simulate_vp_sde",
    "time_embedding",
    "train_noise_predictor",
]

EpsFn = Callable[[np.ndarray, float], np.ndarray]


@dataclass(frozen=True)
class VPSchedule:
    """The variance-preserving noise schedule: beta(t) linear on [0, 1], and its grid.

    Parameters
    ----------
    num_steps : int
        Steps T of the discrete (DDPM) chain; step i goes from t_{i-1} to t_i = i / T.
    beta_min, beta_max : float, default 0.1 and 20.0
        beta(0) and beta(1); the defaults of the score-SDE paper, for which
        alpha_bar(1) = exp(-10.05), about 4e-5: the last step is noise.

    Examples
    --------
    >>> s = VPSchedule(100)
    >>> s.alpha_bars.shape, bool(s.alpha_bars[-1] < 1e-4)
    ((101,), True)

    See :doc:`/chapters/22-diffusion`.
    """

    num_steps: int
    beta_min: float = 0.1
    beta_max: float = 20.0

    def __post_init__(self) -> None:
        whole_number(self.num_steps, "VPSchedule: num_steps", minimum=1)
        low = real_number(self.beta_min, "VPSchedule: beta_min", within="(0, inf)")
        high = real_number(self.beta_max, "VPSchedule: beta_max", within="(0, inf)")
        if high < low:
            raise ValueError(f"VPSchedule: beta_max {high} is below beta_min {low}")

    def beta(self, t: ArrayLike) -> np.ndarray:
        """beta(t) = beta_min + t (beta_max - beta_min), the noise rate at time t."""
        t = real_array(t, "VPSchedule.beta: t", within="[0, 1]")
        return self.beta_min + t * (self.beta_max - self.beta_min)

    def alpha_bar(self, t: ArrayLike) -> np.ndarray:
        """alpha_bar(t) = exp(-int_0^t beta(s) ds), the signal variance left at t."""
        t = real_array(t, "VPSchedule.alpha_bar: t", within="[0, 1]")
        return np.exp(
            -(self.beta_min * t + 0.5 * (self.beta_max - self.beta_min) * t**2)
        )

    @property
    def times(self) -> np.ndarray:
        """The grid t_0 = 0, t_1, ..., t_T = 1 (length T + 1)."""
        return np.arange(self.num_steps + 1) / self.num_steps

    @property
    def alpha_bars(self) -> np.ndarray:
        """alpha_bar_i = alpha_bar(t_i), i = 0..T (alpha_bar_0 = 1)."""
        return self.alpha_bar(self.times)

    @property
    def betas(self) -> np.ndarray:
        """beta_i = 1 - alpha_bar_i / alpha_bar_{i-1} for i = 1..T, stored at i - 1."""
        ab = self.alpha_bars
        return 1.0 - ab[1:] / ab[:-1]


def _column(a: ArrayLike, n: int, name: str) -> np.ndarray:
    """A scalar or one value per row, as a column that broadcasts against (n, d)."""
    a = real_array(a, name)
    if a.ndim == 0:
        return a
    if a.shape != (n,):
        raise ValueError(f"{name}: expected a number or shape ({n},), got {a.shape}")
    return a[:, None]


def add_noise(x0: ArrayLike, alpha_bar: ArrayLike, eps: ArrayLike) -> np.ndarray:
    """Sample x_t = sqrt(alpha_bar) x_0 + sqrt(1 - alpha_bar) eps (eq-diff-marginal).

    Parameters
    ----------
    x0 : array_like
        Shape (n, d), clean data.
    alpha_bar : float or array_like
        In [0, 1]: one number, or one per row.
    eps : array_like
        Shape (n, d), standard normal noise.

    Returns
    -------
    numpy.ndarray
        Shape (n, d): a sample of q(x_t | x_0), that is of
        N(sqrt(alpha_bar) x_0, (1 - alpha_bar) I).

    Examples
    --------
    >>> add_noise([[2.0, 0.0]], 0.25, [[0.0, 1.0]]).round(4).tolist()
    [[1.0, 0.866]]

    See :doc:`/chapters/22-diffusion`.
    """
    x0 = real_array(x0, "add_noise: x0", ndim=2)
    eps = real_array(eps, "add_noise: eps", ndim=2)
    if eps.shape != x0.shape:
        raise ValueError(f"add_noise: eps has shape {eps.shape}, x0 {x0.shape}")
    ab = _column(alpha_bar, len(x0), "add_noise: alpha_bar")
    if np.any((ab < 0) | (ab > 1)):
        raise ValueError("add_noise: alpha_bar must lie in [0, 1]")
    return np.sqrt(ab) * x0 + np.sqrt(1.0 - ab) * eps


def noise_chain(
    x0: ArrayLike, schedule: VPSchedule, rng: np.random.Generator
) -> np.ndarray:
    """Run the DDPM forward chain x_i = sqrt(1 - beta_i) x_{i-1} + sqrt(beta_i) z_i.

    Parameters
    ----------
    x0 : array_like
        Shape (n, d).
    schedule : VPSchedule
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        Shape (T + 1, n, d): x_0, x_1, ..., x_T, step by step (not by the closed form).

    Examples
    --------
    >>> path = noise_chain(np.zeros((3, 2)), VPSchedule(10), np.random.default_rng(0))
    >>> path.shape
    (11, 3, 2)

    See :doc:`/chapters/22-diffusion`.
    """
    x = real_array(x0, "noise_chain: x0", ndim=2)
    rng = generator(rng, "noise_chain: rng")
    path = [x]
    for beta in schedule.betas:  # one Gaussian step of the chain, eq. (eq-diff-step)
        x = np.sqrt(1.0 - beta) * x + np.sqrt(beta) * rng.normal(size=x.shape)
        path.append(x)
    return np.stack(path)


def simulate_vp_sde(
    x0: ArrayLike,
    schedule: VPSchedule,
    num_steps: int,
    rng: np.random.Generator,
    t_end: float = 1.0,
) -> np.ndarray:
    """Euler-Maruyama for dx = -beta(t) x / 2 dt + sqrt(beta(t)) dW on [0, t_end].

    The scheme is :func:`mathlib.sde.euler_maruyama` with the VP SDE's drift and
    diffusion coefficient.

    Parameters
    ----------
    x0 : array_like
        Shape (n, d).
    schedule : VPSchedule
        Supplies beta(t).
    num_steps : int
        Euler-Maruyama steps of size t_end / num_steps.
    rng : numpy.random.Generator
    t_end : float, default 1.0
        Final time, in (0, 1].

    Returns
    -------
    numpy.ndarray
        Shape (n, d): the state at t_end.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x1 = simulate_vp_sde(np.ones((4, 2)), VPSchedule(10), 50, rng)
    >>> x1.shape
    (4, 2)

    See :doc:`/chapters/22-diffusion` and :doc:`/chapters/21-stochastic`.
    """
    x = real_array(x0, "simulate_vp_sde: x0", ndim=2)
    num_steps = whole_number(num_steps, "simulate_vp_sde: num_steps", minimum=1)
    rng = generator(rng, "simulate_vp_sde: rng")
    t_end = real_number(t_end, "simulate_vp_sde: t_end", within="(0, 1]")
    dW = np.sqrt(t_end / num_steps) * rng.normal(size=(num_steps, *x.shape))
    _, path = euler_maruyama(lambda x, t: -0.5 * schedule.beta(t) * x,  # drift f
                             lambda x, t: np.sqrt(schedule.beta(t)),  # diffusion g
                             x, t_end, dW)
    return path[-1]


def q_posterior(
    x0: ArrayLike, xt: ArrayLike, schedule: VPSchedule, i: int
) -> tuple[np.ndarray, float]:
    """Mean and variance of q(x_{i-1} | x_i, x_0), eq. (eq-diff-posterior).

    Parameters
    ----------
    x0, xt : array_like
        Shape (n, d): clean data and the state at step i.
    schedule : VPSchedule
    i : int
        Step, 1 <= i <= T.

    Returns
    -------
    mean : numpy.ndarray
        Shape (n, d).
    var : float
        beta_tilde_i = beta_i (1 - alpha_bar_{i-1}) / (1 - alpha_bar_i).

    Examples
    --------
    >>> m, v = q_posterior(np.zeros((1, 2)), np.ones((1, 2)), VPSchedule(10), 1)
    >>> float(v)
    0.0

    See :doc:`/chapters/22-diffusion`.
    """
    i = whole_number(i, "q_posterior: i", minimum=1)
    if i > schedule.num_steps:
        raise ValueError(f"q_posterior: i = {i} exceeds num_steps {schedule.num_steps}")
    x0 = real_array(x0, "q_posterior: x0", ndim=2)
    xt = real_array(xt, "q_posterior: xt", ndim=2)
    ab, ab_prev = schedule.alpha_bars[i], schedule.alpha_bars[i - 1]
    beta = schedule.betas[i - 1]
    mean = (
        np.sqrt(ab_prev) * beta * x0 + np.sqrt(1.0 - beta) * (1.0 - ab_prev) * xt
    ) / (1.0 - ab)
    return mean, float(beta * (1.0 - ab_prev) / (1.0 - ab))


def score_from_noise(eps_hat: ArrayLike, alpha_bar: ArrayLike) -> np.ndarray:
    """The score implied by a noise prediction: -eps_hat / sqrt(1 - alpha_bar).

    Parameters
    ----------
    eps_hat : array_like
        Shape (n, d), predicted noise.
    alpha_bar : float or array_like
        In [0, 1): one number, or one per row.

    Returns
    -------
    numpy.ndarray
        Shape (n, d), eq. (eq-diff-eps-score).

    Examples
    --------
    >>> score_from_noise([[1.0, -2.0]], 0.75).tolist()
    [[-2.0, 4.0]]

    See :doc:`/chapters/22-diffusion`.
    """
    eps_hat = real_array(eps_hat, "score_from_noise: eps_hat", ndim=2)
    ab = _column(alpha_bar, len(eps_hat), "score_from_noise: alpha_bar")
    if np.any((ab < 0) | (ab >= 1)):
        raise ValueError("score_from_noise: alpha_bar must lie in [0, 1)")
    return -eps_hat / np.sqrt(1.0 - ab)


def prior_kl(x0: ArrayLike, alpha_bar: float) -> np.ndarray:
    """KL( q(x_T | x_0) || N(0, I) ) for each row of x0, in nats.

    q(x_T | x_0) = N(sqrt(a) x_0, (1 - a) I) with a = alpha_bar_T, so the KL is
    (d (1 - a) + a |x_0|^2 - d - d log(1 - a)) / 2.

    Parameters
    ----------
    x0 : array_like
        Shape (n, d).
    alpha_bar : float
        alpha_bar_T in [0, 1).

    Returns
    -------
    numpy.ndarray
        Shape (n,).

    Examples
    --------
    >>> prior_kl([[1.0, 0.0]], 0.0).tolist()
    [0.0]

    See :doc:`/chapters/22-diffusion`.
    """
    x0 = real_array(x0, "prior_kl: x0", ndim=2)
    a = real_number(alpha_bar, "prior_kl: alpha_bar", within="[0, 1)")
    d = x0.shape[1]
    return 0.5 * (d * (1.0 - a) + a * (x0**2).sum(1) - d - d * np.log1p(-a))


@dataclass(frozen=True)
class GaussianMixture:
    """A mixture of isotropic Gaussians: weights w_k, means mu_k, deviations s_k.

    Its noised marginal under the VP process is again such a mixture (means
    sqrt(a) mu_k, variances a s_k^2 + 1 - a), so its score is exact at every noise
    level.

    Parameters
    ----------
    weights : array_like
        Shape (k,), positive, summing to 1.
    means : array_like
        Shape (k, d).
    sds : array_like
        Shape (k,), positive.

    Examples
    --------
    >>> g = GaussianMixture([1.0], [[0.0, 0.0]], [1.0])
    >>> g.score(np.array([[1.0, 2.0]])).tolist()
    [[-1.0, -2.0]]

    See :doc:`/chapters/22-diffusion`.
    """

    weights: np.ndarray
    means: np.ndarray
    sds: np.ndarray

    def __post_init__(self) -> None:
        w = real_array(
            self.weights, "GaussianMixture: weights", ndim=1, within="(0, 1]"
        )
        mu = real_array(self.means, "GaussianMixture: means", ndim=2)
        s = real_array(self.sds, "GaussianMixture: sds", ndim=1, within="(0, inf)")
        if not len(w) == len(mu) == len(s):
            raise ValueError("GaussianMixture: weights, means, sds differ in length")
        if abs(w.sum() - 1.0) > 1e-9:
            raise ValueError(f"GaussianMixture: weights sum to {w.sum()}, not 1")
        object.__setattr__(self, "weights", w)
        object.__setattr__(self, "means", mu)
        object.__setattr__(self, "sds", s)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """n points, shape (n, d)."""
        n = whole_number(n, "GaussianMixture.sample: n", minimum=1)
        k = generator(rng, "GaussianMixture.sample: rng").choice(
            len(self.weights), n, p=self.weights
        )
        return self.means[k] + self.sds[k, None] * rng.normal(
            size=(n, self.means.shape[1])
        )

    def noised(self, alpha_bar: float) -> GaussianMixture:
        """The law of sqrt(a) x + sqrt(1 - a) eps, x from this mixture (eq-diff-mix)."""
        a = real_number(alpha_bar, "GaussianMixture.noised: alpha_bar", within="[0, 1]")
        sds = np.sqrt(a * self.sds**2 + 1.0 - a)
        return GaussianMixture(self.weights, np.sqrt(a) * self.means, sds)

    def _log_parts(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """log(w_k N(x; mu_k, s_k^2 I)) per row and component, and x - mu_k."""
        diff = x[:, None, :] - self.means[None]  # (n, k, d)
        d = x.shape[1]
        var = self.sds**2
        log_n = -0.5 * (diff**2).sum(2) / var - 0.5 * d * np.log(2 * np.pi * var)
        return np.log(self.weights) + log_n, diff

    def log_density(self, x: ArrayLike) -> np.ndarray:
        """log p(x) for each row of x, shape (n,)."""
        x = real_array(x, "GaussianMixture.log_density: x", ndim=2)
        log_parts, _ = self._log_parts(x)
        return ops.logsumexp(log_parts, axis=1)

    def score(self, x: ArrayLike) -> np.ndarray:
        """grad log p(x) = -sum_k r_k(x) (x - mu_k) / s_k^2, r_k: responsibilities."""
        x = real_array(x, "GaussianMixture.score: x", ndim=2)
        log_parts, diff = self._log_parts(x)
        r = ops.softmax(log_parts, axis=1)  # posterior probability of each component
        return -(r[:, :, None] * diff / self.sds[None, :, None] ** 2).sum(1)


def time_embedding(t: ArrayLike, num_freqs: int) -> np.ndarray:
    """Features sin(2^j pi t), cos(2^j pi t), j = 0..num_freqs-1, of times t in [0, 1].

    Examples
    --------
    >>> time_embedding([0.0, 0.5], 2).round(6).tolist()
    [[0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 0.0, -1.0]]

    See :doc:`/chapters/22-diffusion`.
    """
    t = real_array(t, "time_embedding: t", ndim=1)
    angles = t[:, None] * (np.pi * 2.0 ** np.arange(num_freqs))
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


class NoisePredictor:
    """A small MLP eps_theta(x, t): input x and a time embedding, output the noise.

    Layers ``[d + 2 num_freqs, hidden, ..., hidden, d]`` with ReLU between them, He
    initialisation. ``shift`` and ``scale`` map the diffusion's coordinates back to the
    data's: the model diffuses z = (x - shift) / scale.

    Parameters
    ----------
    dim : int
        Data dimension d.
    hidden : int
        Width of the hidden layers.
    depth : int
        Number of hidden layers.
    num_freqs : int
        Frequencies of the time embedding.
    rng : numpy.random.Generator
        Source of the initial weights.
    dtype : data-type, default numpy.float32
        Of the weights and of the training arithmetic: single precision is plenty for
        a network trained by noisy gradients, and about twice as fast as double.

    Examples
    --------
    >>> net = NoisePredictor(2, 16, 2, 3, np.random.default_rng(0))
    >>> net(np.zeros((5, 2)), 0.5).shape
    (5, 2)

    See :doc:`/chapters/22-diffusion`.
    """

    def __init__(
        self,
        dim: int,
        hidden: int,
        depth: int,
        num_freqs: int,
        rng: np.random.Generator,
        dtype: type = np.float32,
    ) -> None:
        dim = whole_number(dim, "NoisePredictor: dim", minimum=1)
        hidden = whole_number(hidden, "NoisePredictor: hidden", minimum=1)
        depth = whole_number(depth, "NoisePredictor: depth", minimum=1)
        self.num_freqs = whole_number(num_freqs, "NoisePredictor: num_freqs", minimum=1)
        rng = generator(rng, "NoisePredictor: rng")
        self.dtype = np.dtype(dtype)
        sizes = [dim + 2 * self.num_freqs] + [hidden] * depth + [dim]
        self.params = []
        for m, n in zip(sizes[:-1], sizes[1:], strict=True):
            weight = rng.normal(0.0, np.sqrt(2.0 / m), (m, n))  # He initialisation
            self.params += [
                Tensor(weight, requires_grad=True, dtype=self.dtype),
                Tensor(np.zeros(n), requires_grad=True, dtype=self.dtype),
            ]
        self.shift = np.zeros(dim)
        self.scale = np.ones(dim)

    def forward(self, x: np.ndarray, t: np.ndarray) -> Tensor:
        """eps_theta for rows x at times t (shape (n,)), a Tensor to differentiate."""
        h = np.concatenate([x, time_embedding(t, self.num_freqs)], axis=1)
        h = h.astype(self.dtype, copy=False)
        last = len(self.params) - 2
        for k in range(0, len(self.params), 2):
            h = h @ self.params[k] + self.params[k + 1]
            if k < last:
                h = ops.relu(h)
        return h

    def __call__(self, x: ArrayLike, t: float) -> np.ndarray:
        """eps_theta(x, t) as an array, every row at the same time t (for samplers)."""
        x = real_array(x, "NoisePredictor: x", ndim=2)
        t = real_number(t, "NoisePredictor: t", within="[0, 1]")
        h = np.concatenate([x, time_embedding(np.full(len(x), t), self.num_freqs)], 1)
        h = h.astype(self.dtype, copy=False)
        last = len(self.params) - 2
        for k in range(0, len(self.params), 2):
            h = h @ self.params[k].data + self.params[k + 1].data
            if k < last:
                h = np.maximum(h, 0.0)
        return h.astype(np.float64)

    def to_data(self, z: ArrayLike) -> np.ndarray:
        """Map diffusion coordinates z back to data coordinates shift + scale z."""
        return self.shift + self.scale * real_array(z, "NoisePredictor.to_data: z")


def denoising_loss(
    model: NoisePredictor,
    x0: np.ndarray,
    t: np.ndarray,
    eps: np.ndarray,
    schedule: VPSchedule,
) -> Tensor:
    """The noise-prediction loss mean_n |eps_theta(x_t, t) - eps|^2, eq. (eq-diff-loss).

    Examples
    --------
    >>> net = NoisePredictor(2, 8, 1, 2, np.random.default_rng(0))
    >>> loss = denoising_loss(net, np.zeros((4, 2)), np.full(4, 0.5), np.ones((4, 2)),
    ...                       VPSchedule(10))
    >>> loss.shape
    ()

    See :doc:`/chapters/22-diffusion`.
    """
    xt = add_noise(x0, schedule.alpha_bar(t), eps)
    diff = model.forward(xt, t) - eps.astype(model.dtype, copy=False)
    return (diff * diff).sum() / len(x0)


class _DecayingAdam(Adam):
    """Adam whose learning rate falls from lr to 0 on a half cosine over num_steps."""

    def __init__(self, lr: float, num_steps: int) -> None:
        super().__init__(lr)
        self.lr0, self.num_steps = self.lr, num_steps

    def step(self, params, grads):  # noqa: ANN001, ANN201 - as in Optimizer.step
        progress = min(self.t / self.num_steps, 1.0)
        self.lr = max(self.lr0 * 0.5 * (1.0 + np.cos(np.pi * progress)), 1e-12)
        return super().step(params, grads)


def train_noise_predictor(
    data: ArrayLike,
    schedule: VPSchedule,
    rng: np.random.Generator,
    *,
    standardize: bool = True,
    hidden: int = 64,
    depth: int = 3,
    num_freqs: int = 6,
    epochs: int = 120,
    batch_size: int = 512,
    lr: float = 5e-3,
    t_min: float = 1e-3,
    t_power: float = 2.0,
    log_every: int = 0,
    show_progress: bool = True,
    dtype: type = np.float32,
) -> tuple[NoisePredictor, np.ndarray]:
    """Train a NoisePredictor on ``data`` by denoising score matching (book recipe).

    Each step draws a time t = t_min + (1 - t_min) u^t_power (u uniform on [0, 1]) and
    a standard normal eps per example, and takes an Adam step (learning rate on a half
    cosine to 0) on ``denoising_loss``, through ``mathlib.training.fit``. The defaults
    are the recipe of the chapter and of ``benchmarks/generative.py`` for two moons
    (12,800 points: 3,000 steps).

    Parameters
    ----------
    data : array_like
        Shape (n, d), the training set.
    schedule : VPSchedule
    rng : numpy.random.Generator
        Source of the initial weights, the shuffles, the times and the noise.
    standardize : bool, default True
        Diffuse z = (x - mean) / sd per coordinate (stored in the model).
    hidden, depth, num_freqs : int
        Network size (see ``NoisePredictor``).
    epochs, batch_size : int
        Passes over the data, examples per step.
    lr : float
        Initial learning rate.
    t_min : float
        Smallest training time (the score at t = 0 is not needed, nor defined for data
        on a curve).
    t_power : float, default 2.0
        Values above 1 spend more steps at low noise, where the score of thin data is
        hardest to learn; this reweights the loss over t and leaves its minimiser at
        each t unchanged.
    log_every : int, default 0
        Print the loss every ``log_every`` epochs (see ``fit``).
    show_progress : bool, default True
        Progress bar in a live kernel (see ``fit``).
    dtype : data-type, default numpy.float32
        Of the network (see ``NoisePredictor``).

    Returns
    -------
    model : NoisePredictor
    history : numpy.ndarray
        The mean loss of each epoch.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = GaussianMixture([1.0], [[0.0, 0.0]], [1.0]).sample(256, rng)
    >>> net, hist = train_noise_predictor(x, VPSchedule(10), rng, hidden=8, epochs=2,
    ...                                  show_progress=False)
    >>> hist.shape
    (2,)

    See :doc:`/chapters/22-diffusion`.
    """
    data = real_array(data, "train_noise_predictor: data", ndim=2)
    rng = generator(rng, "train_noise_predictor: rng")
    t_min = real_number(t_min, "train_noise_predictor: t_min", within="[0, 1)")
    model = NoisePredictor(data.shape[1], hidden, depth, num_freqs, rng, dtype)
    if standardize:
        model.shift, model.scale = data.mean(0), data.std(0)
    z = (data - model.shift) / model.scale
    n = len(z)

    def loss(idx: np.ndarray) -> Tensor:
        t = t_min + (1.0 - t_min) * rng.uniform(size=len(idx)) ** t_power
        return denoising_loss(
            model, z[idx], t, rng.normal(size=(len(idx), z.shape[1])), schedule
        )

    steps = epochs * -(-n // batch_size)
    history = fit(
        loss,
        model.params,
        _DecayingAdam(lr, steps),
        n,
        epochs=epochs,
        batch_size=batch_size,
        rng=rng,
        log_every=log_every,
        show_progress=show_progress,
        desc="denoising score matching",
    )
    return model, history


def ancestral_step(
    x: np.ndarray, eps_hat: np.ndarray, schedule: VPSchedule, i: int, z: np.ndarray
) -> np.ndarray:
    """One DDPM sampler step from x_i to x_{i-1}, eq. (eq-diff-ancestral).

    x_{i-1} = (x_i - beta_i eps_hat / sqrt(1 - alpha_bar_i)) / sqrt(alpha_i)
    + sqrt(beta_tilde_i) z.

    Examples
    --------
    >>> s = VPSchedule(10)
    >>> ancestral_step(np.ones((1, 2)), np.zeros((1, 2)), s, 1, np.zeros((1, 2))).shape
    (1, 2)

    See :doc:`/chapters/22-diffusion`.
    """
    ab, ab_prev = schedule.alpha_bars[i], schedule.alpha_bars[i - 1]
    beta = schedule.betas[i - 1]
    mean = (x - beta / np.sqrt(1.0 - ab) * eps_hat) / np.sqrt(1.0 - beta)
    return mean + np.sqrt(beta * (1.0 - ab_prev) / (1.0 - ab)) * z


def ancestral_sample(
    eps_fn: EpsFn,
    schedule: VPSchedule,
    n: int,
    dim: int,
    rng: np.random.Generator,
    return_path: bool = False,
) -> np.ndarray:
    """Sample with the DDPM ancestral sampler: x_T ~ N(0, I), then T steps down.

    Parameters
    ----------
    eps_fn : callable
        ``eps_fn(x, t)`` predicts the noise of rows x at time t (a NoisePredictor, or
        an exact ``-sqrt(1 - alpha_bar) * score``).
    schedule : VPSchedule
    n, dim : int
        Number and dimension of the samples.
    rng : numpy.random.Generator
    return_path : bool, default False
        Return every state x_T, ..., x_0 (shape (T + 1, n, d)), not only x_0.

    Returns
    -------
    numpy.ndarray
        Shape (n, d), or (T + 1, n, d) with ``return_path``.

    Examples
    --------
    >>> x = ancestral_sample(lambda x, t: 0 * x, VPSchedule(5), 3, 2,
    ...                      np.random.default_rng(0))
    >>> x.shape
    (3, 2)

    See :doc:`/chapters/22-diffusion`.
    """
    n = whole_number(n, "ancestral_sample: n", minimum=1)
    dim = whole_number(dim, "ancestral_sample: dim", minimum=1)
    rng = generator(rng, "ancestral_sample: rng")
    x = rng.normal(size=(n, dim))
    path = [x]
    times = schedule.times
    for i in range(schedule.num_steps, 0, -1):
        z = rng.normal(size=x.shape)  # the last step adds none: beta_tilde_1 = 0
        x = ancestral_step(x, eps_fn(x, times[i]), schedule, i, z)
        path.append(x)
    return np.stack(path) if return_path else x


def probability_flow_sample(
    eps_fn: EpsFn,
    schedule: VPSchedule,
    x1: ArrayLike,
    num_steps: int,
    t_min: float = 1e-3,
    return_path: bool = False,
) -> np.ndarray:
    """Integrate the probability-flow ODE from t = 1 down to t_min with Heun's method.

    dx/dt = -beta(t) (x + score(x, t)) / 2, score = -eps_fn(x, t) / sqrt(1 - alpha_bar),
    eq. (eq-diff-pf-ode). Deterministic: the randomness is all in x1.

    Parameters
    ----------
    eps_fn : callable
        As in ``ancestral_sample``.
    schedule : VPSchedule
    x1 : array_like
        Shape (n, d), the starting points (draws of N(0, I)).
    num_steps : int
        Heun steps, uniform in t (each costs two evaluations of eps_fn, the last one).
    t_min : float, default 1e-3
        Where to stop (the score is not defined at t = 0 for data on a curve).
    return_path : bool, default False
        Return the states at every step, shape (num_steps + 1, n, d).

    Returns
    -------
    numpy.ndarray
        Shape (n, d), or the path.

    Examples
    --------
    >>> x = probability_flow_sample(lambda x, t: np.sqrt(1 - VPSchedule(1).alpha_bar(t))
    ...                             * x, VPSchedule(1), np.ones((2, 2)), 10)
    >>> bool(np.allclose(x, np.ones((2, 2)), atol=1e-3))
    True

    See :doc:`/chapters/22-diffusion`.
    """
    x = real_array(x1, "probability_flow_sample: x1", ndim=2)
    num_steps = whole_number(num_steps, "probability_flow_sample: num_steps", minimum=1)
    t_min = real_number(t_min, "probability_flow_sample: t_min", within="[0, 1)")

    def velocity(x: np.ndarray, t: float) -> np.ndarray:
        score = -eps_fn(x, t) / np.sqrt(1.0 - schedule.alpha_bar(t))
        return -0.5 * schedule.beta(t) * (x + score)  # f - g^2 score / 2

    ts = np.linspace(1.0, t_min, num_steps + 1)
    path = [x]
    for t, t_next in zip(ts[:-1], ts[1:], strict=True):
        h = t_next - t  # negative: backwards in time
        v = velocity(x, t)
        x_pred = x + h * v
        x = x + 0.5 * h * (v + velocity(x_pred, t_next))  # Heun (trapezoid) step
        path.append(x)
    return np.stack(path) if return_path else x
