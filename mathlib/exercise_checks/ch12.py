"""Checks for the exercises of :doc:`/chapters/12-newton`.

The references come from :mod:`mathlib.newton`, the library the chapter teaches: one
step of its ``newton_minimize`` for the Newton step, tried on quadratics, Rosenbrock's
function and a function with a saddle; its ``bfgs_update`` on random curvature pairs;
``newton_root`` for the rate at a triple root and the basins of the tutorial example.
Formulas are compared by SymPy equivalence.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib import newton
from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.testfunctions import quadratic, rosenbrock

__all__ = [
    "EXERCISE_3_SYMBOLS", "EXERCISE_6_DIGITS", "exercise_1", "exercise_2", "exercise_3",
    "exercise_4", "exercise_5", "exercise_6",
]

# Exercise 3: the notebook builds its formulas from these symbols.
_X, _A = sp.Symbol("x", real=True), sp.Symbol("a", positive=True)
EXERCISE_3_SYMBOLS = (_X, _A)
# Exercise 6: e_0 = 10^-1, C = 1, and the error asked for is 10^-EXERCISE_6_DIGITS.
EXERCISE_6_DIGITS = 100


# ------------------------------------------------------------------------------
# Exercise 1: one Newton step for a minimum, in code.

def _saddle_grad(v):
    return np.array([2 * v[0], v[1] ** 3 - 2 * v[1]])


def _saddle_hess(v):
    return np.diag([2.0, 3 * v[1] ** 2 - 2])


def _newton_cases() -> list[tuple]:
    """(grad, hess, x) on quadratics of 1 to 4 variables, Rosenbrock and a saddle."""
    rng = np.random.default_rng(121)
    cases = []
    for n in [1, 2, 3, 4]:
        M = rng.normal(size=(n, n))
        bowl = quadratic(M @ M.T + 0.5 * np.eye(n), rng.normal(size=n))
        bowl.grad.__name__, bowl.hess.__name__ = f"grad_bowl_{n}d", f"hess_bowl_{n}d"
        cases.append((bowl.grad, bowl.hess, rng.normal(size=n)))
    banana = rosenbrock()
    banana.grad.__name__, banana.hess.__name__ = "rosenbrock_grad", "rosenbrock_hess"
    for x in [[-1.2, 1.0], [0.5, 0.1], [1.5, 2.0]]:
        cases.append((banana.grad, banana.hess, np.array(x)))
    cases.append((_saddle_grad, _saddle_hess, np.array([0.1, 0.3])))
    return cases


def _step(grad, hess, x):
    return newton.newton_minimize(None, grad, hess, x, 1).path[-1]


def exercise_1(newton_step) -> None:
    """x − H(x)⁻¹∇f(x), on eight problems."""
    check_function(
        newton_step, _step, _newton_cases(), name="Exercise 1", rtol=1e-9, atol=1e-12,
        hint="solve the linear system H(x) d = −∇f(x) with np.linalg.solve and "
             "return x + d, the new point.",
        mistakes={
            "the step has the wrong sign: the Newton step solves H d = −∇f, and "
            "the new point is x + d.":
                lambda grad, hess, x: 2 * x - _step(grad, hess, x),
            "you returned the step d, not the new point x + d.":
                lambda grad, hess, x: _step(grad, hess, x) - x,
            "you multiplied the gradient by H; the step needs H⁻¹∇f, a linear "
            "solve.": lambda grad, hess, x: x - hess(x) @ grad(x),
            "you divided by the diagonal of H only; the off-diagonal entries matter "
            "unless H is diagonal.":
                lambda grad, hess, x: x - grad(x) / np.diag(hess(x)),
            "that is a gradient step with step size 1: the Hessian is missing.":
                lambda grad, hess, x: x - grad(x),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: the BFGS update of the inverse-Hessian approximation.

def _bfgs_cases() -> list[tuple]:
    """(H, s, y) with H symmetric positive definite and yᵀs > 0, n = 1 to 5."""
    rng = np.random.default_rng(122)
    cases = [(np.eye(2), np.array([1.0, 0.0]), np.array([2.0, 0.5]))]
    for n in [1, 2, 3, 3, 4, 5]:
        M, G = rng.normal(size=(n, n)), rng.normal(size=(n, n))
        s = rng.normal(size=n)
        cases.append((M @ M.T + 0.5 * np.eye(n), s, (G @ G.T + 0.5 * np.eye(n)) @ s))
    return cases


def _dfp(H, s, y):
    Hy = H @ y
    return H - np.outer(Hy, Hy) / (y @ Hy) + np.outer(s, s) / (y @ s)


def _hessian_form(H, s, y):
    Hs = H @ s
    return H - np.outer(Hs, Hs) / (s @ Hs) + np.outer(y, y) / (y @ s)


def _bfgs_rho(H, s, y, rho, swapped=False):
    n = len(s)
    V = np.eye(n) - rho * np.outer(y, s)          # I − ρ y sᵀ
    return (V @ H @ V.T if swapped else V.T @ H @ V) + rho * np.outer(s, s)


def exercise_2(bfgs_update) -> None:
    """H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs)."""
    check_function(
        bfgs_update, newton.bfgs_update, _bfgs_cases(), name="Exercise 2",
        rtol=1e-9, atol=1e-12,
        hint="with rho = 1 / (y @ s) and V = I - rho * np.outer(y, s), the update is "
             "V.T @ H @ V + rho * np.outer(s, s); your answer must satisfy H₊ y = s.",
        mistakes={
            "that is the DFP update, the other classical quasi-Newton formula; BFGS "
            "conjugates H by (I − ρ s yᵀ) on the left and (I − ρ y sᵀ) on the right.":
                _dfp,
            "that is the BFGS update of the Hessian approximation B; applied to the "
            "inverse approximation H it does not give H₊ y = s.": _hessian_form,
            "ρ is 1/(yᵀs), the curvature along the step, not 1/(sᵀs).":
                lambda H, s, y: _bfgs_rho(H, s, y, 1 / (s @ s)),
            "the two outer products are in the wrong order: the left factor is "
            "(I − ρ s yᵀ) and the right one (I − ρ y sᵀ).":
                lambda H, s, y: _bfgs_rho(H, s, y, 1 / (y @ s), swapped=True),
            "the term ρ s sᵀ is missing: without it H₊ y = 0 instead of s.":
                lambda H, s, y: _bfgs_rho(H, s, y, 1 / (y @ s))
                - np.outer(s, s) / (y @ s),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 3: Newton's iteration for 1/a, and its error constant.

def exercise_3(iteration, constant) -> None:
    """x_{k+1} = x(2 − a x) for f(x) = 1/x − a; e_{k+1}/e_k² → −a."""
    x, a = _X, _A
    check_expr(
        iteration, x * (2 - a * x), name="Exercise 3, the iteration",
        hint="f(x) = 1/x − a has f'(x) = −1/x²; simplify x − f(x)/f'(x) until no "
             "division is left.",
        mistakes={
            "check the sign of f'(x): the derivative of 1/x is −1/x².": a * x**2,
            "Newton's step divides f by f', not f' by f.":
                x - (-1 / x**2) / (1 / x - a),
            "that is the root itself, which needs a division; the iteration should "
            "use only multiplications and subtractions.": 1 / a,
            "that is the step −f(x)/f'(x), not the new point x − f(x)/f'(x).":
                x - a * x**2,
        },
    )
    check_expr(
        constant, -a, name="Exercise 3, the constant",
        hint="write x_{k+1} − 1/a in terms of e_k = x_k − 1/a, or evaluate "
             "f''(r)/(2f'(r)) at r = 1/a.",
        mistakes={
            "the sign is lost: e_{k+1} has the sign of the constant times e_k², "
            "and here every iterate after the first lies below 1/a.": a,
            "the factor ½ of the Taylor remainder is missing or doubled.": -2 * a,
            "the constant is f''(r)/(2f'(r)) at the root r = 1/a, not at x = a.":
                -1 / a,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the rate of Newton's method at a triple root.

def _triple_root_rate() -> float:
    """The measured ratio e_{k+1}/e_k for (x − 1)³ eˣ, checked against (m − 1)/m."""
    path = newton.newton_root(lambda x: (x - 1) ** 3 * math.exp(x),
                              lambda x: (x - 1) ** 2 * (x + 2) * math.exp(x), 2.0, 40)
    e = path - 1.0
    measured = e[31] / e[30]
    if abs(measured - 2 / 3) > 1e-5:      # O(e_30) ≈ 1e-6 from the limit
        raise RuntimeError(f"the triple-root ratio {measured} is not 2/3")
    return 2 / 3


def exercise_4(rate) -> None:
    """lim (x_{k+1} − 1)/(x_k − 1) for f(x) = (x − 1)³ eˣ: 2/3."""
    check_scalar(
        rate, _triple_root_rate(), name="Exercise 4", rtol=1e-3, atol=0,
        hint="write f = (x − 1)^m g(x) with g(1) ≠ 0 and simplify f/f' near x = 1; or "
             "run newton_root and divide successive errors.",
        mistakes={
            "½ is the factor at a double root; this root is triple.": 0.5,
            "1/m is what the step removes; the error keeps the rest.": 1 / 3,
            "the convergence is not quadratic here: f'(1) = 0.": 0.0,
            "that factor is above 1, which would mean divergence; invert your "
            "ratio.": 1.5,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the boundary between the basins of the tutorial example.

def _basin_boundary() -> float:
    """The start c where the Newton limit for x³ − 2x² + 2 switches from 0 to 4/3."""
    fp, fpp = (lambda x: 3 * x * x - 4 * x), (lambda x: 6 * x - 4)
    c = 2 / 3
    for offset in [1e-3, 0.1, 0.5]:     # the library confirms the two sides
        below = newton.newton_root(fp, fpp, c - offset, 60)[-1]
        above = newton.newton_root(fp, fpp, c + offset, 60)[-1]
        if abs(below) > 1e-9 or abs(above - 4 / 3) > 1e-9:
            raise RuntimeError("the basins of the example are not split at 2/3")
    return c


def exercise_5(boundary) -> None:
    """Starts below 2/3 go to the maximum 0, starts above to the minimum 4/3."""
    check_scalar(
        boundary, _basin_boundary(), name="Exercise 5", rtol=1e-6, atol=1e-9,
        hint="the second-order model turns from a downward to an upward parabola "
             "where f'' changes sign.",
        mistakes={
            "that is the local minimiser, where the iteration ends, not where the "
            "basins meet.": 4 / 3,
            "that is the local maximiser, the limit of the starts on one side.": 0.0,
            "2 is the start the tutorial used, inside the basin of the minimum.": 2.0,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: steps from quadratic convergence.

def exercise_6(num_steps) -> None:
    """The smallest k with 10^(−2^k) <= 10^(−100): e_k = (e_0)^(2^k) for C = 1."""
    digits = EXERCISE_6_DIGITS
    k = math.ceil(math.log2(digits))
    check_scalar(
        num_steps, k, name="Exercise 6", whole=True, rtol=0, atol=0,
        hint="with C = 1, e_1 = e_0², e_2 = e_0⁴, ...: find e_k in terms of e_0 and "
             "compare the exponents of 10.",
        mistakes={
            "that count belongs to linear convergence with factor 1/10, one digit "
            "per step; here the digits double.": digits - 1,
            "at that k the bound has not reached 10⁻¹⁰⁰ yet: round up.": k - 1,
            "the error after k steps is e_0^(2^k), not e_0^(2k).": digits // 2,
            "that is one digit per step from e_0 = 1; here e_0 = 10⁻¹ and the digits "
            "double.": digits,
        },
    )
