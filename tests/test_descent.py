"""mathlib.descent against independent references: SciPy's minimisers, the closed-form
iterates of gradient descent on quadratics, the Armijo condition checked here, and the
formulas of the step-size schedules."""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize, rosen, rosen_der

from mathlib import descent
from mathlib.optim import SGD, run
from mathlib.testfunctions import ill_conditioned, quadratic

RNG = np.random.default_rng(10)


def random_spd(n, mu, L, rng):
    """A random symmetric matrix with eigenvalues spread from mu to L."""
    Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
    A = Q @ np.diag(np.geomspace(mu, L, n)) @ Q.T
    return (A + A.T) / 2


def test_iterates_on_a_quadratic_are_the_closed_form():
    # e_k = (I - ηA)^k e_0 for f = ½xᵀAx − bᵀx: computed with matrix powers
    A, b = random_spd(4, 0.5, 8.0, RNG), RNG.normal(size=4)
    p, x0, lr = quadratic(A, b), RNG.normal(size=4), 0.2
    path = descent.gradient_descent(p.grad, x0, lr, 30)
    M = np.eye(4) - lr * A
    expected = [p.x_star + np.linalg.matrix_power(M, k) @ (x0 - p.x_star)
                for k in range(31)]
    assert_allclose(path, expected, rtol=1e-10, atol=1e-12)


def test_fixed_step_matches_optim_run_with_sgd():
    p = ill_conditioned(20.0, 0.4)
    x0 = np.array([1.5, -2.0])
    assert_allclose(descent.gradient_descent(p.grad, x0, 0.05, 25),
                    run(p.grad, x0, SGD(lr=0.05), 25), rtol=0, atol=0)


def smooth_convex(seed):
    """f = ½xᵀAx − bᵀx + Σ log cosh x_i, with μ = λ_min(A), L = λ_max(A) + 1."""
    rng = np.random.default_rng(seed)
    A, b = random_spd(5, 1.0, 6.0, rng), rng.normal(size=5)

    def f(x):
        return 0.5 * x @ A @ x - b @ x + np.sum(np.log(np.cosh(x)))

    def grad(x):
        return A @ x - b + np.tanh(x)

    reference = minimize(f, np.zeros(5), jac=grad, method="BFGS", tol=1e-12).x
    return f, grad, reference


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_minimiser_agrees_with_scipy_on_a_smooth_convex_function(seed):
    f, grad, reference = smooth_convex(seed)
    path = descent.gradient_descent(grad, np.zeros(5), 1 / 7.0, 400)
    assert_allclose(path[-1], reference, rtol=0, atol=1e-7)
    result = descent.line_search_descent(f, grad, np.zeros(5), 200)
    assert_allclose(result.path[-1], reference, rtol=0, atol=1e-7)


def test_line_search_descent_goes_down_rosenbrocks_valley():
    result = descent.line_search_descent(rosen, rosen_der, [-1.2, 1.0], 300)
    values = rosen(result.path.T)
    assert np.all(np.diff(values) <= 0)  # Armijo steps never go up
    assert values[-1] < 1e-2 * values[0]
    assert np.all(result.lrs > 0)


@pytest.mark.parametrize("seed", range(5))
def test_backtracking_step_passes_armijo_and_the_previous_step_fails(seed):
    rng = np.random.default_rng(seed)
    x, c, shrink = rng.normal(size=2) * 1.5, 1e-4, 0.5
    g = rosen_der(x)
    lr = descent.backtracking(rosen, rosen_der, x, lr0=1.0, shrink=shrink, c=c)
    assert rosen(x - lr * g) <= rosen(x) - c * lr * g @ g  # checked independently
    assert lr == 1.0 or rosen(x - lr / shrink * g) > rosen(x) - c * lr / shrink * g @ g


def test_backtracking_step_is_at_least_its_guaranteed_size():
    # for an L-smooth f the search stops at η >= min(lr0, 2 shrink (1 - c) / L)
    p = ill_conditioned(50.0, 0.2)
    for x in RNG.normal(size=(20, 2)):
        for c in (1e-4, 0.3, 0.9):
            lr = descent.backtracking(p.f, p.grad, x, lr0=1.0, shrink=0.5, c=c)
            assert lr >= 2 * 0.5 * (1 - c) / 50.0


def test_backtracking_on_a_parabola_by_hand():
    # f = x², x = 1, c = 1e-4: η = 1 gives f = 1 (fails), η = 0.5 gives 0 (passes)
    assert descent.backtracking(lambda x: x @ x, lambda x: 2 * x, [1.0]) == 0.5
    assert descent.backtracking(lambda x: x @ x, lambda x: 2 * x, [0.0]) == 0.0


def test_backtracking_refuses_a_wrong_gradient():
    with pytest.raises(ValueError, match="Armijo"):
        descent.backtracking(lambda x: x @ x, lambda x: -2 * x, [1.0])


def test_schedules_follow_their_formulas():
    ks = range(12)
    assert [descent.constant(0.3)(k) for k in ks] == [0.3] * 12
    assert_allclose([descent.inverse_time(0.5, 0.2)(k) for k in ks],
                    [0.5 / (1 + 0.2 * k) for k in ks])
    assert_allclose([descent.exponential(0.5, 0.1)(k) for k in ks],
                    [0.5 * math.exp(-0.1 * k) for k in ks])
    assert [descent.step_decay(1.0, 0.1, 5)(k) for k in ks] == pytest.approx(
        [1.0] * 5 + [0.1] * 5 + [0.01] * 2)


def test_a_schedule_gives_the_step_of_each_iteration():
    # on f = ½x², x_{k+1} = (1 - η_k) x_k
    schedule = descent.inverse_time(0.8, 0.5)
    path = descent.gradient_descent(lambda x: x, 2.0, schedule, 6)
    expected = 2.0 * np.cumprod([1.0] + [1 - schedule(k) for k in range(6)])
    assert_allclose(path, expected, rtol=1e-14)


@pytest.mark.parametrize("mu, L", [(1.0, 10.0), (0.5, 2.0), (3.0, 3.0)])
def test_linear_rate_is_the_norm_of_the_iteration_matrix(mu, L):
    A = random_spd(3, mu, L, RNG)
    for lr in (0.5 / L, 1 / L, 2 / (mu + L), 1.9 / L, 2.1 / L):
        assert math.isclose(descent.linear_rate(lr, mu, L),
                            np.linalg.norm(np.eye(3) - lr * A, 2), rel_tol=1e-9,
                            abs_tol=1e-12)


def test_errors_contract_by_the_linear_rate_and_diverge_past_two_over_L():
    p = ill_conditioned(10.0, 0.3)
    x0 = np.array([1.0, 1.0])
    for lr, expected in [(0.1, 0.9), (2 / 11, 9 / 11), (0.21, 1.1)]:
        errors = np.linalg.norm(descent.gradient_descent(p.grad, x0, lr, 60), axis=1)
        assert math.isclose(descent.observed_rate(errors[20:]), expected, rel_tol=1e-6)
        assert math.isclose(descent.linear_rate(lr, 1.0, 10.0), expected, rel_tol=1e-12)


def test_observed_rate_of_a_geometric_sequence():
    assert math.isclose(descent.observed_rate(5 * 0.3 ** np.arange(10)), 0.3)


@pytest.mark.parametrize("call, error", [
    (lambda: descent.gradient_descent(lambda x: x, 1.0, -0.1, 3), ValueError),
    (lambda: descent.gradient_descent(lambda x: x, 1.0, 0.1, 2.5), TypeError),
    (lambda: descent.gradient_descent("grad", 1.0, 0.1, 3), TypeError),
    (lambda: descent.gradient_descent(lambda x: x, [np.nan], 0.1, 3), ValueError),
    (lambda: descent.gradient_descent(lambda x: x, 1.0, lambda k: -1.0, 3),
     ValueError),
    (lambda: descent.backtracking(lambda x: x @ x, lambda x: 2 * x, [1.0], c=1.0),
     ValueError),
    (lambda: descent.backtracking(lambda x: x @ x, lambda x: 2 * x, [1.0], shrink=1),
     ValueError),
    (lambda: descent.inverse_time(0.1, -1.0), ValueError),
    (lambda: descent.step_decay(0.1, 0.5, 0), ValueError),
    (lambda: descent.linear_rate(0.1, 2.0, 1.0), ValueError),
    (lambda: descent.observed_rate([1.0, 0.0]), ValueError),
])
def test_bad_inputs_are_refused(call, error):
    with pytest.raises(error):
        call()
