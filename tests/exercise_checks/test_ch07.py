"""Chapter 7's exercise checks: right answers in any form pass, typical mistakes
fail."""

import math

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch07
from mathlib.integrate import riemann_sum

t = sp.Symbol("t", positive=True)
rho, phi, theta = sp.symbols("rho phi theta", positive=True)


def _riemann(f, a, b, n, shift):
    h = (b - a) / n
    return h * np.sum(f(a + h * (np.arange(n) + shift)))


def test_exercise_1_midpoint_rule(accepts, rejects):
    accepts(ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 0.5))
    accepts(
        ch07.exercise_1,
        lambda f, a, b, n: (
            (b - a) / n * sum(f(a + (i + 0.5) * (b - a) / n) for i in range(n))
        ),
    )
    accepts(
        ch07.exercise_1, lambda f, a, b, n: riemann_sum(f, a, b, n, rule="midpoint")
    )
    assert "left ends" in rejects(
        ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 0.0)
    )
    assert "right ends" in rejects(
        ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 1.0)
    )
    assert "width h" in rejects(
        ch07.exercise_1, lambda f, a, b, n: _riemann(f, a, b, n, 0.5) / ((b - a) / n)
    )
    message = rejects(
        ch07.exercise_1,  # off by one: n + 1 pieces
        lambda f, a, b, n: _riemann(f, a, b, n + 1, 0.5),
    )
    assert "middle of each piece" in message and "a + (i + 1/2) h" not in message


def test_exercise_2_substitution(accepts, rejects):
    u = sp.Symbol("u", positive=True)
    accepts(ch07.exercise_2, sp.integrate(sp.exp(-u), (u, 0, t**2 / 2)))
    accepts(ch07.exercise_2, "1 - exp(-t^2/2)")
    tp = sp.Symbol("t")  # without positive=True
    accepts(ch07.exercise_2, 1 - sp.exp(-(tp**2) / 2))
    assert "check the sign" in rejects(ch07.exercise_2, sp.exp(-(t**2) / 2) - 1)
    assert "lower limit" in rejects(ch07.exercise_2, -sp.exp(-(t**2) / 2))
    assert "t**2/2, not t**2" in rejects(ch07.exercise_2, 1 - sp.exp(-(t**2)))
    assert "uses x" in rejects(ch07.exercise_2, "1 - exp(-x^2/2)")
    assert "off by a constant" in rejects(ch07.exercise_2, "2 - exp(-t^2/2)")


def test_exercise_3_spherical_jacobian(accepts, rejects):
    spherical = sp.Matrix(
        [
            rho * sp.sin(phi) * sp.cos(theta),
            rho * sp.sin(phi) * sp.sin(theta),
            rho * sp.cos(phi),
        ]
    )
    det = sp.simplify(spherical.jacobian([rho, phi, theta]).det())
    volume = sp.integrate(det, (rho, 0, 1), (phi, 0, sp.pi), (theta, 0, 2 * sp.pi))
    accepts(ch07.exercise_3, det, volume)
    accepts(ch07.exercise_3, det, 4 * math.pi / 3)
    r, p = sp.symbols("rho phi")  # without positive=True
    accepts(ch07.exercise_3, r**2 * sp.sin(p), volume)
    unsimplified = spherical.jacobian(
        [rho, phi, theta]
    ).det()  # sin² + cos² of theta left
    accepts(ch07.exercise_3, unsimplified, volume)  # equal, so accepted
    swapped = sp.simplify(spherical.jacobian([rho, theta, phi]).det())
    assert "order rho, phi, theta" in rejects(ch07.exercise_3, swapped, volume)
    assert "factor rho is missing" in rejects(
        ch07.exercise_3, rho * sp.sin(phi), volume
    )
    assert "from the z-axis" in rejects(ch07.exercise_3, rho**2 * sp.cos(phi), volume)
    message = rejects(ch07.exercise_3, det, 2 * sp.pi / 3)  # phi over [0, pi/2] only
    assert "Exercise 3, volume" in message and "integrate |det|" in message
    assert "4.18" not in message and "4*pi/3" not in message
    assert "Matrix" in rejects(
        ch07.exercise_3, spherical.jacobian([rho, phi, theta]), volume
    )


def test_exercise_4_density_of_transformed_variable(accepts, rejects):
    accepts(ch07.exercise_4, lambda y: 2 * np.exp(-2 * y))
    accepts(ch07.exercise_4, lambda y: np.abs(-2 * np.exp(-2 * y)) * np.ones_like(y))
    assert "only half of the formula" in rejects(
        ch07.exercise_4, lambda y: np.ones_like(np.asarray(y, dtype=float))
    )
    assert "cannot be negative" in rejects(
        ch07.exercise_4, lambda y: -2 * np.exp(-2 * y)
    )
    assert "not exp(-y / 2)" in rejects(ch07.exercise_4, lambda y: 0.5 * np.exp(-y / 2))
    assert "multiply by |d g^-1 / dy|" in rejects(
        ch07.exercise_4, lambda y: np.exp(-2 * y)
    )


def test_exercise_4_asks_for_arrays(rejects):
    message = rejects(ch07.exercise_4, lambda y: 2 * math.exp(-2 * y))  # floats only
    assert "must also accept a NumPy array" in message and "TypeError" in message
    assert "must also accept a NumPy array" in rejects(  # an `if` on y
        ch07.exercise_4, lambda y: 2 * np.exp(-2 * y) if y > 0 else 0.0
    )
    assert "an array of shape (5,)" in rejects(  # an array in, one number out
        ch07.exercise_4, lambda y: float(np.sum(2 * np.exp(-2 * np.atleast_1d(y))))
    )


def test_exercise_5_monte_carlo_sample_size(accepts, rejects):
    p = math.pi / 4
    sigma = 4 * math.sqrt(p * (1 - p))
    n = math.ceil((sigma / 0.001) ** 2)
    accepts(ch07.exercise_5, n)
    accepts(ch07.exercise_5, float(n))
    assert "rounded down" in rejects(ch07.exercise_5, n - 1)
    assert "whole number" in rejects(
        ch07.exercise_5, (sigma / 0.001) ** 2
    )  # not rounded
    message = rejects(ch07.exercise_5, n + 1)
    assert "a little too large" in message and str(n) not in message
    assert "solve for n" in rejects(
        ch07.exercise_5, math.ceil(sigma / 0.001)
    )  # not squared
    assert "solve for n" in rejects(
        ch07.exercise_5, math.ceil((math.sqrt(p * (1 - p)) / 0.001) ** 2)
    )  # no 4
