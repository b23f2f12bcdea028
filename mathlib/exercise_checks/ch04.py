"""Checks for the exercises of :doc:`/chapters/04-rules`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib.checks import CheckFailure, check_expr, check_function
from mathlib.functions import Composition, Function, compose, exp, sigmoid, sin, square

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6", "exercise_7"]

# The notebook's symbol: sp.Symbol("x") there is equal to this one.
_X = sp.Symbol("x")


def exercise_1(derivative) -> None:
    """d/dx x² e^(sin x): product rule and chain rule."""
    x, e = _X, sp.exp(sp.sin(_X))
    check_expr(
        derivative, 2 * x * e + x**2 * sp.cos(x) * e, name="Exercise 1",
        hint="use (uv)' = u'v + uv' with u = x² and v = e^(sin x), and the chain rule "
             "for v.",
        mistakes={
            "the derivative of e^(sin x) is e^(sin x)·cos x: the chain rule's inner "
            "factor cos x is missing.": 2 * x * e + x**2 * e,
            "the derivative of a product is not the product of the derivatives: use "
            "(uv)' = u'v + uv'.": 2 * x * sp.cos(x) * e,
        },
    )


def exercise_2(derivative) -> None:
    """d/dx sin(cos(x²)): the chain rule through three layers."""
    x = _X
    check_expr(
        derivative, -2 * x * sp.sin(x**2) * sp.cos(sp.cos(x**2)), name="Exercise 2",
        hint="three layers, three local derivatives: (sin u)' = cos u, (cos u)' = -sin "
             "u, (x²)' = 2x.",
        mistakes={
            "the innermost layer x² contributes a factor 2x.":
                -sp.sin(x**2) * sp.cos(sp.cos(x**2)),
            "the derivative of cos u is -sin u, not sin u.":
                2 * x * sp.sin(x**2) * sp.cos(sp.cos(x**2)),
            "the outer derivative cos must be evaluated at the inner value cos(x²), "
            "not at x.":
                -2 * x * sp.sin(x**2) * sp.cos(x),
        },
    )


def exercise_3(derivative) -> None:
    """d/dx (x² + 1)/(x² - 1): the quotient rule."""
    x = _X
    check_expr(
        derivative, -4 * x / (x**2 - 1) ** 2, name="Exercise 3",
        hint="(f/g)' = (f'g - fg') / g², with f = x² + 1 and g = x² - 1.",
        mistakes={
            "the numerator is f'g - fg', in that order; you have fg' - f'g, which "
            "flips the sign.": 4 * x / (x**2 - 1) ** 2,
            "the denominator of the quotient rule is g², not g.": -4 * x / (x**2 - 1),
            "the derivative of a quotient is not the quotient of the derivatives f'/g'."
            "": 1,
        },
    )


def exercise_4(softplus) -> None:
    """The derivative method of a Softplus Function: ln(1 + e^x) has derivative σ(x)."""
    if not isinstance(softplus, Function):
        raise CheckFailure("Exercise 4: expected the Function softplus = Softplus(), "
                           f"got {type(softplus).__name__}. Run the cell that defines "
                           "the class.")

    def derivative(x):  # as Function calls it: with a float array
        return softplus.derivative(np.asarray(x, dtype=float))

    check_function(
        derivative, sigmoid, [-4.0, -1.0, 0.0, 0.5, 2.0, 6.0], name="Exercise 4",
        vectorised=True,
        hint="chain rule: the derivative of ln(u) is u'/u, here with u = 1 + e^x.",
        mistakes={
            "you have 1/(1 + e^x): the chain rule's inner factor u' = e^x is missing.":
                lambda t: sigmoid(-t),
            "that is the value ln(1 + e^x) itself, not its derivative.":
                lambda t: np.log1p(np.exp(t)),
        },
    )


# The function of exercises 5 and 6, x ↦ e^(sin(x²)), from the library's Functions.
def _h5():
    return compose(exp, sin, square)


def exercise_5(h5) -> None:
    """The Composition for x ↦ e^(sin(x²)), built from mf.exp, mf.sin and mf.square."""
    points = [-1.5, -0.3, 0.0, 0.8, 1.7]
    if h5 is not None and h5 is not Ellipsis and not isinstance(h5, Composition):
        raise CheckFailure("Exercise 5: expected a Composition of the library's "
                           "mf.exp, mf.sin and mf.square, made with mf.compose(...) "
                           f"or @; got {type(h5).__name__}.")
    check_function(
        h5, _h5(), points, name="Exercise 5",
        hint="compose(f, g, h) is x ↦ f(g(h(x))): the function applied first comes "
             "last.",
        mistakes={
            "the order is reversed: compose(square, sin, exp) is x ↦ sin(e^x)²; in "
            "compose(f, g, h) the last function is applied first.":
                compose(square, sin, exp),
        },
    )
    check_function(
        h5.prime(), _h5().prime(), points, name="Exercise 5, derivative",
        hint="build h5 from the library's Functions mf.exp, mf.sin and mf.square, "
             "which know their derivatives; then h5.prime() multiplies them by the "
             "chain rule.",
    )


def exercise_6(chain_derivative) -> None:
    """The derivative of e^(sin(x²)) as a product of local derivatives."""
    check_function(
        chain_derivative, _h5().prime(), [-1.3, -0.4, 0.5, 1.1, 2.0], name="Exercise 6",
        hint="the local derivatives are 2x, cos(u1) and exp(u2), each at its own "
             "step's input.",
        mistakes={
            "sin' must be evaluated at u1 = x², not at x: cos(x²), not cos(x).":
                lambda t: 2 * t * np.cos(t) * np.exp(np.sin(t**2)),
            "the innermost step x² contributes a factor 2x.":
                lambda t: np.cos(t**2) * np.exp(np.sin(t**2)),
            "exp' must be evaluated at u2 = sin(x²), not at x.":
                lambda t: 2 * t * np.cos(t**2) * np.exp(t),
        },
    )


def exercise_7(derivative) -> None:
    """The fifth derivative of x² e^x by the Leibniz rule."""
    x = _X
    check_expr(
        derivative, (x**2 + 10 * x + 20) * sp.exp(x), name="Exercise 7",
        hint="sum over k of C(5, k)·(x²)^(k)·(e^x)^(5-k); (x²)^(k) is 0 for k > 2.",
        mistakes={
            "the binomial coefficients are missing: the terms carry C(5, 1) = 5 and "
            "C(5, 2) = 10.": (x**2 + 2 * x + 2) * sp.exp(x),
            "(x²)'' = 2, so the last term is C(5, 2)·2·e^x = 20 e^x.":
                (x**2 + 10 * x + 10) * sp.exp(x),
        },
    )
