"""Formulas evaluated with mpmath, node by node, within a fixed budget.

:func:`evaluate` computes an expression's value at a point (symbols set by name) at
``DPS`` digits. It gives up, raising :class:`Undefined`, on a value outside SymPy's real
or complex numbers, beyond ``10**300`` or from a function not in its table, before
computing it where it can (``exp(10**6)``, ``x**(10**100)``, ``gamma(10**20)``): no
input makes it run long, unlike ``evalf`` or ``simplify``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from types import MappingProxyType

import mpmath
import sympy as sp

DPS = 40                # decimal digits of the evaluation
_HUGE = mpmath.mpf(10) ** 300
_EXP_LIMIT = 690        # exp(690) ~ 1e300


class Undefined(Exception):
    """The expression has no finite value here (or one too large to compute)."""


class TooSlow(Undefined):
    """The evaluation went past its deadline."""


def _real(func: Callable) -> Callable:
    def wrapped(*args):
        if any(isinstance(a, mpmath.mpc) and a.imag != 0 for a in args):
            raise Undefined
        return func(*(mpmath.re(a) for a in args))
    return wrapped


def _exp(z):
    if mpmath.re(z) > _EXP_LIMIT:
        raise Undefined
    return mpmath.exp(z)  # tiny, not 0, far to the left: e^(-1000 + i) is not real


def _hyperbolic(func: Callable) -> Callable:
    def wrapped(z):
        if abs(mpmath.re(z)) > _EXP_LIMIT:
            raise Undefined
        return func(z)
    return wrapped


def _gamma(z):
    if abs(z) > 150:  # gamma(171) ~ 7e306
        raise Undefined
    return mpmath.gamma(z)


def _log(z, base=None):
    return mpmath.log(z) if base is None else mpmath.log(z) / mpmath.log(base)


def _heaviside(z, at_zero=0.5):  # SymPy's Heaviside(0) is 1/2 unless given
    return mpmath.mpf(at_zero) if z == 0 else mpmath.mpf(z > 0)


FUNCTIONS = MappingProxyType({  # SymPy function -> mpmath
    sp.exp: _exp, sp.log: _log, sp.sin: mpmath.sin, sp.cos: mpmath.cos,
    sp.tan: mpmath.tan, sp.cot: mpmath.cot, sp.sec: mpmath.sec, sp.csc: mpmath.csc,
    sp.asin: mpmath.asin, sp.acos: mpmath.acos, sp.atan: mpmath.atan,
    sp.acot: mpmath.acot, sp.sinh: _hyperbolic(mpmath.sinh),
    sp.cosh: _hyperbolic(mpmath.cosh), sp.tanh: mpmath.tanh, sp.coth: mpmath.coth,
    sp.asinh: mpmath.asinh, sp.acosh: mpmath.acosh, sp.atanh: mpmath.atanh,
    sp.Abs: abs, sp.sign: mpmath.sign, sp.re: mpmath.re, sp.im: mpmath.im,
    sp.arg: mpmath.arg, sp.conjugate: mpmath.conj, sp.floor: _real(mpmath.floor),
    sp.ceiling: _real(mpmath.ceil), sp.Min: _real(min), sp.Max: _real(max),
    sp.factorial: _real(lambda n: _gamma(n + 1)),
    sp.binomial: _real(lambda n, k: _gamma(n + 1)
                       / (_gamma(k + 1) * _gamma(n - k + 1))),
    sp.gamma: _gamma, sp.erf: mpmath.erf, sp.erfc: mpmath.erfc,
    sp.atan2: _real(mpmath.atan2), sp.Heaviside: _real(_heaviside),
})
CONSTANTS = MappingProxyType({
    sp.pi: lambda: +mpmath.pi, sp.E: lambda: +mpmath.e,
    sp.EulerGamma: lambda: +mpmath.euler,
    sp.GoldenRatio: lambda: +mpmath.phi, sp.oo: lambda: mpmath.inf,
    sp.S.NegativeInfinity: lambda: -mpmath.inf,
})


def evaluate(expr: sp.Basic, point: Mapping[str, object], cache: dict | None = None,
             deadline: float = math.inf):
    """The value of ``expr`` (mpmath, at ``DPS`` digits) with symbols set by name.

    Raises :class:`Undefined` where the value is not finite, too large, or undefined,
    and :class:`TooSlow` once ``time.perf_counter()`` passes ``deadline``. Call it
    inside ``mpmath.workdps(DPS)``. Infinity appears only from ``oo`` itself.

    Examples
    --------
    >>> with mpmath.workdps(DPS):
    ...     print(evaluate(sp.sqrt(sp.Symbol("x")), {"x": mpmath.mpf(2)}))
    1.41421356237309504880168872420969807857
    """
    cache = {} if cache is None else cache
    if expr in cache:
        return cache[expr]
    if time.perf_counter() > deadline:
        raise TooSlow
    try:
        value = _value(expr, point, cache, deadline)
    except Undefined:
        raise
    except Exception:  # noqa: BLE001 - a pole, a domain error, no convergence...
        raise Undefined from None
    if mpmath.isnan(value) or (mpmath.isinf(value) and not _infinite(expr)):
        raise Undefined
    if not mpmath.isinf(value) and abs(value) > _HUGE:
        raise Undefined
    cache[expr] = value
    return value


def _infinite(expr: sp.Basic) -> bool:
    return expr.has(sp.oo, sp.S.NegativeInfinity)


def _value(expr: sp.Basic, point: Mapping[str, object], cache: dict,
           deadline: float):
    if expr.is_Symbol:
        return point[expr.name]
    if expr.is_Integer:
        return mpmath.mpf(int(expr))
    if expr.is_Rational:
        return mpmath.mpf(expr.p) / expr.q
    if expr.is_Float:
        return mpmath.mpf(expr._mpf_)
    if expr is sp.I:
        return mpmath.mpc(0, 1)
    if expr in CONSTANTS:
        return CONSTANTS[expr]()
    if isinstance(expr, sp.Piecewise):
        for pair in expr.args:
            if _truth(pair.cond, point, cache, deadline):
                return evaluate(pair.expr, point, cache, deadline)
        raise Undefined
    args = [evaluate(a, point, cache, deadline) for a in expr.args]
    if expr.is_Add:
        return mpmath.fsum(args)
    if expr.is_Mul:
        return mpmath.fprod(args)
    if expr.is_Pow:
        return _power(*args)
    func = FUNCTIONS.get(type(expr))
    if func is None:
        raise Undefined
    return func(*args)


def _power(base, exponent):
    if base == 0:
        if mpmath.re(exponent) > 0:
            return mpmath.mpf(0)
        raise Undefined
    size = mpmath.re(exponent * mpmath.log(base))  # log of |base ** exponent|
    if size > _EXP_LIMIT:
        raise Undefined
    return mpmath.power(base, exponent)


def _truth(cond: sp.Basic, point: Mapping[str, object], cache: dict,
           deadline: float) -> bool:
    if isinstance(cond, sp.logic.boolalg.BooleanAtom):
        return bool(cond)
    if isinstance(cond, sp.And):
        return all(_truth(c, point, cache, deadline) for c in cond.args)
    if isinstance(cond, sp.Or):
        return any(_truth(c, point, cache, deadline) for c in cond.args)
    if isinstance(cond, sp.Not):
        return not _truth(cond.args[0], point, cache, deadline)
    lhs, rhs = (evaluate(side, point, cache, deadline)
                for side in (cond.lhs, cond.rhs))
    if isinstance(lhs, mpmath.mpc) or isinstance(rhs, mpmath.mpc):
        raise Undefined
    ops = {"<": lhs < rhs, "<=": lhs <= rhs, ">": lhs > rhs, ">=": lhs >= rhs,
           "==": lhs == rhs, "!=": lhs != rhs}
    return ops[cond.rel_op]


def real_value(value) -> float | None:
    """An mpmath value as a float when it is real, else None."""
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > 1e-30 * abs(value.real):  # more than rounding
            return None
        value = value.real
    return float(value)
