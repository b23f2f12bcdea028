"""Gradients, Jacobians and Hessians by central differences, for inputs of any shape.

The rules of :mod:`mathlib.numdiff`, one coordinate at a time: perturb ``x`` by ``h``
along one axis of its array, ``x ± h e_i``, and difference. ``x`` may have any shape (a
vector, a matrix of weights, ...), and so may ``f(x)``:

* the gradient of a scalar ``f`` has the shape of ``x``;
* the Jacobian of f: R^{shape_x} -> R^{shape_y} has shape ``shape_y + shape_x``,
  ``J[i..., j...] = ∂f_i.../∂x_j...`` (numerator layout, the book's convention: one row
  per output and one column per input for vectors, see :doc:`/backmatter/notation`);
* the Hessian of a scalar ``f`` has shape ``shape_x + shape_x``.

The default steps balance truncation against round-off (ε = machine epsilon): ``h_i =
ε**(1/3) * max(1, |x_i|)`` for first derivatives, ``ε**(1/4) * max(1, |x_i|)`` for the
Hessian (:func:`mathlib.numdiff.best_step` explains the balance). The functions are also
importable from :mod:`mathlib.numdiff`. See
:doc:`/chapters/05-numerical-differentiation` and :doc:`/chapters/08-gradients`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_values

__all__ = ["gradient", "hessian", "jacobian"]


def _setup(f: Callable, x: ArrayLike, h: ArrayLike | None, power: float) -> tuple:
    """``f`` of a flat vector, ``x`` flattened, one step per coordinate, and x's shape.

    The step is the given ``h`` (a number, or an array of x's shape) or
    ``ε**power * max(1, |x_i|)``.
    """
    function(f)
    x = real_array(x, "x")
    if h is None:
        steps = np.finfo(float).eps ** power * np.maximum(1.0, np.abs(x))
    else:
        steps = real_array(h, "h", within="(0, inf)")
        if steps.ndim != 0 and steps.shape != x.shape:
            raise ValueError(f"h must be a number or have the shape of x {x.shape}, "
                             f"got {steps.shape}")
    shape = x.shape
    steps = np.broadcast_to(steps, shape).ravel()
    return (lambda v: f(v.reshape(shape))), x.ravel(), steps, shape


def _unit(n: int, i: int, step: float) -> np.ndarray:
    e = np.zeros(n)
    e[i] = step
    return e


def _central(f: Callable, x: np.ndarray, e: np.ndarray, shape: tuple) -> np.ndarray:
    """f(x + e) - f(x - e), each checked to be real, finite and of ``shape``."""
    return real_values(f, x + e, shape=shape) - real_values(f, x - e, shape=shape)


def _result(a: np.ndarray) -> float | np.ndarray:
    return float(a) if a.ndim == 0 else a


def gradient(
    f: Callable, x: ArrayLike, h: ArrayLike | None = None
) -> float | np.ndarray:
    """Gradient of a scalar function of an array, by central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for an array ``x`` of the shape of the point.
    x : array_like
        The point, of any shape.
    h : float or array_like, optional
        Step(s) > 0, a number or one per element of ``x``; default
        ``ε**(1/3) * max(1, |x_i|)``.

    Returns
    -------
    float or numpy.ndarray
        ``g[i...] ≈ ∂f/∂x[i...]``, of the shape of ``x`` (a float for a number ``x``),
        error O(h²).

    Examples
    --------
    >>> gradient(lambda x: x[0]**2 + 3*x[1], [1.0, 2.0]).round(6)
    array([2., 3.])
    >>> gradient(lambda W: (W**2).sum(), [[1.0, 2.0], [3.0, 4.0]]).round(6)
    array([[2., 4.],
           [6., 8.]])

    See :doc:`/chapters/08-gradients`.
    """
    f_flat, x, h, shape = _setup(f, x, h, 1 / 3)
    g = np.empty(x.size)
    for i in range(x.size):
        g[i] = _central(f_flat, x, _unit(x.size, i, h[i]), ()) / (2 * h[i])
    return _result(g.reshape(shape))


def jacobian(
    f: Callable, x: ArrayLike, h: ArrayLike | None = None
) -> float | np.ndarray:
    """Jacobian of a function of an array, by central differences, in numerator layout.

    Parameters
    ----------
    f : callable
        ``f(x)``: an array (or a number) for an array ``x``.
    x : array_like
        The point, of any shape.
    h : float or array_like, optional
        Step(s) > 0, a number or one per element of ``x``; default
        ``ε**(1/3) * max(1, |x_j|)``.

    Returns
    -------
    float or numpy.ndarray
        Shape ``f(x).shape + x.shape``: ``J[i..., j...] ≈ ∂f(x)[i...]/∂x[j...]``. For a
        vector function of a vector, row ``i`` is the gradient of output ``i``.

    Examples
    --------
    >>> import numpy as np
    >>> jacobian(lambda x: np.array([x[0] * x[1], x[0]]), [2.0, 5.0]).round(6)
    array([[5., 2.],
           [1., 0.]])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    f_flat, x, h, shape = _setup(f, x, h, 1 / 3)
    y_shape = real_values(f_flat, x).shape
    J = np.empty(y_shape + (x.size,))
    for j in range(x.size):
        J[..., j] = _central(f_flat, x, _unit(x.size, j, h[j]), y_shape) / (2 * h[j])
    return _result(J.reshape(y_shape + shape))


def hessian(
    f: Callable, x: ArrayLike, h: ArrayLike | None = None
) -> float | np.ndarray:
    """Hessian of a scalar function of an array, by central second differences.

    Parameters
    ----------
    f : callable
        A twice differentiable scalar function of ``x``.
    x : array_like
        Where to take the second derivatives; any shape.
    h : float or array_like, optional
        Steps as for :func:`gradient`, with the default ``ε**(1/4) * max(1, |x_i|)``.

    Returns
    -------
    float or numpy.ndarray
        Shape ``x.shape + x.shape``, symmetric: ``H[i..., j...] ≈
        ∂²f/∂x[i...]∂x[j...]``, error O(h²).

    Examples
    --------
    >>> hessian(lambda x: x[0]**2 * x[1], [1.0, 2.0]).round(4)
    array([[4., 2.],
           [2., 0.]])

    See :doc:`/chapters/09-matrix-calculus` (the Hessian) and
    :doc:`/chapters/12-newton`.
    """
    f_flat, x, h, shape = _setup(f, x, h, 1 / 4)

    def at(step: np.ndarray) -> float:
        return float(real_values(f_flat, x + step, shape=()))

    n, fx = x.size, at(np.zeros(x.size))
    H = np.empty((n, n))
    for i in range(n):
        ei = _unit(n, i, h[i])
        # (f(x + h) - 2 f(x) + f(x - h)) / h²
        H[i, i] = (at(ei) - 2 * fx + at(-ei)) / h[i] ** 2
        for j in range(i + 1, n):
            ej = _unit(n, j, h[j])
            # (f(x+hi+hj) - f(x+hi-hj) - f(x-hi+hj) + f(x-hi-hj)) / (4 hi hj)
            corners = at(ei + ej) - at(ei - ej) - at(-ei + ej) + at(-ei - ej)
            H[i, j] = H[j, i] = corners / (4 * h[i] * h[j])
    return _result(H.reshape(shape + shape))
