"""Chapter 13's exercise checks accept right answers in several forms and reject the
typical mistakes (the other sign convention, the closest point instead of the minimiser,
a missing ½ or label, α_i y_i for α_i, half the margin...) with their messages, without
giving the answer away."""

import math

import numpy as np
import sympy as sp

from mathlib import constrained
from mathlib.exercise_checks import ch13

C = ch13.EXERCISE_2_C


def test_exercise_1_lagrange_system_by_hand(accepts, rejects):
    accepts(ch13.exercise_1, np.array([1 / 3, 4 / 3]), 4 / 3)
    accepts(ch13.exercise_1, [1 / 3, 4 / 3], "4/3")
    accepts(ch13.exercise_1, (sp.Rational(1, 3), sp.Rational(4, 3)), sp.Rational(4, 3))
    assert "closest one to the origin" in rejects(ch13.exercise_1, [0.6, 1.2], 4 / 3)
    assert "swapped" in rejects(ch13.exercise_1, [4 / 3, 1 / 3], 4 / 3)
    assert "entries are wrong" in rejects(ch13.exercise_1, [0.3, 1.3], 4 / 3)
    assert "L = f + λh" in rejects(ch13.exercise_1, [1 / 3, 4 / 3], -4 / 3)
    assert "minimum value" in rejects(ch13.exercise_1, [1 / 3, 4 / 3], 2)
    assert "factor of 2" in rejects(ch13.exercise_1, [1 / 3, 4 / 3], 2 / 3)
    message = rejects(ch13.exercise_1, [1 / 3, 4 / 3], 1.5)
    assert "1.33" not in message and "4/3" not in message
    assert "None" in rejects(ch13.exercise_1, None, 4 / 3)


def test_exercise_1_reference_is_the_minimiser():
    x, lam = constrained.equality_qp(np.diag([4.0, 2.0]), np.zeros(2), [[1, 2]], [3])
    assert np.allclose(x, [1 / 3, 4 / 3]) and np.isclose(lam[0], 4 / 3)


def test_exercise_2_formulas_by_sympy_equivalence(accepts, rejects):
    right_f, right_lam = sp.Rational(4, 5) * C**2, sp.Rational(8, 5) * C
    accepts(ch13.exercise_2, right_f, right_lam)
    accepts(ch13.exercise_2, "0.8*c^2", "1.6*c")
    accepts(ch13.exercise_2, (2 * C) ** 2 / 5, 8 * C / 5)
    assert "x² + y²" in rejects(ch13.exercise_2, C**2 / 2, right_lam)
    assert "multiplier, not the minimum" in rejects(
        ch13.exercise_2, right_lam, right_lam)
    assert "sign" in rejects(ch13.exercise_2, right_f, -right_lam)
    assert "f*(c)/c" in rejects(ch13.exercise_2, right_f, right_lam / 2)
    assert "minimum value, not the multiplier" in rejects(
        ch13.exercise_2, right_f, right_f)
    message = rejects(ch13.exercise_2, right_f, 3 * C)
    assert "8*c/5" not in message and "8c/5" not in message


def test_exercise_2_multiplier_is_the_derivative_of_the_minimum():
    def best(c):
        x, _ = constrained.equality_qp(np.diag([2.0, 8.0]), np.zeros(2), [[1, 1]], [c])
        return x[0] ** 2 + 4 * x[1] ** 2

    for c in (-2.0, 0.5, 3.0):
        assert math.isclose(best(c), 4 * c**2 / 5, rel_tol=1e-12)
        _, lam = constrained.equality_qp(np.diag([2.0, 8.0]), np.zeros(2), [[1, 1]],
                                         [c])
        assert math.isclose(lam[0], 8 * c / 5, rel_tol=1e-12)


def dual(alpha, X, y):
    total = 0.0
    for i in range(len(y)):
        for j in range(len(y)):
            total += alpha[i] * alpha[j] * y[i] * y[j] * (X[i] @ X[j])
    return np.sum(alpha) - total / 2


def test_exercise_3_dual_objective_in_code(accepts, rejects):
    accepts(ch13.exercise_3, dual)
    accepts(ch13.exercise_3,
            lambda a, X, y: a.sum() - 0.5 * (a * y) @ (X @ X.T) @ (a * y))

    def w(a, X, y):
        return X.T @ (a * y)

    assert "factor ½" in rejects(
        ch13.exercise_3, lambda a, X, y: a.sum() - w(a, X, y) @ w(a, X, y))
    assert "labels are missing" in rejects(
        ch13.exercise_3, lambda a, X, y: a.sum() - 0.5 * (X.T @ a) @ (X.T @ a))
    assert "sign of the quadratic" in rejects(
        ch13.exercise_3, lambda a, X, y: a.sum() + 0.5 * w(a, X, y) @ w(a, X, y))
    assert "linear term" in rejects(
        ch13.exercise_3, lambda a, X, y: -0.5 * w(a, X, y) @ w(a, X, y))
    assert "expected" in rejects(ch13.exercise_3, lambda a, X, y: a.sum())
    assert "None" in rejects(ch13.exercise_3, None)


def test_exercise_4_dual_gradient_in_code(accepts, rejects):
    def loop_gradient(alpha, X, y):
        w = sum(alpha[j] * y[j] * X[j] for j in range(len(y)))
        return np.array([1 - y[i] * X[i] @ w for i in range(len(y))])

    accepts(ch13.exercise_4, loop_gradient)
    accepts(ch13.exercise_4, constrained.dual_gradient)

    def inner(a, X, y):
        return X @ (X.T @ (a * y))

    assert "label y_i in front" in rejects(
        ch13.exercise_4, lambda a, X, y: 1 - inner(a, X, y))
    assert "½ too many" in rejects(
        ch13.exercise_4, lambda a, X, y: 1 - 0.5 * y * inner(a, X, y))
    assert "gradient of −q" in rejects(
        ch13.exercise_4, lambda a, X, y: y * inner(a, X, y) - 1)
    assert "the 1 from" in rejects(ch13.exercise_4, lambda a, X, y: -y * inner(a, X, y))
    assert "returned one" in rejects(ch13.exercise_4, lambda a, X, y: 1.0 - 0 * a.sum())


def test_exercise_5_four_point_svm(accepts, rejects):
    root8 = 2 * math.sqrt(2)
    accepts(ch13.exercise_5, np.array([0.25, 0.25, 0.0, 0.0]), root8)
    accepts(ch13.exercise_5, [1 / 4, 1 / 4, 0, 0], "2*sqrt(2)")
    accepts(ch13.exercise_5, (0.25, 0.25, 0, 0), sp.sqrt(8))
    assert "dual_coef_" in rejects(ch13.exercise_5, [0.25, -0.25, 0, 0], root8)
    assert "twice too long" in rejects(ch13.exercise_5, [0.5, 0.5, 0, 0], root8)
    assert "half as long" in rejects(ch13.exercise_5, [0.125, 0.125, 0, 0], root8)
    assert "entries are wrong" in rejects(
        ch13.exercise_5, [0.25, 0.25, 0.1, 0.1], root8)
    assert "shape" in rejects(ch13.exercise_5, [0.25, 0.25], root8)
    alpha = [0.25, 0.25, 0, 0]
    assert "both sides" in rejects(ch13.exercise_5, alpha, math.sqrt(2))
    assert "inversely" in rejects(ch13.exercise_5, alpha, 1 / math.sqrt(2))
    assert "square" in rejects(ch13.exercise_5, alpha, 4.0)
    message = rejects(ch13.exercise_5, alpha, 3.0)
    assert "2.83" not in message and "2.82" not in message


def test_exercise_5_reference_matches_the_hand_solution():
    sol = constrained.svm_dual(np.array(ch13.EXERCISE_5_X, float),
                               np.array(ch13.EXERCISE_5_Y, float))
    assert np.allclose(sol.alpha, [0.25, 0.25, 0, 0], atol=1e-12)
    assert np.allclose(sol.w, [0.5, 0.5]) and abs(sol.b) < 1e-12
