"""Shape operations on a tensor: reshape, transpose and indexing.

They move numbers around without changing them, so each VJP moves the gradient back:
reshape it, transpose it by the inverse permutation, or scatter it into a zero array
(adding, where an integer-array index picks the same element twice).
See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from typing import Self

import numpy as np


def _is_basic(index: object) -> bool:
    """Whether ``index`` uses only ints, slices, None and Ellipsis (no repeated positions)."""
    items = index if isinstance(index, tuple) else (index,)
    return all(
        isinstance(i, int | np.integer | slice)
        and not isinstance(i, bool)
        or i is None
        or i is Ellipsis
        for i in items
    )


class ShapeOps:
    """Mixin of the ``Tensor`` shape operations: reshape, transpose, ``.T`` and indexing."""

    __slots__ = ()

    def reshape(self, *shape: int | tuple[int, ...]) -> Self:
        """The same elements in a new shape; the VJP reshapes ``g`` back.

        Parameters
        ----------
        *shape : int or tuple of int
            The new shape, as ``reshape(2, 3)`` or ``reshape((2, 3))``; one entry may be
            -1.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> Tensor([1.0, 2.0, 3.0, 4.0]).reshape(2, 2).shape
        (2, 2)

        See :doc:`/chapters/16-autodiff`.
        """
        if len(shape) == 1 and isinstance(shape[0], tuple | list):
            shape = tuple(shape[0])
        a = self.data
        try:
            data = a.reshape(shape)
        except (ValueError, TypeError):
            raise ValueError(f"reshape: cannot reshape shape {a.shape} into {shape}") from None
        return self._node(data, "reshape", (self, lambda g: g.reshape(a.shape)))

    def transpose(self, *axes: int | tuple[int, ...]) -> Self:
        """Permute the axes (reverse them by default); the VJP applies the inverse permutation.

        Parameters
        ----------
        *axes : int or tuple of int
            The permutation, as ``transpose(1, 0, 2)`` or ``transpose((1, 0, 2))``.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> Tensor(np.zeros((2, 3, 4))).transpose(2, 0, 1).shape
        (4, 2, 3)

        See :doc:`/chapters/16-autodiff`.
        """
        if len(axes) == 1 and isinstance(axes[0], tuple | list):
            axes = tuple(axes[0])
        a = self.data
        try:
            data = np.transpose(a, axes or None)
        except (ValueError, TypeError):
            raise ValueError(f"transpose: axes {axes} do not permute shape {a.shape}") from None
        inverse = tuple(np.argsort([ax % a.ndim for ax in axes])) if axes else None
        return self._node(data, "transpose", (self, lambda g: np.transpose(g, inverse)))

    @property
    def T(self) -> Self:
        """The transpose (axes reversed), as ``numpy.ndarray.T``."""
        return self.transpose()

    def __getitem__(self, index: object) -> Self:
        """Index or slice as in NumPy; the VJP scatters ``g`` into zeros, adding repeats.

        Integer-array indices may pick an element several times (``x[[0, 0, 1]]``); each
        pick contributes to that element's gradient (``numpy.add.at``).
        """
        items = index if isinstance(index, tuple) else (index,)
        if any(isinstance(i, type(self)) for i in items):
            raise TypeError("getitem: index with integers, slices or NumPy arrays, not a Tensor")
        a = self.data
        try:
            data = a[index]
        except IndexError as err:
            raise IndexError(f"getitem: {err} (shape {a.shape})") from None
        basic = _is_basic(index)

        def vjp(g: np.ndarray) -> np.ndarray:
            full = np.zeros_like(a)
            if basic:
                full[index] = g  # each position picked at most once
            else:
                np.add.at(full, index, g)  # repeated positions accumulate
            return full

        return self._node(data, "getitem", (self, vjp))
