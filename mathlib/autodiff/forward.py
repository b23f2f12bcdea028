"""Forward-mode automatic differentiation with dual numbers.

A dual number x + ẋ ε with ε² = 0 carries a value (the primal x) and a directional
derivative (the tangent ẋ). Evaluating f on x + v ε gives f(x) + (J_f(x) v) ε: one pass
yields one Jacobian-vector product. Each method below is the forward rule of the matching
``Tensor`` operation; the kinks use the same conventions (relu'(0) = abs'(0) = 0, ties of
``maximum`` split equally). See chapter 16.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import _stable
from .broadcast import broadcast_op

__all__ = ["Dual"]


def _real_array(data: object, what: str) -> np.ndarray:
    try:
        arr = np.asarray(data)
    except (TypeError, ValueError) as err:  # e.g. ragged nested lists
        raise TypeError(f"Dual: {what} must be an array of real numbers ({err})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"Dual: {what} must be real numbers, got {type(data).__name__}")
    return arr.astype(np.float64, copy=False)


def _axis(axis: object) -> object:
    return tuple(axis) if isinstance(axis, list) else axis


class Dual:
    """A dual number (or array of them): a primal value and a tangent of the same shape.

    Parameters
    ----------
    primal : array_like
        The value x.
    tangent : array_like, optional
        The direction v, of the same shape as ``primal`` (zeros by default: a constant).

    Examples
    --------
    >>> y = Dual(3.0, 1.0) ** 2          # d/dx x^2 at x = 3
    >>> float(y.primal), float(y.tangent)
    (9.0, 6.0)

    See chapter 16 (forward mode).
    """

    __slots__ = ("primal", "tangent")
    __array_ufunc__ = None  # NumPy defers to us: ndarray * Dual calls Dual.__rmul__

    def __init__(self, primal: ArrayLike, tangent: ArrayLike | None = None) -> None:
        p = _real_array(primal, "primal")
        t = np.zeros_like(p) if tangent is None else _real_array(tangent, "tangent")
        if t.shape != p.shape:
            raise ValueError(f"Dual: tangent shape {t.shape} differs from primal shape {p.shape}")
        self.primal, self.tangent = p, t

    @classmethod
    def _make(cls, primal: np.ndarray, tangent: np.ndarray) -> Dual:
        out = object.__new__(cls)
        out.primal = np.asarray(primal)
        t = np.asarray(tangent)  # a constant operand may have broadcast the primal
        out.tangent = t if t.shape == out.primal.shape else np.broadcast_to(t, out.primal.shape)
        return out

    @staticmethod
    def _operand(other: object) -> tuple[object, object] | tuple[None, None]:
        """Split an operand into (primal, tangent or None for a constant)."""
        if isinstance(other, Dual):
            return other.primal, other.tangent
        if isinstance(other, int | float | np.integer | np.floating):
            return other, None
        if isinstance(other, np.ndarray | list | tuple):
            arr = np.asarray(other)
            if arr.dtype.kind in "biuf":
                return arr, None
        return None, None  # NotImplemented: e.g. mixing a Dual with a Tensor

    def _chain(self, value: np.ndarray, derivative: np.ndarray) -> Dual:
        """Elementwise f: the tangent is f'(x) times the input tangent (chain rule)."""
        return Dual._make(value, derivative * self.tangent)

    # ----- arithmetic ------------------------------------------------------------------------

    def __add__(self, other: ArrayLike | Dual) -> Dual:
        """(a + b)' = a' + b'."""
        b, tb = self._operand(other)
        if b is None:
            return NotImplemented
        p = broadcast_op(np.add, self.primal, b, "add")
        return Dual._make(p, self.tangent if tb is None else self.tangent + tb)

    __radd__ = __add__

    def __sub__(self, other: ArrayLike | Dual) -> Dual:
        """(a - b)' = a' - b'."""
        b, tb = self._operand(other)
        if b is None:
            return NotImplemented
        p = broadcast_op(np.subtract, self.primal, b, "sub")
        return Dual._make(p, self.tangent if tb is None else self.tangent - tb)

    def __rsub__(self, other: ArrayLike) -> Dual:
        """(b - a)' = -a' for a constant b."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        return Dual._make(broadcast_op(np.subtract, b, self.primal, "sub"), -self.tangent)

    def __neg__(self) -> Dual:
        """(-a)' = -a'."""
        return Dual._make(-self.primal, -self.tangent)

    def __mul__(self, other: ArrayLike | Dual) -> Dual:
        """(ab)' = a'b + ab' (product rule)."""
        b, tb = self._operand(other)
        if b is None:
            return NotImplemented
        a, ta = self.primal, self.tangent
        p = broadcast_op(np.multiply, a, b, "mul")
        return Dual._make(p, ta * b if tb is None else ta * b + a * tb)

    __rmul__ = __mul__

    def __truediv__(self, other: ArrayLike | Dual) -> Dual:
        """(a/b)' = (a' - (a/b) b') / b (quotient rule)."""
        b, tb = self._operand(other)
        if b is None:
            return NotImplemented
        p = broadcast_op(np.divide, self.primal, b, "div")
        return Dual._make(p, self.tangent / b if tb is None else (self.tangent - p * tb) / b)

    def __rtruediv__(self, other: ArrayLike) -> Dual:
        """(b/a)' = -(b/a) a' / a for a constant b."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        p = broadcast_op(np.divide, b, self.primal, "div")
        return Dual._make(p, -p * self.tangent / self.primal)

    def __pow__(self, exponent: ArrayLike | Dual) -> Dual:
        """(a^e)' = e a^(e-1) a' + a^e log(a) e'."""
        e, te = self._operand(exponent)
        if e is None:
            return NotImplemented
        a, ta = self.primal, self.tangent
        p = broadcast_op(np.power, a, e, "pow")
        t = e * a ** (e - 1) * ta
        return Dual._make(p, t if te is None else t + p * np.log(a) * te)

    def __rpow__(self, base: ArrayLike) -> Dual:
        """(b^a)' = b^a log(b) a' for a constant b."""
        b, _ = self._operand(base)
        if b is None:
            return NotImplemented
        p = broadcast_op(np.power, b, self.primal, "pow")
        return Dual._make(p, p * np.log(b) * self.tangent)

    def __matmul__(self, other: ArrayLike | Dual) -> Dual:
        """(AB)' = A'B + AB'."""
        b, tb = self._operand(other)
        if b is None:
            return NotImplemented
        p = _matmul(self.primal, b)
        t = self.tangent @ b
        return Dual._make(p, t if tb is None else t + self.primal @ tb)

    def __rmatmul__(self, other: ArrayLike) -> Dual:
        """(BA)' = BA' for a constant B."""
        b, _ = self._operand(other)
        if b is None:
            return NotImplemented
        return Dual._make(_matmul(b, self.primal), b @ self.tangent)

    def maximum(self, other: ArrayLike | Dual) -> Dual:
        """max(a, b)' = a' where a > b, b' where b > a, (a' + b') / 2 at ties."""
        b, tb = self._operand(other)
        if b is None:
            raise TypeError(f"maximum: expected a Dual or an array, got {type(other).__name__}")
        a, ta = self.primal, self.tangent
        tb = 0.0 if tb is None else tb
        t = np.where(a > b, ta, np.where(a < b, tb, 0.5 * (ta + tb)))
        return Dual._make(broadcast_op(np.maximum, a, b, "maximum"), t)

    # ----- elementwise functions (tangent = f'(x) * tangent) -----------------------------------

    def exp(self) -> Dual:
        """Forward rule of ``Tensor.exp``: (e^x)' = e^x x'."""
        y = np.exp(self.primal)
        return self._chain(y, y)

    def log(self) -> Dual:
        """Forward rule of ``Tensor.log``: (log x)' = x' / x."""
        return self._chain(np.log(self.primal), 1.0 / self.primal)

    def sqrt(self) -> Dual:
        """Forward rule of ``Tensor.sqrt``: (sqrt x)' = x' / (2 sqrt x)."""
        y = np.sqrt(self.primal)
        return self._chain(y, 0.5 / y)

    def square(self) -> Dual:
        """Forward rule of ``Tensor.square``: (x^2)' = 2 x x'."""
        return self._chain(self.primal**2, 2.0 * self.primal)

    def abs(self) -> Dual:
        """Forward rule of ``Tensor.abs``: |x|' = sign(x) x' (0 at x = 0)."""
        return self._chain(np.abs(self.primal), np.sign(self.primal))

    def sin(self) -> Dual:
        """Forward rule of ``Tensor.sin``: (sin x)' = cos(x) x'."""
        return self._chain(np.sin(self.primal), np.cos(self.primal))

    def cos(self) -> Dual:
        """Forward rule of ``Tensor.cos``: (cos x)' = -sin(x) x'."""
        return self._chain(np.cos(self.primal), -np.sin(self.primal))

    def tanh(self) -> Dual:
        """Forward rule of ``Tensor.tanh``: (tanh x)' = (1 - tanh^2 x) x'."""
        y = np.tanh(self.primal)
        return self._chain(y, 1.0 - y * y)

    def sigmoid(self) -> Dual:
        """Forward rule of ``Tensor.sigmoid``: s' = s (1 - s) x'."""
        s = _stable.sigmoid(self.primal)
        return self._chain(s, s * (1.0 - s))

    def relu(self) -> Dual:
        """Forward rule of ``Tensor.relu``: relu'(x) = 1 if x > 0 else 0."""
        return self._chain(np.maximum(self.primal, 0.0), (self.primal > 0).astype(float))

    def leaky_relu(self, slope: float = 0.01) -> Dual:
        """Forward rule of ``Tensor.leaky_relu``: derivative 1 if x > 0 else ``slope``."""
        pos = self.primal > 0
        y = np.where(pos, self.primal, slope * self.primal)
        return self._chain(y, np.where(pos, 1.0, slope))

    def softplus(self) -> Dual:
        """Forward rule of ``Tensor.softplus``: softplus'(x) = sigmoid(x)."""
        return self._chain(_stable.softplus(self.primal), _stable.sigmoid(self.primal))

    # ----- linear maps: the tangent goes through the same map ---------------------------------

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.sum`` (linear: sum the tangent too)."""
        axis = _axis(axis)
        return Dual._make(
            self.primal.sum(axis=axis, keepdims=keepdims),
            self.tangent.sum(axis=axis, keepdims=keepdims),
        )

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.mean`` (linear: average the tangent too)."""
        axis = _axis(axis)
        return Dual._make(
            self.primal.mean(axis=axis, keepdims=keepdims),
            self.tangent.mean(axis=axis, keepdims=keepdims),
        )

    def reshape(self, *shape: int | tuple[int, ...]) -> Dual:
        """Forward rule of ``Tensor.reshape``."""
        return Dual._make(self.primal.reshape(*shape), self.tangent.reshape(*shape))

    def transpose(self, *axes: int | tuple[int, ...]) -> Dual:
        """Forward rule of ``Tensor.transpose``."""
        return Dual._make(self.primal.transpose(*axes), self.tangent.transpose(*axes))

    @property
    def T(self) -> Dual:
        """The transpose (axes reversed)."""
        return self.transpose()

    def __getitem__(self, index: object) -> Dual:
        """Index or slice primal and tangent alike."""
        return Dual._make(self.primal[index], self.tangent[index])

    # ----- log-sum-exp and the softmax family -------------------------------------------------

    def logsumexp(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.logsumexp``: the softmax-weighted sum of the tangent."""
        axis = _axis(axis)
        lse = _stable.logsumexp(self.primal, axis, keepdims=True)
        t = (np.exp(self.primal - lse) * self.tangent).sum(axis=axis, keepdims=keepdims)
        p = lse if keepdims else (lse.reshape(()) if axis is None else np.squeeze(lse, axis))
        return Dual._make(p, t)

    def log_softmax(self, axis: int = -1) -> Dual:
        """Forward rule of ``Tensor.log_softmax``: x' - sum(softmax * x')."""
        y = _stable.log_softmax(self.primal, axis)
        return Dual._make(y, self.tangent - (np.exp(y) * self.tangent).sum(axis, keepdims=True))

    def softmax(self, axis: int = -1) -> Dual:
        """Forward rule of ``Tensor.softmax``: s * (x' - sum(s * x'))."""
        s = _stable.softmax(self.primal, axis)
        return Dual._make(s, s * (self.tangent - (s * self.tangent).sum(axis, keepdims=True)))

    # ----- conveniences ------------------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of the primal."""
        return self.primal.shape

    @property
    def ndim(self) -> int:
        """Number of axes of the primal."""
        return self.primal.ndim

    def __len__(self) -> int:
        return len(self.primal)

    def __repr__(self) -> str:
        return f"Dual(primal={self.primal!r}, tangent={self.tangent!r})"


def _matmul(a: object, b: object) -> np.ndarray:
    """Primal matrix product, naming the operation and both shapes on a mismatch."""
    a, b = np.asarray(a), np.asarray(b)
    try:
        return a @ b
    except ValueError:
        raise ValueError(f"matmul: cannot multiply shapes {a.shape} and {b.shape}") from None
