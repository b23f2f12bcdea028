"""Chapter 17's exercise checks: right answers in any form pass, typical mistakes fail
with their message, and no message gives the expected number away."""

from fractions import Fraction

import numpy as np
from scipy.signal import correlate2d

from mathlib.autodiff import Tensor, batch_norm
from mathlib.exercise_checks import ch17

H1, W1 = np.array(ch17.EXERCISE_1_H), np.array(ch17.EXERCISE_1_W)
H2, W2 = np.array(ch17.EXERCISE_2_H), np.array(ch17.EXERCISE_2_W)
LAM1, LAM2 = ch17.EXERCISE_1_LAM, ch17.EXERCISE_2_LAM


def test_exercise_1_ridge_minimiser(accepts, rejects):
    right = np.linalg.solve(H1 + 2 * LAM1 * np.eye(2), H1 @ W1)
    assert np.allclose(right, [7 / 11, -6 / 11])  # worked by hand in the solution
    accepts(ch17.exercise_1, right)
    accepts(ch17.exercise_1, [Fraction(7, 11), Fraction(-6, 11)])
    assert "factor 2" in rejects(
        ch17.exercise_1, np.linalg.solve(H1 + LAM1 * np.eye(2), H1 @ W1))
    assert "uniformly" in rejects(ch17.exercise_1, W1 / (1 + 2 * LAM1))
    assert "right-hand side" in rejects(
        ch17.exercise_1, np.linalg.solve(H1 + 2 * LAM1 * np.eye(2), W1))
    message = rejects(ch17.exercise_1, -right)
    assert "0.636" not in message and "0.545" not in message


def test_exercise_2_lasso_minimiser(accepts, rejects):
    right = np.sign(W2) * np.maximum(np.abs(W2) - LAM2 / H2, 0)
    assert np.allclose(right, [1.2, 0.0, -0.15])
    accepts(ch17.exercise_2, right)
    accepts(ch17.exercise_2, [1.2, 0, -0.15])
    assert "used λ for every" in rejects(
        ch17.exercise_2, np.sign(W2) * np.maximum(np.abs(W2) - LAM2, 0))
    assert "not λ·h_j" in rejects(
        ch17.exercise_2, np.sign(W2) * np.maximum(np.abs(W2) - LAM2 * H2, 0))
    assert "ridge" in rejects(ch17.exercise_2, H2 / (H2 + 2 * LAM2) * W2)
    assert "hard" in rejects(ch17.exercise_2, np.where(np.abs(W2) > LAM2 / H2, W2, 0))
    message = rejects(ch17.exercise_2, [1.2, 0.0, 0.15])
    assert "-0.15" not in message


def test_exercise_3_dropout_variance(accepts, rejects):
    h, p = ch17.EXERCISE_3_H, ch17.EXERCISE_3_P
    accepts(ch17.exercise_3, 1.5)
    accepts(ch17.exercise_3, "3/2")
    accepts(ch17.exercise_3, h**2 * (1 / (1 - p) - 1))
    assert "not inverted" in rejects(ch17.exercise_3, h**2 * p * (1 - p))
    assert "E[X²]" in rejects(ch17.exercise_3, h**2 / (1 - p))
    assert "kept with probability" in rejects(ch17.exercise_3, h**2 * (1 - p) / p)
    assert "not two" in rejects(ch17.exercise_3, h**2 * p / (1 - p) ** 2)
    assert "1.5" not in rejects(ch17.exercise_3, 2.0)


def _bn_backward(g, x, gamma):
    s = np.sqrt(x.var(axis=0) + 1e-5)
    xhat = (x - x.mean(axis=0)) / s
    return gamma / s * (g - g.mean(axis=0) - xhat * (g * xhat).mean(axis=0))


def _bn_engine(g, x, gamma):
    xt = Tensor(x, requires_grad=True)
    batch_norm(xt, gamma, np.zeros_like(gamma)).backward(g)
    return xt.grad


def test_exercise_4_batch_norm_backward(accepts, rejects):
    accepts(ch17.exercise_4, _bn_backward)
    accepts(ch17.exercise_4, _bn_engine)

    def stats(g, x, gamma):
        s = np.sqrt(x.var(axis=0) + 1e-5)
        xhat = (x - x.mean(axis=0)) / s
        return s, xhat, g.mean(axis=0), (g * xhat).mean(axis=0)

    def constant(g, x, gamma):
        return gamma / stats(g, x, gamma)[0] * g

    def no_mean(g, x, gamma):
        s, xhat, _, gx = stats(g, x, gamma)
        return gamma / s * (g - xhat * gx)

    def no_var(g, x, gamma):
        s, _, gm, _ = stats(g, x, gamma)
        return gamma / s * (g - gm)

    assert "constants" in rejects(ch17.exercise_4, constant)
    assert "batch mean is missing" in rejects(ch17.exercise_4, no_mean)
    assert "batch variance is missing" in rejects(ch17.exercise_4, no_var)
    assert "factor γ" in rejects(ch17.exercise_4,
                                 lambda g, x, gm: _bn_backward(g, x, gm) / gm)
    assert "still raises" in rejects(ch17.exercise_4, _not_implemented)


def _not_implemented(*args):
    raise NotImplementedError


def test_exercise_5_conv_kernel_gradient(accepts, rejects):
    accepts(ch17.exercise_5, lambda x, g: correlate2d(x, g, mode="valid"))
    accepts(ch17.exercise_5, lambda x, g: correlate2d(g, x, mode="valid")[::-1, ::-1])
    assert "flipped in both" in rejects(
        ch17.exercise_5, lambda x, g: correlate2d(x, g, mode="valid")[::-1, ::-1])
    assert "g has been flipped" in rejects(
        ch17.exercise_5, lambda x, g: correlate2d(x, g[::-1, ::-1], mode="valid"))
    assert "shape" in rejects(ch17.exercise_5, lambda x, g: correlate2d(x, g).T)
