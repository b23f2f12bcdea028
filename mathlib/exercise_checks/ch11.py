"""Checks for the exercises of :doc:`/chapters/11-momentum-adam`.

The references come from :mod:`mathlib.optim`, the library the chapter teaches: its
``Adam`` and ``Momentum`` for the two exercises that ask for code, tried on many
inputs; ``heavy_ball_rate`` for the rate at a given step and momentum; ``AdaGrad`` for
the size of a step. The formulas are compared by SymPy equivalence.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib import optim
from mathlib.checks import check_expr, check_function, check_scalar
from mathlib.testfunctions import quadratic, rosenbrock

__all__ = [
    "EXERCISE_3_SYMBOLS", "EXERCISE_4_KAPPA", "EXERCISE_5_SETTING",
    "EXERCISE_6_GRADIENTS", "EXERCISE_6_LR", "exercise_1", "exercise_2", "exercise_3",
    "exercise_4", "exercise_5", "exercise_6",
]

# Exercise 3: the decay rate and the step count of the moving average.
EXERCISE_3_SYMBOLS = (sp.Symbol("beta1", positive=True), sp.Symbol("t", positive=True))
# Exercise 4: the condition number.
EXERCISE_4_KAPPA = sp.Symbol("kappa", positive=True)
# Exercise 5: step, momentum and the extreme eigenvalues of the Hessian.
EXERCISE_5_SETTING = {"lr": 0.05, "beta": 0.5, "mu": 1.0, "L": 30.0}
# Exercise 6: AdaGrad's step size and the first three gradients of one coordinate.
EXERCISE_6_LR, EXERCISE_6_GRADIENTS = 0.5, (3.0, -4.0, 12.0)


def _copies(func):
    """Call ``func`` on copies of its array arguments, so that in-place updates of m or
    v cannot change the test inputs."""
    if not callable(func) or isinstance(func, type):
        return func                  # check_function reports what it is

    def copied(*args):
        return func(*[np.array(a, dtype=float) if isinstance(a, np.ndarray) else a
                      for a in args])
    copied.__name__ = getattr(func, "__name__", "your function")
    return copied


# ------------------------------------------------------------------------------
# Exercise 1: one step of Adam.

def _adam_step(x, m, v, g, t, lr, beta1, beta2, eps):
    """Step t of mathlib.optim.Adam from the moments m, v of step t - 1."""
    opt = optim.Adam(lr, beta1, beta2, eps)
    x = np.array(x, dtype=float)
    opt.step([x.copy()], [np.zeros_like(x)])    # creates the state arrays ...
    opt.m[0][...], opt.v[0][...], opt.t = m, v, t - 1    # ... which we then set
    opt.step([x], [g])
    return x, opt.m[0], opt.v[0]


def _adam_cases() -> list[tuple]:
    rng = np.random.default_rng(111)
    cases = []
    settings = [(1, 1, 0.1, 0.9, 0.999, 1e-8), (3, 1, 0.01, 0.9, 0.999, 1e-8),
                (2, 2, 0.05, 0.8, 0.99, 1e-8), (4, 5, 0.001, 0.9, 0.999, 1e-6),
                (3, 10, 0.2, 0.5, 0.9, 1e-3), (5, 100, 0.01, 0.9, 0.999, 1e-8),
                (2, 3, 0.1, 0.0, 0.5, 1e-8), (1, 7, 0.3, 0.95, 0.9, 1e-2)]
    for n, t, lr, b1, b2, eps in settings:
        m = rng.normal(size=n) * (t > 1)
        v = rng.uniform(0.1, 2.0, size=n) * (t > 1)
        cases.append((rng.normal(size=n), m, v, rng.normal(scale=3.0, size=n), t,
                      lr, b1, b2, eps))
    return cases


def _adam_variant(correct_m=True, correct_v=True, shift=0, root=True, eps_inside=False):
    def step(x, m, v, g, t, lr, b1, b2, eps):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        m_hat = m / (1 - b1 ** (t + shift)) if correct_m else m
        v_hat = v / (1 - b2 ** (t + shift)) if correct_v else v
        scale = np.sqrt(v_hat + eps) if eps_inside else (
            (np.sqrt(v_hat) if root else v_hat) + eps)
        return x - lr * m_hat / scale, m, v
    return step


def exercise_1(adam_step) -> None:
    """(x_t, m_t, v_t) from (x_{t-1}, m_{t-1}, v_{t-1}, g_t, t) by eq. (adam-update)."""
    check_function(
        _copies(adam_step), _adam_step, _adam_cases(), name="Exercise 1",
        rtol=1e-9, atol=1e-12,
        hint="update m and v first (with g and g * g), then divide them by "
             "1 - beta1**t and 1 - beta2**t, then take the step "
             "x - lr * m_hat / (np.sqrt(v_hat) + eps); return the tuple (x, m, v) of "
             "the new values.",
        mistakes={
            "the bias correction is missing: at t = 1 your step is about 3 times too "
            "long. Divide m by 1 − β₁ᵗ and v by 1 − β₂ᵗ.": _adam_variant(False, False),
            "only the first moment is bias-corrected; v needs its own division by "
            "1 − β₂ᵗ.": _adam_variant(True, False),
            "the correction uses the power t, the number of this step (t = 1 at the "
            "first step), not t + 1.": _adam_variant(shift=1),
            "the step divides by √v̂, the root of the second moment, not by v̂ itself.":
                _adam_variant(root=False),
            "ε is added after the square root, √v̂ + ε, in the book's Adam.":
                _adam_variant(eps_inside=True),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: heavy ball in code.

def _momentum_cases() -> list[tuple]:
    rng = np.random.default_rng(112)
    cases = []
    settings = [(1, 0.1, 0.9, 5), (2, 0.05, 0.5, 8), (3, 0.02, 0.8, 12),
                (2, 0.1, 0.0, 6), (4, 0.01, 0.95, 10), (2, 0.2, 0.3, 1),
                (3, 0.05, 0.6, 0)]
    for n, lr, beta, num_iters in settings:
        M = rng.normal(size=(n, n))
        bowl = quadratic(M @ M.T + np.eye(n), rng.normal(size=n))
        bowl.grad.__name__ = f"grad_of_quadratic_{n}d"
        cases.append((bowl.grad, rng.normal(size=n), lr, beta, num_iters))
    banana = rosenbrock()
    banana.grad.__name__ = "rosenbrock_grad"
    cases.append((banana.grad, np.array([-1.2, 1.0]), 1e-4, 0.9, 15))
    return cases


def _heavy_ball(grad, x0, lr, beta, num_iters):
    return optim.run(grad, x0, optim.Momentum(lr, beta), num_iters)


def _lookahead(grad, x0, lr, beta, num_iters):
    return optim.run(grad, x0, optim.Nesterov(lr, beta), num_iters)


def exercise_2(heavy_ball) -> None:
    """The iterates x_0, ..., x_num_iters of eq. (hb-update), one per row."""
    check_function(
        _copies(heavy_ball), _heavy_ball, _momentum_cases(), name="Exercise 2",
        rtol=1e-9, atol=1e-12,
        hint="start with v = 0 and a float copy of x0; each step "
             "v = beta * v + grad(x), x = x - lr * v; return every x, x0 included, as "
             "one array.",
        mistakes={
            "that is the averaged velocity v = βv + (1 − β)∇f, which is heavy ball "
            "with the step lr·(1 − β); the exercise asks for v = βv + ∇f.":
                lambda g, x0, lr, b, n: _heavy_ball(g, x0, lr * (1 - b), b, n),
            "that is Nesterov's look-ahead form; heavy ball takes the gradient at the "
            "current point only.": _lookahead,
            "the velocity does not carry over: that is plain gradient descent. Keep v "
            "from one step to the next.":
                lambda g, x0, lr, b, n: _heavy_ball(g, x0, lr, 0.0, n),
            "the path should start with x0: num_iters + 1 rows.":
                lambda g, x0, lr, b, n: _heavy_ball(g, x0, lr, b, n)[1:],
        },
    )


# ------------------------------------------------------------------------------
# Exercise 3: the bias of a moving average started at zero.

def exercise_3(bias_factor) -> None:
    """E[m_t] / E[g] = 1 − β₁ᵗ for stationary gradients and m_0 = 0."""
    beta1, t = EXERCISE_3_SYMBOLS
    check_expr(
        bias_factor, 1 - beta1**t, name="Exercise 3",
        hint="unroll m_t = (1 − β₁) Σ β₁^(t−i) g_i over i = 1..t, take expectations "
             "and sum the geometric series.",
        mistakes={
            "that is the weight that the zero start still carries, the part missing "
            "from the mean, not the part present.": beta1**t,
            "check the number of terms: with m_0 = 0, m_t averages t gradients, "
            "g_1 to g_t.": 1 - beta1 ** (t - 1),
            "that is the correction, the reciprocal of the factor asked for.":
                1 / (1 - beta1**t),
            "the weights (1 − β₁)β₁^(t−i) form a geometric series; summing them as if "
            "they were all equal to 1 − β₁ gives too much.": (1 - beta1) * t,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: heavy ball's best momentum and its rate.

def exercise_4(best_beta, best_rate) -> None:
    """β* = ((√κ − 1)/(√κ + 1))² and the rate √β* = (√κ − 1)/(√κ + 1)."""
    kappa = EXERCISE_4_KAPPA
    r = sp.sqrt(kappa)
    check_expr(
        best_beta, ((r - 1) / (r + 1)) ** 2, name="Exercise 4, the momentum",
        hint="put the band (1 − √β)² ≤ ηλ ≤ (1 + √β)² of complex roots exactly onto "
             "[ημ, ηL] and divide the two equations for √(ηL) and √(ημ).",
        mistakes={
            "that is the rate, the modulus of the roots, not the momentum β: how is β "
            "related to the product of the two roots?":
                (r - 1) / (r + 1),
            "the condition number enters through its square root: the band's ends are "
            "(1 ∓ √β)², so compare √(ηL) with √(ημ).": ((kappa - 1) / (kappa + 1)) ** 2,
            "that is the momentum that puts the smallest eigenvalue at the edge of the "
            "band for the step 1/L, not the best tuning of step and momentum together.":
                (1 - 1 / r) ** 2,
        },
    )
    check_expr(
        best_rate, (r - 1) / (r + 1), name="Exercise 4, the rate",
        hint="in the band of complex roots the two roots have the same modulus, and "
             "their product is β.",
        mistakes={
            "that is the momentum β, not the rate: the rate is the modulus of each of "
            "two complex roots whose product is β.": ((r - 1) / (r + 1)) ** 2,
            "that is the best rate of plain gradient descent; momentum improves κ to "
            "√κ.": (kappa - 1) / (kappa + 1),
            "1 − 1/√κ is the factor in the guarantee of Nesterov's method for all "
            "strongly convex functions, not heavy ball's rate on quadratics.":
                1 - 1 / r,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the rate of heavy ball at a given step and momentum.

def exercise_5(rate) -> None:
    """max over λ in {μ, L} of the spectral radius of T(λ), eq. (hb-matrix)."""
    s = EXERCISE_5_SETTING
    lr, beta, mu, L = s["lr"], s["beta"], s["mu"], s["L"]
    check_scalar(
        rate, optim.heavy_ball_rate(lr, beta, mu, L), name="Exercise 5", rtol=1e-4,
        hint="write T(λ) for λ = μ and λ = L, find the moduli of the roots of "
             "z² − (1 + β − ηλ)z + β (or use np.linalg.eigvals), and take the largest.",
        mistakes={
            "√β is the modulus when the roots are complex; at one end of [μ, L] they "
            "are real here, and one of them is larger.": np.sqrt(beta),
            "that is gradient descent's factor: momentum changes the matrix.":
                max(abs(1 - lr * mu), abs(1 - lr * L)),
            "that is β; the rate is a modulus of an eigenvalue of T(λ).": beta,
            "that is the smaller root at the worse end; the spectral radius is the "
            "larger modulus.":
                float(np.sort(np.abs(np.roots([1, -(1 + beta - lr * mu), beta])))[0]),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: AdaGrad's third step.

def exercise_6(step) -> None:
    """|x_3 − x_2| for AdaGrad with ε = 0 and the given gradients."""
    grads = EXERCISE_6_GRADIENTS
    given = iter(grads)
    path = optim.run(lambda x: np.array([next(given)]), np.zeros(1),
                     optim.AdaGrad(EXERCISE_6_LR, eps=0.0), len(grads))
    expected = float(abs(path[-1, 0] - path[-2, 0]))
    lr, g = EXERCISE_6_LR, grads[-1]
    squares = sum(x * x for x in grads)
    check_scalar(
        step, expected, name="Exercise 6", rtol=1e-6,
        hint="s is the sum of the squares of all gradients so far, the current one "
             "included; the step is lr · |g| / √s.",
        mistakes={
            "AdaGrad divides by the square root of the sum of squares, not by the sum.":
                lr * abs(g) / squares,
            "the sum includes the current gradient: s₃ = g₁² + g₂² + g₃².":
                lr * abs(g) / np.sqrt(squares - g * g),
            "with only the current gradient in s, every step would be lr: AdaGrad sums "
            "over all past steps.": lr,
            "sum the squares of the gradients, not the gradients: signs must not "
            "cancel.": lr * abs(g) / abs(sum(grads)),
        },
    )
