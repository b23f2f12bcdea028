"""Reductions of a tensor along axes (sum, mean, log-sum-exp) and the softmax family.

A reduction copies nothing forward but collapses axes; its VJP does the reverse: it puts the
reduced axes back and broadcasts ``g`` along them. The log-sum-exp, log-softmax and softmax
are computed stably (shifted by the maximum). See chapters 14 and 16.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

import numpy as np

from . import _stable

Axis = int | tuple[int, ...] | None


def _normalize_axis(axis: object) -> Axis:
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
    """Mixin of the ``Tensor`` reductions: sum, mean, logsumexp, log_softmax, softmax."""

    __slots__ = ()

    def sum(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Sum of the elements over ``axis`` (all axes by default).

        Each input element contributes with derivative 1, so the VJP broadcasts ``g`` back.

        Parameters
        ----------
        axis : int or tuple of int, optional
            Axes to sum over; None sums everything.
        keepdims : bool, default False
            Keep the summed axes with length 1.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        >>> x.sum(axis=0).data.tolist()
        [4.0, 6.0]

        See chapter 16.
        """
        a, axis = self.data, _normalize_axis(axis)
        data = _reduce(np.sum, a, axis, "sum", keepdims=keepdims)
        return self._unary(data, "sum", lambda g: _restore(g, axis, keepdims, a.shape))

    def mean(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """Mean of the elements over ``axis`` (all axes by default).

        Each of the n averaged elements has derivative 1/n.

        Parameters
        ----------
        axis : int or tuple of int, optional
            Axes to average over; None averages everything.
        keepdims : bool, default False
            Keep the averaged axes with length 1.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1.0, 2.0, 3.0, 6.0], requires_grad=True)
        >>> x.mean().backward(); x.grad.tolist()
        [0.25, 0.25, 0.25, 0.25]

        See chapter 16.
        """
        a, axis = self.data, _normalize_axis(axis)
        data = _reduce(np.mean, a, axis, "mean", keepdims=keepdims)
        n = a.size // max(np.size(data), 1)  # how many elements each mean averages
        return self._unary(data, "mean", lambda g: _restore(g / n, axis, keepdims, a.shape))

    def logsumexp(self, axis: Axis = None, keepdims: bool = False) -> Self:
        """log(sum(exp(x))) over ``axis``, computed without overflow.

        Its gradient is the softmax of x along ``axis``.

        Parameters
        ----------
        axis : int or tuple of int, optional
            Axes to reduce; None reduces everything.
        keepdims : bool, default False
            Keep the reduced axes with length 1.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1000.0, 1000.0], requires_grad=True)
        >>> y = x.logsumexp(); y.backward()
        >>> round(float(y.data - 1000.0), 6), x.grad.round(6).tolist()
        (0.693147, [0.5, 0.5])

        See chapter 14.
        """
        a, axis = self.data, _normalize_axis(axis)
        lse = _reduce(_stable.logsumexp, a, axis, "logsumexp", keepdims=True)
        data = lse if keepdims else (lse.reshape(()) if axis is None else np.squeeze(lse, axis))
        return self._unary(  # d lse / dx = exp(x - lse) = softmax(x)
            data, "logsumexp", lambda g: _restore(g, axis, keepdims, a.shape) * np.exp(a - lse)
        )

    def log_softmax(self, axis: int = -1) -> Self:
        """log(softmax(x)) = x - logsumexp(x) along ``axis``, computed stably.

        VJP: g - softmax(x) * sum(g) along ``axis``.

        Parameters
        ----------
        axis : int, default -1
            The axis holding the classes.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([0.0, 0.0], requires_grad=True)
        >>> [round(v, 4) for v in x.log_softmax().data.tolist()]
        [-0.6931, -0.6931]

        See chapter 14.
        """
        a = self.data
        y = a - _reduce(_stable.logsumexp, a, axis, "log_softmax", keepdims=True)
        return self._unary(
            y, "log_softmax", lambda g: g - np.exp(y) * g.sum(axis=axis, keepdims=True)
        )

    def softmax(self, axis: int = -1) -> Self:
        """exp(x) / sum(exp(x)) along ``axis``, computed stably.

        VJP: s * (g - sum(g * s)) along ``axis``, where s is the softmax.

        Parameters
        ----------
        axis : int, default -1
            The axis holding the classes.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> Tensor([0.0, 0.0]).softmax().data.tolist()
        [0.5, 0.5]

        See chapter 14.
        """
        a = self.data
        s = np.exp(a - _reduce(_stable.logsumexp, a, axis, "softmax", keepdims=True))
        return self._unary(s, "softmax", lambda g: s * (g - (g * s).sum(axis=axis, keepdims=True)))
