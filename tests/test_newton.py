"""mathlib.newton against SciPy (newton, root, minimize with BFGS), closed forms, and the
quadratic and superlinear rates measured from the errors."""

import numpy as np
import pytest
import scipy.optimize

from mathlib import newton
from mathlib.testfunctions import ill_conditioned, quadratic, rosenbrock


def cubic(x):
    return x**3 - 2 * x - 5


def cubic_prime(x):
    return 3 * x**2 - 2


def test_newton_root_agrees_with_scipy_newton_step_by_step():
    for x0 in [1.5, 2.5, 3.0]:
        path = newton.newton_root(cubic, cubic_prime, x0, 8)
        for k in range(1, 5):  # scipy's k-step Newton from the same start
            ref = scipy.optimize.newton(cubic, x0, fprime=cubic_prime, maxiter=k,
                                        tol=1e-300, disp=False)
            assert path[k] == pytest.approx(ref, rel=1e-14)


def test_newton_root_converges_quadratically_on_cubic():
    """e_{k+1}/e_k² tends to |f''(r)/(2f'(r))| at the simple root r."""
    r = scipy.optimize.brentq(cubic, 2, 3, xtol=1e-15)
    e = np.abs(newton.newton_root(cubic, cubic_prime, 3.0, 6) - r)
    limit = abs(6 * r / (2 * cubic_prime(r)))
    ratios = e[1:5] / e[:4] ** 2   # e_4 ≈ 2e-7; e_5 is at the rounding level
    assert ratios[-1] == pytest.approx(limit, rel=5e-3)   # O(e_3) ≈ 6e-4 away
    assert np.all(np.diff(np.abs(ratios - limit)) < 0)     # approaching the limit


def test_correct_digits_roughly_double():
    """-log10 of the error goes from d to about 2d (+ log10 of 1/C) per step."""
    path = newton.newton_root(lambda x: x * x - 2, lambda x: 2 * x, 1.0, 6)
    digits = -np.log10(np.abs(path[:5] - np.sqrt(2)))
    C = 1 / (2 * np.sqrt(2))
    assert np.allclose(digits[2:5], 2 * digits[1:4] - np.log10(C), atol=0.05)


def test_double_root_converges_linearly_with_factor_one_half():
    path = newton.newton_root(lambda x: (x - 1) ** 2 * (x + 2),
                              lambda x: 2 * (x - 1) * (x + 2) + (x - 1) ** 2, 2.0, 25)
    e = np.abs(path - 1.0)
    assert np.allclose(e[16:21] / e[15:20], 0.5, atol=1e-4)


def test_cube_root_diverges_with_factor_minus_two():
    path = newton.newton_root(np.cbrt, lambda x: np.cbrt(x) / (3 * x), 0.1, 5)
    assert np.allclose(path, 0.1 * (-2.0) ** np.arange(6), rtol=1e-12)


def test_newton_root_refuses_a_horizontal_tangent():
    with pytest.raises(ValueError, match="horizontal"):
        newton.newton_root(lambda x: x * x + 1, lambda x: 2 * x, 0.0, 3)


def test_newton_root_stops_at_an_exact_root():
    assert newton.newton_root(lambda x: x - 2, lambda x: 1.0, 5.0, 10).tolist() == [
        5.0, 2.0]


def test_newton_system_reaches_the_root_scipy_root_finds():
    def F(v):
        x, y = v
        return np.array([x**2 + y**2 - 4, np.exp(x) + y - 1])

    def J(v):
        x, y = v
        return np.array([[2 * x, 2 * y], [np.exp(x), 1.0]])

    for x0 in [[1.0, -1.7], [-1.0, 1.0]]:
        path = newton.newton_system(F, J, x0, 8)
        ref = scipy.optimize.root(F, x0, jac=J, tol=1e-14).x
        assert np.allclose(path[-1], ref, atol=1e-12)
    e = np.linalg.norm(path - ref, axis=1)   # 0.83, 0.25, 0.014, 5e-5, 5e-10
    assert np.all(e[2:5] <= 0.5 * e[1:4] ** 2)   # quadratic: e_{k+1} <= C e_k²
    with pytest.raises(ValueError, match="singular"):
        newton.newton_system(F, lambda v: np.zeros((2, 2)), [1.0, 1.0], 2)


def test_newton_minimize_solves_a_quadratic_in_one_step():
    rng = np.random.default_rng(0)
    M = rng.normal(size=(4, 4))
    p = quadratic(M @ M.T + np.eye(4), rng.normal(size=4))
    run = newton.newton_minimize(p.f, p.grad, p.hess, rng.normal(size=4), 3)
    assert np.allclose(run.path[1], p.x_star, atol=1e-12)


def test_newton_minimize_is_affine_invariant():
    """Newton on g(y) = f(Ay + b) from y0 gives y_k with Ay_k + b = x_k."""
    p = rosenbrock()
    A = np.array([[2.0, 1.0], [0.5, 3.0]])
    b = np.array([0.3, -0.2])
    y0 = np.array([-0.4, 0.1])
    xs = newton.newton_minimize(p.f, p.grad, p.hess, A @ y0 + b, 6).path
    ys = newton.newton_minimize(None, lambda y: A.T @ p.grad(A @ y + b),
                                lambda y: A.T @ p.hess(A @ y + b) @ A, y0, 6).path
    assert np.allclose(ys @ A.T + b, xs, atol=1e-9)


def test_newton_minimize_quadratic_rate_on_rosenbrock():
    p = rosenbrock()
    path = newton.newton_minimize(p.f, p.grad, p.hess, [-1.2, 1.0], 30,
                                  damped=True).path
    assert np.allclose(path[-1], p.x_star, atol=1e-12)
    e = np.linalg.norm(path - p.x_star, axis=1)
    tail = [k for k in range(len(e) - 1) if 1e-7 < e[k] < 1e-2]
    assert tail and all(e[k + 1] <= 50 * e[k] ** 2 for k in tail)


def test_pure_newton_goes_to_a_saddle_and_modification_fixes_it():
    """f = x² − y² + y⁴/4: a saddle at 0, minima at (0, ±√2)."""
    def f(v):
        return v[0] ** 2 - v[1] ** 2 + v[1] ** 4 / 4

    def grad(v):
        return np.array([2 * v[0], -2 * v[1] + v[1] ** 3])

    def hess(v):
        return np.diag([2.0, -2 + 3 * v[1] ** 2])

    x0 = [0.5, 0.3]
    pure = newton.newton_minimize(f, grad, hess, x0, 20).path
    assert np.allclose(pure[-1], 0, atol=1e-12)
    with pytest.raises(ValueError, match="descent direction"):
        newton.newton_minimize(f, grad, hess, x0, 20, damped=True)
    fixed = newton.newton_minimize(f, grad, hess, x0, 40, damped=True, modify=True)
    assert np.allclose(fixed.path[-1], [0, np.sqrt(2)], atol=1e-10)
    assert np.all(np.diff([f(v) for v in fixed.path]) <= 0)


def test_modified_hessian_flips_and_floors_eigenvalues():
    Q, _ = np.linalg.qr(np.random.default_rng(1).normal(size=(3, 3)))
    H = Q @ np.diag([-4.0, 0.0, 2.0]) @ Q.T
    H = (H + H.T) / 2
    got = np.linalg.eigvalsh(newton.modified_hessian(H, delta=0.1))
    assert np.allclose(got, [0.1, 2.0, 4.0])
    spd = np.array([[2.0, 1.0], [1.0, 3.0]])
    assert np.allclose(newton.modified_hessian(spd), spd)


def test_armijo_along_matches_the_closed_form_on_a_parabola():
    # f = x², x = 1, d = −2: f(1 − 2t) <= 1 − 2ct·2 holds for t <= 1 − c
    assert newton.armijo_along(lambda x: x @ x, np.array([1.0]), np.array([2.0]),
                               np.array([-2.0]), c=0.3) == 0.5
    with pytest.raises(ValueError, match="descent"):
        newton.armijo_along(lambda x: x @ x, np.ones(1), np.ones(1), np.ones(1))


def test_bfgs_update_satisfies_the_secant_equation_and_stays_positive_definite():
    rng = np.random.default_rng(2)
    for n in [2, 3, 6]:
        M = rng.normal(size=(n, n))
        H = M @ M.T + np.eye(n)
        s = rng.normal(size=n)
        y = s + 0.3 * rng.normal(size=n)
        if y @ s <= 0:
            y = -y
        H1 = newton.bfgs_update(H, s, y)
        assert np.allclose(H1 @ y, s)
        assert np.allclose(H1, H1.T)
        assert np.linalg.eigvalsh(H1).min() > 0
        # the same update in the Hessian form (Sherman–Morrison–Woodbury dual)
        B = np.linalg.inv(H)
        B1 = B - np.outer(B @ s, B @ s) / (s @ B @ s) + np.outer(y, y) / (y @ s)
        assert np.allclose(np.linalg.inv(H1), B1, rtol=1e-8)
    with pytest.raises(ValueError, match="curvature"):
        newton.bfgs_update(np.eye(2), [1.0, 0.0], [-1.0, 0.0])


def exact_step(grad, A):
    """The minimiser of t ↦ f(x + t d) on a quadratic of Hessian A."""
    return lambda x, d: -(grad(x) @ d) / (d @ A @ d)


def test_bfgs_terminates_in_n_steps_on_a_quadratic_with_exact_line_search():
    rng = np.random.default_rng(3)
    for n in [2, 3, 5]:
        Q, _ = np.linalg.qr(rng.normal(size=(n, n)))
        A = Q @ np.diag(np.geomspace(1, 50, n)) @ Q.T
        A = (A + A.T) / 2
        p = quadratic(A, rng.normal(size=n))
        run = newton.bfgs(p.f, p.grad, rng.normal(size=n), n,
                          line_search=exact_step(p.grad, A))
        assert np.allclose(run.path[n], p.x_star, atol=1e-8)


def test_bfgs_matches_scipy_on_rosenbrock_and_is_superlinear():
    p = rosenbrock()
    run = newton.bfgs(p.f, p.grad, [-1.2, 1.0], 200)
    ref = scipy.optimize.minimize(p.f, [-1.2, 1.0], jac=p.grad, method="BFGS",
                                  options={"gtol": 1e-10})
    assert np.allclose(run.path[-1], ref.x, atol=1e-7)
    assert np.allclose(run.path[-1], p.x_star, atol=1e-8)
    e = np.linalg.norm(run.path - p.x_star, axis=1)
    tail = e[(e > 1e-12)][-8:]
    ratios = tail[1:] / tail[:-1]
    assert ratios[-1] < 0.1 and ratios[-1] < ratios[0]


def test_bfgs_on_a_bowl_takes_fewer_steps_than_gradient_descent():
    from mathlib import descent

    p = ill_conditioned(50.0, 0.4)
    x0 = np.array([3.0, 1.0])
    run = newton.bfgs(p.f, p.grad, x0, 50)
    gd = descent.gradient_descent(p.grad, x0, 1 / 50, 500)
    k_bfgs = np.argmax(np.linalg.norm(run.path, axis=1) < 1e-8)
    assert 0 < k_bfgs < 20
    assert np.linalg.norm(gd[100]) > 1e-2      # (1 − 1/50)^100 ≈ 0.13 of the start


@pytest.mark.parametrize("bad", [None, "x", np.nan])
def test_bad_inputs_are_refused(bad):
    with pytest.raises((TypeError, ValueError)):
        newton.newton_root(cubic, cubic_prime, bad, 3)
    with pytest.raises((TypeError, ValueError)):
        newton.bfgs(lambda x: x @ x, lambda x: 2 * x, [1.0, bad], 3)
