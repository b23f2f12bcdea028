"""One path from whatever a student passes to a float array, or to a message.

Numbers, NumPy arrays and scalars, nested lists, SymPy numbers and strings such as
``"1/8"`` become floats. Everything else gets a message that names it: ``None`` (also
inside a list), truth values, complex numbers with a non-zero imaginary part (a
forgotten ``.imag`` after a complex step), integers too large for a float, text,
generators, dicts, sets, SymPy objects that are not numbers, ragged lists, NaN.
"""

from __future__ import annotations

import time

import mpmath
import numpy as np
import sympy as sp

from mathlib.checks._evaluate import DPS, TooSlow, Undefined, evaluate, real_value
from mathlib.checks._report import big_int, describe, fail, fmt, unfinished
from mathlib.checks._symbolic import inspect, not_an_expression, parse, short

_FLOAT_MAX = float(np.finfo(float).max)  # a Python float: compared exactly with ints
_MAX_NESTING = 32
_BUDGET = 1.0  # seconds to evaluate SymPy numbers in one answer


def real_values(value: object, name: str, what: str,
                deadline: float | None = None) -> np.ndarray:
    """``value`` as a float array, or a :class:`CheckFailure` saying why it is not one.

    Infinities pass (the comparison names them); NaN does not. A SymPy number is
    evaluated until ``deadline`` (``time.perf_counter()``; by default one second from
    now). Call it inside a check (see ``_report.quiet``), where NumPy's warnings are
    silenced.

    Examples
    --------
    >>> real_values([1, "1/2", sp.Rational(1, 4)], "x", "an array").tolist()
    [1.0, 0.5, 0.25]
    """
    problem = unfinished(value, name, what)
    if problem:
        raise problem
    arr = _fast(value)
    if arr is None:
        deadline = time.perf_counter() + _BUDGET if deadline is None else deadline
        nested = _element(value, name, what, (), deadline)
        try:
            arr = np.array(nested, dtype=float)
        except ValueError:
            raise fail(name, f"expected {what}, got a list whose rows have different "
                       "lengths (a ragged list).") from None
    if np.isnan(arr).any():
        where = _at(tuple(int(i) for i in np.argwhere(np.isnan(arr))[0]))
        raise fail(name, f"the answer contains NaN (not a number){where}: look for "
                   "0/0, inf - inf, or the log or square root of a negative number.")
    return arr


def _fast(value: object) -> np.ndarray | None:
    """The common cases without a walk through the elements; None for the rest."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, float | np.floating | np.integer):
        return np.array(float(value))
    if isinstance(value, int):
        return np.array(float(value)) if abs(value) <= _FLOAT_MAX else None
    if isinstance(value, np.ndarray | list | tuple):
        try:
            arr = np.asarray(value)
        except Exception:  # noqa: BLE001 - ragged, huge or odd elements: walk them
            return None
        if arr.dtype.kind in "iuf":
            return arr.astype(float)
    return None


def _at(where: tuple) -> str:
    if not where:
        return ""
    return f" at index {where[0] if len(where) == 1 else where}"


def _element(v: object, name: str, what: str, where: tuple, deadline: float):
    """A float or a nested list of floats; a message naming the first bad element."""
    at = _at(where)
    if len(where) > _MAX_NESTING:
        raise fail(name, f"expected {what}, got lists nested more than {_MAX_NESTING} "
                   "deep.")
    if v is None or v is Ellipsis:
        shown = "None" if v is None else "`...`"
        raise fail(name, f"expected {what}, but it contains {shown}{at}. Did a "
                   "function forget to `return` its value?")
    if isinstance(v, bool | np.bool_):
        raise fail(name, f"expected {what}, got the truth value {bool(v)}{at}.")
    if isinstance(v, int | np.integer):
        if abs(int(v)) > _FLOAT_MAX:
            raise fail(name, f"expected {what}, got {big_int(int(v))}{at}, which is "
                       "too large for a floating-point number.")
        return float(v)
    if isinstance(v, float | np.floating):
        return float(v)
    if isinstance(v, complex | np.complexfloating):
        return _real_part(complex(v), name, at)
    if isinstance(v, np.ndarray):
        if v.dtype.kind in "iuf":
            return v.astype(float).tolist()
        if v.dtype.kind == "b":
            raise fail(name, f"expected {what}, got an array of truth values{at}.")
        if v.dtype.kind not in "cO":
            raise fail(name, f"expected {what}, got an array of type {v.dtype}{at}.")
        if v.ndim == 0:
            return _element(v[()], name, what, where, deadline)
        return [_element(e, name, what, where + (i,), deadline)
                for i, e in enumerate(v)]
    if isinstance(v, list | tuple):
        return [_element(e, name, what, where + (i,), deadline)
                for i, e in enumerate(v)]
    if isinstance(v, sp.MatrixBase):
        return _element(v.tolist(), name, what, where, deadline)
    if isinstance(v, str):
        return _text(v, name, what, at, deadline)
    if isinstance(v, sp.Basic):
        return _sympy_number(v, name, what, at, deadline)
    if callable(v):
        raise fail(name, f"got {describe(v)}, but {what} was expected{at}. Call it and "
                   "pass the result.")
    if hasattr(v, "__float__") and not isinstance(v, type):  # Fraction, Decimal, ...
        try:
            return float(v)
        except OverflowError:
            raise fail(name, f"expected {what}, got a number{at} too large for a "
                       "floating-point number.") from None
        except Exception:  # noqa: BLE001 - a broken __float__: described below
            pass
    raise fail(name, f"expected {what}, got {describe(v)}{at}.")


def _real_part(z: complex | mpmath.mpc, name: str, at: str) -> float:
    """The real number z, or a message if its imaginary part is not 0."""
    if z.imag == 0:
        return float(z.real)
    sign = "-" if z.imag < 0 else "+"
    shown = f"{_part(z.real)} {sign} {_part(abs(z.imag))}j"
    raise fail(name, f"your answer is complex ({shown}){at}; did you forget `.imag` or "
               "`.real`?")


def _part(v) -> str:
    """A real or imaginary part, also one too small for a float (an mpf)."""
    f = float(v)
    return mpmath.nstr(v, 6) if f == 0 and v != 0 else fmt(f)


def _text(text: str, name: str, what: str, at: str, deadline: float) -> float:
    """A number written as text, such as "1/8" or "sqrt(2)"."""
    try:
        parsed = parse(text, name, {})
    except Exception:  # noqa: BLE001 - not a formula: say so below
        parsed = None
    if isinstance(parsed, sp.Expr) and not parsed.free_symbols:
        return _sympy_number(parsed, name, what, at, deadline)
    raise fail(name, f"expected {what}, got {describe(text)}{at}.")


def _sympy_number(v: sp.Basic, name: str, what: str, at: str,
                  deadline: float) -> float:
    kind = not_an_expression(v)
    if kind:
        raise fail(name, f"expected {what}, got {kind[0]}{at}; {kind[1]}.")
    if v is sp.nan:
        raise fail(name, f"the answer is NaN (not a number){at}.")
    if v is sp.zoo:
        raise fail(name, f"the answer is complex infinity (zoo){at}, e.g. from 1/0.")
    inspect(v, name)
    if v.free_symbols:
        raise fail(name, f"got the expression {short(v)}{at}, with symbols left in it; "
                   f"{what} was expected. Substitute numbers (e.g. with .subs).")
    try:
        with mpmath.workdps(DPS):
            value = evaluate(v, {}, deadline=deadline)
    except TooSlow:
        raise fail(name, f"{short(v)}{at} takes too long to evaluate: write it more "
                   "simply.") from None
    except Undefined:
        raise fail(name, f"{short(v)}{at} has no value that can be computed: it is "
                   "undefined, or too large or too small for a float.") from None
    real = real_value(value)
    return _real_part(value, name, at) if real is None else real
