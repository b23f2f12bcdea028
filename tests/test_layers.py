"""Layers: batch normalisation in both modes, inverted dropout's expectation, the
convolution layer, Sequential and the penalties, against closed forms and NumPy."""

import numpy as np
import pytest

from mathlib import layers as L
from mathlib.autodiff import Tensor
from mathlib.nn import Linear, gradient_norms
from mathlib.numgrad import gradient


def test_batchnorm_running_statistics_are_moving_averages_of_unbiased_moments():
    rng = np.random.default_rng(0)
    bn = L.BatchNorm(3, momentum=0.2)
    batches = [rng.normal(1.0, 2.0, size=(10, 3)) for _ in range(4)]
    mean, var = np.zeros(3), np.ones(3)
    for b in batches:
        bn(b)
        mean = 0.8 * mean + 0.2 * b.mean(axis=0)
        var = 0.8 * var + 0.2 * b.var(axis=0, ddof=1)
    np.testing.assert_allclose(bn.running_mean, mean, rtol=1e-12)
    np.testing.assert_allclose(bn.running_var, var, rtol=1e-12)


def test_batchnorm_eval_mode_is_the_affine_map_of_the_running_statistics():
    rng = np.random.default_rng(1)
    bn = L.BatchNorm(2)
    bn(rng.normal(size=(20, 2)))
    bn.gamma.data[:] = [2.0, -1.0]
    bn.beta.data[:] = [0.5, 0.0]
    bn.training = False
    x = rng.normal(size=(5, 2))
    before = bn.running_mean.copy()
    y = bn(x)
    expected = 2 * 0 + bn.gamma.data * (x - before) / np.sqrt(bn.running_var + bn.eps)
    np.testing.assert_allclose(y.data, expected + bn.beta.data, rtol=1e-12)
    np.testing.assert_array_equal(bn.running_mean, before)  # eval does not update
    # one example at a time gives the same answer: no batch statistics in eval mode
    np.testing.assert_allclose(bn(x[:1]).data, y.data[:1], rtol=1e-12)


def test_batchnorm_eval_mode_gradient_matches_central_differences():
    rng = np.random.default_rng(2)
    bn = L.BatchNorm(3)
    bn(rng.normal(size=(10, 3)))
    bn.training = False
    x = Tensor(rng.normal(size=(4, 3)), requires_grad=True)
    u = rng.normal(size=(4, 3))
    (bn(x) * u).sum().backward()
    numeric = gradient(lambda v: float(np.sum(u * bn(v).data)), x.data)
    np.testing.assert_allclose(x.grad, numeric, rtol=1e-6, atol=1e-9)


def test_batchnorm_on_images_normalises_each_channel():
    rng = np.random.default_rng(3)
    y = L.BatchNorm(2, eps=0.0)(rng.normal(3.0, 2.0, size=(4, 2, 5, 5))).data
    np.testing.assert_allclose(y.mean(axis=(0, 2, 3)), 0.0, atol=1e-12)
    np.testing.assert_allclose(y.var(axis=(0, 2, 3)), 1.0, rtol=1e-12)


def test_inverted_dropout_keeps_the_mean_within_five_standard_errors():
    rng = np.random.default_rng(4)
    p, h, n = 0.3, np.array([0.5, -2.0, 3.0]), 20000
    drop = L.Dropout(p, rng)
    samples = np.array([drop(h) for _ in range(n)])
    se = np.abs(h) * np.sqrt(p / (1 - p)) / np.sqrt(n)  # std of h m / (1 - p), / sqrt n
    assert np.all(np.abs(samples.mean(axis=0) - h) < 5 * se)
    assert set(np.unique(samples / h).round(12)) == {0.0, round(1 / (1 - p), 12)}
    kept = (samples != 0).mean()
    assert abs(kept - (1 - p)) < 5 * np.sqrt(p * (1 - p) / samples.size)


def test_dropout_is_the_identity_in_eval_mode_and_passes_gradients_through_the_mask():
    rng = np.random.default_rng(5)
    drop = L.Dropout(0.5, rng)
    x = Tensor(rng.normal(size=(3, 4)), requires_grad=True)
    y = drop(x)
    y.sum().backward()
    np.testing.assert_allclose(x.grad, np.where(y.data != 0, 2.0, 0.0))
    drop.training = False
    assert drop(x) is x
    with pytest.raises(ValueError):
        L.Dropout(1.0, rng)


def test_conv2d_layer_uses_he_initialisation_and_gives_gradients_to_both_params():
    rng = np.random.default_rng(6)
    conv = L.Conv2d(4, 64, 3, rng)
    assert conv.weight.data.std() == pytest.approx(np.sqrt(2 / 36), rel=0.05)
    out = conv(rng.normal(size=(2, 4, 5, 5)))
    assert out.shape == (2, 64, 3, 3)
    out.sum().backward()
    assert conv.weight.grad.shape == (64, 4, 3, 3)
    np.testing.assert_allclose(conv.bias.grad, 2 * 9)  # one per output position


def test_sequential_collects_parameters_and_switches_modes():
    rng = np.random.default_rng(7)
    bn, drop = L.BatchNorm(4), L.Dropout(0.5, rng)
    net = L.Sequential(Linear(2, 4, rng), bn, drop, Linear(4, 1, rng))
    assert len(net.parameters()) == 6
    net.train(False)
    assert not bn.training and not drop.training
    x = rng.normal(size=(3, 2))
    np.testing.assert_allclose(net(x).data, net(x).data)  # deterministic in eval mode


def test_penalties_and_their_gradients():
    w = [Tensor([1.5, -2.0, 0.5], requires_grad=True),
         Tensor([[-1.0]], requires_grad=True)]
    assert float(L.l1_penalty(w).data) == pytest.approx(5.0)
    assert float(L.l2_penalty(w).data) == pytest.approx(7.5)
    L.l2_penalty(w).backward()
    np.testing.assert_allclose(w[0].grad, [3.0, -4.0, 1.0])
    for p in w:
        p.zero_grad()
    L.l1_penalty(w).backward()
    np.testing.assert_allclose(w[0].grad, [1.0, -1.0, 1.0])


def test_gradient_norms_are_frobenius_norms():
    a = Tensor(np.ones((2, 3)), requires_grad=True)
    b = Tensor(np.ones(2), requires_grad=True)
    (3 * a).sum().backward()
    np.testing.assert_allclose(gradient_norms([a, b]), [np.sqrt(6 * 9), 0.0])
