"""Forward mode (Dual) against central differences, and the functional helpers (grad,
value_and_grad, jacobian, jvp, vjp) against each other and against closed forms."""

import numpy as np
import pytest

from mathlib import numdiff
from mathlib.autodiff import (
    Dual,
    Tensor,
    concatenate,
    grad,
    jacobian,
    jvp,
    ops,
    stack,
    value_and_grad,
    vjp,
)


def assert_jvp_matches_central_differences(f, x, seed=0, rtol=1e-5, atol=1e-7):
    """Tangent of f(Dual(x, v)) against the directional difference (f(x+hv) - f(x-hv)) / 2h."""
    v = np.random.default_rng(seed).normal(size=np.shape(x))
    out = f(Dual(x, v))
    h = 1e-6
    expected = (f(Dual(x + h * v)).primal - f(Dual(x - h * v)).primal) / (2 * h)
    np.testing.assert_allclose(out.tangent, expected, rtol=rtol, atol=atol)
    np.testing.assert_allclose(out.primal, f(Dual(x)).primal)


FORWARD_OPS = {
    "exp": (lambda d: d.exp(), "any"),
    "log": (lambda d: d.log(), "positive"),
    "sqrt": (lambda d: d.sqrt(), "positive"),
    "square": (lambda d: d.square(), "any"),
    "abs": (lambda d: d.abs(), "nonzero"),
    "sin": (lambda d: d.sin(), "any"),
    "cos": (lambda d: d.cos(), "any"),
    "tanh": (lambda d: d.tanh(), "any"),
    "sigmoid": (lambda d: d.sigmoid(), "any"),
    "relu": (lambda d: d.relu(), "nonzero"),
    "leaky_relu": (lambda d: d.leaky_relu(0.2), "nonzero"),
    "softplus": (lambda d: d.softplus(), "any"),
    "add_broadcast": (lambda d: d + np.ones((4, 1, 1)), "any"),
    "rsub": (lambda d: 1.0 - d, "any"),
    "mul_self": (lambda d: d * d.sin(), "any"),
    "div_self": (lambda d: d.sin() / (d.square() + 1.0), "any"),
    "rdiv": (lambda d: 2.0 / d, "nonzero"),
    "pow_self": (lambda d: d**d, "positive"),
    "rpow": (lambda d: 2.0**d, "any"),
    "neg": (lambda d: -d, "any"),
    "maximum": (lambda d: d.maximum(d.cos()), "any"),
    "matmul_right": (lambda d: d @ np.arange(12.0).reshape(4, 3), "any"),
    "matmul_left": (lambda d: np.arange(6.0).reshape(2, 3) @ d, "any"),
    "matmul_self": (lambda d: d @ d.T, "any"),
    "sum_axis": (lambda d: d.sum(axis=0, keepdims=True), "any"),
    "mean": (lambda d: d.mean(), "any"),
    "reshape_transpose": (lambda d: d.reshape(2, 6).T, "any"),
    "getitem": (lambda d: d[[0, 0, 2], 1:], "any"),
    "logsumexp": (lambda d: d.logsumexp(axis=1), "any"),
    "log_softmax": (lambda d: d.log_softmax(axis=0), "any"),
    "softmax": (lambda d: d.softmax(), "any"),
    "concatenate": (lambda d: concatenate([d, d.square(), np.ones((3, 4))]), "any"),
    "stack": (lambda d: stack([d, d.exp()], axis=2), "any"),
}


@pytest.mark.parametrize("name", sorted(FORWARD_OPS))
def test_dual_tangent_matches_central_differences(name):
    f, domain = FORWARD_OPS[name]
    x = np.random.default_rng(1).normal(size=(3, 4))
    if domain == "positive":
        x = np.abs(x) + 0.5
    elif domain == "nonzero":
        x = np.sign(x) * (np.abs(x) + 0.1)
    assert_jvp_matches_central_differences(f, x)


def test_dual_number_arithmetic_of_a_scalar():
    y = Dual(2.0, 1.0) ** 3 - 4.0 * Dual(2.0, 1.0)  # f(x) = x^3 - 4x, f'(2) = 12 - 4
    assert (float(y.primal), float(y.tangent)) == (0.0, 8.0)


def vector_function(x):
    """R^3 -> R^4, written once with ops so that it runs on Tensor, Dual and arrays."""
    A = np.array([[1.0, -2.0, 0.5], [0.3, 0.2, -1.0], [2.0, 0.0, 1.0], [-1.0, 1.0, 1.0]])
    h = ops.tanh(A @ x)
    return h * ops.exp(x[[0, 1, 2, 0]]) + ops.softmax(A @ x)


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_jacobian_of_both_modes_matches_central_differences(mode):
    x = np.array([0.3, -0.7, 1.1])
    expected = numdiff.jacobian(vector_function, x)
    np.testing.assert_allclose(jacobian(vector_function, mode=mode)(x), expected, rtol=1e-6)


def test_jacobian_of_a_matrix_function_has_numerator_layout():
    x = np.arange(6.0).reshape(2, 3) / 5
    jac = jacobian(lambda t: (t @ t.T).sin(), mode="reverse")(x)
    assert jac.shape == (2, 2, 2, 3)
    np.testing.assert_allclose(jac, jacobian(lambda t: (t @ t.T).sin(), mode="forward")(x))
    numeric = numdiff.jacobian(lambda t: np.sin(t @ t.T), x)
    np.testing.assert_allclose(jac, numeric, atol=1e-8)


def test_jvp_and_vjp_agree_with_the_full_jacobian():
    x = np.array([0.3, -0.7, 1.1])
    jac = jacobian(vector_function)(x)
    v, u = np.array([1.0, 2.0, -1.0]), np.array([0.5, -1.0, 2.0, 1.0])
    value, tangent = jvp(vector_function, x, v)
    value2, cotangent = vjp(vector_function, x, u)
    np.testing.assert_allclose(value, vector_function(x))
    np.testing.assert_allclose(value2, vector_function(x))
    np.testing.assert_allclose(tangent, jac @ v, rtol=1e-12)
    np.testing.assert_allclose(cotangent, u @ jac, rtol=1e-12)


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_grad_of_a_float_returns_a_float(mode):
    g = grad(lambda x: x.sin() * x, mode=mode)(0.5)
    assert isinstance(g, float)
    assert g == pytest.approx(np.cos(0.5) * 0.5 + np.sin(0.5), rel=1e-14)


@pytest.mark.parametrize("mode", ["reverse", "forward"])
def test_value_and_grad_of_an_array_with_extra_arguments(mode):
    X = np.array([[1.0, 2.0], [0.0, 1.0], [3.0, -1.0]])
    y = np.array([1.0, 0.0, 2.0])

    def loss(w, X, y):  # least squares, gradient 2 X^T (Xw - y) / n
        r = X @ w - y
        return (r * r).mean()

    w = np.array([0.5, -0.2])
    value, g = value_and_grad(loss, mode=mode)(w, X, y)
    assert value == pytest.approx(np.mean((X @ w - y) ** 2))
    np.testing.assert_allclose(g, 2 * X.T @ (X @ w - y) / 3, rtol=1e-12)
    numeric = numdiff.gradient(lambda v: loss(v, X, y), w)
    np.testing.assert_allclose(g, numeric, rtol=1e-6)


def test_functions_that_ignore_their_input_have_zero_derivatives():
    assert grad(lambda x: 3.0)(1.0) == 0.0
    np.testing.assert_array_equal(jacobian(lambda x: np.ones(2))(np.ones(3)), np.zeros((2, 3)))
    np.testing.assert_array_equal(jacobian(lambda x: np.ones(2), "forward")(np.ones(3)), 0.0)
    assert jvp(lambda x: 1.0, 2.0, 1.0) == (1.0, 0.0)
    assert vjp(lambda x: 1.0, 2.0, 1.0) == (1.0, 0.0)


def test_functional_helpers_reject_bad_input():
    with pytest.raises(ValueError, match="unknown mode 'sideways'"):
        grad(lambda x: x, mode="sideways")
    with pytest.raises(ValueError, match="unknown mode"):
        jacobian(lambda x: x, mode="backward")
    with pytest.raises(TypeError, match="f must be a function"):
        grad(3.0)
    with pytest.raises(ValueError, match="single number"):
        grad(lambda x: x * 2.0)(np.ones(3))
    with pytest.raises(TypeError, match="x must be"):
        grad(lambda x: x.sum())(Tensor([1.0]))
    with pytest.raises(TypeError, match="x must be"):
        grad(lambda x: x.sum())("1.0")
    with pytest.raises(ValueError, match=r"jvp: v must have the shape of x, \(3,\)"):
        jvp(lambda x: x, np.ones(3), np.ones(2))
    with pytest.raises(ValueError, match=r"vjp: u must have the shape of f\(x\)"):
        vjp(lambda x: x, np.ones(3), np.ones(2))
    with pytest.raises(TypeError, match="f returned str"):
        grad(lambda x: "oops")(1.0)
    with pytest.raises(ValueError, match="Dual: tangent must have the shape of primal"):
        Dual(np.ones(3), np.ones(2))
    with pytest.raises(TypeError, match="Dual"):
        Dual("x")
    with pytest.raises(ValueError, match="matmul"):
        Dual(np.ones((2, 3))) @ np.ones((2, 3))


def test_grad_does_not_modify_the_callers_array():
    x = np.array([1.0, 2.0])
    grad(lambda t: (t * t).sum())(x)
    np.testing.assert_array_equal(x, [1.0, 2.0])
