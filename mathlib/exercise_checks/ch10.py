"""Checks for the exercises of :doc:`/chapters/10-gradient-descent`.

The references come from :mod:`mathlib.descent`, the library the chapter teaches: its
``gradient_descent`` and ``backtracking`` for the two exercises that ask for code, tried on
quadratics of several sizes and on Rosenbrock's function; ``linear_rate`` for the
iteration count. The formulas are compared by SymPy equivalence.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib import descent
from mathlib.checks import CheckFailure, check_expr, check_function, check_scalar
from mathlib.testfunctions import quadratic, rosenbrock

__all__ = [
    "EXERCISE_3_SYMBOLS", "EXERCISE_4_X", "EXERCISE_5_KAPPA", "EXERCISE_5_FACTOR",
    "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "exercise_6",
]

# Exercise 3: the notebook builds its formulas from these symbols.
_MU, _L, _KAPPA = sp.symbols("mu L kappa", positive=True)
EXERCISE_3_SYMBOLS = (_MU, _L, _KAPPA)
# Exercise 4: the data matrix of the least-squares loss ½‖Xw − y‖².
EXERCISE_4_X = ((1, 2, 0), (0, 1, 1), (2, 0, 1), (1, 1, 1), (0, 3, 1), (1, 0, 2))
# Exercise 5: the condition number and the reduction of the error asked for.
EXERCISE_5_KAPPA, EXERCISE_5_FACTOR = 100, 1e-6


def _fail(name: str, problem: str, hint: str) -> CheckFailure:
    return CheckFailure(f"{name}: {problem} Hint: {hint}")


# ------------------------------------------------------------------------------
# Exercise 1: gradient descent in code, returning every iterate.

def _quadratic_cases() -> list[tuple]:
    """(grad, x0, lr, num_iters) on quadratic bowls of dimension 1 to 4."""
    rng = np.random.default_rng(101)
    cases = []
    for n, lr, num_iters in [(1, 0.3, 5), (2, 0.1, 8), (3, 0.05, 12), (2, 0.25, 6),
                             (4, 0.02, 10), (1, 0.9, 4), (3, 0.15, 1), (2, 0.2, 0)]:
        M = rng.normal(size=(n, n))
        problem = quadratic(M @ M.T + np.eye(n), rng.normal(size=n),
                            name=f"a quadratic in {n} variables")
        grad = problem.grad
        grad.__name__ = f"grad_of_quadratic_{n}d"
        cases.append((grad, rng.normal(size=n), lr, num_iters))
    return cases


def _ascent(grad, x0, lr, num_iters):
    return descent.gradient_descent(lambda x: -np.asarray(grad(x)), x0, lr, num_iters)


def _all_rows_last(grad, x0, lr, num_iters):
    path = descent.gradient_descent(grad, x0, lr, num_iters)
    return np.repeat(path[-1:], len(path), axis=0)


def exercise_1(gradient_descent) -> None:
    """x_{k+1} = x_k − lr ∇f(x_k): the array of x_0, ..., x_num_iters."""
    name = "Exercise 1"
    hint = ("start from a float copy of x0, record it, then repeat num_iters times: "
            "x = x - lr * grad(x) and record the new x; return np.array of the "
            "records, of shape (num_iters + 1, len(x0)).")
    cases = _quadratic_cases()
    if callable(gradient_descent):
        grad, x0, lr, num_iters = cases[1]
        kept = x0.copy()
        try:
            got = np.asarray(gradient_descent(grad, x0, lr, num_iters))
        except Exception:  # noqa: BLE001 - check_function reports it
            got = None
        if not np.array_equal(x0, kept):
            raise _fail(name, "your function changed x0 in place: the caller's starting "
                        "point must not move.", "copy it first, x = np.array(x0, "
                        "dtype=float), and update the copy.")
        if got is not None and got.dtype.kind in "iuf":
            if got.shape == (num_iters, len(x0)):
                raise _fail(name, f"for num_iters = {num_iters} your array has "
                            f"{num_iters} rows; the path starts with x0, so it has "
                            f"{num_iters + 1}.", hint)
            if got.shape == x0.shape:
                raise _fail(name, "you returned one point; return every iterate, "
                            "x0 included, one per row.", hint)
    check_function(
        gradient_descent, descent.gradient_descent, cases, name=name, hint=hint,
        rtol=1e-9, atol=1e-12,
        mistakes={
            "the step goes up the gradient; descent subtracts lr * grad(x).": _ascent,
            "every row is the last point: you recorded the same array again and again "
            "and then changed it in place (x -= ...). Record a copy, or write "
            "x = x - lr * grad(x), which makes a new array.": _all_rows_last,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: a backtracking line search with the Armijo condition.

def _line_search_cases() -> list[tuple]:
    """(f, grad, x, lr0, shrink, c) on Rosenbrock's function and on quadratics."""
    rng = np.random.default_rng(102)
    banana = rosenbrock()
    f, grad = banana.f, banana.grad
    f.__name__, grad.__name__ = "rosenbrock", "rosenbrock_grad"
    cases = [(f, grad, rng.uniform(-1.5, 1.5, size=2), lr0, shrink, c)
             for lr0, shrink, c in [(1.0, 0.5, 1e-4), (0.1, 0.5, 0.3), (1.0, 0.8, 0.5),
                                    (0.01, 0.5, 0.9), (1.0, 0.3, 0.1),
                                    (0.05, 0.7, 0.45)]]
    for n, lr0, shrink, c in [(2, 1.0, 0.5, 0.45), (3, 2.0, 0.6, 0.2)]:
        bowl = quadratic(np.diag(np.geomspace(1, 20, n)), rng.normal(size=n))
        bowl.f.__name__, bowl.grad.__name__ = f"bowl_{n}d", f"bowl_{n}d_grad"
        cases.append((bowl.f, bowl.grad, rng.normal(size=n), lr0, shrink, c))
    near = quadratic(np.diag([1.0, 4.0]))            # a small gradient, ‖g‖ < 1
    near.f.__name__, near.grad.__name__ = "bowl_near_minimum", "bowl_near_minimum_grad"
    cases.append((near.f, near.grad, np.array([0.05, 0.02]), 1.0, 0.5, 0.45))
    return cases


def _search(test):
    """A backtracking search with another acceptance test(f, x, g, lr, c)."""
    def search(f, grad, x, lr0, shrink, c):
        g, lr = np.asarray(grad(x)), lr0
        for _ in range(200):
            if test(f, x, g, lr, c):
                return lr
            lr *= shrink
        return np.nan
    return search


def exercise_2(backtracking) -> None:
    """The first lr = lr0·shrinkʲ with f(x − lr g) <= f(x) − c·lr·‖g‖²."""
    name = "Exercise 2"
    hint = ("the test is f(x - lr * g) <= f(x) - c * lr * (g @ g) with g = grad(x); "
            "start with lr = lr0 and multiply by shrink while the test fails.")

    def reference(f, grad, x, lr0, shrink, c):
        return descent.backtracking(f, grad, x, lr0, shrink, c)

    check_function(
        backtracking, reference, _line_search_cases(), name=name, hint=hint,
        rtol=1e-12, atol=0,
        mistakes={
            "plain decrease, f(x - lr g) < f(x), is not enough: the Armijo condition "
            "asks for the fraction c of the decrease c·lr·‖g‖² that the Taylor model "
            "promises.": _search(lambda f, x, g, lr, c: f(x - lr * g) < f(x)),
            "the predicted decrease is lr·‖g‖², the squared norm (g @ g), not "
            "lr·‖g‖.": _search(lambda f, x, g, lr, c:
                               f(x - lr * g) <= f(x) - c * lr * np.linalg.norm(g)),
            "you returned the step after the accepted one: cut lr only while the "
            "test fails.": lambda *args: args[4] * reference(*args),
            "you returned the last rejected step, one cut too few.":
                lambda *args: reference(*args) / args[4],
        },
    )


# ------------------------------------------------------------------------------
# Exercise 3: the best fixed step on a quadratic, and its rate, as formulas.

def exercise_3(best_step, best_rate) -> None:
    """η* = 2/(L + μ) in mu and L; ρ(η*) = (κ − 1)/(κ + 1) in kappa."""
    check_expr(
        best_step, 2 / (_L + _MU), name="Exercise 3, the step",
        hint="ρ(η) = max(|1 − ημ|, |1 − ηL|): one term falls and the other rises as η "
             "grows; the maximum is smallest where they are equal, 1 − ημ = ηL − 1.",
        mistakes={
            "1/L is the step of the theorem on strongly convex functions; it kills "
            "the steepest direction but leaves the flattest one slow. The best step "
            "balances the two ends.": 1 / _L,
            "2/L is the boundary of stability: there the steep component bounces for "
            "ever.": 2 / _L,
            "at that step 1 − ημ and ηL − 1 are not equal: check the factor in front "
            "when you solve for η.":
                1 / (_L + _MU),
        },
    )
    check_expr(
        best_rate, (_KAPPA - 1) / (_KAPPA + 1), name="Exercise 3, the rate",
        hint="insert your step into 1 − ημ and divide numerator and denominator by μ, "
             "using κ = L/μ.",
        mistakes={
            "1 − 1/κ is the factor at η = 1/L, not at the best step.": 1 - 1 / _KAPPA,
            "that is the rate of accelerated methods, with √κ (the next chapter); "
            "plain gradient descent has κ itself.":
                (sp.sqrt(_KAPPA) - 1) / (sp.sqrt(_KAPPA) + 1),
            "that is the factor for f − f*, the square of the factor for the error "
            "‖x_k − x*‖ asked for.": ((_KAPPA - 1) / (_KAPPA + 1)) ** 2,
            "that is the reciprocal: a factor above 1 would mean divergence.":
                (_KAPPA + 1) / (_KAPPA - 1),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the largest stable step for a least-squares loss.

def exercise_4(lr_max) -> None:
    """sup of the steps that converge from every start: 2 / σ_max(X)²."""
    X = np.array(EXERCISE_4_X, dtype=float)
    eigenvalues = np.linalg.eigvalsh(X.T @ X)
    mu, L = eigenvalues[0], eigenvalues[-1]
    check_scalar(
        lr_max, 2 / L, name="Exercise 4", rtol=1e-6,
        hint="the Hessian of ½‖Xw − y‖² is XᵀX; the threshold is 2 divided by its "
             "largest eigenvalue (np.linalg.eigvalsh).",
        mistakes={
            "L is an eigenvalue of the Hessian XᵀX, the square of the largest singular "
            "value of X, not the singular value itself.":
                2 / np.linalg.svd(X, compute_uv=False)[0],
            "1/L is a good step, but not the largest one that converges.": 1 / L,
            "2/(L + μ) is the best step, not the largest one that converges.":
                2 / (L + mu),
            "the threshold is set by the largest eigenvalue, the steepest direction, "
            "not the smallest.": 2 / mu,
            "2 / trace(XᵀX) is safe, since the trace is at least L, but it is not the "
            "largest step.": 2 / np.trace(X.T @ X),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: iterations from the linear rate.

def exercise_5(num_iters) -> None:
    """The smallest k with (1 − 1/κ)^k <= 10⁻⁶ for κ = 100."""
    kappa, factor = EXERCISE_5_KAPPA, EXERCISE_5_FACTOR
    rho = descent.linear_rate(1 / kappa, 1.0, float(kappa))   # η = 1/L with μ = 1
    k = math.ceil(math.log(factor) / math.log(rho))
    best = descent.linear_rate(2 / (kappa + 1), 1.0, float(kappa))
    check_scalar(
        num_iters, k, name="Exercise 5", whole=True, rtol=0, atol=0,
        hint="solve ρ^k <= 10⁻⁶ for k with logarithms (ln ρ is negative, which flips "
             "the inequality), then round up.",
        mistakes={
            "you used ln(1 − 1/κ) ≈ −1/κ; it is close, but the question asks for the "
            "exact smallest k.": math.ceil(kappa * math.log(1 / factor)),
            "at that k the bound is still above 10⁻⁶: round up, not down.": k - 1,
            "that count belongs to the best step 2/(L + μ); the question fixes "
            "η = 1/L.": math.ceil(math.log(factor) / math.log(best)),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the gradient of the ridge loss.

def _ridge_gradient(w, X, y, lam):
    return X.T @ (X @ w - y) + lam * w   # ∇ of ½‖Xw − y‖² + (λ/2)‖w‖²


def _ridge_cases() -> list[tuple]:
    rng = np.random.default_rng(106)
    cases = []
    for m, n, lam in [(5, 2, 0.5), (8, 3, 2.0), (4, 4, 1.0), (10, 3, 0.1), (6, 5, 3.0),
                      (7, 1, 1.5)]:
        cases.append((rng.normal(size=n), rng.normal(size=(m, n)), rng.normal(size=m),
                      lam))
    return cases


def exercise_6(ridge_grad) -> None:
    """∇ of ½‖Xw − y‖² + (λ/2)‖w‖², on six random problems."""
    check_function(
        ridge_grad, _ridge_gradient, _ridge_cases(), name="Exercise 6",
        rtol=1e-9, atol=1e-12,
        hint="∇½‖Xw − y‖² = Xᵀ(Xw − y), and the penalty adds its own "
             "gradient; the answer has the shape of w.",
        mistakes={
            "the penalty (λ/2)‖w‖² has gradient λw: the ½ cancels the 2.":
                lambda w, X, y, lam: _ridge_gradient(w, X, y, 2 * lam),
            "the penalty's gradient λw is missing.":
                lambda w, X, y, lam: _ridge_gradient(w, X, y, 0.0),
            "the residual is Xw − y, the prediction minus the target.":
                lambda w, X, y, lam: X.T @ (y - X @ w) + lam * w,
        },
    )
