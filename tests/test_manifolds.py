"""mathlib.manifolds against SciPy (Rotation, geometric_slerp, solve_ivp), numpy.linalg.eigh,
SymPy and closed forms: the exponential map, geodesics, retraction order and the rate of
Riemannian and projected gradient descent."""

import numpy as np
import pytest
import scipy.integrate
import sympy as sp
from scipy.spatial import geometric_slerp
from scipy.spatial.transform import Rotation

from mathlib import manifolds as mf
from mathlib.descent import linear_rate, observed_rate


def _random_point_and_tangent(rng, n=3):
    x = rng.normal(size=n)
    x /= np.linalg.norm(x)
    return x, mf.tangent_project(x, rng.normal(size=n))


def test_tangent_project_is_orthogonal_projection():
    rng = np.random.default_rng(0)
    x, _ = _random_point_and_tangent(rng, 5)
    v = rng.normal(size=5)
    p = mf.tangent_project(x, v)
    assert abs(x @ p) < 1e-14
    assert np.allclose(mf.tangent_project(x, p), p)  # idempotent
    assert np.allclose(p, (np.eye(5) - np.outer(x, x)) @ v)


def test_exp_is_rotation_about_the_normal_axis():
    rng = np.random.default_rng(1)
    for _ in range(20):
        x, v = _random_point_and_tangent(rng)
        v *= rng.uniform(0.1, 6.0) / np.linalg.norm(v)
        axis = np.cross(x, v) / np.linalg.norm(np.cross(x, v))
        ref = Rotation.from_rotvec(np.linalg.norm(v) * axis).apply(x)
        assert np.allclose(mf.sphere_exp(x, v), ref, atol=1e-12)


def test_exp_of_log_and_geodesic_agree_with_geometric_slerp():
    rng = np.random.default_rng(2)
    t = np.linspace(0, 1, 7)
    for _ in range(20):
        x, _ = _random_point_and_tangent(rng, 4)
        y, _ = _random_point_and_tangent(rng, 4)
        v = mf.sphere_log(x, y)
        assert abs(x @ v) < 1e-12
        assert np.linalg.norm(v) == pytest.approx(np.arccos(np.clip(x @ y, -1, 1)))
        ours = np.array([mf.sphere_exp(x, s * v) for s in t])
        assert np.allclose(ours, geometric_slerp(x, y, t), atol=1e-10)


def test_distance_is_accurate_for_close_and_antipodal_points():
    x = np.array([1.0, 0.0, 0.0])
    for angle in [1e-12, 1e-6, 1.0, np.pi - 1e-9]:
        y = np.array([np.cos(angle), np.sin(angle), 0.0])
        assert mf.sphere_distance(x, y) == pytest.approx(angle, rel=1e-12)


def test_geodesic_solves_the_geodesic_equation_in_coordinates():
    """θ'' = sin θ cos θ φ'², (sin²θ φ')' = 0, integrated by solve_ivp, vs exp."""
    theta0, phi0, dtheta, dphi = 1.0, 0.3, 0.4, 0.9

    def rhs(_, s):
        th, ph, dth, dph = s
        return [dth, dph, np.sin(th) * np.cos(th) * dph**2,
                -2 * np.cos(th) / np.sin(th) * dth * dph]

    t_end = 2.0
    sol = scipy.integrate.solve_ivp(rhs, (0, t_end), [theta0, phi0, dtheta, dphi],
                                    rtol=1e-12, atol=1e-12, dense_output=True)
    x = mf.spherical_point(theta0, phi0)
    J = np.array([[np.cos(theta0) * np.cos(phi0), -np.sin(theta0) * np.sin(phi0)],
                  [np.cos(theta0) * np.sin(phi0), np.sin(theta0) * np.cos(phi0)],
                  [-np.sin(theta0), 0.0]])
    v = J @ [dtheta, dphi]  # the velocity in R³
    for t in np.linspace(0, t_end, 5):
        th, ph = sol.sol(t)[:2]
        assert np.allclose(mf.sphere_exp(x, t * v), mf.spherical_point(th, ph),
                           atol=1e-9)


def test_spherical_metric_is_pullback_of_euclidean_metric():
    th, ph = sp.symbols("theta phi", real=True)
    r = sp.Matrix([sp.sin(th) * sp.cos(ph), sp.sin(th) * sp.sin(ph), sp.cos(th)])
    J = r.jacobian([th, ph])
    g = sp.simplify(J.T * J)
    for value in [0.3, 1.2, 2.9]:
        assert np.allclose(np.array(g.subs(th, value), dtype=float),
                           mf.spherical_metric(value))


def test_normalize_retraction_agrees_with_exp_to_second_order():
    rng = np.random.default_rng(3)
    x, v = _random_point_and_tangent(rng)
    ts = np.array([0.1, 0.05, 0.025])
    gaps = [np.linalg.norm(mf.normalize_retraction(x, t * v) - mf.sphere_exp(x, t * v))
            for t in ts]
    slopes = np.diff(np.log(gaps)) / np.diff(np.log(ts))
    assert np.allclose(slopes, 3, atol=0.05)


def _matrix(rng, eigenvalues):
    Q, _ = np.linalg.qr(rng.normal(size=(len(eigenvalues),) * 2))
    return Q @ np.diag(eigenvalues) @ Q.T


def test_riemannian_descent_finds_eigh_leading_eigenvector_at_predicted_rate():
    rng = np.random.default_rng(4)
    lam = np.concatenate([[10.0, 9.0], np.linspace(6.0, 0.0, 18)])
    A = _matrix(rng, lam)
    u1 = np.linalg.eigh(A)[1][:, -1]
    x0, _ = _random_point_and_tangent(rng, 20)
    lr = 2 / ((lam[0] - lam[1]) + (lam[0] - lam[-1]))  # 2/(μ + L), μ = λ1 − λ2
    for retraction in ["exp", "normalize"]:
        path = mf.riemannian_descent(lambda x: -A @ x, x0, lr, 120, retraction)
        errors = np.array([mf.line_angle(x, u1) for x in path])
        assert errors[-1] < 1e-8
        rate = observed_rate(errors[60:110])
        theory = linear_rate(lr, lam[0] - lam[1], lam[0] - lam[-1])
        assert rate == pytest.approx(theory, abs=0.01)


def test_projected_descent_is_power_iteration_on_i_plus_lr_a():
    rng = np.random.default_rng(5)
    A = _matrix(rng, np.array([5.0, 3.0, 1.0, -2.0]))
    x0, _ = _random_point_and_tangent(rng, 4)
    lr = 0.3
    path = mf.projected_descent(lambda x: -A @ x, x0, lr, 10)
    M = np.eye(4) + lr * A
    x = x0.copy()
    for k in range(10):
        x = M @ x
        x /= np.linalg.norm(x)
        assert np.allclose(path[k + 1], x)


def test_line_angle_ignores_sign():
    u = np.array([0.0, 1.0])
    assert mf.line_angle([0.0, -1.0], u) == 0.0
    assert mf.line_angle([np.sin(0.3), np.cos(0.3)], -u) == pytest.approx(0.3)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unit vector"):
        mf.sphere_exp([1.0, 1.0], [0.0, 0.0])
    with pytest.raises(ValueError, match="tangent"):
        mf.sphere_exp([1.0, 0.0], [1.0, 0.0])
    with pytest.raises(ValueError, match="antipodal"):
        mf.sphere_log([1.0, 0.0], [-1.0, 0.0])
    with pytest.raises(ValueError, match="retraction"):
        mf.riemannian_descent(lambda x: x, [1.0, 0.0], 0.1, 1, "qr")
    with pytest.raises(ValueError):
        mf.sphere_distance([1.0, 0.0], [1.0, 0.0, 0.0])


def test_line_angle_of_a_path_is_the_angle_of_each_row():
    rng = np.random.default_rng(6)
    rows = rng.normal(size=(5, 3))
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    u = np.array([0.0, 0.6, 0.8])
    angles = mf.line_angle(rows, u)
    assert np.allclose(angles, [np.arccos(abs(r @ u)) for r in rows])
