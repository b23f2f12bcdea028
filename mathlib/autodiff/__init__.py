"""Automatic differentiation on NumPy arrays, in reverse and forward mode.

- ``Tensor``: reverse mode. Build an expression, call ``backward()``, read ``.grad``.
- ``Dual``: forward mode with dual numbers; ``jvp`` gives Jacobian-vector products.
- ``grad``, ``value_and_grad``, ``jacobian``, ``vjp``: derivatives as functions, NumPy
  in and out.
- ``ops``: functions (``tanh``, ``softmax``, ``concatenate``, ...) that accept a Tensor,
  a Dual or a plain array, so one Python function serves both modes and plain
  evaluation. All are available here too; ``ops.sum`` and ``ops.abs`` are left out of
  ``__all__`` so that ``from mathlib.autodiff import *`` does not hide Python's ``sum``
  and ``abs``.
- ``conv2d`` and ``batch_norm`` (in ``ops`` too): layer operations with VJPs derived by
  hand (``conv``, ``normalization``; :doc:`/chapters/17-training`), reverse mode only.

Both modes read the derivatives of the elementary functions from one table,
:mod:`mathlib.elementary`. Leaf gradients accumulate across ``backward()`` calls; see
``mathlib.autodiff.tensor``. See :doc:`/chapters/16-autodiff`.
"""

from . import ops
from .broadcast import unbroadcast
from .forward import Dual
from .functional import grad, jacobian, jvp, value_and_grad, vjp
from .ops import *  # noqa: F403 - the dispatchers, listed in ops.__all__
from .tensor import Tensor

__all__ = [
    "Dual", "Tensor", "grad", "jacobian", "jvp", "ops", "unbroadcast", "value_and_grad",
    "vjp", *(name for name in ops.__all__ if name not in ("abs", "sum")),
]
