"""Tests for mathlib.functions: derivatives vs central differences and SymPy, the chain rule."""

import warnings

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from mathlib.functions import (
    Composition,
    Elementary,
    LeakyReLU,
    Linear,
    UserFunction,
    compose,
    cos,
    exp,
    leaky_relu,
    log,
    relu,
    sigmoid,
    sin,
    square,
    tanh,
)

XS = np.linspace(-3, 3, 25) + 0.05  # avoids the kink at 0


def central(f, x, h=1e-6):
    """An independent reference: the central difference, written out here."""
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize(
    "fn, xs",
    [(sigmoid, XS), (tanh, XS), (relu, XS), (leaky_relu(0.1), XS), (LeakyReLU(), XS),
     (exp, XS), (log, np.linspace(0.1, 5, 25)), (sin, XS), (cos, XS), (square, XS),
     (Linear(2.5, -1.0), XS)],
    ids=lambda v: getattr(v, "name", ""),
)
def test_derivative_matches_central_difference_away_from_kinks(fn, xs):
    assert_allclose(fn.prime()(xs), central(fn, xs), rtol=1e-7, atol=1e-8)


X = sp.Symbol("x")
POSITIVE = np.linspace(0.1, 5, 25)


@pytest.mark.parametrize(
    "fn, expr, xs",
    [(sigmoid, 1 / (1 + sp.exp(-X)), XS), (tanh, sp.tanh(X), XS), (exp, sp.exp(X), XS),
     (sin, sp.sin(X), XS), (cos, sp.cos(X), XS), (square, X**2, XS),
     (log, sp.log(X), POSITIVE),
     (relu, sp.Max(X, 0), XS),                      # XS avoids the kink at 0
     (leaky_relu(0.1), sp.Max(X, X / 10), XS),       # max(x, 0.1x) is leaky ReLU for slope < 1
     (LeakyReLU(), sp.Max(X, X / 100), XS),
     (Linear(2.5, -1.0), sp.Rational(5, 2) * X - 1, XS)],
    ids=lambda v: getattr(v, "name", ""),
)
def test_value_and_derivative_match_sympy(fn, expr, xs):
    derivative = sp.diff(expr, X)
    assert_allclose(fn(xs), sp.lambdify(X, expr)(xs), rtol=1e-12)
    assert_allclose(fn.prime()(xs), sp.lambdify(X, derivative)(xs), rtol=1e-10, atol=1e-15)


def test_documented_derivatives_at_the_kink():
    assert relu.prime()(0.0) == 0.0
    assert leaky_relu(0.2).prime()(0.0) == 0.2
    assert LeakyReLU().prime()(0.0) == 0.01
    assert_allclose(relu.prime()(np.array([-1.0, 0.0, 1.0])), [0.0, 0.0, 1.0])
    assert_allclose(leaky_relu(0.2).prime()(np.array([-1.0, 0.0, 1.0])), [0.2, 0.2, 1.0])
    # the one-sided difference quotients at 0 are 0 (left) and 1 (right) for relu
    assert (relu(0.0) - relu(-1e-8)) / 1e-8 == 0.0
    assert (relu(1e-8) - relu(0.0)) / 1e-8 == pytest.approx(1.0)


def test_sigmoid_is_finite_and_quiet_at_extreme_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sigmoid(-800.0) == 0.0
        assert sigmoid(800.0) == 1.0
        assert sigmoid.prime()(-800.0) == 0.0


def test_composition_derivative_matches_sympy_three_deep():
    x = sp.Symbol("x")
    expr = 1 / (1 + sp.exp(-sp.sin(x**2)))  # sigmoid(sin(x²))
    h = sigmoid @ sin @ square
    assert_allclose(h(XS), sp.lambdify(x, expr)(XS), rtol=1e-12)
    assert_allclose(h.prime()(XS), sp.lambdify(x, sp.diff(expr, x))(XS), rtol=1e-10, atol=1e-14)


def test_composition_applies_the_last_function_first():
    assert (square @ sin)(0.5) == pytest.approx(np.sin(0.5) ** 2)
    assert (sin @ square)(0.5) == pytest.approx(np.sin(0.25))
    assert compose(sigmoid, sin, square)(0.7) == (sigmoid @ sin @ square)(0.7)
    assert isinstance(sigmoid @ sin, Composition)


def test_nested_compositions_are_flattened():
    h = compose(compose(sigmoid, sin), square)
    assert h.functions == (sigmoid, sin, square)
    assert (sigmoid @ (sin @ square)).functions == (sigmoid, sin, square)


def test_linear_chain_has_the_product_of_slopes_as_derivative():
    h = compose(Linear(4), Linear(3), Linear(2))  # x ↦ 24x
    assert_allclose(h.prime()(np.linspace(-10, 10, 7)), 24.0)


def test_forward_pass_records_values_and_local_derivatives():
    x0 = 0.8
    steps = (sigmoid @ sin @ square).forward_pass(x0)
    assert [s.name for s in steps] == ["square", "sin", "sigmoid"]
    u1, u2 = x0**2, np.sin(x0**2)
    s = 1 / (1 + np.exp(-u2))
    assert_allclose([st.input for st in steps], [x0, u1, u2])
    assert_allclose([st.output for st in steps], [u1, u2, s])
    assert_allclose([st.local_derivative for st in steps], [2 * x0, np.cos(u1), s * (1 - s)])
    assert_allclose(steps[-1].derivative, s * (1 - s) * np.cos(u1) * 2 * x0)
    assert steps[-1].derivative == pytest.approx((sigmoid @ sin @ square).prime()(x0))


def test_user_function_and_its_derivative():
    cube = UserFunction(lambda x: x**3, lambda x: 3 * x**2, name="cube")
    assert_allclose(cube.prime()(XS), central(cube, XS), rtol=1e-7)
    assert (sin @ cube).prime()(0.5) == pytest.approx(np.cos(0.125) * 0.75)


def test_array_input_is_not_mutated_and_float_gives_float():
    x = np.array([0.1, 0.2])
    before = x.copy()
    (sigmoid @ square).forward_pass(x)
    (sigmoid @ square).prime()(x)
    assert_allclose(x, before)
    assert isinstance(sigmoid(0.1), float)
    assert isinstance(sigmoid.prime()(0.1), float)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: log(-1.0), ValueError, "domain of log"),
        (lambda: log.prime()(0.0), ValueError, "domain of log'"),
        (lambda: (log @ sin)(-1.0), ValueError, "domain of log"),
        (lambda: (log @ sin).forward_pass(-1.0), ValueError, "domain of log"),
        (lambda: sigmoid("a"), TypeError, "real number"),
        (lambda: sigmoid(None), TypeError, "real number"),
        (lambda: sigmoid(1 + 2j), TypeError, "x must be real"),
        (lambda: sigmoid([[1.0], [2.0, 3.0]]), TypeError, "x must be"),
        (lambda: sigmoid(np.nan), ValueError, "finite"),
        (lambda: exp(1000.0), ValueError, "overflows"),
        (lambda: compose(), ValueError, "at least one"),
        (lambda: compose(sin, np.sin), TypeError, "must be a Function"),
        (lambda: sin @ np.sin, TypeError, "unsupported operand"),
        (lambda: sigmoid.prime().prime(), NotImplementedError, "sigmoid'"),
        (lambda: UserFunction(1, 2), TypeError, "value must be a function"),
        (lambda: LeakyReLU(np.nan), ValueError, "finite"),
        (lambda: LeakyReLU([0.1, 0.2]), ValueError, "slope"),
        (lambda: Linear("a"), TypeError, "real number"),
        (lambda: Linear(1.0, [1.0, 2.0]), ValueError, "b must be a single number"),
        (lambda: Elementary("gelu"), ValueError, "unknown elementary function"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, message):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a clear error, and no RuntimeWarning before it
        with pytest.raises(error, match=message):
            call()
