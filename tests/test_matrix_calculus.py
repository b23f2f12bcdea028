"""Tests for mathlib.matrix_calculus against SymPy (Matrix.vec, kronecker_product,
symbolic Jacobians and matrix derivatives), numpy.kron and central differences."""

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose
from sympy.matrices.expressions.kronecker import kronecker_product

from mathlib.matrix_calculus import (
    check_identity,
    kron,
    sandwich_jacobian,
    swap_layout,
    unvec,
    vec,
    vec_jacobian,
)
from mathlib.numgrad import jacobian


def symbolic_matrix(name, m, n):
    return sp.Matrix(m, n, lambda i, j: sp.Symbol(f"{name}{i}{j}"))


def test_vec_stacks_columns_like_sympy_and_unvec_undoes_it():
    X = np.arange(12.0).reshape(3, 4) ** 2
    assert_allclose(vec(X), np.array(sp.Matrix(X).vec(), dtype=float).ravel())
    assert not np.allclose(vec(X), X.reshape(-1))  # row-major flattening is vec(Xᵀ)
    assert_allclose(X.reshape(-1), vec(X.T))
    assert_allclose(unvec(vec(X), X.shape), X)


@pytest.mark.parametrize("shapes",
                         [((2, 3), (4, 5)), ((1, 1), (3, 2)), ((3, 1), (1, 4))])
def test_kron_matches_numpy_and_sympy(shapes):
    rng = np.random.default_rng(1)
    A, B = rng.integers(-5, 6, size=shapes[0]), rng.integers(-5, 6, size=shapes[1])
    assert_allclose(kron(A, B), np.kron(A, B))
    exact = kronecker_product(sp.Matrix(A), sp.Matrix(B))
    assert_allclose(kron(A, B), np.array(exact, dtype=float))


def test_kron_mixed_product_and_inverse():
    rng = np.random.default_rng(2)
    A, C = rng.normal(size=(2, 3)), rng.normal(size=(3, 2))
    B, D = rng.normal(size=(4, 2)), rng.normal(size=(2, 3))
    assert_allclose(kron(A, B) @ kron(C, D), kron(A @ C, B @ D), atol=1e-12)
    P = rng.normal(size=(3, 3)) + 3 * np.eye(3)  # invertible
    Q = rng.normal(size=(2, 2)) + 3 * np.eye(2)
    assert_allclose(np.linalg.inv(kron(P, Q)), kron(np.linalg.inv(P), np.linalg.inv(Q)),
                    atol=1e-12)


def test_sandwich_jacobian_is_the_sympy_jacobian_of_vec_axb():
    rng = np.random.default_rng(3)
    A, B = rng.integers(-3, 4, size=(2, 3)), rng.integers(-3, 4, size=(4, 2))
    X = symbolic_matrix("x", 3, 4)
    exact = (sp.Matrix(A) * X * sp.Matrix(B)).vec().jacobian(X.vec())
    assert_allclose(sandwich_jacobian(A, B), np.array(exact, dtype=float))
    assert sandwich_jacobian(A, B).shape == (2 * 2, 3 * 4)


def test_sandwich_jacobian_maps_vec_x_to_vec_axb_and_matches_finite_differences():
    rng = np.random.default_rng(4)
    A, X, B = rng.normal(size=(3, 2)), rng.normal(size=(2, 5)), rng.normal(size=(5, 4))
    M = sandwich_jacobian(A, B)
    assert_allclose(M @ vec(X), vec(A @ X @ B), atol=1e-12)
    numeric = vec_jacobian(jacobian(lambda W: A @ W @ B, X), out_ndim=2)
    assert_allclose(numeric, M, atol=1e-9)
    # the row-major mistake: kron(A, Bᵀ) is right for row-major flattening only
    assert_allclose(kron(A, B.T) @ X.reshape(-1), (A @ X @ B).reshape(-1), atol=1e-12)
    assert not np.allclose(kron(A, B.T), M)


def test_vec_jacobian_matches_sympy_for_a_nonlinear_matrix_function():
    C = sp.Matrix([[1, 2], [0, -1], [3, 1]])
    X = symbolic_matrix("x", 2, 3)
    Y = X.applyfunc(sp.sin) * C  # 2x2 output of a 2x3 input
    point = {s: v for s, v in zip(X, [0.1, -0.7, 1.2, 0.4, 2.0, -1.1], strict=True)}
    exact = np.array(Y.vec().jacobian(X.vec()).subs(point), dtype=float)
    Cn = np.array(C, dtype=float)
    X0 = np.array(X.subs(point), dtype=float)
    numeric = vec_jacobian(jacobian(lambda W: np.sin(W) @ Cn, X0), out_ndim=2)
    assert_allclose(numeric, exact, atol=1e-9)


def test_swap_layout_gives_the_denominator_layout_that_sympy_matrix_derivatives_use():
    A = sp.Matrix([[1, 2, 3], [4, 5, 6]])
    x = sp.Matrix(sp.symbols("x0:3"))
    numerator = np.array((A * x).jacobian(x), dtype=float)  # Matrix.jacobian: numerator
    As, xs = sp.MatrixSymbol("A", 2, 3), sp.MatrixSymbol("x", 3, 1)
    assert (As * xs).diff(xs) == As.T  # matrix expressions: denominator layout
    assert_allclose(swap_layout(numerator, 1), np.array(A.T, dtype=float))
    assert_allclose(swap_layout(swap_layout(numerator, 1), 1), numerator)


def test_swap_layout_moves_output_axes_after_input_axes():
    rng = np.random.default_rng(5)
    J = rng.normal(size=(2, 3, 4, 5))  # output 2x3, input 4x5
    D = swap_layout(J, 2)
    assert D.shape == (4, 5, 2, 3)
    assert D[1, 4, 0, 2] == J[0, 2, 1, 4]
    assert_allclose(swap_layout(D, 2), J)
    assert swap_layout(J, 1).shape == (3, 4, 5, 2)


def test_check_identity_accepts_formulas_that_sympy_derives():
    n, p = 3, 2
    As, Xs = sp.MatrixSymbol("A", 4, n), sp.MatrixSymbol("X", n, p)
    Bs = sp.MatrixSymbol("B", 4, p)
    residual = As * Xs - Bs
    claimed_expr = sp.Trace(residual.T * residual).diff(Xs)  # 2 Aᵀ(AX − B)
    claimed_fn = sp.lambdify((As, Xs, Bs), claimed_expr, "numpy")

    def case(rng):
        A, B = rng.normal(size=(4, n)), rng.normal(size=(4, p))
        X = rng.normal(size=(n, p))
        return (lambda W: np.sum((A @ W - B) ** 2)), (lambda W: claimed_fn(A, W, B)), X

    result = check_identity(case, np.random.default_rng(6), trials=4)
    assert result.rel_error < 1e-8 and result.errors.shape == (4,)


def test_check_identity_rejects_a_wrong_formula_and_a_wrong_transpose():
    def quadratic_form(claimed):
        def case(rng):
            A = rng.normal(size=(3, 3))
            return (lambda x: x @ A @ x), (lambda x: claimed(A, x)), rng.normal(size=3)
        return case

    rng = np.random.default_rng(7)
    right = quadratic_form(lambda A, x: (A + A.T) @ x)
    symmetric_only = quadratic_form(lambda A, x: 2 * A @ x)
    assert check_identity(right, rng).rel_error < 1e-8
    assert check_identity(symmetric_only, rng).rel_error > 0.05

    def linear(claimed, shape):
        def case(rng):
            A = rng.normal(size=shape)
            return (lambda x: A @ x), (lambda x: claimed(A)), rng.normal(size=shape[1])
        return case

    assert check_identity(linear(lambda A: A, (3, 3)), rng).rel_error < 1e-8
    assert check_identity(linear(lambda A: A.T, (3, 3)), rng).rel_error > 0.05
    with pytest.raises(ValueError, match="numerator"):
        check_identity(linear(lambda A: A.T, (2, 3)), rng)


def test_check_identity_handles_scalar_points():
    result = check_identity(lambda rng: (np.sin, np.cos, rng.uniform(-2, 2)),
                            np.random.default_rng(8))
    assert result.rel_error < 1e-9


def sine_case(rng):
    return np.sin, np.cos, rng.normal()


def gen():
    return np.random.default_rng(0)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: vec([1.0, 2.0]), ValueError, "2 axes"),
        (lambda: unvec([1.0, 2.0, 3.0], (2, 2)), ValueError, "needs 4"),
        (lambda: unvec([1.0, 2.0], 2), ValueError, "two positive integers"),
        (lambda: unvec([1.0, 2.0], (2, 0)), ValueError, ">= 1"),
        (lambda: kron([[1.0]], "B"), TypeError, "B must be"),
        (lambda: vec_jacobian(np.ones((2, 2)), 3), ValueError, "more than"),
        (lambda: swap_layout(np.ones(3), 2), ValueError, "more than"),
        (lambda: check_identity(lambda rng: (np.sin, np.cos), gen()),
         ValueError, "must return"),
        (lambda: check_identity(sine_case, 0), TypeError, "Generator"),
        (lambda: check_identity(sine_case, gen(), trials=0), ValueError, "trials"),
        (lambda: check_identity(lambda rng: (np.sin, lambda x: np.nan, 1.0), gen()),
         ValueError, "non-finite"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
