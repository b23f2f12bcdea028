"""Optimizers: convergence on an ill-conditioned quadratic, hand-computed steps, Adam's
bias correction, the Nesterov rewrite, heavy ball's rate against the spectral radius of
the full iteration matrix and against measured paths, the accelerated method against its
bound and against SciPy, and input checks."""

import numpy as np
import pytest

from mathlib.autodiff import Tensor
from mathlib.descent import linear_rate, observed_rate
from mathlib.optim import (
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    RMSProp,
    accelerated_gradient,
    heavy_ball_rate,
    heavy_ball_tuning,
    run,
)

CURVATURES = np.array([1.0, 100.0])  # f = (x1^2 + 100 x2^2) / 2: condition number 100


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
    # Nesterov: v1 = 2, x1 = 1 - 0.1 (2 + 0.9 * 2);
    # v2 = 0.8, x2 = x1 - 0.1 (-1 + 0.9 * 0.8)
    assert two_steps(Nesterov(lr, beta=0.9)) == pytest.approx([0.62, 0.648])
    # AdaGrad: s1 = 4, step 0.1 * 2 / 2; s2 = 5, step 0.1 * (-1) / sqrt(5)
    assert two_steps(AdaGrad(lr)) == pytest.approx([0.9, 0.9 + 0.1 / np.sqrt(5)])
    # RMSProp: s1 = 0.1 * 4, s2 = 0.9 * 0.4 + 0.1 * 1
    x1 = 1 - 0.1 * 2 / np.sqrt(0.4)
    assert two_steps(RMSProp(lr, rho=0.9)) == pytest.approx(
        [x1, x1 + 0.1 / np.sqrt(0.46)])


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
    # without bias correction the steps would be about 3 times longer
    np.testing.assert_allclose(x, -0.01 * np.sign(g), rtol=1e-4)


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
    with pytest.raises(ValueError,
                       match=r"grads\[0\] has shape \(3,\), params\[0\] has shape"):
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


@pytest.mark.parametrize("kappa", [1.0, 4.0, 100.0, 1e4])
def test_heavy_ball_tuning_gives_the_sqrt_kappa_rate(kappa):
    lr, beta = heavy_ball_tuning(2.0, 2.0 * kappa)
    r = np.sqrt(kappa)
    assert lr == pytest.approx(4 / (2.0 * (r + 1) ** 2), rel=1e-12)
    assert beta == pytest.approx(((r - 1) / (r + 1)) ** 2, rel=1e-12, abs=1e-15)
    # a double eigenvalue at both ends: the 2 x 2 eigensolver is accurate to ~sqrt(eps)
    assert heavy_ball_rate(lr, beta, 2.0, 2.0 * kappa) == pytest.approx(
        (r - 1) / (r + 1), abs=1e-6)


def test_heavy_ball_rate_is_the_spectral_radius_of_the_whole_iteration_matrix():
    rng = np.random.default_rng(7)
    for _ in range(20):
        n = int(rng.integers(2, 6))
        Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
        eig = np.sort(rng.uniform(0.1, 10.0, size=n))
        A = Q @ np.diag(eig) @ Q.T
        lr, beta = rng.uniform(0.01, 0.3), rng.uniform(0.0, 0.95)
        # the map (x_k, x_k-1) -> (x_k+1, x_k) of heavy ball on 1/2 x'Ax
        big = np.block([[(1 + beta) * np.eye(n) - lr * A, -beta * np.eye(n)],
                        [np.eye(n), np.zeros((n, n))]])
        radius = np.abs(np.linalg.eigvals(big)).max()
        rate = heavy_ball_rate(lr, beta, eig[0], eig[-1])
        assert rate == pytest.approx(radius, rel=1e-6)


def test_heavy_ball_rate_takes_the_worst_curvature_at_an_end_of_the_interval():
    lr, beta, mu, L = 0.05, 0.6, 1.0, 30.0
    inside = [np.abs(np.linalg.eigvals([[1 + beta - lr * lam, -beta], [1, 0]])).max()
              for lam in np.linspace(mu, L, 301)]
    assert heavy_ball_rate(lr, beta, mu, L) == pytest.approx(max(inside), rel=1e-9)


def test_heavy_ball_rate_without_momentum_is_the_gradient_descent_factor():
    for lr in (0.01, 0.1, 0.18, 0.25):
        assert heavy_ball_rate(lr, 0.0, 1.0, 10.0) == pytest.approx(
            linear_rate(lr, 1.0, 10.0), rel=1e-12)


def test_heavy_ball_rate_matches_the_rate_measured_on_momentum_paths():
    tuned = heavy_ball_tuning(1, 100)
    for lr, beta in [(0.01, 0.5), (0.005, 0.9), (0.015, 0.3), tuned]:
        path = run(grad_f, np.array([1.0, 1.0]), Momentum(lr, beta), 400)
        errors = np.linalg.norm(path[200:], axis=1)
        # the fit of log-errors over 200 steps is within 1 % of the rate, even where
        # a double eigenvalue adds a factor k to the geometric decay
        assert observed_rate(errors) == pytest.approx(
            heavy_ball_rate(lr, beta, 1.0, 100.0), rel=1e-2)


def test_accelerated_gradient_with_fixed_beta_is_the_nesterov_optimizer():
    lr, beta, x0 = 0.005, 0.8, np.array([1.0, -0.5])
    xs = accelerated_gradient(grad_f, x0, lr, 30, beta=beta)
    ys = run(grad_f, x0, Nesterov(lr, beta), 30)   # the look-ahead points y_k
    steps = ys[:-1] - lr * np.array([grad_f(y) for y in ys[:-1]])
    np.testing.assert_allclose(xs[1:], steps, rtol=1e-12, atol=1e-15)


def test_accelerated_gradient_meets_its_bound_on_a_convex_quadratic():
    n = 200   # the tridiagonal worst case of first-order methods: convex, L = 4
    A = 2 * np.eye(n) - np.eye(n, k=1) - np.eye(n, k=-1)
    A[-1, -1] = 1.0           # x* = (1, ..., 1); eigenvalues in (0, 4), smallest ~1e-5
    b = np.zeros(n)
    b[0] = 1.0
    x_star = np.linalg.solve(A, b)
    L = np.linalg.eigvalsh(A).max()

    def fq(x):
        return 0.5 * x @ A @ x - b @ x

    path = accelerated_gradient(lambda x: A @ x - b, np.zeros(n), 1 / L, 300)
    gaps = np.array([fq(x) for x in path]) - fq(x_star)
    k = np.arange(1, 301)
    bound = 2 * L * np.sum(x_star**2) / (k + 1) ** 2
    assert np.all(gaps[1:] <= bound)
    plain = run(lambda x: A @ x - b, np.zeros(n), SGD(1 / L), 300)
    assert fq(path[-1]) - fq(x_star) < 0.2 * (fq(plain[-1]) - fq(x_star))   # ~0.15


def test_accelerated_gradient_finds_the_minimiser_scipy_finds():
    scipy_optimize = pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, size=40) * 2 - 1.0

    def loss(w):   # regularised logistic loss, smooth and strongly convex
        return np.mean(np.logaddexp(0, -y * (X @ w))) + 0.05 * w @ w

    def grad(w):
        s = -y / (1 + np.exp(y * (X @ w)))
        return X.T @ s / len(y) + 0.1 * w

    reference = scipy_optimize.minimize(loss, np.zeros(3), jac=grad, tol=1e-12).x
    L = np.linalg.eigvalsh(X.T @ X).max() / (4 * len(y)) + 0.1
    ours = accelerated_gradient(grad, np.zeros(3), 1 / L, 500)[-1]
    np.testing.assert_allclose(ours, reference, atol=1e-6)


def test_new_functions_reject_bad_arguments():
    with pytest.raises(ValueError, match="mu must be at most L"):
        heavy_ball_tuning(2.0, 1.0)
    with pytest.raises(ValueError, match="heavy_ball_rate: beta must be"):
        heavy_ball_rate(0.1, 1.0, 1.0, 2.0)
    with pytest.raises(ValueError, match="heavy_ball_rate: lr must be > 0"):
        heavy_ball_rate(0.0, 0.5, 1.0, 2.0)
    with pytest.raises(ValueError, match="accelerated_gradient: beta must be"):
        accelerated_gradient(grad_f, [1.0, 1.0], 0.1, 3, beta=-0.1)
    with pytest.raises(TypeError, match="accelerated_gradient: grad must be a"):
        accelerated_gradient(None, [1.0, 1.0], 0.1, 3)
