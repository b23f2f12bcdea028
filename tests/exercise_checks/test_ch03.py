"""Chapter 3's exercise checks: right answers in any form pass, typical mistakes
fail."""

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch03

s, ds, dx = sp.symbols("s ds dx")


def test_exercise_1_increment_and_differential(accepts, rejects):
    accepts(ch03.exercise_1, (s + ds) ** 3 - s**3, 3 * s**2 * ds)
    accepts(ch03.exercise_1, "3*s^2*ds + 3*s*ds^2 + ds^3", "3 s**2 ds")
    accepts(ch03.exercise_1, sp.expand((s + ds) ** 3 - s**3), sp.diff(s**3, s) * ds)
    assert "linear in ds" in rejects(ch03.exercise_1, 3 * s**2 * ds, 3 * s**2 * ds)
    assert "whole change" in rejects(
        ch03.exercise_1, (s + ds) ** 3 - s**3, (s + ds) ** 3 - s**3
    )
    assert "multiply the derivative" in rejects(
        ch03.exercise_1, (s + ds) ** 3 - s**3, 3 * s**2
    )
    assert "flipped" in rejects(ch03.exercise_1, s**3 - (s + ds) ** 3, 3 * s**2 * ds)


def test_exercise_1_hints_do_not_state_the_increment(rejects):
    message = rejects(ch03.exercise_1, s * ds, 3 * s**2 * ds)
    assert "(s + ds)**3" not in message and "s**3" not in message


def test_exercise_2a_linear_approximation(accepts, rejects):
    accepts(ch03.exercise_2a, lambda f, fp, x0, dx: f(x0) + fp(x0) * dx)
    accepts(ch03.exercise_2a, lambda f, fp, x0, dx: dx * fp(x0) + f(x0))
    assert "value of f at x0" in rejects(
        ch03.exercise_2a, lambda f, fp, x0, dx: fp(x0) * dx
    )
    assert "known point" in rejects(
        ch03.exercise_2a, lambda f, fp, x0, dx: f(x0) + fp(x0 + dx) * dx
    )
    message = rejects(ch03.exercise_2a, lambda f, fp, x0, dx: f(x0) - fp(x0) * dx)
    assert "fprime(x0) * dx" not in message and "f(x0) +" not in message


def test_exercise_2b_cube_root_estimate(accepts, rejects):
    accepts(ch03.exercise_2b, 2.025)
    accepts(ch03.exercise_2b, 2.025 + 1e-8)  # rounding in another order is fine
    accepts(ch03.exercise_2b, "2 + 0.3/12")
    assert "asks for its linear approximation" in rejects(
        ch03.exercise_2b, np.cbrt(8.3)
    )
    assert "2.025" not in rejects(ch03.exercise_2b, 2.05)


def test_exercise_3_error_propagation(accepts, rejects):
    r, dr = ch03.RADIUS, ch03.RADIUS_ERROR
    accepts(ch03.exercise_3, 4 * np.pi * r**2 * dr, 3 * dr / r)
    accepts(
        ch03.exercise_3,
        sp.diff(4 * sp.pi * sp.Symbol("r") ** 3 / 3, "r").subs("r", 12)
        * sp.Rational(3, 10),
        0.075,
    )
    assert "relative error of the radius" in rejects(
        ch03.exercise_3, 4 * np.pi * r**2 * dr, dr / r
    )
    assert "too small by a factor of about 3" in rejects(
        ch03.exercise_3, 4 / 3 * np.pi * r**2 * dr, 3 * dr / r
    )  # forgot the exponent
    assert "exact change" in rejects(
        ch03.exercise_3, 4 / 3 * np.pi * ((r + dr) ** 3 - r**3), 3 * dr / r
    )


def _right(f, fp, x0, lr):
    step = -lr * fp(x0)
    return fp(x0) * step, f(x0 + step) - f(x0)


def test_exercise_4a_predicted_and_actual_change(accepts, rejects):
    accepts(ch03.exercise_4a, _right)
    accepts(ch03.exercise_4a, lambda f, fp, x0, lr: np.array(_right(f, fp, x0, lr)))
    assert "against the derivative" in rejects(
        ch03.exercise_4a, lambda f, fp, x0, lr: _right(f, fp, x0, -lr)
    )
    assert "appears twice" in rejects(
        ch03.exercise_4a, lambda f, fp, x0, lr: (-lr * fp(x0), _right(f, fp, x0, lr)[1])
    )
    assert "order" in rejects(
        ch03.exercise_4a, lambda f, fp, x0, lr: _right(f, fp, x0, lr)[::-1]
    )
    message = rejects(ch03.exercise_4a, lambda f, fp, x0, lr: (0.0, 0.0))
    assert "-lr * fprime(x0)" not in message and "f(x0 + dx) - f(x0)" not in message


def test_exercise_4b_ratio(accepts, rejects):
    df, delta = _right(lambda t: t**4, lambda t: 4 * t**3, 1.0, 0.1)
    accepts(ch03.exercise_4b, delta / df)
    assert "actual over predicted" in rejects(ch03.exercise_4b, df / delta)
    assert "0.544" not in rejects(ch03.exercise_4b, 0.6)


def test_exercise_5_gap_and_its_limit(accepts, rejects):
    accepts(
        ch03.exercise_5, 1 / (2 + dx) - sp.Rational(1, 2) + dx / 4, sp.Rational(1, 8)
    )
    accepts(ch03.exercise_5, "dx^2/(8 + 4*dx)", 0.125)
    assert "Δy - dy" in rejects(ch03.exercise_5, -(dx**2) / (4 * (2 + dx)), 0.125)
    assert "factor of about 2" in rejects(ch03.exercise_5, dx**2 / (4 * (2 + dx)), 0.25)
    assert "uses x" in rejects(ch03.exercise_5, "x**2/(4*(2 + x))", 0.125)
