"""Chapter 4's exercise checks: right answers in any form pass, typical mistakes
fail."""

import math

import numpy as np
import sympy as sp

from mathlib.exercise_checks import ch04
from mathlib.functions import Function, UserFunction, compose, exp, sigmoid, sin, square

x = sp.Symbol("x")


def test_exercise_1_product_and_chain_rule(accepts, rejects):
    accepts(ch04.exercise_1, sp.diff(x**2 * sp.exp(sp.sin(x)), x))
    accepts(ch04.exercise_1, "x*exp(sin(x))*(2 + x*cos(x))")
    accepts(ch04.exercise_1, "x e^(sin x) (2 + x cos x)")
    assert "cos x is missing" in rejects(
        ch04.exercise_1, "2*x*exp(sin(x)) + x**2*exp(sin(x))"
    )
    assert "product of the derivatives" in rejects(
        ch04.exercise_1, "2*x*cos(x)*exp(sin(x))"
    )
    assert "flipped" in rejects(ch04.exercise_1, "-x*exp(sin(x))*(2 + x*cos(x))")


def test_exercise_2_chain_rule_three_layers(accepts, rejects):
    accepts(ch04.exercise_2, sp.diff(sp.sin(sp.cos(x**2)), x))
    accepts(ch04.exercise_2, "-2 x sin(x^2) cos(cos(x^2))")
    assert "factor 2x" in rejects(ch04.exercise_2, "-sin(x**2)*cos(cos(x**2))")
    assert "-sin u" in rejects(ch04.exercise_2, "2*x*sin(x**2)*cos(cos(x**2))")
    assert "inner value" in rejects(ch04.exercise_2, "-2*x*sin(x**2)*cos(x)")


def test_missing_chain_rule_factor_is_described_without_the_answer(rejects):
    message = rejects(ch04.exercise_2, "-x*sin(x**2)*cos(cos(x**2))")  # 2x -> x
    assert (
        "constant factor" in message and "too small by a factor of about 2" in message
    )
    message = rejects(ch04.exercise_2, "-sin(x**2)*cos(cos(x**2))/x")
    assert (
        "x = 3/2" in message
        and "1/(2*x)" not in message
        and "times the right" not in message
    )


def test_exercise_3_quotient_rule(accepts, rejects):
    accepts(ch04.exercise_3, sp.diff((x**2 + 1) / (x**2 - 1), x))
    accepts(ch04.exercise_3, "(2*x*(x**2 - 1) - 2*x*(x**2 + 1))/(x**2 - 1)**2")
    assert "flips the sign" in rejects(ch04.exercise_3, "4*x/(x**2 - 1)**2")
    assert "g²" in rejects(ch04.exercise_3, "-4*x/(x**2 - 1)")
    assert "f'/g'" in rejects(ch04.exercise_3, "1")


class _Softplus(Function):
    name = "softplus"

    def __init__(self, derivative):
        self._d = derivative

    def value(self, t):
        return np.log1p(np.exp(t))

    def derivative(self, t):
        return self._d(t)


def _not_done(t):
    raise NotImplementedError("write this part")


def test_exercise_4_softplus_derivative_is_sigmoid(accepts, rejects):
    accepts(ch04.exercise_4, _Softplus(lambda t: 1 / (1 + np.exp(-t))))
    accepts(ch04.exercise_4, _Softplus(lambda t: sigmoid(t)))
    accepts(ch04.exercise_4, _Softplus(lambda t: np.exp(t) / (1 + np.exp(t))))
    assert "u' = e^x is missing" in rejects(
        ch04.exercise_4, _Softplus(lambda t: 1 / (1 + np.exp(t)))
    )
    assert "value" in rejects(ch04.exercise_4, _Softplus(lambda t: np.log1p(np.exp(t))))
    assert "NotImplementedError" in rejects(ch04.exercise_4, _Softplus(_not_done))
    assert "expected the Function" in rejects(ch04.exercise_4, lambda t: t)
    assert "got None" in rejects(ch04.exercise_4, _Softplus(lambda t: None))


def test_exercise_4_asks_for_arrays(rejects):
    message = rejects(ch04.exercise_4, _Softplus(lambda t: 1 / (1 + math.exp(-t))))
    assert "must also accept a NumPy array" in message and "TypeError" in message
    message = rejects(
        ch04.exercise_4, _Softplus(lambda t: np.mean(1 / (1 + np.exp(-t))))
    )
    assert "returned one number" in message


def test_exercise_5_composition_order(accepts, rejects):
    accepts(ch04.exercise_5, compose(exp, sin, square))
    accepts(ch04.exercise_5, exp @ sin @ square)
    accepts(ch04.exercise_5, exp @ compose(sin, square))
    assert "reversed" in rejects(ch04.exercise_5, compose(square, sin, exp))
    assert "not filled in" in rejects(ch04.exercise_5, ...)
    assert "Composition" in rejects(ch04.exercise_5, lambda t: np.exp(np.sin(t**2)))
    # the right values with a wrong derivative: not a Composition, or one that lies
    fake = UserFunction(lambda t: np.exp(np.sin(t**2)), lambda t: 0 * t)
    assert "got UserFunction" in rejects(ch04.exercise_5, fake)
    assert "derivative" in rejects(ch04.exercise_5, compose(fake))


def test_exercise_6_forward_pass_by_hand(accepts, rejects):
    accepts(ch04.exercise_6, lambda t: (exp @ sin @ square).prime()(t))
    accepts(ch04.exercise_6, lambda t: 2 * t * np.cos(t**2) * np.exp(np.sin(t**2)))
    wrong_point = lambda t: 2 * t * np.cos(t) * np.exp(np.sin(t**2))  # noqa: E731
    assert "not at x" in rejects(ch04.exercise_6, wrong_point)
    assert "factor 2x" in rejects(
        ch04.exercise_6, lambda t: np.cos(t**2) * np.exp(np.sin(t**2))
    )
    assert "u2" in rejects(ch04.exercise_6, lambda t: 2 * t * np.cos(t**2) * np.exp(t))


def test_exercise_7_leibniz_rule(accepts, rejects):
    accepts(ch04.exercise_7, sp.diff(x**2 * sp.exp(x), x, 5))
    accepts(ch04.exercise_7, "x^2 e^x + 10 x e^x + 20 e^x")
    assert "binomial" in rejects(ch04.exercise_7, "(x**2 + 2*x + 2)*exp(x)")
    assert "20 e^x" in rejects(ch04.exercise_7, "(x**2 + 10*x + 10)*exp(x)")
    assert "off by a constant" not in rejects(
        ch04.exercise_7, "(x**2 + 10*x + 21)*exp(x)"
    )
