"""Chapter 20's exercise checks accept right answers in several forms and reject the
typical mistakes (the normal part instead of the tangent part, the retraction instead of
the exponential map, the chord instead of the arc, the Euclidean gradient, the power
method's rate, the latitude's cos²) with their messages, without giving the answer
away."""

import numpy as np
import sympy as sp

from mathlib import manifolds
from mathlib.exercise_checks import ch20


def _tangent_projection(x, v):
    return v - (x @ v) * x


def _exp_map(x, v):
    s = np.linalg.norm(v)
    return np.cos(s) * x + np.sin(s) * v / s


def test_exercise_1_tangent_projection_code(accepts, rejects):
    accepts(ch20.exercise_1, _tangent_projection)
    accepts(ch20.exercise_1, lambda x, v: (np.eye(x.size) - np.outer(x, x)) @ v)
    assert "normal part" in rejects(ch20.exercise_1, lambda x, v: (x @ v) * x)
    assert "sign" in rejects(ch20.exercise_1, lambda x, v: v + (x @ v) * x)
    assert "subtracting x" in rejects(ch20.exercise_1, lambda x, v: v - x)
    assert "None" in rejects(ch20.exercise_1, None)


def test_exercise_2_exponential_map_code(accepts, rejects):
    accepts(ch20.exercise_2, _exp_map)
    accepts(ch20.exercise_2, manifolds.sphere_exp)
    assert "retraction" in rejects(ch20.exercise_2,
                                   lambda x, v: (x + v) / np.linalg.norm(x + v))
    assert "swapped" in rejects(
        ch20.exercise_2, lambda x, v: np.sin(np.linalg.norm(v)) * x
        + np.cos(np.linalg.norm(v)) * v / np.linalg.norm(v))
    assert "divided by its length" in rejects(
        ch20.exercise_2, lambda x, v: np.cos(np.linalg.norm(v)) * x
        + np.sin(np.linalg.norm(v)) * v)
    assert "great circle" in rejects(ch20.exercise_2, lambda x, v: x + v)


def _points():
    (t1, p1), (t2, p2) = np.deg2rad(ch20.EXERCISE_3_POINTS)
    return (manifolds.spherical_point(t1, p1), manifolds.spherical_point(t2, p2))


def test_exercise_3_great_circle_distance(accepts, rejects):
    x, y = _points()
    right = np.arccos(x @ y)
    accepts(ch20.exercise_3, right)
    accepts(ch20.exercise_3, "acos(3*sqrt(2)/8 - 1/4)")
    assert "chord" in rejects(ch20.exercise_3, np.linalg.norm(x - y))
    assert "degrees" in rejects(ch20.exercise_3, np.rad2deg(right))
    assert "flat" in rejects(ch20.exercise_3, np.hypot(np.pi / 3, np.pi / 4))
    assert "latitude" in rejects(
        ch20.exercise_3, manifolds.sphere_distance(ch20._point(30, 0),
                                                   ch20._point(-30, 45)))
    assert "1.28" not in rejects(ch20.exercise_3, 1.0)


def test_exercise_4_riemannian_gradient(accepts, rejects):
    A, x = np.array(ch20.EXERCISE_4_A), np.array(ch20.EXERCISE_4_X)
    right = np.array([-13, -16, 5]) / 27
    assert np.allclose(manifolds.tangent_project(x, -A @ x), right)
    accepts(ch20.exercise_4, right)
    accepts(ch20.exercise_4, [sp.Rational(-13, 27), sp.Rational(-16, 27),
                              sp.Rational(5, 27)])
    assert "Euclidean gradient" in rejects(ch20.exercise_4, -A @ x)
    assert "sign" in rejects(ch20.exercise_4, -right)
    assert "factor 2" in rejects(ch20.exercise_4, 2 * right)
    assert "normal part" in rejects(ch20.exercise_4, -A @ x - right)
    assert "shape" in rejects(ch20.exercise_4, [1.0, 2.0])


def test_exercise_5_rate(accepts, rejects):
    accepts(ch20.exercise_5, 0.68)
    accepts(ch20.exercise_5, "17/25")
    assert "projected descent" in rejects(ch20.exercise_5, 2.68 / 3.1)
    assert "best step" in rejects(ch20.exercise_5, 0.6)
    assert "λ₂/λ₁" in rejects(ch20.exercise_5, 0.8)
    assert "|1 − ημ| only" in rejects(ch20.exercise_5, 0.58)
    assert "0.68" not in rejects(ch20.exercise_5, 0.7)


def test_exercise_6_metric_coefficient(accepts, rejects):
    r, theta = ch20.EXERCISE_6_SYMBOLS
    accepts(ch20.exercise_6, r**2 * sp.sin(theta) ** 2)
    accepts(ch20.exercise_6, "r^2*(1 - cos(theta)^2)")
    assert "r² is missing" in rejects(ch20.exercise_6, sp.sin(theta) ** 2)
    assert "not squared" in rejects(ch20.exercise_6, r * sp.sin(theta))
    assert "latitude" in rejects(ch20.exercise_6, r**2 * sp.cos(theta) ** 2)
    assert "dθ²" in rejects(ch20.exercise_6, r**2)
