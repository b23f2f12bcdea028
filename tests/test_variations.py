"""mathlib.variations against SymPy's euler_equations, closed forms, SciPy (quad, brentq,
minimize) and central differences."""

import numpy as np
import pytest
import scipy.integrate
import scipy.optimize
import sympy as sp
from sympy.calculus.euler import euler_equations

from mathlib import variations as var
from mathlib.numdiff import check_grad
from mathlib.numgrad import jacobian


def test_euler_lagrange_agrees_with_sympy_euler_equations():
    x, y, yp, ypp = sp.symbols("x y yp ypp")
    u = sp.Function("u")(x)
    lagrangians = [
        sp.sqrt(1 + yp**2),
        sp.sqrt(1 + yp**2) / sp.sqrt(y),
        yp**2 / 2 - y**2 / 2 + x * y,
        sp.exp(x) * yp**2 + sp.sin(y) * yp,
    ]
    for F in lagrangians:
        ours = var.euler_lagrange(F, x, y, yp, ypp)
        ref = euler_equations(F.subs({yp: u.diff(x)}).subs({y: u}), u, x)[0].lhs
        ref = ref.subs(u.diff(x, 2), ypp).subs(u.diff(x), yp).subs(u, y)
        assert sp.simplify(ours - ref) == 0, F


def test_euler_lagrange_of_arc_length_is_the_curvature_term():
    x, y, yp, ypp = sp.symbols("x y yp ypp")
    el = var.euler_lagrange(sp.sqrt(1 + yp**2), x, y, yp, ypp)
    assert sp.simplify(el + ypp / (1 + yp**2) ** sp.Rational(3, 2)) == 0


def test_grid_ends_and_grading():
    x = var.grid(3.0, 8, power=3)
    assert x[0] == 0 and x[-1] == pytest.approx(3.0) and np.all(np.diff(x) > 0)
    assert x[1] == pytest.approx(3.0 / 8**3)
    with pytest.raises(ValueError):
        var.grid(1.0, 0)
    with pytest.raises(ValueError):
        var.grid(1.0, 4, power=0.5)


def test_path_length_of_inscribed_polygon_is_sum_of_chords():
    theta = np.linspace(0, np.pi / 2, 9)  # quarter circle of radius 2, as a graph
    x, y = 2 - 2 * np.cos(theta), 2 * np.sin(theta)
    chords = 8 * 2 * 2 * np.sin(np.pi / 32)
    assert var.path_length(x, y) == pytest.approx(chords, rel=1e-14)


def test_path_length_grad_agrees_with_central_differences():
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 2, 12))
    y = rng.normal(size=12)

    def f(inner):
        return var.path_length(x, np.r_[y[0], inner, y[-1]])

    def g(inner):
        return var.path_length_grad(x, np.r_[y[0], inner, y[-1]])

    assert check_grad(f, g, y[1:-1]).rel_error < 1e-8


def test_travel_time_on_incline_is_closed_form():
    X, Y, g = 3.0, 1.0, 9.81  # from rest down a straight line: √(2(X² + Y²)/(gY))
    for n in [1, 5, 40]:
        x = np.linspace(0, X, n + 1)
        assert var.travel_time(x, Y * x / X, g) == pytest.approx(
            np.sqrt(2 * (X**2 + Y**2) / (g * Y)), rel=1e-13)


def test_travel_time_of_polygon_agrees_with_quadrature_of_ds_over_v():
    rng = np.random.default_rng(1)
    x = np.sort(rng.uniform(0, 2, 7))
    y = rng.uniform(0.1, 1.5, 7)
    g = 9.81
    total = 0.0

    def dt(s, a, b, L):  # dl / v at the fraction s of a segment from depth a to b
        return L / np.sqrt(2 * g * (a + s * (b - a)))

    for i in range(6):  # ∫ dl / √(2 g y(l)) along each straight segment
        L = np.hypot(x[i + 1] - x[i], y[i + 1] - y[i])
        total += scipy.integrate.quad(dt, 0, 1, args=(y[i], y[i + 1], L), epsabs=0,
                                      epsrel=1e-13)[0]
    assert var.travel_time(x, y, g) == pytest.approx(total, rel=1e-11)


def test_travel_time_is_infinite_above_the_start():
    assert var.travel_time([0, 1, 2], [0, -0.1, 1]) == np.inf
    assert var.travel_time([0, 1, 2], [0, 0, 1]) == np.inf  # never gets going


def test_travel_time_grad_and_hessian_agree_with_central_differences():
    rng = np.random.default_rng(2)
    x = var.grid(3.0, 12, power=3)
    c = var.cycloid_through(3.0, 1.0)
    y = var.cycloid_height(c, x) * (1 + 0.1 * rng.uniform(-1, 1, 13))
    y[0], y[-1] = 0.0, 1.0

    def grad(inner):
        return var.travel_time_grad(x, np.r_[0.0, inner, 1.0])

    assert check_grad(lambda u: var.travel_time(x, np.r_[0.0, u, 1.0]), grad,
                      y[1:-1]).rel_error < 1e-7
    H = var.travel_time_hessian(x, y)
    H_num = jacobian(grad, y[1:-1], h=1e-7 * y[1:-1])
    assert np.allclose(H, H.T)
    assert np.abs(H - H_num).max() <= 1e-5 * np.abs(H).max()
    assert np.all(np.triu(H, 2) == 0)  # tridiagonal


def test_cycloid_through_agrees_with_brentq_and_quadrature():
    g = 9.81

    def shape(t, ratio):
        return (t - np.sin(t)) / (1 - np.cos(t)) - ratio

    def dt(t, R):  # ds / v in the parameter θ
        speed = np.hypot(R * (1 - np.cos(t)), R * np.sin(t))
        return speed / np.sqrt(2 * g * R * (1 - np.cos(t)))

    for X, Y in [(1.0, 1.0), (3.0, 1.0), (np.pi, 2.0), (0.5, 2.0)]:
        c = var.cycloid_through(X, Y, g)
        theta = scipy.optimize.brentq(shape, 1e-6, 2 * np.pi - 1e-6, args=(X / Y,),
                                      xtol=1e-15)
        assert c.theta_end == pytest.approx(theta, rel=1e-12)
        assert var.cycloid_points(c, c.theta_end)[0] == pytest.approx(X, rel=1e-12)
        assert var.cycloid_points(c, c.theta_end)[1] == pytest.approx(Y, rel=1e-12)
        time = scipy.integrate.quad(dt, 0, c.theta_end, args=(c.radius,),
                                    epsrel=1e-13)[0]
        assert c.time == pytest.approx(time, rel=1e-10)


def test_cycloid_height_inverts_cycloid_points():
    c = var.cycloid_through(3.0, 1.0)
    theta = np.linspace(0, c.theta_end, 50)
    x, y = var.cycloid_points(c, theta)
    assert np.allclose(var.cycloid_height(c, x), y, rtol=0, atol=1e-12)
    with pytest.raises(ValueError):
        var.cycloid_height(c, [3.5])


def test_solve_brachistochrone_agrees_with_scipy_minimize():
    X, Y, n = 3.0, 1.0, 16
    best = var.solve_brachistochrone(X, Y, n)
    x = best.x

    def f(inner):
        return var.travel_time(x, np.r_[0.0, inner, Y])

    def g(inner):
        return var.travel_time_grad(x, np.r_[0.0, inner, Y])

    ref = scipy.optimize.minimize(f, Y * x[1:-1] / X, jac=g, method="L-BFGS-B",
                                  bounds=[(1e-12, None)] * (n - 1),
                                  options={"ftol": 1e-15, "gtol": 1e-12,
                                           "maxiter": 5000})
    assert best.time <= ref.fun * (1 + 1e-12)
    assert best.time == pytest.approx(ref.fun, rel=1e-9)
    assert np.allclose(best.y[1:-1], ref.x, rtol=1e-4)
    assert np.abs(g(best.y[1:-1])).max() < 1e-7


def test_best_polygon_is_slower_than_cycloid_and_error_falls_like_h_squared():
    c = var.cycloid_through(3.0, 1.0)
    ns = np.array([16, 32, 64])
    errors = np.array([var.solve_brachistochrone(3.0, 1.0, n).time - c.time
                       for n in ns])
    assert np.all(errors > 0)  # the cycloid is the fastest of all curves
    ratios = errors[:-1] / errors[1:]
    assert np.allclose(ratios, 4, rtol=0.05)  # halving h quarters the error


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        var.path_length([0, 0, 1], [0, 1, 2])  # x not increasing
    with pytest.raises(ValueError):
        var.travel_time([0, 1], [0, 1, 2])
    with pytest.raises(ValueError):
        var.cycloid_through(1.0, 0.0)
    with pytest.raises(ValueError):
        var.travel_time_grad([0, 1, 2], [0, 0, 1])
    with pytest.raises(TypeError):
        var.euler_lagrange(sp.Symbol("y"), "x", sp.Symbol("y"), sp.Symbol("yp"),
                           sp.Symbol("ypp"))
