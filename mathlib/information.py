"""Entropy, cross-entropy and KL divergence, and the losses of classification.

Logarithms are natural: every quantity is in nats unless ``base=2`` asks for bits
(1 bit = log 2 nats). Discrete distributions are 1-D arrays of non-negative numbers that
sum to 1, with the conventions 0 log 0 = 0 and p log(p / 0) = +inf for p > 0, so a KL
divergence or a cross-entropy is infinite when q puts no mass where p has some.

The Gaussian KL divergences are closed forms (univariate and diagonal multivariate,
used again for variational autoencoders); the softmax cross-entropy has the gradient
softmax(z) - y, and logistic regression the gradient X^T (sigmoid(X w) - y) / n.
See :doc:`/chapters/14-information`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathlib import nn
from mathlib._validate import real_array, real_number
from mathlib.autodiff import ops

__all__ = [
    "cross_entropy", "diagonal_gaussian_kl", "entropy", "gaussian_kl",
    "kl_divergence", "logistic_grad", "logistic_loss", "max_entropy_with_mean",
    "softmax_cross_entropy", "softmax_cross_entropy_grad", "softmax_jacobian",
]

_SUM_TOL = 1e-9  # a distribution's total may differ from 1 by rounding only


def _distribution(p: ArrayLike, name: str) -> np.ndarray:
    """p as a 1-D float array of non-negative numbers summing to 1."""
    p = real_array(p, name, within="[0, inf)", ndim=1)
    if p.size == 0 or abs(p.sum() - 1) > _SUM_TOL * p.size:
        raise ValueError(f"{name} must sum to 1, got a sum of {p.sum()!r}")
    return p


def _pair(p: ArrayLike, q: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    p, q = _distribution(p, "p"), _distribution(q, "q")
    if p.shape != q.shape:
        raise ValueError(
            f"p and q must have the same length, got {p.size} and {q.size}")
    return p, q


def _unit(base: float | None) -> float:
    """log(base), the number of nats in one unit; 1 for nats."""
    if base is None:
        return 1.0
    base = real_number(base, "base", within="(1, inf)")
    return float(np.log(base))


def entropy(p: ArrayLike, base: float | None = None) -> float:
    """Shannon entropy H(p) = -sum_i p_i log p_i, with 0 log 0 = 0.

    Parameters
    ----------
    p : array_like
        A discrete distribution: non-negative numbers summing to 1.
    base : float, optional
        The base of the logarithm: None for nats (natural log), 2 for bits.

    Returns
    -------
    float
        H(p) >= 0, at most log(len(p)), reached by the uniform distribution.

    Examples
    --------
    >>> round(entropy([0.5, 0.25, 0.25], base=2), 12)
    1.5
    >>> round(entropy([0.5, 0.5]), 6)  # log 2 nats
    0.693147

    See :doc:`/chapters/14-information`.
    """
    p = _distribution(p, "p")
    nz = p > 0  # 0 log 0 = 0, the limit of t log t as t -> 0+
    return float(-np.sum(p[nz] * np.log(p[nz]))) / _unit(base)


def cross_entropy(p: ArrayLike, q: ArrayLike, base: float | None = None) -> float:
    """Cross-entropy H(p, q) = -sum_i p_i log q_i; +inf if q_i = 0 < p_i.

    Parameters
    ----------
    p, q : array_like
        Discrete distributions of the same length: p the data, q the model.
    base : float, optional
        None for nats, 2 for bits.

    Returns
    -------
    float
        H(p, q) = H(p) + KL(p || q) >= H(p).

    Examples
    --------
    >>> round(cross_entropy([1.0, 0.0], [0.25, 0.75], base=2), 12)
    2.0

    See :doc:`/chapters/14-information`.
    """
    p, q = _pair(p, q)
    nz = p > 0
    if np.any(q[nz] == 0):
        return np.inf
    return float(-np.sum(p[nz] * np.log(q[nz]))) / _unit(base)


def kl_divergence(p: ArrayLike, q: ArrayLike, base: float | None = None) -> float:
    """KL(p || q) = sum_i p_i log(p_i / q_i): 0 log(0/q) = 0, p log(p/0) = +inf.

    Parameters
    ----------
    p, q : array_like
        Discrete distributions of the same length.
    base : float, optional
        None for nats, 2 for bits.

    Returns
    -------
    float
        KL(p || q) >= 0, zero only for p = q; +inf if q puts no mass where p has some.

    Examples
    --------
    >>> round(kl_divergence([1.0, 0.0], [0.5, 0.5]), 6)  # log 2
    0.693147
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf

    See :doc:`/chapters/14-information`.
    """
    p, q = _pair(p, q)
    nz = p > 0
    if np.any(q[nz] == 0):
        return np.inf
    return float(np.sum(p[nz] * np.log(p[nz] / q[nz]))) / _unit(base)


def gaussian_kl(
    mean_p: ArrayLike, var_p: ArrayLike, mean_q: ArrayLike, var_q: ArrayLike
) -> float | np.ndarray:
    """KL(N(mean_p, var_p) || N(mean_q, var_q)) in nats, elementwise.

    KL = (log(var_q / var_p) + (var_p + (mean_p - mean_q)^2) / var_q - 1) / 2.
    The arguments are *variances*, not standard deviations; they broadcast.

    Parameters
    ----------
    mean_p, var_p : array_like
        Mean and variance (> 0) of the first Gaussian.
    mean_q, var_q : array_like
        Mean and variance (> 0) of the second.

    Returns
    -------
    float or numpy.ndarray
        One divergence per broadcast element.

    Examples
    --------
    >>> gaussian_kl(0.0, 1.0, 0.0, 1.0)
    0.0
    >>> round(gaussian_kl(1.0, 1.0, 0.0, 1.0), 6)  # (mean difference)^2 / 2
    0.5

    See :doc:`/chapters/14-information` and :doc:`/chapters/19-vae`.
    """
    mp, mq = real_array(mean_p, "mean_p"), real_array(mean_q, "mean_q")
    vp = real_array(var_p, "var_p", within="(0, inf)")
    vq = real_array(var_q, "var_q", within="(0, inf)")
    kl = 0.5 * (np.log(vq / vp) + (vp + (mp - mq) ** 2) / vq - 1)
    return float(kl) if kl.ndim == 0 else kl


def diagonal_gaussian_kl(
    mean_p: ArrayLike, var_p: ArrayLike, mean_q: ArrayLike, var_q: ArrayLike
) -> float | np.ndarray:
    """KL between Gaussians with diagonal covariances: the sum over the last axis.

    With independent coordinates the divergence is the sum of the univariate ones,
    :func:`gaussian_kl`, over the d coordinates (the last axis); leading axes are a
    batch. For KL(N(mu, diag var) || N(0, I)) pass ``mean_q=0, var_q=1``.

    Parameters
    ----------
    mean_p, var_p, mean_q, var_q : array_like
        Means and variances (> 0); they broadcast, the last axis is the dimension d.

    Returns
    -------
    float or numpy.ndarray
        A float for one pair of Gaussians, an array over the batch axes otherwise.

    Examples
    --------
    >>> round(diagonal_gaussian_kl([1.0, 0.0], [1.0, 1.0], 0.0, 1.0), 6)
    0.5

    See :doc:`/chapters/14-information` and :doc:`/chapters/19-vae`.
    """
    kl = np.asarray(gaussian_kl(mean_p, var_p, mean_q, var_q))
    if kl.ndim == 0:
        raise ValueError("diagonal_gaussian_kl needs at least one array argument with "
                         "a last axis (the dimension)")
    total = kl.sum(axis=-1)
    return float(total) if total.ndim == 0 else total


def softmax_jacobian(z: ArrayLike) -> np.ndarray:
    """Jacobian of s = softmax(z), numerator layout: J_ij = ds_i/dz_j = s_i(d_ij - s_j).

    Parameters
    ----------
    z : array_like
        One vector of k scores (logits).

    Returns
    -------
    numpy.ndarray
        The k x k matrix diag(s) - s s^T: symmetric, rows summing to 0.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0]).round(12).tolist()
    [[0.25, -0.25], [-0.25, 0.25]]

    See :doc:`/chapters/14-information` and :doc:`/chapters/09-matrix-calculus`.
    """
    s = ops.softmax(real_array(z, "z", ndim=1))
    return np.diag(s) - np.outer(s, s)


def _logits_targets(logits: ArrayLike, targets: ArrayLike, name: str) -> tuple:
    z = real_array(logits, f"{name}: logits", ndim=2)
    y = real_array(targets, f"{name}: targets", ndim=2, within="[0, inf)")
    if y.shape != z.shape:
        raise ValueError(f"{name}: targets must have the shape of logits {z.shape}, "
                         f"got {y.shape}")
    if np.any(np.abs(y.sum(axis=1) - 1) > _SUM_TOL * z.shape[1]):
        raise ValueError(f"{name}: each row of targets must sum to 1 (a one-hot row or "
                         "a distribution)")
    return z, y


def softmax_cross_entropy(logits: ArrayLike, targets: ArrayLike) -> float:
    """Mean over rows of H(y_i, softmax(z_i)) = -sum_c y_ic log softmax(z_i)_c.

    Computed through log_softmax, so it never takes log(0) and never overflows.

    Parameters
    ----------
    logits : array_like
        Shape (n, k): a row of k scores per example.
    targets : array_like
        Shape (n, k): rows that are distributions (one-hot rows for hard labels).

    Returns
    -------
    float
        The mean loss over the n rows, in nats.

    Examples
    --------
    >>> round(softmax_cross_entropy([[0.0, 0.0]], [[1.0, 0.0]]), 6)  # log 2
    0.693147

    See :doc:`/chapters/14-information`.
    """
    z, y = _logits_targets(logits, targets, "softmax_cross_entropy")
    return float(-np.sum(y * ops.log_softmax(z, axis=1)) / z.shape[0])


def softmax_cross_entropy_grad(logits: ArrayLike, targets: ArrayLike) -> np.ndarray:
    """Gradient of :func:`softmax_cross_entropy` in the logits: (softmax(z) - y) / n.

    Parameters
    ----------
    logits, targets : array_like
        As in :func:`softmax_cross_entropy`; each row of targets sums to 1, which the
        formula needs.

    Returns
    -------
    numpy.ndarray
        Shape (n, k).

    Examples
    --------
    >>> softmax_cross_entropy_grad([[0.0, 0.0]], [[1.0, 0.0]]).round(12).tolist()
    [[-0.5, 0.5]]

    See :doc:`/chapters/14-information`.
    """
    z, y = _logits_targets(logits, targets, "softmax_cross_entropy_grad")
    return (ops.softmax(z, axis=1) - y) / z.shape[0]  # y_hat - y, per row


def _logistic_args(theta: ArrayLike, X: ArrayLike, y: ArrayLike, name: str) -> tuple:
    X = real_array(X, f"{name}: X", ndim=2)
    theta = real_array(theta, f"{name}: theta", ndim=1)
    y = real_array(y, f"{name}: y", ndim=1, within="[0, 1]")
    if theta.size != X.shape[1] + 1:
        raise ValueError(f"{name}: theta must hold a bias and {X.shape[1]} weights, "
                         f"got {theta.size} numbers")
    if y.size != X.shape[0]:
        raise ValueError(f"{name}: y must have one label per row of X ({X.shape[0]}), "
                         f"got {y.size}")
    return theta, X, y


def logistic_loss(theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> float:
    """Mean binary cross-entropy of logistic regression, theta = (b, w_1, ..., w_d).

    The model is P(y = 1 | x) = sigmoid(b + w^T x); the loss is
    mean(softplus(z) - y z) with z = b + X w, the stable form of
    -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))].

    Parameters
    ----------
    theta : array_like
        The bias followed by the d weights.
    X : array_like
        Shape (n, d), one example per row.
    y : array_like
        Shape (n,), labels in {0, 1} (or targets in [0, 1]).

    Returns
    -------
    float
        The loss in nats.

    Examples
    --------
    >>> round(logistic_loss([0.0, 1.0], [[1.0], [-1.0]], [1.0, 0.0]), 6)
    0.313262

    See :doc:`/chapters/14-information`.
    """
    theta, X, y = _logistic_args(theta, X, y, "logistic_loss")
    return float(nn.binary_cross_entropy(theta[0] + X @ theta[1:], y))


def logistic_grad(theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """Gradient of :func:`logistic_loss`: (mean(r), X^T r / n) with r = sigmoid(z) - y.

    Parameters
    ----------
    theta, X, y : array_like
        As in :func:`logistic_loss`.

    Returns
    -------
    numpy.ndarray
        Shape (d + 1,): the derivative in the bias, then in each weight.

    Examples
    --------
    >>> logistic_grad([0.0, 0.0], [[1.0], [-1.0]], [1.0, 0.0]).round(12).tolist()
    [0.0, -0.5]

    See :doc:`/chapters/14-information`.
    """
    theta, X, y = _logistic_args(theta, X, y, "logistic_grad")
    r = ops.sigmoid(theta[0] + X @ theta[1:]) - y  # y_hat - y, one per example
    return np.concatenate([[r.mean()], X.T @ r / X.shape[0]])


def max_entropy_with_mean(
    values: ArrayLike, mean: float, tol: float = 1e-12
) -> tuple[np.ndarray, float]:
    """The distribution of largest entropy on ``values`` with a given mean.

    Maximising H(p) subject to sum p_i = 1 and sum p_i x_i = m with Lagrange
    multipliers gives p_i = exp(-lam x_i) / Z(lam). The mean of this distribution
    falls strictly as lam grows (its derivative is minus the variance), so lam is found
    by bisection on m(lam) = m.

    Parameters
    ----------
    values : array_like
        The distinct values x_1, ..., x_k (at least two).
    mean : float
        The required mean, strictly between min(values) and max(values).
    tol : float
        Bisection stops when the bracket of lam is shorter than this.

    Returns
    -------
    p : numpy.ndarray
        The maximum-entropy distribution.
    lam : float
        Its multiplier: lam = 0 is the uniform distribution.

    Examples
    --------
    >>> p, lam = max_entropy_with_mean([1, 2, 3], 2.0)
    >>> np.allclose(p, 1 / 3), abs(lam) < 1e-9
    (True, True)

    See :doc:`/chapters/14-information`.
    """
    x = real_array(values, "values", ndim=1)
    if x.size < 2 or np.unique(x).size != x.size:
        raise ValueError("values must hold at least two distinct numbers")
    mean = real_number(mean, "mean")
    if not x.min() < mean < x.max():
        raise ValueError(f"mean must lie strictly between {x.min()} and {x.max()}, "
                         f"got {mean}")
    tol = real_number(tol, "tol", within="(0, inf)")

    def gibbs(lam: float) -> np.ndarray:
        return ops.softmax(-lam * x)  # exp(-lam x) / Z, without overflow

    scale = 1.0 / (x.max() - x.min())
    lo, hi = -scale, scale
    while gibbs(lo) @ x <= mean:  # the mean falls with lam: widen until bracketed
        lo *= 2
    while gibbs(hi) @ x >= mean:
        hi *= 2
    while hi - lo > tol * max(1.0, abs(lo), abs(hi)):
        mid = 0.5 * (lo + hi)
        if gibbs(mid) @ x > mean:
            lo = mid
        else:
            hi = mid
    lam = float(0.5 * (lo + hi))
    return gibbs(lam), lam
