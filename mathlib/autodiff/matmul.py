"""The matrix product ``a @ b``: its value and its vector-Jacobian products.

For ``C = A @ B`` and the gradient ``G`` of the final output with respect to ``C``, the
gradients with respect to the inputs are ``G B^T`` and ``A^T G``. A 1-D operand is a row
(on the left) or a column (on the right), as in NumPy, and stacked matrices broadcast;
``unbroadcast`` sums the gradient over the broadcast axes. (The elementwise operators
``+ - * / **`` are rows of :mod:`mathlib.elementary`.)
See :doc:`/chapters/09-matrix-calculus` and :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .broadcast import unbroadcast


def matmul_values(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b``, naming the operation and both shapes if they do not fit."""
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError(
            f"matmul: operands need at least one axis, got shapes {a.shape} and "
            f"{b.shape} (use * to multiply by a scalar)"
        )
    try:
        return a @ b
    except ValueError:
        inner = b.shape[-2 if b.ndim > 1 else 0]
        raise ValueError(
            f"matmul: cannot multiply shapes {a.shape} and {b.shape} (the inner sizes "
            f"{a.shape[-1]} and {inner} must match)"
        ) from None


def matmul_vjps(a: np.ndarray, b: np.ndarray) -> tuple[Callable, Callable]:
    """The VJPs of ``a @ b`` with respect to ``a`` and ``b``."""
    if a.ndim == 2 and b.ndim == 2:  # the common case: plain matrices
        return (lambda g: g @ b.T), (lambda g: a.T @ g)
    a2 = a[None, :] if a.ndim == 1 else a  # a row vector
    b2 = b[:, None] if b.ndim == 1 else b  # a column vector

    def as_matrix(g: np.ndarray) -> np.ndarray:  # g shaped like a2 @ b2
        if b.ndim == 1:
            g = np.expand_dims(g, -1)
        if a.ndim == 1:
            g = np.expand_dims(g, -2)
        return g

    def vjp_a(g: np.ndarray) -> np.ndarray:  # dL/dA = G B^T
        g_a = as_matrix(g) @ np.swapaxes(b2, -1, -2)
        return unbroadcast(g_a, a2.shape).reshape(a.shape)

    def vjp_b(g: np.ndarray) -> np.ndarray:  # dL/dB = A^T G
        g_b = np.swapaxes(a2, -1, -2) @ as_matrix(g)
        return unbroadcast(g_b, b2.shape).reshape(b.shape)

    return vjp_a, vjp_b
