"""Joining several inputs, ``concatenate`` and ``stack``, for Tensor, Dual or arrays.

The forward pass glues the pieces together; the VJP cuts the gradient back into pieces,
one per input. ``stack`` is ``concatenate`` of the pieces with a new axis of length 1.
See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array

from .forward import Dual
from .tensor import Tensor

__all__ = ["concatenate", "stack"]

Value = Tensor | Dual | ArrayLike


def _join(xs: Sequence[Value], axis: int, op: str) -> Value:
    """Concatenate ``xs`` along ``axis`` (for stack: after a new axis there)."""
    if isinstance(xs, Tensor | Dual | np.ndarray) or not len(xs):
        got = type(xs).__name__
        raise TypeError(f"{op}: expected a non-empty list of arrays, got {got}")
    kinds = {type(x) for x in xs if isinstance(x, Tensor | Dual)}
    if len(kinds) > 1:
        raise TypeError(f"{op}: cannot mix Tensor and Dual inputs")
    kind = kinds.pop() if kinds else None
    if kind is None:  # plain arrays
        xs = [real_array(x, f"{op}: piece", finite=False) for x in xs]
    else:  # constants join as tensors (or duals) that need no gradient
        xs = [x if isinstance(x, kind) else kind(x) for x in xs]
    shapes = [x.shape for x in xs]
    if op == "stack":
        if len(set(shapes)) > 1:
            raise ValueError(f"stack: the pieces must have one shape, got {shapes}")
        if not -len(shapes[0]) - 1 <= axis <= len(shapes[0]):
            raise ValueError(f"stack: axis {axis} is out of range for {shapes[0]}")
        axis %= len(shapes[0]) + 1
        xs = [x.reshape(x.shape[:axis] + (1,) + x.shape[axis:]) for x in xs]
    values = [x.data if kind is Tensor else x.primal if kind is Dual else x for x in xs]
    try:
        y = np.concatenate(values, axis=axis)
    except ValueError as err:
        message = f"{op}: cannot join shapes {shapes} along axis {axis} ({err})"
        raise ValueError(message) from None
    if kind is Dual:
        return Dual._make(y, np.concatenate([x.tangent for x in xs], axis=axis))
    if kind is None:
        return y
    axis %= y.ndim
    ends = np.cumsum([x.shape[axis] for x in xs])

    def piece(end: int, size: int):  # the VJP of one input: its slice of g
        index = (slice(None),) * axis + (slice(end - size, end),)
        return lambda g: g[index]

    edges = [(x, piece(end, x.shape[axis])) for x, end in zip(xs, ends, strict=True)]
    return Tensor._node(y, op, *edges)


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

    See :doc:`/chapters/16-autodiff`.
    """
    return _join(xs, axis, "concatenate")


def stack(xs: Sequence[Value], axis: int = 0) -> Value:
    """Join arrays of equal shape along a new axis; the VJP takes ``g`` apart along it.

    Parameters
    ----------
    xs : sequence of Tensor, Dual or array_like
        The pieces, all of one shape (constants may be among them, as for concatenate).
    axis : int, default 0
        Where the new axis goes in the result.

    Returns
    -------
    Tensor, Dual or numpy.ndarray
        Of the mode of the inputs, as for :func:`concatenate`, with one axis more.

    Examples
    --------
    >>> stack([np.zeros(2), Tensor([1.0, 2.0], requires_grad=True)], axis=1).shape
    (2, 2)

    See :doc:`/chapters/16-autodiff`.
    """
    return _join(xs, axis, "stack")
