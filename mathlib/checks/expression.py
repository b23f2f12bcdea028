"""Check a formula: any equivalent form passes; a wrong one is described, not corrected.

Two formulas are equal when they agree, to ``DPS`` digits, at random real points of both
signs (only positive ones for a symbol declared positive), wherever both are real. That
decides ``log(exp(x)) = x`` as well as ``sin(x)**2 + cos(x)**2 = 1``, and unlike
``simplify`` it takes a bounded time for any answer.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

import mpmath
import numpy as np
import sympy as sp

from mathlib.checks._evaluate import DPS, Undefined, evaluate
from mathlib.checks._report import fail, fmt, how_far, passed, quiet, without_answer
from mathlib.checks._symbolic import short, to_expr

__all__ = ["check_expr"]

_TRIES, _ENOUGH = 24, 12  # points tried, and compared before stopping
_BUDGET = 0.5  # seconds for evaluating the student's formula
_NICE = (sp.Rational(3, 2), sp.Rational(1, 2), sp.Rational(5, 2), sp.Integer(2),
         sp.Rational(1, 3))
_DECIMALS = (" Decimals such as 0.333 are rounded, so they are not exact: write "
             "fractions, e.g. x**3/3.")


@quiet
def check_expr(value: object, expected: object, *, name: str = "expression",
               hint: str | None = None, mistakes: Mapping[str, object] | None = None,
               reveal: bool = False) -> None:
    """Check a symbolic answer by equivalence, so any equivalent form passes.

    Parameters
    ----------
    value : sympy.Expr or str or number
        The student's answer; strings are parsed with SymPy's ``parse_expr`` (never
        ``eval``), accepting ``^`` for powers and implicit products such as ``2x``.
    expected : sympy.Expr or number
        The right answer; its free symbols name the symbols the answer may use.
    name, hint
        As in :func:`check_scalar`.
    mistakes : mapping of str to expression, optional
        Typical wrong answers with the hint to show when the student's equals one.
    reveal : bool
        Show the right answer's value at a test point, its ratio or its offset to the
        student's. Leave it False (the default) where finding the formula is the
        exercise.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> check_expr("cos(x**2)*x*2", 2 * x * sp.cos(x**2), name="derivative")
    ✓ derivative: 2*x*cos(x**2) is right.
    """
    expected = sp.sympify(expected)
    symbols = {s.name: s for s in expected.free_symbols}
    expr = to_expr(value, name, symbols)
    names = {s.name: s for s in expr.free_symbols}
    points = _points({**names, **symbols})
    want = _values(expected, points)
    deadline = time.perf_counter() + _BUDGET
    got = _values(expr, points, where=want, enough=_ENOUGH, deadline=deadline)
    if time.perf_counter() > deadline and len(_pairs(got, want)) < _ENOUGH:
        raise fail(name, f"{_shown(value, expr)} takes too long to evaluate: write it "
                   "more simply.")
    floats = bool(expr.atoms(sp.Float)) and not expected.atoms(sp.Float)
    rtol = 1e-9 if floats and symbols else 1e-25
    if _same(got, want, rtol, len(points)):
        passed(name, f"{expected} is right.")
        return
    shown = _shown(value, expr)
    for message, wrong in (mistakes or {}).items():
        if _same(got, _values(sp.sympify(wrong), points, where=got), rtol,
                 len(points)):
            raise fail(name, f"{shown} is not right.", message)
    if floats and _same(got, want, 1e-2, len(points)):
        raise fail(name, f"{shown} is close, but a decimal is not exact: write exact "
                   "numbers as formulas, e.g. x**3/3, sqrt(2) or log(3)/2.", hint)
    extra = sorted(set(names) - set(symbols))
    if extra:
        uses = ", ".join(sorted(symbols)) or "no variables"
        raise fail(name, f"your answer uses {', '.join(extra)}, but the answer uses "
                   f"{uses}.", hint)
    why = _why(expr, expected, got, want, reveal, deadline)
    raise fail(name, f"{shown} is not equivalent to the expected answer.{why}"
               + (_DECIMALS if floats else ""), hint)


def _shown(value: object, expr: sp.Expr) -> str:
    """The answer as the student wrote it (a string), or as SymPy prints it."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return repr(text if len(text) <= 120 else text[:117] + "...")
    return short(expr)


def _points(symbols: Mapping[str, sp.Symbol]) -> list[dict]:
    """Random points, both signs unless a symbol is declared nonnegative."""
    if not symbols:
        return [{}]
    rng = np.random.default_rng(0)
    names = sorted(symbols)
    points = []
    for _ in range(_TRIES):
        signs = {n: 1 if symbols[n].is_nonnegative else rng.choice([-1, 1])
                 for n in names}
        points.append({n: mpmath.mpf(signs[n] * rng.uniform(0.3, 2.1)) for n in names})
    return points


def _values(expr: sp.Basic, points: list[dict], where: list | None = None,
            enough: int | None = None, deadline: float | None = None) -> list:
    """Real values at the points: None where undefined, too large or not real, and
    where not computed (``where[i]`` is None, ``enough`` values found, past
    ``deadline``)."""
    out, found = [None] * len(points), 0
    with mpmath.workdps(DPS):
        for i, point in enumerate(points):
            if where is not None and where[i] is None:
                continue
            if found == enough or deadline and time.perf_counter() > deadline:
                break
            try:
                v = evaluate(expr, point, deadline=deadline or math.inf)
            except Undefined:
                continue
            if isinstance(v, mpmath.mpc):  # real if the imaginary part is only rounding
                v = v.real if abs(v.imag) <= 1e-30 * abs(v.real) else None
            out[i] = v
            found += v is not None
    return out


def _pairs(a: list, b: list) -> list[tuple]:
    return [(u, v) for u, v in zip(a, b, strict=True)
            if u is not None and v is not None]


def _same(a: list, b: list, rtol: float, tried: int) -> bool:
    pairs = _pairs(a, b)[:_ENOUGH]
    if len(pairs) < (6 if tried > 1 else 1):
        return False
    return all(_close(u, v, rtol) for u, v in pairs)


def _close(u, v, rtol: float) -> bool:
    if mpmath.isinf(u) or mpmath.isinf(v):
        return u == v
    return abs(u - v) <= rtol * max(abs(u), abs(v)) + mpmath.mpf(10) ** -30


def _why(expr: sp.Expr, expected: sp.Expr, got: list, want: list, reveal: bool,
         deadline: float) -> str:
    """How a wrong formula relates to the right one, without showing the right one."""
    pairs = _pairs(got, want)
    if len(pairs) < (6 if len(got) > 1 else 1):
        return (" It is undefined (or not a real number) at most of the test points, "
                "where the right answer is defined.")
    if any(mpmath.isinf(u) or mpmath.isinf(v) for u, v in pairs):
        return " The sign is flipped." if all(u == -v for u, v in pairs) else ""
    missing = sorted({s.name for s in expected.free_symbols}
                     - {s.name for s in expr.free_symbols})
    if not expected.free_symbols:
        u, v = (float(w) for w in pairs[0])
        phrase = " " + how_far(u, v, 1e-12)
        return without_answer(phrase, lambda t: abs(t - v) <= 1e-9 * abs(v), "")
    if missing:
        return (f" Yours does not depend on {', '.join(missing)}, but the right answer "
                "does.")
    ratios = [u / v for u, v in pairs if v != 0]
    if ratios and all(_close(r, -1, 1e-9) for r in ratios):
        return " The sign is flipped."
    if ratios and all(_close(r, ratios[0], 1e-9) for r in ratios):
        r = float(ratios[0])
        if reveal:
            return f" It is {fmt(r)} times the right answer."
        size = how_far(r, 1.0, 1e-12) if 1e-300 < abs(r) < 1e300 else ""
        return " It is off by a constant factor. " + size
    offsets = [u - v for u, v in pairs]
    if all(_close(d, offsets[0], 1e-9) for d in offsets):
        if reveal:
            return f" It is off by a constant {fmt(float(offsets[0]))}."
        return " It is off by a constant (the same amount everywhere)."
    if time.perf_counter() > deadline:
        return ""
    return _at_nice_point(expr, expected, reveal, deadline)


def _at_nice_point(expr: sp.Expr, expected: sp.Expr, reveal: bool,
                   deadline: float) -> str:
    names = sorted({s.name for s in expected.free_symbols})
    for shift in range(len(_NICE)):
        values = {n: _NICE[(i + shift) % len(_NICE)] for i, n in enumerate(names)}
        point = {n: mpmath.mpf(t.p) / t.q for n, t in values.items()}
        (u,) = _values(expr, [point], deadline=deadline)
        (v,) = _values(expected, [point])
        if u is None or v is None or v == 0 or _close(u, v, 1e-9):
            continue
        at = ", ".join(f"{n} = {t}" for n, t in values.items())
        if reveal:
            return (f" At {at} yours gives {fmt(float(u))}, the right answer "
                    f"{fmt(float(v))}.")
        phrase = how_far(float(u), float(v), 1e-12)
        return f" At {at} {phrase[0].lower()}{phrase[1:]}"
    return ""
