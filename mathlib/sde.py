"""Brownian paths, stochastic integrals and the Euler–Maruyama method.

Arrays of paths keep **time on the first axis**: a path ``W`` on a grid of ``n`` steps
has shape ``(n + 1, *size)``, its increments ``(n, *size)``; ``size`` holds independent
paths (and, for a vector-valued SDE, its coordinates), so every Monte Carlo experiment is
one vectorised array operation.

Every random function takes a ``numpy.random.Generator``. See
:doc:`/chapters/21-stochastic`; :doc:`/chapters/22-diffusion` builds on the
variance-preserving SDE.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, generator, real_array, real_number, whole_number

__all__ = [
    "MonteCarloOrder", "brownian_increments", "brownian_path", "coarsen",
    "euler_maruyama", "gbm_exact", "ito_integral", "mean_and_se", "mc_order",
    "path_from_increments", "quadratic_variation", "stratonovich_integral",
    "total_variation", "vp_mean_var", "vp_sample",
]


def _size(size: int | tuple[int, ...]) -> tuple[int, ...]:
    size = (size,) if isinstance(size, int | np.integer) else tuple(size)
    return tuple(whole_number(s, "size", minimum=1) for s in size)


def brownian_increments(T: float, n_steps: int, rng: np.random.Generator,
                        size: int | tuple[int, ...] = ()) -> np.ndarray:
    """Increments of Brownian motion over ``n_steps`` equal steps of ``[0, T]``.

    Each increment is ``N(0, h)`` with ``h = T / n_steps``, all independent.

    Parameters
    ----------
    T : float
        The final time, > 0.
    n_steps : int
        Number of steps, >= 1.
    rng : numpy.random.Generator
        The source of randomness.
    size : int or tuple of int
        Shape of the independent paths (e.g. the number of paths).

    Returns
    -------
    numpy.ndarray
        Shape ``(n_steps, *size)``.

    Examples
    --------
    >>> dW = brownian_increments(1.0, 4, np.random.default_rng(0), size=3)
    >>> dW.shape
    (4, 3)
    """
    T = real_number(T, "T", within="(0, inf)")
    n_steps = whole_number(n_steps, "n_steps", minimum=1)
    rng = generator(rng)
    return rng.normal(0.0, np.sqrt(T / n_steps), size=(n_steps, *_size(size)))


def path_from_increments(dW: ArrayLike) -> np.ndarray:
    """The path ``W_0 = 0, W_k = dW_0 + ... + dW_(k-1)`` from its increments.

    Parameters
    ----------
    dW : array_like
        Increments, time on the first axis, shape ``(n, ...)``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n + 1, ...)``, starting from zeros.

    Examples
    --------
    >>> path_from_increments([1.0, -2.0, 0.5]).tolist()
    [0.0, 1.0, -1.0, -0.5]
    """
    dW = real_array(dW, "dW")
    if dW.ndim == 0:
        raise ValueError("dW must have a time axis, got a single number")
    return np.concatenate([np.zeros((1, *dW.shape[1:])), np.cumsum(dW, axis=0)])


def brownian_path(T: float, n_steps: int, rng: np.random.Generator,
                  size: int | tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Brownian motion on the grid ``t_k = k T / n_steps``, ``k = 0, ..., n_steps``.

    Parameters
    ----------
    T, n_steps, rng, size
        As in :func:`brownian_increments`.

    Returns
    -------
    t : numpy.ndarray
        The grid, shape ``(n_steps + 1,)``.
    W : numpy.ndarray
        The paths, shape ``(n_steps + 1, *size)``, with ``W[0] = 0``.

    Examples
    --------
    >>> t, W = brownian_path(2.0, 8, np.random.default_rng(1), size=5)
    >>> float(t[-1]), W.shape, bool(np.all(W[0] == 0))
    (2.0, (9, 5), True)
    """
    dW = brownian_increments(T, n_steps, rng, size)
    return np.linspace(0.0, float(T), dW.shape[0] + 1), path_from_increments(dW)


def coarsen(W: ArrayLike, factor: int) -> np.ndarray:
    """The same path on a grid ``factor`` times coarser: every ``factor``-th point.

    Parameters
    ----------
    W : array_like
        A path (or paths), time on the first axis, with ``n + 1`` points where ``n`` is
        a multiple of ``factor``.
    factor : int
        Keep the points ``0, factor, 2 factor, ..., n``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n // factor + 1, ...)``.

    Examples
    --------
    >>> coarsen([0.0, 1.0, 3.0, 2.0, 5.0], 2).tolist()
    [0.0, 3.0, 5.0]
    """
    W = real_array(W, "W")
    factor = whole_number(factor, "factor", minimum=1)
    if W.ndim == 0 or (W.shape[0] - 1) % factor:
        raise ValueError(f"W needs 1 + a multiple of {factor} points on its first axis, "
                         f"got shape {W.shape}")
    return W[::factor]


def _path(W: ArrayLike, name: str = "W") -> np.ndarray:
    W = real_array(W, name)
    if W.ndim == 0 or W.shape[0] < 2:
        raise ValueError(f"{name} must hold two or more points on its first axis, "
                         f"got shape {W.shape}")
    return W


def quadratic_variation(W: ArrayLike) -> np.ndarray | float:
    """The sum of squared increments ``sum_k (W_(k+1) - W_k)^2`` along the first axis.

    For Brownian motion on ``[0, T]`` it tends to ``T`` as the mesh goes to zero.

    Examples
    --------
    >>> float(quadratic_variation([0.0, 1.0, -1.0]))
    5.0
    """
    return np.sum(np.diff(_path(W), axis=0) ** 2, axis=0)


def total_variation(W: ArrayLike) -> np.ndarray | float:
    """The sum of absolute increments ``sum_k |W_(k+1) - W_k|`` along the first axis.

    For Brownian motion it grows like the square root of the number of steps.

    Examples
    --------
    >>> float(total_variation([0.0, 1.0, -1.0]))
    3.0
    """
    return np.sum(np.abs(np.diff(_path(W), axis=0)), axis=0)


def _integrand(H: ArrayLike, W: np.ndarray) -> np.ndarray:
    H = real_array(H, "H")
    if H.shape != W.shape:
        raise ValueError(f"H must have the shape of W, {W.shape}, got {H.shape}")
    return H


def ito_integral(H: ArrayLike, W: ArrayLike) -> np.ndarray | float:
    """The Itô sum ``sum_k H_k (W_(k+1) - W_k)``: the integrand at the left end.

    Parameters
    ----------
    H : array_like
        The integrand at the grid points, the shape of ``W`` (e.g. ``f(t, W)``).
    W : array_like
        Brownian path(s), time on the first axis.

    Returns
    -------
    numpy.ndarray or float
        One sum per path. As the mesh goes to zero it tends (in mean square) to the Itô
        integral; for ``H = W`` it is exactly ``W_T^2 / 2 - QV / 2``, with QV the
        :func:`quadratic_variation`.

    Examples
    --------
    >>> W = np.array([0.0, 1.0, -1.0])
    >>> float(ito_integral(W, W)), float(W[-1] ** 2 / 2 - quadratic_variation(W) / 2)
    (-2.0, -2.0)
    """
    W = _path(W)
    return np.sum(_integrand(H, W)[:-1] * np.diff(W, axis=0), axis=0)


def stratonovich_integral(H: ArrayLike, W: ArrayLike) -> np.ndarray | float:
    """The Stratonovich sum ``sum_k (H_k + H_(k+1)) / 2 (W_(k+1) - W_k)``.

    The integrand is averaged over the two ends of each step. For a smooth function of
    ``W`` this has the same limit as evaluating at the midpoint time; for ``H = W`` the
    sum telescopes to ``W_T^2 / 2`` exactly, on every grid.

    Parameters
    ----------
    H, W
        As in :func:`ito_integral`.

    Returns
    -------
    numpy.ndarray or float
        One sum per path.

    Examples
    --------
    >>> W = np.array([0.0, 1.0, -1.0])
    >>> float(stratonovich_integral(W, W))
    0.5
    """
    W = _path(W)
    H = _integrand(H, W)
    return np.sum((H[:-1] + H[1:]) / 2 * np.diff(W, axis=0), axis=0)


def euler_maruyama(drift: Callable, diffusion: Callable, x0: ArrayLike, T: float,
                   dW: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``dX = drift(X, t) dt + diffusion(X, t) dW`` by the Euler–Maruyama method.

    ``X_(k+1) = X_k + drift(X_k, t_k) h + diffusion(X_k, t_k) dW_k`` with ``h = T / n``.
    The noise acts coordinate by coordinate (``diffusion`` returns one factor per
    entry of ``X``), which covers scalar SDEs and the diffusion models' SDEs.

    Parameters
    ----------
    drift, diffusion : callable
        ``f(x, t)`` and ``g(x, t)``, vectorised: ``x`` is the array of all paths' states
        at time ``t`` (a float); each returns an array broadcastable to ``x``'s shape.
    x0 : array_like
        The initial state(s), broadcastable to ``dW.shape[1:]``.
    T : float
        The final time, > 0.
    dW : array_like
        Brownian increments over the ``n`` equal steps, shape ``(n, *size)`` (from
        :func:`brownian_increments`, or ``np.diff`` of a coarsened path).

    Returns
    -------
    t : numpy.ndarray
        The grid, shape ``(n + 1,)``.
    X : numpy.ndarray
        The approximate paths, shape ``(n + 1, *size)``.

    Examples
    --------
    With no noise it is Euler's method: ``dX = X dt`` from 1 gives ``(1 + h)^n``.

    >>> t, X = euler_maruyama(lambda x, t: x, lambda x, t: 0.0, 1.0, 1.0, np.zeros(4))
    >>> float(X[-1]) == 1.25 ** 4
    True
    """
    drift, diffusion = function(drift, "drift"), function(diffusion, "diffusion")
    T = real_number(T, "T", within="(0, inf)")
    dW = real_array(dW, "dW")
    if dW.ndim == 0 or dW.shape[0] < 1:
        raise ValueError(f"dW must have one or more steps on its first axis, "
                         f"got shape {dW.shape}")
    n = dW.shape[0]
    h = T / n
    t = np.linspace(0.0, T, n + 1)
    X = np.empty((n + 1, *dW.shape[1:]))
    X[0] = real_array(x0, "x0")
    for k in range(n):
        X[k + 1] = X[k] + drift(X[k], t[k]) * h + diffusion(X[k], t[k]) * dW[k]
    return t, X


def gbm_exact(x0: ArrayLike, mu: float, sigma: float, t: ArrayLike,
              W: ArrayLike) -> np.ndarray:
    """The exact solution of ``dX = mu X dt + sigma X dW``: geometric Brownian motion.

    ``X_t = x0 exp((mu - sigma^2 / 2) t + sigma W_t)``, from Itô's lemma applied to
    ``log X``.

    Parameters
    ----------
    x0 : array_like
        Initial value(s).
    mu, sigma : float
        Drift and volatility.
    t : array_like
        Time(s), broadcastable against ``W``.
    W : array_like
        The Brownian motion at those times.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> float(gbm_exact(2.0, 0.5, 1.0, 1.0, 0.0))
    2.0
    """
    x0, t, W = real_array(x0, "x0"), real_array(t, "t"), real_array(W, "W")
    mu, sigma = real_number(mu, "mu"), real_number(sigma, "sigma")
    return x0 * np.exp((mu - sigma**2 / 2) * t + sigma * W)


def vp_mean_var(x0: ArrayLike, beta_integral: ArrayLike,
                var0: ArrayLike = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of the variance-preserving SDE ``dx = -β x dt / 2 + √β dW``.

    With ``B(t) = ∫_0^t β(s) ds`` (``β t`` for a constant β: the Ornstein–Uhlenbeck
    process), ``E x_t = e^(-B/2) x0`` and
    ``Var x_t = e^(-B) var0 + 1 - e^(-B)``, where ``var0`` is the variance of ``x0``.

    Parameters
    ----------
    x0 : array_like
        Mean of the initial state.
    beta_integral : array_like
        ``B(t)``, >= 0, at the time(s) wanted.
    var0 : array_like
        Variance of the initial state (0 for a fixed start), >= 0.

    Returns
    -------
    mean, var : numpy.ndarray
        Broadcast over the inputs.

    Examples
    --------
    >>> mean, var = vp_mean_var(2.0, np.log(4.0))
    >>> float(mean), float(var)
    (1.0, 0.75)
    """
    x0 = real_array(x0, "x0")
    B = real_array(beta_integral, "beta_integral", within="[0, inf)")
    var0 = real_array(var0, "var0", within="[0, inf)")
    decay = np.exp(-B)
    return np.sqrt(decay) * x0, decay * var0 + 1.0 - decay


def vp_sample(x0: ArrayLike, beta_integral: float,
              rng: np.random.Generator) -> np.ndarray:
    """Draw ``x_t`` of the variance-preserving SDE exactly, given ``x_0 = x0``.

    ``x_t = e^(-B/2) x0 + sqrt(1 - e^(-B)) z`` with ``z ~ N(0, I)`` and
    ``B = ∫_0^t β``: no time steps, no discretisation error.

    Parameters
    ----------
    x0 : array_like
        Starting points, any shape; one draw per entry.
    beta_integral : float
        ``B(t)``, >= 0.
    rng : numpy.random.Generator

    Returns
    -------
    numpy.ndarray
        The shape of ``x0``.

    Examples
    --------
    >>> vp_sample(np.zeros(3), 0.0, np.random.default_rng(0)).tolist()
    [0.0, 0.0, 0.0]
    """
    x0 = real_array(x0, "x0")
    B = real_number(beta_integral, "beta_integral", within="[0, inf)")
    rng = generator(rng)
    return np.exp(-B / 2) * x0 + np.sqrt(-np.expm1(-B)) * rng.standard_normal(x0.shape)


def mean_and_se(samples: ArrayLike) -> tuple[float, float]:
    """The sample mean and its standard error ``s / sqrt(n)`` (``s`` with ``n - 1``).

    Examples
    --------
    >>> mean_and_se([1.0, 2.0, 3.0, 4.0])
    (2.5, 0.6454972243679028)
    """
    x = real_array(samples, "samples").ravel()
    if x.size < 2:
        raise ValueError(f"need two or more samples, got {x.size}")
    return float(x.mean()), float(x.std(ddof=1) / np.sqrt(x.size))


class MonteCarloOrder(NamedTuple):
    """A fitted log–log slope and its Monte Carlo standard error."""

    slope: float
    standard_error: float


def mc_order(h: ArrayLike, samples: ArrayLike) -> MonteCarloOrder:
    """The order p of errors ``≈ C h^p`` estimated by Monte Carlo, with its standard error.

    Row ``i`` of ``samples`` holds one sample per path whose mean estimates the error
    ``e_i`` at step ``h_i`` (``|X^h_T - X_T|`` for the strong error, ``φ(X^h_T) - E φ(X_T)``
    for the weak one). The slope is the least-squares fit of ``log |e_i|`` on
    ``x_i = log h_i``, ``p = sum_i c_i log |e_i|`` with
    ``c_i = (x_i - mean x) / sum_j (x_j - mean x)^2``, as
    :func:`mathlib.numdiff.observed_order` computes it. Its standard error follows by
    the delta method from the sample covariance ``S`` of the rows: with
    ``g_i = c_i / e_i``, ``se = sqrt(g^T S g / n)``. The rows may share random numbers
    (the same Brownian path at every step): the covariance accounts for it.

    Parameters
    ----------
    h : array_like
        Step sizes, > 0, distinct.
    samples : array_like
        Shape ``(len(h), n)``, ``n >= 2`` paths. Each row's mean must be resolved: more
        than four standard errors away from zero.

    Returns
    -------
    MonteCarloOrder
        ``(slope, standard_error)``.

    Examples
    --------
    >>> h = np.array([0.1, 0.05, 0.025])
    >>> noise = np.random.default_rng(0).normal(size=1000)
    >>> order = mc_order(h, np.sqrt(h)[:, None] * (1 + 0.1 * noise))
    >>> round(order.slope, 12), order.standard_error < 1e-12
    (0.5, True)
    """
    x = np.log(real_array(h, "h", within="(0, inf)", ndim=1))
    samples = real_array(samples, "samples", ndim=2)
    if samples.shape[0] != x.size or x.size < 2 or samples.shape[1] < 2:
        raise ValueError(f"need two or more steps and a row of two or more samples per "
                         f"step; got {x.size} steps and samples of shape "
                         f"{samples.shape}")
    if np.unique(x).size != x.size:
        raise ValueError("the steps h must be distinct")
    n = samples.shape[1]
    e = samples.mean(axis=1)
    cov = np.atleast_2d(np.cov(samples))
    if np.any(np.abs(e) <= 4 * np.sqrt(np.diag(cov) / n)):
        raise ValueError("an error is within four standard errors of zero: the Monte "
                         "Carlo noise hides it; use more samples or larger steps")
    c = (x - x.mean()) / np.sum((x - x.mean()) ** 2)
    g = c / e
    return MonteCarloOrder(float(c @ np.log(np.abs(e))), float(np.sqrt(g @ cov @ g / n)))
