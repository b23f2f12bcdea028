"""Chapter 15's exercise checks accept right answers in several forms and reject the
typical mistakes (a missing σ' or tanh' factor, the slope taken at z, a sum for a mean,
a mean for a sum, the denominator layout, the mean square for the RMS, a standard
deviation for a uniform bound...) with their messages, without giving the answer away."""

import numpy as np
import pytest

from mathlib import backprop as bp
from mathlib.exercise_checks import ch15

X1, W1_ = np.array(ch15.EXERCISE_1_X), np.array(ch15.EXERCISE_1_W)
B1, Y1 = ch15.EXERCISE_1_B, ch15.EXERCISE_1_Y


def _neuron():
    a = 1 / (1 + np.exp(-(W1_ @ X1 + B1)))
    return a, (a - Y1) * a * (1 - a)


def test_exercise_1_neuron_gradient_by_hand(accepts, rejects):
    a, delta = _neuron()
    accepts(ch15.exercise_1, delta * X1, delta)
    accepts(ch15.exercise_1, list(delta * X1), float(delta))
    assert "σ'(z)" in rejects(ch15.exercise_1, (a - Y1) * X1, delta)
    assert "sign" in rejects(ch15.exercise_1, -delta * X1, delta)
    assert "multiply by x_i" in rejects(ch15.exercise_1, [delta, delta], delta)
    assert "a(1 − a)" in rejects(ch15.exercise_1, (a - Y1) * a * a * X1, delta)
    assert "without the ½" in rejects(ch15.exercise_1, delta * X1, 2 * delta)
    assert "σ'(z)" in rejects(ch15.exercise_1, delta * X1, a - Y1)
    message = rejects(ch15.exercise_1, delta * X1, 1.3 * delta)
    assert f"{delta:.4f}" not in message and f"{delta:.3f}" not in message
    assert "None" in rejects(ch15.exercise_1, None, delta)
    assert "shape" in rejects(ch15.exercise_1, delta * np.append(X1, 1.0), delta)


def _backward(X, Y, W1, b1, W2, b2):
    _, g = bp.backward(bp.Params(W1, b1, W2, b2), X, Y, "tanh", "mse")
    return g.W1, g.b1, g.W2, g.b2


def _slipped(change):
    return ch15._variant_2(change)


def test_exercise_2_backward_pass_against_finite_differences(accepts, rejects):
    accepts(ch15.exercise_2, _backward)
    accepts(ch15.exercise_2, lambda *a: list(_backward(*a)))
    assert "Y.size" in rejects(ch15.exercise_2, _slipped("sum"))
    assert "factor 2" in rejects(ch15.exercise_2, _slipped("no 2"))
    assert "1 − A1²" in rejects(ch15.exercise_2, _slipped("from z"))
    assert "tanh'(Z1)" in rejects(ch15.exercise_2, _slipped("no slope"))
    assert "not a mean" in rejects(ch15.exercise_2, _slipped("mean bias"))


def test_exercise_2_wrong_shapes_and_stubs_get_messages(rejects):
    def transposed(*args):
        dW1, db1, dW2, db2 = _backward(*args)
        return dW1, db1, dW2.T, db2

    def stub(*args):
        raise NotImplementedError("return (dW1, db1, dW2, db2)")

    assert "dW2" in rejects(ch15.exercise_2, transposed)
    assert "NotImplementedError" in rejects(ch15.exercise_2, stub)
    assert "tuple" in rejects(ch15.exercise_2, lambda *a: None)
    assert "tuple" in rejects(ch15.exercise_2, lambda *a: _backward(*a)[:3])
    assert "function" in rejects(ch15.exercise_2, None)


def test_exercise_2_reference_is_central_differences_of_the_loss():
    for case in ch15._network_cases():
        for i, g in enumerate(_backward(*case)):
            assert np.allclose(ch15._numeric_2(i)(*case), g, rtol=1e-6, atol=1e-9)


def _jacobian(h, W):
    return (1 - np.tanh(h @ W) ** 2)[:, None] * W.T


def test_exercise_3_layer_jacobian_in_numerator_layout(accepts, rejects):
    accepts(ch15.exercise_3, _jacobian)
    accepts(ch15.exercise_3, lambda h, W: np.diag(1 - np.tanh(h @ W) ** 2) @ W.T)
    assert "without the slopes" in rejects(ch15.exercise_3, lambda h, W: W.T)
    assert "1 − z²" in rejects(
        ch15.exercise_3, lambda h, W: (1 - (h @ W) ** 2)[:, None] * W.T)
    assert "denominator layout" in rejects(ch15.exercise_3,
                                           lambda h, W: _jacobian(h, W).T)


def test_exercise_4_collapse_two_affine_layers(accepts, rejects):
    accepts(ch15.exercise_4, lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    accepts(ch15.exercise_4, lambda W1, b1, W2, b2: [W1 @ W2, W2.T @ b1 + b2])
    assert "b1 is missing" in rejects(ch15.exercise_4,
                                      lambda W1, b1, W2, b2: (W1 @ W2, b2))
    assert "ValueError" in rejects(ch15.exercise_4,                 # b1 + b2
                                   lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2))
    assert "b2 is missing" in rejects(ch15.exercise_4,
                                      lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2))
    assert "tuple" in rejects(ch15.exercise_4, lambda W1, b1, W2, b2: W1 @ W2)


def test_exercise_5_rms_factor_through_relu_layers(accepts, rejects):
    accepts(ch15.exercise_5, 2.0**-10)
    accepts(ch15.exercise_5, "1/1024")
    accepts(ch15.exercise_5, (1 / np.sqrt(2)) ** 20)
    assert "square root" in rejects(ch15.exercise_5, 2.0**-20)
    assert "does change" in rejects(ch15.exercise_5, 1)
    assert "sigmoid" in rejects(ch15.exercise_5, 0.25**20)
    assert "one factor per layer" in rejects(ch15.exercise_5, 2.0**-9.5)
    message = rejects(ch15.exercise_5, 0.002)
    assert "0.000976" not in message and "1024" not in message


def test_exercise_5_answer_is_the_per_layer_factor_of_the_chapter_compounded():
    # per layer the mean square is multiplied by n v / 2 = 1/2 (chapter, measured there)
    depth = ch15.EXERCISE_5_DEPTH
    assert np.isclose(np.sqrt(bp.init_std(64, 64, "lecun") ** 2 * 64 / 2) ** depth,
                      2.0 ** (-depth / 2))


def test_exercise_6_xavier_uniform_bound(accepts, rejects):
    accepts(ch15.exercise_6, np.sqrt(6 / 400))
    accepts(ch15.exercise_6, "sqrt(6/400)")
    assert "a²/3" in rejects(ch15.exercise_6, np.sqrt(2 / 400))
    assert "variance, not the bound" in rejects(ch15.exercise_6, 2 / 400)
    assert "fan-in" in rejects(ch15.exercise_6, np.sqrt(3 / 300))
    assert "He's" in rejects(ch15.exercise_6, np.sqrt(6 / 300))
    message = rejects(ch15.exercise_6, 0.2)
    assert "0.122" not in message and "0.1225" not in message


@pytest.mark.parametrize("check", [ch15.exercise_5, ch15.exercise_6])
def test_unfinished_number_answers_get_a_message(rejects, check):
    assert rejects(check, ...)
