"""Checks for the exercises of :doc:`/chapters/03-differentials`."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.differentiability import change_and_differential

__all__ = ["exercise_1", "exercise_2a", "exercise_2b", "exercise_3", "exercise_4a",
           "exercise_4b", "exercise_5", "RADIUS", "RADIUS_ERROR"]

# The symbols of exercises 1 and 5; the notebook creates equal ones with sp.symbols.
_S, _DS, _DX = sp.symbols("s ds dx")

# Exercise 3's balloon: radius and the largest error of its measurement, in cm.
RADIUS = 12.0
RADIUS_ERROR = 0.3


def exercise_1(delta_V, dV) -> None:
    """The increment and the differential of the volume s^3 of a cube."""
    check_expr(
        delta_V, (_S + _DS) ** 3 - _S**3, name="Exercise 1, increment",
        hint="the increment is the exact change of the volume: the new volume minus "
             "the old one.",
        mistakes={"that is only the part that is linear in ds, the differential; the "
                  "increment is the whole change of the volume.": 3 * _S**2 * _DS},
    )
    check_expr(
        dV, 3 * _S**2 * _DS, name="Exercise 1, differential",
        hint="the differential is V'(s) ds, the derivative of the volume times ds.",
        mistakes={
            "that is the whole change ΔV; the differential keeps only the part that is "
            "linear in ds.": (_S + _DS) ** 3 - _S**3,
            "a differential is an amount, not a rate: multiply the derivative by ds.":
                3 * _S**2,
        },
    )


def _linear_approx(f, fprime, x0, dx):
    return f(x0) + change_and_differential(f, fprime, x0, dx).dy


# Test functions and their derivatives, named so that messages can name them.
def sqrt_prime(t):
    return 0.5 / np.sqrt(t)


def cbrt_prime(t):
    return 1 / (3 * np.cbrt(t) ** 2)


def square_prime(t):
    return 2 * t


def quartic(t):
    return t**4


def quartic_prime(t):
    return 4 * t**3


def minus_sin(t):
    return -np.sin(t)


def exercise_2a(linear_approx) -> None:
    """f(x0) + f'(x0) dx."""
    check_function(
        linear_approx, _linear_approx,
        [(np.sqrt, sqrt_prime, 4.0, 0.1), (np.sin, np.cos, 0.0, 0.1),
         (np.exp, np.exp, 1.0, -0.2), (np.cbrt, cbrt_prime, 27.0, 2.0)],
        name="Exercise 2a",
        hint="follow the tangent line at x0: start from the value of f there and add "
             "the change along the tangent over the step dx.",
        mistakes={
            "that is only the change along the tangent (the differential); the "
            "approximation starts from the value of f at x0.":
                lambda f, fp, x0, dx: change_and_differential(f, fp, x0, dx).dy,
            "evaluate the derivative at the known point x0, not at x0 + dx.":
                lambda f, fp, x0, dx: f(x0) + fp(x0 + dx) * dx,
        },
    )


def exercise_2b(cube_root_estimate) -> None:
    """The linear approximation of the cube root of 8.3 from x0 = 8."""
    check_scalar(
        cube_root_estimate, _linear_approx(np.cbrt, cbrt_prime, 8.0, 0.3),
        rtol=1e-6, name="Exercise 2b",
        hint="x0 = 8 and dx = 0.3; the derivative of the cube root is (1/3) x**(-2/3).",
        mistakes={"that is the exact cube root; the exercise asks for its linear "
                  "approximation from x0 = 8.": float(np.cbrt(8.3))},
    )


def exercise_3(dV_max, rel_V) -> None:
    """Error propagation from the radius of a sphere to its volume."""
    volume = 4 / 3 * math.pi * RADIUS**3
    dV = 4 * math.pi * RADIUS**2 * RADIUS_ERROR  # V'(r) dr
    check_scalar(dV_max, dV, rtol=1e-6, name="Exercise 3, volume error",
                 hint="dV = V'(r) dr: differentiate (4/3) pi r**3, then put in r = 12 "
                      "and dr = 0.3.",
                 mistakes={"that is the exact change of the volume; the differential "
                           "V'(r) dr is what estimates the error.":
                           volume * ((1 + RADIUS_ERROR / RADIUS) ** 3 - 1)})
    check_scalar(rel_V, dV / volume, rtol=1e-6, name="Exercise 3, relative error",
                 hint="the relative error is dV / V; simplify the fraction before "
                      "putting in numbers, and compare with the relative error of r.",
                 mistakes={"that is the relative error of the radius, dr / r; the "
                           "volume's is dV / V.": RADIUS_ERROR / RADIUS})


def _predicted_and_actual(f, fprime, x0, lr):
    change = change_and_differential(f, fprime, x0, -lr * fprime(x0))
    return change.dy, change.delta_y


def exercise_4a(predicted_and_actual) -> None:
    """The predicted change df and the actual change of one gradient step."""
    check_function(
        predicted_and_actual, _predicted_and_actual,
        [(np.square, square_prime, 10.0, 0.01), (quartic, quartic_prime, 1.0, 0.1),
         (np.cos, minus_sin, 0.5, 0.3), (np.exp, np.exp, -1.0, 0.5)],
        name="Exercise 4a",
        hint="take one step against the derivative, lr times the slope long; df is the "
             "differential for that step, and the actual change is the value of f "
             "after the step minus the value before.",
        mistakes={
            "gradient descent steps against the derivative, downhill.":
                lambda f, fp, x0, lr: _predicted_and_actual(f, fp, x0, -lr),
            "df is the derivative times the step dx, and the step itself contains the "
            "derivative: it appears twice.":
                lambda f, fp, x0, lr: (-lr * fp(x0),
                                       _predicted_and_actual(f, fp, x0, lr)[1]),
            "return the pair in the order (df, actual change).":
                lambda f, fp, x0, lr: _predicted_and_actual(f, fp, x0, lr)[::-1],
        },
    )


def exercise_4b(ratio) -> None:
    """Actual over predicted change for x^4 at 1 with lr = 0.1."""
    df, delta_f = _predicted_and_actual(quartic, quartic_prime, 1.0, 0.1)
    check_scalar(ratio, delta_f / df, rtol=1e-6, name="Exercise 4b",
                 hint="with f = x**4 at x0 = 1 and lr = 0.1, take one step; divide the "
                      "actual change by the predicted one (both are negative).",
                 mistakes={"that is the predicted change over the actual one; the "
                           "ratio asked for is actual over predicted.": df / delta_f})


def exercise_5(gap, limit_ratio) -> None:
    """The exact gap Δy - dy for 1/x at 2, and its limit over dx^2."""
    check_expr(
        gap, _DX**2 / (4 * (2 + _DX)), name="Exercise 5, gap",
        hint="Δy is the exact change of 1/x from 2 to 2 + dx, and dy = f'(2) dx; "
             "subtract and put everything over one denominator (sp.simplify or "
             "sp.factor helps).",
        mistakes={"that is dy - Δy: the gap is Δy - dy, the actual change minus the "
                  "differential.": -(_DX**2) / (4 * (2 + _DX))},
    )
    check_scalar(limit_ratio, 1 / 8, name="Exercise 5, limit",  # f''(2)/2 = (2/2**3)/2
                 hint="divide the gap by dx**2 and let dx -> 0 (sp.limit).")
