"""The scalar engine of chapter 16 against central differences and mathlib.autodiff."""

import math
import sys

import numpy as np
import pytest

from mathlib.autodiff import grad as tensor_grad
from mathlib.numgrad import gradient
from mathlib.scalar import Scalar


def expression(x1, x2, x3):
    """Uses every operation, reflected ones, constants and a reused input."""
    a = x1 * x2 + x1.sin() - 2.0 / (1.0 + x3 * x3)
    b = (a.tanh() * x3 - x2.exp() / 3.0).sigmoid()
    c = (x1 * x1 + 1.0).log() + (3.0 - x2) ** 2 + 2.0 ** x3 + (-x1).cos()
    return a * b + c + (x2 + 2.0).relu()


def scalar_gradient(f, point):
    leaves = [Scalar(v) for v in point]
    f(*leaves).backward()
    return np.array([s.grad for s in leaves])


def test_gradient_matches_central_differences_at_random_points():
    rng = np.random.default_rng(160)
    for _ in range(20):
        point = rng.uniform(-1.5, 1.5, size=3)
        numeric = gradient(lambda v: expression(*map(Scalar, v)).value, point)
        np.testing.assert_allclose(scalar_gradient(expression, point), numeric,
                                   rtol=1e-6, atol=1e-8)


def test_gradient_matches_the_tensor_engine():
    rng = np.random.default_rng(161)
    for _ in range(10):
        point = rng.uniform(-1.5, 1.5, size=3)
        reference = tensor_grad(lambda v: expression(v[0], v[1], v[2]))(point)
        np.testing.assert_allclose(scalar_gradient(expression, point), reference,
                                   rtol=1e-12, atol=1e-12)


def test_value_is_the_plain_float_expression():
    x1, x2, x3 = 0.3, -0.7, 1.1
    a = x1 * x2 + math.sin(x1) - 2.0 / (1.0 + x3 * x3)
    b = 1 / (1 + math.exp(-(math.tanh(a) * x3 - math.exp(x2) / 3.0)))
    c = math.log(x1 * x1 + 1) + (3.0 - x2) ** 2 + 2.0 ** x3 + math.cos(-x1)
    want = a * b + c + max(x2 + 2.0, 0.0)
    got = expression(Scalar(x1), Scalar(x2), Scalar(x3)).value
    assert got == pytest.approx(want, rel=1e-14)


def test_reused_input_sums_the_contributions_of_both_paths():
    x = Scalar(3.0)
    (x * x + x).backward()  # d/dx (x^2 + x) = 2x + 1
    assert x.grad == 7.0


def test_topological_order_lists_each_node_once_after_its_inputs():
    x, y = Scalar(0.5), Scalar(-1.2)
    z = expression(x, y, x * y)
    order = z.topological_order()
    assert len(order) == len(set(map(id, order)))
    position = {id(s): i for i, s in enumerate(order)}
    for s in order:
        assert all(position[id(t)] < position[id(s)] for t in s.inputs)
    assert order[-1] is z and {x, y} <= set(order)


def test_deep_chain_needs_no_recursion():
    depth = 4 * sys.getrecursionlimit()
    x = Scalar(0.1)
    y = x
    for _ in range(depth):
        y = 0.999 * y + 0.001
    y.backward()
    assert x.grad == pytest.approx(0.999 ** depth, rel=1e-10)


def test_leaves_accumulate_and_intermediates_are_recomputed():
    x = Scalar(3.0)
    h = x * x  # intermediate, used twice
    y = h + h * x
    y.backward()
    first = x.grad  # 2x + 3x^2 = 33
    y.backward()
    assert first == 33.0 and x.grad == 66.0  # leaf: sum of both calls
    assert h.grad == 1.0 + x.value  # intermediate: one call's adjoint, not two
    x.zero_grad()
    y.backward()
    assert x.grad == 33.0


def test_tangent_is_the_gradient_along_a_direction():
    rng = np.random.default_rng(162)
    point, v = rng.uniform(-1, 1, size=3), rng.normal(size=3)
    leaves = [Scalar(p) for p in point]
    out = expression(*leaves)
    jvp = out.tangent(dict(zip(leaves, v, strict=True)))
    out.backward()
    assert jvp == pytest.approx(sum(s.grad * d for s, d in zip(leaves, v, strict=True)),
                                rel=1e-12)


def test_constants_get_no_edge_and_negative_base_power_is_fine():
    x = Scalar(-2.0)
    y = x ** 3  # the exponent is a constant: no log of the negative base
    y.backward()
    assert y.inputs == (x,) and x.grad == 12.0


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "two", [1.0, 2.0]])
def test_leaf_must_be_a_finite_real_number(bad):
    with pytest.raises((ValueError, TypeError)):
        Scalar(bad)
