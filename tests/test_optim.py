"""Optimizers: convergence on an ill-conditioned quadratic, hand-computed steps, Adam's bias
correction, the Nesterov rewrite, and input checks."""

import numpy as np
import pytest

from mathlib.autodiff import Tensor
from mathlib.optim import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSProp, run

CURVATURES = np.array([1.0, 100.0])  # f(x) = (x1^2 + 100 x2^2) / 2: condition number 100


def f(x):
    return 0.5 * np.sum(CURVATURES * x * x)


def grad_f(x):
    return CURVATURES * x


@pytest.mark.parametrize(
    "optimizer",
    [
        SGD(lr=0.015),
        Momentum(lr=0.005, beta=0.9),
        Nesterov(lr=0.005, beta=0.9),
        AdaGrad(lr=0.5),
        RMSProp(lr=0.01),
        Adam(lr=0.05),
    ],
    ids=lambda o: type(o).__name__,
)
def test_each_optimizer_minimises_an_ill_conditioned_quadratic(optimizer):
    path = run(grad_f, np.array([1.0, 1.0]), optimizer, num_iters=300)
    assert f(path[-1]) < 1e-4 * f(path[0])
    assert np.all(np.isfinite(path))


def test_momentum_beats_plain_gradient_descent_at_the_same_step_size():
    x0 = np.array([1.0, 1.0])
    plain = f(run(grad_f, x0, SGD(lr=0.005), 300)[-1])
    for opt in (Momentum(lr=0.005, beta=0.9), Nesterov(lr=0.005, beta=0.9)):
        assert f(run(grad_f, x0, opt, 300)[-1]) < 1e-6 * plain


def two_steps(optimizer, x0=1.0, grads=(2.0, -1.0)):
    """Apply two steps with the given gradients; return the iterates after each."""
    x = np.array([x0])
    out = []
    for g in grads:
        optimizer.step([x], [np.array([g])])
        out.append(float(x[0]))
    return out


def test_hand_computed_two_steps_of_each_method():
    lr = 0.1
    # SGD: x <- x - lr g
    assert two_steps(SGD(lr)) == pytest.approx([0.8, 0.9])
    # momentum: v1 = 2, x1 = 1 - 0.2; v2 = 0.9 * 2 - 1 = 0.8, x2 = 0.8 - 0.08
    assert two_steps(Momentum(lr, beta=0.9)) == pytest.approx([0.8, 0.72])
    # Nesterov: v1 = 2, x1 = 1 - 0.1 (2 + 0.9 * 2); v2 = 0.8, x2 = x1 - 0.1 (-1 + 0.9 * 0.8)
    assert two_steps(Nesterov(lr, beta=0.9)) == pytest.approx([0.62, 0.648])
    # AdaGrad: s1 = 4, step 0.1 * 2 / 2; s2 = 5, step 0.1 * (-1) / sqrt(5)
    assert two_steps(AdaGrad(lr)) == pytest.approx([0.9, 0.9 + 0.1 / np.sqrt(5)])
    # RMSProp: s1 = 0.1 * 4, s2 = 0.9 * 0.4 + 0.1 * 1
    x1 = 1 - 0.1 * 2 / np.sqrt(0.4)
    assert two_steps(RMSProp(lr, rho=0.9)) == pytest.approx([x1, x1 + 0.1 / np.sqrt(0.46)])


def test_nesterov_equals_the_look_ahead_form_after_the_change_of_variables():
    lr, beta, x0 = 0.01, 0.8, np.array([1.0, -0.5])
    ours = run(grad_f, x0, Nesterov(lr, beta), 20)
    x, v = x0.copy(), np.zeros(2)  # the look-ahead form: gradient at x + beta v
    for k in range(20):
        np.testing.assert_allclose(ours[k], x + beta * v, rtol=1e-12, atol=1e-15)
        v = beta * v - lr * grad_f(x + beta * v)
        x = x + v


def test_adam_first_step_moves_each_coordinate_by_lr_whatever_the_gradient_scale():
    g = np.array([1e-3, 1.0, 1e3, -5.0])
    x = np.zeros(4)
    Adam(lr=0.01).step([x], [g])
    np.testing.assert_allclose(x, -0.01 * np.sign(g), rtol=1e-4)  # without bias correction: ~3x


def test_adam_with_constant_gradient_steps_by_lr_every_time():
    path = run(lambda x: np.array([4.0, -0.5]), np.zeros(2), Adam(lr=0.1), num_iters=5)
    expected = -0.1 * np.arange(6)[:, None] * np.array([1.0, -1.0])
    np.testing.assert_allclose(path, expected, rtol=1e-6)


def test_step_updates_tensor_parameters_in_place():
    w = Tensor(np.array([1.0, 2.0]), requires_grad=True)
    data = w.data
    (w * w).sum().backward()
    SGD(lr=0.25).step([w.data], [w.grad])
    assert w.data is data
    np.testing.assert_array_equal(w.data, [0.5, 1.0])


def test_run_returns_the_path_and_leaves_x0_alone():
    x0 = np.array([4.0])
    path = run(lambda x: x, x0, SGD(lr=0.5), num_iters=3)  # grad returns x itself
    np.testing.assert_array_equal(path.ravel(), [4.0, 2.0, 1.0, 0.5])
    np.testing.assert_array_equal(x0, [4.0])
    assert run(lambda x: 2 * x, 1.0, SGD(lr=0.25), 2).shape == (3,)  # a float start


def test_optimizers_reject_bad_arguments():
    with pytest.raises(ValueError, match="lr must be"):
        SGD(lr=-1.0)
    with pytest.raises(ValueError, match="Adam: lr must be > 0"):
        Adam(lr=0)
    with pytest.raises(TypeError, match="lr must be a real number"):
        SGD(lr="0.1")
    with pytest.raises(TypeError, match="lr must be real"):
        SGD(lr=0.1j)
    with pytest.raises(ValueError, match="eps must be >= 0"):
        RMSProp(lr=0.1, eps=-1e-8)
    with pytest.raises(ValueError, match="rho must be finite"):
        RMSProp(lr=0.1, rho=float("nan"))
    with pytest.raises(ValueError, match=r"rho must be in \[0, 1\)"):
        RMSProp(lr=0.1, rho=1.0)
    with pytest.raises(ValueError, match="beta must be"):
        Momentum(lr=0.1, beta=1.0)
    with pytest.raises(ValueError, match="beta2 must be"):
        Adam(lr=0.1, beta2=1.5)
    opt, x = SGD(lr=0.1), np.ones(2)
    with pytest.raises(TypeError, match="lists of arrays"):
        opt.step(x, np.ones(2))
    with pytest.raises(ValueError, match=r"grads\[0\] has shape \(3,\), params\[0\] has shape"):
        opt.step([x], [np.ones(3)])
    with pytest.raises(TypeError, match=r"grads\[0\] is None"):
        opt.step([x], [None])
    with pytest.raises(ValueError, match="1 parameters but 2 gradients"):
        opt.step([x], [x, x])
    with pytest.raises(TypeError, match="float NumPy array"):
        opt.step([np.ones(2, dtype=int)], [np.ones(2)])
    momentum = Momentum(lr=0.1)
    momentum.step([x], [x])
    with pytest.raises(ValueError, match="call reset"):
        momentum.step([np.ones(3)], [np.ones(3)])
    momentum.reset()
    momentum.step([np.ones(3)], [np.ones(3)])
    assert momentum.t == 1
    with pytest.raises(TypeError, match=r"grads\[0\] must be"):
        opt.step([x], [["a", "b"]])
    with pytest.raises(TypeError, match=r"grads\[0\] must be real"):
        opt.step([x], [np.ones(2) * 1j])
    with pytest.raises(TypeError, match="optimizer must be an Optimizer"):
        run(grad_f, x, "adam", 3)
    with pytest.raises(TypeError, match="run: grad must be a function"):
        run(None, x, SGD(lr=0.1), 3)
    with pytest.raises(ValueError, match="run: x0 must be finite"):
        run(grad_f, [np.nan], SGD(lr=0.1), 3)
    with pytest.raises(TypeError, match="run: num_iters must be an integer"):
        run(grad_f, x, SGD(lr=0.1), 3.0)
    with pytest.raises(ValueError, match="run: num_iters must be an integer >= 0"):
        run(grad_f, x, SGD(lr=0.1), -1)
