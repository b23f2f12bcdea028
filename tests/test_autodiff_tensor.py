"""Reverse mode: every Tensor operation's gradient against central differences, the rules of
backward() (order, depth, accumulation) and the error messages."""

import numpy as np
import pytest

from mathlib import numdiff
from mathlib.autodiff import Dual, Tensor, concatenate, maximum, stack


def away_from_zero(rng, shape, low=0.1):
    """Random numbers with |x| >= low, so kinks at 0 do not spoil central differences."""
    x = rng.normal(size=shape)
    return np.sign(x) * (np.abs(x) + low)


def assert_vjp_matches_central_differences(f, *arrays, seed=0, rtol=1e-5, atol=1e-7):
    """backward(u) of f(*inputs) against central differences of sum(u * f(*inputs))."""
    tensors = [Tensor(a, requires_grad=True) for a in arrays]
    out = f(*tensors)
    u = np.random.default_rng(seed).normal(size=out.shape)  # a random covector
    out.backward(u)
    for k, a in enumerate(arrays):

        def loss(xk, k=k):
            args = [Tensor(xk if i == k else arrays[i]) for i in range(len(arrays))]
            return np.sum(u * f(*args).data)

        np.testing.assert_allclose(
            tensors[k].grad,
            numdiff.gradient(loss, a),
            rtol=rtol,
            atol=atol,
            err_msg=f"gradient of input {k}",
        )


SHAPES = [(), (5,), (3, 4), (2, 3, 2)]

UNARY = {
    "exp": (lambda x: x.exp(), "any"),
    "log": (lambda x: x.log(), "positive"),
    "sqrt": (lambda x: x.sqrt(), "positive"),
    "square": (lambda x: x.square(), "any"),
    "abs": (lambda x: x.abs(), "nonzero"),
    "sin": (lambda x: x.sin(), "any"),
    "cos": (lambda x: x.cos(), "any"),
    "tanh": (lambda x: x.tanh(), "any"),
    "sigmoid": (lambda x: x.sigmoid(), "any"),
    "relu": (lambda x: x.relu(), "nonzero"),
    "leaky_relu": (lambda x: x.leaky_relu(0.2), "nonzero"),
    "softplus": (lambda x: x.softplus(), "any"),
    "neg": (lambda x: -x, "any"),
    "pow_const": (lambda x: x**2.5, "positive"),
    "rpow": (lambda x: 1.7**x, "any"),
    "rsub": (lambda x: 2.0 - x, "any"),
    "rdiv": (lambda x: 2.0 / x, "nonzero"),
    "mul_scalar": (lambda x: 3.0 * x * 0.5, "any"),
}


def sample(rng, shape, domain):
    if domain == "positive":
        return np.abs(rng.normal(size=shape)) + 0.5
    if domain == "nonzero":
        return away_from_zero(rng, shape)
    return rng.normal(size=shape)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_operation_gradient_matches_central_differences(name, shape):
    f, domain = UNARY[name]
    x = sample(np.random.default_rng(1), shape, domain)
    assert_vjp_matches_central_differences(f, x)


BROADCAST_PAIRS = [
    ((3, 4), (3, 4)),
    ((3, 1), (4,)),
    ((2, 3), (3,)),
    ((), (2, 3)),
    ((4, 1, 3), (2, 1)),
    ((5,), ()),
]
BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "pow": lambda a, b: a**b,
    "maximum": lambda a, b: a.maximum(b),
}


@pytest.mark.parametrize("shapes", BROADCAST_PAIRS, ids=str)
@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operation_gradient_with_broadcasting(name, shapes):
    rng = np.random.default_rng(2)
    a = np.abs(rng.normal(size=shapes[0])) + 0.5  # positive: a valid base for pow
    b = away_from_zero(rng, shapes[1])  # nonzero: a valid divisor
    assert_vjp_matches_central_differences(BINARY[name], a, b)
    assert_vjp_matches_central_differences(BINARY[name], b + 3.0, a)  # the other way round


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_operation_with_constant_on_either_side(name):
    rng = np.random.default_rng(3)
    a = np.abs(rng.normal(size=(3, 1))) + 0.5
    c = np.abs(rng.normal(size=(4,))) + 0.5  # a NumPy constant, broadcast against a
    f = BINARY[name]
    if name != "maximum":  # maximum is a method; the constant goes on the right
        assert_vjp_matches_central_differences(lambda x: f(c, x), a)
        assert_vjp_matches_central_differences(lambda x: f(1.5, x), a)
        assert isinstance(f(c, Tensor(a)), Tensor)  # ndarray op Tensor defers to the Tensor
    assert_vjp_matches_central_differences(lambda x: f(x, c), a)
    assert_vjp_matches_central_differences(lambda x: f(x, 1.5), a)


MATMUL_SHAPES = [
    ((3, 4), (4, 2)),
    ((4,), (4, 2)),
    ((3, 4), (4,)),
    ((4,), (4,)),
    ((2, 3, 4), (4, 5)),
    ((2, 3, 4), (2, 4, 5)),
    ((3, 4), (2, 4, 5)),
    ((4,), (2, 4, 5)),
]


@pytest.mark.parametrize("shapes", MATMUL_SHAPES, ids=str)
def test_matmul_gradient_matches_central_differences(shapes):
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=shapes[0]), rng.normal(size=shapes[1])
    assert_vjp_matches_central_differences(lambda x, y: x @ y, a, b)
    assert_vjp_matches_central_differences(lambda y: a @ y, b)  # constant on the left
    assert_vjp_matches_central_differences(lambda x: x @ b, a)
    np.testing.assert_allclose((Tensor(a) @ b).data, a @ b)


AXES = [None, 0, -1, (0, 2), [1]]


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", AXES, ids=str)
@pytest.mark.parametrize("name", ["sum", "mean", "logsumexp"])
def test_reduction_gradient_and_value(name, axis, keepdims):
    x = np.random.default_rng(5).normal(size=(2, 3, 4))
    f = lambda t: getattr(t, name)(axis=axis, keepdims=keepdims)  # noqa: E731
    assert_vjp_matches_central_differences(f, x)
    np_axis = tuple(axis) if isinstance(axis, list) else axis
    expected = {
        "sum": lambda: np.sum(x, axis=np_axis, keepdims=keepdims),
        "mean": lambda: np.mean(x, axis=np_axis, keepdims=keepdims),
        "logsumexp": lambda: np.log(np.sum(np.exp(x), axis=np_axis, keepdims=keepdims)),
    }[name]()
    np.testing.assert_allclose(f(Tensor(x)).data, expected, rtol=1e-12)


@pytest.mark.parametrize("axis", [0, 1, -1])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_family_gradient_and_value(name, axis):
    x = np.random.default_rng(6).normal(size=(3, 4)) * 3
    assert_vjp_matches_central_differences(lambda t: getattr(t, name)(axis), x)
    naive = np.exp(x) / np.exp(x).sum(axis=axis, keepdims=True)
    expected = naive if name == "softmax" else np.log(naive)
    np.testing.assert_allclose(getattr(Tensor(x), name)(axis).data, expected, rtol=1e-12)


def test_stable_functions_do_not_overflow_for_large_inputs():
    x = Tensor([-1000.0, 0.0, 1000.0], requires_grad=True)
    with np.errstate(over="raise", divide="raise", invalid="raise"):  # overflow raises
        np.testing.assert_allclose(x.sigmoid().data, [0.0, 0.5, 1.0])
        np.testing.assert_allclose(x.softplus().data, [0.0, np.log(2.0), 1000.0])
        np.testing.assert_allclose(x.log_softmax().data, [-2000.0, -1000.0, 0.0])
        np.testing.assert_allclose(x.logsumexp().data, 1000.0)
        x.softmax().sum().backward()
    assert np.all(np.isfinite(x.grad))


SHAPE_OPS = {
    "reshape": lambda t: t.reshape(4, 6),
    "reshape_tuple": lambda t: t.reshape((-1, 3)),
    "transpose": lambda t: t.transpose(),
    "transpose_axes": lambda t: t.transpose(1, 2, 0),
    "transpose_negative": lambda t: t.transpose((0, -1, 1)),
    "T": lambda t: t.T,
    "slice": lambda t: t[1:, ::2],
    "negative_step": lambda t: t[:, ::-1, 1],
    "int_index": lambda t: t[0, 1],
    "ellipsis_newaxis": lambda t: t[..., None, 2],
    "int_array": lambda t: t[[0, 1, 0]],
    "int_arrays_pair": lambda t: t[[0, 0, 1], [2, 2, 2]],
    "bool_mask": lambda t: t[np.array([True, False])],
}


@pytest.mark.parametrize("name", sorted(SHAPE_OPS))
def test_shape_operation_gradient_matches_central_differences(name):
    x = np.random.default_rng(7).normal(size=(2, 3, 4))
    assert_vjp_matches_central_differences(SHAPE_OPS[name], x)


def test_repeated_integer_index_accumulates_gradient():
    x = Tensor([10.0, 20.0, 30.0], requires_grad=True)
    x[np.array([0, 0, 2, 0])].sum().backward()
    np.testing.assert_array_equal(x.grad, [3.0, 0.0, 1.0])  # element 0 was picked three times


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_concatenate_and_stack_gradients(axis):
    rng = np.random.default_rng(8)
    a, b = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    c = rng.normal(size=(2, 3))  # a constant among the pieces
    assert_vjp_matches_central_differences(lambda x, y: concatenate([x, c, y], axis=axis), a, b)
    assert_vjp_matches_central_differences(lambda x, y: stack([x, y, c], axis=axis), a, b)
    np.testing.assert_array_equal(
        concatenate([Tensor(a), b], axis).data, np.concatenate([a, b], axis)
    )
    np.testing.assert_array_equal(stack([Tensor(a), b], axis).data, np.stack([a, b], axis))


def test_kink_conventions_use_the_smallest_subgradient():
    x = Tensor([0.0], requires_grad=True)
    cases = [
        (lambda t: t.relu(), 0.0),
        (lambda t: t.abs(), 0.0),
        (lambda t: t.leaky_relu(0.1), 0.1),
        (lambda t: t.maximum(0.0), 0.5),
    ]
    for f, expected in cases:
        x.zero_grad()
        f(x).sum().backward()
        assert x.grad[0] == expected
        assert f(Dual([0.0], [1.0])).tangent[0] == expected  # forward mode agrees


def test_maximum_tie_between_two_tensors_splits_gradient():
    a, b = Tensor(2.0, requires_grad=True), Tensor(2.0, requires_grad=True)
    maximum(a, b).backward()
    assert (float(a.grad), float(b.grad)) == (0.5, 0.5)


# ----- the backward pass ---------------------------------------------------------------------


def test_variable_used_several_times_sums_its_paths():
    x = Tensor(3.0, requires_grad=True)
    y = x * x + x.sin() * x  # x reaches y along four paths
    y.backward()
    assert float(x.grad) == pytest.approx(2 * 3.0 + np.cos(3.0) * 3.0 + np.sin(3.0))


def test_second_backward_doubles_leaf_grads_and_keeps_intermediate_grads():
    x = Tensor(np.array([0.5, -1.0, 2.0]), requires_grad=True)
    h = x.tanh()  # an intermediate with fan-out
    y = (h * h + 3.0 * h).sum()
    y.backward()
    first_leaf, first_h = x.grad.copy(), h.grad.copy()
    y.backward()
    np.testing.assert_array_equal(x.grad, 2 * first_leaf)  # leaves accumulate: exactly 2x
    np.testing.assert_array_equal(h.grad, first_h)  # intermediates recomputed, not doubled
    np.testing.assert_allclose(first_h, 2 * np.tanh(x.data) + 3.0)


def test_backward_from_two_outputs_sharing_a_subgraph_adds_their_gradients():
    x = Tensor(1.5, requires_grad=True)
    h = x.exp()
    z1, z2 = h * 2.0, h.square()
    z1.backward()
    z2.backward()
    assert float(x.grad) == pytest.approx(2 * np.exp(1.5) + 2 * np.exp(3.0))


def test_zero_grad_resets_accumulation():
    x = Tensor(2.0, requires_grad=True)
    (x * x).backward()
    x.zero_grad()
    (x * x).backward()
    assert float(x.grad) == 4.0


def test_leaf_gradient_does_not_alias_other_gradients():
    x, y = Tensor(np.ones(3), requires_grad=True), Tensor(np.ones(3), requires_grad=True)
    (x + y).backward(np.array([1.0, 2.0, 3.0]))
    x.grad *= 10.0  # e.g. gradient clipping in place
    np.testing.assert_array_equal(y.grad, [1.0, 2.0, 3.0])


def test_deep_chain_of_ten_thousand_operations_has_no_recursion_limit():
    x = Tensor(0.3, requires_grad=True)
    y = x
    for _ in range(5_000):
        y = (y * 1.0001).sin() + 0.0  # 15,000 nodes in a chain
    y.backward()
    expected, v = 1.0, 0.3
    for _ in range(5_000):
        expected *= 1.0001 * np.cos(v * 1.0001)
        v = np.sin(v * 1.0001)
    assert float(y.data) == pytest.approx(v)
    assert float(x.grad) == pytest.approx(expected, rel=1e-9)


def test_detach_and_constants_get_no_gradient():
    x = Tensor(2.0, requires_grad=True)
    c = Tensor(5.0)
    y = x * c + x.detach() * x
    y.backward()
    assert float(x.grad) == 5.0 + 2.0
    assert c.grad is None and not (c * 2.0).requires_grad


def test_non_scalar_backward_with_seed_is_a_vector_jacobian_product():
    A = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    x = Tensor([1.0, -1.0], requires_grad=True)
    (A @ x).backward(np.array([1.0, 0.0, 2.0]))
    np.testing.assert_array_equal(x.grad, np.array([1.0, 0.0, 2.0]) @ A)


# ----- errors --------------------------------------------------------------------------------


def test_non_scalar_backward_without_seed_raises():
    y = Tensor(np.ones(3), requires_grad=True) * 2.0
    with pytest.raises(ValueError, match=r"backward: the output has shape \(3,\)"):
        y.backward()
    with pytest.raises(ValueError, match="backward: seed gradient has shape"):
        y.backward(np.ones(4))


def test_backward_on_a_constant_raises():
    with pytest.raises(RuntimeError, match="backward"):
        (Tensor(1.0) * 2.0).backward()


def test_matmul_shape_error_names_the_operation_and_both_shapes():
    a = Tensor(np.ones((3, 4)), requires_grad=True)
    with pytest.raises(ValueError, match=r"matmul: .*\(3, 4\) and \(5, 2\)"):
        a @ np.ones((5, 2))
    with pytest.raises(ValueError, match=r"matmul: .*\(5, 2\) and \(3, 4\)"):
        np.ones((5, 2)) @ a
    with pytest.raises(ValueError, match="matmul"):
        a @ 2.0


@pytest.mark.parametrize("name", ["add", "sub", "mul", "div"])
def test_broadcast_error_names_the_operation_and_shapes(name):
    op = BINARY[name]
    with pytest.raises(ValueError, match=rf"{name}: cannot broadcast shapes \(3, 2\) and \(4,\)"):
        op(Tensor(np.ones((3, 2))), Tensor(np.ones(4)))


@pytest.mark.parametrize(
    "f, message",
    [
        (lambda x: x.log(), r"log: gradient became inf/nan \(input contains 0\?\)"),
        (lambda x: x.sqrt(), r"sqrt: gradient became inf/nan \(input contains 0\?\)"),
        (lambda x: 1.0 / x, r"div: gradient became inf/nan"),
        (lambda x: x**0.5, r"pow: gradient became inf/nan"),
    ],
)
def test_inf_or_nan_in_backward_names_the_operation(f, message):
    x = Tensor(np.array([1.0, 0.0]), requires_grad=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        y = (f(x) * 2.0).sum()
        with pytest.raises(FloatingPointError, match=message):
            y.backward()


@pytest.mark.parametrize("bad", [None, "abc", 1 + 2j, [[1.0, 2.0], [3.0]], {"a": 1}])
def test_bad_tensor_data_raises_type_error(bad):
    with pytest.raises(TypeError, match="Tensor"):
        Tensor(bad)


def test_bad_operands_and_arguments_raise_clear_errors():
    x = Tensor(np.ones((2, 3)), requires_grad=True)
    with pytest.raises(TypeError):
        x + "a"
    with pytest.raises(TypeError):
        x * Dual(1.0, 1.0)  # the two modes do not mix
    with pytest.raises(ValueError, match="dtype"):
        Tensor([1, 2], dtype=int)
    with pytest.raises(ValueError, match=r"reshape: cannot reshape shape \(2, 3\)"):
        x.reshape(4, 2)
    with pytest.raises(ValueError, match="transpose"):
        x.transpose(0, 0)
    with pytest.raises(ValueError, match="sum: .*axis 2"):
        x.sum(axis=2)
    with pytest.raises(IndexError, match="getitem"):
        x[5]
    with pytest.raises(TypeError, match="getitem"):
        x[Tensor([0.0])]
    with pytest.raises(ValueError, match="concatenate: cannot join shapes"):
        concatenate([x, np.ones((2, 2))], axis=0)
    with pytest.raises(TypeError, match="concatenate"):
        concatenate([x, Dual(np.ones((2, 3)))])
    with pytest.raises(ValueError, match="item"):
        x.item()
