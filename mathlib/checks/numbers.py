"""Checks for a number and for an array of numbers."""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from mathlib.checks._report import (
    fail,
    fmt,
    how_far,
    passed,
    quiet,
    rough,
    without_answer,
)
from mathlib.checks._values import real_values

__all__ = ["check_scalar", "check_array"]


@quiet
def check_scalar(value: object, expected: float, *, name: str = "answer",
                 rtol: float = 1e-6, atol: float = 1e-9, hint: str | None = None,
                 mistakes: Mapping[str, float] | None = None, whole: bool = False,
                 reveal: bool = False) -> None:
    """Check a number against the expected one, within tolerances.

    Parameters
    ----------
    value : object
        The student's answer: a number, a NumPy or SymPy number, or text such as "1/8".
    expected : float
        The right answer.
    name : str
        What the answer is, used in messages (e.g. "Exercise 1.1").
    rtol, atol : float
        Relative and absolute tolerance, as in :func:`math.isclose`.
    hint : str, optional
        Shown when the answer is wrong.
    mistakes : mapping of str to float, optional
        Typical wrong values with the hint to show when the answer equals one.
    whole : bool
        The answer is a whole number (a count): a fractional one gets its own message.
    reveal : bool
        Show the expected value in a failure. Leave it False when finding the number is
        the exercise: the message then says which way and roughly how far off it is.

    Raises
    ------
    CheckFailure
        If the answer is unusable or differs from ``expected``.

    Examples
    --------
    >>> check_scalar(0.1 + 0.2, 0.3, name="sum")
    ✓ sum: 0.3 is right.
    >>> check_scalar(4, 3, name="n")
    Traceback (most recent call last):
    ...
    mathlib.checks.CheckFailure: n: 4 is not right. Yours is too large by about 33 %.

    See "How to use this book".
    """
    expected = float(expected)
    arr = real_values(value, name, "a number")
    if arr.ndim != 0:
        take = " Take the number out, e.g. with float(...)." if arr.size == 1 else ""
        raise fail(name, f"expected one number, got an array of shape {arr.shape}."
                   f"{take}")
    got = float(arr)

    def passes(v: float) -> bool:
        return math.isclose(v, expected, rel_tol=rtol, abs_tol=atol)

    if math.isinf(got):
        raise fail(name, f"your answer is {'' if got > 0 else 'minus '}infinity; a "
                   "finite number was expected.", hint)
    if whole and not got.is_integer():
        raise fail(name, f"{fmt(got)} is not a whole number, but the answer is one.",
                   hint)
    if passes(got):
        passed(name, f"{fmt(expected)} is right.")
        return
    for message, wrong in (mistakes or {}).items():
        if math.isclose(got, wrong, rel_tol=rtol, abs_tol=atol):
            hint = message
            break
    if reveal:
        want, have = pair(expected, got)
        why = pattern(got, expected, reveal)
        raise fail(name, f"expected {want}, got {have}.{why}", hint)
    shown = without_answer(fmt(got), passes, repr(got))
    direction = how_far(got, expected, rtol, whole)
    way = "too large." if got > expected else "too small."
    raise fail(name, f"{shown} is not right. "
               + without_answer(direction, passes, f"Yours is {way}"), hint)


@quiet
def check_array(value: object, expected: object, *, name: str = "answer",
                rtol: float = 1e-6, atol: float = 1e-9, hint: str | None = None,
                mistakes: Mapping[str, object] | None = None,
                reveal: bool = False) -> None:
    """Check an array against the expected one: shape first, then values.

    A transposed answer is recognised and named as such. With ``reveal=False`` a wrong
    entry is described by which way and roughly how far it is off, not by its value.

    Parameters
    ----------
    value : object
        The student's array (or list, or SymPy Matrix).
    expected : array_like
        The right array.
    name, rtol, atol, hint, reveal
        As in :func:`check_scalar`.
    mistakes : mapping of str to array_like, optional
        Typical wrong arrays with the hint to show when the answer equals one.

    Examples
    --------
    >>> check_array([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]]), name="A")
    ✓ A: all 4 entries are right.
    """
    expected = np.asarray(expected, dtype=float)
    arr = real_values(value, name, f"an array of shape {expected.shape}")
    if arr.shape != expected.shape:
        if (arr.ndim == 2 and arr.T.shape == expected.shape
                and np.allclose(arr.T, expected, rtol=rtol, atol=atol)):
            raise fail(name, f"this is the transpose of the answer (shape {arr.shape}, "
                       f"expected {expected.shape}).", hint)
        raise fail(name, f"expected shape {expected.shape}, got shape {arr.shape}.",
                   hint)
    close = np.isclose(arr, expected, rtol=rtol, atol=atol)
    if not close.all():
        for message, wrong in (mistakes or {}).items():
            wrong = np.asarray(wrong, dtype=float)
            if wrong.shape == arr.shape and np.allclose(arr, wrong, rtol=rtol, atol=atol):
                hint = message
                break
        where = tuple(int(i) for i in np.argwhere(~close)[0])
        g, e = float(arr[where]), float(expected[where])
        if reveal:
            entry = f"expected {fmt(e)}, got {fmt(g)}"
        elif math.isinf(g):
            entry = f"yours is {fmt(g)}"
        else:
            entry = how_far(g, e, rtol).rstrip(".").replace("Yours", "yours")
            entry = entry.replace("The sign", "the sign")
        raise fail(name, f"{int((~close).sum())} of {arr.size} entries are wrong; at "
                   f"index {where if len(where) > 1 else where[0]} "
                   f"{entry}.{pattern(arr, expected, reveal)}", hint)
    passed(name, f"all {arr.size} entries are right.")


def pair(expected: object, got: object) -> tuple[str, str]:
    """Expected and got as text, with enough digits that they visibly differ."""
    a, b = fmt(expected), fmt(got)
    numbers = all(isinstance(v, float | np.floating) for v in (expected, got))
    if a == b and numbers:
        a, b = repr(float(expected)), repr(float(got))
        relative = abs(float(got) - float(expected)) / max(abs(float(expected)), 1e-300)
        b += f" (relative error {relative:.1e})"
    return a, b


def pattern(got: object, expected: object, reveal: bool) -> str:
    """How wrong values relate to the right ones, if simply (a sign, a factor, a shift).

    With one number any wrong answer is a constant multiple of the right one, so only a
    sign flip or a small whole-number factor (2, 1/2, 3, ...) is named there.
    """
    got, expected = np.atleast_1d(got), np.atleast_1d(expected)
    if got.shape != expected.shape or not np.all(np.isfinite(got)):
        return ""
    mask = np.abs(expected) > 1e-12
    if not mask.any():
        return ""
    if np.all(got == 0):
        return " Your values are all 0."
    ratio = got[mask] / expected[mask]
    r = float(ratio[0])
    if r != 0 and np.allclose(ratio, r, rtol=1e-6) and not np.isclose(r, 1):
        if np.isclose(r, -1):
            return " The sign is flipped."
        nice = any(np.isclose(r, k) or np.isclose(r, 1 / k) for k in (2, 3, 4, 10, 100))
        if ratio.size > 1 or nice:
            if reveal:
                return f" It is off by a factor of {r:.4g}."
            flipped = ", with the sign flipped" if r < 0 else ""
            return (f" Each value is off by the same factor, about {rough(abs(r))}"
                    f"{flipped}.")
    offset = got - expected
    visible = abs(offset[0]) > 1e-9 * max(1.0, float(np.abs(expected).max()))
    same = np.allclose(offset, offset[0], rtol=1e-6, atol=1e-12)
    if got.size > 1 and visible and same:
        if reveal:
            return f" It is off by a constant {float(offset[0]):.4g}."
        return " Each value is off by the same amount (a constant)."
    return ""
