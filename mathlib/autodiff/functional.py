"""Derivatives as functions: grad, value_and_grad, jacobian, jvp and vjp.

These wrap the two engines so that a reader can differentiate a Python function of a
float or an array and get NumPy values back. Reverse mode (``Tensor``) costs one
backward pass per output; forward mode (``Dual``) costs one forward pass per input:
``jacobian(f, mode=...)`` lets :doc:`/chapters/16-autodiff` time both. Extra positional
arguments are passed to ``f`` unchanged (they are constants, e.g. data).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array

from .forward import Dual
from .tensor import Tensor

__all__ = ["grad", "jacobian", "jvp", "value_and_grad", "vjp"]

_MODES = ("reverse", "forward")


def _check(f: object, mode: str, name: str) -> None:
    function(f, f"{name}: f")
    if mode not in _MODES:
        raise ValueError(f"{name}: unknown mode {mode!r}; use 'reverse' or 'forward'")


def _point(x: object, name: str) -> np.ndarray:
    """The point as a new float64 array (a float becomes shape ()); f may change it."""
    if isinstance(x, Tensor | Dual):
        raise TypeError(f"{name}: x must be a float or a NumPy array, not a {type(x).__name__}")
    return real_array(x, f"{name}: x")


def _numpy(a: np.ndarray) -> float | np.ndarray:
    """Return shape-() results as Python floats and everything else as arrays."""
    a = np.asarray(a)
    return float(a) if a.ndim == 0 else a


def _value(y: object, name: str) -> np.ndarray:
    """The numeric value of f's result, whatever engine produced it."""
    if isinstance(y, Tensor):
        return y.data
    if isinstance(y, Dual):
        return y.primal
    if isinstance(y, int | float | np.integer | np.floating | np.ndarray):
        return np.asarray(y, dtype=np.float64)  # f does not depend on x
    raise TypeError(f"{name}: f returned {type(y).__name__}, expected a number or an array")


def _reverse_jacobian(f: Callable, x: np.ndarray, args: tuple) -> tuple[np.ndarray, np.ndarray]:
    """One forward pass, then one backward pass per output element (rows of J)."""
    xt = Tensor(x, requires_grad=True)
    y = f(xt, *args)
    value = _value(y, "jacobian")
    jac = np.zeros(value.shape + x.shape)
    if not (isinstance(y, Tensor) and y.requires_grad):
        return value, jac  # f ignores x
    for i in np.ndindex(value.shape):
        seed = np.zeros(value.shape)
        seed[i] = 1.0  # u = e_i: the VJP e_i^T J is row i
        xt.grad = None
        y.backward(seed)
        if xt.grad is not None:  # None if y depends only on other tensors f created
            jac[i] = xt.grad
    return value, jac


def _forward_jacobian(f: Callable, x: np.ndarray, args: tuple) -> tuple[np.ndarray, np.ndarray]:
    """One forward pass with dual numbers per input element (columns of J)."""
    value, jac = None, None
    for j in np.ndindex(x.shape):
        v = np.zeros(x.shape)
        v[j] = 1.0  # v = e_j: the JVP J e_j is column j
        y = f(Dual(x, v), *args)
        if value is None:
            value = _value(y, "jacobian")
            jac = np.zeros(value.shape + x.shape)
        if isinstance(y, Dual):
            jac[(Ellipsis, *j)] = y.tangent
    return value, jac


def jacobian(f: Callable, mode: str = "reverse") -> Callable:
    """Return a function computing the Jacobian of ``f`` (numerator layout).

    Parameters
    ----------
    f : callable
        ``f(x, *args)``, written with Tensor/Dual operations (or
        ``mathlib.autodiff.ops``).
    mode : {"reverse", "forward"}, default "reverse"
        Reverse mode makes one backward pass per output element; forward mode makes one
        dual-number pass per input element.

    Returns
    -------
    callable
        ``jac(x, *args)`` with ``jac[i..., j...] = d f(x)[i...] / d x[j...]``: shape
        ``f(x).shape + x.shape``, a float if both are scalars.

    Examples
    --------
    >>> A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> jacobian(lambda x: A @ x)(np.zeros(2)).tolist()
    [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    >>> jacobian(lambda x: x * x, mode="forward")(3.0)
    6.0

    See :doc:`/chapters/09-matrix-calculus` (layout) and :doc:`/chapters/16-autodiff`
    (the cost of each mode).
    """
    _check(f, mode, "jacobian")
    engine = _reverse_jacobian if mode == "reverse" else _forward_jacobian

    def jac(x: ArrayLike, *args: object) -> float | np.ndarray:
        return _numpy(engine(f, _point(x, "jacobian"), args)[1])

    return jac


def value_and_grad(f: Callable, mode: str = "reverse") -> Callable:
    """Return a function computing ``f(x)`` and its gradient together.

    Parameters
    ----------
    f : callable
        ``f(x, *args)`` returning a single number (a scalar loss).
    mode : {"reverse", "forward"}, default "reverse"
        Reverse mode needs one backward pass; forward mode one pass per element of x.

    Returns
    -------
    callable
        ``vg(x, *args) -> (value, gradient)``: a float and an array of x's shape (a
        float if x is a float).

    Examples
    --------
    >>> value, g = value_and_grad(lambda x: (x * x).sum())(np.array([1.0, 2.0]))
    >>> value, g.tolist()
    (5.0, [2.0, 4.0])

    See :doc:`/chapters/16-autodiff`.
    """
    _check(f, mode, "value_and_grad")
    engine = _reverse_jacobian if mode == "reverse" else _forward_jacobian

    def vg(x: ArrayLike, *args: object) -> tuple[float, float | np.ndarray]:
        value, jac = engine(f, _point(x, "value_and_grad"), args)
        if value.size != 1:
            raise ValueError(
                f"value_and_grad: f must return a single number, got shape {value.shape}; "
                "use jacobian or vjp for vector outputs"
            )
        return float(value.reshape(())), _numpy(jac.reshape(jac.shape[value.ndim :]))

    return vg


def grad(f: Callable, mode: str = "reverse") -> Callable:
    """Return a function computing the gradient of a scalar function ``f``.

    Parameters
    ----------
    f : callable
        ``f(x, *args)`` returning a single number.
    mode : {"reverse", "forward"}, default "reverse"
        Which engine differentiates (the results agree).

    Returns
    -------
    callable
        ``g(x, *args)``: the gradient, an array of x's shape (a float if x is a float).

    Examples
    --------
    >>> grad(lambda x: x.tanh())(0.0)
    1.0
    >>> grad(lambda x: (x ** 3).sum())(np.array([1.0, 2.0])).tolist()
    [3.0, 12.0]

    See :doc:`/chapters/16-autodiff`.
    """
    vg = value_and_grad(f, mode)

    def g(x: ArrayLike, *args: object) -> float | np.ndarray:
        return vg(x, *args)[1]

    return g


def jvp(f: Callable, x: ArrayLike, v: ArrayLike) -> tuple[float | np.ndarray, float | np.ndarray]:
    """Jacobian-vector product J_f(x) v, by one forward pass with dual numbers.

    Parameters
    ----------
    f : callable
        A function of one array, written with Tensor/Dual operations.
    x : float or array_like
        The point.
    v : float or array_like
        The direction, of x's shape.

    Returns
    -------
    value : float or numpy.ndarray
        f(x).
    tangent : float or numpy.ndarray
        J_f(x) v, of f(x)'s shape.

    Examples
    --------
    >>> jvp(lambda x: x.sin(), 0.0, 2.0)
    (0.0, 2.0)

    See :doc:`/chapters/16-autodiff` (forward mode).
    """
    _check(f, "forward", "jvp")
    x = _point(x, "jvp")
    v = real_array(v, "jvp: v")
    if v.shape != x.shape:
        raise ValueError(f"jvp: v must have the shape of x, {x.shape}, got {v.shape}")
    y = f(Dual(x, v))
    value = _value(y, "jvp")
    tangent = y.tangent if isinstance(y, Dual) else np.zeros(value.shape)
    return _numpy(value), _numpy(tangent)


def vjp(f: Callable, x: ArrayLike, u: ArrayLike) -> tuple[float | np.ndarray, float | np.ndarray]:
    """Vector-Jacobian product u^T J_f(x), by one forward and one backward pass.

    Parameters
    ----------
    f : callable
        A function of one array, written with Tensor operations.
    x : float or array_like
        The point.
    u : float or array_like
        The covector, of f(x)'s shape.

    Returns
    -------
    value : float or numpy.ndarray
        f(x).
    cotangent : float or numpy.ndarray
        u^T J_f(x), of x's shape.

    Examples
    --------
    >>> value, g = vjp(lambda x: 2.0 * x, np.array([1.0, 2.0]), np.array([1.0, 10.0]))
    >>> g.tolist()
    [2.0, 20.0]

    See :doc:`/chapters/16-autodiff` (reverse mode).
    """
    _check(f, "reverse", "vjp")
    x = _point(x, "vjp")
    xt = Tensor(x, requires_grad=True)
    y = f(xt)
    value = _value(y, "vjp")
    u = real_array(u, "vjp: u")
    if u.shape != value.shape:
        raise ValueError(
            f"vjp: u must have the shape of f(x), {value.shape}, got {u.shape}"
        )
    if isinstance(y, Tensor) and y.requires_grad:
        y.backward(u)
        if xt.grad is not None:
            return _numpy(value), _numpy(xt.grad)
    return _numpy(value), _numpy(np.zeros(x.shape))
