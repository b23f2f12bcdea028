"""Input checks shared by every mathlib module: clear errors up front, never an assert.

Each check returns what it has checked, converted (a float array, a float, an int), or
raises. ``TypeError`` means the wrong kind of thing (None, a string, a complex number, a
bool where a count is wanted); ``ValueError`` means the right kind with a wrong value
(NaN, a step <= 0, a wrong shape). Every message names the argument, so a caller passes
a name such as ``"h"`` or ``"two_moons: n"``.

Array arguments are typed ``numpy.typing.ArrayLike`` throughout mathlib: anything
``numpy.asarray`` turns into an array of real numbers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

__all__ = [
    "function", "generator", "real_array", "real_number", "real_values", "whole_number",
]


def _show(x: object) -> str:
    """A short repr of a bad value for an error message."""
    text = str(x) if isinstance(x, np.generic | np.ndarray) else repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_within(arr: np.ndarray, within: str, name: str, x: object) -> None:
    """Raise unless every entry lies in ``within``, such as ``"[0, 1)"``."""
    low, high = (float(end) for end in within[1:-1].split(","))
    above = arr >= low if within[0] == "[" else arr > low
    below = arr <= high if within[-1] == "]" else arr < high
    if not np.all(above & below):
        rule = f"in {within}"
        if high == math.inf:  # "(0, inf)" reads better as "> 0"
            rule = f"{'>=' if within[0] == '[' else '>'} {low:g}"
        raise ValueError(f"{name} must be {rule}, got {_show(x)}")


def real_array(
    x: ArrayLike,
    name: str = "x",
    *,
    within: str | None = None,
    ndim: int | None = None,
    finite: bool = True,
    copy: bool = True,
    dtype: DTypeLike = np.float64,
) -> np.ndarray:
    """Return ``x`` as an array of real numbers; raise a clear error otherwise.

    Parameters
    ----------
    x : array_like
        Real numbers (ints or floats; not bools, strings, None or complex numbers).
    name : str, default "x"
        The argument's name, used in the messages.
    within : str, optional
        An interval every entry must lie in, e.g. ``"(0, inf)"`` (positive) or
        ``"[0, 1)"``.
    ndim : int, optional
        The number of axes ``x`` must have.
    finite : bool, default True
        Whether inf and nan are refused.
    copy : bool, default True
        Return a new array (the caller's array is never touched); with False, an array
        that already has the right dtype is returned as it is.
    dtype : data-type, default numpy.float64
        The dtype of the result, a floating type.

    Returns
    -------
    numpy.ndarray

    Examples
    --------
    >>> real_array([1, 2.5]).tolist()
    [1.0, 2.5]
    >>> real_array(-1.0, "h", within="(0, inf)")
    Traceback (most recent call last):
    ValueError: h must be > 0, got -1.0
    """
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # e.g. ragged nested lists
        raise TypeError(f"{name} must be an array of real numbers ({err})") from None
    if arr.dtype.kind == "c":
        raise TypeError(f"{name} must be real, got a complex value {_show(x)}")
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a real number or an array of real numbers, got {_show(x)}"
        )
    arr = arr.astype(dtype, copy=copy)
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {_show(x)}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must have {ndim} axes, got shape {arr.shape}")
    if within is not None:
        _check_within(arr, within, name, x)
    return arr


def real_number(x: ArrayLike, name: str = "x", *, within: str | None = None) -> float:
    """Return ``x`` as a float; raise unless it is one finite real number.

    >>> real_number(2)
    2.0
    >>> real_number(1.0, "beta", within="[0, 1)")
    Traceback (most recent call last):
    ValueError: beta must be in [0, 1), got 1.0
    """
    arr = real_array(x, name, within=within)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, got shape {arr.shape}")
    return float(arr)


def whole_number(n: object, name: str = "n", minimum: int | None = 0) -> int:
    """Return ``n`` as an int; raise unless it is an integer (not a bool) >= minimum.

    >>> whole_number(3, minimum=1)
    3
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise TypeError(f"{name} must be an integer, got {_show(n)}")
    if minimum is not None and n < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {n!r}")
    return int(n)


def generator(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng``; raise unless it is a ``numpy.random.Generator``.

    >>> isinstance(generator(np.random.default_rng(0)), np.random.Generator)
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy.random.Generator, e.g. np.random.default_rng(0); "
            f"got {type(rng).__name__}"
        )
    return rng


def function(f: object, name: str = "f") -> Callable:
    """Return ``f``; raise unless it can be called.

    >>> function(abs) is abs
    True
    """
    if not callable(f):
        raise TypeError(f"{name} must be a function, got {_show(f)}")
    return f


def real_values(
    f: Callable, x: np.ndarray, name: str = "f", shape: tuple[int, ...] | None = None
) -> np.ndarray:
    """Evaluate ``f`` on a copy of ``x``; check that it returns finite real numbers.

    Parameters
    ----------
    f : callable
        The function.
    x : numpy.ndarray
        The point(s); ``f`` gets a copy, so it cannot change the caller's array.
    name : str, default "f"
        The function's name, used in the messages.
    shape : tuple of int, optional
        The shape ``f(x)`` must have.

    Returns
    -------
    numpy.ndarray
        ``f(x)`` as a float array.

    Examples
    --------
    >>> real_values(np.sqrt, np.array([4.0, 9.0])).tolist()
    [2.0, 3.0]
    """
    y = np.asarray(function(f, name)(x.copy()))
    if y.dtype.kind not in "iuf":
        raise TypeError(f"{name} must return real numbers, got {_show(y)}")
    if shape is not None and y.shape != shape:
        vectorised = y.ndim >= len(shape)
        hint = "" if vectorised else " (is it vectorised, array in, array out?)"
        raise ValueError(f"{name}(x) has shape {y.shape}, expected {shape}{hint}")
    finite = np.isfinite(y)
    if not np.all(finite):
        if y.shape == x.shape and y.ndim:  # elementwise: name the first bad point
            x, y = x[~finite][0], y[~finite][0]
        raise ValueError(
            f"{name} returned a non-finite value {_show(y)} at x = {_show(x)}"
        )
    return y.astype(float)
