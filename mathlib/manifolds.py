"""The unit sphere as a Riemannian manifold: tangent spaces, geodesics, gradient descent.

Points of the sphere S^{n−1} = {x in R^n : ‖x‖ = 1} are unit vectors; the tangent space
at x is {v : xᵀv = 0}, with the inner product of R^n as its Riemannian metric.
``tangent_project`` maps a vector of R^n onto a tangent space, ``sphere_exp`` follows the
geodesic (a great circle) from x with initial velocity v for unit time, ``sphere_log``
inverts it and ``sphere_distance`` is the length of the shortest great-circle arc.
``riemannian_descent`` takes gradient steps along the sphere (with the exponential map
or the normalising retraction), ``projected_descent`` takes Euclidean steps and
normalises; ``spherical_metric`` is the metric in the coordinates (θ, φ). See
:doc:`/chapters/20-manifolds`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, whole_number

__all__ = [
    "line_angle", "normalize_retraction", "projected_descent", "riemannian_descent",
    "sphere_distance", "sphere_exp", "sphere_log", "spherical_metric",
    "spherical_point", "tangent_project",
]

_UNIT_TOL = 1e-9  # how far from 1 the norm of a "unit" vector may be


def _unit(x: ArrayLike, name: str = "x") -> np.ndarray:
    x = real_array(x, name, ndim=1)
    if abs(np.linalg.norm(x) - 1) > _UNIT_TOL:
        raise ValueError(f"{name} must be a unit vector, got norm "
                         f"{np.linalg.norm(x):.6g}")
    return x


def _tangent(x: np.ndarray, v: ArrayLike, name: str = "v") -> np.ndarray:
    v = real_array(v, name, ndim=1)
    if v.shape != x.shape:
        raise ValueError(f"{name} must have the shape {x.shape} of x, got {v.shape}")
    if abs(x @ v) > _UNIT_TOL * max(1.0, float(np.linalg.norm(v))):
        raise ValueError(f"{name} must be tangent at x (xᵀ{name} = 0), got "
                         f"xᵀ{name} = {x @ v:.3g}")
    return v


def tangent_project(x: ArrayLike, v: ArrayLike) -> np.ndarray:
    """The orthogonal projection (I − x xᵀ) v of v onto the tangent space at x.

    Parameters
    ----------
    x : array_like of shape (n,)
        A point of the sphere (a unit vector).
    v : array_like of shape (n,)
        Any vector of R^n.

    Returns
    -------
    numpy.ndarray
        v − (xᵀv) x, orthogonal to x.

    Examples
    --------
    >>> tangent_project([0.0, 0.0, 1.0], [1.0, 2.0, 3.0]).tolist()
    [1.0, 2.0, 0.0]

    See :doc:`/chapters/20-manifolds`.
    """
    x = _unit(x)
    v = real_array(v, "v", ndim=1)
    if v.shape != x.shape:
        raise ValueError(f"v must have the shape {x.shape} of x, got {v.shape}")
    return v - (x @ v) * x


def sphere_exp(x: ArrayLike, v: ArrayLike) -> np.ndarray:
    """The exponential map exp_x(v) = cos(‖v‖) x + sin(‖v‖) v/‖v‖ of the sphere.

    The point reached at time 1 along the great circle that leaves x with velocity v
    (a tangent vector); exp_x(0) = x.

    Parameters
    ----------
    x : array_like of shape (n,)
        A unit vector.
    v : array_like of shape (n,)
        A tangent vector at x (xᵀv = 0).

    Returns
    -------
    numpy.ndarray
        A unit vector.

    Examples
    --------
    >>> sphere_exp([1.0, 0.0, 0.0], [0.0, np.pi / 2, 0.0]).round(12).tolist()
    [0.0, 1.0, 0.0]

    See :doc:`/chapters/20-manifolds`.
    """
    x = _unit(x)
    v = _tangent(x, v)
    speed = np.linalg.norm(v)
    if speed == 0:
        return x.copy()
    y = np.cos(speed) * x + np.sin(speed) * (v / speed)
    return y / np.linalg.norm(y)  # remove the rounding drift from the sphere


def sphere_log(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The logarithm log_x(y): the tangent v at x of length d(x, y) with exp_x(v) = y.

    Defined for y ≠ −x (at the antipode every direction works).

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Unit vectors, not antipodal.

    Returns
    -------
    numpy.ndarray
        A tangent vector at x of length :func:`sphere_distance` (x, y).

    Examples
    --------
    >>> sphere_log([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]).round(12).tolist()
    [0.0, 1.570796326795, 0.0]

    See :doc:`/chapters/20-manifolds`.
    """
    x, y = _unit(x), _unit(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape}, {y.shape}")
    w = y - (x @ y) * x  # the part of y orthogonal to x
    norm_w = np.linalg.norm(w)
    if norm_w == 0:
        if x @ y > 0:
            return np.zeros_like(x)
        raise ValueError("log_x(y) is not defined for antipodal points")
    return sphere_distance(x, y) * (w / norm_w)


def sphere_distance(x: ArrayLike, y: ArrayLike) -> float:
    """The great-circle distance between two unit vectors, atan2(‖x × y‖, xᵀy).

    The form with atan2 (‖x × y‖ written as ‖y − (xᵀy)x‖) is accurate for nearby and
    for nearly antipodal points, where arccos(xᵀy) loses digits.

    Parameters
    ----------
    x, y : array_like of shape (n,)
        Unit vectors.

    Returns
    -------
    float
        The angle between them, in [0, π].

    Examples
    --------
    >>> round(sphere_distance([1.0, 0.0], [0.0, -1.0]), 12)
    1.570796326795

    See :doc:`/chapters/20-manifolds`.
    """
    x, y = _unit(x), _unit(y, "y")
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same shape, got {x.shape}, {y.shape}")
    return float(np.arctan2(np.linalg.norm(y - (x @ y) * x), x @ y))


def normalize_retraction(x: ArrayLike, v: ArrayLike) -> np.ndarray:
    """The retraction R_x(v) = (x + v)/‖x + v‖: step in R^n, then back to the sphere.

    It agrees with :func:`sphere_exp` to second order: R_x(tv) − exp_x(tv) = O(t³).

    Parameters
    ----------
    x : array_like of shape (n,)
        A unit vector.
    v : array_like of shape (n,)
        A tangent vector at x.

    Returns
    -------
    numpy.ndarray
        A unit vector.

    Examples
    --------
    >>> normalize_retraction([1.0, 0.0], [0.0, 1.0]).round(6).tolist()
    [0.707107, 0.707107]

    See :doc:`/chapters/20-manifolds`.
    """
    x = _unit(x)
    y = x + _tangent(x, v)
    return y / np.linalg.norm(y)  # ‖x + v‖ >= 1 for a tangent v


def line_angle(x: ArrayLike, u: ArrayLike) -> float | np.ndarray:
    """The angle in [0, π/2] between the lines through the unit vectors x and u.

    An eigenvector is defined up to its sign, so the error of an estimate x of the
    eigenvector u is the angle between the lines, atan2(‖x − (xᵀu)u‖, |xᵀu|).

    Parameters
    ----------
    x : array_like of shape (n,) or (m, n)
        A unit vector, or m of them as rows (a path of iterates).
    u : array_like of shape (n,)
        A unit vector.

    Returns
    -------
    float or numpy.ndarray
        One angle, or m of them.

    Examples
    --------
    >>> round(line_angle([1.0, 0.0], [-1.0, 0.0]), 12)
    0.0
    >>> line_angle([[0.0, 1.0], [0.6, 0.8]], [1.0, 0.0]).round(6).tolist()
    [1.570796, 0.927295]

    See :doc:`/chapters/20-manifolds`.
    """
    u = _unit(u, "u")
    rows = real_array(x, "x")
    if rows.ndim not in (1, 2) or rows.shape[-1] != u.size:
        raise ValueError(f"x must have shape ({u.size},) or (m, {u.size}), got "
                         f"{rows.shape}")
    if np.any(np.abs(np.linalg.norm(rows, axis=-1) - 1) > _UNIT_TOL):
        raise ValueError("x must hold unit vectors")
    along = rows @ u
    angle = np.arctan2(np.linalg.norm(rows - along[..., None] * u, axis=-1),
                       np.abs(along))
    return float(angle) if rows.ndim == 1 else angle


def riemannian_descent(
    egrad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, lr: float,
    num_iters: int, retraction: str = "exp",
) -> np.ndarray:
    """Riemannian gradient descent on the sphere: x ← R_x(−η grad f(x)).

    The Riemannian gradient is the projection (I − x xᵀ)∇f̄(x) of the Euclidean
    gradient of any smooth extension f̄ of f; R is the exponential map (``"exp"``) or
    the normalising retraction (``"normalize"``).

    Parameters
    ----------
    egrad : callable
        ``egrad(x)``, the Euclidean gradient ∇f̄(x), of the shape of x.
    x0 : array_like of shape (n,)
        The start, a unit vector.
    lr : float
        The step size η > 0.
    num_iters : int
        The number of steps.
    retraction : {"exp", "normalize"}
        How a step along the tangent space is brought back to the sphere.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_iters + 1, n)``: x_0, x_1, ..., each a unit vector.

    Examples
    --------
    >>> A = np.diag([3.0, 1.0])
    >>> path = riemannian_descent(lambda x: -A @ x, [0.6, 0.8], 0.5, 30)
    >>> np.abs(path[-1]).round(6).tolist()     # the leading eigenvector, up to sign
    [1.0, 0.0]

    See :doc:`/chapters/20-manifolds`.
    """
    egrad = function(egrad, "egrad")
    x = _unit(x0, "x0")
    lr = real_number(lr, "lr", within="(0, inf)")
    num_iters = whole_number(num_iters, "num_iters")
    steps = {"exp": sphere_exp, "normalize": normalize_retraction}
    if retraction not in steps:
        raise ValueError(f"unknown retraction {retraction!r}: use 'exp' or 'normalize'")
    step = steps[retraction]
    path = np.empty((num_iters + 1, x.size))
    path[0] = x
    for k in range(num_iters):
        g = real_array(egrad(x), f"egrad(x_{k})", ndim=1)
        rgrad = g - (x @ g) * x  # the Riemannian gradient, eq. (rgd-gradient)
        x = step(x, -lr * rgrad)
        path[k + 1] = x
    return path


def projected_descent(
    egrad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, lr: float,
    num_iters: int,
) -> np.ndarray:
    """Projected (Euclidean) gradient descent: x ← (x − η∇f̄(x)) / ‖x − η∇f̄(x)‖.

    A full Euclidean step, including the part of the gradient normal to the sphere,
    then the nearest point of the sphere.

    Parameters
    ----------
    egrad : callable
        ``egrad(x)``, the Euclidean gradient.
    x0 : array_like of shape (n,)
        The start, a unit vector.
    lr : float
        The step size η > 0.
    num_iters : int
        The number of steps.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_iters + 1, n)``.

    Raises
    ------
    ValueError
        If a step lands on the origin, which has no nearest point on the sphere.

    Examples
    --------
    >>> A = np.diag([3.0, 1.0])
    >>> np.abs(projected_descent(lambda x: -A @ x, [0.6, 0.8], 0.5, 40)[-1]).round(6)
    array([1., 0.])

    See :doc:`/chapters/20-manifolds`.
    """
    egrad = function(egrad, "egrad")
    x = _unit(x0, "x0")
    lr = real_number(lr, "lr", within="(0, inf)")
    num_iters = whole_number(num_iters, "num_iters")
    path = np.empty((num_iters + 1, x.size))
    path[0] = x
    for k in range(num_iters):
        y = x - lr * real_array(egrad(x), f"egrad(x_{k})", ndim=1)
        norm = np.linalg.norm(y)
        if norm == 0:
            raise ValueError(f"step {k} landed on the origin")
        x = y / norm
        path[k + 1] = x
    return path


def spherical_point(theta: ArrayLike, phi: ArrayLike) -> np.ndarray:
    """The point (sin θ cos φ, sin θ sin φ, cos θ) of the unit sphere in R³.

    θ is the polar angle from the north pole (0 <= θ <= π), φ the longitude.

    Parameters
    ----------
    theta, phi : array_like
        Angles in radians, of the same shape (or broadcastable).

    Returns
    -------
    numpy.ndarray
        Shape ``(*shape, 3)``.

    Examples
    --------
    >>> spherical_point(np.pi / 2, 0.0).round(12).tolist()
    [1.0, 0.0, 0.0]

    See :doc:`/chapters/20-manifolds`.
    """
    theta, phi = real_array(theta, "theta"), real_array(phi, "phi")
    return np.stack(np.broadcast_arrays(np.sin(theta) * np.cos(phi),
                                        np.sin(theta) * np.sin(phi), np.cos(theta)),
                    axis=-1)


def spherical_metric(theta: float) -> np.ndarray:
    """The metric diag(1, sin²θ) of the unit sphere in the coordinates (θ, φ).

    It is JᵀJ for the Jacobian J of :func:`spherical_point`: ds² = dθ² + sin²θ dφ².

    Parameters
    ----------
    theta : float
        The polar angle.

    Returns
    -------
    numpy.ndarray
        Shape ``(2, 2)``.

    Examples
    --------
    >>> spherical_metric(np.pi / 2).round(12).tolist()
    [[1.0, 0.0], [0.0, 1.0]]

    See :doc:`/chapters/20-manifolds`.
    """
    theta = real_number(theta, "theta")
    return np.diag([1.0, np.sin(theta) ** 2])
