"""Every public function of mathlib rejects bad input with a TypeError or ValueError
that names the argument: None, a string, NaN, a complex number, a wrong shape."""

import numpy as np
import pytest
import sympy as sp

from mathlib import (
    datasets,
    differentiability,
    functions,
    integrate,
    limits,
    nn,
    numdiff,
    optim,
    taylor,
)
from mathlib.autodiff import Dual, Tensor, grad, jacobian, jvp, ops, vjp

RNG = np.random.default_rng(0)
BAD = {"None": None, "string": "abc", "nan": np.nan, "complex": 1.0 + 2.0j}
ALL = ("None", "string", "nan", "complex")
NO_NAN = ("None", "string", "complex")  # NaN is a legitimate value here

# name: (argument, call with the bad value, the bad values that apply, a wrong shape)
X = sp.Symbol("x")
CASES = {
    "numdiff.forward_diff": (
        "x", lambda v: numdiff.forward_diff(np.sin, v, 0.1), ALL, None),
    "numdiff.backward_diff": (
        "h", lambda v: numdiff.backward_diff(np.sin, 1, v), ALL, None),
    "numdiff.central_diff": (
        "h", lambda v: numdiff.central_diff(np.sin, 1, v), ALL, None),
    "numdiff.richardson": (
        "x", lambda v: numdiff.richardson(np.sin, v, 0.1), ALL, None),
    "numdiff.complex_step": ("x", lambda v: numdiff.complex_step(np.sin, v), ALL, None),
    "numdiff.error_estimate": (
        "f_size", lambda v: numdiff.error_estimate("central", 0.1, v, 1), ALL, [1, 2]),
    "numdiff.best_step": (
        "deriv_size", lambda v: numdiff.best_step("forward", 1, v), ALL, [1, 2]),
    "numdiff.observed_order": (
        "errors", lambda v: numdiff.observed_order([0.1, 0.05], v), ALL, [[1, 0.5]]),
    "numdiff.gradient": ("x", lambda v: numdiff.gradient(np.sum, v), ALL, None),
    "numdiff.jacobian": (  # h = None is the default step
        "h", lambda v: numdiff.jacobian(np.sin, [1, 2], v), ALL[1:], [0.1]),
    "numdiff.hessian": ("x", lambda v: numdiff.hessian(np.sum, v), ALL, None),
    "numdiff.check_grad": (
        "x", lambda v: numdiff.check_grad(np.sum, np.ones_like, v), ALL, None),
    "taylor.taylor_eval": (
        "x0", lambda v: taylor.taylor_eval([1, 1], v, 1, 0.5), ALL, [0, 1]),
    "taylor.lagrange_bound": (
        "M", lambda v: taylor.lagrange_bound(v, 0, 0.5, 3), ALL, [1, 2]),
    "taylor.derivative_bound": (
        "x0", lambda v: taylor.derivative_bound("exp", 2, v, 1), ALL, [0, 1]),
    "taylor.partial_sums": (
        "x", lambda v: taylor.partial_sums(lambda k, t: t**k, v, 3), ALL, None),
    "taylor.smooth_nonanalytic": ("x", taylor.smooth_nonanalytic, ALL, None),
    "taylor.sin_reduced": ("x", taylor.sin_reduced, ALL, None),
    "taylor.series_coeffs": ("n", lambda v: taylor.series_coeffs("exp", v), ALL, [3]),
    "taylor.taylor_coeffs": (
        "n", lambda v: taylor.taylor_coeffs(sp.exp(X), X, 0, v), ALL, [3]),
    "limits.difference_quotient": (
        "h", lambda v: limits.difference_quotient(np.sin, 1, v), ALL, [0.1, 0.2]),
    "limits.punctured_grid": (
        "delta", lambda v: limits.punctured_grid(0, v), ALL, [0.1, 0.2]),
    "limits.delta_works": (
        "eps", lambda v: limits.delta_works(np.sin, 0, 0, v, 0.1), ALL, [0.1, 0.2]),
    "limits.largest_delta": (
        "limit", lambda v: limits.largest_delta(np.sin, 0, v, 0.1), ALL, [0, 1]),
    "differentiability.one_sided_quotients": (
        "a", lambda v: differentiability.one_sided_quotients(abs, v, 0.1), ALL, [0, 1]),
    "differentiability.zoom_deviation": (
        "width", lambda v: differentiability.zoom_deviation(np.abs, 0, v, 0), ALL,
        [1, 2]),
    "differentiability.change_and_differential": (
        "dx", lambda v: differentiability.change_and_differential(np.sin, np.cos, 1, v),
        ALL, None),
    "differentiability.weierstrass": (
        "x", lambda v: differentiability.weierstrass(v, 3), ALL, None),
    "differentiability.is_classical": (
        "a", lambda v: differentiability.is_classical(v, 13), ALL, [0.5, 0.6]),
    "differentiability.weierstrass_steps": (
        "x", lambda v: differentiability.weierstrass_steps(v, 1), ALL, [0, 1]),
    "differentiability.weierstrass_bound": (
        "m", lambda v: differentiability.weierstrass_bound(v), ALL, [1]),
    "integrate.riemann_sum": (
        "b", lambda v: integrate.riemann_sum(np.exp, 0, v, 4), ALL, [1, 2]),
    "integrate.trapezoid": (
        "n", lambda v: integrate.trapezoid(np.exp, 0, 1, v), ALL, [4]),
    "integrate.simpson": ("a", lambda v: integrate.simpson(np.exp, v, 1, 4), ALL, [0]),
    "integrate.cumulative_integral": (
        "a", lambda v: integrate.cumulative_integral(np.exp, v, 1, 4), ALL, [0]),
    "integrate.monte_carlo": (
        "rng", lambda v: integrate.monte_carlo(np.exp, 0, 1, 10, v), ALL, [RNG]),
    "integrate.transformed_density": (
        "y", lambda v: integrate.transformed_density(np.exp, np.log, np.exp)(v), ALL,
        None),
    "integrate.binned_density": (
        "samples", lambda v: integrate.binned_density(v, [0, 1]), ALL, [[0.5]]),
    "functions.sigmoid": ("x", functions.sigmoid, ALL, None),
    "functions.Composition.forward_pass": (
        "x", lambda v: (functions.sin @ functions.square).forward_pass(v), ALL, None),
    "functions.Linear": ("a", functions.Linear, ALL, [1, 2]),
    "functions.LeakyReLU": ("slope", functions.LeakyReLU, ALL, [0.1, 0.2]),
    "datasets.two_moons": (
        "noise", lambda v: datasets.two_moons(10, v, RNG), ALL, [0.1]),
    "datasets.circles": (
        "factor", lambda v: datasets.circles(10, 0.1, RNG, v), ALL, [0.5]),
    "nn.Linear": ("in_features", lambda v: nn.Linear(v, 2, RNG), ALL, [2]),
    "nn.Linear.__call__": ("x", lambda v: nn.Linear(1, 2, RNG)(v), ALL, None),
    "nn.mse": ("target", lambda v: nn.mse(np.ones(2), v), ALL, [1, 2, 3]),
    "nn.binary_cross_entropy": (
        "prediction", lambda v: nn.binary_cross_entropy(v, np.ones(1)), ALL, None),
    "nn.binary_cross_entropy(target)": (
        "target", lambda v: nn.binary_cross_entropy(np.zeros(1), v), ALL, [1.0, 0.0]),
    "nn.cross_entropy": (
        "labels", lambda v: nn.cross_entropy(np.zeros((2, 3)), v), ALL, [0, 1, 2]),
    "optim.SGD": ("lr", optim.SGD, ALL, [0.1, 0.2]),
    "optim.Adam": ("beta1", lambda v: optim.Adam(0.1, beta1=v), ALL, [0.9]),
    "optim.run": (
        "x0", lambda v: optim.run(lambda x: x, v, optim.SGD(0.1), 2), ALL, None),
    "autodiff.Tensor": ("data", Tensor, NO_NAN, None),
    "autodiff.Dual": (  # tangent = None is a constant
        "tangent", lambda v: Dual([1, 2], v), ("string", "complex"), [1.0]),
    "autodiff.grad": ("x", lambda v: grad(lambda t: t.sum())(v), ALL, None),
    "autodiff.jacobian": (
        "x", lambda v: jacobian(lambda t: t, "forward")(v), ALL, None),
    "autodiff.jvp": ("v", lambda v: jvp(lambda t: t, np.ones(2), v), ALL, [1.0]),
    "autodiff.vjp": ("u", lambda v: vjp(lambda t: t, np.ones(2), v), ALL, [1.0]),
    "autodiff.ops.tanh": ("x", ops.tanh, NO_NAN, None),
    "autodiff.ops.softmax": ("x", ops.softmax, NO_NAN, None),
    "autodiff.ops.maximum": ("x", lambda v: ops.maximum(v, 1.0), NO_NAN, None),
    "autodiff.ops.concatenate": (
        "piece", lambda v: ops.concatenate([v, np.ones(1)]), NO_NAN, None),
}


@pytest.mark.parametrize("kind", ["None", "string", "nan", "complex", "shape"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_raises_an_error_that_names_the_argument(name, kind):
    argument, call, kinds, wrong_shape = CASES[name]
    if kind == "shape":
        if wrong_shape is None:
            pytest.skip("any shape is valid for this argument")
        value = wrong_shape
    elif kind not in kinds:
        pytest.skip(f"{kind} is a valid value for this argument")
    else:
        value = BAD[kind]
    with pytest.raises((TypeError, ValueError)) as info:
        call(value)
    assert f"{argument} must" in str(info.value), str(info.value)
