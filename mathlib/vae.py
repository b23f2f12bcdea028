"""A variational autoencoder on ``mathlib.autodiff``: Gaussian encoder, Bernoulli decoder.

The pieces follow the chapter's equations: ``gaussian_kl`` is the closed-form KL of two
diagonal Gaussians, ``reparameterise`` the sample ``z = mu + sigma * eps``,
``bernoulli_log_likelihood`` the decoder's log p(x | z) on logits, ``elbo`` the
one-sample ELBO, ``iwae_log_px`` the importance-weighted estimate of log p(x), and
``PixelBaseline`` the independent-pixel model the VAE is compared with. ``train_vae`` is
the one training recipe that the chapter and ``benchmarks/generative.py`` both call.
Every function accepts ``Tensor`` inputs (and then returns a ``Tensor`` that
``backward()`` differentiates) or plain arrays. See :doc:`/chapters/19-vae`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_array, real_number, whole_number
from .autodiff import ops
from .autodiff.tensor import Tensor
from .nn import MLP
from .optim import Adam
from .training import fit, progress

__all__ = [
    "VAE", "PixelBaseline", "TrainedVAE", "bernoulli_log_likelihood", "elbo",
    "gaussian_kl", "iwae_log_px", "log_mean_exp", "reparameterise",
    "score_function_gradient", "train_vae",
]

_LOG_2PI = np.log(2.0 * np.pi)


def _value(x: object, name: str) -> Tensor | np.ndarray:
    return x if isinstance(x, Tensor) else real_array(x, name, copy=False)


def gaussian_kl(
    mu: Tensor | ArrayLike,
    logvar: Tensor | ArrayLike,
    mu_p: ArrayLike = 0.0,
    logvar_p: ArrayLike = 0.0,
) -> Tensor | np.ndarray:
    """KL(N(mu, diag e^logvar) || N(mu_p, diag e^logvar_p)), summed over the last axis.

    Per coordinate, 1/2 [e^(lv - lv_p) + (mu - mu_p)^2 e^(-lv_p) - 1 - (lv - lv_p)]:
    the chapter's closed form. The defaults give the KL to the prior N(0, I).

    Parameters
    ----------
    mu, logvar : Tensor or array_like
        Mean and log-variance of q, shape (..., d).
    mu_p, logvar_p : array_like, default 0
        Mean and log-variance of p (constants), broadcast against ``mu``.

    Returns
    -------
    Tensor or numpy.ndarray
        Shape (...): one KL (in nats) per row.

    Examples
    --------
    >>> round(float(gaussian_kl(np.array([1.0]), np.array([0.0]))), 6)  # mu^2 / 2
    0.5

    See :doc:`/chapters/19-vae`.
    """
    mu, logvar = _value(mu, "gaussian_kl: mu"), _value(logvar, "gaussian_kl: logvar")
    mu_p = real_array(mu_p, "gaussian_kl: mu_p", copy=False)
    logvar_p = real_array(logvar_p, "gaussian_kl: logvar_p", copy=False)
    if np.shape(mu) != np.shape(logvar) or np.ndim(mu) == 0:
        raise ValueError(
            f"gaussian_kl: mu and logvar must have one shape (..., d), got "
            f"{np.shape(mu)} and {np.shape(logvar)}"
        )
    if not (mu_p.any() or logvar_p.any()):  # the prior N(0, I): eq. for the VAE
        return _kl_to_standard(mu, logvar)
    diff = mu - mu_p
    ratio = logvar - logvar_p
    terms = ops.exp(ratio) + diff * diff * np.exp(-logvar_p) - 1.0 - ratio
    return 0.5 * ops.sum(terms, axis=-1)


def _kl_to_standard(mu: Tensor | np.ndarray, logvar: Tensor | np.ndarray):
    """KL(N(mu, diag e^logvar) || N(0, I)) = 1/2 sum(mu^2 + e^logvar - 1 - logvar)."""
    return 0.5 * ops.sum(mu * mu + ops.exp(logvar) - logvar, axis=-1) - 0.5 * mu.shape[-1]


def reparameterise(
    mu: Tensor | ArrayLike, logvar: Tensor | ArrayLike, eps: ArrayLike
) -> Tensor | np.ndarray:
    """The reparameterised sample z = mu + exp(logvar / 2) * eps of N(mu, diag e^logvar).

    ``eps`` is standard normal noise drawn by the caller: the randomness stays outside
    the function, so z is a differentiable function of (mu, logvar).

    Parameters
    ----------
    mu, logvar : Tensor or array_like
        Mean and log-variance, shape (..., d).
    eps : array_like
        Standard normal draws broadcastable against ``mu`` (e.g. shape (k, n, d)).

    Returns
    -------
    Tensor or numpy.ndarray
        z, of the broadcast shape.

    Examples
    --------
    >>> float(reparameterise(np.array([1.0]), np.array([np.log(4.0)]), np.array([0.5]))[0])
    2.0

    See :doc:`/chapters/19-vae`.
    """
    mu = _value(mu, "reparameterise: mu")
    logvar = _value(logvar, "reparameterise: logvar")
    return _reparameterise(mu, logvar, real_array(eps, "reparameterise: eps", copy=False))


def _reparameterise(mu, logvar, eps):  # noqa: ANN001, ANN202 - checked by the caller
    return mu + ops.exp(0.5 * logvar) * eps  # sigma = exp(logvar / 2)


def score_function_gradient(
    f: object, mu: ArrayLike, logvar: ArrayLike, eps: ArrayLike
) -> np.ndarray:
    """Score-function estimates of d/dmu E[f(z)], z ~ N(mu, diag e^logvar), one per eps.

    With z = mu + sigma eps, each estimate is f(z) d/dmu log q(z) = f(z) eps / sigma:
    it needs values of f only, never its derivative.

    Parameters
    ----------
    f : callable
        ``f(z)`` for an array of samples z of shape (k, d), returning shape (k,).
    mu, logvar : array_like
        Shape (d,): mean and log-variance of q.
    eps : array_like
        Shape (k, d): standard normal draws.

    Returns
    -------
    numpy.ndarray
        Shape (k, d): one estimate of the gradient per draw; their mean is unbiased.

    Examples
    --------
    >>> g = score_function_gradient(lambda z: z[:, 0] ** 2, np.array([1.0]),
    ...                             np.array([0.0]), np.array([[1.0], [-1.0]]))
    >>> g[:, 0].tolist()  # f(2) * 1 and f(0) * (-1); mean 2 = d/dmu E[z^2] at mu = 1
    [4.0, -0.0]

    See :doc:`/chapters/19-vae`.
    """
    mu = real_array(mu, "score_function_gradient: mu", ndim=1, copy=False)
    logvar = real_array(logvar, "score_function_gradient: logvar", ndim=1, copy=False)
    eps = real_array(eps, "score_function_gradient: eps", ndim=2, copy=False)
    sigma = np.exp(0.5 * logvar)
    values = np.asarray(f(mu + sigma * eps), dtype=float)
    if values.shape != eps.shape[:1]:
        raise ValueError(f"score_function_gradient: f must return shape "
                         f"{eps.shape[:1]}, got {values.shape}")
    return values[:, None] * eps / sigma  # f(z) d log q / d mu, d log q / d mu = eps/sigma


def log_mean_exp(log_w: ArrayLike, axis: int = 0) -> np.ndarray:
    """log(mean(exp(log_w))) along ``axis``, without overflow or underflow.

    Subtracting the largest entry m first, log mean e^a = m + log mean e^(a - m), and
    every e^(a - m) lies in (0, 1].

    Parameters
    ----------
    log_w : array_like
        Log-weights, e.g. shape (k, n) for k samples of n data points.
    axis : int, default 0
        The axis to average over.

    Returns
    -------
    numpy.ndarray
        ``log_w`` reduced along ``axis``.

    Examples
    --------
    >>> round(float(log_mean_exp(np.array([-1000.0, -1000.0 + np.log(3.0)]))), 6)
    -999.306853

    See :doc:`/chapters/19-vae`.
    """
    log_w = real_array(log_w, "log_mean_exp: log_w", copy=False)
    top = log_w.max(axis=axis, keepdims=True)
    out = top + np.log(np.mean(np.exp(log_w - top), axis=axis, keepdims=True))
    return np.squeeze(out, axis=axis)


def bernoulli_log_likelihood(
    logits: Tensor | ArrayLike, x: ArrayLike
) -> Tensor | np.ndarray:
    """log p(x | logits) of independent Bernoulli pixels, summed over the last axis.

    Each pixel contributes x l - softplus(l) = x log s(l) + (1 - x) log(1 - s(l)),
    with s the sigmoid; the form never takes log 0.

    Parameters
    ----------
    logits : Tensor or array_like
        Shape (..., p): one logit per pixel.
    x : array_like
        Pixels in [0, 1], broadcastable against ``logits``.

    Returns
    -------
    Tensor or numpy.ndarray
        Shape (...): log-likelihood in nats.

    Examples
    --------
    >>> round(float(bernoulli_log_likelihood(np.zeros(3), np.array([0, 1, 1]))), 4)
    -2.0794

    See :doc:`/chapters/19-vae` and ``mathlib.nn.binary_cross_entropy`` (its mean,
    negated).
    """
    logits = _value(logits, "bernoulli_log_likelihood: logits")
    x = real_array(x, "bernoulli_log_likelihood: x", within="[0, 1]", copy=False)
    return _bernoulli_log_likelihood(logits, x)


def _bernoulli_log_likelihood(logits, x):  # noqa: ANN001, ANN202 - checked by the caller
    return ops.sum(x * logits - ops.softplus(logits), axis=-1)  # x l - softplus(l)


def _gaussian_log_density(z: np.ndarray, mu: ArrayLike, logvar: ArrayLike) -> np.ndarray:
    """log N(z; mu, diag e^logvar), summed over the last axis (NumPy only)."""
    return -0.5 * np.sum(_LOG_2PI + logvar + (z - mu) ** 2 * np.exp(-logvar), axis=-1)


def _forward(net: MLP, x: np.ndarray) -> np.ndarray:
    """``net(x)`` in plain NumPy: no graph, for evaluation on many samples."""
    act = getattr(ops, net.activation)
    for layer in net.layers[:-1]:
        x = act(x @ layer.weight.data + layer.bias.data)
    last = net.layers[-1]
    return x @ last.weight.data + last.bias.data


class VAE:
    """Gaussian encoder q(z | x) and Bernoulli decoder p(x | z), each a one-hidden-layer MLP.

    Parameters
    ----------
    n_pixels, n_latent, n_hidden : int
        Sizes of x, of z and of the hidden layers.
    rng : numpy.random.Generator
        Source of the initial weights.
    activation : str, default "tanh"
        Hidden activation (one of ``mathlib.nn.MLP``'s).

    Examples
    --------
    >>> vae = VAE(64, 2, 16, np.random.default_rng(0))
    >>> mu, logvar = vae.encode(np.zeros((5, 64)))
    >>> mu.shape, vae.decode(mu).shape, len(vae.parameters())
    ((5, 2), (5, 64), 8)

    See :doc:`/chapters/19-vae`.
    """

    def __init__(
        self,
        n_pixels: int,
        n_latent: int,
        n_hidden: int,
        rng: np.random.Generator,
        activation: str = "tanh",
    ) -> None:
        self.n_pixels = whole_number(n_pixels, "VAE: n_pixels", minimum=1)
        self.n_latent = whole_number(n_latent, "VAE: n_latent", minimum=1)
        n_hidden = whole_number(n_hidden, "VAE: n_hidden", minimum=1)
        generator(rng, "VAE: rng")
        self.encoder = MLP([n_pixels, n_hidden, 2 * n_latent], rng, activation)
        self.decoder = MLP([n_latent, n_hidden, n_pixels], rng, activation)

    def encode(self, x: ArrayLike) -> tuple[Tensor, Tensor]:
        """Mean and log-variance of q(z | x), each shape (n, n_latent)."""
        out = self.encoder(x)
        return out[:, : self.n_latent], out[:, self.n_latent :]

    def decode(self, z: Tensor | ArrayLike) -> Tensor:
        """Logits of p(x | z), shape (n, n_pixels)."""
        return self.decoder(z)

    def encode_numpy(self, x: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """``encode`` without a graph: NumPy arrays, for evaluation and pictures."""
        out = _forward(self.encoder, real_array(x, "VAE.encode_numpy: x", copy=False))
        return out[..., : self.n_latent], out[..., self.n_latent :]

    def decode_numpy(self, z: ArrayLike) -> np.ndarray:
        """``decode`` without a graph: logits as a NumPy array, any leading shape."""
        return _forward(self.decoder, real_array(z, "VAE.decode_numpy: z", copy=False))

    def parameters(self) -> list[Tensor]:
        """All trainable tensors: the encoder's, then the decoder's."""
        return self.encoder.parameters() + self.decoder.parameters()

    def state(self) -> list[np.ndarray]:
        """Copies of the parameters' values (a snapshot to restore with ``load``)."""
        return [p.data.copy() for p in self.parameters()]

    def load(self, state: list[np.ndarray]) -> None:
        """Set the parameters' values from a ``state()`` snapshot."""
        for p, value in zip(self.parameters(), state, strict=True):
            p.data[...] = value


def elbo(
    model: VAE, x: ArrayLike, rng: np.random.Generator, beta: float = 1.0
) -> Tensor:
    """One-sample ELBO of each row of x: E_q[log p(x | z)] - beta KL(q(z | x) || p(z)).

    The expectation is estimated with one reparameterised draw per row; the KL is in
    closed form. ``beta = 1`` gives the ELBO itself, a lower bound on log p(x).

    Parameters
    ----------
    model : VAE
        Encoder and decoder.
    x : array_like
        Shape (n, n_pixels), pixels in [0, 1].
    rng : numpy.random.Generator
        Source of eps.
    beta : float, default 1
        Weight of the KL term (>= 0).

    Returns
    -------
    Tensor
        Shape (n,): the estimate per row, in nats.

    Examples
    --------
    >>> vae = VAE(4, 1, 3, np.random.default_rng(0))
    >>> elbo(vae, np.ones((2, 4)), np.random.default_rng(1)).shape
    (2,)

    See :doc:`/chapters/19-vae`.
    """
    x = real_array(x, "elbo: x", within="[0, 1]", copy=False)
    beta = real_number(beta, "elbo: beta", within="[0, inf)")
    return _elbo(model, x, generator(rng, "elbo: rng"), beta)


def _elbo(model: VAE, x: np.ndarray, rng: np.random.Generator, beta: float) -> Tensor:
    """``elbo`` without the input checks, for the training loop."""
    mu, logvar = model.encode(x)
    z = _reparameterise(mu, logvar, rng.standard_normal(mu.shape))
    reconstruction = _bernoulli_log_likelihood(model.decode(z), x)
    return reconstruction - beta * _kl_to_standard(mu, logvar)  # eq. (vae-elbo)


def iwae_log_px(
    model: VAE,
    x: ArrayLike,
    k: int,
    rng: np.random.Generator,
    batch_size: int = 50,
) -> np.ndarray:
    """Importance-weighted estimate of log p(x) with k samples of q(z | x) per row.

    log (1/k) sum_j p(x | z_j) p(z_j) / q(z_j | x), z_j ~ q(z | x): a lower bound on
    log p(x) in expectation that rises to it as k grows; k = 1 is the ELBO.

    Parameters
    ----------
    model : VAE
        Trained encoder and decoder.
    x : array_like
        Shape (n, n_pixels).
    k : int
        Importance samples per row.
    rng : numpy.random.Generator
        Source of the samples.
    batch_size : int, default 50
        Rows evaluated at once (memory: batch_size * k * n_pixels floats).

    Returns
    -------
    numpy.ndarray
        Shape (n,): the estimate per row, in nats.

    Examples
    --------
    >>> vae = VAE(4, 1, 3, np.random.default_rng(0))
    >>> iwae_log_px(vae, np.ones((2, 4)), 10, np.random.default_rng(1)).shape
    (2,)

    See :doc:`/chapters/19-vae`.
    """
    x = real_array(x, "iwae_log_px: x", within="[0, 1]", ndim=2, copy=False)
    k = whole_number(k, "iwae_log_px: k", minimum=1)
    batch_size = whole_number(batch_size, "iwae_log_px: batch_size", minimum=1)
    rng = generator(rng, "iwae_log_px: rng")
    out = np.empty(len(x))
    for start in range(0, len(x), batch_size):
        xb = x[start : start + batch_size]
        mu, logvar = model.encode_numpy(xb)
        z = reparameterise(mu, logvar, rng.standard_normal((k, *mu.shape)))
        log_w = (
            bernoulli_log_likelihood(model.decode_numpy(z), xb)
            + _gaussian_log_density(z, 0.0, 0.0)  # log p(z)
            - _gaussian_log_density(z, mu, logvar)  # log q(z | x)
        )
        out[start : start + batch_size] = log_mean_exp(log_w, axis=0)  # eq. (vae-iwae)
    return out


class PixelBaseline:
    """Independent Bernoulli pixels: p(x) = prod_i p_i^x_i (1 - p_i)^(1 - x_i).

    The maximum-likelihood p_i is the fraction of training images with pixel i on;
    ``alpha`` pseudo-counts on each side (add-alpha smoothing) keep every p_i inside
    (0, 1), so a pixel never seen on in training does not give a test image log 0.

    Parameters
    ----------
    x_train : array_like
        Shape (n, p), binary pixels.
    alpha : float, default 1
        Pseudo-count (>= 0): p_i = (count_i + alpha) / (n + 2 alpha).

    Examples
    --------
    >>> base = PixelBaseline(np.array([[1, 0], [1, 1]]), alpha=0.0)
    >>> base.probs.tolist()
    [1.0, 0.5]

    See :doc:`/chapters/19-vae`.
    """

    def __init__(self, x_train: ArrayLike, alpha: float = 1.0) -> None:
        x = real_array(x_train, "PixelBaseline: x_train", within="[0, 1]", ndim=2)
        alpha = real_number(alpha, "PixelBaseline: alpha", within="[0, inf)")
        self.probs = (x.sum(axis=0) + alpha) / (len(x) + 2.0 * alpha)

    def log_px(self, x: ArrayLike) -> np.ndarray:
        """log p(x) of each row of x, in nats."""
        x = real_array(x, "PixelBaseline.log_px: x", within="[0, 1]", copy=False)
        with np.errstate(divide="ignore", invalid="ignore"):  # log 0 = -inf if alpha = 0
            on = np.where(x > 0, x * np.log(self.probs), 0.0)
            off = np.where(x < 1, (1 - x) * np.log1p(-self.probs), 0.0)
        return np.sum(on + off, axis=-1)


class TrainedVAE(NamedTuple):
    """What ``train_vae`` returns."""

    model: VAE
    history: np.ndarray  # mean training loss (-ELBO, nats per image) of each epoch
    snapshots: dict[int, list[np.ndarray]]  # epoch -> parameter values after it


def train_vae(
    x_train: ArrayLike,
    rng: np.random.Generator,
    *,
    n_latent: int = 2,
    n_hidden: int = 128,
    epochs: int = 100,
    batch_size: int = 32,
    lr: float = 1e-2,
    lr_final: float = 2e-4,
    beta: float = 1.0,
    activation: str = "relu",
    snapshot_epochs: tuple[int, ...] = (),
    log_every: int = 0,
    show_progress: bool = True,
) -> TrainedVAE:
    """Train a ``VAE`` by maximising the mean ELBO with Adam over shuffled minibatches.

    The one recipe of the chapter and of ``benchmarks/generative.py``: initial weights,
    minibatch order and the noise eps all come from ``rng``; each epoch is one call of
    ``mathlib.training.fit`` on the loss -mean(elbo(model, x[idx], rng, beta)), and
    Adam's step size falls linearly from ``lr`` in the first epoch to ``lr_final`` in
    the last (large steps to get going, small ones to settle).

    Parameters
    ----------
    x_train : array_like
        Shape (n, p), pixels in [0, 1].
    rng : numpy.random.Generator
        The one source of randomness.
    n_latent, n_hidden : int
        Latent size and hidden width.
    epochs, batch_size : int
        Passes over the data and images per step.
    lr, lr_final : float
        Adam's step size in the first and in the last epoch.
    beta : float, default 1
        Weight of the KL term (1: the ELBO).
    activation : str, default "relu"
        Hidden activation of encoder and decoder.
    snapshot_epochs : tuple of int, default ()
        Epochs (0 = before training) after which to keep a copy of the parameters.
    log_every : int, default 0
        Print the epoch's mean loss every ``log_every`` epochs and after the last.
    show_progress : bool, default True
        Progress bar over the epochs in a live kernel (``mathlib.training.progress``).

    Returns
    -------
    TrainedVAE
        ``(model, history, snapshots)``; ``history[e]`` is the mean of -ELBO over the
        minibatches of epoch e + 1 (nats per image).

    Examples
    --------
    >>> x = (np.random.default_rng(0).random((40, 6)) < 0.5).astype(float)
    >>> out = train_vae(x, np.random.default_rng(1), n_hidden=8, epochs=2,
    ...                 snapshot_epochs=(0, 2), show_progress=False)
    >>> out.history.shape, sorted(out.snapshots)
    ((2,), [0, 2])

    See :doc:`/chapters/19-vae`.
    """
    x = real_array(x_train, "train_vae: x_train", within="[0, 1]", ndim=2)
    rng = generator(rng, "train_vae: rng")
    beta = real_number(beta, "train_vae: beta", within="[0, inf)")
    epochs = whole_number(epochs, "train_vae: epochs", minimum=1)
    lr_final = real_number(lr_final, "train_vae: lr_final", within="(0, inf)")
    log_every = whole_number(log_every, "train_vae: log_every")
    marks = {whole_number(e, "train_vae: snapshot_epochs") for e in snapshot_epochs}
    if marks and max(marks) > epochs:
        raise ValueError(f"train_vae: snapshot epoch {max(marks)} > epochs = {epochs}")
    model = VAE(x.shape[1], n_latent, n_hidden, rng, activation)
    optimizer = Adam(lr=lr)
    lr = optimizer.lr

    def loss(idx: np.ndarray) -> Tensor:
        return -ops.mean(_elbo(model, x[idx], rng, beta))

    snapshots = {0: model.state()} if 0 in marks else {}
    history = np.empty(epochs)
    for e in progress(range(epochs), epochs, "training the VAE", show_progress):
        optimizer.lr = lr + (lr_final - lr) * e / max(epochs - 1, 1)  # linear decay
        history[e] = fit(loss, model.parameters(), optimizer, len(x), epochs=1,
                         batch_size=batch_size, rng=rng, show_progress=False)[0]
        if e + 1 in marks:
            snapshots[e + 1] = model.state()
        if log_every and ((e + 1) % log_every == 0 or e + 1 == epochs):
            print(f"epoch {e + 1:4d}  -ELBO {history[e]:.3f} nats/image")
    return TrainedVAE(model, history, snapshots)
