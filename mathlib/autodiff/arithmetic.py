"""Arithmetic of tensors: + - * / ** @ and maximum, each with its local vector-Jacobian product.

Every operation follows the same pattern: compute the value, make a node, and attach one
VJP per input (``g`` is the gradient of the final output with respect to this node's value).
Broadcasting in the forward pass is undone by ``unbroadcast`` in the backward pass.
See chapter 16.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

import numpy as np
from numpy.typing import ArrayLike

from .broadcast import broadcast_op, unbroadcast

_VJP = Callable[[np.ndarray], np.ndarray]


def _link(out, a, vjp_a: _VJP, b, vjp_b: _VJP | None):
    """Attach the backward pass of a node with inputs ``a`` and ``b`` (either may be None)."""
    if out.requires_grad:

        def backward(g: np.ndarray) -> None:
            if a is not None and a.requires_grad:
                a._accumulate(vjp_a(g))
            if b is not None and b.requires_grad:
                b._accumulate(vjp_b(g))

        out._backward = backward
    return out


def _matmul(a, at, b, bt):
    """``a @ b`` where ``at``/``bt`` is the Tensor holding ``a``/``b``, or None if constant."""
    a, b = np.asarray(a), np.asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        raise ValueError(
            f"matmul: operands need at least one axis, got shapes {a.shape} and {b.shape} "
            "(use * to multiply by a scalar)"
        )
    try:
        data = a @ b
    except ValueError:
        raise ValueError(
            f"matmul: cannot multiply shapes {a.shape} and {b.shape} (the inner sizes "
            f"{a.shape[-1]} and {b.shape[-2 if b.ndim > 1 else 0]} must match)"
        ) from None
    # A vector is treated as a row (left) or a column (right) matrix, as NumPy does.
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b

    def as_matrix(g: np.ndarray) -> np.ndarray:  # g shaped like a2 @ b2
        if b.ndim == 1:
            g = np.expand_dims(g, -1)
        if a.ndim == 1:
            g = np.expand_dims(g, -2)
        return g

    def vjp_a(g: np.ndarray) -> np.ndarray:  # dL/dA = G B^T
        return unbroadcast(as_matrix(g) @ np.swapaxes(b2, -1, -2), a2.shape).reshape(a.shape)

    def vjp_b(g: np.ndarray) -> np.ndarray:  # dL/dB = A^T G
        return unbroadcast(np.swapaxes(a2, -1, -2) @ as_matrix(g), b2.shape).reshape(b.shape)

    out = (at if at is not None else bt)._result(data, "matmul", at, bt)
    return _link(out, at, vjp_a, bt, vjp_b)


class ArithmeticOps:
    """Mixin of the ``Tensor`` arithmetic operators (``+ - * / ** @``) and ``maximum``."""

    __slots__ = ()

    def __add__(self, other: ArrayLike | Self) -> Self:
        """Elementwise sum, broadcasting; d(a + b)/da = d(a + b)/db = 1."""
        b, bt = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        out = self._result(broadcast_op(np.add, a, b, "add"), "add", self, bt)
        return _link(
            out,
            self, lambda g: unbroadcast(g, a.shape),
            bt, lambda g: unbroadcast(g, np.shape(b)),
        )  # fmt: skip

    __radd__ = __add__

    def __sub__(self, other: ArrayLike | Self) -> Self:
        """Elementwise difference, broadcasting; d(a - b)/da = 1, d(a - b)/db = -1."""
        b, bt = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        out = self._result(broadcast_op(np.subtract, a, b, "sub"), "sub", self, bt)
        return _link(
            out,
            self, lambda g: unbroadcast(g, a.shape),
            bt, lambda g: unbroadcast(-g, np.shape(b)),
        )  # fmt: skip

    def __rsub__(self, other: ArrayLike) -> Self:
        """``other - self`` for a constant ``other``; d(b - a)/da = -1."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        out = self._result(broadcast_op(np.subtract, b, a, "sub"), "sub", self)
        return _link(out, self, lambda g: unbroadcast(-g, a.shape), None, None)

    def __neg__(self) -> Self:
        """Negation; d(-a)/da = -1."""
        return self._unary(-self.data, "neg", lambda g: -g)

    def __mul__(self, other: ArrayLike | Self) -> Self:
        """Elementwise product, broadcasting; d(ab)/da = b, d(ab)/db = a."""
        b, bt = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        out = self._result(broadcast_op(np.multiply, a, b, "mul"), "mul", self, bt)
        return _link(
            out,
            self, lambda g: unbroadcast(g * b, a.shape),
            bt, lambda g: unbroadcast(g * a, np.shape(b)),
        )  # fmt: skip

    __rmul__ = __mul__

    def __truediv__(self, other: ArrayLike | Self) -> Self:
        """Elementwise quotient, broadcasting; d(a/b)/da = 1/b, d(a/b)/db = -a/b^2."""
        b, bt = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        data = broadcast_op(np.divide, a, b, "div")
        out = self._result(data, "div", self, bt)
        return _link(
            out,
            self, lambda g: unbroadcast(g / b, a.shape),
            bt, lambda g: unbroadcast(-g * data / b, np.shape(b)),  # -a/b^2 = -(a/b)/b
        )  # fmt: skip

    def __rtruediv__(self, other: ArrayLike) -> Self:
        """``other / self`` for a constant ``other``; d(b/a)/da = -b/a^2."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        a = self.data
        data = broadcast_op(np.divide, b, a, "div")
        out = self._result(data, "div", self)
        return _link(out, self, lambda g: unbroadcast(-g * data / a, a.shape), None, None)

    def __pow__(self, exponent: ArrayLike | Self) -> Self:
        """Elementwise power; d(a^p)/da = p a^(p-1), d(a^p)/dp = a^p log(a)."""
        p, pt = self._operand(exponent)
        if p is None:
            return NotImplemented
        a = self.data
        data = broadcast_op(np.power, a, p, "pow")
        out = self._result(data, "pow", self, pt)
        return _link(
            out,
            self, lambda g: unbroadcast(g * p * a ** (p - 1), a.shape),
            pt, lambda g: unbroadcast(g * data * np.log(a), np.shape(p)),
        )  # fmt: skip

    def __rpow__(self, base: ArrayLike) -> Self:
        """``base ** self`` for a constant ``base``; d(b^a)/da = b^a log(b)."""
        b, _ = self._operand(base)
        if b is None:
            return NotImplemented
        a = self.data
        data = broadcast_op(np.power, b, a, "pow")
        out = self._result(data, "pow", self)
        return _link(out, self, lambda g: unbroadcast(g * data * np.log(b), a.shape), None, None)

    def __matmul__(self, other: ArrayLike | Self) -> Self:
        """Matrix product as in NumPy; dL/dA = G B^T, dL/dB = A^T G."""
        b, bt = self._operand(other)
        if b is None:
            return NotImplemented
        return _matmul(self.data, self, b, bt)

    def __rmatmul__(self, other: ArrayLike) -> Self:
        """``other @ self`` for a constant ``other``."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        return _matmul(b, None, self.data, self)

    def maximum(self, other: ArrayLike | Self) -> Self:
        """Elementwise maximum of two tensors (or a tensor and a constant), broadcasting.

        Where the inputs tie, the gradient is split equally between them: the subgradient
        of smallest norm, the same convention as ``relu`` and ``abs`` at 0.

        Parameters
        ----------
        other : Tensor or array_like
            The second input.

        Returns
        -------
        Tensor
            ``max(self, other)`` elementwise.

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
        >>> x.maximum(2.0).sum().backward()
        >>> x.grad.tolist()
        [0.0, 0.5, 1.0]

        See chapter 8 (subgradients) and chapter 16.
        """
        b, bt = self._operand(other)
        if b is None:
            raise TypeError(f"maximum: expected a Tensor or an array, got {type(other).__name__}")
        a = self.data
        out = self._result(broadcast_op(np.maximum, a, b, "maximum"), "maximum", self, bt)
        return _link(
            out,
            self, lambda g: unbroadcast(g * ((a > b) + 0.5 * (a == b)), a.shape),
            bt, lambda g: unbroadcast(g * ((b > a) + 0.5 * (a == b)), np.shape(b)),
        )  # fmt: skip
