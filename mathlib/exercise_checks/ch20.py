"""Checks for the exercises of :doc:`/chapters/20-manifolds`.

The references come from :mod:`mathlib.manifolds`, the library the chapter teaches:
``tangent_project`` and ``sphere_exp`` for the two exercises that ask for code (tried on
random points and tangent vectors in several dimensions), ``sphere_distance`` and
``spherical_point`` for exercise 3, ``tangent_project`` for the gradient of exercise 4,
and :func:`mathlib.descent.linear_rate` for the rate of exercise 5. The metric
coefficient of exercise 6 is compared by SymPy equivalence.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib import manifolds
from mathlib.checks import (
    check_array,
    check_expr,
    check_function,
    check_scalar,
)
from mathlib.descent import linear_rate

__all__ = [
    "EXERCISE_3_POINTS", "EXERCISE_4_A", "EXERCISE_4_X", "EXERCISE_5_EIGENVALUES",
    "EXERCISE_5_LR", "EXERCISE_6_SYMBOLS", "exercise_1", "exercise_2", "exercise_3",
    "exercise_4", "exercise_5", "exercise_6",
]

# Exercise 3: two points given by (polar angle θ, longitude φ) in degrees.
EXERCISE_3_POINTS = ((60.0, 0.0), (120.0, 45.0))
# Exercise 4: f(x) = -½ xᵀAx on S², at the point x.
EXERCISE_4_A = ((2.0, 1.0, 0.0), (1.0, 3.0, 1.0), (0.0, 1.0, 1.0))
EXERCISE_4_X = (2 / 3, -1 / 3, 2 / 3)
# Exercise 5: the eigenvalues of A and the step size.
EXERCISE_5_EIGENVALUES = (5.0, 4.0, 2.0, 1.0)
EXERCISE_5_LR = 0.42
# Exercise 6: the radius r and the polar angle θ.
EXERCISE_6_SYMBOLS = (sp.Symbol("r", positive=True), sp.Symbol("theta", real=True))


def _cases(seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """(x, v): a unit x and a tangent v at x, in dimensions 2 to 6."""
    rng = np.random.default_rng(seed)
    cases = []
    for n, size in [(2, 0.5), (3, 1.0), (3, 2.5), (4, 0.1), (5, 4.0), (6, 1.7)]:
        x = rng.normal(size=n)
        x /= np.linalg.norm(x)
        v = rng.normal(size=n)
        v -= (x @ v) * x
        cases.append((x, size * v / np.linalg.norm(v)))
    return cases


# ------------------------------------------------------------------------------
# Exercises 1 and 2: the tangent projection and the exponential map in code.

def exercise_1(tangent_projection) -> None:
    """(I − x xᵀ) v, on unit vectors x and arbitrary v in dimensions 2 to 6."""
    rng = np.random.default_rng(2001)
    cases = [(x, v + rng.normal() * x) for x, v in _cases(2001)]  # v with a normal part
    check_function(
        tangent_projection, manifolds.tangent_project, cases, name="Exercise 1",
        rtol=1e-9, atol=1e-12,
        hint="subtract from v its component along x, which is (x @ v) * x.",
        mistakes={
            "that is the normal part (xᵀv) x, the part the projection removes.":
                lambda x, v: (x @ v) * x,
            "the sign: the projection subtracts (xᵀv) x from v.":
                lambda x, v: v + (x @ v) * x,
            "subtracting x itself is not a projection: the component of v along x "
            "is (xᵀv) x.": lambda x, v: v - x,
        },
    )


def exercise_2(exp_map) -> None:
    """cos(‖v‖) x + sin(‖v‖) v/‖v‖, on tangent vectors of lengths 0.1 to 4."""
    def unit_v(x, v):
        return v / np.linalg.norm(v)

    check_function(
        exp_map, manifolds.sphere_exp, _cases(2002), name="Exercise 2",
        rtol=1e-9, atol=1e-12,
        hint="follow the great circle: cos(‖v‖) x + sin(‖v‖) v/‖v‖, with "
             "‖v‖ = np.linalg.norm(v).",
        mistakes={
            "that is the normalising retraction (x + v)/‖x + v‖; it agrees with exp "
            "only to second order, and never goes beyond a quarter circle.":
                lambda x, v: (x + v) / np.linalg.norm(x + v),
            "cos and sin are swapped: at v = 0 the map must return x.":
                lambda x, v: np.sin(np.linalg.norm(v)) * x
                + np.cos(np.linalg.norm(v)) * unit_v(x, v),
            "v must be divided by its length: the second term is sin(‖v‖) times a "
            "unit vector.":
                lambda x, v: np.cos(np.linalg.norm(v)) * x
                + np.sin(np.linalg.norm(v)) * v,
            "x + v is not on the sphere; the exponential map follows the great "
            "circle.": lambda x, v: x + v,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 3: a great-circle distance.

def _point(theta_deg: float, phi_deg: float) -> np.ndarray:
    return manifolds.spherical_point(np.deg2rad(theta_deg), np.deg2rad(phi_deg))


def exercise_3(distance) -> None:
    """The great-circle distance between the two points of EXERCISE_3_POINTS."""
    (t1, p1), (t2, p2) = EXERCISE_3_POINTS
    x, y = _point(t1, p1), _point(t2, p2)
    right = manifolds.sphere_distance(x, y)
    latitude = manifolds.sphere_distance(_point(90 - t1, p1), _point(90 - t2, p2))
    check_scalar(
        distance, right, name="Exercise 3", rtol=1e-6,
        hint="turn both points into unit vectors (sin θ cos φ, sin θ sin φ, cos θ), "
             "with the angles in radians, and take the angle between them.",
        mistakes={
            "that is the length of the chord |x − y| through the ball; the distance "
            "on the sphere is the angle.": float(np.linalg.norm(x - y)),
            "that is in degrees; the distance on the unit sphere is in radians.":
                float(np.rad2deg(right)),
            "θ here is the polar angle from the north pole, not the latitude.":
                latitude,
            "that is √(Δθ² + Δφ²), the distance in a flat (θ, φ) plane; the metric of "
            "the sphere has sin²θ in front of dφ².":
                float(np.hypot(np.deg2rad(t2 - t1), np.deg2rad(p2 - p1))),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the Riemannian gradient of the Rayleigh quotient.

def exercise_4(rgrad) -> None:
    """grad f(x) = −(Ax − (xᵀAx)x) for f = −½xᵀAx at EXERCISE_4_X."""
    A, x = np.array(EXERCISE_4_A), np.array(EXERCISE_4_X)
    right = manifolds.tangent_project(x, -A @ x)
    hint = ("the Euclidean gradient of −½xᵀAx is −Ax; the Riemannian gradient is its "
            "projection onto the tangent space at x.")
    mistakes = {
        "that is the Euclidean gradient −Ax: it has a component along x, normal to "
        "the sphere; project it.": -A @ x,
        "the sign: f = −½xᵀAx, so the gradient is −(Ax − (xᵀAx)x).": -right,
        "a factor 2 too many: the gradient of ½xᵀAx is Ax, not 2Ax.": 2 * right,
        "that is the normal part of the gradient, the part the projection removes.":
            -A @ x - right,
    }
    check_array(rgrad, right, name="Exercise 4", hint=hint, mistakes=mistakes)


# ------------------------------------------------------------------------------
# Exercise 5: the rate of Riemannian gradient descent.

def exercise_5(rate) -> None:
    """max_i |1 − η(λ1 − λi)| for the eigenvalues and step of exercise 5."""
    lam, lr = np.array(EXERCISE_5_EIGENVALUES), EXERCISE_5_LR
    mu, L = lam[0] - lam[1], lam[0] - lam[-1]
    kappa = L / mu
    check_scalar(
        rate, linear_rate(lr, mu, L), name="Exercise 5", rtol=1e-6,
        hint="near u₁ the error is multiplied by I − η(λ₁I − A) on the tangent space; "
             "its eigenvalues are 1 − η(λ₁ − λᵢ) for i ≥ 2. Take the largest in "
             "absolute value.",
        mistakes={
            "that is the factor of projected descent, the power method on I + ηA; "
            "Riemannian descent subtracts λ₁.": (1 + lr * lam[1]) / (1 + lr * lam[0]),
            "that is the factor of the best step 2/(μ + L); this exercise fixes the "
            "step.": (kappa - 1) / (kappa + 1),
            "that is λ₂/λ₁, the factor of the plain power method.": lam[1] / lam[0],
            "that is |1 − ημ| only; with this step the largest gap L = λ₁ − λₙ gives "
            "the larger factor.": abs(1 - lr * mu),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the metric of a sphere of radius r.

def exercise_6(g_phiphi) -> None:
    """The coefficient of dφ² in ds² on the sphere of radius r: r² sin²θ."""
    r, theta = EXERCISE_6_SYMBOLS
    check_expr(
        g_phiphi, r**2 * sp.sin(theta) ** 2, name="Exercise 6",
        hint="compute JᵀJ for r(θ, φ) = r (sin θ cos φ, sin θ sin φ, cos θ), or think "
             "of the circle of polar angle θ: its radius is r sin θ.",
        mistakes={
            "the factor r² is missing: on a sphere of radius r every length grows by "
            "r, every squared length by r².": sp.sin(theta) ** 2,
            "that is not squared: ds² has squares of lengths.": r * sp.sin(theta),
            "θ is the polar angle from the north pole; cos² belongs to the latitude.":
                r**2 * sp.cos(theta) ** 2,
            "that is the coefficient of dθ²; the dφ² term shrinks near the poles.":
                r**2,
        },
    )
