"""Checks for the exercises of chapter 3, "Derivatives vs differentials"."""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib.checks import check_expr, check_function, check_scalar

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
        hint="the increment is the new volume minus the old: (s + ds)**3 - s**3.",
        mistakes={"that is only the linear part 3 s**2 ds, the differential; the increment "
                  "is the whole change (s + ds)**3 - s**3.": 3 * _S**2 * _DS},
    )
    check_expr(
        dV, 3 * _S**2 * _DS, name="Exercise 1, differential",
        hint="dV = V'(s) ds: the derivative of s**3 times ds.",
        mistakes={
            "that is the whole change ΔV; the differential keeps only the part that is linear "
            "in ds.": (_S + _DS) ** 3 - _S**3,
            "a differential is an amount, not a rate: multiply the derivative 3 s**2 by ds.":
                3 * _S**2,
        },
    )


def exercise_2a(linear_approx) -> None:
    """f(x0) + f'(x0) dx."""
    cube_root = np.cbrt
    cube_root_prime = lambda t: 1 / (3 * np.cbrt(t) ** 2)  # noqa: E731
    check_function(
        linear_approx, lambda f, fp, x0, dx: f(x0) + fp(x0) * dx,
        [(np.sqrt, lambda t: 0.5 / np.sqrt(t), 4.0, 0.1), (np.sin, np.cos, 0.0, 0.1),
         (np.exp, np.exp, 1.0, -0.2), (cube_root, cube_root_prime, 27.0, 2.0)],
        name="Exercise 2a",
        hint="start at f(x0) and add the differential fprime(x0) * dx.",
        mistakes={
            "that is only the differential fprime(x0) * dx; add it to f(x0).":
                lambda f, fp, x0, dx: fp(x0) * dx,
            "evaluate the derivative at the known point x0, not at x0 + dx.":
                lambda f, fp, x0, dx: f(x0) + fp(x0 + dx) * dx,
        },
    )


def exercise_2b(cube_root_estimate) -> None:
    """The linear approximation of the cube root of 8.3 from x0 = 8."""
    check_scalar(cube_root_estimate, 2 + 0.3 / 12, rtol=1e-6, name="Exercise 2b",
                 hint="x0 = 8, dx = 0.3, and the derivative of x**(1/3) is (1/3) x**(-2/3), "
                      "which is 1/12 at 8. (The exact cube root is not what is asked.)")


def exercise_3(dV_max, rel_V) -> None:
    """Error propagation from the radius of a sphere to its volume."""
    check_scalar(dV_max, 4 * math.pi * RADIUS**2 * RADIUS_ERROR, rtol=1e-6,
                 name="Exercise 3, volume error",
                 hint="V = (4/3) pi r**3, so dV = 4 pi r**2 dr with r = 12 and dr = 0.3.")
    check_scalar(rel_V, 3 * RADIUS_ERROR / RADIUS, rtol=1e-6,
                 name="Exercise 3, relative error",
                 hint="dV / V = 3 dr / r: the relative error of r times the exponent 3.")


def _step(f, fp, x0, lr):
    dx = -lr * fp(x0)
    return fp(x0) * dx, f(x0 + dx) - f(x0)


def exercise_4a(predicted_and_actual) -> None:
    """The predicted change df and the actual change of one gradient step."""
    check_function(
        predicted_and_actual, _step,
        [(np.square, lambda t: 2 * t, 10.0, 0.01), (lambda t: t**4, lambda t: 4 * t**3, 1.0, 0.1),
         (np.cos, lambda t: -np.sin(t), 0.5, 0.3), (np.exp, np.exp, -1.0, 0.5)],
        name="Exercise 4a",
        hint="the step is dx = -lr * fprime(x0); df = fprime(x0) * dx and the actual change "
             "is f(x0 + dx) - f(x0).",
        mistakes={
            "gradient descent steps against the derivative: dx = -lr * fprime(x0).":
                lambda f, fp, x0, lr: _step(f, fp, x0, -lr),
            "df is the derivative times the step, fprime(x0) * dx = -lr * fprime(x0)**2; the "
            "derivative appears twice.":
                lambda f, fp, x0, lr: (-lr * fp(x0), _step(f, fp, x0, lr)[1]),
            "return the pair in the order (df, actual change).":
                lambda f, fp, x0, lr: _step(f, fp, x0, lr)[::-1],
        },
    )


def exercise_4b(ratio) -> None:
    """Actual over predicted change for x^4 at 1 with lr = 0.1."""
    check_scalar(ratio, (0.6**4 - 1) / -1.6, rtol=1e-6, name="Exercise 4b",
                 hint="with f = x**4 at x0 = 1 and lr = 0.1 the step is -0.4; divide the actual "
                      "change by the predicted one (both are negative).")


def exercise_5(gap, limit_ratio) -> None:
    """The exact gap Δy - dy for 1/x at 2, and its limit over dx^2."""
    check_expr(
        gap, _DX**2 / (4 * (2 + _DX)), name="Exercise 5, gap",
        hint="Δy = 1/(2 + dx) - 1/2 and dy = f'(2) dx = -dx/4; put Δy - dy over one "
             "denominator (sp.simplify or sp.factor helps).",
        mistakes={"that is dy - Δy: the gap is Δy - dy, the actual change minus the "
                  "differential.": -(_DX**2) / (4 * (2 + _DX))},
    )
    check_scalar(limit_ratio, 1 / 8, name="Exercise 5, limit",
                 hint="divide the gap by dx**2 and let dx -> 0; compare with f''(2)/2 where "
                      "f''(x) = 2/x**3.")
