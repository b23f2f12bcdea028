"""Subgradients of convex functions with kinks: |x|, ReLU and the hinge loss.

A **subgradient** of a convex ``f`` at ``x`` is a vector ``g`` with
``f(y) >= f(x) + g · (y - x)`` for every ``y``: the slope of a line (a plane) that
touches the graph at ``x`` and stays below it. The set of them is the
**subdifferential** ``∂f(x)``. For a convex function of one variable it is the interval
``[f'_-(x), f'_+(x)]`` between the left and the right derivative, so each row of
:data:`KINKS` gives a function with its two one-sided derivatives:

* ``abs``: ``|x|``, with ``∂|x|(0) = [-1, 1]``;
* ``relu``: ``max(0, x)``, with ``∂relu(0) = [0, 1]``;
* ``hinge``: ``max(0, 1 - z)`` of the margin ``z = y wᵀx``, with ``∂hinge(1) = [-1, 0]``.

What code returns at a kink (``relu'(0) = 0``, see :mod:`mathlib.elementary`) is one
element of this interval. :func:`hinge_loss_subdifferential` carries the hinge's
interval over to the weights, :func:`subgradient_gap` tests the defining inequality on
sample points, and :func:`soft_threshold` is the minimiser that the optimality condition
``0 ∈ ∂f(x*)`` gives for ``λ|x| + (x - a)² / 2``. See :doc:`/chapters/08-gradients`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, real_values

__all__ = [
    "KINKS", "Kink", "hinge", "hinge_loss_subdifferential", "soft_threshold",
    "subdifferential", "subgradient_gap",
]


def hinge(z: ArrayLike) -> np.ndarray:
    """The hinge loss ``max(0, 1 - z)`` of a margin ``z = y wᵀx``.

    >>> hinge(np.array([-1.0, 1.0, 2.0])).tolist()
    [2.0, 0.0, 0.0]
    """
    return np.maximum(0.0, 1.0 - np.asarray(z, dtype=float))


class Kink(NamedTuple):
    """One row of :data:`KINKS`: a convex function and its one-sided derivatives."""

    name: str
    value: Callable[[np.ndarray], np.ndarray]
    left: Callable[[np.ndarray], np.ndarray]  # f'_-(x), the left derivative
    right: Callable[[np.ndarray], np.ndarray]  # f'_+(x), the right derivative


KINKS = MappingProxyType({row.name: row for row in (
    # name, value, left and right derivative (they differ only at the kink)
    Kink("abs", np.abs,
         lambda x: np.where(x <= 0, -1.0, 1.0),
         lambda x: np.where(x < 0, -1.0, 1.0)),
    Kink("relu", lambda x: np.maximum(0.0, x),
         lambda x: np.where(x <= 0, 0.0, 1.0),
         lambda x: np.where(x < 0, 0.0, 1.0)),
    Kink("hinge", hinge,  # max(0, 1 - z), kink at z = 1
         lambda z: np.where(z <= 1, -1.0, 0.0),
         lambda z: np.where(z < 1, -1.0, 0.0)),
)})


def _float_or_array(a: np.ndarray) -> float | np.ndarray:
    return float(a) if a.ndim == 0 else a


def subdifferential(name: str, x: ArrayLike) -> tuple[float | np.ndarray, ...]:
    """The subdifferential ``[low, high]`` of ``abs``, ``relu`` or ``hinge`` at ``x``.

    Parameters
    ----------
    name : {"abs", "relu", "hinge"}
        The function (a row of :data:`KINKS`); ``hinge`` is ``max(0, 1 - z)``.
    x : float or array_like
        The point(s), elementwise.

    Returns
    -------
    low, high : float or ndarray
        The left and the right derivative: ``∂f(x) = [low, high]``, a single number
        (``low == high``, the derivative) away from the kink.

    Examples
    --------
    >>> subdifferential("abs", 0.0)
    (-1.0, 1.0)
    >>> subdifferential("relu", np.array([-2.0, 0.0, 3.0]))
    (array([0., 0., 1.]), array([0., 1., 1.]))

    See :doc:`/chapters/08-gradients`.
    """
    if name not in KINKS:
        raise ValueError(f"name must be one of {sorted(KINKS)}, got {name!r}")
    row, x = KINKS[name], real_array(x, "x")
    return _float_or_array(row.left(x)), _float_or_array(row.right(x))


def hinge_loss_subdifferential(
    w: ArrayLike, x: ArrayLike, y: float
) -> tuple[np.ndarray, np.ndarray]:
    """The ends of the segment ``∂ℓ(w)`` for the hinge loss ``ℓ(w) = max(0, 1 - y wᵀx)``.

    By the chain rule through the linear map ``w -> z = y wᵀx``, ``∂ℓ(w) = {s y x : s in
    ∂hinge(z)}``: the single gradient ``-y x`` where ``z < 1``, ``0`` where ``z > 1``,
    and at ``z = 1`` the segment from ``-y x`` to ``0``.

    Parameters
    ----------
    w, x : array_like of shape (n,)
        Weights and the features of one example.
    y : {-1, 1}
        The label.

    Returns
    -------
    start, end : ndarray of shape (n,)
        ``low · y x`` and ``high · y x`` with ``[low, high] = ∂hinge(y wᵀx)``; every
        subgradient is ``(1 - t) start + t end`` for a ``t`` in [0, 1]. They are equal
        where the loss is differentiable.

    Examples
    --------
    >>> start, end = hinge_loss_subdifferential([1.0, 0.0], [1.0, 2.0], 1.0)  # z = 1
    >>> start.tolist(), end.tolist()
    ([-1.0, -2.0], [0.0, 0.0])

    See :doc:`/chapters/08-gradients`.
    """
    w, x = real_array(w, "w", ndim=1), real_array(x, "x", ndim=1)
    if w.shape != x.shape:
        raise ValueError(f"w and x must have the same shape, got {w.shape} and {x.shape}")
    if y not in (-1, 1) or isinstance(y, bool):
        raise ValueError(f"y must be a label -1 or 1, got {y!r}")
    low, high = subdifferential("hinge", y * (w @ x))
    return low * y * x, high * y * x


def subgradient_gap(
    f: Callable, x: ArrayLike, g: ArrayLike, points: ArrayLike
) -> float:
    """The smallest gap ``f(p) - f(x) - g · (p - x)`` over sample points ``p``.

    ``g`` is a subgradient of ``f`` at ``x`` exactly when the gap is ``>= 0`` at every
    point; a negative value names a point where the line (plane) with slope ``g`` rises
    above the graph. Only the given points are tested.

    Parameters
    ----------
    f : callable
        ``f(p) -> float`` for a point ``p`` of the shape of ``x``.
    x : array_like
        The point where ``g`` is a candidate subgradient.
    g : array_like
        The candidate, of the shape of ``x``.
    points : array_like
        Sample points, stacked along the first axis: shape ``(k,) + x.shape``.

    Returns
    -------
    float
        The minimum gap; ``< 0`` (beyond rounding) means ``g`` is not a subgradient.

    Examples
    --------
    >>> samples = np.linspace(-2, 2, 9)
    >>> subgradient_gap(abs, 0.0, 0.5, samples) >= 0       # 0.5 is in [-1, 1]
    True
    >>> subgradient_gap(abs, 0.0, 1.5, samples)            # at p = 2: 2 - 3 = -1
    -1.0

    See :doc:`/chapters/08-gradients`.
    """
    function(f)
    x, g = real_array(x, "x"), real_array(g, "g")
    if g.shape != x.shape:
        raise ValueError(f"g must have the shape of x {x.shape}, got {g.shape}")
    points = real_array(points, "points")
    if points.ndim == x.ndim:  # one point given without the stacking axis
        points = points[None]
    if points.shape[1:] != x.shape:
        raise ValueError(f"points must have shape (k,) + {x.shape}, got {points.shape}")
    fx = real_values(f, x, shape=())
    gaps = [real_values(f, p, shape=()) - fx - np.sum(g * (p - x)) for p in points]
    return float(min(gaps))


def soft_threshold(a: ArrayLike, lam: float) -> float | np.ndarray:
    """The minimiser of ``λ|x| + (x - a)² / 2``: ``sign(a) max(|a| - λ, 0)``.

    The optimality condition ``0 ∈ λ ∂|x| + (x - a)`` gives it: ``x = a - λ`` if
    ``a > λ``, ``x = a + λ`` if ``a < -λ``, and ``x = 0`` (where ``a`` lies in
    ``λ ∂|x|(0) = [-λ, λ]``) otherwise. It is the step that L1 penalties take.

    Parameters
    ----------
    a : float or array_like
        The point(s) being shrunk, elementwise.
    lam : float
        The weight λ >= 0 of the absolute value.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> soft_threshold(np.array([-3.0, 0.5, 2.0]), 1.0).tolist()
    [-2.0, 0.0, 1.0]

    See :doc:`/chapters/08-gradients`.
    """
    a = real_array(a, "a")
    lam = real_number(lam, "lam", within="[0, inf)")
    shrunk = np.sign(a) * np.maximum(np.abs(a) - lam, 0.0)
    return _float_or_array(shrunk + 0.0)  # + 0.0 turns the -0.0 of sign(a) * 0 into 0
