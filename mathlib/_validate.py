"""Input checks shared by the mathlib modules: clear errors up front, never a bare assert."""

from __future__ import annotations

import numpy as np

__all__ = ["real_array", "whole_number"]


def real_array(x: object, name: str = "x") -> np.ndarray:
    """Return ``x`` as a new float array; raise if it is not real and finite.

    The result is a copy, so the caller's array is never touched.

    >>> real_array([1, 2.5]).tolist()
    [1.0, 2.5]
    """
    arr = np.asarray(x)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {x!r}")
    arr = arr.astype(float)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return arr


def whole_number(n: object, name: str = "n", minimum: int = 0) -> int:
    """Return ``n`` as an int; raise unless it is an integer (not a bool) >= ``minimum``.

    >>> whole_number(3, minimum=1)
    3
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)
