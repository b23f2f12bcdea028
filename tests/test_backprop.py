"""Tests of mathlib.backprop: every hand-written gradient against central differences
(mathlib.numgrad) and against reverse mode (mathlib.autodiff), the losses against
mathlib.nn, the initialisation variances against mathlib.nn.Linear and against the
variance argument, and the deep passes against explicit products of Jacobians."""

import numpy as np
import pytest

from mathlib import backprop as bp
from mathlib import nn
from mathlib.autodiff import Tensor, ops
from mathlib.numgrad import gradient, jacobian

SHAPES = [(1, 1, 1, 1), (5, 3, 4, 2), (7, 4, 4, 4), (3, 2, 6, 1), (9, 5, 2, 3)]
SMOOTH = ("identity", "sigmoid", "tanh")


def _problem(shape, seed, kind="mse"):
    rng = np.random.default_rng(seed)
    m, n_in, hidden, n_out = shape
    params = bp.Params(rng.normal(size=(n_in, hidden)), rng.normal(size=hidden),
                       rng.normal(size=(hidden, n_out)), rng.normal(size=n_out))
    X = rng.normal(size=(m, n_in))
    Y = (rng.uniform(size=(m, n_out)) if kind != "mse"
         else rng.normal(size=(m, n_out)))
    return params, X, Y


@pytest.mark.parametrize("activation", bp.ACTIVATIONS)
def test_activation_derivative_matches_central_differences(activation):
    z = np.array([-2.5, -0.7, 0.3, 1.9])               # away from ReLU's kink
    _, da = bp.activate(z, activation)
    numeric = [gradient(lambda v: float(bp.activate(v, activation)[0]), zi)
               for zi in z]
    assert np.allclose(da, numeric, rtol=1e-7, atol=1e-9)


def test_relu_derivative_at_zero_is_zero_by_convention():
    assert bp.activate(np.array([0.0]), "relu")[1].tolist() == [0.0]


@pytest.mark.parametrize("activation", SMOOTH)
def test_neuron_gradient_matches_finite_differences_and_reverse_mode(activation):
    rng = np.random.default_rng(4)
    x, w, b, y = rng.normal(size=3), rng.normal(size=3), 0.3, 0.8

    def loss_of(v):                                  # v = (w, b)
        return bp.neuron_grad(x, v[:3], v[3], y, activation).loss

    g = bp.neuron_grad(x, w, b, y, activation)
    numeric = gradient(loss_of, np.append(w, b))
    assert np.allclose(np.append(g.dw, g.db), numeric, rtol=1e-7, atol=1e-10)
    wt, bt = Tensor(w, requires_grad=True), Tensor(b, requires_grad=True)
    z = (Tensor(x) * wt).sum() + bt
    a = z if activation == "identity" else getattr(z, activation)()
    (0.5 * (a - y) * (a - y)).backward()
    assert np.allclose(wt.grad, g.dw, rtol=1e-12) and np.isclose(bt.grad, g.db)


def test_neuron_gradient_of_the_source_example_at_a_random_point():
    # z = 0 hides a bug that replaces σ(1 − σ) by σ²; at z = 1.3 it shows
    g = bp.neuron_grad([2.0], [0.9], -0.5, 0.8)
    a = 1 / (1 + np.exp(-1.3))
    assert np.isclose(g.db, (a - 0.8) * a * (1 - a), rtol=1e-12)
    assert not np.isclose(g.db, (a - 0.8) * a * a, rtol=1e-3)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("activation", bp.ACTIVATIONS)
@pytest.mark.parametrize("kind", bp.LOSSES)
def test_two_layer_gradients_match_finite_differences(shape, activation, kind):
    params, X, Y = _problem(shape, sum(shape), kind)
    _, grads = bp.backward(params, X, Y, activation, kind)
    for i, name in enumerate(bp.Params._fields):
        def loss_of(v, i=i):
            return bp.loss(params._replace(**{bp.Params._fields[i]: v}), X, Y,
                           activation, kind)
        numeric = gradient(loss_of, params[i])
        assert grads[i].shape == params[i].shape, name
        assert np.allclose(grads[i], numeric, rtol=1e-6, atol=1e-8), name


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("activation", bp.ACTIVATIONS)
def test_two_layer_gradients_match_reverse_mode(shape, activation):
    params, X, Y = _problem(shape, 7 + sum(shape), "bce")
    for kind in ("mse", "bce"):
        leaves = [Tensor(p, requires_grad=True) for p in params]
        W1, b1, W2, b2 = leaves
        Z1 = Tensor(X) @ W1 + b1
        A1 = Z1 if activation == "identity" else getattr(Z1, activation)()
        Z2 = A1 @ W2 + b2
        value = nn.mse(Z2, Y) if kind == "mse" else nn.binary_cross_entropy(Z2, Y)
        value.backward()
        mine, grads = bp.backward(params, X, Y, activation, kind)
        assert np.isclose(mine, value.item(), rtol=1e-12)
        for leaf, g in zip(leaves, grads, strict=True):
            assert np.allclose(leaf.grad, g, rtol=1e-10, atol=1e-13)


def test_sigmoid_mse_loss_is_the_mean_square_of_the_sigmoid_output():
    params, X, Y = _problem((6, 3, 4, 2), 3, "sigmoid_mse")
    Z2 = bp.forward(params, X, "tanh").Z2
    expected = float(ops.mean((Tensor(Z2).sigmoid() - Y) ** 2).item())
    assert np.isclose(bp.loss(params, X, Y, "tanh", "sigmoid_mse"), expected)


@pytest.mark.parametrize("init", ["he", "xavier"])
def test_init_std_matches_mathlib_nn_linear_within_five_standard_errors(init):
    n_in, n_out = 300, 200
    weights = nn.Linear(n_in, n_out, np.random.default_rng(1), init).weight.data
    std = bp.init_std(n_in, n_out, init)
    se = std / np.sqrt(2 * weights.size)             # s.e. of a normal sample's s.d.
    assert abs(weights.std() - std) < 5 * se


def test_init_variances_are_the_formulas_of_the_variance_argument():
    assert np.isclose(bp.init_std(50, 70, "lecun") ** 2, 1 / 50)
    assert np.isclose(bp.init_std(50, 70, "he") ** 2, 2 / 50)
    assert np.isclose(bp.init_std(50, 70, "xavier") ** 2, 2 / 120)


def test_he_keeps_the_second_moment_of_relu_layers_within_five_standard_errors():
    # E[z_j²] = n_in Var(W) E[h²], and E[relu(u)²] = E[u²] / 2 for a symmetric u:
    # with He's Var(W) = 2 / n_in, relu of a standard normal input gives E[z²] = 1
    rng = np.random.default_rng(2)
    width, trials = 50, 2000
    H = np.maximum(rng.normal(size=(trials, 1, width)), 0)
    W = rng.normal(0, bp.init_std(width, width, "he"), (trials, width, width))
    per_trial = np.mean((H @ W) ** 2, axis=(1, 2))     # independent trials
    se = per_trial.std() / np.sqrt(trials)
    assert abs(per_trial.mean() - 1.0) < 5 * se


def test_deep_pass_equals_the_product_of_layer_jacobians():
    rng = np.random.default_rng(3)
    weights = bp.deep_weights(4, 5, 1.3, rng)
    h0, g = rng.normal(size=4), rng.normal(size=4)
    for activation in ("tanh", "relu", "sigmoid"):
        jac = bp.layer_jacobians(h0, weights, activation)
        product = np.linalg.multi_dot(jac[::-1])

        def stack(h, activation=activation):
            for W in weights:
                h = bp.activate(h @ W, activation)[0]
            return h

        assert np.allclose(product, jacobian(stack, h0), rtol=1e-6, atol=1e-9)
        d = bp.deep_pass(h0[None], weights, activation, g[None])
        assert np.isclose(d.backward_rms[0], np.linalg.norm(g @ product) / 2)
        assert np.isclose(d.forward_rms[-1], np.linalg.norm(stack(h0)) / 2)


def test_orthogonal_linear_layers_scale_every_gradient_by_s_per_layer():
    rng = np.random.default_rng(5)
    q = [np.linalg.qr(rng.normal(size=(6, 6)))[0] for _ in range(8)]
    d = bp.deep_pass(rng.normal(size=(3, 6)), [0.7 * w for w in q], "identity",
                     rng.normal(size=(3, 6)))
    assert np.allclose(d.backward_rms[:-1] / d.backward_rms[1:], 0.7, rtol=1e-12)
    assert np.allclose(d.forward_rms[1:] / d.forward_rms[:-1], 0.7, rtol=1e-12)


def test_train_lowers_the_loss_and_dead_units_never_move():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(30, 2))
    Y = np.tanh(X[:, :1] - X[:, 1:])
    params = bp.init_params(2, 6, 1, rng, init="he")
    params = params._replace(b1=np.array([-100.0, -100, 0, 0, 0, 0]))
    log = bp.train(params, X, Y, "relu", "mse", 0.2, 200)
    assert log.losses[-1] < 0.5 * log.losses[0]
    assert np.all(log.dead >= 2 / 6)
    assert np.array_equal(log.params.W1[:, :2], params.W1[:, :2])   # no gradient


def test_bad_inputs_are_refused():
    params, X, Y = _problem((4, 3, 2, 1), 0)
    with pytest.raises(ValueError, match="unknown activation"):
        bp.activate([1.0], "swish")
    with pytest.raises(ValueError, match="unknown loss"):
        bp.backward(params, X, Y, "tanh", "hinge")
    with pytest.raises(ValueError, match="shape"):
        bp.backward(params, X, Y.T, "tanh")
    with pytest.raises(ValueError, match="unknown init"):
        bp.init_std(3, 4, "glorot")
    with pytest.raises(ValueError, match="differ"):
        bp.neuron_grad([1.0, 2.0], [1.0], 0.0, 1.0)
    with pytest.raises(ValueError):
        bp.deep_weights(3, 2, -1.0, np.random.default_rng(0))
