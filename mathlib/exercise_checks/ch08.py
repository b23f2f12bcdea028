"""Checks for the exercises of :doc:`/chapters/08-gradients`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib.checks import (
    CheckFailure,
    check_array,
    check_expr,
    check_function,
    check_scalar,
)
from mathlib.checks._values import real_values
from mathlib.directions import directional_derivative, steepest_ascent
from mathlib.numdiff import backward_diff, forward_diff, gradient
from mathlib.subgradients import hinge, hinge_loss_subdifferential, soft_threshold

__all__ = [
    "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "exercise_6",
    "exercise_7", "EXERCISE_3_POINT", "EXERCISE_3_TARGET", "EXERCISE_4_POINT",
]

# The notebook's symbols: sp.symbols("x y m", real=True) there.
_X, _Y, _M = sp.symbols("x y m", real=True)
# Exercise 3: f(x, y) = x e^y at this point, moving towards the target point.
EXERCISE_3_POINT, EXERCISE_3_TARGET = (2.0, 0.0), (5.0, 4.0)
# Exercise 4: the level curve of x² + xy + 2y² through this point.
EXERCISE_4_POINT = (1.0, 1.0)


def _fail(name: str, problem: str, hint: str | None = None) -> CheckFailure:
    return CheckFailure(f"{name}: {problem}" + (f" Hint: {hint}" if hint else ""))


def _numbers(value, name: str, size: int) -> np.ndarray:
    """``value`` as a float vector of ``size`` finite numbers, or a clear failure.

    The checks' own reader does the conversion, so that SymPy numbers, text, huge
    integers and odd objects get a message within the time budget."""
    what = f"{size} numbers" if size > 1 else "a number"
    arr = real_values(value, name, what)
    if arr.size != size:
        raise _fail(name, f"expected {what}, got {arr.size}.")
    if arr.ndim > 1:
        raise _fail(name, f"expected {what} in a flat list or tuple, got an array of "
                    f"shape {arr.shape}.")
    if not np.all(np.isfinite(arr)):
        raise _fail(name, "the answer contains infinity.")
    return arr.reshape(size)


def exercise_1(dfdx, dfdy) -> None:
    """The partial derivatives of x³y² + sin(xy)."""
    f = _X**3 * _Y**2 + sp.sin(_X * _Y)
    fx, fy = sp.diff(f, _X), sp.diff(f, _Y)
    chain = ("the chain rule: sin(xy) changes with {v} at the rate cos(xy) times "
             "∂(xy)/∂{v}.")
    check_expr(
        dfdx, fx, name="Exercise 1, ∂f/∂x",
        hint="hold y fixed: it is a constant factor, as in d/dx (3x) = 3.",
        mistakes={
            chain.format(v="x"): 3 * _X**2 * _Y**2 + sp.cos(_X * _Y),
            "that is ∂f/∂y: differentiate with respect to x.": fy,
            "y is held fixed in ∂f/∂x; you also differentiated with respect to y.":
                fx + fy,
            "the derivative of sin is +cos.": 3 * _X**2 * _Y**2 - _Y * sp.cos(_X * _Y),
        },
    )
    check_expr(
        dfdy, fy, name="Exercise 1, ∂f/∂y",
        hint="hold x fixed: x³ is a constant factor of y².",
        mistakes={
            chain.format(v="y"): 2 * _X**3 * _Y + sp.cos(_X * _Y),
            "that is ∂f/∂x: differentiate with respect to y.": fx,
            "x is held fixed in ∂f/∂y; you also differentiated with respect to x.":
                fx + fy,
        },
    )


def exercise_2(limit_along_line) -> None:
    """The value of (x² - y²)/(x² + y²) on the line y = m x, as a function of m."""
    h = (_X**2 - _Y**2) / (_X**2 + _Y**2)
    along = sp.simplify(h.subs(_Y, _M * _X))
    check_expr(
        limit_along_line, along, name="Exercise 2",
        hint="substitute y = m x; the factor x² cancels.",
        mistakes={
            "square the m as well: y² = m² x².": (1 - _M) / (1 + _M),
            "the numerator is x² - y², not y² - x².": -along,
            "that is the value on the x-axis (m = 0) only; keep m as a symbol.": 1,
            "that is the value of h at the origin; on the line, x ≠ 0 and y = m x.": 0,
        },
    )


def _exercise_3_f(p):
    return p[0] * np.exp(p[1])


def exercise_3(rate_towards, steepest_rate) -> None:
    """D_u f at (2, 0) towards (5, 4) for f = x e^y, and the largest rate there."""
    p, q = np.array(EXERCISE_3_POINT), np.array(EXERCISE_3_TARGET)
    u = (q - p) / np.linalg.norm(q - p)
    grad_p = gradient(_exercise_3_f, p)
    rate = directional_derivative(_exercise_3_f, p, u)
    steepest = directional_derivative(_exercise_3_f, p, steepest_ascent(grad_p))
    check_scalar(
        rate_towards, rate, name="Exercise 3, rate towards (5, 4)", rtol=1e-6,
        hint="∇f(2, 0) · u with u the unit vector from (2, 0) towards (5, 4).",
        mistakes={
            "u must have length 1: divide q - p by its length.":
                float(grad_p @ (q - p)),
            "the direction goes from the point to the target, q - p.": -rate,
            "that is the largest rate, along the gradient; the rate towards (5, 4) is "
            "∇f · u for that direction.": steepest,
            "the direction is q - p, the vector from the point to the target, not q.":
                float(grad_p @ q / np.linalg.norm(q)),
        },
    )
    check_scalar(
        steepest_rate, steepest, name="Exercise 3, largest rate", rtol=1e-6,
        hint="the rate is largest along ∇f, and equals its length there.",
        mistakes={
            "that is ‖∇f‖², the length squared: take the square root.":
                float(grad_p @ grad_p),
            "that is the rate towards (5, 4); the largest rate is along ∇f.": rate,
            "the length of a vector is the square root of the sum of squares, not the "
            "sum of the absolute values.": float(np.sum(np.abs(grad_p))),
        },
    )


def _exercise_4_f(p):
    return p[0] ** 2 + p[0] * p[1] + 2 * p[1] ** 2


def exercise_4(tangent) -> None:
    """A unit tangent vector to the level curve of x² + xy + 2y² through (1, 1)."""
    name = "Exercise 4"
    v = _numbers(tangent, name, 2)
    p = np.array(EXERCISE_4_POINT)
    g = gradient(_exercise_4_f, p)
    length = float(np.linalg.norm(v))
    if length == 0:
        raise _fail(name, "the zero vector has no direction.")
    cosine = float(g @ v / (np.linalg.norm(g) * length))
    if abs(cosine) > 1 - 1e-6:
        raise _fail(name, "that vector points along the gradient, across the level "
                    "curve (the direction of fastest change).",
                    "the tangent is perpendicular to ∇f(1, 1).")
    if abs(cosine) > 1e-6:
        angle = np.degrees(np.arccos(abs(cosine)))
        raise _fail(name, f"that direction makes an angle of {angle:.1f}° with the "
                    "gradient (or its negative), so f changes along it.",
                    "a tangent to a level curve is perpendicular to the gradient; in "
                    "the plane, (a, b) is perpendicular to (-b, a).")
    if abs(length - 1) > 1e-6:
        raise _fail(name, f"the direction is right, but the vector has length "
                    f"{length:.4g}; a unit vector has length 1.", "divide it by its norm.")
    rate = directional_derivative(_exercise_4_f, p, v / length)
    if abs(rate) > 1e-6:  # the definition; the angle test above catches it first
        raise _fail(name, f"f changes at the rate {rate:.3g} along it.")
    print(f"\N{CHECK MARK} {name}: a unit vector perpendicular to ∇f(1, 1), along which "
          "f does not change.")


def _max_x_x2(x):
    return np.maximum(x, x**2)


def exercise_5(at_0, at_1) -> None:
    """The subdifferentials of max(x, x²) at 0 and at 1, as (low, high)."""
    step = 1e-7  # one-sided quotients of these polynomial pieces are off by O(step)
    for name, point, answer in [("Exercise 5, at x = 0", 0.0, at_0),
                                ("Exercise 5, at x = 1", 1.0, at_1)]:
        expected = np.array([backward_diff(_max_x_x2, point, step),
                             forward_diff(_max_x_x2, point, step)])
        got = _numbers(answer, name, 2)
        hint = ("at a kink the subdifferential is [f'₋, f'₊]: find which piece is larger "
                "just left of the point and just right of it, and take their slopes.")
        if np.allclose(got[::-1], expected, atol=1e-5) and got[0] > got[1]:
            raise _fail(name, "write the interval as (low, high), the smaller end first.")
        if np.isclose(got[0], got[1], atol=1e-5):
            raise _fail(name, "a single number is the subdifferential where f is "
                        "differentiable; here the two pieces x and x² meet at a corner.",
                        hint)
        check_array(got, expected, name=name, atol=1e-5, rtol=1e-5, hint=hint)


def _loss(w, x, y):
    return float(hinge(y * (w @ x)))


def _hinge_gradient(w, x, y):
    start, _ = hinge_loss_subdifferential(w, x, y)
    return start  # away from the kink the segment is a single point


# Exercise 6: points away from the kink (one gradient each) and points on it.
_HINGE_SMOOTH = [
    (np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.5, -0.2]), 1),     # margin -0.4
    (np.array([0.2, 0.3, 0.1]), np.array([-1.0, 2.0, 1.5]), -1),     # margin -0.55
    (np.array([2.0, 1.0, 0.0]), np.array([1.0, 1.0, 3.0]), 1),       # margin 3
    (np.array([-1.0, 0.5, 0.5]), np.array([2.0, -1.0, 0.0]), -1),    # margin 2.5
    (np.array([0.1, 0.1, 0.1]), np.array([1.0, 1.0, 1.0]), 1),       # margin 0.3
]
_HINGE_KINK = [  # y wᵀx = 1 exactly in floating point (small dyadic numbers)
    (np.array([1.0, 0.0, 0.0]), np.array([1.0, 2.0, -1.0]), 1),
    (np.array([0.5, 0.25, 0.0]), np.array([-1.0, -2.0, 3.0]), -1),
    (np.array([0.0, -0.5, 1.0]), np.array([4.0, 2.0, 2.0]), 1),
]


def exercise_6(hinge_subgradient) -> None:
    """A subgradient of max(0, 1 - y wᵀx) with respect to w, at any w."""
    name = "Exercise 6"
    check_function(
        hinge_subgradient, _hinge_gradient, _HINGE_SMOOTH, name=name,
        hint="with z = y wᵀx, the loss is 1 - z where z < 1 and 0 where z > 1; the "
             "gradient of z with respect to w is y x.",
        mistakes={
            "the loss falls as the margin y wᵀx grows: its gradient is -y x, with a "
            "minus sign.": lambda w, x, y: -_hinge_gradient(w, x, y),
            "where y wᵀx > 1 the loss is 0 on a neighbourhood of w, so its gradient "
            "is 0 there.": lambda w, x, y: -y * x,
            "the margin y wᵀx contains the label y: the gradient is -y x, not -x.":
                lambda w, x, y: np.where(y * (w @ x) < 1, -x, 0.0),
        },
    )
    for w, x, y in _HINGE_KINK:
        at = f"(w = {w.tolist()}, x = {x.tolist()}, y = {y}), where y wᵀx = 1"
        try:
            g = hinge_subgradient(w.copy(), x.copy(), y)
        except Exception as exc:  # noqa: BLE001 - any student error becomes a message
            raise _fail(name, f"your function raised {type(exc).__name__}: {exc} at "
                        f"{at}.") from None
        g = _numbers(g, name, 3)
        start, end = hinge_loss_subdifferential(w, x, y)
        # g must be (1 - t) start + t end with t in [0, 1]; here end = 0.
        t = 1 - float(g @ start) / float(start @ start)
        on_line = np.allclose(g, (1 - t) * start + t * end, atol=1e-9)
        if not (on_line and -1e-9 <= t <= 1 + 1e-9):
            raise _fail(name, f"at {at} you returned {np.round(g, 6).tolist()}, which "
                        f"is not a subgradient: the subgradients there are the vectors "
                        f"from {start.tolist()} to {end.tolist()}.",
                        "at the kink any -t y x with 0 <= t <= 1 works; your code may "
                        "return either one-sided gradient, or something in between.")
    print(f"\N{CHECK MARK} {name}: a subgradient at all {len(_HINGE_KINK)} points on the "
          "kink too.")


_PROX_POINTS = [
    (np.array([-3.0, -1.2, -0.5, 0.0, 0.3, 0.99, 1.01, 2.5]), 1.0),
    (np.array([-0.4, 0.1, 0.6]), 0.5),
    (np.array([4.0, -4.0, 0.05]), 0.05),
    (np.array([1.5, -2.0]), 0.0),
]


def exercise_7(prox_abs) -> None:
    """The minimiser of lam |x| + (x - a)² / 2, elementwise: the soft threshold."""
    check_function(
        prox_abs, soft_threshold, _PROX_POINTS, name="Exercise 7",
        hint="solve 0 ∈ lam ∂|x| + (x - a) in three cases, x > 0, x < 0 and x = 0; use "
             "np.sign, np.abs and np.maximum so that it works on arrays.",
        mistakes={
            "for |a| <= lam the minimiser is exactly 0 (0 ∈ lam [-1, 1] - a); "
            "a - lam sign(a) overshoots past zero there.":
                lambda a, lam: a - lam * np.sign(a),
            "that is hard thresholding: values above lam must also shrink, by lam.":
                lambda a, lam: np.where(np.abs(a) > lam, a, 0.0),
            "the derivative of (x - a)²/2 is x - a, so the shrinkage is lam, not lam/2.":
                lambda a, lam: np.sign(a) * np.maximum(np.abs(a) - lam / 2, 0.0),
            "negative a are shrunk towards 0 too, by lam.":
                lambda a, lam: np.maximum(a - lam, 0.0),
        },
    )
