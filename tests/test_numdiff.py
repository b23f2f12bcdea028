"""Tests for mathlib.numdiff (and mathlib.numgrad) against SymPy derivatives, closed
forms and measured error orders."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from mathlib.numdiff import (
    UNIT_ROUNDOFF,
    backward_diff,
    best_step,
    central_diff,
    check_grad,
    complex_step,
    error_estimate,
    forward_diff,
    gradient,
    hessian,
    jacobian,
    observed_order,
    richardson,
)

t = sp.Symbol("t")
F_EXPR = sp.exp(t) * sp.sin(t)  # a test function and its exact derivative, from SymPy
f = sp.lambdify(t, F_EXPR, "numpy")
df = sp.lambdify(t, sp.diff(F_EXPR, t), "numpy")
X0 = 0.7


def rosenbrock(x):
    return (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2


def rosenbrock_sympy():
    x, y = sp.symbols("x y")
    expr = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    return expr, [x, y]


@pytest.mark.parametrize(
    "expr, x0",
    [(sp.exp(t) * sp.sin(t), 0.7), (t**3 - 2 * t, -1.3), (sp.log(1 + t**2), 2.0),
     (sp.atan(t) / (1 + t**2), 0.4)],
)
def test_difference_quotients_match_sympy_derivative(expr, x0):
    fn = sp.lambdify(t, expr, "numpy")
    exact = float(sp.diff(expr, t).subs(t, x0))
    assert forward_diff(fn, x0, 1e-7) == pytest.approx(exact, rel=1e-6, abs=1e-6)
    assert backward_diff(fn, x0, 1e-7) == pytest.approx(exact, rel=1e-6, abs=1e-6)
    assert central_diff(fn, x0, 1e-5) == pytest.approx(exact, rel=1e-9, abs=1e-9)
    assert richardson(fn, x0, 0.01, levels=2) == pytest.approx(exact, rel=1e-11, abs=1e-11)
    assert complex_step(fn, x0) == pytest.approx(exact, rel=1e-14, abs=1e-14)


def test_forward_and_backward_errors_are_first_order():
    hs = 2.0 ** -np.arange(4, 13)  # truncation-dominated: 0.06 down to 2.4e-4
    fwd = np.abs([forward_diff(f, X0, h) - df(X0) for h in hs])
    bwd = np.abs([backward_diff(f, X0, h) - df(X0) for h in hs])
    assert observed_order(hs, fwd) == pytest.approx(1.0, abs=0.05)
    assert observed_order(hs, bwd) == pytest.approx(1.0, abs=0.05)
    assert_allclose(fwd[:-1] / fwd[1:], 2.0, rtol=0.05)  # halving h halves the error


def test_central_error_is_second_order():
    hs = 2.0 ** -np.arange(3, 11)
    errors = np.abs([central_diff(f, X0, h) - df(X0) for h in hs])
    assert observed_order(hs, errors) == pytest.approx(2.0, abs=0.05)
    assert_allclose(errors[:-1] / errors[1:], 4.0, rtol=0.05)  # halving h quarters the error

@pytest.mark.parametrize("rule", ["forward", "backward", "central"])
@pytest.mark.parametrize("f_size, deriv_size", [(1.0, 1.0), (0.3, 25.0), (40.0, 0.01)])
def test_best_step_minimises_the_error_estimate_on_a_dense_grid(rule, f_size, deriv_size):
    hs = np.logspace(-12, 2, 14001)  # reference: brute-force minimum, 0.1 % apart
    bounds = error_estimate(rule, hs, f_size, deriv_size)
    assert best_step(rule, f_size, deriv_size) == pytest.approx(hs[np.argmin(bounds)], rel=2e-3)
    assert error_estimate(rule, best_step(rule, f_size, deriv_size), f_size, deriv_size) <= (
        bounds.min() * (1 + 1e-9))


def test_best_step_is_where_the_derivative_of_the_bound_vanishes_sympy():
    h, u, F, M = sp.symbols("h u F M", positive=True)
    one_sided = sp.solve(sp.diff(M * h / 2 + 2 * u * F / h, h), h)
    central = sp.solve(sp.diff(M * h**2 / 6 + u * F / h, h), h)
    values = {u: UNIT_ROUNDOFF, F: 0.7, M: 3.0}
    assert best_step("forward", 0.7, 3.0) == pytest.approx(float(one_sided[0].subs(values)))
    assert best_step("central", 0.7, 3.0) == pytest.approx(float(central[0].subs(values)))


def test_error_estimate_has_the_two_terms_of_the_derivation():
    h = np.array([1e-9, 1e-3])
    assert_allclose(error_estimate("forward", h, 2.0, 4.0, u=1e-16),
                    4.0 * h / 2 + 2 * 1e-16 * 2.0 / h)
    assert_allclose(error_estimate("central", h, 2.0, 4.0, u=1e-16),
                    4.0 * h**2 / 6 + 1e-16 * 2.0 / h)
    assert error_estimate("backward", 1e-3, 2.0, 4.0) == error_estimate("forward", 1e-3, 2.0, 4.0)


def test_error_estimate_with_sizes_over_the_interval_bounds_the_error_of_sin():
    # With the steps 2^-k the points 1 ± h are doubles, the two sine values subtracted are
    # within a factor of 2 (Sterbenz: exact) and dividing by h or 2h is exact, so the
    # round-off model holds once each value of sin used is within u of the true one.
    # F = M = 1 bounds sin and its derivatives, which makes E(h) a bound. Exact
    # arithmetic (SymPy, 30 digits) for the errors and the bound: no tolerance needed.
    ks = np.arange(2, 53)
    used = []

    def sine(t):
        used.extend(zip(np.ravel(t), np.ravel(np.sin(t)), strict=True))
        return np.sin(t)

    quotients = {"forward": forward_diff(sine, 1.0, 2.0**-ks),
                 "central": central_diff(sine, 1.0, 2.0**-ks)}
    u, cos_1 = sp.Rational(1, 2**53), sp.cos(1).evalf(30)
    assert max(abs(sp.Float(v, 30) - sp.sin(sp.Float(t, 30))) for t, v in used) <= u
    for rule, values in quotients.items():
        for q, k in zip(values, ks, strict=True):
            h = sp.Rational(1, 2 ** int(k))
            bound = h / 2 + 2 * u / h if rule == "forward" else h**2 / 6 + u / h
            assert abs(sp.Float(q, 30) - cos_1) <= bound
            assert error_estimate(rule, 2.0**-k, 1.0, 1.0) == pytest.approx(
                float(bound), rel=1e-15)


def test_default_gradient_step_is_close_to_the_best_central_step():
    # the default eps**(1/3) of numgrad against (3u)**(1/3) = (1.5 eps)**(1/3)
    default, best = np.finfo(float).eps ** (1 / 3), best_step("central", 1.0, 1.0)
    assert default / best == pytest.approx(1.5 ** (-1 / 3))
    cost = error_estimate("central", default, 1.0, 1.0) / error_estimate("central", best, 1.0, 1.0)
    assert 1.01 < cost < 1.03
    assert gradient(lambda x: np.sin(x[0]), [1.0]) == pytest.approx(
        central_diff(np.sin, 1.0, default), rel=1e-15)


def rms_relative_error(rule, f, df, xs, hs):
    diff = forward_diff if rule == "forward" else central_diff
    exact = df(xs)
    return np.array([np.sqrt(np.mean(((diff(f, xs, h) - exact) / exact) ** 2)) for h in hs])


@pytest.mark.parametrize("scale", [1e-3, 1.0, 1e3])
def test_measured_best_step_of_sin_is_within_a_factor_3_of_best_step(scale):
    # f(x) = sin(x / s) for x in [s, 1.1 s]: |f / f''| = s**2, |f / f'''| = s**3 |tan(x / s)|
    xs = scale * np.linspace(1.0, 1.1, 400)
    hs = scale * np.logspace(-12, -1, 111)

    def f(x):
        return np.sin(x / scale)

    def df(x):
        return np.cos(x / scale) / scale

    for rule, deriv_size in [("forward", 1.0 / scale**2),
                             ("central", 1.0 / (scale**3 * np.tan(1.05)))]:
        errors = rms_relative_error(rule, f, df, xs, hs)
        measured, predicted = hs[np.argmin(errors)], best_step(rule, 1.0, deriv_size)
        assert predicted / 3 < measured < 3 * predicted, (rule, measured, predicted)
        # the typical (RMS) error stays below E(h) with sizes over the interval
        worst = error_estimate(rule, hs, 1.0, np.tan(1.1) * deriv_size if rule == "central"
                            else deriv_size) / np.abs(df(xs)).min()
        assert np.all(errors <= worst)


@pytest.mark.parametrize("levels, order", [(1, 4), (2, 6)])
def test_richardson_raises_the_order(levels, order):
    # steps where the truncation error dominates (below, round-off takes over)
    hs = 2.0 ** -np.arange(0, 5) if levels == 1 else 2.0 ** -np.arange(1, 4)
    errors = np.abs([richardson(f, X0, h, levels=levels) - df(X0) for h in hs])
    assert observed_order(hs, errors) == pytest.approx(order, abs=0.3)


def test_v_shaped_total_error_has_its_minimum_near_cube_root_of_eps():
    hs = np.logspace(-12, -1, 45)
    errors = np.abs(central_diff(f, X0, hs) - df(X0))  # an array of steps broadcasts
    best = hs[np.argmin(errors)]
    assert 1e-7 < best < 1e-3  # eps**(1/3) ≈ 6e-6
    assert errors[0] > 100 * errors.min()  # round-off dominates for tiny h


def test_complex_step_is_exact_to_machine_precision_at_tiny_h():
    # Squire and Trapp's test function; reference value from SymPy at 30 digits
    expr = sp.exp(t) / sp.sqrt(sp.sin(t) ** 3 + sp.cos(t) ** 3)
    fn = sp.lambdify(t, expr, "numpy")
    exact = float(sp.diff(expr, t).subs(t, sp.Rational(3, 2)).evalf(30))
    assert abs(complex_step(fn, 1.5, 1e-20) - exact) <= 2e-15 * abs(exact)
    assert abs(central_diff(fn, 1.5, 1e-20) - exact) > 1.0  # the real step collapses


def test_complex_step_rejects_functions_that_drop_the_imaginary_part():
    with pytest.raises(TypeError, match="complex"):
        complex_step(np.abs, 1.0)


def test_scalar_rules_accept_floats_and_arrays_without_mutating():
    x = np.array([0.0, 1.0, 2.0])
    before = x.copy()
    result = central_diff(np.sin, x, 1e-5)
    assert isinstance(central_diff(np.sin, 1.0, 1e-5), float)
    assert result.shape == (3,)
    assert_allclose(result, np.cos(x), rtol=1e-9)
    assert_allclose(x, before)


@settings(max_examples=30, deadline=None, database=None)
@given(
    st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5), st.floats(-3, 3),
    st.floats(1e-3, 1.0),
)
def test_central_difference_is_exact_on_quadratics(a, b, c, x, h):
    value = central_diff(lambda u: a * u**2 + b * u + c, x, h)
    assert value == pytest.approx(2 * a * x + b, abs=1e-9 * (1 + abs(a) + abs(b) + abs(c)) / h)


def test_gradient_and_hessian_of_rosenbrock_match_sympy():
    expr, xs = rosenbrock_sympy()
    point = np.array([-1.2, 1.0])
    subs = dict(zip(xs, point, strict=True))
    exact_grad = np.array([float(sp.diff(expr, v).subs(subs)) for v in xs])
    exact_hess = np.array([[float(sp.diff(expr, u, v).subs(subs)) for v in xs] for u in xs])
    assert_allclose(gradient(rosenbrock, point), exact_grad, rtol=1e-8)
    H = hessian(rosenbrock, point)
    assert_allclose(H, exact_hess, rtol=1e-5, atol=1e-5 * np.abs(exact_hess).max())
    assert_allclose(H, H.T)


def test_jacobian_is_numerator_layout_and_matches_sympy():
    u, v, w = sp.symbols("u v w")
    F = sp.Matrix([u**2 * v + sp.sin(w), sp.exp(u) * w])  # R^3 -> R^2
    fn = sp.lambdify([(u, v, w)], list(F), "numpy")
    point = np.array([0.3, -1.1, 2.0])
    exact = np.array(F.jacobian([u, v, w]).subs(dict(zip((u, v, w), point, strict=True))),
                     dtype=float)
    J = jacobian(lambda x: np.array(fn(x)), point)
    assert J.shape == (2, 3)  # J[i, j] = ∂f_i/∂x_j
    assert_allclose(J, exact, rtol=1e-8, atol=1e-10)


def test_gradient_jacobian_and_hessian_take_a_matrix_point():
    A = np.array([[2.0, -1.0], [0.5, 3.0]])
    X = np.array([[0.3, -0.2], [1.1, 0.4]])
    # f(X) = sum(A * X**2): gradient 2 A X elementwise, Hessian diagonal in (i, j) pairs
    g = gradient(lambda W: np.sum(A * W**2), X)
    assert g.shape == (2, 2)
    assert_allclose(g, 2 * A * X, rtol=1e-8)
    H = hessian(lambda W: np.sum(A * W**2), X)
    assert H.shape == (2, 2, 2, 2)
    assert_allclose(H.reshape(4, 4), np.diag(2 * A.ravel()), atol=1e-6)
    # F(X) = X @ v: J[i, (k, l)] = ∂(Xv)_i / ∂X_kl = δ_ik v_l, shape (2,) + (2, 2)
    v = np.array([1.5, -0.5])
    J = jacobian(lambda W: W @ v, X)
    assert J.shape == (2, 2, 2)
    assert_allclose(J, np.einsum("ik,l->ikl", np.eye(2), v), atol=1e-9)


def test_jacobian_layout_is_output_shape_then_input_shape():
    x = np.arange(6.0).reshape(2, 3) / 7
    J = jacobian(lambda W: np.sin(W.T), x)  # (3, 2) outputs of (2, 3) inputs
    assert J.shape == (3, 2, 2, 3)
    for i, j in np.ndindex(3, 2):
        expected = np.zeros((2, 3))
        expected[j, i] = np.cos(x[j, i])  # output (i, j) depends on input (j, i) only
        assert_allclose(J[i, j], expected, atol=1e-9)


def test_jacobian_of_a_scalar_function_is_its_gradient_and_scalars_give_floats():
    point = np.array([-1.2, 1.0])
    assert_allclose(jacobian(rosenbrock, point), gradient(rosenbrock, point))
    assert isinstance(gradient(np.sin, 0.5), float)
    assert gradient(np.sin, 0.5) == pytest.approx(np.cos(0.5), rel=1e-9)
    assert isinstance(jacobian(np.sin, 0.5), float)
    assert hessian(np.sin, 0.5) == pytest.approx(-np.sin(0.5), rel=1e-6)


def test_check_grad_takes_a_matrix_point():
    X = np.array([[0.3, -0.2], [1.1, 0.4]])
    right = check_grad(lambda W: np.sum(W**3), lambda W: 3 * W**2, X)
    wrong = check_grad(lambda W: np.sum(W**3), lambda W: 3 * W.T**2, X)
    assert right.rel_error < 1e-7 and right.numeric.shape == (2, 2)
    assert wrong.rel_error > 0.1  # a transposed gradient is caught


@pytest.mark.parametrize("order", [0.5, 1.0, 2.0, 4.0])
def test_observed_order_recovers_the_power_of_a_power_law(order):
    h = 2.0 ** -np.arange(2, 9)
    assert observed_order(h, 7.0 * h**order) == pytest.approx(order, rel=1e-12)
    assert_allclose(observed_order(h, 7.0 * h**order, pairwise=True), order, rtol=1e-12)


def test_observed_order_is_the_least_squares_slope_of_noisy_errors():
    rng = np.random.default_rng(0)
    h = np.logspace(-4, -1, 20)
    errors = 3.0 * h**2 * np.exp(rng.normal(0.0, 0.1, size=h.size))  # log-normal noise
    slope = np.polyfit(np.log(h), np.log(errors), 1)[0]  # the reference fit
    assert observed_order(h, errors) == pytest.approx(slope, rel=1e-12)
    assert observed_order(h, errors) == pytest.approx(2.0, abs=0.1)


def test_pairwise_orders_show_where_round_off_takes_over():
    h = 10.0 ** -np.arange(1, 12)
    errors = np.abs(central_diff(np.exp, 1.0, h) - np.e)
    orders = observed_order(h, errors, pairwise=True)
    assert orders.shape == (10,)
    assert_allclose(orders[:3], 2.0, atol=0.05)  # truncation: second order
    assert orders[-4:].mean() < -0.5  # round-off, ~ ε/h: the error grows as h shrinks


def test_vector_rules_never_mutate_the_callers_array():
    x = np.array([0.5, -0.25])
    before = x.copy()

    def greedy(z):
        z += 1.0  # a badly behaved f that writes into its argument
        return float(z @ z)

    gradient(greedy, x)
    hessian(greedy, x)
    check_grad(greedy, lambda z: 2 * (z + 1), x)
    assert_allclose(x, before)


def test_check_grad_accepts_right_and_flags_missing_factor_two():
    x = np.array([0.3, -0.7, 1.9])
    right = check_grad(lambda z: z @ z, lambda z: 2 * z, x)
    wrong = check_grad(lambda z: z @ z, lambda z: z, x)
    assert right.rel_error < 1e-7
    assert wrong.rel_error == pytest.approx(1 / 3, abs=1e-6)  # |2x - x| / (|2x| + |x|)
    assert_allclose(wrong.numeric, 2 * x, rtol=1e-7)
    assert_allclose(wrong.analytic, x)


def test_check_grad_accepts_rosenbrock_gradient():
    expr, xs = rosenbrock_sympy()
    grad = sp.lambdify([xs], [sp.diff(expr, v) for v in xs], "numpy")
    result = check_grad(rosenbrock, lambda z: np.array(grad(z)), [-1.2, 1.0])
    assert result.rel_error < 1e-7


def test_check_grad_of_zero_gradient_is_zero():
    assert check_grad(lambda z: 1.0, lambda z: np.zeros(2), [1.0, 2.0]).rel_error == 0.0


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: forward_diff(np.sin, 1.0, 0.0), ValueError, "h must be > 0"),
        (lambda: central_diff(np.sin, 1.0, -1e-3), ValueError, "h must be > 0"),
        (lambda: central_diff(np.sin, 1.0, np.nan), ValueError, "h must be finite"),
        (lambda: backward_diff(np.sin, np.nan, 1e-3), ValueError, "x must be finite"),
        (lambda: forward_diff(np.sin, "1.0", 1e-3), TypeError, "x must be a real number"),
        (lambda: forward_diff(np.sin, None, 1e-3), TypeError, "x must be a real number"),
        (lambda: forward_diff(np.sin, 1 + 2j, 0.1), TypeError, "x must be real, got a"),
        (lambda: forward_diff(np.sin, [1.0, 2j], 1e-3), TypeError, "x must be real"),
        (lambda: central_diff(np.sin, 1.0, 1e-3j), TypeError, "h must be real"),
        (lambda: complex_step(np.sin, 1.0 + 1e-3j), TypeError, "x must be real"),
        (lambda: forward_diff("sin", 1.0, 1e-3), TypeError, "f must be a function"),
        (lambda: forward_diff(lambda x: x + 1j, 1.0, 1e-3), TypeError, "real numbers"),
        (lambda: central_diff(lambda x: x * np.nan, 1.0, 1e-3), ValueError, "non-finite"),
        (lambda: central_diff(lambda x: np.sum(x), np.ones(3), 1e-3), ValueError, "shape"),
        (lambda: richardson(np.sin, 1.0, 0.1, levels=-1), ValueError, "levels"),
        (lambda: richardson(np.sin, 1.0, 0.1, levels=1.5), TypeError, "levels"),
        (lambda: complex_step(np.sin, 1.0, 0.0), ValueError, "h must be > 0"),
        (lambda: gradient(rosenbrock, [1.0, np.inf]), ValueError, "x must be finite"),
        (lambda: gradient(rosenbrock, None), TypeError, "x must be a real number"),
        (lambda: gradient(rosenbrock, [[1.0, 2.0], [3.0]]), TypeError, "x must be"),
        (lambda: gradient(rosenbrock, [1.0, 2j]), TypeError, "x must be real"),
        (lambda: gradient(None, [1.0, 2.0]), TypeError, "f must be a function"),
        (lambda: gradient(lambda x: x, [1.0, 2.0]), ValueError, "shape"),
        (lambda: gradient(rosenbrock, [1.0, 2.0], h=[1e-3]), ValueError, "shape of x"),
        (lambda: gradient(rosenbrock, [1.0, 2.0], h=0.0), ValueError, "h must be > 0"),
        (lambda: jacobian(lambda x: [x[0], "a"], [1, 2]), TypeError, "real numbers"),
        (lambda: jacobian(lambda x: x[: int(x[0] > 1)], [1, 2]), ValueError, "shape"),
        (lambda: hessian(lambda x: np.nan, [1.0, 2.0]), ValueError, "non-finite"),
        (lambda: hessian(rosenbrock, [1.0, 2.0], h=-1.0), ValueError, "h must be > 0"),
        (lambda: check_grad(rosenbrock, lambda x: x[:1], [1.0, 2.0]), ValueError, "shape"),
        (lambda: check_grad(rosenbrock, lambda x: x * np.nan, [1.0, 2.0]), ValueError, "finite"),
        (lambda: check_grad(rosenbrock, None, [1.0, 2.0]), TypeError, "grad must be a"),
        (lambda: check_grad(rosenbrock, lambda x: x, "ab"), TypeError, "x must be"),
        (lambda: best_step("centre", 1.0, 1.0), ValueError, "rule must be one of"),
        (lambda: best_step("central", 1.0, 0.0), ValueError, "deriv_size must be > 0"),
        (lambda: best_step("forward", -1.0, 1.0), ValueError, "f_size must be > 0"),
        (lambda: best_step("forward", [1.0, 2.0], 1.0), ValueError, "single number"),
        (lambda: error_estimate("forward", 0.0, 1.0, 1.0), ValueError, "h must be > 0"),
        (lambda: error_estimate("forward", 1e-3, 1.0, -2.0), ValueError, "deriv_size must be >= 0"),
        (lambda: error_estimate("forward", 1e-3, 1.0, 1.0, u=0.0), ValueError, "u must be > 0"),
        (lambda: error_estimate(None, 1e-3, 1.0, 1.0), ValueError, "rule must be one of"),
        (lambda: observed_order([0.1, 0.1], [1.0, 2.0]), ValueError, "distinct"),
        (lambda: observed_order([0.1, 0.05], [1, 0]), ValueError, "errors must be > 0"),
        (lambda: observed_order([0.1], [1.0]), ValueError, "two or more"),
        (lambda: observed_order([0.1, 0.05], [1.0]), ValueError, "one error per step"),
        (lambda: observed_order([[0.1, 0.05]], [[1.0, 0.5]]), ValueError, "1 axes"),
        (lambda: observed_order(None, [1.0, 0.5]), TypeError, "h must be"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, message):
    with pytest.raises(error, match=message):
        call()
