"""Checks for the exercises of :doc:`/chapters/16-autodiff`.

References come from the engines the chapter teaches, :mod:`mathlib.scalar` and
:mod:`mathlib.autodiff`; the tests compare them with central differences.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mathlib.autodiff import Tensor, jacobian, ops, vjp
from mathlib.checks import check_function, check_scalar
from mathlib.scalar import Scalar

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6", "EXERCISE_1_SHAPE", "EXERCISE_2_POINT", "EXERCISE_4_POINT",
           "normalize_rows", "exercise_5_cases", "exercise_6_cases"]

# Exercise 1: a classifier of 28 x 28 images into 10 classes.
EXERCISE_1_SHAPE = (28 * 28, 10)  # (inputs n, outputs m)
# Exercise 2: f(x, y) = (x y + sin x) x at this point.
EXERCISE_2_POINT = (0.5, 2.0)
# Exercise 4: h = x * x, y = h * h + h at this x, backward() twice.
EXERCISE_4_POINT = 2.0


def exercise_1(forward_passes, reverse_passes) -> None:
    """Passes for a full Jacobian: n JVPs in forward mode, m VJPs in reverse mode."""
    n, m = EXERCISE_1_SHAPE
    hint = ("one forward pass gives one column J e_j, one backward pass one row "
            "e_i^T J; count the columns and the rows of the Jacobian.")
    check_scalar(forward_passes, n, name="Exercise 1, forward mode", whole=True,
                 hint=hint, mistakes={
                     "that counts the rows; forward mode gives a column per pass.": m,
                     "that counts one side of the image, not its pixels.": 28,
                     "that is every entry of the Jacobian; one pass gives a whole "
                     "column.": n * m,
                 })
    check_scalar(reverse_passes, m, name="Exercise 1, reverse mode", whole=True,
                 hint=hint, mistakes={
                     "that counts the columns; reverse mode gives a row per pass.": n,
                     "one backward pass gives one row, the gradient of one output; "
                     "there are several outputs.": 1,
                     "that is every entry of the Jacobian; one pass gives a whole "
                     "row.": n * m,
                 })


def _exercise_2_graph(x_value: float, y_value: float) -> tuple[Scalar, Scalar, Scalar]:
    x, y = Scalar(x_value), Scalar(y_value)
    v3 = x * y + x.sin()
    return x, y, v3 * x


def exercise_2(adjoint_x, adjoint_y) -> None:
    """The adjoints of x and y for f = (x y + sin x) x, by the scalar engine.

    Hand arithmetic to five significant digits passes (rtol 1e-4).
    """
    x, y, f = _exercise_2_graph(*EXERCISE_2_POINT)
    f.backward()
    xv, yv = EXERCISE_2_POINT
    v3 = xv * yv + np.sin(xv)
    hint = ("x is used three times (in x y, in sin x and in the last product): its "
            "adjoint is the sum of three contributions, adjoint times local partial.")
    check_scalar(adjoint_x, x.grad, name="Exercise 2, adjoint of x", hint=hint,
                 rtol=1e-4, mistakes={
                     "you left out the direct use of x in the last product "
                     "(its local partial is v3).": x.grad - v3,
                     "you left out the path through sin x.": x.grad - xv * np.cos(xv),
                     "you left out the path through x y.": x.grad - xv * yv,
                     "the derivative of sin is cos, with a plus sign.":
                         x.grad - 2 * xv * np.cos(xv),
                 })
    check_scalar(adjoint_y, y.grad, name="Exercise 2, adjoint of y", rtol=1e-4,
                 hint="y reaches f only through v3 = x y + sin x, and v3 reaches f "
                      "through the product v3 x: multiply both local partials.",
                 mistakes={
                     "that is one factor x; y meets x twice on its way to f, in x y "
                     "and again in the product v3 x.": xv,
                     "that is the value of x y, not a derivative.": xv * yv,
                 })


def _softsign_reference(x: float) -> float:
    return x / (1.0 + abs(x))


def _softsign_derivative(x: float) -> float:
    return 1.0 / (1.0 + abs(x)) ** 2


def _run_softsign(softsign: Callable, x: float) -> tuple[Scalar, Scalar]:
    s = Scalar(x)
    out = softsign(s)
    if not isinstance(out, Scalar):
        raise TypeError(f"softsign returned {type(out).__name__}, not a Scalar; build "
                        "the result with Scalar.node(value, 'softsign', (x, partial))")
    out.backward()
    return s, out


def exercise_3(softsign) -> None:
    """softsign(x) = x / (1 + |x|) as a node of the scalar engine, with its partial."""
    points = [-3.0, -1.5, -0.2, 0.3, 1.0, 2.5]
    hint = ("the value is x / (1 + |x|); by the quotient rule, with |x|' = sign(x), "
            "the local partial is 1 / (1 + |x|)^2 on both sides of 0.")
    check_function(lambda x: _run_softsign(softsign, x)[1].value, _softsign_reference,
                   points, name="Exercise 3, value", hint=hint)
    check_function(
        lambda x: _run_softsign(softsign, x)[0].grad, _softsign_derivative, points,
        name="Exercise 3, derivative", hint=hint,
        mistakes={
            "the quotient rule gives a square in the denominator: 1 / (1 + |x|)^2.":
                lambda x: 1.0 / (1.0 + abs(x)),
            "right for x > 0 only: the derivative of |x| is sign(x), so for x < 0 the "
            "numerator 1 + |x| - x sign(x) is 1 as well.":
                lambda x: (1.0 + abs(x) - x) / (1.0 + abs(x)) ** 2,
            "a sign error: softsign increases, its derivative is positive.":
                lambda x: -_softsign_derivative(x),
        },
    )


def _exercise_4_grads(calls: int) -> tuple[float, float]:
    x = Tensor(EXERCISE_4_POINT, requires_grad=True)
    h = x * x
    y = h * h + h
    for _ in range(calls):
        y.backward()
    return float(h.grad), float(x.grad)


def exercise_4(grad_h, grad_x) -> None:
    """h.grad and x.grad after two backward() calls without zero_grad()."""
    one_h, one_x = _exercise_4_grads(1)
    want_h, want_x = _exercise_4_grads(2)
    rule = ("leaves (x) accumulate over backward() calls; intermediate tensors (h) are "
            "reset at the start of each call.")
    check_scalar(grad_h, want_h, name="Exercise 4, h.grad", hint=rule, mistakes={
        "h is an intermediate tensor: it is reset at the start of each call, so it "
        "does not add up over the two calls.": 2 * one_h,
    })
    check_scalar(grad_x, want_x, name="Exercise 4, x.grad", hint=rule, mistakes={
        "that is one call's gradient; x is a leaf and accumulates.": one_x,
        "that is what an engine that never resets intermediate nodes would give: the "
        "second call would pass h's stale adjoint on again.": one_x + 2 * one_h * 2 *
        EXERCISE_4_POINT,
    })


def exercise_5_cases() -> list[tuple[Callable, np.ndarray]]:
    """Functions and points of several shapes for exercise 5 (the same every call)."""
    rng = np.random.default_rng(165)
    cases = []
    for n, m in [(3, 2), (1, 4), (5, 1), (4, 4), (2, 6)]:
        A = rng.normal(size=(m, n))
        c = rng.normal(size=m)

        def f(x, A=A, c=c):
            return ops.tanh(A @ x) * c + (A @ x) ** 2

        cases.append((f, rng.normal(size=n)))
    return cases


def exercise_5(jacobian_by_vjps) -> None:
    """The Jacobian assembled row by row from m vector-Jacobian products."""
    def reference(f, x):
        return jacobian(f)(x).reshape(-1, x.size)

    def rows_of_sum(f, x):  # the seed u = ones in every row: the gradient of the sum
        m = np.size(f(x))
        return np.tile(vjp(f, x, np.ones(m))[1], (m, 1))

    check_function(
        jacobian_by_vjps, reference, exercise_5_cases(), name="Exercise 5",
        hint="for each output i, seed vjp with the unit vector e_i: the result "
             "e_i^T J is row i of J. Stack the rows into an m x n array.",
        mistakes={
            "every row is the same: seeding with all ones gives the gradient of the "
            "sum of the outputs, not one row.": rows_of_sum,
        },
    )


def normalize_rows(X):
    """Each row of X divided by its Euclidean norm (Tensor, Dual or array)."""
    return X / ((X * X).sum(axis=1, keepdims=True)) ** 0.5


def exercise_6_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    """(X, G) pairs of random shapes for exercise 6 (the same every call)."""
    rng = np.random.default_rng(166)
    shapes = [(1, 2), (3, 4), (5, 3), (2, 7), (4, 1), (6, 5)]
    return [(rng.normal(size=s), rng.normal(size=s)) for s in shapes]


def _normalize_rows_vjp(X: np.ndarray, G: np.ndarray) -> np.ndarray:
    return vjp(normalize_rows, X, G)[1]


def exercise_6(normalize_rows_vjp) -> None:
    """The VJP of Y = X / ||rows of X||: (G - (G·y) y) / r, row by row."""
    def norms(X, axis=1):
        return np.linalg.norm(X, axis=axis, keepdims=True)

    def no_projection(X, G):
        return G / norms(X)

    def plus_projection(X, G):
        Y = X / norms(X)
        return (G + (G * Y).sum(axis=1, keepdims=True) * Y) / norms(X)

    def no_division(X, G):
        Y = X / norms(X)
        return G - (G * Y).sum(axis=1, keepdims=True) * Y

    def whole_norm(X, G):
        Y = X / np.linalg.norm(X)
        return (G - (G * Y).sum(axis=1, keepdims=True) * Y) / np.linalg.norm(X)

    check_function(
        normalize_rows_vjp, _normalize_rows_vjp, exercise_6_cases(), name="Exercise 6",
        hint="for one row x with r = ||x|| and y = x / r, the Jacobian is "
             "(I - y y^T) / r; multiply g^T by it, row by row.",
        mistakes={
            "you treated the norm as a constant: moving x also changes r, which "
            "subtracts the component of g along y.": no_projection,
            "sign error in the projection: subtract (g·y) y.": plus_projection,
            "the Jacobian of x / r carries a factor 1/r.": no_division,
            "each row is divided by its own norm, not by the norm of the whole "
            "matrix.": whole_norm,
        },
    )
