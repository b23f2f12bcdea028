"""Binary operations: their constant operands, broadcasting, and its adjoint.

When NumPy broadcasts an input of shape ``(3, 1)`` against one of shape ``(4,)``, the
input is copied along the new or stretched axes. Its gradient is the *sum* of the
gradients of all the copies, so the backward pass sums over exactly those axes
(:func:`unbroadcast`). See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["broadcast_op", "constant", "unbroadcast"]


def unbroadcast(g: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Sum a gradient over the axes that broadcasting added or stretched.

    Parameters
    ----------
    g : numpy.ndarray
        Gradient with respect to the broadcast result.
    shape : tuple of int
        Shape of the input before broadcasting.

    Returns
    -------
    numpy.ndarray
        Gradient with respect to the input, of shape ``shape``. When the shapes already
        match, ``g`` itself is returned (no copy).

    Examples
    --------
    >>> unbroadcast(np.ones((3, 4)), (3, 1)).ravel().tolist()
    [4.0, 4.0, 4.0]
    >>> unbroadcast(np.ones((3, 4)), (4,)).tolist()
    [3.0, 3.0, 3.0, 3.0]

    See :doc:`/chapters/16-autodiff` (broadcasting and its adjoint).
    """
    if g.shape == shape:
        return g  # nothing was broadcast: the common case costs one comparison
    extra = g.ndim - len(shape)
    if extra > 0:
        g = g.sum(axis=tuple(range(extra)))  # axes that broadcasting prepended
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    if stretched:
        g = g.sum(axis=stretched, keepdims=True)  # axes of length 1 that were stretched
    return np.asarray(g).reshape(shape)


def broadcast_op(
    ufunc: Callable[[np.ndarray, np.ndarray], np.ndarray], a: object, b: object, op: str
) -> np.ndarray:
    """Apply a binary NumPy function, naming the operation if the shapes do not broadcast.

    Parameters
    ----------
    ufunc : callable
        A binary NumPy function such as ``numpy.add``.
    a, b : array_like
        The operands.
    op : str
        The operation's name, used in the error message.

    Returns
    -------
    numpy.ndarray
        ``ufunc(a, b)``.

    Raises
    ------
    ValueError
        If the shapes of ``a`` and ``b`` cannot be broadcast together.

    Examples
    --------
    >>> broadcast_op(np.add, np.ones((3, 1)), np.ones(4), "add").shape
    (3, 4)

    See :doc:`/chapters/16-autodiff`.
    """
    try:
        return ufunc(a, b)
    except ValueError:
        shapes = f"{np.shape(a)} and {np.shape(b)}"
        raise ValueError(f"{op}: cannot broadcast shapes {shapes}") from None


def constant(x: object) -> object | None:
    """The other operand of a binary operation as a constant: a number or a real array.

    Returns None for anything else (a string, a complex number, a tensor of the other
    mode), so that the operator returns NotImplemented and Python raises TypeError.

    >>> constant(2.0), constant("a")
    (2.0, None)
    """
    if isinstance(x, int | float | np.integer | np.floating):
        return x
    if isinstance(x, np.ndarray | list | tuple):
        try:
            arr = np.asarray(x)
        except ValueError:  # a ragged list
            return None
        if arr.dtype.kind in "biuf":
            return arr
    return None
