"""Reductions of a tensor along axes (sum, mean, log-sum-exp) and the softmax family.

A reduction copies nothing forward but collapses axes; its VJP does the reverse: it puts
the reduced axes back and broadcasts ``g`` along them. The log-sum-exp, log-softmax and
softmax are computed stably (shifted by the maximum).
See :doc:`/chapters/14-information` and :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

import numpy as np

from . import _stable

Axis = int | tuple[int, ...] | None


def normalize_axis(axis: object) -> Axis:
    """Accept an int, a tuple or list of ints, or None."""
    return tuple(axis) if isinstance(axis, list) else axis


def _reduce(fn: Callable, a: np.ndarray, axis: Axis, op: str, **kwargs) -> np.ndarray:
    """Call a NumPy reduction, naming the operation if the axis is invalid."""
    try:
        return fn(a, axis=axis, **kwargs)
    except (ValueError, TypeError) as err:  # numpy's AxisError is a ValueError
        raise ValueError(f"{op}: {err} (input shape {a.shape}, axis {axis!r})") from None


def _restore(g: np.ndarray, axis: Axis, keepdims: bool, shape: tuple[int, ...]) -> np.ndarray:
    """Put back the axes a reduction removed (as length 1), then broadcast g to ``shape``."""
    if axis is not None and not keepdims:
        axes = {ax % len(shape) for ax in (axis if isinstance(axis, tuple) else (axis,))}
        g = np.reshape(g, [1 if i in axes else n for i, n in enumerate(shape)])
    return np.broadcast_to(g, shape)


class ReductionOps:
    """Mixin of the ``Tensor`` reductions: sum, mean, logsumexp, log_softmax, softmax.

    ``sum``, ``mean`` and ``logsumexp`` take ``axis`` (an int, a tuple of ints, or None
    for all axes) and ``keepdims`` (keep the reduced axes with length 1), as in NumPy;
    ``log_softmax`` and ``softmax`` take the ``axis`` that holds the classes.
    """

    __slots__ = ()

    def sum(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Sum over ``axis``; each element has derivative 1: the VJP broadcasts g back.

        >>> from mathlib.autodiff import Tensor
        >>> Tensor([[1.0, 2.0], [3.0, 4.0]]).sum(axis=0).data.tolist()
        [4.0, 6.0]

        See :doc:`/chapters/16-autodiff`.
        """
        a, axis = self.data, normalize_axis(axis)
        data = _reduce(np.sum, a, axis, "sum", keepdims=keepdims)
        return self._node(
            data, "sum", (self, lambda g: _restore(g, axis, keepdims, a.shape))
        )

    def mean(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Mean over ``axis``; each of the n averaged elements has derivative 1/n.

        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1.0, 2.0, 3.0, 6.0], requires_grad=True)
        >>> x.mean().backward(); x.grad.tolist()
        [0.25, 0.25, 0.25, 0.25]

        See :doc:`/chapters/16-autodiff`.
        """
        a, axis = self.data, normalize_axis(axis)
        data = _reduce(np.mean, a, axis, "mean", keepdims=keepdims)
        n = a.size // max(np.size(data), 1)  # how many elements each mean averages
        return self._node(
            data, "mean", (self, lambda g: _restore(g / n, axis, keepdims, a.shape))
        )

    def logsumexp(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """log(sum(exp(x))) over ``axis``, without overflow; its gradient is softmax(x).

        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1000.0, 1000.0], requires_grad=True)
        >>> y = x.logsumexp(); y.backward()
        >>> round(float(y.data - 1000.0), 6), x.grad.round(6).tolist()
        (0.693147, [0.5, 0.5])

        See :doc:`/chapters/14-information`.
        """
        a, axis = self.data, normalize_axis(axis)
        lse = _reduce(_stable.logsumexp, a, axis, "logsumexp", keepdims=True)
        data = lse if keepdims else (lse.reshape(()) if axis is None else np.squeeze(lse, axis))

        def vjp(g: np.ndarray) -> np.ndarray:  # d lse / dx = exp(x - lse) = softmax(x)
            return _restore(g, axis, keepdims, a.shape) * np.exp(a - lse)

        return self._node(data, "logsumexp", (self, vjp))

    def log_softmax(self, axis: int = -1) -> Self:
        """x - logsumexp(x) along ``axis``; VJP g - softmax(x) sum(g).

        >>> from mathlib.autodiff import Tensor
        >>> Tensor([0.0, 0.0]).log_softmax().data.round(4).tolist()
        [-0.6931, -0.6931]

        See :doc:`/chapters/14-information`.
        """
        a = self.data
        y = a - _reduce(_stable.logsumexp, a, axis, "log_softmax", keepdims=True)

        def vjp(g: np.ndarray) -> np.ndarray:
            return g - np.exp(y) * g.sum(axis=axis, keepdims=True)

        return self._node(y, "log_softmax", (self, vjp))

    def softmax(self, axis: int = -1) -> Self:
        """exp(x) / sum(exp(x)) along ``axis``; VJP s (g - sum(g s)), s the softmax.

        >>> from mathlib.autodiff import Tensor
        >>> Tensor([0.0, 0.0]).softmax().data.tolist()
        [0.5, 0.5]

        See :doc:`/chapters/14-information`.
        """
        a = self.data
        s = np.exp(a - _reduce(_stable.logsumexp, a, axis, "softmax", keepdims=True))

        def vjp(g: np.ndarray) -> np.ndarray:
            return s * (g - (g * s).sum(axis=axis, keepdims=True))

        return self._node(s, "softmax", (self, vjp))
