"""Chapter 2's exercise checks: right answers in any form pass, typical mistakes
fail."""

import numpy as np
import sympy as sp

from mathlib.differentiability import one_sided_quotients, weierstrass
from mathlib.exercise_checks import ch02

a, h = sp.symbols("a h")


def test_exercise_1_quotient_and_derivative(accepts, rejects):
    accepts(ch02.exercise_1, sp.simplify((1 / (a + h) - 1 / a) / h), -1 / a**2)
    accepts(ch02.exercise_1, "-1/(a^2 + a*h)", "-a**(-2)")
    accepts(
        ch02.exercise_1, (1 / (a + h) - 1 / a) / h, sp.limit(-1 / (a * (a + h)), h, 0)
    )
    assert "subtract f(a)" in rejects(ch02.exercise_1, 1 / (a * (a + h)), -1 / a**2)
    assert "sign is lost" in rejects(ch02.exercise_1, -1 / (a * (a + h)), 1 / a**2)
    assert "uses h" in rejects(ch02.exercise_1, -1 / (a * (a + h)), -1 / (a * (a + h)))
    message = rejects(ch02.exercise_1, -1 / (a * (a + h)), -2 / a**2)  # a stray factor
    assert "constant factor" in message and "a**2" not in message.replace("2/a**2", "")


def test_exercise_1_never_shows_the_reciprocal_of_the_answer(rejects):
    message = rejects(ch02.exercise_1, -1 / (a * (a + h)), 1)  # a constant entered
    assert "does not depend on a" in message and "times the right answer" not in message


def test_exercise_2a_one_sided_slopes(accepts, rejects):
    accepts(
        ch02.exercise_2a, lambda f, a, h: ((f(a) - f(a - h)) / h, (f(a + h) - f(a)) / h)
    )
    accepts(
        ch02.exercise_2a,
        lambda f, a, h: [(f(a - h) - f(a)) / -h, (f(a + h) - f(a)) / h],
    )
    accepts(ch02.exercise_2a, one_sided_quotients)
    def wrong_sign(f, a, h):
        return (f(a - h) - f(a)) / h, (f(a + h) - f(a)) / h

    assert "opposite sign" in rejects(ch02.exercise_2a, wrong_sign)
    assert "at (abs, 0, 0.1)" in rejects(ch02.exercise_2a, wrong_sign)  # f by its name
    assert "order (left, right)" in rejects(
        ch02.exercise_2a, lambda f, a, h: ((f(a + h) - f(a)) / h, (f(a) - f(a - h)) / h)
    )


def test_exercise_2a_hints_do_not_state_the_formula(rejects):
    message = rejects(ch02.exercise_2a, lambda f, a, h: (0.0, 0.0))
    assert "f(a) - f(a - h)" not in message and "f(a + h) - f(a)" not in message


def test_exercise_2a_wrong_length_pairs_get_a_message(rejects):
    def triple(f, a, h):
        return (f(a) - f(a - h)) / h, (f(a + h) - f(a)) / h, 0.0

    assert "returned 3 numbers, but 2 numbers were expected" in rejects(
        ch02.exercise_2a, triple
    )
    assert "returned one number" in rejects(ch02.exercise_2a, lambda f, a, h: 1.0)


def test_exercise_2b_slopes_at_a_corner(accepts, rejects):
    g = lambda x: abs(x**2 - 1)  # noqa: E731
    accepts(ch02.exercise_2b, (g(1) - g(1 - 1e-6)) / 1e-6, (g(1 + 1e-6) - g(1)) / 1e-6)
    accepts(ch02.exercise_2b, -2, 2)
    assert "flipped" in rejects(ch02.exercise_2b, 2.0, 2.0)
    assert "right derivative" in rejects(ch02.exercise_2b, -2.0, 1.0)


def test_exercise_3_glued_pieces(accepts, rejects):
    accepts(ch02.exercise_3, 2, -1)
    accepts(ch02.exercise_3, 2.0, sp.Integer(-1))
    assert "meet at 1" in rejects(ch02.exercise_3, 2, 0)
    assert "slope of x**2" in rejects(ch02.exercise_3, 1, 0)


def test_exercise_4a_derivative_with_a_corner(accepts, rejects):
    accepts(ch02.exercise_4a, lambda x: 2 * np.maximum(x, 0))
    accepts(ch02.exercise_4a, lambda x: np.where(x > 0, 2 * x, 0))
    assert "not 2x" in rejects(ch02.exercise_4a, lambda x: 2 * x)
    assert "f itself" in rejects(ch02.exercise_4a, lambda x: np.where(x < 0, 0.0, x**2))


def test_exercise_4a_asks_for_arrays(rejects):
    message = rejects(ch02.exercise_4a, lambda x: 2 * x if x > 0 else 0.0)
    assert "must also accept a NumPy array" in message and "ValueError" in message
    assert "one value for each number" in rejects(
        ch02.exercise_4a, lambda x: 2 * max(float(np.max(x)), 0)
    )


def test_exercise_4b_second_derivative_sides(accepts, rejects):
    accepts(ch02.exercise_4b, 0, 2)
    message = rejects(ch02.exercise_4b, 2, 2)
    assert "left of the junction" in message and "too large" in message


def test_exercise_5a_weierstrass_partial_sum(accepts, rejects):
    accepts(ch02.exercise_5a, lambda x, n, a=0.5, b=13: weierstrass(x, n, a, b))

    def naive(x, n, a=0.5, b=13):
        return sum(a**k * np.cos(b**k * np.pi * x) for k in range(n))

    accepts(ch02.exercise_5a, naive)
    assert "starts at n = 1" in rejects(
        ch02.exercise_5a,
        lambda x, n: sum(0.5**k * np.cos(13**k * np.pi * x) for k in range(1, n + 1)),
    )
    assert "one more" in rejects(
        ch02.exercise_5a, lambda x, n: naive(x, n + 1)
    )  # off by one
    assert "pi is missing" in rejects(
        ch02.exercise_5a, lambda x, n: sum(0.5**k * np.cos(13**k * x) for k in range(n))
    )
    assert "not sines" in rejects(
        ch02.exercise_5a,
        lambda x, n: sum(0.5**k * np.sin(13**k * np.pi * x) for k in range(n)),
    )


def test_exercise_5b_number_of_terms(accepts, rejects):
    n = next(n for n in range(100) if 0.5**n / 0.5 <= 1e-6)
    accepts(ch02.exercise_5b, n)
    accepts(ch02.exercise_5b, float(n))
    message = rejects(ch02.exercise_5b, n - 1)  # rounded down
    assert (
        "round up" in message
        and "a little too small" in message
        and str(n) not in message
    )
    assert "whole number" in rejects(ch02.exercise_5b, 1 + np.log2(1e6))  # not rounded
    assert "too large" in rejects(ch02.exercise_5b, 2 * n)
