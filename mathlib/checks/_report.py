"""How a check talks: the failure, the ✓ line, and values described in words.

Nothing here prints a student's object with ``repr`` (which shows memory addresses for
generators and functions) or turns a huge integer into digits (Python refuses beyond
4,300 digits): :func:`describe` names what a value is.
"""

from __future__ import annotations

import functools
import math
import re
import types
import warnings
from collections.abc import Callable, Iterator, Mapping

import numpy as np
import sympy

_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


class CheckFailure(AssertionError):
    """A wrong or unusable answer. Jupyter shows its message without a traceback."""

    __module__ = "mathlib.checks"  # where students import it from

    def _render_traceback_(self) -> list[str]:
        return ["\N{BALLOT X} " + str(self)]


def quiet(check: Callable) -> Callable:
    """Run a check with NumPy's warnings and floating-point warnings silenced: its
    message says what went wrong (a student's overflow, an infinity, a NaN)."""
    @functools.wraps(check)
    def quietly(*args, **kwargs):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return check(*args, **kwargs)
    return quietly


def fail(name: str, problem: str, hint: str | None = None) -> CheckFailure:
    """The exception for a wrong answer: ``"name: problem Hint: hint"``."""
    text = f"{name}: {problem}"
    if hint:
        text += f" Hint: {hint}"
    return CheckFailure(text)


def passed(name: str, detail: str) -> None:
    """Print the one-line success message."""
    print(f"\N{CHECK MARK} {name}: {detail}")


def unfinished(value: object, name: str, what: str) -> CheckFailure | None:
    """The message for ``None`` and the stub's ``...``, else None."""
    if value is Ellipsis:
        return fail(name, f"not filled in yet: replace the `...` with {what}.")
    if value is None:
        return fail(name, f"got None instead of {what}. Did you forget to `return` it?")
    return None


def big_int(n: int) -> str:
    """A whole number in words, without converting a huge one to digits."""
    if abs(n) < 10**15:
        return str(n)
    digits = int(abs(n).bit_length() * math.log10(2)) + 1
    return f"a whole number with about {digits} digits"


def fmt(value: object) -> str:
    """A number, array or function as short text (for values the checker computed)."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return big_int(int(value))
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        text = f"{v:.6g}"
        return f"{v:.10g}" if "e+" in text and abs(v) < 1e15 else text
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iufb":
            return f"an array of shape {value.shape} and type {value.dtype}"
        return np.array2string(value, precision=6, threshold=8, separator=", ")
    return describe(value)


def describe(value: object) -> str:
    """What a value is, in words: its type and size, never a repr with an address."""
    if isinstance(value, str):
        text = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {text!r}"
    if isinstance(value, int | float | np.integer | np.floating | np.ndarray):
        return fmt(value)
    if isinstance(value, types.GeneratorType | Iterator):
        return ("a generator or iterator (from `(... for ...)`, map or zip), which "
                "can be read only once: make it a list or an array, e.g. "
                "np.array([... for ...])")
    if isinstance(value, Mapping):
        return f"a dict with {len(value)} keys"
    if isinstance(value, set | frozenset):
        return f"a set of {len(value)} elements"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__} of {len(value)} items"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if isinstance(value, types.ModuleType):
        return f"the module {value.__name__}"
    if isinstance(value, sympy.Basic):
        return f"a SymPy {type(value).__name__}"
    if callable(value):
        name = callable_name(value)
        return "a function" if name == "a lambda" else f"the function {name}"
    return f"an object of type {type(value).__name__}"


def callable_name(func: Callable) -> str:
    """A function's name as a reader knows it (``sin``, ``a lambda``)."""
    name = getattr(func, "__name__", None)
    if not isinstance(name, str):
        return type(func).__name__
    return "a lambda" if name == "<lambda>" else name


def rough(q: float) -> str:
    """A positive factor or percentage to two digits, for "roughly how far off"."""
    if not math.isfinite(q):
        return "10^308 or more"
    if q >= 1e4:
        return f"10^{round(math.log10(q))}"
    if q < 1e-3:
        return f"{q:.0e}"
    return f"{q:.2g}"


def how_far(got: float, expected: float, rtol: float, whole: bool = False) -> str:
    """Which way a number is off and roughly by how much, without the right value.

    For a whole-number answer (``whole``) within 10 % only the direction is given: a
    percentage would pin the answer down.

    Examples
    --------
    >>> how_far(13.0, 10.0, 1e-6)
    'Yours is too large by about 30 %.'
    >>> how_far(-1.0, 10.0, 1e-6)
    'The sign is flipped, and the size is too small by a factor of about 10.'
    """
    if got == 0:
        return "The answer is not 0."
    if expected == 0:
        return f"Yours is too {'large' if got > 0 else 'small'}."
    size = _size(abs(got), abs(expected), rtol)
    if whole and (got > 0) == (expected > 0) and abs(got / expected - 1) < 0.1:
        return f"Yours is a little too {'large' if got > expected else 'small'}."
    if (got > 0) != (expected > 0):
        return "The sign is flipped" + (f", and the size is {size}." if size else ".")
    if not size:  # within rtol, yet not passing: a check with rtol = 0
        way = "too large" if abs(got) > abs(expected) else "too small"
        size = f"{way} by a relative {abs(got / expected - 1):.1e}"
    return f"Yours is {size}."


def _size(got: float, expected: float, rtol: float) -> str:
    """How much larger or smaller than ``expected`` the positive ``got`` is."""
    log_ratio = math.log10(got) - math.log10(expected)  # got / expected may overflow
    way = "too large" if log_ratio > 0 else "too small"
    if abs(log_ratio) >= 4:
        return f"{way} by a factor of about 10^{round(abs(log_ratio))}"
    q = got / expected
    if math.isclose(q, 1, rel_tol=max(rtol, 1e-12)):
        return ""
    if abs(q - 1) < 1e-3:
        allows = f" (the check allows {rtol:.0e})" if rtol >= 1e-15 else ""
        return f"close, but {way} by a relative {abs(q - 1):.1e}{allows}"
    if 0.5 < q < 2:
        return f"{way} by about {rough(100 * abs(q - 1))} %"
    return f"{way} by a factor of about {rough(max(q, 1 / q))}"


def numbers_in(text: str) -> list[float]:
    """Every number written in a message (to make sure none of them is the answer)."""
    return [float(m) for m in _NUMBER.findall(text)]


def without_answer(text: str, passes: Callable[[float], bool], fallback: str) -> str:
    """``text``, or ``fallback`` if a number in it would pass when pasted back."""
    return fallback if any(passes(v) for v in numbers_in(text)) else text
