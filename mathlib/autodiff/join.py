"""Joining several inputs: ``concatenate`` and ``stack``, for Tensor, Dual or plain arrays.

The forward pass glues the pieces together; the VJP cuts the gradient back into pieces, one
per input. See chapter 16.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from .forward import Dual
from .tensor import Tensor

__all__ = ["concatenate", "stack"]

Value = Tensor | Dual | ArrayLike
_AD = (Tensor, Dual)


def _kind(xs: Sequence[Value], op: str) -> type | None:
    """Tensor, Dual or None (plain arrays) for a list of inputs; mixing modes is an error."""
    if isinstance(xs, Tensor | Dual | np.ndarray) or not len(xs):
        raise TypeError(f"{op}: expected a non-empty list of arrays, got {type(xs).__name__}")
    kinds = {type(x) for x in xs if isinstance(x, _AD)}
    if len(kinds) > 1:
        raise TypeError(f"{op}: cannot mix Tensor and Dual inputs")
    return kinds.pop() if kinds else None


def _join(fn, arrays: list[np.ndarray], axis: int, op: str) -> np.ndarray:
    try:
        return fn(arrays, axis=axis)
    except ValueError as err:
        shapes = [a.shape for a in arrays]
        raise ValueError(f"{op}: cannot join shapes {shapes} along axis {axis} ({err})") from None


def concatenate(xs: Sequence[Value], axis: int = 0) -> Value:
    """Join arrays along an existing axis; the VJP splits ``g`` back into the pieces.

    Parameters
    ----------
    xs : sequence of Tensor, Dual or array_like
        The pieces; constants may be mixed with tensors (or with duals).
    axis : int, default 0
        The axis to join along.

    Returns
    -------
    Tensor, Dual or numpy.ndarray
        A Tensor if any input is a Tensor, a Dual if any is a Dual, else an array.

    Examples
    --------
    >>> x = Tensor([1.0, 2.0], requires_grad=True)
    >>> y = concatenate([x, np.array([5.0]), x])
    >>> (y * np.array([1.0, 2.0, 3.0, 4.0, 5.0])).sum().backward(); x.grad.tolist()
    [5.0, 7.0]

    See chapter 16.
    """
    kind = _kind(xs, "concatenate")
    if kind is None:
        return _join(np.concatenate, [np.asarray(x, dtype=float) for x in xs], axis, "concatenate")
    if kind is Dual:
        ds = [x if isinstance(x, Dual) else Dual(x) for x in xs]
        p = _join(np.concatenate, [d.primal for d in ds], axis, "concatenate")
        return Dual._make(p, np.concatenate([d.tangent for d in ds], axis=axis))
    ts = [x if isinstance(x, Tensor) else Tensor(x) for x in xs]
    out = Tensor._result(
        _join(np.concatenate, [t.data for t in ts], axis, "concatenate"), "concatenate", *ts
    )
    if out.requires_grad:
        ends = np.cumsum([t.data.shape[axis] for t in ts])[:-1]

        def backward(g: np.ndarray) -> None:  # each piece gets its slice of g
            for t, piece in zip(ts, np.split(g, ends, axis=axis), strict=True):
                if t.requires_grad:
                    t._accumulate(piece)

        out._backward = backward
    return out


def stack(xs: Sequence[Value], axis: int = 0) -> Value:
    """Join arrays of equal shape along a new axis; the VJP takes ``g`` apart along it.

    Parameters
    ----------
    xs : sequence of Tensor, Dual or array_like
        The pieces, all of the same shape.
    axis : int, default 0
        Position of the new axis.

    Returns
    -------
    Tensor, Dual or numpy.ndarray
        A Tensor if any input is a Tensor, a Dual if any is a Dual, else an array.

    Examples
    --------
    >>> x = Tensor([1.0, 2.0], requires_grad=True)
    >>> y = stack([x, 2 * x], axis=1)
    >>> y.shape
    (2, 2)

    See chapter 16.
    """
    kind = _kind(xs, "stack")
    if kind is None:
        return _join(np.stack, [np.asarray(x, dtype=float) for x in xs], axis, "stack")
    if kind is Dual:
        ds = [x if isinstance(x, Dual) else Dual(x) for x in xs]
        p = _join(np.stack, [d.primal for d in ds], axis, "stack")
        return Dual._make(p, np.stack([d.tangent for d in ds], axis=axis))
    ts = [x if isinstance(x, Tensor) else Tensor(x) for x in xs]
    out = Tensor._result(_join(np.stack, [t.data for t in ts], axis, "stack"), "stack", *ts)
    if out.requires_grad:

        def backward(g: np.ndarray) -> None:  # piece i gets g[..., i, ...] along the new axis
            for i, t in enumerate(ts):
                if t.requires_grad:
                    t._accumulate(np.take(g, i, axis=axis))

        out._backward = backward
    return out
