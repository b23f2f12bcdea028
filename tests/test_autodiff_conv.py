"""The layer operations conv2d and batch_norm: values against independent references
(SciPy's correlate2d, a direct loop, the engine's elementary operations) and VJPs
against central differences."""

import numpy as np
import pytest
from scipy.signal import correlate2d

from mathlib.autodiff import Tensor, batch_norm, conv2d, ops
from mathlib.autodiff.conv import conv2d_output_size
from mathlib.numgrad import gradient


def _conv_loop(x, w, b, stride, padding):
    """y[n, f, p, q] by the definition, one window at a time."""
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    n, _, h, wd = xp.shape
    f, _, kh, kw = w.shape
    ho, wo = (h - kh) // stride + 1, (wd - kw) // stride + 1
    y = np.zeros((n, f, ho, wo))
    for i in range(n):
        for k in range(f):
            for p in range(ho):
                for q in range(wo):
                    r, s = p * stride, q * stride
                    win = xp[i, :, r : r + kh, s : s + kw]
                    y[i, k, p, q] = np.sum(win * w[k]) + b[k]
    return y


def test_conv2d_matches_scipy_correlate2d_summed_over_channels():
    rng = np.random.default_rng(0)
    x, w = rng.normal(size=(2, 3, 7, 6)), rng.normal(size=(4, 3, 3, 2))
    y = conv2d(x, w)
    ref = np.array([[sum(correlate2d(x[n, c], w[f, c], mode="valid") for c in range(3))
                     for f in range(4)] for n in range(2)])
    np.testing.assert_allclose(y, ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (2, 1), (3, 2)])
def test_conv2d_matches_a_direct_loop_with_stride_and_padding(stride, padding):
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=(2, 2, 8, 7)), rng.normal(size=(3, 2, 3, 3))
    b = rng.normal(size=3)
    y = conv2d(x, w, b, stride, padding)
    np.testing.assert_allclose(y, _conv_loop(x, w, b, stride, padding), rtol=1e-12,
                               atol=1e-12)
    assert y.shape[2:] == (conv2d_output_size(8, 3, stride, padding),
                           conv2d_output_size(7, 3, stride, padding))


@pytest.mark.parametrize(("stride", "padding"), [(1, 0), (2, 1)])
def test_conv2d_gradients_match_central_differences(stride, padding):
    rng = np.random.default_rng(2)
    x, w = rng.normal(size=(2, 2, 6, 5)), rng.normal(size=(3, 2, 3, 2))
    b = rng.normal(size=3)
    u = rng.normal(size=conv2d(x, w, b, stride, padding).shape)  # seed: L = <u, y>
    xt, wt, bt = (Tensor(a, requires_grad=True) for a in (x, w, b))
    conv2d(xt, wt, bt, stride, padding).backward(u)
    for t, f in [(xt, lambda v: np.sum(u * conv2d(v, w, b, stride, padding))),
                 (wt, lambda v: np.sum(u * conv2d(x, v, b, stride, padding))),
                 (bt, lambda v: np.sum(u * conv2d(x, w, v, stride, padding)))]:
        np.testing.assert_allclose(t.grad, gradient(f, t.data), rtol=1e-6, atol=1e-8)


def test_conv2d_rejects_mismatched_channels_and_oversized_kernels():
    with pytest.raises(ValueError, match="channels"):
        conv2d(np.zeros((1, 2, 4, 4)), np.zeros((1, 3, 2, 2)))
    with pytest.raises(ValueError, match="larger"):
        conv2d(np.zeros((1, 1, 2, 2)), np.zeros((1, 1, 3, 3)))


def _batch_norm_composed(x, gamma, beta, eps):
    """The same map from the engine's elementary operations (an independent graph)."""
    axes = (0, *range(2, x.ndim))
    shape = (1, -1) + (1,) * (x.ndim - 2)
    mu = ops.mean(x, axis=axes, keepdims=True)
    var = ops.mean((x - mu) ** 2, axis=axes, keepdims=True)
    return gamma.reshape(shape) * (x - mu) / ops.sqrt(var + eps) + beta.reshape(shape)


@pytest.mark.parametrize("shape", [(5, 3), (4, 2, 3, 3)])
def test_batch_norm_gradients_match_composed_engine_and_central_differences(shape):
    rng = np.random.default_rng(3)
    x = rng.normal(2.0, 3.0, size=shape)
    gamma, beta = rng.normal(size=shape[1]), rng.normal(size=shape[1])
    u = rng.normal(size=shape)
    fused = [Tensor(a, requires_grad=True) for a in (x, gamma, beta)]
    composed = [Tensor(a, requires_grad=True) for a in (x, gamma, beta)]
    batch_norm(*fused, eps=1e-3).backward(u)
    _batch_norm_composed(*composed, eps=1e-3).backward(u)
    for a, b in zip(fused, composed, strict=True):
        np.testing.assert_allclose(a.grad, b.grad, rtol=1e-10, atol=1e-12)
    numeric = gradient(lambda v: np.sum(u * batch_norm(v, gamma, beta, 1e-3)), x)
    np.testing.assert_allclose(fused[0].grad, numeric, rtol=1e-6, atol=1e-8)


def test_batch_norm_output_has_mean_beta_and_std_gamma_per_feature():
    rng = np.random.default_rng(4)
    x = rng.normal(5.0, 2.0, size=(50, 3))
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 3.0])
    y = batch_norm(x, gamma, beta, eps=0.0)
    np.testing.assert_allclose(y.mean(axis=0), beta, atol=1e-12)
    np.testing.assert_allclose(y.std(axis=0), gamma, rtol=1e-12)


def test_batch_norm_input_gradient_sums_to_zero_per_feature():
    # y does not change when a constant is added to a feature, so dL/dx sums to 0
    rng = np.random.default_rng(5)
    x = Tensor(rng.normal(size=(8, 4)), requires_grad=True)
    batch_norm(x, np.ones(4), np.zeros(4)).backward(rng.normal(size=(8, 4)))
    np.testing.assert_allclose(x.grad.sum(axis=0), 0.0, atol=1e-12)
