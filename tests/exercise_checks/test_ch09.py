"""Chapter 9's exercise checks accept right answers in several forms and reject the
typical mistakes (wrong transposes above all) with a message that names them."""

import numpy as np
import pytest
import sympy as sp

from mathlib.exercise_checks import ch09
from mathlib.matrix_calculus import kron
from mathlib.numdiff import hessian, jacobian


def jacobian_1(x):
    return np.array([[2 * x[0] * x[1], x[0] ** 2, 0.0],
                     [1.0, np.exp(x[2]), x[1] * np.exp(x[2])]])


def test_exercise_1_jacobian_in_numerator_layout(accepts, rejects):
    accepts(ch09.exercise_1, jacobian_1)
    accepts(ch09.exercise_1, lambda x: jacobian(
        lambda v: np.array([v[0] ** 2 * v[1], v[1] * np.exp(v[2]) + v[0]]), x))
    assert "denominator layout" in rejects(ch09.exercise_1, lambda x: jacobian_1(x).T)
    swapped = rejects(ch09.exercise_1, lambda x: jacobian_1(x)[[1, 0]])
    assert "rows are swapped" in swapped

    def lost_factor(x):
        J = jacobian_1(x)
        J[1, 2] = np.exp(x[2])
        return J

    assert "keeps the factor x2" in rejects(ch09.exercise_1, lost_factor)
    assert "shape (2, 3)" in rejects(ch09.exercise_1, lambda x: jacobian_1(x)[0])
    assert "None" in rejects(ch09.exercise_1, None)


def test_exercise_2_gradient_of_log_det_by_sympy_equivalence(accepts, rejects):
    X = ch09.EXERCISE_2_X
    accepts(ch09.exercise_2, 2 * X * (X.T * X).inv())
    accepts(ch09.exercise_2, 2 * X * (X.T * X) ** -1)
    entries = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"x{i + 1}{j + 1}", real=True))
    f = sp.log((entries.T * entries).det())
    accepts(ch09.exercise_2, entries.applyfunc(lambda e: sp.diff(f, e)))  # by entries
    assert "half" in rejects(ch09.exercise_2, X * (X.T * X).inv())
    assert "transpose" in rejects(ch09.exercise_2, 2 * (X.T * X).inv() * X.T)
    assert "sign" in rejects(ch09.exercise_2, -2 * X * (X.T * X).inv())
    assert "all entries are 0" in rejects(ch09.exercise_2, sp.ZeroMatrix(3, 2))
    # what SymPy 1.14 returns for the MatrixSymbol derivative, whatever its type
    assert "log det" in rejects(ch09.exercise_2, sp.ZeroMatrix(3, 2) * 0)
    assert "shape of X" in rejects(ch09.exercise_2, 2 * (X.T * X).inv())
    assert "row 1, column 1" in rejects(ch09.exercise_2, 2 * X)
    accepts(ch09.exercise_2, 2 * X * sp.Inverse(X.T * X))
    assert "not filled in" in rejects(ch09.exercise_2, ...)
    assert "x11, x12" in rejects(ch09.exercise_2, sp.Matrix(3, 2, [sp.Symbol("y")] * 6))
    assert "only X" in rejects(ch09.exercise_2, 2 * sp.MatrixSymbol("Y", 3, 2))
    assert "matrix expression" in rejects(ch09.exercise_2, "2*X*(X.T*X)**-1")
    for rubbish in (sp.nan, sp.zoo, sp.I):
        assert "finite real" in rejects(ch09.exercise_2, sp.Matrix(3, 2, [rubbish] * 6))


def layer_gradient(W, X, Y):
    return (X @ W.T - Y).T @ X


def test_exercise_3_linear_layer_gradient_and_its_wrong_transpose(accepts, rejects):
    accepts(ch09.exercise_3, layer_gradient)
    accepts(ch09.exercise_3, lambda W, X, Y: np.einsum("mp,mn->pn", X @ W.T - Y, X))
    message = rejects(ch09.exercise_3, lambda W, X, Y: X.T @ (X @ W.T - Y))
    assert "wrong transpose" in message and "shape of W" in message
    assert "½" in rejects(ch09.exercise_3, lambda W, X, Y: 2 * layer_gradient(W, X, Y))
    assert "prediction minus the target" in rejects(
        ch09.exercise_3, lambda W, X, Y: -layer_gradient(W, X, Y))


def tanh_gradient(x, W, c, t):
    y = np.tanh(W @ x + c)
    return W.T @ ((1 - y**2) * (y - t))


def test_exercise_4_vector_jacobian_product_through_tanh(accepts, rejects):
    accepts(ch09.exercise_4, tanh_gradient)

    def through_jacobian(x, W, c, t):
        J = jacobian(lambda v: np.tanh(W @ v + c), x)
        return J.T @ (np.tanh(W @ x + c) - t)

    accepts(ch09.exercise_4, through_jacobian)

    def untransposed(x, W, c, t):
        y = np.tanh(W @ x + c)
        return W @ ((1 - y**2) * (y - t))

    assert "needs Wᵀ" in rejects(ch09.exercise_4, untransposed)
    assert "local derivative of tanh" in rejects(
        ch09.exercise_4, lambda x, W, c, t: W.T @ (np.tanh(W @ x + c) - t))
    assert "1 − z²" in rejects(ch09.exercise_4, lambda x, W, c, t: W.T @ (
        (1 - (W @ x + c) ** 2) * (np.tanh(W @ x + c) - t)))
    assert "output minus the target" in rejects(
        ch09.exercise_4, lambda x, W, c, t: -tanh_gradient(x, W, c, t))
    failing = rejects(ch09.exercise_4, lambda x, W, c, t: 1 / 0)
    assert "raised ZeroDivisionError" in failing


def test_exercise_5_kronecker_matrix_of_axb(accepts, rejects):
    accepts(ch09.exercise_5, lambda A, B: np.kron(B.T, A))
    accepts(ch09.exercise_5, lambda A, B: kron(B.T, A))
    assert "row-major" in rejects(ch09.exercise_5, lambda A, B: np.kron(A, B.T))
    assert "B needs a transpose" in rejects(ch09.exercise_5, lambda A, B: np.kron(B, A))
    assert "B ⊗ A or A ⊗ B" in rejects(ch09.exercise_5, lambda A, B: np.kron(A, B))
    assert "one row per entry of AXB" in rejects(
        ch09.exercise_5, lambda A, B: np.kron(B.T, A).T)


def softmax(x):
    return np.exp(x) / np.sum(np.exp(x))


def test_exercise_6_hessian_of_log_sum_exp(accepts, rejects):
    accepts(ch09.exercise_6,
            lambda x: np.diag(softmax(x)) - np.outer(softmax(x), softmax(x)))
    accepts(ch09.exercise_6, lambda x: hessian(lambda v: np.log(np.sum(np.exp(v))), x))
    assert "second term" in rejects(ch09.exercise_6, lambda x: np.diag(softmax(x)))
    def flipped(x):
        return np.outer(softmax(x), softmax(x)) - np.diag(softmax(x))

    assert "convex" in rejects(ch09.exercise_6, flipped)
    assert "normalised" in rejects(
        ch09.exercise_6, lambda x: np.diag(np.exp(x)) - np.outer(np.exp(x), np.exp(x)))
    assert "shape of the gradient" in rejects(ch09.exercise_6, softmax)
    not_a_number = rejects(ch09.exercise_6, lambda x: np.full((x.size, x.size), np.nan))
    assert "NaN" in not_a_number


@pytest.mark.parametrize("check", [ch09.exercise_1, ch09.exercise_3, ch09.exercise_4,
                                   ch09.exercise_5, ch09.exercise_6])
def test_unfinished_stubs_get_a_message(check, rejects):
    def stub(*args):
        raise NotImplementedError

    assert "NotImplementedError" in rejects(check, stub)
    assert "not filled in" in rejects(check, ...)


def test_hints_of_code_exercises_do_not_state_the_answer(rejects):
    layer = rejects(ch09.exercise_3, lambda W, X, Y: 0 * W)
    assert "(X Wᵀ − Y)ᵀ X" not in layer and "ᵀ X." not in layer
    chain = rejects(ch09.exercise_4, lambda x, W, c, t: 0 * x)
    assert "diag(1 − y²)" not in chain and "Wᵀ(" not in chain
