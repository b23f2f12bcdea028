"""Chapter 10's exercise checks accept right answers in several forms and reject the
typical mistakes (an in-place update, a missing starting point, a weak Armijo test, the
step 1/L for the best one, a singular value for an eigenvalue...) with their messages."""

import math

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch10

MU, L, KAPPA = ch10.EXERCISE_3_SYMBOLS


def descent_path(grad, x0, lr, num_iters):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(num_iters):
        x = x - lr * grad(x)
        path.append(x)
    return np.array(path)


def test_exercise_1_gradient_descent_returns_every_iterate(accepts, rejects):
    accepts(ch10.exercise_1, descent_path)

    def preallocated(grad, x0, lr, num_iters):
        path = np.zeros((num_iters + 1, len(x0)))
        path[0] = x0
        for k in range(num_iters):
            path[k + 1] = path[k] - lr * grad(path[k])
        return path

    accepts(ch10.exercise_1, preallocated)
    assert "starts with x0" in rejects(
        ch10.exercise_1, lambda g, x0, lr, n: descent_path(g, x0, lr, n)[1:])
    assert "one point" in rejects(
        ch10.exercise_1, lambda g, x0, lr, n: descent_path(g, x0, lr, n)[-1])
    assert "up the gradient" in rejects(
        ch10.exercise_1, lambda g, x0, lr, n: descent_path(lambda x: -g(x), x0, lr, n))

    def stored_in_place(grad, x0, lr, num_iters):
        x = np.array(x0, dtype=float)
        path = [x]
        for _ in range(num_iters):
            x -= lr * grad(x)
            path.append(x)
        return np.array(path)

    assert "in place" in rejects(ch10.exercise_1, stored_in_place)

    def moves_x0(grad, x0, lr, num_iters):
        path = [x0.copy()]
        for _ in range(num_iters):
            x0 -= lr * grad(x0)
            path.append(x0.copy())
        return np.array(path)

    assert "changed x0" in rejects(ch10.exercise_1, moves_x0)
    assert "None" in rejects(ch10.exercise_1, None)


def armijo_search(f, grad, x, lr0, shrink, c):
    g = grad(x)
    lr = lr0
    while f(x - lr * g) > f(x) - c * lr * (g @ g):
        lr *= shrink
    return lr


def test_exercise_2_backtracking_with_the_armijo_condition(accepts, rejects):
    accepts(ch10.exercise_2, armijo_search)

    def recursive(f, grad, x, lr0, shrink, c):
        g = grad(x)
        if f(x - lr0 * g) <= f(x) - c * lr0 * np.sum(g**2):
            return lr0
        return recursive(f, grad, x, lr0 * shrink, shrink, c)

    accepts(ch10.exercise_2, recursive)

    def with_test(test):
        def search(f, grad, x, lr0, shrink, c):
            g, lr = grad(x), lr0
            while not test(f, x, g, lr, c):
                lr *= shrink
            return lr
        return search

    assert "plain decrease" in rejects(
        ch10.exercise_2, with_test(lambda f, x, g, lr, c: f(x - lr * g) < f(x)))
    assert "squared norm" in rejects(ch10.exercise_2, with_test(
        lambda f, x, g, lr, c: f(x - lr * g) <= f(x) - c * lr * np.linalg.norm(g)))
    assert "step after the accepted one" in rejects(
        ch10.exercise_2, lambda *args: args[4] * armijo_search(*args))
    assert "one cut too few" in rejects(
        ch10.exercise_2, lambda *args: armijo_search(*args) / args[4])


def test_exercise_3_best_step_and_rate_by_sympy_equivalence(accepts, rejects):
    accepts(ch10.exercise_3, 2 / (L + MU), (KAPPA - 1) / (KAPPA + 1))
    accepts(ch10.exercise_3, "2/(mu + L)", "1 - 2/(kappa + 1)")
    accepts(ch10.exercise_3, 2 / MU / (1 + L / MU), sp.Rational(1, 1) - 2 / (KAPPA + 1))
    right_rate = (KAPPA - 1) / (KAPPA + 1)
    assert "kills the steepest" in rejects(ch10.exercise_3, 1 / L, right_rate)
    assert "boundary of stability" in rejects(ch10.exercise_3, 2 / L, right_rate)
    assert "not equal" in rejects(ch10.exercise_3, 1 / (L + MU), right_rate)
    step = 2 / (L + MU)
    assert "η = 1/L" in rejects(ch10.exercise_3, step, 1 - 1 / KAPPA)
    assert "accelerated" in rejects(
        ch10.exercise_3, step, (sp.sqrt(KAPPA) - 1) / (sp.sqrt(KAPPA) + 1))
    assert "f − f*" in rejects(ch10.exercise_3, step, right_rate**2)
    assert "reciprocal" in rejects(ch10.exercise_3, step, 1 / right_rate)
    message = rejects(ch10.exercise_3, step, "(L - mu)/(L + mu)")
    assert "uses" in message and "kappa" in message


def test_exercise_4_largest_stable_step_for_least_squares(accepts, rejects):
    X = np.array(ch10.EXERCISE_4_X, dtype=float)
    eigenvalues = np.linalg.eigvalsh(X.T @ X)
    singular = np.linalg.svd(X, compute_uv=False)
    accepts(ch10.exercise_4, 2 / eigenvalues[-1])
    accepts(ch10.exercise_4, 2 / singular[0] ** 2)
    assert "square of the largest singular" in rejects(ch10.exercise_4, 2 / singular[0])
    assert "not the largest one" in rejects(ch10.exercise_4, 1 / eigenvalues[-1])
    assert "best step" in rejects(ch10.exercise_4, 2 / (eigenvalues[0] + eigenvalues[-1]))
    assert "not the smallest" in rejects(ch10.exercise_4, 2 / eigenvalues[0])
    assert "trace" in rejects(ch10.exercise_4, 2 / np.trace(X.T @ X))
    message = rejects(ch10.exercise_4, 0.1)
    assert "too small" in message and f"{2 / eigenvalues[-1]:.4f}" not in message


def test_exercise_5_iterations_from_the_rate(accepts, rejects):
    k = math.ceil(math.log(1e-6) / math.log(0.99))
    assert k == 1375
    accepts(ch10.exercise_5, 1375)
    accepts(ch10.exercise_5, np.int64(1375))
    accepts(ch10.exercise_5, 1375.0)
    assert "≈ −1/κ" in rejects(ch10.exercise_5, 1382)
    assert "round up" in rejects(ch10.exercise_5, 1374)
    assert "best step" in rejects(ch10.exercise_5, 691)
    assert "whole number" in rejects(ch10.exercise_5, 1374.6)
    assert "1375" not in rejects(ch10.exercise_5, 1400)


def test_exercise_6_ridge_gradient(accepts, rejects):
    accepts(ch10.exercise_6, lambda w, X, y, lam: X.T @ (X @ w - y) + lam * w)
    accepts(ch10.exercise_6, lambda w, X, y, lam: (X.T @ X + lam * np.eye(len(w))) @ w
            - X.T @ y)
    assert "½ cancels" in rejects(
        ch10.exercise_6, lambda w, X, y, lam: X.T @ (X @ w - y) + 2 * lam * w)
    assert "is missing" in rejects(
        ch10.exercise_6, lambda w, X, y, lam: X.T @ (X @ w - y))
    assert "prediction minus the target" in rejects(
        ch10.exercise_6, lambda w, X, y, lam: X.T @ (y - X @ w) + lam * w)
