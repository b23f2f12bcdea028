"""Small data sets for classification and generative modelling.

Synthetic 2-D sets (two moons, circles) and scikit-learn's 8x8 handwritten digits,
binarised. Randomness is always an argument: every function takes an ``rng``
(``numpy.random.Generator``), so the same seed gives the same data.
See :doc:`/chapters/17-training`, :doc:`/chapters/19-vae` and
:doc:`/chapters/22-diffusion`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from mathlib._validate import generator, real_number, whole_number

__all__ = ["Digits", "binary_digits", "circles", "two_moons"]


def _check(n: object, noise: object, rng: object, name: str) -> tuple[int, float]:
    generator(rng, f"{name}: rng")
    n = whole_number(n, f"{name}: n", minimum=2)
    return n, real_number(noise, f"{name}: noise", within="[0, inf)")


def two_moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles: a classic data set that no straight line separates.

    Class 0 lies on the upper half of the unit circle, (cos t, sin t); class 1 on the
    lower half circle (1 - cos t, 1/2 - sin t); t is uniform on [0, pi]. Gaussian noise
    of standard deviation ``noise`` is added to both coordinates, and the points are
    shuffled.

    Parameters
    ----------
    n : int
        Number of points (class 0 gets ``n // 2``, class 1 the rest).
    noise : float
        Standard deviation of the added noise (0 gives points exactly on the arcs).
    rng : numpy.random.Generator
        Source of randomness.

    Returns
    -------
    X : numpy.ndarray
        Shape (n, 2), the points.
    y : numpy.ndarray
        Shape (n,), integer labels 0 or 1.

    Examples
    --------
    >>> X, y = two_moons(100, 0.1, np.random.default_rng(0))
    >>> X.shape, y.shape, int(y.sum())
    ((100, 2), (100,), 50)

    See :doc:`/chapters/17-training`.
    """
    n, noise = _check(n, noise, rng, "two_moons")
    n0 = n // 2
    t = rng.uniform(0.0, np.pi, n)
    y = np.repeat([0, 1], [n0, n - n0])
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0, upper, lower) + noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


def circles(
    n: int, noise: float, rng: np.random.Generator, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: class 0 of radius 1 outside, class 1 of radius ``factor`` inside.

    Parameters
    ----------
    n : int
        Number of points (class 0 gets ``n // 2``, class 1 the rest).
    noise : float
        Standard deviation of the Gaussian noise added to both coordinates.
    rng : numpy.random.Generator
        Source of randomness.
    factor : float, default 0.5
        Radius of the inner circle, in (0, 1).

    Returns
    -------
    X : numpy.ndarray
        Shape (n, 2), the points (shuffled).
    y : numpy.ndarray
        Shape (n,), integer labels 0 (outer) or 1 (inner).

    Examples
    --------
    >>> X, y = circles(10, 0.0, np.random.default_rng(0))
    >>> bool(np.allclose(np.hypot(*X[y == 1].T), 0.5))
    True

    See :doc:`/chapters/17-training`.
    """
    n, noise = _check(n, noise, rng, "circles")
    factor = real_number(factor, "circles: factor", within="(0, 1)")
    n0 = n // 2
    t = rng.uniform(0.0, 2.0 * np.pi, n)
    y = np.repeat([0, 1], [n0, n - n0])
    radius = np.where(y == 0, 1.0, factor)
    X = radius[:, None] * np.column_stack([np.cos(t), np.sin(t)])
    X = X + noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return X[order], y[order]


class Digits(NamedTuple):
    """What ``binary_digits`` returns: binary images (rows of 64 pixels) and labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def binary_digits(
    rng: np.random.Generator, test_fraction: float = 0.2, threshold: float = 8.0
) -> Digits:
    """scikit-learn's 8x8 handwritten digits, binarised, split at random into train/test.

    The 1797 images have grey levels 0..16; a pixel is 1 where its level is at least
    ``threshold`` (by default: at least half ink) and 0 elsewhere. The data ship
    inside scikit-learn (no download).

    Parameters
    ----------
    rng : numpy.random.Generator
        Source of the split (a random permutation of the images).
    test_fraction : float, default 0.2
        Fraction of images held out, in (0, 1); rounded to a whole number of images.
    threshold : float, default 8
        Grey level from which a pixel is on, in (0, 16].

    Returns
    -------
    Digits
        ``(x_train, y_train, x_test, y_test)``: float arrays of 0s and 1s of shape
        (n, 64), integer labels 0..9 of shape (n,).

    Examples
    --------
    >>> d = binary_digits(np.random.default_rng(0))
    >>> d.x_train.shape, d.x_test.shape, sorted(set(d.x_test.ravel().tolist()))
    ((1438, 64), (359, 64), [0.0, 1.0])

    See :doc:`/chapters/19-vae`.
    """
    from sklearn.datasets import load_digits  # a book requirement, not one of mathlib's

    generator(rng, "binary_digits: rng")
    test_fraction = real_number(test_fraction, "binary_digits: test_fraction",
                                within="(0, 1)")
    threshold = real_number(threshold, "binary_digits: threshold", within="(0, 16]")
    data = load_digits()
    x = (data.data >= threshold).astype(float)
    order = rng.permutation(len(x))
    n_test = max(1, round(test_fraction * len(x)))
    test, train = order[:n_test], order[n_test:]
    return Digits(x[train], data.target[train], x[test], data.target[test])
