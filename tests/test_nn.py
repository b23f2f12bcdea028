"""Layers, the MLP and the losses: shapes, seeded initialisation, losses against closed forms,
a whole-network gradient check, and training on two moons."""

import numpy as np
import pytest

from mathlib import numdiff
from mathlib.autodiff import Tensor
from mathlib.datasets import two_moons
from mathlib.nn import MLP, Linear, binary_cross_entropy, cross_entropy, mse
from mathlib.optim import Adam


def test_linear_computes_affine_map_and_lists_its_parameters():
    layer = Linear(3, 2, np.random.default_rng(0))
    x = np.arange(12.0).reshape(4, 3)
    np.testing.assert_allclose(layer(x).data, x @ layer.weight.data + layer.bias.data)
    assert layer.parameters() == [layer.weight, layer.bias]
    assert all(p.requires_grad for p in layer.parameters())


@pytest.mark.parametrize("init, variance", [("he", 2 / 400), ("xavier", 2 / (400 + 200))])
def test_initialisation_has_the_stated_variance(init, variance):
    w = Linear(400, 200, np.random.default_rng(0), init=init).weight.data
    assert w.var() == pytest.approx(variance, rel=0.03)  # 80,000 draws: ~0.5% spread
    assert abs(w.mean()) < 3 * np.sqrt(variance / w.size)


def test_initialisation_is_reproducible_from_the_seed():
    a = MLP([2, 5, 1], np.random.default_rng(7)).parameters()
    b = MLP([2, 5, 1], np.random.default_rng(7)).parameters()
    c = MLP([2, 5, 1], np.random.default_rng(8)).parameters()
    assert all(np.array_equal(p.data, q.data) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[0].data, c[0].data)


def test_mlp_parameters_are_the_layers_tensors_in_order():
    net = MLP([2, 4, 3, 1], np.random.default_rng(0), activation="tanh")
    params = net.parameters()
    assert [p.shape for p in params] == [(2, 4), (4,), (4, 3), (3,), (3, 1), (1,)]
    assert params[2] is net.layers[1].weight
    out = net(np.ones((5, 2)))
    h = np.tanh(
        np.tanh(np.ones((5, 2)) @ params[0].data + params[1].data) @ params[2].data + params[3].data
    )
    np.testing.assert_allclose(out.data, h @ params[4].data + params[5].data)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu", "softplus"])
def test_whole_network_gradient_matches_central_differences(activation):
    rng = np.random.default_rng(3)
    net = MLP([3, 4, 3], rng, activation=activation)
    X, labels = rng.normal(size=(6, 3)), rng.integers(0, 3, size=6)
    params = net.parameters()
    net.zero_grad()
    cross_entropy(net(X), labels).backward()
    for p in params:
        original = p.data.copy()

        def loss(value, p=p, original=original):
            p.data = value
            result = float(cross_entropy(net(X), labels).data)
            p.data = original
            return result

        numeric = numdiff.gradient(loss, original)
        np.testing.assert_allclose(p.grad, numeric, rtol=1e-5, atol=1e-8)


def test_mse_matches_formula_and_gradient():
    pred, target = np.array([[1.0], [2.0], [4.0]]), np.array([[0.0], [2.0], [1.0]])
    p = Tensor(pred, requires_grad=True)
    loss = mse(p, target)
    loss.backward()
    assert float(loss.data) == pytest.approx((1 + 0 + 9) / 3)
    np.testing.assert_allclose(p.grad, 2 * (pred - target) / 3)  # d/dp mean((p - t)^2)


def test_cross_entropy_matches_naive_formula_and_softmax_minus_onehot():
    rng = np.random.default_rng(4)
    logits, labels = rng.normal(size=(5, 3)), np.array([0, 2, 1, 1, 0])
    z = Tensor(logits, requires_grad=True)
    loss = cross_entropy(z, labels)
    loss.backward()
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    assert float(loss.data) == pytest.approx(-np.mean(np.log(probs[np.arange(5), labels])))
    np.testing.assert_allclose(z.grad, (probs - np.eye(3)[labels]) / 5, atol=1e-15)
    assert float(cross_entropy(logits, labels)) == pytest.approx(float(loss.data))  # arrays too


def test_binary_cross_entropy_matches_naive_formula_and_sigmoid_minus_target():
    z_values, y = np.array([-2.0, 0.5, 3.0, -0.1]), np.array([0.0, 1.0, 1.0, 0.3])
    z = Tensor(z_values, requires_grad=True)
    loss = binary_cross_entropy(z, y)
    loss.backward()
    s = 1 / (1 + np.exp(-z_values))
    assert float(loss.data) == pytest.approx(-np.mean(y * np.log(s) + (1 - y) * np.log(1 - s)))
    np.testing.assert_allclose(z.grad, (s - y) / 4)


def test_losses_are_finite_for_extreme_logits():
    z = Tensor(np.array([-1000.0, 1000.0]), requires_grad=True)
    loss = binary_cross_entropy(z, np.array([1.0, 0.0]))  # confidently wrong: loss 1000
    loss.backward()
    assert float(loss.data) == pytest.approx(1000.0)
    assert np.all(np.isfinite(z.grad))
    assert float(cross_entropy(np.array([[1000.0, -1000.0]]), np.array([1]))) == 2000.0


def test_losses_reject_mismatched_shapes_and_bad_labels():
    with pytest.raises(
        ValueError, match=r"mse: target must have the shape of the prediction, \(4, 1\)"
    ):
        mse(Tensor(np.zeros((4, 1))), np.zeros(4))
    with pytest.raises(ValueError, match="binary_cross_entropy: target must have"):
        binary_cross_entropy(Tensor(np.zeros((4, 1))), np.zeros(4))
    with pytest.raises(ValueError, match=r"in \[0, 1\]"):
        binary_cross_entropy(Tensor(np.zeros(2)), np.array([0.0, 2.0]))
    with pytest.raises(TypeError, match="labels must be integers"):
        cross_entropy(Tensor(np.zeros((2, 3))), np.array([0.0, 1.0]))
    with pytest.raises(ValueError, match=r"labels must lie in 0\.\.2"):
        cross_entropy(Tensor(np.zeros((2, 3))), np.array([0, 3]))
    with pytest.raises(ValueError, match=r"logits must have shape \(n, k\)"):
        cross_entropy(Tensor(np.zeros(3)), np.array([0, 1, 2]))
    with pytest.raises(ValueError, match=r"labels must have shape \(n,\) = \(2,\)"):
        cross_entropy(Tensor(np.zeros((2, 3))), np.array([0, 1, 2]))


def test_layers_reject_bad_arguments():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        Linear(2, 3, rng=0)
    with pytest.raises(ValueError, match="unknown init 'lecun'"):
        Linear(2, 3, np.random.default_rng(0), init="lecun")
    with pytest.raises(ValueError, match="in_features"):
        Linear(0, 3, np.random.default_rng(0))
    with pytest.raises(ValueError, match="unknown activation 'gelu'"):
        MLP([2, 3], np.random.default_rng(0), activation="gelu")
    with pytest.raises(ValueError, match="at least an input and an output"):
        MLP([2], np.random.default_rng(0))


def test_mlp_trained_with_adam_separates_two_moons():
    X, y = two_moons(200, 0.1, np.random.default_rng(0))
    net = MLP([2, 16, 16, 2], np.random.default_rng(1), activation="tanh")
    params = net.parameters()
    opt = Adam(lr=0.02)
    first = None
    for _ in range(200):
        net.zero_grad()
        loss = cross_entropy(net(X), y)
        loss.backward()
        opt.step([p.data for p in params], [p.grad for p in params])
        first = float(loss.data) if first is None else first
    accuracy = np.mean(net(X).data.argmax(axis=1) == y)
    assert accuracy >= 0.97
    assert float(loss.data) < 0.1 * first
