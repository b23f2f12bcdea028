"""Checks for the exercises of :doc:`/chapters/21-stochastic`."""

from __future__ import annotations

import numpy as np
import sympy as sp

from mathlib import sde
from mathlib.checks import check_expr, check_function, check_scalar

__all__ = ["exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
           "exercise_6", "EXERCISE_2_T", "EXERCISE_2_W_T", "EXERCISE_3_SYMBOLS",
           "EXERCISE_4_T", "EXERCISE_5_SYMBOLS"]

# Exercise 2: a path on [0, T] ends at W_T; the Itô integral of W dW along it.
EXERCISE_2_T, EXERCISE_2_W_T = 2.0, 1.2
# Exercise 3: Y_t = t W_t²; the notebook's symbols, sp.symbols("t W", real=True).
_T, _W = sp.symbols("t W", real=True)
EXERCISE_3_SYMBOLS = (_T, _W)
# Exercise 4: E W_T⁴ at this T.
EXERCISE_4_T = 2.0
# Exercise 5: Euler–Maruyama on dx = -β x dt / 2 + √β dW with step h.
_BETA, _H = sp.symbols("beta h", positive=True)
EXERCISE_5_SYMBOLS = (_BETA, _H)


def _paths():
    """A few short test paths with integrands: (H, W) pairs, made afresh."""
    rng = np.random.default_rng(2121)
    pairs = []
    for n in (1, 3, 6):
        _, W = sde.brownian_path(1.0, n, rng)
        pairs.append((np.round(np.sin(W) + 1, 3), np.round(W, 3)))
    pairs.append((np.array([1.0, 2.0, -1.0]), np.array([0.0, 0.5, 0.2])))
    return pairs


def exercise_1(ito_sum) -> None:
    """The Itô sum: the integrand at the left end of each step times the increment."""
    check_function(
        ito_sum, sde.ito_integral, _paths(), name="Exercise 1",
        hint="multiply H at the left end of each step, H[:-1], by the increments "
             "W[1:] - W[:-1] (np.diff(W)) and add up.",
        mistakes={
            "that uses the integrand at the right end of each step, H[1:]; Itô's sum "
            "takes the left end, the value known when the step starts.":
                lambda H, W: np.sum(H[1:] * np.diff(W)),
            "that averages the two ends: the Stratonovich sum. Itô's sum takes the "
            "left end only.": sde.stratonovich_integral,
            "that multiplies H by the values W[1:], not by the increments "
            "W[1:] - W[:-1].": lambda H, W: np.sum(H[:-1] * W[1:]),
        },
    )


def exercise_2(ito_value) -> None:
    """The Itô integral of W dW on [0, T] for a path ending at W_T: W_T²/2 - T/2."""
    T, w = EXERCISE_2_T, EXERCISE_2_W_T
    check_scalar(
        ito_value, w**2 / 2 - T / 2, name="Exercise 2",
        hint="the left sums equal W_T²/2 minus half the quadratic variation, and the "
             "quadratic variation of a Brownian path on [0, T] is T.",
        mistakes={
            "that is W_T²/2, the rule of ordinary calculus and the Stratonovich "
            "integral; the Itô integral loses half the quadratic variation.": w**2 / 2,
            "the quadratic variation is subtracted, not added.": w**2 / 2 + T / 2,
            "the integral of x dx is x²/2: halve both terms.": w**2 - T,
            "subtract half the quadratic variation T, not a quarter of it.":
                w**2 / 2 - T / 4,
        },
    )


def exercise_3(drift, noise) -> None:
    """Itô's lemma for Y = t W²: dY = (W² + t) dt + 2 t W dW."""
    t, w = EXERCISE_3_SYMBOLS
    check_expr(
        drift, w**2 + t, name="Exercise 3, dt coefficient",
        hint="f(t, x) = t x²: add ∂f/∂t and ½ ∂²f/∂x², both at x = W.",
        mistakes={
            "that is ∂f/∂t alone: Itô's lemma adds ½ ∂²f/∂x² dt, from (dW)² = dt.":
                w**2,
            "the Itô term is one half of ∂²f/∂x², and ∂²f/∂x² = 2t.": w**2 + 2 * t,
            "that is the Itô term alone: f depends on t too, so ∂f/∂t = W² belongs "
            "to the dt coefficient.": t,
        },
    )
    check_expr(
        noise, 2 * t * w, name="Exercise 3, dW coefficient",
        hint="the dW coefficient is ∂f/∂x at x = W, as in the ordinary chain rule.",
        mistakes={
            "∂(t x²)/∂x keeps the factor t.": 2 * w,
            "∂(x²)/∂x = 2x: a factor 2 is missing.": t * w,
            "that is a dt term; the dW coefficient is ∂f/∂x.": w**2 + t,
        },
    )


def exercise_4(fourth_moment) -> None:
    """E W_T⁴ = 3 T², from d(W⁴) = 4 W³ dW + 6 W² dt."""
    T = EXERCISE_4_T
    check_scalar(
        fourth_moment, 3 * T**2, name="Exercise 4",
        hint="Itô's lemma for f(x) = x⁴ adds ½ f''(W_t) dt to the chain rule's "
             "f'(W_t) dW. Take expectations: the dW term has mean zero and E W_t² = t. "
             "Give the exact value, not a Monte Carlo estimate.",
        mistakes={
            "the ordinary chain rule d(W⁴) = 4W³ dW gives a zero mean; Itô's lemma "
            "adds a dt term.": 0.0,
            "the Itô term is one half of the second derivative of x⁴ at W, times dt.":
                6 * T**2,
            "that is (E W_T²)², the value for a variable whose square does not "
            "vary; integrate E of the dt term from 0 to T.": T**2,
        },
    )


def exercise_5(stationary_variance) -> None:
    """Euler–Maruyama's stationary variance on the OU process: 1 / (1 - βh/4)."""
    beta, h = EXERCISE_5_SYMBOLS
    check_expr(
        stationary_variance, 1 / (1 - beta * h / 4), name="Exercise 5",
        hint="x_k and ΔW_k are independent, so Var x_(k+1) = (1 - βh/2)² Var x_k + "
             "β h; set both variances equal to v and solve for v.",
        mistakes={
            "that is the SDE's own stationary variance; the method's differs by O(h).":
                sp.Integer(1),
            "the factor multiplying x_k is squared in the variance: "
            "Var(a x) = a² Var x.": sp.Integer(2),
            "check the sign: (1 - βh/2)² = 1 - βh + β²h²/4, so 1 - (1 - βh/2)² = "
            "βh(1 - βh/4).": 1 / (1 + beta * h / 4),
            "the variance of the noise term √β ΔW is β h, not h.":
                h / (1 - (1 - beta * h / 2) ** 2),
        },
    )


def _vp_moments(x0, t, beta_min, beta_max, B_of=None, half_var=False, full_mean=False):
    B = beta_min * t + (beta_max - beta_min) * t**2 / 2 if B_of is None else B_of(
        t, beta_min, beta_max)
    mean, var = sde.vp_mean_var(x0, B)
    if half_var:
        var = 1 - np.exp(-B / 2)
    if full_mean:
        mean = np.exp(-B) * x0
    return np.array([mean, var])


def exercise_6(vp_moments) -> None:
    """Mean and variance of the VP SDE with β(t) = β_min + t (β_max - β_min)."""
    points = [(2.0, 0.3, 0.1, 20.0), (-1.0, 0.05, 0.1, 20.0), (0.5, 1.0, 1.0, 5.0),
              (1.5, 0.5, 2.0, 2.0)]
    check_function(
        vp_moments, _vp_moments, points, name="Exercise 6",
        hint="with B(t) = ∫₀ᵗ β(s) ds, the mean is e^(-B/2) x0 and the variance "
             "1 - e^(-B); integrate the linear β(t) for B.",
        mistakes={
            "B(t) is the integral of β from 0 to t, not β(t)·t: the integral of "
            "s (β_max - β_min) from 0 to t is t² (β_max - β_min) / 2, with a factor ½.":
                lambda x0, t, a, b: _vp_moments(
                    x0, t, a, b, B_of=lambda s, lo, hi: (lo + s * (hi - lo)) * s),
            "the variance is 1 - e^(-B), not 1 - e^(-B/2): the variance of the noise "
            "integral is ∫ e^(-(B(t) - B(s))) β(s) ds.":
                lambda x0, t, a, b: _vp_moments(x0, t, a, b, half_var=True),
            "the mean decays like e^(-B/2), the square root of the variance's "
            "e^(-B).": lambda x0, t, a, b: _vp_moments(x0, t, a, b, full_mean=True),
        },
    )
