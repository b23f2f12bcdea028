"""Rates of change of a function of many variables along a direction.

* :func:`directional_derivative`: the rate of change of ``f`` at ``x`` along a unit
  vector ``u``, by a central difference on the line ``t -> f(x + t u)``; for a
  differentiable ``f`` it equals ``∇f(x) · u``;
* :func:`steepest_ascent`: the unit vector ``∇f(x) / ‖∇f(x)‖``, along which that rate
  is largest (by the Cauchy–Schwarz inequality);
* :func:`unit_vector`: the unit vector at an angle θ in the plane;
* :func:`chord_cosines`: how far a polygon drawn along a level set is from being
  perpendicular to the gradient (0 means perpendicular).

See :doc:`/chapters/08-gradients`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, real_values

__all__ = ["chord_cosines", "directional_derivative", "steepest_ascent", "unit_vector"]

UNIT_TOLERANCE = 1e-9  # |‖u‖ - 1| allowed for a "unit" vector: rounding, not a wrong u


def unit_vector(theta: ArrayLike) -> np.ndarray:
    """The unit vector ``(cos θ, sin θ)`` at the angle θ (radians) from the x-axis.

    Parameters
    ----------
    theta : float or array_like
        Angle(s) in radians, measured counterclockwise from the positive x-axis.

    Returns
    -------
    ndarray
        Shape ``(2,) + theta.shape``: row 0 holds the cosines, row 1 the sines.

    Examples
    --------
    >>> unit_vector(np.pi / 2).round(12).tolist()
    [0.0, 1.0]

    See :doc:`/chapters/08-gradients`.
    """
    theta = real_array(theta, "theta")
    return np.stack([np.cos(theta), np.sin(theta)])


def _unit(u: ArrayLike, shape: tuple[int, ...]) -> np.ndarray:
    u = real_array(u, "u")
    if u.shape != shape:
        raise ValueError(f"u must have the shape of x {shape}, got {u.shape}")
    norm = np.linalg.norm(u)
    if abs(norm - 1.0) > UNIT_TOLERANCE:
        raise ValueError(f"u must be a unit vector (norm 1), got norm {norm:.6g}; "
                         f"divide it by its norm first")
    return u


def directional_derivative(
    f: Callable, x: ArrayLike, u: ArrayLike, h: float | None = None
) -> float:
    """Directional derivative ``D_u f(x)`` by a central difference along ``u``.

    ``(f(x + h u) - f(x - h u)) / 2h``: the central difference of the one-variable
    function ``t -> f(x + t u)`` at ``t = 0``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for an array ``x``.
    x : array_like
        The point, of any shape.
    u : array_like
        A unit vector (Euclidean norm 1) of the shape of ``x``.
    h : float, optional
        Step > 0; default ``ε**(1/3) * max(1, ‖x‖)`` with ε the machine epsilon (the
        balance of truncation and round-off, as in :func:`mathlib.numdiff.gradient`).

    Returns
    -------
    float
        The approximation of ``D_u f(x)``; for a smooth ``f`` it agrees with
        ``∇f(x) · u`` to about 10 digits.

    Raises
    ------
    ValueError
        If ``u`` is not a unit vector of the shape of ``x``, or ``h <= 0``.

    Examples
    --------
    >>> f = lambda p: p[0] ** 2 + 3 * p[1]          # gradient (2x, 3) = (2, 3) at (1, 0)
    >>> round(directional_derivative(f, [1.0, 0.0], [0.6, 0.8]), 8)   # 2·0.6 + 3·0.8
    3.6

    See :doc:`/chapters/08-gradients`.
    """
    function(f)
    x = real_array(x, "x")
    u = _unit(u, x.shape)
    if h is None:
        h = np.finfo(float).eps ** (1 / 3) * max(1.0, float(np.linalg.norm(x)))
    h = real_number(h, "h", within="(0, inf)")
    ahead = real_values(f, x + h * u, shape=())
    behind = real_values(f, x - h * u, shape=())
    return float((ahead - behind) / (2 * h))


def steepest_ascent(grad_value: ArrayLike) -> np.ndarray:
    """The unit vector of steepest ascent, ``∇f(x) / ‖∇f(x)‖``.

    Among all unit vectors ``u``, the directional derivative ``∇f(x) · u`` is largest,
    ``‖∇f(x)‖``, for this one; its negative is the direction of steepest descent.

    Parameters
    ----------
    grad_value : array_like
        The gradient ``∇f(x)`` at the point, of any shape.

    Returns
    -------
    ndarray
        The gradient divided by its Euclidean norm.

    Raises
    ------
    ValueError
        If the gradient is zero: at a stationary point no direction is steepest.

    Examples
    --------
    >>> steepest_ascent([3.0, -4.0]).tolist()
    [0.6, -0.8]

    See :doc:`/chapters/08-gradients`.
    """
    g = real_array(grad_value, "grad_value")
    norm = np.linalg.norm(g)
    if norm == 0:
        raise ValueError("the gradient is zero: at a stationary point every directional "
                         "derivative is 0 and no direction is steepest")
    return g / norm


def chord_cosines(grad: Callable, curve: ArrayLike) -> np.ndarray:
    """Cosines of the angles between the chords of a polygon and the gradient.

    For the points ``p_0, ..., p_k`` of a polygon drawn along a curve, the chord
    ``d_i = p_{i+1} - p_i`` is compared with the gradient at its midpoint:
    ``cos_i = ∇f(m_i) · d_i / (‖∇f(m_i)‖ ‖d_i‖)``. On a level set of ``f`` the chords
    approach tangents as the points get closer, and the cosines approach 0.

    Parameters
    ----------
    grad : callable
        ``grad(p) -> ndarray`` of shape ``(n,)`` for a point ``p`` of shape ``(n,)``.
    curve : array_like of shape (k + 1, n)
        The points of the polygon, in order, ``k >= 1``.

    Returns
    -------
    ndarray of shape (k,)
        One cosine per chord, in [-1, 1]: 0 for a chord perpendicular to the gradient,
        ±1 for a chord along it.

    Raises
    ------
    ValueError
        If two consecutive points coincide, or the gradient vanishes at a midpoint
        (then no angle is defined).

    Examples
    --------
    >>> circle = [[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]]        # on x² + y² = 1
    >>> chord_cosines(lambda p: 2 * p, circle).round(12).tolist()
    [0.0, 0.0]

    See :doc:`/chapters/08-gradients`.
    """
    function(grad, "grad")
    curve = real_array(curve, "curve", ndim=2)
    if len(curve) < 2:
        raise ValueError(f"curve needs at least two points, got {len(curve)}")
    chords = np.diff(curve, axis=0)
    midpoints = (curve[1:] + curve[:-1]) / 2
    grads = np.array([real_values(grad, m, "grad", shape=m.shape) for m in midpoints])
    lengths = np.linalg.norm(chords, axis=1)
    sizes = np.linalg.norm(grads, axis=1)
    if np.any(lengths == 0):
        raise ValueError("two consecutive points of the curve coincide")
    if np.any(sizes == 0):
        raise ValueError("the gradient is zero at a midpoint: no angle is defined")
    return np.einsum("ij,ij->i", grads, chords) / (sizes * lengths)
