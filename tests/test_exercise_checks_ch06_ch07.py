"""Exercise checks of chapters 6 and 7 accept the worked solutions and reject typical mistakes."""

import math

import numpy as np
import pytest
import sympy as sp

from mathlib.checks import CheckFailure
from mathlib.exercise_checks import ch06, ch07


def rejects(check, *answer) -> str:
    with pytest.raises(CheckFailure) as info:
        check(*answer)
    return str(info.value)


# --- chapter 6 -----------------------------------------------------------------------------

x = sp.Symbol("x")


def test_ch06_exercise_1_taylor_polynomial_of_log():
    ch06.exercise_1(sum(sp.diff(sp.log(1 + x), x, k).subs(x, 0) / sp.factorial(k) * x**k
                        for k in range(5)))
    ch06.exercise_1("x - x^2/2 + x^3/3 - x^4/4")
    ch06.exercise_1(sp.series(sp.log(1 + x), x, 0, 5).removeO())
    xr = sp.Symbol("x", real=True)                        # a symbol with other assumptions
    ch06.exercise_1(xr - xr**2 / 2 + xr**3 / 3 - xr**4 / 4)
    ch06.exercise_1(x - 0.5 * x**2 + (1 / 3) * x**3 - 0.25 * x**4)   # floats equal to the answer
    assert "signs alternate" in rejects(ch06.exercise_1, x + x**2 / 2 + x**3 / 3 + x**4 / 4)
    assert "not ±1/k!" in rejects(ch06.exercise_1, x - x**2 / 2 + x**3 / 6 - x**4 / 24)
    assert "up to the x**4 term" in rejects(ch06.exercise_1, x - x**2 / 2 + x**3 / 3)
    assert "sign is flipped" in rejects(ch06.exercise_1, -x + x**2 / 2 - x**3 / 3 + x**4 / 4)
    assert "not filled in" in rejects(ch06.exercise_1, ...)
    for rounded in ("x - 0.5*x**2 + 0.333*x**3 - 0.25*x**4",
                    x - 0.5 * x**2 + 0.333 * x**3 - 0.25 * x**4, "x - .5x^2 + .33x^3 - .25x^4"):
        assert "write fractions" in rejects(ch06.exercise_1, rounded)
    assert "write fractions" not in rejects(ch06.exercise_1, "x - x**2/2 + x**3/6 - x**4/24")


def test_ch06_exercise_2_series_by_substitution():
    ch06.exercise_2(sum((-x**2) ** j / sp.factorial(j) for j in range(4)))
    ch06.exercise_2(sp.series(sp.exp(-x**2), x, 0, 7).removeO())
    assert "terms alternate" in rejects(ch06.exercise_2, 1 + x**2 + x**4 / 2 + x**6 / 6)
    assert "u = -x**2, not u = -x" in rejects(ch06.exercise_2, 1 - x + x**2 / 2 - x**3 / 6)
    assert "includes the x**6 term" in rejects(ch06.exercise_2, 1 - x**2 + x**4 / 2)
    assert "factorial stays j!" in rejects(ch06.exercise_2,
                                           "1 - x^2 + x^4/24 - x^6/720")


def test_ch06_exercise_3_degree_from_lagrange_bound():
    n_needed = next(n for n in range(1, 100) if 0.5 ** (n + 1) / (n + 1) <= 1e-6)
    ch06.exercise_3(n_needed)
    assert "first n where" in rejects(ch06.exercise_3, n_needed - 1)   # off by one
    assert "expected 15, got 16" in rejects(ch06.exercise_3, n_needed + 1)


def _exp_reduced(v, degree=12):
    k = round(v / math.log(2))
    r = v - k * math.log(2)
    return 2.0**k * sum(r**j / math.factorial(j) for j in range(degree + 1))


def _r(v):
    return v - round(v / math.log(2)) * math.log(2)


def _exp_horner(v, degree=12):
    k = round(v / math.log(2))
    r, acc = v - k * math.log(2), 0.0
    for j in range(degree, -1, -1):
        acc = acc * r + 1 / math.factorial(j)
    return 2.0**k * acc


def _exp_floor(v):
    k = math.floor(v / math.log(2))
    r = v - k * math.log(2)
    return 2.0**k * sum(r**j / math.factorial(j) for j in range(13))


def test_ch06_exercise_4_range_reduction():
    ch06.exercise_4(_exp_reduced)
    ch06.exercise_4(_exp_horner)                           # another order of the same sum
    ch06.exercise_4(lambda v: _exp_reduced(v, degree=13))  # more terms than needed is fine
    assert "multiply it by 2**k" in rejects(ch06.exercise_4, lambda v: math.exp(_r(v)))
    assert "do not add them" in rejects(
        ch06.exercise_4, lambda v: 2.0 ** round(v / math.log(2)) + math.exp(_r(v)))
    for degree in (9, 10, 11):                             # close, but not within 2e-15
        message = rejects(ch06.exercise_4, lambda v, n=degree: _exp_reduced(v, degree=n))
        assert "close, but" in message and "degree 12" in message
    assert "degree 11 does not" in rejects(ch06.exercise_4, lambda v: _exp_reduced(v, degree=6))
    assert "round, not floor" in rejects(ch06.exercise_4, _exp_floor)
    assert "NotImplementedError" in rejects(ch06.exercise_4, lambda v: (_ for _ in ()).throw(
        NotImplementedError("range reduction")))


def test_ch06_exercise_5_radius_at_another_centre():
    ch06.exercise_5(3.0)
    order = sp.Symbol("order", integer=True, positive=True)
    coeff = (-1) ** (order + 1) / (order * 3**order)
    ch06.exercise_5(sp.limit(sp.Abs(coeff / coeff.subs(order, order + 1)), order, sp.oo))
    assert "depends on the centre" in rejects(ch06.exercise_5, 1)      # the radius at 0
    assert "depends on the centre" in rejects(ch06.exercise_5, 5)      # the distance to 5
    assert "symbols left" in rejects(ch06.exercise_5, 3 * x)


def test_ch06_exercise_6_newton():
    def newton_step(fprime, fsecond, v):
        return v - fprime(v) / fsecond(v)

    ch06.exercise_6_newton_step(newton_step)
    assert "check the sign" in rejects(ch06.exercise_6_newton_step,
                                       lambda fp, fpp, v: v + fp(v) / fpp(v))
    assert "gradient step" in rejects(ch06.exercise_6_newton_step, lambda fp, fpp, v: v - fp(v))
    assert "upside down" in rejects(ch06.exercise_6_newton_step,
                                    lambda fp, fpp, v: v - fpp(v) / fp(v))
    message = rejects(ch06.exercise_6_newton_step, lambda fp, fpp, v: v - fp(v) / fpp(v) / 2)
    assert "at (fprime, fsecond, 1)" in message and "solve for h" in message

    x_min = 1.0
    for _ in range(6):
        x_min = newton_step(lambda t: t**3 - 2, lambda t: 3 * t**2, x_min)
    ch06.exercise_6_x_min(x_min)
    ch06.exercise_6_x_min(np.cbrt(2))
    x_five = 1.0
    for _ in range(2):                                    # too few steps: not converged yet
        x_five = newton_step(lambda t: t**3 - 2, lambda t: 3 * t**2, x_five)
    assert "six times" in rejects(ch06.exercise_6_x_min, x_five)
    assert "six times" in rejects(ch06.exercise_6_x_min, 2 ** (1 / 2))


# --- chapter 7 -----------------------------------------------------------------------------

t = sp.Symbol("t", positive=True)
rho, phi, theta = sp.symbols("rho phi theta", positive=True)


def _riemann(f, a, b, n, shift):
    h = (b - a) / n
    return h * np.sum(f(a + h * (np.arange(n) + shift)))


def test_ch07_exercise_1_midpoint_rule():
    ch07.exercise_1(lambda f, a, b, n: _riemann(f, a, b, n, 0.5))
    ch07.exercise_1(lambda f, a, b, n: (b - a) / n * sum(
        f(a + (i + 0.5) * (b - a) / n) for i in range(n)))
    assert "left ends" in rejects(ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 0.0))
    assert "right ends" in rejects(ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 1.0))
    assert "width h" in rejects(ch07.exercise_1,
                                lambda f, a, b, n: _riemann(f, a, b, n, 0.5) / ((b - a) / n))
    assert "a + (i + 1/2) h" in rejects(                       # off by one: n + 1 pieces
        ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n + 1, 0.5))


def test_ch07_exercise_2_substitution():
    u = sp.Symbol("u", positive=True)
    ch07.exercise_2(sp.integrate(sp.exp(-u), (u, 0, t**2 / 2)))
    ch07.exercise_2("1 - exp(-t^2/2)")
    tp = sp.Symbol("t")                                  # without positive=True
    ch07.exercise_2(1 - sp.exp(-tp**2 / 2))
    assert "check the sign" in rejects(ch07.exercise_2, sp.exp(-t**2 / 2) - 1)
    assert "lower limit" in rejects(ch07.exercise_2, -sp.exp(-t**2 / 2))
    assert "t**2/2, not t**2" in rejects(ch07.exercise_2, 1 - sp.exp(-t**2))
    assert "uses x" in rejects(ch07.exercise_2, "1 - exp(-x^2/2)")


def test_ch07_exercise_3_spherical_jacobian():
    spherical = sp.Matrix([rho * sp.sin(phi) * sp.cos(theta), rho * sp.sin(phi) * sp.sin(theta),
                           rho * sp.cos(phi)])
    det = sp.simplify(spherical.jacobian([rho, phi, theta]).det())
    volume = sp.integrate(det, (rho, 0, 1), (phi, 0, sp.pi), (theta, 0, 2 * sp.pi))
    ch07.exercise_3(det, volume)
    ch07.exercise_3(det, 4 * math.pi / 3)
    r, p = sp.symbols("rho phi")                         # without positive=True
    ch07.exercise_3(r**2 * sp.sin(p), volume)
    unsimplified = spherical.jacobian([rho, phi, theta]).det()     # sin² + cos² of theta left
    ch07.exercise_3(unsimplified, volume)                          # equal, so accepted
    swapped = sp.simplify(spherical.jacobian([rho, theta, phi]).det())
    assert "order rho, phi, theta" in rejects(ch07.exercise_3, swapped, volume)
    assert "factor rho is missing" in rejects(ch07.exercise_3, rho * sp.sin(phi), volume)
    assert "not cos(phi)" in rejects(ch07.exercise_3, rho**2 * sp.cos(phi), volume)
    message = rejects(ch07.exercise_3, det, 2 * sp.pi / 3)   # phi over [0, pi/2] only
    assert "Exercise 3, volume" in message and "integrate |det|" in message


def test_ch07_exercise_4_density_of_transformed_variable():
    ch07.exercise_4(lambda y: 2 * np.exp(-2 * y))
    assert "only half of the formula" in rejects(
        ch07.exercise_4, lambda y: np.ones_like(np.asarray(y, dtype=float)))
    assert "cannot be negative" in rejects(ch07.exercise_4, lambda y: -2 * np.exp(-2 * y))
    assert "not exp(-y / 2)" in rejects(ch07.exercise_4, lambda y: 0.5 * np.exp(-y / 2))
    assert "multiply by |d g^-1 / dy|" in rejects(ch07.exercise_4, lambda y: np.exp(-2 * y))
    message = rejects(ch07.exercise_4, lambda y: 2 * math.exp(-2 * y))   # floats only
    assert "must accept a NumPy array" in message and "TypeError" in message
    assert "must accept a NumPy array" in rejects(            # an `if` on y
        ch07.exercise_4, lambda y: 2 * np.exp(-2 * y) if y > 0 else 0.0)
    assert "expected shape (5,)" in rejects(                  # an array in, one number out
        ch07.exercise_4, lambda y: float(np.sum(2 * np.exp(-2 * np.atleast_1d(y)))))


def test_ch07_exercise_5_monte_carlo_sample_size():
    p = math.pi / 4
    sigma = 4 * math.sqrt(p * (1 - p))
    ch07.exercise_5(math.ceil((sigma / 0.001) ** 2))
    ch07.exercise_5(float(math.ceil((sigma / 0.001) ** 2)))
    assert "rounded down" in rejects(ch07.exercise_5, math.floor((sigma / 0.001) ** 2))
    assert "whole number" in rejects(ch07.exercise_5, (sigma / 0.001) ** 2)   # not rounded
    assert "expected 2696767, got 2696768" in rejects(
        ch07.exercise_5, math.ceil((sigma / 0.001) ** 2) + 1)
    assert "solve for n" in rejects(ch07.exercise_5, math.ceil(sigma / 0.001))   # not squared
    assert "solve for n" in rejects(ch07.exercise_5, math.ceil((math.sqrt(p * (1 - p)) / 0.001)
                                                               ** 2))  # the factor 4 forgotten
