"""Chapter 6's exercise checks: right answers in any form pass, typical mistakes
fail."""

import math

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch06

x = sp.Symbol("x")


def test_exercise_1_taylor_polynomial_of_log(accepts, rejects):
    accepts(
        ch06.exercise_1,
        sum(
            sp.diff(sp.log(1 + x), x, k).subs(x, 0) / sp.factorial(k) * x**k
            for k in range(5)
        ),
    )
    accepts(ch06.exercise_1, "x - x^2/2 + x^3/3 - x^4/4")
    accepts(ch06.exercise_1, sp.series(sp.log(1 + x), x, 0, 5))  # with its O() term
    xr = sp.Symbol("x", real=True)  # a symbol with other assumptions
    accepts(ch06.exercise_1, xr - xr**2 / 2 + xr**3 / 3 - xr**4 / 4)
    accepts(
        ch06.exercise_1, x - 0.5 * x**2 + (1 / 3) * x**3 - 0.25 * x**4
    )  # floats, equal
    assert "signs alternate" in rejects(
        ch06.exercise_1, x + x**2 / 2 + x**3 / 3 + x**4 / 4
    )
    assert "not all ±1" in rejects(ch06.exercise_1, x - x**2 / 2 + x**3 / 6 - x**4 / 24)
    assert "up to the x**4 term" in rejects(ch06.exercise_1, x - x**2 / 2 + x**3 / 3)
    assert "sign is flipped" in rejects(
        ch06.exercise_1, -x + x**2 / 2 - x**3 / 3 + x**4 / 4
    )
    assert "not filled in" in rejects(ch06.exercise_1, ...)
    for rounded in (
        "x - 0.5*x**2 + 0.333*x**3 - 0.25*x**4",
        x - 0.5 * x**2 + 0.333 * x**3 - 0.25 * x**4,
        "x - .5x^2 + .33x^3 - .25x^4",
    ):
        assert "not exact" in rejects(ch06.exercise_1, rounded)
    assert "write fractions" in rejects(ch06.exercise_1, "x - 0.5*x**2")
    assert "write fractions" not in rejects(
        ch06.exercise_1, "x - x**2/2 + x**3/6 - x**4/24"
    )


def test_exercise_1_hints_do_not_give_the_coefficients(rejects):
    message = rejects(ch06.exercise_1, x - x**2 / 2 + x**3 / 6 - x**4 / 24)
    assert "1/k" not in message and "(k-1)!" not in message


def test_exercise_2_series_by_substitution(accepts, rejects):
    accepts(ch06.exercise_2, sum((-(x**2)) ** j / sp.factorial(j) for j in range(4)))
    accepts(ch06.exercise_2, sp.series(sp.exp(-(x**2)), x, 0, 7).removeO())
    assert "terms alternate" in rejects(ch06.exercise_2, 1 + x**2 + x**4 / 2 + x**6 / 6)
    assert "u = -x**2, not u = -x" in rejects(
        ch06.exercise_2, 1 - x + x**2 / 2 - x**3 / 6
    )
    assert "includes the x**6 term" in rejects(ch06.exercise_2, 1 - x**2 + x**4 / 2)
    assert "factorial belongs" in rejects(ch06.exercise_2, "1 - x^2 + x^4/24 - x^6/720")


def test_exercise_3_degree_from_lagrange_bound(accepts, rejects):
    n_needed = next(n for n in range(1, 100) if 0.5 ** (n + 1) / (n + 1) <= 1e-6)
    accepts(ch06.exercise_3, n_needed)
    message = rejects(ch06.exercise_3, n_needed - 1)  # off by one
    assert "still above" in message and "first n where" not in message
    assert "a smaller one" in rejects(ch06.exercise_3, n_needed + 1)
    assert str(n_needed) not in rejects(ch06.exercise_3, 40)
    assert "whole number" in rejects(ch06.exercise_3, 14.5)


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


def test_exercise_4_range_reduction(accepts, rejects):
    accepts(ch06.exercise_4, _exp_reduced)
    accepts(ch06.exercise_4, _exp_horner)  # another order of the same sum
    accepts(ch06.exercise_4, lambda v: _exp_reduced(v, degree=13))  # more terms is fine
    assert "multiply it by 2**k" in rejects(ch06.exercise_4, lambda v: math.exp(_r(v)))
    assert "do not add them" in rejects(
        ch06.exercise_4, lambda v: 2.0 ** round(v / math.log(2)) + math.exp(_r(v))
    )
    for degree in (9, 10, 11):  # close, but not within 2e-15
        message = rejects(
            ch06.exercise_4, lambda v, n=degree: _exp_reduced(v, degree=n)
        )
        assert "close, but" in message and "degree 12" in message
    assert "degree 11 does not" in rejects(
        ch06.exercise_4, lambda v: _exp_reduced(v, degree=6)
    )
    assert "round, not floor" in rejects(ch06.exercise_4, _exp_floor)
    assert "NotImplementedError" in rejects(
        ch06.exercise_4,
        lambda v: (_ for _ in ()).throw(NotImplementedError("range reduction")),
    )


def test_exercise_5_radius_at_another_centre(accepts, rejects):
    accepts(ch06.exercise_5, 3.0)
    order = sp.Symbol("order", integer=True, positive=True)
    coeff = (-1) ** (order + 1) / (order * 3**order)
    accepts(
        ch06.exercise_5,
        sp.limit(sp.Abs(coeff / coeff.subs(order, order + 1)), order, sp.oo),
    )
    assert "depends on the centre" in rejects(ch06.exercise_5, 1)  # the radius at 0
    assert "depends on the centre" in rejects(ch06.exercise_5, 5)  # the distance to 5
    assert "symbols left" in rejects(ch06.exercise_5, 3 * x)
    assert "infinity" in rejects(ch06.exercise_5, sp.oo)


def newton_step(fprime, fsecond, v):
    return v - fprime(v) / fsecond(v)


def test_exercise_6_newton_step(accepts, rejects):
    accepts(ch06.exercise_6_newton_step, newton_step)
    assert "check the sign" in rejects(
        ch06.exercise_6_newton_step, lambda fp, fpp, v: v + fp(v) / fpp(v)
    )
    assert "gradient step" in rejects(
        ch06.exercise_6_newton_step, lambda fp, fpp, v: v - fp(v)
    )
    assert "upside down" in rejects(
        ch06.exercise_6_newton_step, lambda fp, fpp, v: v - fpp(v) / fp(v)
    )
    message = rejects(
        ch06.exercise_6_newton_step, lambda fp, fpp, v: v - fp(v) / fpp(v) / 2
    )
    assert "at (fprime, fsecond, 1)" in message and "return x + h" in message
    message = rejects(ch06.exercise_6_newton_step, lambda fp, fpp, v: v)
    assert "f'(x) / f''(x)" not in message


def test_exercise_6_x_min(accepts, rejects):
    x_min = 1.0
    for _ in range(6):
        x_min = newton_step(lambda t: t**3 - 2, lambda t: 3 * t**2, x_min)
    accepts(ch06.exercise_6_x_min, x_min)
    accepts(ch06.exercise_6_x_min, np.cbrt(2))
    x_two = 1.0
    for _ in range(2):  # too few steps: not converged yet
        x_two = newton_step(lambda t: t**3 - 2, lambda t: 3 * t**2, x_two)
    assert "six times" in rejects(ch06.exercise_6_x_min, x_two)
    message = rejects(ch06.exercise_6_x_min, 2 ** (1 / 2))
    assert "six times" in message and "x**3 = 2" not in message
