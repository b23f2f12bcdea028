"""Property-based and symbolic checks: on randomly composed expressions reverse mode, forward
mode and central differences agree; on scalar expressions both modes match SymPy."""

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mathlib import numdiff
from mathlib.autodiff import concatenate, grad, jacobian, ops, stack

# Every node maps a vector of length n to a vector of length n, so any tree is well formed.
UNARY = {
    "tanh": ops.tanh,
    "sin": ops.sin,
    "cos": ops.cos,
    "sigmoid": ops.sigmoid,
    "softplus": ops.softplus,
    "square": ops.square,
    "neg": lambda a: -a,
    "exp": lambda a: ops.exp(ops.tanh(a)),
    "log": lambda a: ops.log(1.0 + ops.square(a)),
    "sqrt": lambda a: ops.sqrt(1.0 + ops.square(a)),
    "softmax": ops.softmax,
    "log_softmax": ops.log_softmax,
    "reverse": lambda a: a[::-1],
    "repeat_first": lambda a: a[np.zeros(len(a), dtype=int)],  # one element n times
    "sum": lambda a: ops.sum(a, keepdims=True) * np.ones(len(a)),
    "mean": lambda a: ops.mean(a, keepdims=True) + np.zeros(len(a)),
    "logsumexp": lambda a: ops.logsumexp(a, keepdims=True) - np.zeros(len(a)),
}
BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / (1.0 + ops.square(b)),
    "pow": lambda a, b: (1.0 + ops.square(a)) ** ops.tanh(b),
    "concatenate": lambda a, b: concatenate([a, b])[::2],
    "stack": lambda a, b: stack([a, b], axis=1).sum(axis=1),
}


def evaluate(tree, x, A):
    """Evaluate an expression tree on x: a Tensor, a Dual or a NumPy array."""
    kind = tree[0]
    if kind == "x":
        return x
    if kind == "const":
        return tree[1] * np.ones(len(A))
    if kind == "matmul":
        return A @ evaluate(tree[1], x, A)
    if kind in UNARY:
        return UNARY[kind](evaluate(tree[1], x, A))
    return BINARY[kind](evaluate(tree[1], x, A), evaluate(tree[2], x, A))


def nodes(sub):
    """A unary or binary operation applied to subtrees."""
    return st.one_of(
        st.tuples(st.sampled_from(sorted(UNARY) + ["matmul"]), sub),
        st.tuples(st.sampled_from(sorted(BINARY)), sub, sub),
    )


leaves = st.one_of(st.just(("x",)), st.floats(-2, 2).map(lambda c: ("const", c)))
trees = nodes(nodes(st.recursive(leaves, nodes, max_leaves=8)))  # at least two operations


@st.composite
def points(draw):
    n = draw(st.integers(1, 4))
    x = np.array(draw(st.lists(st.floats(-2, 2), min_size=n, max_size=n)))
    seed = draw(st.integers(0, 2**16))
    A = np.random.default_rng(seed).normal(size=(n, n)) / np.sqrt(n)
    return x, A


@settings(
    max_examples=80,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(tree=trees, point=points())
def test_reverse_forward_and_finite_differences_agree_on_random_expressions(tree, point):
    x, A = point
    f = lambda v: evaluate(tree, v, A)  # noqa: E731
    with np.errstate(all="ignore"):
        value = np.asarray(f(x))
        assume(np.all(np.isfinite(value)) and np.abs(value).max() < 1e4)
        reverse = jacobian(f, mode="reverse")(x)
        forward = jacobian(f, mode="forward")(x)
        numeric = numdiff.jacobian(f, x)
    assume(np.abs(reverse).max() < 1e4)
    scale = 1.0 + np.abs(reverse).max()
    np.testing.assert_allclose(reverse, forward, rtol=1e-9, atol=1e-12 * scale)
    np.testing.assert_allclose(reverse, numeric, rtol=1e-4, atol=1e-6 * scale)


# ----- SymPy ---------------------------------------------------------------------------------

x_ = sp.Symbol("x")
SYMBOLIC = [  # (SymPy expression, the same function written for the engines)
    (x_**3 * sp.sin(x_), lambda x: x**3 * x.sin()),
    (
        sp.exp(-(x_**2) / 2) / sp.sqrt(2 * sp.pi),
        lambda x: (-(x * x) / 2).exp() / np.sqrt(2 * np.pi),
    ),
    (sp.log(1 + sp.exp(x_)), lambda x: x.softplus()),
    (1 / (1 + sp.exp(-x_)), lambda x: x.sigmoid()),
    (sp.tanh(x_) * sp.cos(2 * x_), lambda x: x.tanh() * (2 * x).cos()),
    (x_**x_, lambda x: x**x),
    (2**x_ / x_, lambda x: 2.0**x / x),
    (sp.sqrt(x_**2 + 1) - sp.log(x_), lambda x: (x.square() + 1).sqrt() - x.log()),
    (sp.log(sp.exp(x_) + sp.exp(2 * x_)), lambda x: ops.logsumexp(ops.stack([x, 2 * x]))),
    (
        sp.exp(x_) / (sp.exp(x_) + 1 + sp.exp(-x_)),
        lambda x: ops.softmax(ops.stack([x, x * 0.0, -x]))[0],
    ),
]


@pytest.mark.parametrize("mode", ["reverse", "forward"])
@pytest.mark.parametrize("index", range(len(SYMBOLIC)))
def test_scalar_derivative_matches_sympy(index, mode):
    expr, f = SYMBOLIC[index]
    derivative = sp.lambdify(x_, sp.diff(expr, x_), "numpy")
    for x in [0.3, 0.9, 1.7, 2.5]:
        assert grad(f, mode=mode)(x) == pytest.approx(float(derivative(x)), rel=1e-12, abs=1e-14)


def test_partial_derivatives_of_two_variables_match_sympy():
    u, v = sp.symbols("u v")
    expr = u * v + sp.sin(u) * sp.exp(v) + u**2 / (1 + v**2)
    f = lambda p: p[0] * p[1] + p[0].sin() * p[1].exp() + p[0] ** 2 / (1 + p[1] ** 2)  # noqa: E731
    point = {u: 0.7, v: -1.2}
    expected = [float(sp.diff(expr, s).subs(point)) for s in (u, v)]
    for mode in ("reverse", "forward"):
        np.testing.assert_allclose(grad(f, mode=mode)(np.array([0.7, -1.2])), expected, rtol=1e-12)
