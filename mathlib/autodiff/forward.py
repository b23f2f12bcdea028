"""Forward-mode automatic differentiation with dual numbers.

A dual number x + ẋ ε with ε² = 0 carries a value (the primal x) and a directional
derivative (the tangent ẋ). Evaluating f on x + v ε gives f(x) + (J_f(x) v) ε: one pass
yields one Jacobian-vector product. The elementwise functions and ``+ - * / **`` read
their derivatives from :mod:`mathlib.elementary`, the same rows as reverse mode, so the
kinks follow the same conventions; the other methods are the forward rules of the
matching ``Tensor`` operations. See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array
from mathlib.elementary import Binary, Unary

from . import _stable
from .broadcast import broadcast_op
from .matmul import matmul_values
from .operators import Operators, times
from .reductions import Axis, normalize_axis

__all__ = ["Dual"]


class Dual(Operators):
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

    See :doc:`/chapters/16-autodiff` (forward mode).
    """

    __slots__ = ("primal", "tangent")
    __array_ufunc__ = None  # NumPy defers to us: ndarray * Dual calls Dual.__rmul__

    def __init__(self, primal: ArrayLike, tangent: ArrayLike | None = None) -> None:
        p = real_array(primal, "Dual: primal", finite=False, copy=False)
        if tangent is None:
            t = np.zeros_like(p)
        else:
            t = real_array(tangent, "Dual: tangent", finite=False, copy=False)
        if t.shape != p.shape:
            raise ValueError(f"Dual: tangent must have the shape of primal, {p.shape}, "
                             f"got {t.shape}")
        self.primal, self.tangent = p, t

    @classmethod
    def _make(cls, primal: np.ndarray, tangent: np.ndarray) -> Dual:
        out = object.__new__(cls)
        out.primal = np.asarray(primal)
        t = np.asarray(tangent)  # a constant operand may have broadcast the primal
        out.tangent = t if t.shape == out.primal.shape else np.broadcast_to(t, out.primal.shape)
        return out

    def _parts(self) -> tuple[np.ndarray, np.ndarray]:
        """The value and the tangent (see ``Operators``)."""
        return self.primal, self.tangent

    def _elementwise(self, row: Unary, *params: float, **named: float) -> Dual:
        """y = f(x) for a row of the table; the tangent is f'(x) ẋ (the chain rule)."""
        x = self.primal
        y = row.value(x, *params, **named)
        return Dual._make(y, row.derivative(x, y, *params, **named) * self.tangent)

    def _arithmetic(
        self, row: Binary, a: object, ta: object, b: object, tb: object
    ) -> Dual:
        """y = f(a, b) for a row of the table; the tangent is ∂y/∂a ȧ + ∂y/∂b ḃ."""
        y = broadcast_op(row.value, a, b, row.name)
        t = 0.0
        if ta is not None:
            t = t + times(ta, row.d_a(a, b, y))
        if tb is not None:
            t = t + times(tb, row.d_b(a, b, y))
        return Dual._make(y, t)

    def __neg__(self) -> Dual:
        """(-a)' = -a'."""
        return Dual._make(-self.primal, -self.tangent)

    def _matmul(self, a: object, ta: object, b: object, tb: object) -> Dual:
        """(AB)' = A'B + AB' (the product rule); a constant factor has no tangent."""
        a, b = np.asarray(a), np.asarray(b)
        p = matmul_values(a, b)
        t = (ta @ b if ta is not None else 0.0) + (a @ tb if tb is not None else 0.0)
        return Dual._make(p, t)

    # ----- linear maps: the tangent goes through the same map ---------------------------------

    def sum(self, axis: Axis = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.sum`` (linear: sum the tangent too)."""
        axis = normalize_axis(axis)
        return Dual._make(
            self.primal.sum(axis=axis, keepdims=keepdims),
            self.tangent.sum(axis=axis, keepdims=keepdims),
        )

    def mean(self, axis: Axis = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.mean`` (linear: average the tangent too)."""
        axis = normalize_axis(axis)
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

    def logsumexp(self, axis: Axis = None, keepdims: bool = False) -> Dual:
        """Forward rule of ``Tensor.logsumexp``: the softmax-weighted sum of the tangent."""
        axis = normalize_axis(axis)
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
