"""Formulas from students, read within a fixed budget.

A string is parsed with SymPy's ``parse_expr`` (never ``eval``) from a short list of
names, without evaluation, so ``"9**9**9"`` or ``"factorial(10**9)"`` stays a small
tree. Any answer, string or SymPy object, is refused when it is not an expression (an
equation, a set, a Matrix...), when it is too big (more than ``MAX_NODES`` nodes or
``MAX_DIGITS`` digits in one number) or when it uses a function outside the table of
``_evaluate``, which then compares it with the right answer, never ``simplify`` (whose
running time has no bound).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.sympy_parser import (
    convert_xor,
    implicit_multiplication_application,
    parse_expr,
    standard_transformations,
)

from mathlib.checks._evaluate import CONSTANTS, FUNCTIONS
from mathlib.checks._report import describe, fail, unfinished

MAX_NODES = 1000        # nodes of the expression tree
MAX_DEPTH = 60          # nesting
MAX_DIGITS = 300        # digits of one integer (numerator or denominator)
MAX_FLOAT_BITS = 20000  # precision of one Float (Float('1e300') has 1003 bits)
MAX_TEXT = 1000         # characters of a string answer
_TRANSFORMS = standard_transformations + (implicit_multiplication_application,
                                          convert_xor)
_ATTRIBUTE = re.compile(r"\.\s*[A-Za-z_]")
# Not in a formula: quotes, brackets, the operators that Python, not SymPy, would
# evaluate ('x' * 10**9, 10 << 10**9, 10**9 // 7), and numbers with a leading 0 (Python
# would read "01" as 0 times 1).
_FORBIDDEN = re.compile(r"[^\w\s+\-*/^().,!=<>]|<<|>>|//|(?<![\w.])0\d")
_CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\s*\(")
_UNEVALUATED = (sp.Derivative, sp.Integral, sp.Limit, sp.Sum, sp.Product, sp.Subs)


def short(expr: sp.Basic, width: int = 120) -> str:
    """An expression as text, cut at ``width`` characters.

    SymPy's usual order of terms evaluates numeric terms to sort them, which for a term
    such as sin(10**100) takes unbounded time; such sums keep the order they have.
    """
    order = None if _sortable(expr) else "none"
    text = sp.sstr(expr, order=order, full_prec=False)
    return text if len(text) <= width else text[: width - 3] + "..."


def _sortable(expr: sp.Basic) -> bool:
    """True when printing in SymPy's order evaluates nothing but plain numbers (it
    evaluates every numeric coefficient and factor of a sum's terms)."""
    for add in sp.preorder_traversal(expr):
        if not isinstance(add, sp.Add):
            continue
        for term in add.args:
            coeff, rest = term.as_coeff_Mul()
            if not coeff.is_Number or any(
                    f.is_number and not f.is_Number for f in sp.Mul.make_args(rest)):
                return False
    return True


# --- reading an answer ---------------------------------------------------------------

def _lazy(func: Callable) -> Callable:
    """``func`` that never evaluates: a call such as Pow(9, 9**9) stays a small tree."""
    return lambda *args, **options: func(*args, evaluate=False)


def _literal(cls: type) -> Callable:
    """Integer(...), Float(...): numbers written out, nothing to evaluate."""
    def make(value):
        if not isinstance(value, int | float | str | sp.Integer | sp.Float):
            raise TypeError(f"{cls.__name__} of {type(value).__name__}")
        return cls(value)
    return make


def _rational(p, q=1):
    if not all(isinstance(v, int | sp.Integer) for v in (p, q)):
        raise TypeError("Rational of an expression")
    return sp.Rational(p, q)


def _order(expr):
    """O(x**n), the remainder term of a series (its argument can be nothing else)."""
    if not (expr.is_Symbol or expr.is_Pow and expr.base.is_Symbol
            and expr.exp.is_Integer and 0 < expr.exp <= 100):
        raise TypeError("O() of something other than x**n")
    return sp.Order(expr)


def _names() -> dict:
    """The names a string answer may use (other names become symbols, and a call of an
    unknown name is refused by :func:`parse`). Nothing they build evaluates itself."""
    names = {name: getattr(sp, name) for name in (
        "Symbol", "Function",
        "sin", "cos", "tan", "cot", "sec", "csc", "asin", "acos", "atan", "acot",
        "sinh", "cosh", "tanh", "coth", "asinh", "acosh", "atanh",
        "exp", "log", "ln", "sqrt", "cbrt", "Abs", "sign", "re", "im", "arg",
        "conjugate", "pi", "E", "I", "oo", "zoo", "nan", "EulerGamma", "GoldenRatio")}
    for name in ("Add", "Mul", "Pow", "Eq", "Ne", "Lt", "Le", "Gt", "Ge", "And", "Or",
                 "Not", "floor", "ceiling", "Min", "Max", "factorial", "binomial",
                 "gamma", "erf", "erfc", "atan2", "Heaviside", "root"):
        names[name] = _lazy(getattr(sp, name))  # evaluated by us, within the budget
    names.update(Integer=_literal(sp.Integer), Float=_literal(sp.Float),
                 Rational=_rational, O=_order, abs=names["Abs"])
    return {"__builtins__": {}, **names}


def parse(text: str, name: str, symbols: Mapping[str, sp.Symbol]) -> sp.Basic:
    """Read a formula without evaluating it; the answer's symbols keep their names."""
    unreadable = fail(name, f"could not read {describe(text)} as a formula. Write "
                      "products with * and powers with ** or ^, e.g. '2*x*cos(x**2)'.")
    if len(text) > MAX_TEXT:
        raise fail(name, f"the formula is {len(text)} characters long; that cannot be "
                   "the answer here.")
    if (_FORBIDDEN.search(text) or "__" in text or "lambda" in text
            or _ATTRIBUTE.search(text)):
        raise unreadable
    known = _names()
    for called in _CALL.findall(text):
        if called not in known and called not in symbols and called != "e":
            raise fail(name, f"it uses {called}(...), a function this check does not "
                       "know: write the formula with functions such as exp, log, sin, "
                       "sqrt.")
    local = {"e": sp.E, **symbols}  # e^x means exp(x) unless the answer uses a symbol e
    try:
        expr = parse_expr(text, local_dict=local, global_dict=known,
                          transformations=_TRANSFORMS, evaluate=False)
    except Exception:  # noqa: BLE001 - any parse error becomes a message
        raise unreadable from None
    if isinstance(expr, bool):
        return sp.true if expr else sp.false
    if not isinstance(expr, sp.Basic):
        raise fail(name, f"{describe(text)} is {describe(expr)}, not one formula.")
    return expr


def not_an_expression(obj: sp.Basic) -> tuple[str, str] | None:
    """What a SymPy object is and what to do, when it is not an expression; else None.

    Examples
    --------
    >>> not_an_expression(sp.FiniteSet(2))[0]
    'a set (FiniteSet)'
    """
    if isinstance(obj, sp.Expr) and not isinstance(
            obj, (sp.Lambda, sp.MatrixExpr, sp.Poly, *_UNEVALUATED)):
        return None  # (a Symbol is also a Boolean, so this test comes first)
    name = type(obj).__name__
    if isinstance(obj, sp.logic.boolalg.BooleanAtom):
        return f"a truth value ({obj})", "a comparison gives True or False, not a value"
    if isinstance(obj, sp.Equality):
        return "an equation (Eq)", "give the value itself, e.g. a solution of sp.solve"
    if isinstance(obj, sp.core.relational.Relational):
        return "an inequality (such as x > 0)", "give the value itself"
    if isinstance(obj, sp.logic.boolalg.Boolean):
        return "a logical condition", "give the value itself"
    if isinstance(obj, sp.Set):
        return (f"a set ({name})",
                "sp.solveset returns sets: take the element out, e.g. list(s)[0]")
    if isinstance(obj, sp.MatrixBase | sp.MatrixExpr):
        rows, cols = obj.shape
        return (f"a {rows}×{cols} Matrix",
                "take the entry you need, or the determinant with .det()")
    if isinstance(obj, sp.Dict):
        return "a SymPy Dict", "take the value out of it, e.g. d[x]"
    if isinstance(obj, sp.Tuple):
        return f"a tuple of {len(obj)} items", "take the item you need, e.g. t[0]"
    if isinstance(obj, sp.Lambda):
        return "a Lambda (a function)", "give the formula itself, e.g. f(x) or f.expr"
    if isinstance(obj, sp.Poly):
        return "a Poly", "turn it into a formula with .as_expr()"
    if isinstance(obj, _UNEVALUATED):
        return f"an unevaluated {name}", "work it out with .doit() first"
    return f"a SymPy {name}", "give a formula or a number"


def to_expr(value: object, name: str, symbols: Mapping[str, sp.Symbol]) -> sp.Expr:
    """The answer as a bounded expression, or a CheckFailure saying why it is not."""
    problem = unfinished(value, name, "an expression")
    if problem:
        raise problem
    if isinstance(value, str):
        expr = parse(value, name, symbols)
    elif isinstance(value, bool | np.bool_):
        raise fail(name, f"got the truth value {bool(value)}, not a formula.")
    elif isinstance(value, sp.Basic):
        expr = value
    elif isinstance(value, int | np.integer):
        if abs(int(value)).bit_length() > 3.33 * MAX_DIGITS:
            raise fail(name, f"the number has more than {MAX_DIGITS} digits; that "
                       "cannot be the answer here.")
        expr = sp.Integer(int(value))
    elif isinstance(value, float | complex | np.floating | np.complexfloating):
        expr = sp.sympify(complex(value) if np.iscomplexobj(value) else float(value))
    elif isinstance(value, sp.MatrixBase):
        what, advice = not_an_expression(value)
        raise fail(name, f"got {what}, but a formula was expected; {advice}.")
    elif isinstance(value, list | tuple) and value:
        raise fail(name, f"got {describe(value)}, but one formula was expected "
                   "(sp.solve returns a list: take the element you need, e.g. [0]).")
    else:
        raise fail(name, f"expected a SymPy expression or a string such as '2*x', got "
                   f"{describe(value)}.")
    kind = not_an_expression(expr)
    if kind:
        raise fail(name, f"got {kind[0]}, but a formula was expected; {kind[1]}.")
    inspect(expr, name)
    if expr.is_Add or isinstance(expr, sp.Order):  # e.g. sp.series(...): drop O()
        terms = [a for a in sp.Add.make_args(expr) if not isinstance(a, sp.Order)]
        expr = sp.Add(*terms, evaluate=False)
    if expr.has(sp.Order):
        raise fail(name, "the formula contains an O(...) term; remove it with "
                   ".removeO().")
    return expr


def inspect(expr: sp.Basic, name: str) -> None:
    """Refuse an expression that is too big or that the evaluator cannot evaluate."""
    stack, count = [(expr, 1)], 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_DEPTH:
            limit = f"{MAX_NODES} parts" if count > MAX_NODES else f"{MAX_DEPTH} levels"
            raise fail(name, f"the formula has more than {limit}; that cannot be the "
                       "answer here.")
        problem = _node_problem(node)
        if problem:
            raise fail(name, problem)
        if isinstance(node, sp.Order):
            continue  # removed before comparing; its args hold a point, not a formula
        if not isinstance(node, sp.Piecewise):
            stack.extend((arg, depth + 1) for arg in node.args)
        else:
            for pair in node.args:
                stack.append((pair.expr, depth + 1))
                _condition(pair.cond, name)


def _node_problem(node: sp.Basic) -> str | None:
    if isinstance(node, sp.Rational):
        if max(abs(node.p).bit_length(), node.q.bit_length()) > 3.33 * MAX_DIGITS:
            return f"it contains a number with more than {MAX_DIGITS} digits."
        return None
    if isinstance(node, sp.Float):
        if node._prec > MAX_FLOAT_BITS:
            return "it contains a decimal number with hundreds of digits."
        return None
    if node is sp.nan or node is sp.zoo:
        return ("it is undefined: it contains NaN or complex infinity (zoo), e.g. "
                "from 0/0.")
    if isinstance(node, AppliedUndef):
        return (f"it uses {node.func}(...), a function SymPy knows nothing about: "
                "write the formula it stands for, with functions such as exp, log, "
                "sin, sqrt.")
    if isinstance(node, _UNEVALUATED):
        return f"it contains an unevaluated {type(node).__name__}: use .doit() first."
    if (node.is_Symbol or node.is_Number or node in CONSTANTS or node is sp.I
            or isinstance(node, sp.Add | sp.Mul | sp.Pow | sp.Order | sp.Piecewise)
            or type(node) in FUNCTIONS):
        return None
    kind = not_an_expression(node)
    return (f"it contains {kind[0]}: {kind[1]}." if kind else
            f"it uses {type(node).__name__}, which this check cannot evaluate: write "
            "the formula with elementary functions.")


def _condition(cond: sp.Basic, name: str) -> None:
    if isinstance(cond, sp.logic.boolalg.BooleanAtom):
        return
    if isinstance(cond, sp.core.relational.Relational):
        inspect(cond.lhs, name)
        inspect(cond.rhs, name)
        return
    if isinstance(cond, sp.And | sp.Or | sp.Not):
        for arg in cond.args:
            _condition(arg, name)
        return
    raise fail(name, "a condition of the Piecewise cannot be evaluated.")
