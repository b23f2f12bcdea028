"""Chapter 8's exercise checks: right answers in any form pass, typical mistakes fail
with their message, and no message gives away a number or formula the exercise asks
for."""

import numpy as np
import pytest
import sympy as sp

from mathlib.exercise_checks import ch08
from mathlib.subgradients import soft_threshold

x, y, m = sp.symbols("x y m", real=True)


def test_exercise_1_partial_derivatives(accepts, rejects):
    fx = "3*x**2*y**2 + y*cos(x*y)"
    fy = "2*x**3*y + x*cos(x*y)"
    accepts(ch08.exercise_1, fx, fy)
    accepts(ch08.exercise_1, sp.diff(x**3 * y**2 + sp.sin(x * y), x),
            "x*(2*x**2*y + cos(x*y))")
    accepts(ch08.exercise_1, "cos(x y) y + 3 x^2 y^2", fy)
    assert "chain rule" in rejects(ch08.exercise_1, "3*x**2*y**2 + cos(x*y)", fy)
    assert "that is ∂f/∂y" in rejects(ch08.exercise_1, fy, fy)
    assert "held fixed" in rejects(ch08.exercise_1, f"{fx} + {fy}", fy)
    assert "+cos" in rejects(ch08.exercise_1, "3*x**2*y**2 - y*cos(x*y)", fy)
    assert "chain rule" in rejects(ch08.exercise_1, fx, "2*x**3*y + cos(x*y)")
    assert "that is ∂f/∂x" in rejects(ch08.exercise_1, fx, fx)
    message = rejects(ch08.exercise_1, "3*x**2*y**2", fy)
    assert "y*cos(x*y)" not in message
    assert "None" in rejects(ch08.exercise_1, None, fy)


def test_exercise_2_limit_along_lines(accepts, rejects):
    accepts(ch08.exercise_2, "(1 - m^2)/(1 + m^2)")
    accepts(ch08.exercise_2, 2 / (1 + m**2) - 1)
    assert "square the m" in rejects(ch08.exercise_2, "(1 - m)/(1 + m)")
    assert "x² - y²" in rejects(ch08.exercise_2, "(m**2 - 1)/(m**2 + 1)")
    assert "x-axis" in rejects(ch08.exercise_2, 1)
    assert "x ≠ 0" in rejects(ch08.exercise_2, 0)
    message = rejects(ch08.exercise_2, "1/(1 + m^2)")
    assert "1 - m" not in message and "m**2 + 1" not in message


def test_exercise_3_directional_derivative_and_steepest_rate(accepts, rejects):
    accepts(ch08.exercise_3, 2.2, np.sqrt(5))
    accepts(ch08.exercise_3, "11/5", "sqrt(5)")
    accepts(ch08.exercise_3, np.float64(2.2000000001), sp.sqrt(5))
    assert "length 1" in rejects(ch08.exercise_3, 11.0, np.sqrt(5))
    assert "from the point to the target" in rejects(ch08.exercise_3, -2.2, np.sqrt(5))
    assert "largest rate" in rejects(ch08.exercise_3, np.sqrt(5), np.sqrt(5))
    assert "not q" in rejects(ch08.exercise_3, 13 / np.sqrt(41), np.sqrt(5))
    assert "square root" in rejects(ch08.exercise_3, 2.2, 5.0)
    assert "along ∇f" in rejects(ch08.exercise_3, 2.2, 2.2)
    assert "absolute values" in rejects(ch08.exercise_3, 2.2, 3.0)
    for wrong in [(2.5, np.sqrt(5)), (2.2, 2.0)]:
        message = rejects(ch08.exercise_3, *wrong)
        assert "2.2 " not in message and "2.23" not in message and "11/5" not in message


def test_exercise_4_unit_tangent(accepts, rejects):
    accepts(ch08.exercise_4, np.array([-5.0, 3.0]) / np.sqrt(34))
    accepts(ch08.exercise_4, [5 / np.sqrt(34), -3 / np.sqrt(34)])  # the other way round
    assert "along the gradient" in rejects(ch08.exercise_4, np.array([3.0, 5.0]))
    assert "along the gradient" in rejects(ch08.exercise_4, [-3 / 34**0.5, -5 / 34**0.5])
    assert "length 5.831" in rejects(ch08.exercise_4, [-5.0, 3.0])
    assert "angle" in rejects(ch08.exercise_4, [1.0, 0.0])
    assert "2 numbers" in rejects(ch08.exercise_4, [1.0, 0.0, 0.0])
    assert "None" in rejects(ch08.exercise_4, None)
    assert "filled in" in rejects(ch08.exercise_4, ...)
    assert "zero vector" in rejects(ch08.exercise_4, [0.0, 0.0])
    assert "NaN" in rejects(ch08.exercise_4, [np.nan, 1.0])


def test_exercise_5_subdifferential_of_a_maximum(accepts, rejects):
    accepts(ch08.exercise_5, (0, 1), (1, 2))
    accepts(ch08.exercise_5, np.array([0.0, 1.0]), [1.0, 2.0])
    assert "smaller end first" in rejects(ch08.exercise_5, (1, 0), (1, 2))
    assert "smaller end first" in rejects(ch08.exercise_5, (0, 1), (2, 1))
    assert "single number" in rejects(ch08.exercise_5, (0, 1), (1.5, 1.5))
    assert "single number" in rejects(ch08.exercise_5, (1, 1), (1, 2))
    message = rejects(ch08.exercise_5, (0, 1), (1, 3))
    assert "too large" in message and "2" not in message.split("Hint")[0][-40:]
    assert "2 numbers" in rejects(ch08.exercise_5, 1.0, (1, 2))


def subgradient_at_kink_zero(w, x, y):
    return -y * x if y * (w @ x) < 1 else np.zeros_like(x)


def test_exercise_6_hinge_subgradient_accepts_every_element_at_the_kink(accepts):
    accepts(ch08.exercise_6, subgradient_at_kink_zero)
    accepts(ch08.exercise_6, lambda w, x, y: np.where(y * (w @ x) <= 1, -y * x, 0.0))
    accepts(ch08.exercise_6, lambda w, x, y: -y * x * (y * (w @ x) < 1)
            - 0.5 * y * x * (y * (w @ x) == 1))


def test_exercise_6_hinge_subgradient_rejects_typical_mistakes(rejects):
    assert "minus sign" in rejects(
        ch08.exercise_6, lambda w, x, y: -subgradient_at_kink_zero(w, x, y))
    assert "gradient is 0 there" in rejects(ch08.exercise_6, lambda w, x, y: -y * x)
    assert "contains the label" in rejects(
        ch08.exercise_6, lambda w, x, y: -x if y * (w @ x) < 1 else 0 * x)
    at_kink = rejects(  # right away from the kink, outside the segment on it
        ch08.exercise_6, lambda w, x, y: -2 * y * x if y * (w @ x) == 1
        else subgradient_at_kink_zero(w, x, y))
    assert "not a subgradient" in at_kink and "y wᵀx = 1" in at_kink
    raising = rejects(ch08.exercise_6, lambda w, x, y: 1 / 0)
    assert "ZeroDivisionError" in raising
    assert "3 numbers" in rejects(
        ch08.exercise_6, lambda w, x, y: 0.0 if y * (w @ x) == 1
        else subgradient_at_kink_zero(w, x, y))


def test_exercise_7_soft_threshold(accepts, rejects):
    accepts(ch08.exercise_7, soft_threshold)
    accepts(ch08.exercise_7, lambda a, lam: np.clip(a - lam, 0, None)
            - np.clip(-a - lam, 0, None))
    assert "overshoots" in rejects(ch08.exercise_7, lambda a, lam: a - lam * np.sign(a))
    assert "hard thresholding" in rejects(
        ch08.exercise_7, lambda a, lam: np.where(np.abs(a) > lam, a, 0.0))
    assert "not lam/2" in rejects(
        ch08.exercise_7,
        lambda a, lam: np.sign(a) * np.maximum(np.abs(a) - lam / 2, 0.0))
    assert "negative a" in rejects(ch08.exercise_7, lambda a, lam: np.maximum(a - lam, 0))
    looped = rejects(ch08.exercise_7, lambda a, lam: max(abs(a) - lam, 0))
    assert "raised" in looped


@pytest.mark.parametrize("check, arity", [
    (ch08.exercise_1, 2), (ch08.exercise_2, 1), (ch08.exercise_3, 2),
    (ch08.exercise_4, 1), (ch08.exercise_5, 2), (ch08.exercise_6, 1),
    (ch08.exercise_7, 1),
])
def test_unfinished_answers_get_a_message(rejects, check, arity):
    rejects(check, *[...] * arity)
    rejects(check, *[None] * arity)
