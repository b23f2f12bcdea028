"""Functions that accept a ``Tensor``, a ``Dual`` or a plain NumPy array (or float).

A function written with these, e.g. ``lambda x: ops.tanh(x) * ops.exp(x)``, can be
evaluated on numbers, differentiated in reverse mode (``Tensor``) and in forward mode
(``Dual``): the same code for all three, which is how the book compares the modes with
finite differences. The elementwise functions are the rows of
:data:`mathlib.elementary.UNARY`; ``concatenate`` and ``stack`` (from ``join``) are
re-exported here, and so are the layer operations ``conv2d`` and ``batch_norm`` (reverse
mode and arrays only), whose VJPs :doc:`/chapters/17-training` derives.
See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array
from mathlib.elementary import UNARY

from . import _stable
from .conv import conv2d
from .forward import Dual
from .join import concatenate, stack
from .normalization import batch_norm
from .reductions import Axis
from .tensor import Tensor

__all__ = [
    "abs", "concatenate", "cos", "exp", "leaky_relu", "log", "log_softmax", "logsumexp",
    "maximum", "mean", "relu", "sigmoid", "sin", "softmax", "softplus", "sqrt",
    "square", "stack", "sum", "tanh",
    "batch_norm", "conv2d",  # layer operations with hand-derived VJPs
]

Value = Tensor | Dual | ArrayLike


def _array(x: ArrayLike) -> np.ndarray:
    return real_array(x, "x", finite=False, copy=False)


def _elementwise(name: str) -> Callable:
    """The function ``name`` of the table, for a Tensor, a Dual or an array."""
    row = UNARY[name]

    def f(x: Value, *params: float, **named: float) -> Value:
        if isinstance(x, Tensor | Dual):
            return x._elementwise(row, *params, **named)
        return row.value(_array(x), *params, **named)

    f.__name__ = f.__qualname__ = name
    f.__doc__ = (
        f"Elementwise {name} of a Tensor, a Dual or an array: the row ``{name}`` of "
        f"``mathlib.elementary.UNARY``.\n\n>>> float({name}(0.5)) == float(Tensor(0.5)."
        f"{name}().data)\nTrue\n\nSee :doc:`/chapters/16-autodiff`."
    )
    return f


exp = _elementwise("exp")
log = _elementwise("log")
sqrt = _elementwise("sqrt")
square = _elementwise("square")
sin = _elementwise("sin")
cos = _elementwise("cos")
tanh = _elementwise("tanh")
sigmoid = _elementwise("sigmoid")
softplus = _elementwise("softplus")
abs = _elementwise("abs")  # shadows the builtin only inside this module
relu = _elementwise("relu")
leaky_relu = _elementwise("leaky_relu")


def sum(x: Value, axis: Axis = None, keepdims: bool = False) -> Value:
    """Sum over ``axis``; see ``Tensor.sum`` (:doc:`/chapters/16-autodiff`).

    >>> float(sum([1.0, 2.0]))
    3.0
    """
    if isinstance(x, Tensor | Dual):
        return x.sum(axis=axis, keepdims=keepdims)
    return np.sum(_array(x), axis=axis, keepdims=keepdims)


def mean(x: Value, axis: Axis = None, keepdims: bool = False) -> Value:
    """Mean over ``axis``; see ``Tensor.mean`` (:doc:`/chapters/16-autodiff`).

    >>> float(mean([1.0, 2.0]))
    1.5
    """
    if isinstance(x, Tensor | Dual):
        return x.mean(axis=axis, keepdims=keepdims)
    return np.mean(_array(x), axis=axis, keepdims=keepdims)


def logsumexp(x: Value, axis: Axis = None, keepdims: bool = False) -> Value:
    """log(sum(exp(x))) over ``axis``, stable; see ``Tensor.logsumexp``.

    >>> round(float(logsumexp([1000.0, 1000.0])) - 1000.0, 4)
    0.6931

    See :doc:`/chapters/14-information`.
    """
    if isinstance(x, Tensor | Dual):
        return x.logsumexp(axis=axis, keepdims=keepdims)
    return _stable.logsumexp(_array(x), axis, keepdims)


def log_softmax(x: Value, axis: int = -1) -> Value:
    """x - logsumexp(x) along ``axis``; see ``Tensor.log_softmax``.

    >>> log_softmax([0.0, 0.0]).round(4).tolist()
    [-0.6931, -0.6931]

    See :doc:`/chapters/14-information`.
    """
    if isinstance(x, Tensor | Dual):
        return x.log_softmax(axis)
    return _stable.log_softmax(_array(x), axis)


def softmax(x: Value, axis: int = -1) -> Value:
    """exp(x) / sum(exp(x)) along ``axis``, stable; see ``Tensor.softmax``.

    >>> softmax([0.0, 0.0]).tolist()
    [0.5, 0.5]

    See :doc:`/chapters/14-information`.
    """
    if isinstance(x, Tensor | Dual):
        return x.softmax(axis)
    return _stable.softmax(_array(x), axis)


def maximum(a: Value, b: Value) -> Value:
    """Elementwise maximum; ties split the gradient equally (see ``Tensor.maximum``).

    >>> maximum([1.0, 3.0], 2.0).tolist()
    [2.0, 3.0]

    See :doc:`/chapters/08-gradients` (subgradients).
    """
    if isinstance(a, Tensor | Dual):
        return a.maximum(b)
    if isinstance(b, Tensor | Dual):
        return b.maximum(a)  # max is symmetric
    return np.maximum(_array(a), _array(b))
