"""Checks for exercise answers: quiet on success, one clear paragraph on failure.

Every check either prints a short line starting with ✓ and returns ``None``, or raises
:class:`CheckFailure`. A failure says what was expected, what came back, and a hint;
IPython shows only that message (through ``_render_traceback_``), not a traceback, while
scripts, pytest and nbval still see an exception. Whatever a student passes (``None``, the
``...`` of an unfinished stub, a function that raises, NaN, the wrong shape) gets a message,
never a crash inside the checker.

The exercise pipeline is described in "How to use this book".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import sympy
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

__all__ = [
    "CheckFailure", "check_scalar", "check_array", "check_function", "check_expr", "check_delta",
]

_TRANSFORMS = standard_transformations + (implicit_multiplication_application, convert_xor)


class CheckFailure(AssertionError):
    """A wrong or unusable answer. Jupyter shows its message without a traceback."""

    def _render_traceback_(self) -> list[str]:
        return ["\N{BALLOT X} " + str(self)]


def _fail(name: str, problem: str, hint: str | None = None) -> CheckFailure:
    text = f"{name}: {problem}"
    if hint:
        text += f" Hint: {hint}"
    return CheckFailure(text)


def _passed(name: str, detail: str) -> None:
    print(f"\N{CHECK MARK} {name}: {detail}")


def _fmt(value) -> str:
    if callable(value) and hasattr(value, "__name__"):
        return value.__name__
    if isinstance(value, float | np.floating):
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{float(value):.6g}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=6, threshold=8, separator=", ")
    return repr(value)


def _pair(expected, got) -> tuple[str, str]:
    """Expected and got as text, with enough digits that they visibly differ."""
    a, b = _fmt(expected), _fmt(got)
    numbers = all(isinstance(v, float | np.floating) for v in (expected, got))
    if a == b and numbers:
        a, b = repr(float(expected)), repr(float(got))
        relative = abs(float(got) - float(expected)) / max(abs(float(expected)), 1e-300)
        b += f" (relative error {relative:.1e})"
    return a, b


def _unusable(value, name: str, what: str) -> CheckFailure | None:
    """A message for answers that cannot be compared at all, else None."""
    if value is Ellipsis:
        return _fail(name, f"not filled in yet: replace the `...` with {what}.")
    if value is None:
        return _fail(name, f"got None instead of {what}. Did you forget to `return` it?")
    return None


def _to_array(value, name: str, what: str) -> np.ndarray:
    problem = _unusable(value, name, what)
    if problem:
        raise problem
    if callable(value) and not isinstance(value, np.ndarray):
        raise _fail(name, f"got a function, but {what} was expected. Call it and pass the result.")
    if isinstance(value, str):  # "1/8" or "sqrt(2)" is a number too
        try:
            parsed = _to_expr(value, name, {})
        except CheckFailure:
            parsed = None
        if isinstance(parsed, sympy.Basic) and parsed.is_number:
            value = parsed
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            raise _fail(name, f"got the expression {value}, with symbols left in it; "
                        f"{what} was expected. Substitute numbers (e.g. with .subs).")
        value = float(value) if value.is_real else complex(value)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _fail(name, f"expected {what}, got {type(value).__name__} {value!r:.60}.") from None
    if np.isnan(arr).any():
        raise _fail(name, "the answer contains NaN (not a number): look for 0/0, inf - inf, "
                    "or the log or square root of a negative number.")
    return arr


def _diagnose(got: np.ndarray, expected: np.ndarray) -> str:
    """Say how a wrong numeric answer relates to the right one, when it is simple.

    With one number any wrong answer is a constant multiple of the right one, so only a
    sign flip or a small whole-number factor (2, 1/2, 3, ...) is named there.
    """
    mask = np.abs(expected) > 1e-12
    if not mask.any() or not np.all(np.isfinite(got)):
        return ""
    if np.all(got == 0):
        return " Your values are all 0."
    ratio = got[mask] / expected[mask]
    r = float(ratio.flat[0])
    if np.allclose(ratio, r, rtol=1e-6) and not np.isclose(r, 1):
        if np.isclose(r, -1):
            return " The sign is flipped."
        nice = any(np.isclose(r, k) or np.isclose(r, 1 / k) for k in (2, 3, 4, 10, 100))
        if ratio.size > 1 or nice:
            return f" It is off by a factor of {r:.4g}."
    offset = got - expected
    visible = abs(offset.flat[0]) > 1e-9 * max(1.0, float(np.abs(expected).max()))
    if got.size > 1 and visible and np.allclose(offset, offset.flat[0], rtol=1e-6, atol=1e-12):
        return f" It is off by a constant {float(offset.flat[0]):.4g}."
    return ""


def check_scalar(value, expected: float, *, name: str = "answer", rtol: float = 1e-6,
                 atol: float = 1e-9, hint: str | None = None) -> None:
    """Check a number against the expected one, within tolerances.

    Parameters
    ----------
    value : object
        The student's answer.
    expected : float
        The right answer.
    name : str
        What the answer is, used in messages (e.g. "Exercise 1.1").
    rtol, atol : float
        Relative and absolute tolerance, as in :func:`numpy.isclose`.
    hint : str, optional
        Shown when the answer is wrong.

    Raises
    ------
    CheckFailure
        If the answer is unusable or differs from ``expected``.

    Examples
    --------
    >>> check_scalar(0.1 + 0.2, 0.3, name="sum")
    ✓ sum: 0.3 is right.
    """
    arr = _to_array(value, name, "a number")
    if arr.ndim != 0:
        raise _fail(name, f"expected one number, got an array of shape {arr.shape}.")
    got = float(arr)
    if not np.isclose(got, expected, rtol=rtol, atol=atol):
        why = _diagnose(np.atleast_1d(arr), np.atleast_1d(float(expected)))
        want, have = _pair(float(expected), got)
        raise _fail(name, f"expected {want}, got {have}.{why}", hint)
    _passed(name, f"{_fmt(got)} is right.")


def check_array(value, expected, *, name: str = "answer", rtol: float = 1e-6,
                atol: float = 1e-9, hint: str | None = None) -> None:
    """Check an array against the expected one: shape first, then values.

    A transposed answer is recognised and named as such.

    Examples
    --------
    >>> check_array([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]]), name="A")
    ✓ A: all 4 entries are right.
    """
    expected = np.asarray(expected, dtype=float)
    arr = _to_array(value, name, f"an array of shape {expected.shape}")
    if arr.shape != expected.shape:
        if arr.ndim == 2 and arr.T.shape == expected.shape and np.allclose(arr.T, expected,
                                                                          rtol=rtol, atol=atol):
            raise _fail(name, f"this is the transpose of the answer (shape {arr.shape}, "
                        f"expected {expected.shape}).", hint)
        raise _fail(name, f"expected shape {expected.shape}, got shape {arr.shape}.", hint)
    close = np.isclose(arr, expected, rtol=rtol, atol=atol)
    if not close.all():
        where = tuple(int(i) for i in np.argwhere(~close)[0])
        why = _diagnose(arr, expected)
        raise _fail(name, f"{int((~close).sum())} of {arr.size} entries are wrong; at index "
                    f"{where} expected {_fmt(expected[where])}, got {_fmt(arr[where])}.{why}",
                    hint)
    _passed(name, f"all {arr.size} entries are right.")


def _call(func: Callable, args: tuple, name: str):
    try:
        return func(*args)
    except NotImplementedError:
        raise _fail(name, "your function still raises NotImplementedError: write its body "
                    "in the cell above and run that cell again.") from None
    except Exception as exc:  # noqa: BLE001 - any student error becomes a message
        at = ", ".join(_fmt(a) for a in args)
        raise _fail(name, f"your function raised {type(exc).__name__}: {exc} "
                    f"(called with {at}).") from None


def check_function(func, reference: Callable, points: Iterable, *, name: str = "function",
                   rtol: float = 1e-6, atol: float = 1e-9, hint: str | None = None,
                   mistakes: Mapping[str, Callable] | None = None) -> None:
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
        Typical wrong functions with the message to show when the student's matches one,
        e.g. ``{"you divided by 2h instead of h": lambda f, x, h: ...}``.

    Examples
    --------
    >>> check_function(lambda x: 2 * x, lambda x: x + x, [0.5, 1.0, 3.0], name="double")
    ✓ double: right at all 3 points.
    """
    problem = _unusable(func, name, "a function")
    if problem:
        raise problem
    if not callable(func):
        raise _fail(name, f"expected a function, got {type(func).__name__} {func!r:.60}.")
    points = [p if isinstance(p, tuple) else (p,) for p in points]
    got = [_to_array(_call(func, p, name), name, "a number") for p in points]
    expected = [np.asarray(reference(*p), dtype=float) for p in points]
    for args, g, e in zip(points, got, expected, strict=True):
        if g.shape != e.shape or not np.allclose(g, e, rtol=rtol, atol=atol):
            at = "(" + ", ".join(_fmt(a) for a in args) + ")" if len(args) > 1 else _fmt(args[0])
            for message, wrong in (mistakes or {}).items():
                if all(np.allclose(gg, np.asarray(wrong(*p), dtype=float), rtol=rtol, atol=atol)
                       for p, gg in zip(points, got, strict=True)):
                    hint = message
                    break
            why = ""
            if all(gg.shape == ee.shape for gg, ee in zip(got, expected, strict=True)):
                why = _diagnose(np.concatenate([np.ravel(x) for x in got]),
                                np.concatenate([np.ravel(x) for x in expected]))
            want, have = _pair(e[()] if e.ndim == 0 else e, g[()] if g.ndim == 0 else g)
            raise _fail(name, f"at {at} expected {want}, got {have}.{why}", hint)
    _passed(name, f"right at all {len(points)} points.")


def _to_expr(value, name: str, symbols: Mapping[str, sympy.Symbol]) -> sympy.Expr:
    problem = _unusable(value, name, "an expression")
    if problem:
        raise problem
    if isinstance(value, str):
        unreadable = _fail(name, f"could not read {value!r} as a formula. Write products "
                           "with * and powers with ** or ^, e.g. '2*x*cos(x**2)'.")
        if "__" in value or "lambda" in value or len(value) > 500:
            raise unreadable
        # parse_expr evaluates the tokens it builds, so it sees SymPy's names and nothing else.
        namespace = {"__builtins__": {}, **vars(sympy)}
        local = {"e": sympy.E, **symbols}  # e^x means exp(x) unless the answer uses a symbol e
        try:
            expr = parse_expr(value, local_dict=local, global_dict=namespace,
                              transformations=_TRANSFORMS)
        except Exception:  # noqa: BLE001 - any parse error becomes a message
            raise unreadable from None
        if not isinstance(expr, sympy.Basic):
            raise unreadable
        return expr
    if isinstance(value, bool) or callable(value) and not isinstance(value, sympy.Basic):
        raise _fail(name, f"expected a SymPy expression or a string such as '2*x', "
                    f"got {type(value).__name__}.")
    try:
        return sympy.sympify(value, strict=True)
    except (sympy.SympifyError, TypeError):
        raise _fail(name, f"expected a SymPy expression or a string, "
                    f"got {type(value).__name__}.") from None


def _numerically_equal(a: sympy.Expr, b: sympy.Expr, rtol: float = 1e-9) -> bool:
    """True when a and b agree at 12 random real points (for what simplify cannot prove,
    such as log(exp(x)) = x, which holds for the real x of this book)."""
    symbols = sorted(b.free_symbols, key=str)
    if not symbols:
        return False
    rng = np.random.default_rng(0)
    compared = 0
    for _ in range(24):  # both signs (|x| and x agree only for x > 0) unless x is positive
        point = {s: sympy.Float((1 if s.is_nonnegative else rng.choice([-1, 1]))
                                * rng.uniform(0.3, 2.1)) for s in symbols}
        u, v = _float(a.subs(point)), _float(b.subs(point))
        if not all(isinstance(w, float) and np.isfinite(w) for w in (u, v)):
            continue  # outside one side's real domain (e.g. log of a negative number)
        if not np.isclose(u, v, rtol=rtol, atol=1e-12):
            return False
        compared += 1
    return compared >= 6


def _float(value: sympy.Expr):
    number = complex(sympy.N(value))
    return number.real if number.imag == 0 else number


def check_expr(value, expected, *, name: str = "expression", hint: str | None = None,
               mistakes: Mapping[str, object] | None = None) -> None:
    """Check a symbolic answer by SymPy equivalence, so any equivalent form passes.

    Parameters
    ----------
    value : sympy.Expr or str or number
        The student's answer; strings are parsed with SymPy's ``parse_expr`` (never
        ``eval``), accepting ``^`` for powers and implicit products such as ``2x``.
    expected : sympy.Expr or str or number
        The right answer; its free symbols name the symbols a string may use.
    name, hint
        As in :func:`check_scalar`.
    mistakes : mapping of str to expression, optional
        Typical wrong answers with the message to show when the student's equals one.

    Examples
    --------
    >>> x = sympy.Symbol("x")
    >>> check_expr("cos(x**2)*x*2", 2 * x * sympy.cos(x**2), name="derivative")
    ✓ derivative: 2*x*cos(x**2) is right.
    """
    expected = sympy.sympify(expected)
    symbols = {str(s): s for s in expected.free_symbols}
    expr = _to_expr(value, name, symbols)
    if expr.has(sympy.Order):  # e.g. the result of sp.series: compare the polynomial part
        expr = expr.removeO()
    # A student's x may carry other assumptions (e.g. real=True) than the answer's x: the
    # same name means the same variable, so swap in the answer's symbols before comparing.
    expr = expr.xreplace({s: symbols[s.name] for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol) and s.name in symbols})
    extra = {str(s) for s in expr.free_symbols} - set(symbols)
    if extra:  # an unsimplified answer may mention a symbol that cancels out
        expr = sympy.simplify(expr)
        extra = {str(s) for s in expr.free_symbols} - set(symbols)
    if extra:
        uses = ", ".join(sorted(symbols)) or "no variables"
        raise _fail(name, f"your answer uses {', '.join(sorted(extra))}, but the answer uses "
                    f"{uses}.", hint)
    if expr.has(sympy.nan) or expr.has(sympy.zoo):
        raise _fail(name, f"{expr} is undefined (NaN or complex infinity).", hint)

    diff = sympy.simplify(expr - expected) if not expected.has(sympy.oo, -sympy.oo) else None
    if expr == expected or diff == 0 or _numerically_equal(expr, expected):
        _passed(name, f"{expected} is right.")
        return
    for message, wrong in (mistakes or {}).items():
        if sympy.simplify(expr - sympy.sympify(wrong)) == 0:
            raise _fail(name, f"{expr} is not right.", message)
    if expr.atoms(sympy.Float) and not expected.atoms(sympy.Float):
        close = (_numerically_equal(expr, expected, rtol=1e-2) if expected.free_symbols
                 else abs(_float(expr - expected)) < 1e-2 * max(1.0, abs(_float(expected))))
        if close:
            raise _fail(name, f"{expr} is close, but a decimal is not exact: write exact "
                        "numbers as formulas, e.g. x**3/3, sqrt(2) or log(3)/2.", hint)
    why = ""
    ratio = sympy.simplify(expr / expected) if expected != 0 and diff is not None else None
    if diff is not None and diff.is_number and expected.free_symbols:
        why = f" It is off by a constant {diff}."
    elif ratio == -1:
        why = " The sign is flipped."
    elif ratio is not None and ratio.is_number and ratio.is_finite:
        why = f" It is {ratio} times the right answer."
    elif ratio is not None and not ratio.has(sympy.oo) and sympy.count_ops(ratio) <= 6:
        why = f" It is ({ratio}) times the right answer: a missing factor?"
    elif len(expected.free_symbols) == 1:
        point = {next(iter(expected.free_symbols)): sympy.Rational(3, 2)}
        want, have = _pair(_float(expected.subs(point)), _float(expr.subs(point)))
        why = f" At {point} yours gives {have}, the right answer {want}."
    raise _fail(name, f"{expr} is not equivalent to the expected answer.{why}", hint)


def check_delta(delta_for, f: Callable, a: float, limit: float, *, name: str = "delta",
                epsilons: Iterable[float] = (1.0, 0.3, 0.1, 1e-2, 1e-4, 1e-8),
                hint: str | None = None) -> None:
    """Check an ε–δ answer: ``delta_for(eps)`` must give a δ > 0 that works for every ε.

    Any working δ passes (a smaller one is as good as the largest); a δ that fails is
    shown with the point ``x`` where ``|f(x) - limit| >= eps``.

    Examples
    --------
    >>> check_delta(lambda eps: eps / 3, lambda x: 3 * x - 1, 2.0, 5.0, name="δ(ε)")
    ✓ δ(ε): δ works for all 6 values of ε tried.

    See chapter 1, "Limits, secants and tangents".
    """
    from mathlib.limits import delta_works

    problem = _unusable(delta_for, name, "a function of eps")
    if problem:
        raise problem
    if not callable(delta_for):
        raise _fail(name, f"expected a function delta_for(eps), got {type(delta_for).__name__}.")
    epsilons = list(epsilons)
    for eps in epsilons:
        delta = _to_array(_call(delta_for, (eps,), name), name, "a number δ")
        if delta.ndim != 0 or not np.isfinite(delta) or delta <= 0:
            raise _fail(name, f"for ε = {eps:g} it returned {_fmt(delta)}; δ must be one "
                        "positive number.", hint)
        result = delta_works(f, a, limit, eps, float(delta))
        if not result.works:
            raise _fail(name, f"for ε = {eps:g} it gives δ = {float(delta):.4g}, which is too "
                        f"large: at x = {result.witness:.6g} (inside 0 < |x - a| < δ) "
                        f"|f(x) - L| = {result.gap:.6g}, not below ε.", hint)
    _passed(name, f"δ works for all {len(epsilons)} values of ε tried.")
