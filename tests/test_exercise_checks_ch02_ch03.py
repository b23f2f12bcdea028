"""Exercise checks of chapters 2 and 3 accept the worked solutions and reject typical mistakes."""

import numpy as np
import pytest
import sympy as sp

from mathlib.checks import CheckFailure
from mathlib.differentiability import weierstrass
from mathlib.exercise_checks import ch02, ch03


def rejects(check, *answer) -> str:
    with pytest.raises(CheckFailure) as info:
        check(*answer)
    return str(info.value)


# --- chapter 2 -----------------------------------------------------------------------------

def test_ch02_exercise_1():
    a, h = sp.symbols("a h")
    ch02.exercise_1(sp.simplify((1 / (a + h) - 1 / a) / h), -1 / a**2)
    ch02.exercise_1("-1/(a^2 + a*h)", "-a**(-2)")
    assert "subtract f(a)" in rejects(ch02.exercise_1, 1 / (a * (a + h)), -1 / a**2)
    assert "sign is lost" in rejects(ch02.exercise_1, -1 / (a * (a + h)), 1 / a**2)
    assert "uses h" in rejects(ch02.exercise_1, -1 / (a * (a + h)), -1 / (a * (a + h)))


def test_ch02_exercise_2():
    ch02.exercise_2a(lambda f, a, h: ((f(a) - f(a - h)) / h, (f(a + h) - f(a)) / h))
    assert "wrong sign" in rejects(
        ch02.exercise_2a, lambda f, a, h: ((f(a - h) - f(a)) / h, (f(a + h) - f(a)) / h))
    assert "at (abs, 0, 0.1)" in rejects(                      # names the function readably
        ch02.exercise_2a, lambda f, a, h: ((f(a - h) - f(a)) / h, (f(a + h) - f(a)) / h))
    assert "order (left, right)" in rejects(
        ch02.exercise_2a, lambda f, a, h: ((f(a + h) - f(a)) / h, (f(a) - f(a - h)) / h))
    g = lambda x: abs(x**2 - 1)  # noqa: E731
    ch02.exercise_2b((g(1) - g(1 - 1e-6)) / 1e-6, (g(1 + 1e-6) - g(1)) / 1e-6)
    assert "flipped" in rejects(ch02.exercise_2b, 2.0, 2.0)


def test_ch02_exercise_3():
    ch02.exercise_3(2, -1)
    ch02.exercise_3(2.0, sp.Integer(-1))
    assert "continuous" in rejects(ch02.exercise_3, 2, 0)
    assert "slope of x**2" in rejects(ch02.exercise_3, 1, 0)


def test_ch02_exercise_4():
    ch02.exercise_4a(lambda x: 2 * np.maximum(x, 0))
    ch02.exercise_4b(0, 2)
    assert "not 2x" in rejects(ch02.exercise_4a, lambda x: 2 * x)
    assert "f itself" in rejects(ch02.exercise_4a, lambda x: np.where(x < 0, 0.0, x**2))
    assert "constant" in rejects(ch02.exercise_4b, 2, 2)


def test_ch02_exercise_5():
    ch02.exercise_5a(lambda x, n, a=0.5, b=13: weierstrass(x, n, a, b))
    naive = lambda x, n, a=0.5, b=13: sum(a**k * np.cos(b**k * np.pi * x) for k in range(n))  # noqa: E731
    ch02.exercise_5a(naive)
    assert "starts at n = 1" in rejects(
        ch02.exercise_5a, lambda x, n: sum(0.5**k * np.cos(13**k * np.pi * x)
                                           for k in range(1, n + 1)))
    assert "one more" in rejects(ch02.exercise_5a, lambda x, n: naive(x, n + 1))
    assert "pi is missing" in rejects(
        ch02.exercise_5a, lambda x, n: sum(0.5**k * np.cos(13**k * x) for k in range(n)))
    ch02.exercise_5b(21)
    assert "round up" in rejects(ch02.exercise_5b, 20)


# --- chapter 3 -----------------------------------------------------------------------------

def test_ch03_exercise_1():
    s, ds = sp.symbols("s ds")
    ch03.exercise_1((s + ds) ** 3 - s**3, 3 * s**2 * ds)
    ch03.exercise_1("3*s^2*ds + 3*s*ds^2 + ds^3", "3 s**2 ds")
    assert "linear part" in rejects(ch03.exercise_1, 3 * s**2 * ds, 3 * s**2 * ds)
    assert "whole change" in rejects(ch03.exercise_1, (s + ds) ** 3 - s**3,
                                     (s + ds) ** 3 - s**3)
    assert "multiply the derivative" in rejects(ch03.exercise_1, (s + ds) ** 3 - s**3,
                                                3 * s**2)


def test_ch03_exercise_2():
    ch03.exercise_2a(lambda f, fp, x0, dx: f(x0) + fp(x0) * dx)
    assert "add it to f(x0)" in rejects(ch03.exercise_2a, lambda f, fp, x0, dx: fp(x0) * dx)
    assert "known point" in rejects(ch03.exercise_2a,
                                    lambda f, fp, x0, dx: f(x0) + fp(x0 + dx) * dx)
    ch03.exercise_2b(2.025)
    ch03.exercise_2b(2.025 + 1e-8)          # rounding in another order of operations is fine
    assert "not what is asked" in rejects(ch03.exercise_2b, np.cbrt(8.3))


def test_ch03_exercise_3():
    r, dr = ch03.RADIUS, ch03.RADIUS_ERROR
    ch03.exercise_3(4 * np.pi * r**2 * dr, 3 * dr / r)
    assert "factor of 0.3333" in rejects(ch03.exercise_3, 4 * np.pi * r**2 * dr, dr / r)
    assert "4 pi r**2 dr" in rejects(ch03.exercise_3, 4 / 3 * np.pi * ((r + dr) ** 3 - r**3),
                                     3 * dr / r)


def test_ch03_exercise_4():
    def right(f, fp, x0, lr):
        dx = -lr * fp(x0)
        return fp(x0) * dx, f(x0 + dx) - f(x0)

    ch03.exercise_4a(right)
    assert "against the derivative" in rejects(
        ch03.exercise_4a, lambda f, fp, x0, lr: right(f, fp, x0, -lr))
    assert "appears twice" in rejects(
        ch03.exercise_4a, lambda f, fp, x0, lr: (-lr * fp(x0), right(f, fp, x0, lr)[1]))
    assert "order" in rejects(ch03.exercise_4a, lambda f, fp, x0, lr: right(f, fp, x0, lr)[::-1])
    df, delta = right(lambda t: t**4, lambda t: 4 * t**3, 1.0, 0.1)
    ch03.exercise_4b(delta / df)
    assert "expected 0.544" in rejects(ch03.exercise_4b, df / delta)


def test_ch03_exercise_5():
    dx = sp.Symbol("dx")
    ch03.exercise_5(1 / (2 + dx) - sp.Rational(1, 2) + dx / 4, sp.Rational(1, 8))
    ch03.exercise_5("dx^2/(8 + 4*dx)", 0.125)
    assert "Δy - dy" in rejects(ch03.exercise_5, -(dx**2) / (4 * (2 + dx)), 0.125)
    assert "factor of 2" in rejects(ch03.exercise_5, dx**2 / (4 * (2 + dx)), 0.25)
