"""Tests for mathlib.taylor against sympy.series, closed forms and the remainder theorem."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from mathlib.taylor import (
    derivative_bound,
    lagrange_bound,
    partial_sums,
    radius_of_convergence,
    series_coeffs,
    sin_reduced,
    smooth_nonanalytic,
    taylor_coeffs,
    taylor_eval,
    taylor_poly,
)

x = sp.Symbol("x")
KNOWN = {  # name -> the function it names, as a SymPy expression
    "exp": sp.exp(x),
    "sin": sp.sin(x),
    "cos": sp.cos(x),
    "log1p": sp.log(1 + x),
    "geometric": 1 / (1 - x),
}


@pytest.mark.parametrize(
    "expr, x0, n",
    [(sp.exp(x), 0, 6), (sp.sin(x), 0, 9), (sp.log(1 + x), 0, 7), (1 / (1 - x), 0, 5),
     (sp.cos(x), sp.pi / 3, 5), (sp.sqrt(x), 4, 4), (sp.atan(x), 1, 4),
     (sp.exp(x) * sp.sin(x), sp.Rational(1, 2), 5)],
)
def test_taylor_poly_matches_sympy_series(expr, x0, n):
    reference = sp.series(expr, x, x0, n + 1).removeO()
    assert sp.simplify(sp.expand(taylor_poly(expr, x, x0, n) - reference)) == 0


def test_taylor_poly_at_a_removable_singularity_uses_the_continuous_extension():
    expr = sp.sin(x) / x  # undefined at 0, extended by its limit 1
    assert sp.expand(taylor_poly(expr, x, 0, 4) - sp.series(expr, x, 0, 5).removeO()) == 0


def test_taylor_poly_with_a_symbolic_centre():
    a = sp.Symbol("a")
    assert sp.expand(taylor_poly(x**3, x, a, 3) - x**3) == 0  # a cubic is its own expansion


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_series_coeffs_match_sympy_series(name):
    n = 12
    poly = sp.Poly(sp.series(KNOWN[name], x, 0, n + 1).removeO(), x)
    reference = [float(poly.coeff_monomial(x**k)) for k in range(n + 1)]
    assert_allclose(series_coeffs(name, n), reference, rtol=1e-15, atol=1e-300)


def test_series_coeffs_agree_with_taylor_coeffs():
    for name, expr in KNOWN.items():
        exact = [float(c) for c in taylor_coeffs(expr, x, 0, 8)]
        assert_allclose(series_coeffs(name, 8), exact, rtol=1e-15)


def test_radius_of_convergence_of_known_series():
    assert [radius_of_convergence(n) for n in ("exp", "sin", "cos")] == [np.inf] * 3
    assert radius_of_convergence("log1p") == radius_of_convergence("geometric") == 1.0


@pytest.mark.parametrize("name", sorted(KNOWN))
@pytest.mark.parametrize("k", [0, 1, 2, 5])
def test_derivative_bound_bounds_sympy_derivative(name, k):
    lo, hi = (-0.6, 0.8) if name in ("log1p", "geometric") else (-2.0, 1.5)
    grid = np.linspace(lo, hi, 2001)
    dk = sp.lambdify(x, sp.diff(KNOWN[name], x, k), "numpy")
    true_max = np.max(np.abs(dk(grid) * np.ones_like(grid)))
    M = derivative_bound(name, k, lo, hi)
    assert true_max <= M * (1 + 1e-12)
    if name not in ("sin", "cos"):  # for these M is the exact maximum, at an end point
        assert M == pytest.approx(true_max, rel=1e-9)


@pytest.mark.parametrize("name", sorted(KNOWN))
@pytest.mark.parametrize("n", [1, 2, 4, 7])
def test_lagrange_remainder_bound_holds(name, n):
    xs = np.linspace(-0.9, 0.9, 19) if name in ("log1p", "geometric") else np.linspace(-3, 3, 25)
    f = sp.lambdify(x, KNOWN[name], "numpy")
    coeffs = series_coeffs(name, n)
    for xv in xs:
        remainder = abs(f(xv) - np.polyval(coeffs[::-1], xv))
        bound = lagrange_bound(derivative_bound(name, n + 1, 0.0, xv), 0.0, xv, n)
        assert remainder <= bound * (1 + 1e-9) + 1e-15


def test_lagrange_bound_is_nearly_attained_for_sin():
    # T_5 = T_6 for sin (no x⁶ term), so the bound is x⁷/7!, nearly attained: |sin⁽⁷⁾| = |cos| ≈ 1
    remainder = abs(np.sin(0.3) - taylor_eval(sp.sin(x), 0.0, 5, 0.3))
    assert remainder <= lagrange_bound(1.0, 0.0, 0.3, 6)
    assert remainder == pytest.approx(lagrange_bound(1.0, 0.0, 0.3, 6), rel=0.05)


def test_taylor_eval_from_expression_and_from_derivatives_agree():
    xs = np.linspace(-1, 2, 7)
    from_expr = taylor_eval(sp.exp(x), 0.5, 6, xs)
    derivs = [np.exp(0.5)] * 7  # every derivative of exp is exp
    assert_allclose(taylor_eval(derivs, 0.5, 6, xs), from_expr, rtol=1e-14)
    reference = sp.lambdify(x, sp.series(sp.exp(x), x, 0.5, 7).removeO())(xs)
    assert_allclose(from_expr, reference, rtol=1e-12)


def exact_taylor_value(derivs, t):
    """Σ d_k t^k / k! in exact rational arithmetic, rounded once: a reference."""
    t = Fraction(t)
    terms = (Fraction(d) * t**k / math.factorial(k) for k, d in enumerate(derivs))
    return float(sum(terms))


def test_taylor_eval_of_high_degree_past_170_factorial():
    # 171! is no float, so a coefficient 1/k! would be 0 past k = 170; the terms of
    # exp(100) there are still about 1e33 and must count
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert taylor_eval(np.ones(250), 0.0, 249, 1.0) == pytest.approx(np.e, rel=1e-15)
        assert taylor_eval(np.ones(301), 0.0, 300, 100.0) == pytest.approx(
            math.exp(100), rel=1e-13)
        truncated = taylor_eval(np.ones(170), 0.0, 169, 100.0)  # off by 1e33
        assert abs(truncated - math.exp(100)) > 1e32


def test_taylor_eval_of_sin_at_100_is_the_degree_300_polynomial_up_to_rounding():
    derivs = np.resize([0.0, 1.0, 0.0, -1.0], 301)
    value = taylor_eval(derivs, 0.0, 300, 100.0)
    exact = exact_taylor_value(derivs, 100.0)  # ≈ sin(100): the series has converged
    assert exact == pytest.approx(math.sin(100), abs=1e-12)
    terms = (Fraction(100) ** k / math.factorial(k) for k in range(301))
    biggest_term = float(max(terms))  # about 1e42, at k = 100
    # the cancellation of terms up to 1e42 leaves rounding errors of about ε · 1e42
    assert abs(value - exact) < 300 * np.finfo(float).eps * biggest_term
    assert abs(value - exact) > 1e20  # and they are real: this is not sin(100)


@pytest.mark.parametrize("n, t", [(5, 0.7), (40, -3.0), (250, 1e-3), (120, 60.0)])
def test_taylor_eval_matches_exact_rational_arithmetic(n, t):
    derivs = np.random.default_rng(n).normal(size=n + 1)
    exact = exact_taylor_value(derivs, t)
    scale = exact_taylor_value(np.abs(derivs), abs(t))  # the sum of |terms|
    error = abs(taylor_eval(derivs, 0.0, n, t) - exact)
    assert error <= 4 * n * np.finfo(float).eps * scale


def test_taylor_eval_raises_instead_of_truncating_an_overflow_or_underflow():
    with pytest.raises(ValueError, match="overflows"):
        taylor_eval(np.ones(1001), 0.0, 1000, 800.0)  # 800^k/k! reaches e^800
    with pytest.raises(ValueError, match="overflows"):
        taylor_eval(1 / (1 - x), 0.0, 200, 0.5)  # f^(k)(0) = k! > 1.8e308 for k > 170
    with pytest.raises(ValueError, match="underflows"):
        taylor_eval(np.eye(1, 301, 300)[0], 0.0, 300, 0.5)  # only t^300/300!, 1e-705
    # an underflowed partial sum next to a normal derivative value is below its last bit
    assert taylor_eval(np.ones(301), 0.0, 300, 1e-300) == 1.0


def test_series_coeffs_and_bounds_raise_instead_of_underflowing_to_zero():
    last = series_coeffs("exp", 170)[-1]
    assert last == pytest.approx(1 / math.factorial(170), rel=1e-15)
    with pytest.raises(ValueError, match="underflows"):
        series_coeffs("exp", 171)  # 1/171! is below the smallest normal float
    with pytest.raises(ValueError, match="underflows"):
        series_coeffs("cos", 200)
    with pytest.raises(ValueError, match="underflows"):
        lagrange_bound(1.0, 0.0, 0.5, 200)  # 0.5^201 / 201! ≈ 1e-438
    with pytest.raises(ValueError, match="overflows"):
        derivative_bound("geometric", 200, 0.0, 0.5)  # 200! / 0.5^201
    assert lagrange_bound(1.0, 0.0, 0.0, 200) == 0.0  # an exact 0 is no underflow
    assert derivative_bound("geometric", 20, 0.0, 0.5) == pytest.approx(
        math.factorial(20) * 2.0**21, rel=1e-14)


def test_reduced_sin_2_18_within_lagrange_bound():
    approx = taylor_eval(sp.sin(x), 0.0, 15, 2.18)
    assert abs(approx - np.sin(2.18)) <= lagrange_bound(1.0, 0.0, 2.18, 15)
    assert abs(approx - np.sin(2.18)) < 1e-7


def test_sin_reduced_agrees_with_numpy_to_rounding_error():
    xs = np.linspace(-30.0, 30.0, 4001)
    error = np.abs(sin_reduced(xs) - np.sin(xs))
    eps = np.finfo(float).eps
    assert np.all(error <= 4 * eps * (1 + np.abs(xs)))  # reduction rounds like |x| ε_mach
    assert isinstance(sin_reduced(2.18), float)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 11])
def test_sin_reduced_error_is_within_the_lagrange_bound_and_close_to_it(n):
    xs = np.linspace(-7.0, 7.0, 2801)  # every quadrant, r up to ±π/4
    worst = np.max(np.abs(sin_reduced(xs, n) - np.sin(xs)))
    bound = lagrange_bound(1.0, 0.0, np.pi / 4, n)
    assert worst <= bound + 1e-15
    assert worst >= bound / 4  # degree n really is n: one more term would be far smaller


def test_sin_reduced_uses_the_cosine_polynomial_for_2_18():
    # 2.18 = π/2 + r: sin(2.18) = cos r, so the degree-2 answer is 1 − r²/2
    r = 2.18 - np.pi / 2
    assert sin_reduced(2.18, 2) == pytest.approx(1 - r**2 / 2, rel=1e-15)
    assert sin_reduced(-2.18, 2) == pytest.approx(-(1 - r**2 / 2), rel=1e-15)


def test_partial_sums_of_log1p_converge_inside_and_diverge_outside():
    c = series_coeffs("log1p", 80)
    inside = partial_sums(lambda k, t: c[k] * t**k, 0.5, 80)
    assert inside[-1] == pytest.approx(np.log(1.5), abs=1e-15 * 80)
    outside = partial_sums(lambda k, t: c[k] * t**k, 1.5, 80)
    jumps = np.diff(outside)  # the terms: 1.5**k / k, alternating in sign, growing
    assert np.all(np.abs(jumps[3:]) > np.abs(jumps[2:-1]))  # |a_{k+1}/a_k| = 1.5k/(k+1) > 1
    assert np.abs(jumps[-1]) > 1e10
    assert np.all(np.sign(jumps[:-1]) == -np.sign(jumps[1:]))


def test_partial_sums_of_geometric_series_converge_at_0_9_and_diverge_at_1_2():
    sums = partial_sums(lambda k, t: t**k, np.array([0.9, 1.2]), 100)
    assert sums.shape == (100, 2)
    assert sums[-1, 0] == pytest.approx(10.0, rel=1e-4)  # 1/(1 − 0.9), error 0.9**100 · 10
    assert sums[-1, 1] > 1e8  # while 1/(1 − 1.2) = −5
    assert np.all(np.diff(sums[:, 1]) > 0)


def test_smooth_nonanalytic_has_every_derivative_zero_at_zero():
    g = sp.exp(-1 / x**2)
    h = sp.Symbol("h")
    d = g
    for _ in range(4):
        # f⁽ᵏ⁾(0) = lim (f⁽ᵏ⁻¹⁾(h) − f⁽ᵏ⁻¹⁾(0)) / h with f⁽ᵏ⁻¹⁾(0) = 0: the definition
        assert sp.limit(d.subs(x, h) / h, h, 0, dir="+-") == 0
        d = sp.diff(d, x)
        assert sp.limit(d, x, 0, dir="+-") == 0  # and f⁽ᵏ⁾ is continuous at 0
    assert taylor_poly(g, x, 0, 4) == 0
    assert smooth_nonanalytic(0.5) == pytest.approx(np.exp(-4.0)) and np.exp(-4.0) > 0


def test_smooth_nonanalytic_values():
    xs = np.array([-2.0, -0.3, 0.0, 1e-200, 0.3, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = smooth_nonanalytic(xs)
    expected = [np.exp(-1 / 4), np.exp(-1 / 0.09), 0.0, 0.0, np.exp(-1 / 0.09), np.exp(-1 / 4)]
    assert_allclose(values, expected, rtol=1e-14)
    assert smooth_nonanalytic(0.0) == 0.0 and isinstance(smooth_nonanalytic(0.0), float)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: taylor_poly(sp.sin(x), "x", 0, 3), TypeError, "Symbol"),
        (lambda: taylor_poly(np.sin, x, 0, 3), TypeError, "SymPy"),
        (lambda: taylor_poly(sp.sin(x), x, 0, -1), ValueError, "n must be an integer"),
        (lambda: taylor_poly(sp.sin(x), x, 0, 2.5), TypeError, "n must be an integer"),
        (lambda: taylor_poly(sp.sin(x), x, sp.oo, 2), ValueError, "x0"),
        (lambda: taylor_poly(1 / x, x, 0, 2), ValueError, "no finite value"),
        (lambda: taylor_poly(sp.sqrt(x), x, 0, 2), ValueError, "derivative 1"),
        (lambda: taylor_poly(sp.Abs(x), x, 0, 2), ValueError, "smooth"),
        (lambda: taylor_eval(sp.sin(x) * sp.Symbol("y"), 0.0, 2, 1.0), ValueError, "one"),
        (lambda: taylor_eval([1.0, 1.0], 0.0, 3, 1.0), ValueError, "derivative values"),
        (lambda: taylor_eval(np.sin, 0.0, 3, 1.0), TypeError, "SymPy expression"),
        (lambda: taylor_eval([1.0, 1.0], 0.0, 1, np.nan), ValueError, "x must be finite"),
        (lambda: taylor_eval([1.0, 1.0], 0.0, 1, 1j), TypeError, "x must be real"),
        (lambda: taylor_eval([1.0, 1j], 0.0, 1, 1.0), TypeError, "f must be real"),
        (lambda: taylor_eval([[1, 1]], 0.0, 1, 1.0), ValueError, "f must have 1 axes"),
        (lambda: taylor_eval([1, 1], [0.0, 1.0], 1, 1.0), ValueError, "x0 must be a"),
        (lambda: taylor_eval([1, 1], 0, None, 1.0), TypeError, "n must be an integer"),
        (lambda: series_coeffs("tan", 3), ValueError, "unknown series 'tan'"),
        (lambda: radius_of_convergence("tan"), ValueError, "unknown series"),
        (lambda: derivative_bound("log1p", 2, 0.0, -1.0), ValueError, "> -1"),
        (lambda: derivative_bound("geometric", 2, 0.0, 1.0), ValueError, "< 1"),
        (lambda: derivative_bound("tan", 2, 0.0, 0.5), ValueError, "unknown function"),
        (lambda: lagrange_bound(-1.0, 0.0, 1.0, 2), ValueError, "M must be >= 0"),
        (lambda: lagrange_bound(1.0, 0.0, "1", 2), TypeError, "x must be"),
        (lambda: derivative_bound("exp", 2, 0, np.nan), ValueError, "x must be finite"),
        (lambda: partial_sums(lambda k, t: t**k, 0.5, 0), ValueError, "n must be"),
        (lambda: partial_sums(lambda k, t: np.nan, 0.5, 3), ValueError, "term 0"),
        (lambda: partial_sums(None, 0.5, 3), TypeError, "terms_fn must be a function"),
        (lambda: partial_sums(lambda k, t: 1j * t, 0.5, 3), TypeError, "term 0 must"),
        (lambda: smooth_nonanalytic("a"), TypeError, "real number"),
        (lambda: sin_reduced(1.0, -1), ValueError, "n must be an integer"),
        (lambda: sin_reduced(None), TypeError, "real number"),
        (lambda: sin_reduced("a"), TypeError, "real number"),
        (lambda: sin_reduced(np.inf), ValueError, "finite"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
