"""Checks for exercise answers: quiet on success, one clear paragraph on failure.

Every check either prints a short line starting with ✓ and returns ``None``, or
raises :class:`CheckFailure`. A failure says what is wrong and gives a hint; IPython
shows only that message (through ``_render_traceback_``), not a traceback, while
scripts, pytest and nbval still see an exception. Whatever a student passes (``None``,
the ``...`` of an unfinished stub, a function that raises, NaN, a complex number, a
SymPy set, a number too large for a float, the wrong shape) gets a message, never a
crash inside the checker, and within a bounded time.

Where the exercise asks for a number or a formula, a failure never shows the right one
(``reveal=False``): it says which way and roughly how far off the answer is, or which
property fails. Where it asks for code, it shows the expected value at a test input.

Modules: :mod:`~mathlib.checks.numbers` (numbers and arrays), :mod:`~.function`,
:mod:`~.expression` (formulas), :mod:`~.delta` (ε–δ answers); the private ``_values``
turns any answer into floats or a message, ``_symbolic`` reads formulas and
``_evaluate`` evaluates them within a budget, ``_report`` words the messages.

The exercise pipeline is described in "How to use this book".
"""

from mathlib.checks._report import CheckFailure
from mathlib.checks.delta import check_delta
from mathlib.checks.expression import check_expr
from mathlib.checks.function import check_function
from mathlib.checks.numbers import check_array, check_scalar

__all__ = [
    "CheckFailure", "check_scalar", "check_array", "check_function", "check_expr",
    "check_delta",
]
