"""Chapter 12's exercise checks accept right answers in several forms and reject the
typical mistakes (a sign error in the Newton step, a multiplication by H for a solve, the
DFP formula for BFGS, the wrong sign of f', the double-root factor at a triple root...)
with their messages, and never show the number or formula asked for."""

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch12

X, A = ch12.EXERCISE_3_SYMBOLS


def newton_step(grad, hess, x):
    return x + np.linalg.solve(hess(x), -grad(x))


def bfgs_update(H, s, y):
    rho = 1.0 / (y @ s)
    V = np.eye(len(s)) - rho * np.outer(y, s)
    return V.T @ H @ V + rho * np.outer(s, s)


def test_exercise_1_newton_step(accepts, rejects):
    accepts(ch12.exercise_1, newton_step)
    accepts(ch12.exercise_1, lambda g, h, x: x - np.linalg.inv(h(x)) @ g(x))
    accepts(ch12.exercise_1, lambda g, h, x: x - np.linalg.lstsq(h(x), g(x))[0])
    assert "wrong sign" in rejects(
        ch12.exercise_1, lambda g, h, x: x + np.linalg.solve(h(x), g(x)))
    assert "not the new point" in rejects(
        ch12.exercise_1, lambda g, h, x: np.linalg.solve(h(x), -g(x)))
    assert "linear solve" in rejects(ch12.exercise_1, lambda g, h, x: x - h(x) @ g(x))
    assert "diagonal" in rejects(
        ch12.exercise_1, lambda g, h, x: x - g(x) / np.diag(h(x)))
    assert "Hessian is missing" in rejects(ch12.exercise_1, lambda g, h, x: x - g(x))
    assert "None" in rejects(ch12.exercise_1, None)


def test_exercise_2_bfgs_update(accepts, rejects):
    accepts(ch12.exercise_2, bfgs_update)

    def expanded(H, s, y):      # the same update, multiplied out
        rho = 1.0 / (y @ s)
        Hy = H @ y
        return (H - rho * (np.outer(s, Hy) + np.outer(Hy, s))
                + (rho**2 * (y @ Hy) + rho) * np.outer(s, s))

    accepts(ch12.exercise_2, expanded)
    assert "DFP" in rejects(ch12.exercise_2, lambda H, s, y: H - np.outer(H @ y, H @ y)
                            / (y @ H @ y) + np.outer(s, s) / (y @ s))
    assert "Hessian approximation B" in rejects(
        ch12.exercise_2, lambda H, s, y: H - np.outer(H @ s, H @ s) / (s @ H @ s)
        + np.outer(y, y) / (y @ s))

    def with_rho(rho_of):
        def update(H, s, y):
            rho = rho_of(s, y)
            V = np.eye(len(s)) - rho * np.outer(y, s)
            return V.T @ H @ V + rho * np.outer(s, s)
        return update

    assert "not 1/(sᵀs)" in rejects(ch12.exercise_2, with_rho(lambda s, y: 1 / (s @ s)))

    def swapped(H, s, y):
        rho = 1.0 / (y @ s)
        V = np.eye(len(s)) - rho * np.outer(y, s)
        return V @ H @ V.T + rho * np.outer(s, s)

    assert "wrong order" in rejects(ch12.exercise_2, swapped)
    assert "ρ s sᵀ is missing" in rejects(
        ch12.exercise_2, lambda H, s, y: bfgs_update(H, s, y) - np.outer(s, s) / (y @ s))


def test_exercise_3_reciprocal_iteration_by_sympy_equivalence(accepts, rejects):
    accepts(ch12.exercise_3, X * (2 - A * X), -A)
    accepts(ch12.exercise_3, "2*x - a*x^2", "-a")
    accepts(ch12.exercise_3, X - (1 / X - A) / (-1 / X**2), sp.Integer(-1) * A)
    right_c = -A
    assert "sign of f'" in rejects(ch12.exercise_3, A * X**2, right_c)
    assert "divides f by f'" in rejects(
        ch12.exercise_3, X - (-1 / X**2) / (1 / X - A), right_c)
    assert "needs a division" in rejects(ch12.exercise_3, 1 / A, right_c)
    assert "not the new point" in rejects(ch12.exercise_3, X - A * X**2, right_c)
    message = rejects(ch12.exercise_3, X * (3 - A * X), right_c)
    assert "2 - a*x" not in message and "2 - x*a" not in message
    right_it = X * (2 - A * X)
    assert "sign is lost" in rejects(ch12.exercise_3, right_it, A)
    assert "½" in rejects(ch12.exercise_3, right_it, -2 * A)
    assert "r = 1/a" in rejects(ch12.exercise_3, right_it, -1 / A)
    assert "-a" not in rejects(ch12.exercise_3, right_it, -3 * A).replace("-a*", "")


def test_exercise_4_triple_root_rate(accepts, rejects):
    accepts(ch12.exercise_4, 2 / 3)
    accepts(ch12.exercise_4, "2/3")
    accepts(ch12.exercise_4, 0.66667)            # a measured ratio
    assert "double root" in rejects(ch12.exercise_4, 0.5)
    assert "keeps the rest" in rejects(ch12.exercise_4, 1 / 3)
    assert "not quadratic" in rejects(ch12.exercise_4, 0)
    assert "invert" in rejects(ch12.exercise_4, 1.5)
    message = rejects(ch12.exercise_4, 0.7)
    assert "2/3" not in message and "0.6667" not in message and "0.666" not in message


def test_exercise_5_basin_boundary(accepts, rejects):
    accepts(ch12.exercise_5, 2 / 3)
    accepts(ch12.exercise_5, sp.Rational(2, 3))
    assert "local minimiser" in rejects(ch12.exercise_5, 4 / 3)
    assert "local maximiser" in rejects(ch12.exercise_5, 0)
    assert "tutorial used" in rejects(ch12.exercise_5, 2)
    message = rejects(ch12.exercise_5, 1.0)
    assert "0.667" not in message and "2/3" not in message and "0.666" not in message


def test_exercise_6_steps_from_quadratic_convergence(accepts, rejects):
    accepts(ch12.exercise_6, 7)
    accepts(ch12.exercise_6, np.int64(7))
    accepts(ch12.exercise_6, 7.0)
    assert "linear convergence" in rejects(ch12.exercise_6, 99)
    assert "round up" in rejects(ch12.exercise_6, 6)
    assert "not e_0^(2k)" in rejects(ch12.exercise_6, 50)
    assert "one digit per step" in rejects(ch12.exercise_6, 100)
    assert "whole number" in rejects(ch12.exercise_6, 6.5)
    assert "7" not in rejects(ch12.exercise_6, 10)
