"""Checks for the exercises of :doc:`/chapters/13-constraints`.

The references come from :mod:`mathlib.constrained`, the library the chapter teaches:
``equality_qp`` for the Lagrange system of exercise 1, ``dual_objective`` and
``dual_gradient`` for the two exercises that ask for code (tried on many random data
sets and multipliers), ``svm_dual`` for the dual variables and the margin of exercise 5.
The formulas of exercise 2 are compared by SymPy equivalence.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib import constrained
from mathlib.checks import (
    check_array,
    check_expr,
    check_function,
    check_scalar,
)

__all__ = [
    "EXERCISE_2_C", "EXERCISE_5_X", "EXERCISE_5_Y",
    "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
]

# Exercise 2: the right-hand side of the constraint x + y = c.
EXERCISE_2_C = sp.Symbol("c", real=True)
# Exercise 5: four labelled points.
EXERCISE_5_X = ((1, 1), (-1, -1), (2, 3), (-3, -1))
EXERCISE_5_Y = (1, -1, 1, -1)



# ------------------------------------------------------------------------------
# Exercise 1: a Lagrange system by hand.

def exercise_1(x_star, lam) -> None:
    """min 2x₁² + x₂² subject to x₁ + 2x₂ = 3, with L = f − λh."""
    x, mult = constrained.equality_qp(np.diag([4.0, 2.0]), np.zeros(2), [[1.0, 2.0]],
                                      [3.0])
    hint_x = ("solve 4x₁ = λ, 2x₂ = 2λ for x₁ and x₂ in terms of λ, and put them into "
              "the constraint.")
    mistakes = {
        "that point is the closest one to the origin on the line, the minimiser of "
        "x₁² + x₂²; this f weighs x₁ twice as much.":
            constrained.equality_qp(np.eye(2) * 2, np.zeros(2), [[1.0, 2.0]], [3.0])[0],
        "the two coordinates are swapped.": x[::-1],
    }
    check_array(x_star, x, name="Exercise 1, x*", hint=hint_x, mistakes=mistakes)
    hint_lam = ("with L = f − λh, the condition is ∇f = λ∇h; read λ off either "
                "component at x*.")
    check_scalar(
        lam, mult[0], name="Exercise 1, λ", hint=hint_lam,
        mistakes={
            "that is the multiplier of the convention L = f + λh; this book writes "
            "L = f − λh, so ∇f = λ∇h.": -mult[0],
            "that is the minimum value f(x*), not the multiplier.":
                2 * x[0] ** 2 + x[1] ** 2,
            "off by a factor of 2: ∇h = (1, 2), so the second component reads "
            "2x₂ = 2λ.": mult[0] / 2,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: the minimum and the multiplier as functions of the right-hand side.

def exercise_2(best_value, multiplier) -> None:
    """min x² + 4y² s.t. x + y = c: f*(c) = 4c²/5 and λ(c) = 8c/5."""
    c = EXERCISE_2_C
    check_expr(
        best_value, sp.Rational(4, 5) * c**2, name="Exercise 2, f*(c)",
        hint="solve 2x = λ, 8y = λ, x + y = c, then evaluate x² + 4y² there.",
        mistakes={
            "that is the minimum of x² + y² on the line; the weight 4 on y² changes "
            "where the minimiser is.": c**2 / 2,
            "that is the multiplier, not the minimum value.": sp.Rational(8, 5) * c,
        },
    )
    check_expr(
        multiplier, sp.Rational(8, 5) * c, name="Exercise 2, λ(c)",
        hint="with L = f − λ(x + y − c), ∇f = λ∇h gives 2x = λ and 8y = λ; or use "
             "that λ is the derivative of f*(c) with respect to c.",
        mistakes={
            "the sign: this book writes L = f − λh, so ∇f = λ∇h and λ has the sign of "
            "c here.": -sp.Rational(8, 5) * c,
            "that is f*(c)/c; the multiplier is the derivative of f*(c), which is "
            "twice that for a quadratic.": sp.Rational(4, 5) * c,
            "that is the minimum value, not the multiplier.": sp.Rational(4, 5) * c**2,
        },
    )


# ------------------------------------------------------------------------------
# Exercises 3 and 4: the SVM dual objective and its gradient in code.

def _dual_cases() -> list[tuple]:
    """(alpha, X, y) for random data of several sizes, α >= 0 not always feasible."""
    rng = np.random.default_rng(1303)
    cases = []
    for m, n in [(2, 1), (3, 2), (4, 2), (5, 3), (6, 2), (8, 4), (3, 3), (10, 2)]:
        y = np.where(np.arange(m) % 2 == 0, 1.0, -1.0)
        rng.shuffle(y)
        cases.append((rng.uniform(0, 2, size=m), rng.normal(size=(m, n)), y))
    return cases


def exercise_3(dual_objective) -> None:
    """q(α) = Σα_i − ½ΣΣ α_i α_j y_i y_j x_iᵀx_j, on eight random data sets."""
    def w_of(alpha, X, y):
        return X.T @ (alpha * y)

    check_function(
        dual_objective, constrained.dual_objective, _dual_cases(), name="Exercise 3",
        rtol=1e-9, atol=1e-12,
        hint="the double sum is ‖w‖² with w = Σ α_i y_i x_i = X.T @ (alpha * y); "
             "return alpha.sum() minus half of it.",
        mistakes={
            "the factor ½ in front of the double sum is missing.":
                lambda a, X, y: a.sum() - w_of(a, X, y) @ w_of(a, X, y),
            "the labels are missing: the double sum has y_i y_j.":
                lambda a, X, y: a.sum() - 0.5 * (X.T @ a) @ (X.T @ a),
            "the sign of the quadratic term: the dual subtracts it (it is concave).":
                lambda a, X, y: a.sum() + 0.5 * w_of(a, X, y) @ w_of(a, X, y),
            "the linear term Σ α_i is missing.":
                lambda a, X, y: -0.5 * w_of(a, X, y) @ w_of(a, X, y),
        },
    )


def exercise_4(dual_gradient) -> None:
    """∂q/∂α_i = 1 − y_i x_iᵀ Σ_j α_j y_j x_j, on eight random data sets."""
    def inner(alpha, X, y):
        return X @ (X.T @ (alpha * y))          # x_iᵀ w for every i

    check_function(
        dual_gradient, constrained.dual_gradient, _dual_cases(), name="Exercise 4",
        rtol=1e-9, atol=1e-12,
        hint="differentiate q(α) = Σα_i − ½‖w(α)‖² with w(α) = Σ α_j y_j x_j; the "
             "answer is an array with one entry per point.",
        mistakes={
            "the label y_i in front is missing: ∂w/∂α_i = y_i x_i.":
                lambda a, X, y: 1 - inner(a, X, y),
            "a factor ½ too many: the derivative of ½‖w‖² is wᵀ ∂w/∂α_i, and the ½ "
            "cancels the 2.": lambda a, X, y: 1 - 0.5 * y * inner(a, X, y),
            "the sign: this is the gradient of −q, of the dual as a minimisation.":
                lambda a, X, y: y * inner(a, X, y) - 1,
            "the 1 from Σ α_i is missing.": lambda a, X, y: -y * inner(a, X, y),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the dual variables and the margin of a four-point SVM.

def exercise_5(alpha, margin) -> None:
    """α and 2/‖w‖ of the hard-margin SVM on the four points of EXERCISE_5_X."""
    X, y = np.array(EXERCISE_5_X, float), np.array(EXERCISE_5_Y, float)
    sol = constrained.svm_dual(X, y)
    hint_alpha = ("guess the support vectors from a sketch, then use "
                  "w = Σ α_i y_i x_i, Σ α_i y_i = 0 and y_s(wᵀx_s + b) = 1 for each "
                  "support vector.")
    mistakes = {
        "these are α_i y_i (what scikit-learn stores as dual_coef_), not α_i: the "
        "dual variables are never negative.": sol.alpha * y,
        "with these α, w = Σ α_i y_i x_i is twice too long: the support vectors would "
        "have y(wᵀx + b) = 2, not 1.": 2 * sol.alpha,
        "with these α, w is half as long as it must be: the support vectors would have "
        "y(wᵀx + b) = ½, not 1.": sol.alpha / 2,
    }
    check_array(alpha, sol.alpha, name="Exercise 5, α", atol=1e-6, hint=hint_alpha,
                mistakes=mistakes)
    norm_w = np.linalg.norm(sol.w)
    check_scalar(
        margin, sol.margin, name="Exercise 5, margin", rtol=1e-6,
        hint="the margin is the width of the band between wᵀx + b = 1 and "
             "wᵀx + b = −1.",
        mistakes={
            "that is 1/‖w‖, the distance from the boundary to a support vector: the "
            "margin is the whole band, on both sides.": 1 / norm_w,
            "that is ‖w‖; the margin is inversely proportional to it.": norm_w,
            "that is 2/‖w‖²; the distance of the hyperplanes wᵀx + b = ±1 divides by "
            "‖w‖, not its square.": 2 / norm_w**2,
        },
    )
