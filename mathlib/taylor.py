"""Taylor polynomials (symbolic and numeric), known series, remainder bounds, partial sums.

The Taylor polynomial of degree n of f at x0 is ``T_n(x) = Σ_{k=0..n} f⁽ᵏ⁾(x0) / k! · (x
− x0)ᵏ``, and Lagrange's form of the remainder is ``f(x) − T_n(x) = f⁽ⁿ⁺¹⁾(ξ) / (n+1)! ·
(x − x0)ⁿ⁺¹`` for some ξ between x0 and x.

Known Maclaurin series (x0 = 0), by name: ``"exp"`` (eˣ), ``"sin"``, ``"cos"``,
``"log1p"`` (ln(1 + x), radius 1) and ``"geometric"`` (1/(1 − x), radius 1).
:func:`sin_reduced` evaluates sin the way a maths library does: range reduction, then a
short polynomial.

Numerically, a series is summed through the ratio of consecutive terms (xᵏ/k! is
x/k times the term before), never through k! itself, which is no float past 170!. A term
or coefficient that overflows, or underflows where it could still matter, raises a
ValueError: a "degree-300" polynomial is of degree 300 or an error, never silently less.

See :doc:`/chapters/06-taylor`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, whole_number

__all__ = [
    "derivative_bound", "lagrange_bound", "partial_sums", "radius_of_convergence",
    "series_coeffs", "sin_reduced", "smooth_nonanalytic", "taylor_coeffs",
    "taylor_eval", "taylor_poly",
]

_NONSMOOTH = (sp.Abs, sp.sign, sp.Heaviside, sp.DiracDelta, sp.Piecewise, sp.floor,
              sp.ceiling, sp.Max, sp.Min, sp.re, sp.im)
_TINY = np.finfo(float).tiny  # the smallest normal float, 2.2e-308
_EPS = np.finfo(float).eps  # 2.2e-16


def _float_or_array(y: np.ndarray) -> float | np.ndarray:
    return float(y) if y.ndim == 0 else y


def _ratio_product(first: ArrayLike, ratios: list, what: str) -> float | np.ndarray:
    """first · r_1 · r_2 ⋯, checked after every factor (so aᵏ/k! needs no k!)."""
    value = np.asarray(first, dtype=float)
    for r in ratios:
        zero = (value == 0) | (np.asarray(r) == 0)
        with np.errstate(over="ignore", under="ignore"):  # checked on the next line
            value = value * r
        _check_range(value, zero, what)
    return _float_or_array(value)


def _check_range(value: np.ndarray, exact_zero: np.ndarray, what: str) -> None:
    """Raise if ``value`` overflowed, or underflowed where it should not be 0."""
    with np.errstate(invalid="ignore"):
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{what} overflows a float (above 1.8e308)")
        if np.any((np.abs(value) < _TINY) & ~exact_zero):
            raise ValueError(f"{what} underflows a float (below 2.2e-308)")


def _is_undefined(v: sp.Expr) -> bool:
    return v.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.AccumBounds)


def _derivative_at(d: sp.Expr, x: sp.Symbol, x0: sp.Expr, k: int) -> sp.Expr:
    """f⁽ᵏ⁾(x0) given d = f⁽ᵏ⁾: by substitution, or else as the two-sided limit at x0.

    The limit gives the continuous extension at a removable singularity (exp(−1/x²) at
    0). If f⁽ᵏ⁻¹⁾ is continuous at x0 and f⁽ᵏ⁾ has a finite limit there, that limit is
    f⁽ᵏ⁾(x0), by the mean value theorem.
    """
    value = d.subs(x, x0)
    if _is_undefined(value):
        try:
            value = sp.limit(d, x, x0, dir="+-")
        except (ValueError, NotImplementedError) as err:
            raise ValueError(f"derivative {k} has no limit at x0 = {x0}: {err}") from None
    if _is_undefined(value):
        raise ValueError(f"derivative {k} has no finite value at x0 = {x0}, got {value}")
    return value


def taylor_coeffs(expr: sp.Expr, x: sp.Symbol, x0: object, n: int) -> list[sp.Expr]:
    """Taylor coefficients ``c_k = f⁽ᵏ⁾(x0) / k!`` for k = 0..n, exactly, with SymPy.

    Where f⁽ᵏ⁾ cannot be evaluated at x0 by substitution (e.g. exp(−1/x²) or sin(x)/x at
    0), the value is the two-sided limit of f⁽ᵏ⁾ at x0; a ValueError is raised if it is
    not finite. Expressions with non-smooth pieces (Abs, sign, Piecewise, ...) are
    refused: SymPy's ``sign(0) = 0`` would make |x| look differentiable at 0.

    Parameters
    ----------
    expr : sympy.Expr
        The function f.
    x : sympy.Symbol
        Its variable.
    x0 : number or sympy.Expr
        Centre of the expansion.
    n : int
        Degree, >= 0.

    Returns
    -------
    list of sympy.Expr
        ``[c_0, ..., c_n]``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> taylor_coeffs(sp.exp(x), x, 0, 3)
    [1, 1, 1/2, 1/6]

    See :doc:`/chapters/06-taylor`.
    """
    if not isinstance(x, sp.Symbol):
        raise TypeError(f"x must be a sympy Symbol, got {x!r}")
    try:
        expr, x0 = sp.sympify(expr, strict=True), sp.sympify(x0, strict=True)
    except sp.SympifyError as err:
        raise TypeError(f"expr and x0 must be SymPy expressions or numbers: {err}") from None
    if x in x0.free_symbols or _is_undefined(x0):
        raise ValueError(f"x0 must be a finite point not involving {x}, got {x0}")
    n = whole_number(n)
    if expr.has(*_NONSMOOTH):  # sign(0) = 0 would make |x| look differentiable at 0
        raise ValueError(f"expr must be built from smooth functions, got {expr}")
    coeffs, d = [], expr
    for k in range(n + 1):
        coeffs.append(_derivative_at(d, x, x0, k) / sp.factorial(k))  # f^(k)(x0) / k!
        d = sp.diff(d, x)
    return coeffs


def taylor_poly(expr: sp.Expr, x: sp.Symbol, x0: object, n: int) -> sp.Expr:
    """Taylor polynomial ``T_n(x) = Σ f⁽ᵏ⁾(x0)/k! · (x − x0)ᵏ`` as a SymPy expression.

    Parameters
    ----------
    expr : sympy.Expr
        The function f.
    x : sympy.Symbol
        Its variable.
    x0 : number or sympy.Expr
        Centre.
    n : int
        Degree, >= 0.

    Returns
    -------
    sympy.Expr
        The polynomial, in powers of ``x - x0``.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> taylor_poly(sp.sin(x), x, 0, 5)
    x**5/120 - x**3/6 + x

    See :doc:`/chapters/06-taylor`.
    """
    coeffs = taylor_coeffs(expr, x, x0, n)
    return sp.Add(*(c * (x - sp.sympify(x0)) ** k for k, c in enumerate(coeffs)))


def taylor_eval(
    f: sp.Expr | Sequence[float], x0: float, n: int, x: ArrayLike
) -> float | np.ndarray:
    """Evaluate the degree-n Taylor polynomial at ``x`` numerically (Horner's scheme).

    With ``t = x - x0`` and ``d_k = f⁽ᵏ⁾(x0)``, the polynomial is nested as
    ``d_0 + t/1 (d_1 + t/2 (d_2 + ... + t/n d_n))``: the ratio t/k of consecutive terms
    replaces 1/k!, which is no float past k = 170, so every degree counts.

    Parameters
    ----------
    f : sympy.Expr or sequence of float
        Either an expression in one variable, or the derivative values
        ``[f(x0), f'(x0), ..., f⁽ⁿ⁾(x0)]`` (at least n + 1 of them).
    x0 : float
        Centre.
    n : int
        Degree, >= 0.
    x : float or ndarray
        Evaluation point(s).

    Returns
    -------
    float or ndarray
        ``T_n(x)``.

    Raises
    ------
    ValueError
        If a derivative value or a partial result overflows a float, or underflows where
        it could change the result.

    Examples
    --------
    >>> round(taylor_eval([1.0, 1.0, 1.0, 1.0], 0.0, 3, 1.0), 6)  # e ≈ 1 + 1 + 1/2 + 1/6
    2.666667
    >>> bool(abs(taylor_eval([1.0] * 301, 0.0, 300, 100.0) / math.exp(100) - 1) < 1e-13)
    True

    See :doc:`/chapters/06-taylor`.
    """
    x0, n, x = real_number(x0, "x0"), whole_number(n), real_array(x, "x")
    if isinstance(f, sp.Basic):
        symbols = sorted(f.free_symbols, key=str)
        if len(symbols) > 1:
            raise ValueError(f"f must have one variable, got {symbols}")
        coeffs = taylor_coeffs(f, (symbols or [sp.Symbol("x")])[0], x0, n)
        derivs = np.array([float(c * sp.factorial(k)) for k, c in enumerate(coeffs)])
        _check_range(derivs, derivs == 0, "a derivative of f at x0")
    elif isinstance(f, Sequence | np.ndarray):
        derivs = real_array(f, "f", ndim=1)
        if derivs.size < n + 1:
            raise ValueError(f"f needs the derivative values 0..{n} at x0, got {derivs.size}")
    else:
        raise TypeError(f"f must be a SymPy expression or a sequence of derivatives, got {f!r}")
    t = x - x0
    result = np.full_like(t, derivs[n])
    for k in range(n, 0, -1):  # d_0 + t/1 (d_1 + t/2 (d_2 + ...))
        with np.errstate(over="ignore", under="ignore"):  # checked below
            step = (t / k) * result
        # an underflowed step is harmless next to a normal d_(k-1): below its last bit
        harmless = (t == 0) | (result == 0) | (abs(derivs[k - 1]) >= _TINY / _EPS)
        _check_range(step, harmless, f"the partial sum from degree {k} on")
        with np.errstate(over="ignore"):
            result = derivs[k - 1] + step
    _check_range(result, np.ones(result.shape, dtype=bool), "the value")
    return _float_or_array(result)


def series_coeffs(name: str, n: int) -> np.ndarray:
    """Maclaurin coefficients ``c_0..c_n`` of a known series, ``f(x) = Σ c_k xᵏ``.

    Parameters
    ----------
    name : {"exp", "sin", "cos", "log1p", "geometric"}
        eˣ, sin x, cos x, ln(1 + x) or 1/(1 − x).
    n : int
        Highest power, >= 0.

    Returns
    -------
    ndarray, shape (n + 1,)
        exp: 1/k!; sin: (−1)^((k−1)/2)/k! for odd k; cos: (−1)^(k/2)/k! for even k;
        log1p: (−1)^(k+1)/k for k >= 1; geometric: 1. Each is the exact value, rounded
        once.

    Raises
    ------
    ValueError
        If a coefficient underflows a float (1/k! for k > 170).

    Examples
    --------
    >>> series_coeffs("log1p", 4)
    array([ 0.        ,  1.        , -0.5       ,  0.33333333, -0.25      ])

    See :doc:`/chapters/06-taylor`.
    """
    n = whole_number(n)
    k = np.arange(n + 1)
    if name in ("exp", "sin", "cos"):
        inverse = np.array([1 / math.factorial(j) for j in k])  # exact, rounded once
        nonzero = np.zeros(n + 1, dtype=bool)
        _check_range(inverse, nonzero, f"1/k! for k <= {n} (of {name})")
        if name == "exp":
            return inverse
        odd = name == "sin"
        return np.where(k % 2 == odd, (-1.0) ** (k // 2), 0.0) * inverse
    elif name == "log1p":
        return np.where(k >= 1, (-1.0) ** (k + 1) / np.maximum(k, 1), 0.0)
    elif name == "geometric":
        return np.ones(n + 1)
    else:
        raise ValueError(f"unknown series {name!r}; use exp, sin, cos, log1p or geometric")


def radius_of_convergence(name: str) -> float:
    """Radius of convergence of a known Maclaurin series (inf or 1).

    Parameters
    ----------
    name : {"exp", "sin", "cos", "log1p", "geometric"}

    Returns
    -------
    float
        ``inf`` for exp, sin, cos; 1 for log1p and geometric (the singularity at ∓1).

    Examples
    --------
    >>> radius_of_convergence("log1p")
    1.0

    See :doc:`/chapters/06-taylor`.
    """
    if name in ("exp", "sin", "cos"):
        return math.inf
    elif name in ("log1p", "geometric"):
        return 1.0
    else:
        raise ValueError(f"unknown series {name!r}; use exp, sin, cos, log1p or geometric")


def derivative_bound(name: str, k: int, x0: float, x: float) -> float:
    """An upper bound M on |f⁽ᵏ⁾(t)| for t between x0 and x, for a known function.

    Parameters
    ----------
    name : {"exp", "sin", "cos", "log1p", "geometric"}
    k : int
        Order of the derivative, >= 0.
    x0, x : float
        Ends of the interval (log1p needs both > −1, geometric both < 1).

    Returns
    -------
    float
        exp: e^max; sin, cos: 1; log1p: (k−1)!/(1 + min)ᵏ (k >= 1);
        geometric: k!/(1 − max)^(k+1). Each is the exact maximum except for sin, cos.

    Examples
    --------
    >>> derivative_bound("geometric", 2, 0.0, 0.5)  # 2/(1 − t)³ at t = 0.5
    16.0

    See :doc:`/chapters/06-taylor`.
    """
    k, x0, x = whole_number(k, "k"), real_number(x0, "x0"), real_number(x, "x")
    lo, hi = min(x0, x), max(x0, x)
    if name == "exp":
        return math.exp(hi)  # e^t is increasing
    elif name in ("sin", "cos"):
        return 1.0
    elif name == "log1p":
        if lo <= -1:
            raise ValueError(f"log1p needs x0, x > -1, got {x0}, {x}")
        if k == 0:
            return max(abs(math.log1p(lo)), abs(math.log1p(hi)))
        # |f^(k)(t)| = (k-1)!/(1+t)^k, decreasing in t
        ratios = [j / (1 + lo) for j in range(1, k)]
        return _ratio_product(1 / (1 + lo), ratios, "the bound")
    elif name == "geometric":
        if hi >= 1:
            raise ValueError(f"geometric needs x0, x < 1, got {x0}, {x}")
        # f^(k)(t) = k!/(1-t)^(k+1), increasing in t
        ratios = [j / (1 - hi) for j in range(1, k + 1)]
        return _ratio_product(1 / (1 - hi), ratios, "the bound")
    else:
        raise ValueError(f"unknown function {name!r}; use exp, sin, cos, log1p or geometric")


def lagrange_bound(M: float, x0: float, x: ArrayLike, n: int) -> float | np.ndarray:
    """Lagrange bound ``|f(x) − T_n(x)| <= M |x − x0|ⁿ⁺¹ / (n+1)!``.

    Parameters
    ----------
    M : float
        Upper bound on |f⁽ⁿ⁺¹⁾| between x0 and x (see :func:`derivative_bound`).
    x0 : float
        Centre.
    x : float or ndarray
        Point(s).
    n : int
        Degree of the Taylor polynomial, >= 0.

    Returns
    -------
    float or ndarray
        The bound on the remainder.

    Examples
    --------
    >>> lagrange_bound(1.0, 0.0, 0.5, 3)  # sin: |sin x − (x − x³/6)| <= x⁴/24
    0.0026041666666666665

    See :doc:`/chapters/06-taylor`.
    """
    M, x0 = real_number(M, "M", within="[0, inf)"), real_number(x0, "x0")
    x, n = real_array(x, "x"), whole_number(n)
    t = np.abs(x - x0)
    ratios = [t / k for k in range(1, n + 2)]  # |t|^(n+1) / (n+1)!
    return _ratio_product(np.full_like(t, M), ratios, "the bound")


def partial_sums(terms_fn: Callable, x: ArrayLike, n: int) -> np.ndarray:
    """Partial sums ``S_m = Σ_{k=0..m} a_k(x)`` for m = 0..n−1.

    Parameters
    ----------
    terms_fn : callable
        ``terms_fn(k, x)`` returns the k-th term a_k(x) (k starts at 0).
    x : float or ndarray
        Point(s).
    n : int
        Number of partial sums, >= 1.

    Returns
    -------
    ndarray, shape (n, *x.shape)
        Row m is S_m. Outside the radius of convergence the rows do not settle.

    Examples
    --------
    >>> partial_sums(lambda k, x: x**k, 0.5, 4)  # 1/(1 − x) = 2 at x = 0.5
    array([1.   , 1.5  , 1.75 , 1.875])

    See :doc:`/chapters/06-taylor`.
    """
    function(terms_fn, "terms_fn")
    x, n = real_array(x, "x"), whole_number(n, minimum=1)
    terms = np.empty((n, *x.shape))
    for k in range(n):
        terms[k] = np.broadcast_to(real_array(terms_fn(k, x.copy()), f"term {k}"), x.shape)
    return np.cumsum(terms, axis=0)


def smooth_nonanalytic(x: ArrayLike) -> float | np.ndarray:
    """``exp(−1/x²)`` for x ≠ 0 and 0 at x = 0: smooth, every derivative 0 at 0.

    Its Taylor series at 0 is identically 0, yet the function is positive for x ≠ 0: a
    smooth function that its Taylor series does not represent.

    Parameters
    ----------
    x : float or ndarray
        Point(s).

    Returns
    -------
    float or ndarray
        The function value(s).

    Examples
    --------
    >>> smooth_nonanalytic(0.0), round(smooth_nonanalytic(1.0), 6)
    (0.0, 0.367879)

    See :doc:`/chapters/06-taylor`.
    """
    x = real_array(x, "x")
    out = np.zeros_like(x)
    nonzero = x != 0
    with np.errstate(divide="ignore", over="ignore"):  # 1/x² = inf for tiny x: exp(-inf) = 0
        out[nonzero] = np.exp(-1.0 / x[nonzero] ** 2)
    return _float_or_array(out)


def sin_reduced(x: ArrayLike, n: int = 17) -> float | np.ndarray:
    """sin x as a maths library computes it: range reduction, then a degree-n Taylor polynomial.

    1. Range reduction: ``x = k·π/2 + r`` with k the nearest integer to x/(π/2), so
       |r| <= π/4.
    2. Symmetry: sin x is sin r, cos r, −sin r or −cos r as k mod 4 is 0, 1, 2 or 3.
    3. Polynomial: sin r or cos r from its Taylor polynomial of degree n at 0 (Horner).

    By Lagrange's bound with M = 1, the error of step 3 is at most
    ``(π/4)ⁿ⁺¹ / (n+1)!``; the rounding error of step 1 grows like ``|x|·ε_mach``.

    Parameters
    ----------
    x : float or ndarray
        Point(s), in radians.
    n : int, default 17
        Degree of the polynomials, >= 0. The default makes the bound (π/4)¹⁸/18! ≈
        2e-18, below the rounding error of a double.

    Returns
    -------
    float or ndarray
        The approximation of sin x.

    Examples
    --------
    >>> abs(sin_reduced(2.18) - math.sin(2.18)) < 1e-15  # 2.18 = π/2 + 0.6092: cos(0.6092)
    True
    >>> error = abs(sin_reduced(2.18, 5) - math.sin(2.18))
    >>> bool(error <= lagrange_bound(1.0, 0.0, math.pi / 4, 5)), f"{error:.1e}"
    (True, '7.1e-05')

    See :doc:`/chapters/06-taylor`.
    """
    n, x = whole_number(n), real_array(x, "x")
    k = np.round(x / (np.pi / 2))
    r = x - k * (np.pi / 2)  # step 1: |r| <= π/4
    sin_r = taylor_eval(np.resize([0.0, 1.0, 0.0, -1.0], n + 1), 0.0, n, r)  # sin⁽ʲ⁾(0)
    cos_r = taylor_eval(np.resize([1.0, 0.0, -1.0, 0.0], n + 1), 0.0, n, r)  # cos⁽ʲ⁾(0)
    quadrant = np.mod(k, 4).astype(int)  # step 2: sin(kπ/2 + r) for k = 0, 1, 2, 3 (mod 4)
    result = np.choose(quadrant, [sin_r, cos_r, -sin_r, -cos_r])
    return _float_or_array(result)
