"""Every exercise check of chapters 1-8 under attack, argument by argument.

For each argument of each check (a "slot" of ``adversarial_bank``): its right answers
pass; its typical wrong answers are rejected, and for a number or a formula no number
or formula written in the message passes when pasted back; a bank of bad inputs (None,
SymPy sets and relationals, huge integers, complex numbers, generators, functions that
raise or return rubbish...) and hypothesis-generated ones get a CheckFailure, never
another exception, each within ``BUDGET`` seconds (measured here, a behavioural bound
rather than a benchmark).
"""

import math

import numpy as np
import pytest
import sympy as sp
from adversarial_bank import BUDGET, cases, leaked, run, slots
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

SLOTS = slots()
_READ = standard_transformations + (implicit_multiplication_application, convert_xor)
# The same examples on every run; when the checkers change, explore with a larger,
# random run by hand (max_examples=4000, derandomize=False).
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _slot_ids(slot):
    return slot.name


def _problems(slot, category: str, expected: str, leaks: bool = False) -> list[str]:
    problems = []
    for kind, label, make in cases(slot):
        if kind != category:
            continue
        outcome = run(slot, make)
        if outcome.result != expected:
            problems.append(f"{label}: {outcome.result} {outcome.message[:200]}")
        elif outcome.seconds > BUDGET:
            problems.append(f"{label}: took {outcome.seconds:.1f} s")
        elif "0x" in outcome.message or len(outcome.message) > 1200:
            problems.append(f"{label}: message shows an address or is too long")
        elif leaks and leaked(slot, outcome.message):
            problems.append(
                f"{label}: {leaked(slot, outcome.message)} in "
                f"{outcome.message!r} passes when pasted back"
            )
    return problems


@pytest.mark.parametrize("slot", SLOTS, ids=_slot_ids)
def test_right_answers_pass(slot):
    assert not _problems(slot, "right", "accepted")


@pytest.mark.parametrize("slot", SLOTS, ids=_slot_ids)
def test_wrong_answers_are_rejected_without_giving_the_answer_away(slot):
    problems = _problems(slot, "wrong", "rejected", leaks=True)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slot", SLOTS, ids=_slot_ids)
def test_bad_inputs_get_a_message_in_time(slot):
    problems = _problems(slot, "bad", "rejected")
    assert not problems, "\n".join(problems)


# --- generated inputs ----------------------------------------------------------------


def _object_array(items):
    try:
        return np.array(items, dtype=object)
    except ValueError:
        return items


_ATOMS = st.one_of(
    st.none(),
    st.just(Ellipsis),
    st.booleans(),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True, allow_infinity=True),
    st.floats().map(np.float64),
    st.complex_numbers(max_magnitude=1e300).map(np.complex128),
    st.text(max_size=20),
    st.sampled_from(
        [
            sp.oo,
            -sp.oo,
            sp.zoo,
            sp.nan,
            sp.true,
            sp.I,
            sp.pi,
            sp.Symbol("x"),
            sp.Integer(10) ** 400,
            sp.FiniteSet(1),
            sp.EmptySet,
        ]
    ),
    st.just(10**4000).map(lambda n: n * 10**400),  # past the 4300 digits str() allows
)
_VALUES = st.recursive(
    _ATOMS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(st.integers(0, 3), inner, max_size=3),
        st.lists(inner, max_size=3).map(_object_array),
    ),
    max_leaves=8,
)

_SYMBOLS = [sp.Symbol(n) for n in ("x", "a", "h", "s", "ds", "dx", "t", "rho", "phi")]
_LEAVES = st.one_of(
    st.sampled_from(_SYMBOLS + [sp.pi, sp.E, sp.I, sp.oo, sp.zoo, sp.nan]),
    st.integers(min_value=-(10**400), max_value=10**400).map(sp.Integer),
    st.floats(allow_nan=False, allow_infinity=False).map(sp.Float),
    st.fractions(max_denominator=10**6).map(
        lambda q: sp.Rational(q.numerator, q.denominator)
    ),
)
_FUNCTIONS = [
    sp.sin,
    sp.cos,
    sp.tan,
    sp.exp,
    sp.log,
    sp.Abs,
    sp.factorial,
    sp.gamma,
    sp.asin,
    sp.sinh,
]


def _combine(children):
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda p: sp.Add(*p, evaluate=False)),
        pairs.map(lambda p: sp.Mul(*p, evaluate=False)),
        pairs.map(lambda p: sp.Pow(*p, evaluate=False)),
        st.tuples(st.sampled_from(_FUNCTIONS), children).map(
            lambda p: p[0](p[1], evaluate=False)
        ),
    )


_EXPRESSIONS = st.recursive(_LEAVES, _combine, max_leaves=12)
_FORMULA_TEXT = st.text(alphabet="x0123456789+-*/^()!. eE,sincoxplgqrtfa_", max_size=40)


def _accepted_wrongly(slot, value, outcome) -> bool:
    """An accepted generated value must really be the answer (checked for numbers)."""
    if outcome.result != "accepted":
        return False
    if slot.kind != "number":
        return False  # a generated formula equal to the answer is possible, if unlikely
    right = float(sp.N(sp.sympify(slot.right[slot.position])))
    try:
        if isinstance(value, str):
            value = parse_expr(value, transformations=_READ)
        got = float(sp.N(sp.sympify(value)))
    except Exception:  # noqa: BLE001 - not a number SymPy can read: wrongly accepted
        return True
    return not math.isclose(got, right, rel_tol=1e-3, abs_tol=1e-9)


def _attack(slot, value) -> None:
    outcome = run(slot, lambda: value)
    assert outcome.result in ("accepted", "rejected"), outcome.message
    assert outcome.seconds < BUDGET
    assert not _accepted_wrongly(slot, value, outcome), outcome


@FUZZ
@given(slot=st.sampled_from(SLOTS), value=_VALUES)
def test_generated_values_never_crash_a_check(slot, value):
    _attack(slot, value)


@FUZZ
@given(
    slot=st.sampled_from([s for s in SLOTS if s.kind in ("formula", "number")]),
    value=st.one_of(_EXPRESSIONS, _FORMULA_TEXT),
)
def test_generated_formulas_never_crash_a_check(slot, value):
    _attack(slot, value)


def _raising(exc):
    def raising(*args):
        raise exc("generated")

    return raising


_STUDENT_FUNCTIONS = st.one_of(
    _VALUES.map(lambda v: lambda *args: v),
    _EXPRESSIONS.map(lambda v: lambda *args: v),
    st.sampled_from(
        [
            ZeroDivisionError,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            OverflowError,
            RecursionError,
            NotImplementedError,
        ]
    ).map(_raising),
)


@FUZZ
@given(
    slot=st.sampled_from(
        [s for s in SLOTS if s.kind in ("function", "delta", "object")]
    ),
    func=_STUDENT_FUNCTIONS,
)
def test_generated_functions_never_crash_a_check(slot, func):
    _attack(slot, func)
