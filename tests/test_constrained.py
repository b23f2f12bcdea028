"""mathlib.constrained against SciPy's constrained minimisers, scikit-learn's SVC and
closed forms."""

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import minimize

from mathlib import constrained
from mathlib.numdiff import gradient


def separable(rng, m=30, gap=2.0):
    X = rng.normal(size=(m, 2))
    y = np.where(X @ [1.0, -0.5] > 0, 1.0, -1.0)
    X += gap / 2 * y[:, None] * np.array([1.0, -0.5]) / np.hypot(1, 0.5)
    return X, y


@pytest.mark.parametrize("seed", range(5))
def test_equality_qp_matches_slsqp_and_the_multipliers_are_stationary(seed):
    rng = np.random.default_rng(seed)
    n, m = 5, 2
    M = rng.normal(size=(n, n))
    A, b = M @ M.T + np.eye(n), rng.normal(size=n)
    C, d = rng.normal(size=(m, n)), rng.normal(size=m)
    x, lam = constrained.equality_qp(A, b, C, d)
    res = minimize(lambda z: 0.5 * z @ A @ z - b @ z, np.zeros(n),
                   jac=lambda z: A @ z - b, method="SLSQP",
                   constraints={"type": "eq", "fun": lambda z: C @ z - d,
                                "jac": lambda z: C},
                   options={"ftol": 1e-14, "maxiter": 500})
    assert res.success
    assert_allclose(x, res.x, atol=1e-6)
    assert_allclose(A @ x - b, C.T @ lam, atol=1e-10)   # ∇f = Cᵀλ
    assert_allclose(C @ x, d, atol=1e-10)


def test_equality_qp_multiplier_is_the_sensitivity_of_the_minimum():
    A, b, C = np.diag([2.0, 6.0]), np.zeros(2), np.array([[1.0, 1.0]])

    def best(d):
        x, _ = constrained.equality_qp(A, b, C, [d])
        return 0.5 * x @ A @ x

    _, lam = constrained.equality_qp(A, b, C, [2.0])
    assert_allclose(gradient(lambda d: best(d[0]), np.array([2.0])), lam, rtol=1e-7)


def test_equality_qp_refuses_a_saddle_and_dependent_constraints():
    with pytest.raises(ValueError, match="not positive definite"):
        constrained.equality_qp(np.diag([1.0, -1.0]), [0, 0], [[1.0, 0.0]], [1.0])
    with pytest.raises(ValueError, match="singular"):
        constrained.equality_qp(np.eye(2), [0, 0], [[1, 1], [2, 2]], [1, 2])
    with pytest.raises(ValueError, match="symmetric"):
        constrained.equality_qp([[1, 1], [0, 1]], [0, 0], [[1, 1]], [1])
    with pytest.raises(ValueError, match="shapes"):
        constrained.equality_qp(np.eye(2), [0, 0, 0], [[1, 1]], [1])


def test_kkt_residuals_zero_at_the_slsqp_solution_of_a_projection():
    # min ‖x − (2, 1)‖² s.t. 2 − x1 − x2 >= 0 and x1 >= 0: SciPy finds x, we check KKT.
    p = np.array([2.0, 1.0])
    cons = [{"type": "ineq", "fun": lambda x: 2 - x[0] - x[1]},
            {"type": "ineq", "fun": lambda x: x[0]}]
    res = minimize(lambda x: np.sum((x - p) ** 2), np.zeros(2), method="SLSQP",
                   constraints=cons, options={"ftol": 1e-14})
    x = res.x
    jac = np.array([[-1.0, -1.0], [1.0, 0.0]])
    c = np.array([2 - x[0] - x[1], x[0]])
    r = constrained.kkt_residuals(2 * (x - p), c, jac, [1.0, 0.0])
    assert r.max() < 1e-6
    wrong_sign = constrained.kkt_residuals(2 * (x - p), c, jac, [-1.0, 0.0])
    assert wrong_sign.dual == 1.0 and wrong_sign.stationarity > 1
    slack_multiplier = constrained.kkt_residuals(2 * (x - p), c, jac, [1.0, 0.5])
    assert_allclose(slack_multiplier.complementarity, 0.5 * x[0], rtol=1e-6)


def test_kkt_residuals_equalities_and_infeasible_points():
    r = constrained.kkt_residuals([1.0, 0.0], [0.3, -0.2], [[1, 0], [0, 1]], [1.0, 0.0],
                                  equality=[True, False])
    assert r.primal == pytest.approx(0.3) and r.stationarity == 0
    assert r.complementarity == 0 and r.dual == 0
    with pytest.raises(ValueError, match="booleans"):
        constrained.kkt_residuals([1.0], [0.0], [[1.0]], [1.0], equality=[1])


@pytest.mark.parametrize("seed", range(6))
def test_svm_dual_matches_sklearn_svc_with_a_large_c(seed):
    from sklearn.svm import SVC

    rng = np.random.default_rng(seed)
    X, y = separable(rng, m=20 + 5 * seed)
    sol = constrained.svm_dual(X, y)
    svc = SVC(kernel="linear", C=1e8, tol=1e-10).fit(X, y)
    assert_allclose(sol.w, svc.coef_[0], rtol=1e-5, atol=1e-6)
    assert_allclose(sol.b, svc.intercept_[0], atol=1e-5)
    assert sorted(sol.support) == sorted(svc.support_)
    order = np.argsort(svc.support_)
    assert_allclose((sol.alpha * y)[svc.support_[order]], svc.dual_coef_[0][order],
                    rtol=1e-4, atol=1e-6)        # dual_coef_ holds α_i y_i
    assert_allclose(sol.margin, 2 / np.linalg.norm(svc.coef_), rtol=1e-5)


@pytest.mark.parametrize("seed", range(3))
def test_svm_strong_duality_and_primal_against_slsqp(seed):
    rng = np.random.default_rng(10 + seed)
    X, y = separable(rng, m=16)
    sol = constrained.svm_dual(X, y)
    # the primal min ½‖w‖² s.t. y_i(wᵀx_i + b) >= 1, solved by SciPy
    res = minimize(lambda z: 0.5 * z[:2] @ z[:2], np.zeros(3), method="SLSQP",
                   constraints={"type": "ineq",
                                "fun": lambda z: y * (X @ z[:2] + z[2]) - 1},
                   options={"ftol": 1e-14, "maxiter": 500})
    assert res.success
    assert_allclose(sol.w, res.x[:2], rtol=1e-5, atol=1e-6)
    assert_allclose(sol.b, res.x[2], atol=1e-5)
    primal = 0.5 * sol.w @ sol.w
    assert_allclose(constrained.dual_objective(sol.alpha, X, y), primal, rtol=1e-8)
    assert np.all(sol.alpha >= 0) and abs(sol.alpha @ y) < 1e-12
    functional = y * (X @ sol.w + sol.b)
    assert_allclose(functional[sol.support], 1, atol=1e-7)   # support vectors on margin
    assert np.all(np.delete(functional, sol.support) > 1)


def test_dual_gradient_matches_finite_differences():
    rng = np.random.default_rng(3)
    X, y = separable(rng, m=8)
    for _ in range(5):
        alpha = rng.uniform(0, 2, size=8)
        assert_allclose(constrained.dual_gradient(alpha, X, y),
                        gradient(lambda a: constrained.dual_objective(a, X, y), alpha),
                        rtol=1e-7, atol=1e-8)


def test_svm_dual_refuses_bad_labels_and_inseparable_data():
    X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 0.0], [3.0, 0.0]])
    with pytest.raises(ValueError, match="labels"):
        constrained.svm_dual(X, [1, 0, 1, 0])
    with pytest.raises(ValueError, match="labels"):
        constrained.svm_dual(X, [1, 1, 1, 1])
    with pytest.raises(ValueError, match="one label per row"):
        constrained.svm_dual(X, [1, -1])
    with pytest.raises(ValueError, match="separable"):
        constrained.svm_dual(X, [1, -1, 1, -1], max_iter=2000)
    with pytest.raises(ValueError, match="alpha"):
        constrained.dual_objective([1.0], X, [1, -1, 1, -1])
