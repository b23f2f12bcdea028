"""Chapter 16's exercise checks accept right answers in several forms, reject the typical
mistakes with their messages, and rest on references that agree with central
differences."""

import numpy as np
import pytest

from mathlib.autodiff import Tensor, vjp
from mathlib.exercise_checks import ch16
from mathlib.numgrad import gradient, jacobian
from mathlib.scalar import Scalar


def test_exercise_1_counts_columns_forward_and_rows_backward(accepts, rejects):
    accepts(ch16.exercise_1, 784, 10)
    accepts(ch16.exercise_1, 28 * 28, np.int64(10))
    assert "counts the rows" in rejects(ch16.exercise_1, 10, 784)
    assert "one side of the image" in rejects(ch16.exercise_1, 28, 10)
    assert "every entry" in rejects(ch16.exercise_1, 7840, 10)
    assert "several outputs" in rejects(ch16.exercise_1, 784, 1)
    assert "whole number" in rejects(ch16.exercise_1, 784.5, 10)
    assert "not filled in" in rejects(ch16.exercise_1, ..., 10)


X2, Y2 = ch16.EXERCISE_2_POINT
V3 = X2 * Y2 + np.sin(X2)
ADJOINT_X = V3 + X2 * (Y2 + np.cos(X2))  # direct use, then x y and sin x


def test_exercise_2_reference_is_the_central_difference_gradient():
    def f(p):
        return (p[0] * p[1] + np.sin(p[0])) * p[0]

    numeric = gradient(f, np.array(ch16.EXERCISE_2_POINT))
    np.testing.assert_allclose(numeric, [ADJOINT_X, X2**2], rtol=1e-8)


def test_exercise_2_adjoints_sum_over_every_use(accepts, rejects):
    accepts(ch16.exercise_2, ADJOINT_X, X2**2)
    accepts(ch16.exercise_2, float(ADJOINT_X), "1/4")
    accepts(ch16.exercise_2, 2.9182, 0.25)  # hand arithmetic, five digits
    assert "direct use" in rejects(ch16.exercise_2, ADJOINT_X - V3, 0.25)
    assert "through sin" in rejects(ch16.exercise_2, ADJOINT_X - X2 * np.cos(X2), 0.25)
    assert "through x y" in rejects(ch16.exercise_2, ADJOINT_X - X2 * Y2, 0.25)
    assert "plus sign" in rejects(ch16.exercise_2, V3 + X2 * (Y2 - np.cos(X2)), 0.25)
    assert "one factor x" in rejects(ch16.exercise_2, ADJOINT_X, X2)
    message = rejects(ch16.exercise_2, ADJOINT_X + 1, 0.25)
    assert f"{ADJOINT_X:.4f}"[:4] not in message  # the answer is not revealed


def softsign_node(x):
    return Scalar.node(x.value / (1 + abs(x.value)), "softsign",
                       (x, 1 / (1 + abs(x.value)) ** 2))


def test_exercise_3_accepts_one_node_or_a_composition(accepts):
    accepts(ch16.exercise_3, softsign_node)
    accepts(ch16.exercise_3, lambda x: x / (1.0 + x.relu() + (-x).relu()))


def test_exercise_3_rejects_wrong_partials(rejects):
    def node_with(partial):
        return lambda x: Scalar.node(x.value / (1 + abs(x.value)), "softsign",
                                     (x, partial(x.value)))

    assert "square" in rejects(ch16.exercise_3, node_with(lambda v: 1 / (1 + abs(v))))
    assert "sign(x)" in rejects(
        ch16.exercise_3, node_with(lambda v: (1 + abs(v) - v) / (1 + abs(v)) ** 2))
    assert "sign error" in rejects(
        ch16.exercise_3, node_with(lambda v: -1 / (1 + abs(v)) ** 2))
    assert "not a Scalar" in rejects(ch16.exercise_3, lambda x: x.value / 2)
    assert "NotImplementedError" in rejects(ch16.exercise_3, _unfinished)


def _unfinished(x):
    raise NotImplementedError


def test_exercise_4_reference_follows_the_accumulation_rule():
    x = ch16.EXERCISE_4_POINT
    one_call = 2 * (2 * x * x + 1) * x  # dy/dx = (2h + 1) 2x with h = x^2
    assert ch16._exercise_4_grads(2) == (2 * x * x + 1, 2 * one_call)


def test_exercise_4_leaves_accumulate_intermediates_do_not(accepts, rejects):
    accepts(ch16.exercise_4, 9, 72)
    assert "reset" in rejects(ch16.exercise_4, 18, 72)
    assert "accumulates" in rejects(ch16.exercise_4, 9, 36)
    assert "never resets" in rejects(ch16.exercise_4, 9, 108)


def jacobian_by_vjps(f, x):
    m = np.size(f(x))
    return np.array([vjp(f, x, np.eye(m)[i])[1] for i in range(m)])


def test_exercise_5_reference_matches_central_differences():
    for f, x in ch16.exercise_5_cases():
        numeric = jacobian(f, x).reshape(-1, x.size)
        np.testing.assert_allclose(jacobian_by_vjps(f, x), numeric, rtol=1e-6,
                                   atol=1e-8)


def test_exercise_5_rows_from_unit_seeds(accepts, rejects):
    accepts(ch16.exercise_5, jacobian_by_vjps)
    accepts(ch16.exercise_5, lambda f, x: np.vstack(
        [vjp(f, x, u)[1] for u in np.eye(np.size(f(x)))]))
    assert "same" in rejects(ch16.exercise_5, lambda f, x: np.tile(
        vjp(f, x, np.ones(np.size(f(x))))[1], (np.size(f(x)), 1)))
    assert "shape" in rejects(ch16.exercise_5, lambda f, x: jacobian_by_vjps(f, x).T)


def vjp_normalize_rows(X, G):
    r = np.linalg.norm(X, axis=1, keepdims=True)
    Y = X / r
    return (G - (G * Y).sum(axis=1, keepdims=True) * Y) / r


def test_exercise_6_reference_matches_central_differences():
    for X, G in ch16.exercise_6_cases():
        numeric = gradient(lambda Z, G=G: float((ch16.normalize_rows(Z) * G).sum()), X)
        np.testing.assert_allclose(vjp(ch16.normalize_rows, X, G)[1], numeric,
                                   rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(vjp_normalize_rows(X, G), numeric, rtol=1e-6,
                                   atol=1e-8)


def test_exercise_6_accepts_forms_of_the_projection(accepts):
    accepts(ch16.exercise_6, vjp_normalize_rows)

    def by_jacobians(X, G):
        rows = []
        for x, g in zip(X, G, strict=True):
            r = np.linalg.norm(x)
            rows.append(g @ (np.eye(x.size) - np.outer(x, x) / r**2) / r)
        return np.array(rows)

    accepts(ch16.exercise_6, by_jacobians)
    accepts(ch16.exercise_6, lambda X, G: vjp(ch16.normalize_rows, X, G)[1])


@pytest.mark.parametrize(("wrong", "message"), [
    (lambda X, G: G / np.linalg.norm(X, axis=1, keepdims=True), "constant"),
    (lambda X, G: vjp_normalize_rows(X, G) + 2 * (
        (G * X).sum(axis=1, keepdims=True) * X
        / np.linalg.norm(X, axis=1, keepdims=True) ** 3), "sign error"),
    (lambda X, G: vjp_normalize_rows(X, G) * np.linalg.norm(X, axis=1, keepdims=True),
     "factor 1/r"),
    (lambda X, G: (G - (G * X).sum(axis=1, keepdims=True) * X / np.sum(X * X))
     / np.linalg.norm(X), "whole matrix"),
    (lambda X, G: vjp_normalize_rows(X, G).T, "shape"),
])
def test_exercise_6_rejects_typical_mistakes(rejects, wrong, message):
    assert message in rejects(ch16.exercise_6, wrong)


def test_reference_engines_agree_on_exercise_6():
    X, G = ch16.exercise_6_cases()[1]
    Xt = Tensor(X, requires_grad=True)
    (ch16.normalize_rows(Xt) * G).sum().backward()
    np.testing.assert_allclose(Xt.grad, vjp_normalize_rows(X, G), rtol=1e-12)
