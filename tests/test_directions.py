"""mathlib.directions: directional derivatives against SymPy's gradient, steepest ascent
against a search over all directions, and chord cosines against exact level sets."""

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from mathlib.directions import (
    chord_cosines,
    directional_derivative,
    steepest_ascent,
    unit_vector,
)
from mathlib.numdiff import gradient
from mathlib.plotting import level_curves

x_, y_ = sp.symbols("x y", real=True)
SMOOTH = [
    x_**2 * y_ + sp.exp(x_ * y_),
    sp.sin(x_) * sp.cos(2 * y_) + x_ / (1 + y_**2),
    sp.log(1 + x_**2 + 3 * y_**2),
]


@pytest.mark.parametrize("expr", SMOOTH, ids=str)
def test_directional_derivative_is_the_sympy_gradient_dotted_with_u(expr):
    f = sp.lambdify([x_, y_], expr, "numpy")
    grad = sp.lambdify([x_, y_], [sp.diff(expr, v) for v in (x_, y_)], "numpy")
    rng = np.random.default_rng(8)
    for point, theta in zip(rng.uniform(-1.5, 1.5, (6, 2)), rng.uniform(0, 2 * np.pi, 6),
                            strict=True):
        u = unit_vector(theta)
        exact = np.dot(grad(*point), u)
        value = directional_derivative(lambda p: f(p[0], p[1]), point, u)
        assert value == pytest.approx(exact, rel=1e-8, abs=1e-9)


def test_directional_derivative_of_a_matrix_function_uses_the_matrix_gradient():
    rng = np.random.default_rng(1)
    x_in, target = rng.normal(size=3), rng.normal(size=2)

    def loss(W):
        return 0.5 * np.sum((W @ x_in - target) ** 2)

    W = rng.normal(size=(2, 3))
    U = rng.normal(size=(2, 3))
    U /= np.linalg.norm(U)
    expected = np.sum(gradient(loss, W) * U)
    assert directional_derivative(loss, W, U) == pytest.approx(expected, rel=1e-7)
    # and the closed form of the gradient, (W x - t) x^T, entry by entry
    assert_allclose(gradient(loss, W), np.outer(W @ x_in - target, x_in), rtol=1e-7)


def rudin(p):
    """x³ / (x² + y²), 0 at the origin: every directional derivative exists at 0."""
    r2 = p[0] ** 2 + p[1] ** 2
    return 0.0 if r2 == 0 else p[0] ** 3 / r2


def test_directional_derivative_of_a_non_differentiable_function_is_not_grad_dot_u():
    grad_at_0 = gradient(rudin, np.zeros(2), h=1e-6)
    assert_allclose(grad_at_0, [1.0, 0.0], atol=1e-9)  # f(t, 0) = t, f(0, t) = 0
    for theta in [0.8, 1.2, 2.5]:
        u = unit_vector(theta)
        value = directional_derivative(rudin, np.zeros(2), u, h=1e-6)
        assert value == pytest.approx(u[0] ** 3, rel=1e-9)  # D_u f(0) = u1³
        assert abs(value - grad_at_0 @ u) > 0.1  # not ∇f(0)·u = u1


def test_directional_derivative_refuses_a_vector_that_is_not_unit():
    with pytest.raises(ValueError, match="unit vector"):
        directional_derivative(lambda p: p @ p, [1.0, 2.0], [3.0, 4.0])
    with pytest.raises(ValueError, match="shape of x"):
        directional_derivative(lambda p: p @ p, [1.0, 2.0], [1.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="h must be > 0"):
        directional_derivative(lambda p: p @ p, [1.0, 2.0], [1.0, 0.0], h=0.0)


def test_steepest_ascent_beats_every_other_direction():
    rng = np.random.default_rng(2)
    for _ in range(5):
        g = rng.normal(size=4)
        directions = rng.normal(size=(20000, 4))
        directions /= np.linalg.norm(directions, axis=1, keepdims=True)
        best = steepest_ascent(g)
        assert np.linalg.norm(best) == pytest.approx(1.0)
        assert g @ best == pytest.approx(np.linalg.norm(g))  # Cauchy–Schwarz, equality
        assert np.all(directions @ g <= g @ best + 1e-12)
        # the best sampled direction is close to it
        assert np.max(directions @ g) > 0.9 * np.linalg.norm(g)


def test_steepest_ascent_is_undefined_at_a_stationary_point():
    with pytest.raises(ValueError, match="stationary"):
        steepest_ascent(np.zeros(3))


def test_unit_vectors_have_norm_one_and_the_right_angle():
    theta = np.linspace(-3, 3, 13)
    u = unit_vector(theta)
    assert u.shape == (2, 13)
    assert_allclose(np.hypot(u[0], u[1]), 1.0)
    assert_allclose(np.arctan2(u[1], u[0]), theta, atol=1e-12)


def test_chords_of_a_circle_are_perpendicular_to_the_radius():
    t = np.linspace(0, 2 * np.pi, 17)
    circle = 2.0 * np.column_stack([np.cos(t), np.sin(t)])
    assert_allclose(chord_cosines(lambda p: 2 * p, circle), 0.0, atol=1e-12)


def test_chords_along_the_gradient_have_cosine_one():
    line = np.column_stack([np.linspace(0.5, 2, 5), np.zeros(5)])
    assert_allclose(chord_cosines(lambda p: 2 * p, line), 1.0)
    assert_allclose(chord_cosines(lambda p: 2 * p, line[::-1]), -1.0)


def test_marching_squares_level_sets_approach_perpendicular_to_the_gradient():
    def f(p):
        return p[0] ** 2 / 2 + 2 * (p[1] - 0.3 * p[0] ** 2) ** 2

    def grad(p):
        valley = p[1] - 0.3 * p[0] ** 2
        return np.array([p[0] - 2.4 * p[0] * valley, 4 * valley])

    # A vertex is off the curve by O(step²), so a chord of length about one grid step
    # is off the tangent by O(step): the typical cosine halves when the grid doubles.
    # (A chord much shorter than a step, where the curve passes near a grid corner,
    # can be off by more; hence the median.)
    typical = []
    for n in (101, 201, 401):
        (curve,) = level_curves(f, 1.0, (-3, 3), (-2, 3), n=n)
        typical.append(np.median(np.abs(chord_cosines(grad, curve))))
    assert typical[-1] < 1e-3
    assert_allclose(np.array(typical[:-1]) / typical[1:], 2.0, rtol=0.35)


def test_chord_cosines_need_distinct_points_and_a_nonzero_gradient():
    with pytest.raises(ValueError, match="coincide"):
        chord_cosines(lambda p: 2 * p, [[1.0, 0.0], [1.0, 0.0]])
    with pytest.raises(ValueError, match="gradient is zero"):
        chord_cosines(lambda p: 2 * p, [[-1.0, 0.0], [1.0, 0.0]])


@pytest.mark.parametrize("bad", [None, "abc", np.nan, 1.0 + 2.0j])
@pytest.mark.parametrize("name, call", [
    ("x", lambda v: directional_derivative(np.sum, v, [1.0])),
    ("u", lambda v: directional_derivative(np.sum, [1.0], v)),
    ("grad_value", steepest_ascent),
    ("theta", unit_vector),
    ("curve", lambda v: chord_cosines(lambda p: p, v)),
])
def test_bad_input_names_the_argument(name, call, bad):
    with pytest.raises((TypeError, ValueError), match=name):
        call(bad)
