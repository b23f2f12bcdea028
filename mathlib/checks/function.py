"""Check a student's function against a reference on many points."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping

import numpy as np

from mathlib.checks._report import (
    callable_name,
    describe,
    fail,
    fmt,
    how_far,
    passed,
    quiet,
    unfinished,
)
from mathlib.checks._values import real_values
from mathlib.checks.numbers import pair, pattern

__all__ = ["check_function"]

_ARRAY_HINT = ("use NumPy functions (np.exp, np.abs, np.where), which work "
               "elementwise, rather than math.exp or an `if` on x.")


@quiet
def check_function(func: object, reference: Callable, points: Iterable, *,
                   name: str = "function", rtol: float = 1e-6, atol: float = 1e-9,
                   hint: str | None = None,
                   mistakes: Mapping[str, Callable] | None = None,
                   vectorised: bool = False, reveal: bool = True) -> None:
    """Check a function against a reference on many points.

    Parameters
    ----------
    func : callable
        The student's function.
    reference : callable
        The right function.
    points : iterable
        Arguments to try: numbers, or tuples of arguments.
    name, rtol, atol, hint
        As in :func:`check_scalar`.
    mistakes : mapping of str to callable, optional
        Typical wrong functions with the hint to show when the student's matches one on
        every point, e.g. ``{"you divided by 2h instead of h": lambda f, x, h: ...}``.
    vectorised : bool
        The exercise asks for a function of a NumPy array: after the single numbers, it
        is called once with the array of all the points (which must be numbers) and
        must return the array of its values.
    reveal : bool
        Show the expected value at a failing point (right for exercises that ask for
        code); with False, say which way and roughly how far off it is.

    Raises
    ------
    CheckFailure
        If the function is missing, raises, returns something unusable or wrong values.

    Examples
    --------
    >>> check_function(lambda x: 2 * x, lambda x: x + x, [0.5, 1.0, 3.0], name="double")
    ✓ double: right at all 3 points.
    """
    problem = unfinished(func, name, "a function")
    if problem:
        raise problem
    if not callable(func) or isinstance(func, type):
        raise fail(name, f"expected a function, got {describe(func)}.")
    points = [p if isinstance(p, tuple) else (p,) for p in points]
    expected = [_reference(reference, p) for p in points]
    deadline = time.perf_counter() + 1.0  # for SymPy numbers among the results
    got = [_result(func, p, e, name, deadline)
           for p, e in zip(points, expected, strict=True)]
    for args, g, e in zip(points, got, expected, strict=True):
        if g.shape != e.shape or not np.allclose(g, e, rtol=rtol, atol=atol):
            hint = _mistake(mistakes, points, got, rtol, atol) or hint
            same_shapes = all(a.shape == b.shape
                              for a, b in zip(got, expected, strict=True))
            why = pattern(np.concatenate([np.ravel(a) for a in got]),
                          np.concatenate([np.ravel(b) for b in expected]),
                          reveal) if same_shapes else ""
            raise fail(name, _difference(_at(args), g, e, rtol, reveal) + why, hint)
    if vectorised:
        _check_array_input(func, points, expected, name, rtol, atol, deadline)
    on_array = " and on an array of them" if vectorised else ""
    passed(name, f"right at all {len(points)} points{on_array}.")


def _reference(reference: Callable, args: tuple) -> np.ndarray:
    return np.asarray(reference(*args), dtype=float)


def _at(args: tuple) -> str:
    shown = ", ".join(_arg(a) for a in args)
    return f"({shown})" if len(args) > 1 else shown


def _arg(a: object) -> str:
    return callable_name(a) if callable(a) and not isinstance(a, np.ndarray) else fmt(a)


def _exception(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001 - an exception that cannot even print itself
        text = ""
    text = text if len(text) <= 200 else text[:197] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def call(func: Callable, args: tuple, name: str, where: str):
    """``func(*args)``; any exception it raises becomes a message naming ``where``."""
    try:
        return func(*args)
    except NotImplementedError:
        raise fail(name, "your function still raises NotImplementedError: write its "
                   "body in the cell above and run that cell again.") from None
    except RecursionError:
        raise fail(name, f"your function calls itself without end (RecursionError) "
                   f"when called with {where}.") from None
    except Exception as exc:  # noqa: BLE001 - any student error becomes a message
        raise fail(name, f"your function raised {_exception(exc)} (called with "
                   f"{where}).") from None


def _what(e: np.ndarray) -> str:
    if e.ndim == 0:
        return "a number"
    return f"{e.size} numbers" if e.ndim == 1 else f"an array of shape {e.shape}"


def _result(func: Callable, args: tuple, e: np.ndarray, name: str,
            deadline: float) -> np.ndarray:
    at = _at(args)
    value = call(func, args, name, at)
    return real_values(value, f"{name} (called with {at})", _what(e), deadline)


def _mistake(mistakes: Mapping[str, Callable] | None, points: list, got: list,
             rtol: float, atol: float) -> str | None:
    for message, wrong in (mistakes or {}).items():
        values = [_reference(wrong, p) for p in points]
        if all(g.shape == w.shape and np.allclose(g, w, rtol=rtol, atol=atol)
               for g, w in zip(got, values, strict=True)):
            return message
    return None


def _difference(at: str, g: np.ndarray, e: np.ndarray, rtol: float,
                reveal: bool) -> str:
    if g.shape != e.shape:
        returned = "one number" if g.ndim == 0 else _what(g)
        if g.ndim == 1 and g.size == 1:
            returned = "an array of 1 number"
        return (f"called with {at}, your function returned {returned}, but "
                f"{_what(e)} {'was' if e.ndim == 0 else 'were'} expected.")
    error = float(np.max(np.abs(g - e) / np.maximum(np.abs(e), 1e-300)))
    if np.all(np.isfinite(g)) and error < max(100 * rtol, 1e-9):
        return (f"close, but at {at} off by a relative {error:.1e}; the check asks for "
                f"{rtol:.0e}.")
    if reveal:
        want, have = pair(e[()] if e.ndim == 0 else e, g[()] if g.ndim == 0 else g)
        return f"at {at} expected {want}, got {have}."
    if e.ndim == 0 and np.isfinite(g):
        phrase = how_far(float(g), float(e), rtol)
        return f"at {at} {phrase[0].lower()}{phrase[1:]}"
    return f"at {at} your values are not right."


def _check_array_input(func: Callable, points: list, expected: list, name: str,
                       rtol: float, atol: float, deadline: float) -> None:
    if any(len(p) != 1 or e.ndim != 0 for p, e in zip(points, expected, strict=True)):
        raise ValueError("vectorised=True needs points that are single numbers")
    xs = np.array([p[0] for p in points], dtype=float)
    shown = ", ".join(fmt(v) for v in xs)
    where = f"an array of {xs.size} numbers, np.array([{shown}])"
    try:
        value = func(xs.copy())
    except NotImplementedError:
        raise fail(name, "your function still raises NotImplementedError.") from None
    except Exception as exc:  # noqa: BLE001 - any student error becomes a message
        raise fail(name, "your function works on single numbers, but it must also "
                   f"accept a NumPy array: called with {where}, it raised "
                   f"{_exception(exc)}.",
                   _ARRAY_HINT) from None
    arr = real_values(value, f"{name} (called with an array)", f"{xs.size} numbers",
                      deadline)
    if arr.shape != xs.shape:
        returned = "one number" if arr.ndim == 0 else f"an array of shape {arr.shape}"
        raise fail(name, f"called with {where}, your function returned {returned}; it "
                   "must return one value for each number, an array of shape "
                   f"{xs.shape}.",
                   _ARRAY_HINT)
    want = np.array([float(e) for e in expected])
    close = np.isclose(arr, want, rtol=rtol, atol=atol)
    if not close.all():
        i = int(np.argmin(close))
        raise fail(name, f"called with {where}, your function gives other values than "
                   f"on single numbers: for x = {fmt(xs[i])} it returns {fmt(arr[i])} "
                   f"instead of {fmt(want[i])}.", _ARRAY_HINT)
