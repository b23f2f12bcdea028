"""The table of elementary functions: every row against SymPy and central differences,
the kink conventions of the notation page, stability at large |x|, and the three
consumers (Function objects, reverse mode, forward mode, ops) reading the same row."""

import warnings

import numpy as np
import pytest
import sympy as sp
from numpy.testing import assert_allclose

from mathlib import functions, numdiff
from mathlib.autodiff import Dual, Tensor, ops
from mathlib.elementary import BINARY, SLOPE, UNARY

t = sp.Symbol("t", real=True)
SYMPY = {  # the same functions written independently, as SymPy expressions
    "exp": sp.exp(t),
    "log": sp.log(t),
    "sqrt": sp.sqrt(t),
    "square": t**2,
    "sin": sp.sin(t),
    "cos": sp.cos(t),
    "tanh": sp.tanh(t),
    "sigmoid": 1 / (1 + sp.exp(-t)),
    "softplus": sp.log(1 + sp.exp(t)),
    "abs": sp.Abs(t),
    "relu": sp.Max(t, 0),
    "leaky_relu": sp.Max(t, SLOPE * t),  # max(x, a x) is leaky ReLU for 0 < a < 1
}
POSITIVE = {"log", "sqrt"}
XS = np.linspace(-3.0, 3.0, 24) + 0.05  # never 0: away from the kinks
PS = np.linspace(0.1, 4.0, 24)


def points(name):
    return PS if name in POSITIVE else XS


def test_every_row_has_an_independent_reference():
    assert set(SYMPY) == set(UNARY)


@pytest.mark.parametrize("name", sorted(UNARY))
def test_value_and_derivative_match_sympy(name):
    row, expr, xs = UNARY[name], SYMPY[name], points(name)
    y = row.value(xs)
    assert_allclose(y, sp.lambdify(t, expr, "numpy")(xs), rtol=1e-13)
    derivative = sp.lambdify(t, sp.diff(expr, t), "numpy")(xs)
    assert_allclose(row.derivative(xs, y), derivative, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(UNARY))
def test_derivative_matches_central_differences(name):
    row, xs = UNARY[name], points(name)
    numeric = numdiff.central_diff(row.value, xs, 1e-6)
    assert_allclose(row.derivative(xs, row.value(xs)), numeric, rtol=1e-7, atol=1e-9)


def test_leaky_relu_takes_its_slope_as_a_parameter():
    row = UNARY["leaky_relu"]
    x = np.array([-2.0, 0.0, 3.0])
    assert_allclose(row.value(x, 0.2), [-0.4, 0.0, 3.0])
    assert_allclose(row.derivative(x, row.value(x, 0.2), 0.2), [0.2, 0.2, 1.0])


# The conventions stated on the book's notation page: ReLU'(0) = 0, leaky'(0) = α (the
# left derivative); abs'(0) = 0 and max at a tie gives each input half.
KINKS = {"abs": 0.0, "relu": 0.0, "leaky_relu": SLOPE}


def test_the_rows_with_a_kink_state_their_convention():
    assert {name for name, row in UNARY.items() if row.at_kink} == set(KINKS)


@pytest.mark.parametrize("name", sorted(KINKS))
def test_derivative_at_the_kink_is_the_stated_convention(name):
    row, zero = UNARY[name], np.zeros(1)
    assert row.derivative(zero, row.value(zero))[0] == KINKS[name]
    x = Tensor(zero, requires_grad=True)
    getattr(x, name)().sum().backward()
    assert x.grad[0] == KINKS[name]
    assert getattr(Dual(zero, np.ones(1)), name)().tangent[0] == KINKS[name]
    if name != "abs":  # mathlib.functions offers relu and leaky_relu, not abs
        f = functions.relu if name == "relu" else functions.leaky_relu()
        assert f.prime()(0.0) == KINKS[name]


def test_maximum_splits_a_tie_equally():
    row = BINARY["maximum"]
    assert row.d_a(2.0, 2.0, 2.0) == 0.5 and row.d_b(2.0, 2.0, 2.0) == 0.5


a_, b_ = sp.symbols("a b", positive=True)
BINARY_SYMPY = {"add": a_ + b_, "sub": a_ - b_, "mul": a_ * b_, "div": a_ / b_,
                "pow": a_**b_, "maximum": sp.Max(a_, b_)}


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_partial_derivatives_match_sympy(name):
    assert set(BINARY_SYMPY) == set(BINARY)
    row, expr = BINARY[name], BINARY_SYMPY[name]
    a = np.array([0.7, 1.3, 2.9, 0.4])
    b = np.array([1.1, 0.6, 2.2, 3.5])  # never equal to a: away from the tie of maximum
    y = row.value(a, b)
    assert_allclose(y, sp.lambdify((a_, b_), expr, "numpy")(a, b), rtol=1e-14)
    for partial, symbol in ((row.d_a, a_), (row.d_b, b_)):
        expected = sp.lambdify((a_, b_), sp.diff(expr, symbol), "numpy")(a, b)
        got = np.broadcast_to(partial(a, b, y), a.shape)
        assert_allclose(got, np.broadcast_to(expected, a.shape), rtol=1e-13)


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "tanh", "exp"])
def test_stable_rows_are_finite_and_quiet_at_large_inputs(name):
    row = UNARY[name]
    x = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0 if name != "exp" else 700.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        with np.errstate(all="raise", under="ignore"):
            y = row.value(x)
            d = row.derivative(x, y)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(d))
    if name == "sigmoid":
        assert_allclose(y, [0.0, np.exp(-40.0), 0.5, 1.0, 1.0], rtol=1e-15, atol=0)
        # σ' = σ(1 - σ) from the value: where σ rounds to 1 the derivative rounds to 0,
        # an absolute error below ε (the price of the cheap form)
        assert_allclose(d, [0.0, np.exp(-40.0), 0.25, np.exp(-40.0), 0.0], rtol=1e-9,
                        atol=np.finfo(float).eps / 10)
    if name == "softplus":
        assert_allclose(y, [0.0, np.exp(-40.0), np.log(2.0), 40.0, 1000.0], rtol=1e-15)
        assert_allclose(d, [0.0, np.exp(-40.0), 0.5, 1.0, 1.0], rtol=1e-9, atol=0)


CONSUMERS = {  # what each consumer makes of row `name` at x, as (value, derivative)
    "functions": lambda name, x: (functions.Elementary(name)(x),
                                  functions.Elementary(name).prime()(x)),
    "reverse": lambda name, x: reverse_mode(name, x),
    "forward": lambda name, x: (getattr(Dual(x, np.ones_like(x)), name)().primal,
                                getattr(Dual(x, np.ones_like(x)), name)().tangent),
    "ops": lambda name, x: (getattr(ops, name)(x),
                            getattr(ops, name)(Dual(x, np.ones_like(x))).tangent),
}


def reverse_mode(name, x):
    tensor = Tensor(x, requires_grad=True)
    y = getattr(tensor, name)()
    y.sum().backward()
    return y.data, tensor.grad


@pytest.mark.parametrize("consumer", sorted(CONSUMERS))
@pytest.mark.parametrize("name", sorted(UNARY))
def test_every_consumer_reads_the_same_row(name, consumer):
    xs = points(name)
    row = UNARY[name]
    value, derivative = CONSUMERS[consumer](name, xs)
    assert_allclose(value, row.value(xs), rtol=1e-15)
    assert_allclose(derivative, row.derivative(xs, row.value(xs)), rtol=1e-15)


def test_the_function_objects_of_chapter_4_are_rows_of_the_table():
    for name in ("square", "exp", "log", "sin", "cos", "sigmoid", "tanh", "relu"):
        assert getattr(functions, name).row is UNARY[name]
    assert functions.leaky_relu(0.3).row is UNARY["leaky_relu"]
