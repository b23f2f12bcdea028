"""Automatic differentiation on NumPy arrays, in reverse and forward mode.

- ``Tensor``: reverse mode. Build an expression, call ``backward()``, read ``.grad``.
- ``Dual``: forward mode with dual numbers; ``jvp`` gives Jacobian-vector products.
- ``grad``, ``value_and_grad``, ``jacobian``, ``vjp``: derivatives as functions, NumPy in and
  out.
- ``ops``: functions (``tanh``, ``softmax``, ``concatenate``, ...) that accept a Tensor, a Dual
  or a plain array, so one Python function serves both modes and plain evaluation. Most are
  also available here; ``ops.sum`` and ``ops.abs`` are left out of ``__all__`` so that
  ``from mathlib.autodiff import *`` does not hide Python's ``sum`` and ``abs``.

Leaf gradients accumulate across ``backward()`` calls; see ``mathlib.autodiff.tensor``.
See chapter 16.
"""

from . import ops
from .broadcast import unbroadcast
from .forward import Dual
from .functional import grad, jacobian, jvp, value_and_grad, vjp
from .ops import abs as abs
from .ops import (
    concatenate,
    cos,
    exp,
    leaky_relu,
    log,
    log_softmax,
    logsumexp,
    maximum,
    mean,
    relu,
    sigmoid,
    sin,
    softmax,
    softplus,
    sqrt,
    square,
    stack,
    tanh,
)
from .ops import sum as sum
from .tensor import Tensor

__all__ = [
    "Dual",
    "Tensor",
    "concatenate",
    "cos",
    "exp",
    "grad",
    "jacobian",
    "jvp",
    "leaky_relu",
    "log",
    "log_softmax",
    "logsumexp",
    "maximum",
    "mean",
    "ops",
    "relu",
    "sigmoid",
    "sin",
    "softmax",
    "softplus",
    "sqrt",
    "square",
    "stack",
    "tanh",
    "unbroadcast",
    "value_and_grad",
    "vjp",
]
