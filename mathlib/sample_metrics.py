"""Distances between two samples: sliced Wasserstein-2 and the RBF-kernel MMD^2.

A generative model is scored by how far its samples are from fresh data. Both metrics
here compare two point clouds directly (no density needed); both are also nonzero
between two samples of the *same* distribution, so a score means something only next to
that noise floor. See :doc:`/chapters/22-diffusion`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_array, real_number, whole_number

__all__ = ["mmd2_rbf", "sliced_wasserstein2", "wasserstein2_1d"]


def _samples(a: ArrayLike, b: ArrayLike, name: str) -> tuple[np.ndarray, np.ndarray]:
    a = real_array(a, f"{name}: a", ndim=2)
    b = real_array(b, f"{name}: b", ndim=2)
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"{name}: a has dimension {a.shape[1]}, b {b.shape[1]}")
    if len(a) < 2 or len(b) < 2:
        raise ValueError(f"{name}: each sample needs at least 2 points")
    return a, b


def wasserstein2_1d(a: ArrayLike, b: ArrayLike) -> float:
    """W2 between two 1-D samples of equal size: sqrt(mean (a_(k) - b_(k))^2).

    In one dimension the optimal transport plan matches the sorted values in order
    (the quantile coupling), so W2^2 is the mean squared gap of the order statistics.

    Parameters
    ----------
    a, b : array_like
        Shape (n,), the same n.

    Returns
    -------
    float

    Examples
    --------
    >>> wasserstein2_1d([0.0, 1.0], [3.0, 2.0])
    2.0

    See :doc:`/chapters/22-diffusion`.
    """
    a = np.sort(real_array(a, "wasserstein2_1d: a", ndim=1))
    b = np.sort(real_array(b, "wasserstein2_1d: b", ndim=1))
    if a.shape != b.shape:
        raise ValueError(f"wasserstein2_1d: sizes differ, {len(a)} and {len(b)}")
    return float(np.sqrt(np.mean((a - b) ** 2)))


def sliced_wasserstein2(
    a: ArrayLike, b: ArrayLike, rng: np.random.Generator, num_projections: int = 256
) -> float:
    """Sliced Wasserstein-2: root mean over directions of W2^2 of the projections.

    SW2(a, b)^2 = E_theta W2^2(theta . a, theta . b), theta uniform on the unit sphere,
    estimated with ``num_projections`` random directions.

    Parameters
    ----------
    a, b : array_like
        Shape (n, d), the same n.
    rng : numpy.random.Generator
        Source of the directions (pass equal seeds to compare scores on equal terms).
    num_projections : int, default 256

    Returns
    -------
    float

    Examples
    --------
    >>> x = np.array([[0.0, 0.0], [1.0, 1.0]])
    >>> sliced_wasserstein2(x, x + [3.0, 4.0], np.random.default_rng(0)) > 0
    True

    See :doc:`/chapters/22-diffusion`.
    """
    a, b = _samples(a, b, "sliced_wasserstein2")
    if len(a) != len(b):
        raise ValueError(f"sliced_wasserstein2: sizes differ, {len(a)} and {len(b)}")
    rng = generator(rng, "sliced_wasserstein2: rng")
    k = whole_number(num_projections, "sliced_wasserstein2: num_projections", minimum=1)
    theta = rng.normal(size=(k, a.shape[1]))
    theta /= np.linalg.norm(theta, axis=1, keepdims=True)  # uniform on the sphere
    pa = np.sort(a @ theta.T, axis=0)  # column j: the sorted projections on theta_j
    pb = np.sort(b @ theta.T, axis=0)
    return float(np.sqrt(np.mean((pa - pb) ** 2)))


def _rbf_sum(x: np.ndarray, y: np.ndarray, bandwidth: float) -> float:
    """sum_{i,j} exp(-|x_i - y_j|^2 / (2 bandwidth^2))."""
    sq = (x * x).sum(1)[:, None] + (y * y).sum(1)[None, :] - 2.0 * (x @ y.T)
    return float(np.exp(-np.maximum(sq, 0.0) / (2.0 * bandwidth**2)).sum())


def mmd2_rbf(
    a: ArrayLike, b: ArrayLike, bandwidth: float, unbiased: bool = True
) -> float:
    """Squared maximum mean discrepancy with the kernel exp(-|x - y|^2 / (2 h^2)).

    MMD^2 = E k(X, X') + E k(Y, Y') - 2 E k(X, Y). The unbiased estimator (a
    U-statistic) leaves out the pairs i = j within a sample, so its mean is the
    population MMD^2 exactly (it can come out slightly negative); the biased one keeps
    them (a V-statistic, always >= 0).

    Parameters
    ----------
    a, b : array_like
        Shapes (n, d) and (m, d).
    bandwidth : float
        h > 0.
    unbiased : bool, default True

    Returns
    -------
    float

    Examples
    --------
    >>> x = np.array([[0.0, 0.0], [1.0, 0.0]])
    >>> mmd2_rbf(x, x, 1.0, unbiased=False)
    0.0

    See :doc:`/chapters/22-diffusion`.
    """
    a, b = _samples(a, b, "mmd2_rbf")
    h = real_number(bandwidth, "mmd2_rbf: bandwidth", within="(0, inf)")
    n, m = len(a), len(b)
    kaa, kbb, kab = _rbf_sum(a, a, h), _rbf_sum(b, b, h), _rbf_sum(a, b, h)
    if unbiased:  # drop the n (resp. m) diagonal terms k(x_i, x_i) = 1
        return (
            (kaa - n) / (n * (n - 1)) + (kbb - m) / (m * (m - 1)) - 2.0 * kab / (n * m)
        )
    return kaa / n**2 + kbb / m**2 - 2.0 * kab / (n * m)
