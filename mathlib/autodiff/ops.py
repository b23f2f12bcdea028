"""Functions that accept a ``Tensor``, a ``Dual`` or a plain NumPy array (or float).

A function written with these, e.g. ``lambda x: ops.tanh(x) * ops.exp(x)``, can be evaluated
on numbers, differentiated in reverse mode (``Tensor``) and in forward mode (``Dual``): the
same code for all three, which is how the book compares the modes with finite differences.
``concatenate`` and ``stack`` (from ``join``) are re-exported here.
See chapter 16.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import _stable
from .forward import Dual
from .join import concatenate, stack
from .tensor import Tensor

__all__ = [
    "abs",
    "concatenate",
    "cos",
    "exp",
    "leaky_relu",
    "log",
    "log_softmax",
    "logsumexp",
    "maximum",
    "mean",
    "relu",
    "sigmoid",
    "sin",
    "softmax",
    "softplus",
    "sqrt",
    "square",
    "stack",
    "sum",
    "tanh",
]

Value = Tensor | Dual | ArrayLike
_AD = (Tensor, Dual)


def exp(x: Value) -> Value:
    """Elementwise e^x of a Tensor, Dual or array; see ``Tensor.exp`` (chapter 4).

    >>> float(exp(0.0))
    1.0
    """
    return x.exp() if isinstance(x, _AD) else np.exp(x)


def log(x: Value) -> Value:
    """Elementwise natural logarithm; see ``Tensor.log`` (chapter 4).

    >>> float(log(1.0))
    0.0
    """
    return x.log() if isinstance(x, _AD) else np.log(x)


def sqrt(x: Value) -> Value:
    """Elementwise square root; see ``Tensor.sqrt`` (chapter 4).

    >>> float(sqrt(4.0))
    2.0
    """
    return x.sqrt() if isinstance(x, _AD) else np.sqrt(x)


def square(x: Value) -> Value:
    """Elementwise x^2; see ``Tensor.square`` (chapter 4).

    >>> float(square(3.0))
    9.0
    """
    return x.square() if isinstance(x, _AD) else np.square(x)


def abs(x: Value) -> Value:
    """Elementwise |x|, derivative 0 at 0; see ``Tensor.abs`` (chapter 8).

    >>> float(abs(-2.0))
    2.0
    """
    return x.abs() if isinstance(x, _AD) else np.abs(x)


def sin(x: Value) -> Value:
    """Elementwise sine; see ``Tensor.sin`` (chapter 4).

    >>> float(sin(0.0))
    0.0
    """
    return x.sin() if isinstance(x, _AD) else np.sin(x)


def cos(x: Value) -> Value:
    """Elementwise cosine; see ``Tensor.cos`` (chapter 4).

    >>> float(cos(0.0))
    1.0
    """
    return x.cos() if isinstance(x, _AD) else np.cos(x)


def tanh(x: Value) -> Value:
    """Elementwise hyperbolic tangent; see ``Tensor.tanh`` (chapter 4).

    >>> float(tanh(0.0))
    0.0
    """
    return x.tanh() if isinstance(x, _AD) else np.tanh(x)


def sigmoid(x: Value) -> Value:
    """Elementwise logistic function, stable for large |x|; see ``Tensor.sigmoid`` (chapter 4).

    >>> float(sigmoid(0.0))
    0.5
    """
    return x.sigmoid() if isinstance(x, _AD) else _stable.sigmoid(np.asarray(x, dtype=float))


def relu(x: Value) -> Value:
    """Elementwise max(x, 0), derivative 0 at 0; see ``Tensor.relu`` (chapter 4).

    >>> float(relu(-1.0))
    0.0
    """
    return x.relu() if isinstance(x, _AD) else np.maximum(x, 0.0)


def leaky_relu(x: Value, slope: float = 0.01) -> Value:
    """Elementwise x if x > 0 else slope * x; see ``Tensor.leaky_relu`` (chapter 4).

    >>> float(leaky_relu(-1.0, 0.1))
    -0.1
    """
    if isinstance(x, _AD):
        return x.leaky_relu(slope)
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, slope * x)


def softplus(x: Value) -> Value:
    """Elementwise log(1 + e^x), stable; see ``Tensor.softplus`` (chapter 4).

    >>> round(float(softplus(0.0)), 4)
    0.6931
    """
    return x.softplus() if isinstance(x, _AD) else _stable.softplus(x)


def sum(x: Value, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Value:
    """Sum over ``axis``; see ``Tensor.sum`` (chapter 16).

    >>> float(sum([1.0, 2.0]))
    3.0
    """
    if isinstance(x, _AD):
        return x.sum(axis=axis, keepdims=keepdims)
    return np.sum(x, axis=axis, keepdims=keepdims)


def mean(x: Value, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Value:
    """Mean over ``axis``; see ``Tensor.mean`` (chapter 16).

    >>> float(mean([1.0, 2.0]))
    1.5
    """
    if isinstance(x, _AD):
        return x.mean(axis=axis, keepdims=keepdims)
    return np.mean(x, axis=axis, keepdims=keepdims)


def logsumexp(x: Value, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Value:
    """log(sum(exp(x))) over ``axis``, stable; see ``Tensor.logsumexp`` (chapter 14).

    >>> round(float(logsumexp([1000.0, 1000.0])) - 1000.0, 4)
    0.6931
    """
    if isinstance(x, _AD):
        return x.logsumexp(axis=axis, keepdims=keepdims)
    return _stable.logsumexp(np.asarray(x, dtype=float), axis, keepdims)


def log_softmax(x: Value, axis: int = -1) -> Value:
    """x - logsumexp(x) along ``axis``; see ``Tensor.log_softmax`` (chapter 14).

    >>> log_softmax([0.0, 0.0]).round(4).tolist()
    [-0.6931, -0.6931]
    """
    if isinstance(x, _AD):
        return x.log_softmax(axis)
    return _stable.log_softmax(np.asarray(x, dtype=float), axis)


def softmax(x: Value, axis: int = -1) -> Value:
    """exp(x) / sum(exp(x)) along ``axis``, stable; see ``Tensor.softmax`` (chapter 14).

    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]
    """
    if isinstance(x, _AD):
        return x.softmax(axis)
    return _stable.softmax(np.asarray(x, dtype=float), axis)


def maximum(a: Value, b: Value) -> Value:
    """Elementwise maximum; ties split the gradient equally (see ``Tensor.maximum``).

    >>> maximum([1.0, 3.0], 2.0).tolist()
    [2.0, 3.0]
    """
    if isinstance(a, _AD):
        return a.maximum(b)
    if isinstance(b, _AD):
        return b.maximum(a)  # max is symmetric
    return np.maximum(a, b)
