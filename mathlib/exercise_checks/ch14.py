"""Checks for the exercises of :doc:`/chapters/14-information`.

The references come from :mod:`mathlib.information`, the library the chapter teaches:
``entropy``, ``kl_divergence`` and ``gaussian_kl`` for the numbers and the KL code of
exercises 1, 2 and 6. The two exercises that ask for a backward pass (the
vector-Jacobian product of softmax, the gradient of the softmax cross-entropy) are
judged against central differences (:func:`mathlib.numgrad.gradient`) of the forward
function, on random shapes. The maximum-entropy formula of exercise 3 is compared by
SymPy equivalence.
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp

from mathlib import information
from mathlib.autodiff import ops
from mathlib.checks import CheckFailure, check_expr, check_function, check_scalar
from mathlib.numgrad import gradient

__all__ = [
    "EXERCISE_1_P", "EXERCISE_3_SYMBOLS",
    "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5", "exercise_6",
]

# Exercise 1: the distribution whose entropy is asked for, in bits.
EXERCISE_1_P = (1 / 2, 1 / 8, 1 / 8, 1 / 8, 1 / 8)
# Exercise 3: the outcome k = 0, 1, 2, ... and the prescribed mean mu > 0.
EXERCISE_3_SYMBOLS = sp.symbols("k mu", positive=True)


# ------------------------------------------------------------------------------
# Exercise 1: an entropy in bits.

def exercise_1(bits) -> None:
    """H(1/2, 1/8, 1/8, 1/8, 1/8) in bits (2 bits)."""
    p = np.array(EXERCISE_1_P)
    expected = information.entropy(p, base=2)
    check_scalar(
        bits, expected, name="Exercise 1", rtol=1e-6,
        hint="H = -Σ p_i log₂ p_i: each term is p_i times the number of halvings that "
             "give p_i.",
        mistakes={
            "that is the entropy in nats; the exercise asks for bits (one bit is "
            "ln two nats).": information.entropy(p),
            "the sign: -log₂ p_i is positive for p_i < 1, so the entropy is too.":
                -expected,
            "that is the entropy with log₁₀ (in 'hartleys'); use log₂ for bits.":
                information.entropy(p, base=10),
            "that is Σ -log₂ p_i, without the weights p_i: entropy is the *average* "
            "surprise.": float(-np.sum(np.log2(p))),
            "that is log₂ 5, the entropy of the uniform distribution on five outcomes, "
            "the largest possible; this distribution is not uniform.": math.log2(5),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: KL divergence in code, with its zero and infinite cases.

def _kl_cases() -> tuple[list[tuple], list[tuple]]:
    """Pairs (p, q) of distributions: without zeros, and with zeros in p, q or both."""
    rng = np.random.default_rng(1402)
    positive = [(rng.dirichlet(np.ones(k)), rng.dirichlet(np.ones(k)))
                for k in (2, 3, 5, 8)]
    zeros = [
        (np.array([1.0, 0.0]), np.array([0.5, 0.5])),            # 0 log(0/q) = 0
        (np.array([0.5, 0.5]), np.array([1.0, 0.0])),            # q misses p: inf
        (np.array([0.2, 0.0, 0.8]), np.array([0.3, 0.0, 0.7])),  # zero in both
        (np.array([0.25, 0.25, 0.5]), np.array([0.25, 0.25, 0.5])),  # p = q
        (np.array([0.0, 0.1, 0.9]), np.array([0.6, 0.0, 0.4])),  # inf again
    ]
    return positive, zeros


def exercise_2(kl) -> None:
    """kl(p, q) = Σ p_i log(p_i / q_i) in nats, with 0 log(0/q) = 0 and inf.

    Tried first on distributions without zeros (where the typical mistakes are
    recognised), then on pairs with zeros, where a NaN gets its own message.
    """
    hint = ("sum p_i * log(p_i / q_i) only over the i with p_i > 0 (elsewhere the term "
            "is 0); if some q_i = 0 among those, return np.inf.")
    positive, zeros = _kl_cases()
    check_function(
        kl, information.kl_divergence, positive,
        name="Exercise 2 (no zero probabilities)", rtol=1e-9, atol=1e-12, hint=hint,
        mistakes={
            "the arguments are swapped: that is KL(q || p). The first argument is the "
            "distribution that weighs the log-ratios.":
                lambda p, q: information.kl_divergence(q, p),
            "that is in bits (log₂); the exercise asks for nats (natural log).":
                lambda p, q: information.kl_divergence(p, q, base=2),
            "that is the cross-entropy -Σ p_i log q_i; KL subtracts the entropy of p "
            "from it.": information.cross_entropy,
        },
    )
    name = "Exercise 2 (zero probabilities)"
    try:
        check_function(kl, information.kl_divergence, zeros, name=name,
                       rtol=1e-9, atol=1e-12, hint=hint)
    except CheckFailure as err:
        if "NaN" not in str(err):
            raise
        raise CheckFailure(
            f"{name}: your function returned NaN (not a number) for a pair with some "
            "p_i = 0. The convention makes such a term 0, but NumPy computes "
            "0 * log(0) as 0 * (-inf) = nan. Hint: " + hint) from None


# ------------------------------------------------------------------------------
# Exercise 3: the maximum-entropy distribution on 0, 1, 2, ... with mean mu.

def exercise_3(p_k) -> None:
    """p_k = (1/(1 + mu)) (mu/(1 + mu))^k, a geometric distribution."""
    k, mu = EXERCISE_3_SYMBOLS
    expected = (mu / (1 + mu)) ** k / (1 + mu)
    check_expr(
        p_k, expected, name="Exercise 3",
        hint="stationarity gives p_k = e^{α - 1} e^{-λk} = C r^k with r = e^{-λ}; "
             "Σ p_k = 1 fixes C in terms of r, and the mean Σ k p_k = r/(1 - r) fixes "
             "r in terms of mu.",
        mistakes={
            "that is the Poisson distribution with mean mu; it does not have the "
            "largest entropy among distributions with that mean (its log p_k is not "
            "affine in k).": sp.exp(-mu) * mu**k / sp.gamma(k + 1),
            "that is the exponential density with mean mu, for a continuous variable "
            "on [0, ∞); on the integers the probabilities must sum to 1.":
                sp.exp(-k / mu) / mu,
            "that geometric distribution has mean mu - 1 on 0, 1, 2, ...: its success "
            "probability 1/mu is the one for outcomes 1, 2, 3, ...":
                (1 - 1 / mu) ** k / mu,
            "the two factors are swapped: with ratio 1/(1 + mu) the mean is 1/mu, "
            "not mu.": mu / (1 + mu) * (1 / (1 + mu)) ** k,
        },
    )


# ------------------------------------------------------------------------------
# Exercises 4 and 5: backward passes, judged against central differences.

def _vjp_cases() -> list[tuple]:
    """(z, v) of random lengths 2 to 9."""
    rng = np.random.default_rng(1404)
    return [(2 * rng.normal(size=k), rng.normal(size=k)) for k in (2, 3, 4, 6, 9, 5)]


def _vjp_by_differences(z: np.ndarray, v: np.ndarray) -> np.ndarray:
    return gradient(lambda x: v @ ops.softmax(x), z)   # ∇_z (v·softmax(z)) = Jᵀv


def exercise_4(softmax_vjp) -> None:
    """Jᵀv = s ⊙ (v − (s·v)) for s = softmax(z), on random lengths."""
    def s(z):
        return ops.softmax(z)

    check_function(
        softmax_vjp, _vjp_by_differences, _vjp_cases(), name="Exercise 4",
        rtol=1e-6, atol=1e-8,
        hint="Jᵀv with J = diag(s) − s sᵀ is s * v − s * (s @ v); no k × k matrix is "
             "needed.",
        mistakes={
            "that is diag(s) v only: the term −s sᵀ v is missing (every output of "
            "softmax depends on every input).": lambda z, v: s(z) * v,
            "that is v − (s·v): the factor s in front is missing.":
                lambda z, v: v - s(z) @ v,
            "that uses only the diagonal of the Jacobian, s(1 − s), times v.":
                lambda z, v: s(z) * (1 - s(z)) * v,
            "the sign: that is −Jᵀv.": lambda z, v: s(z) * (s(z) @ v - v),
        },
    )


def _ce_cases() -> list[tuple]:
    """(Z, Y) of random shapes, one-hot and soft targets."""
    rng = np.random.default_rng(1405)
    cases = []
    for n, k in [(1, 2), (3, 3), (5, 4), (8, 2), (4, 7)]:
        Z = 2 * rng.normal(size=(n, k))
        cases.append((Z, np.eye(k)[rng.integers(0, k, size=n)]))
    cases.append((rng.normal(size=(6, 3)), rng.dirichlet(np.ones(3), size=6)))
    return cases


def _ce_by_differences(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    return gradient(lambda M: information.softmax_cross_entropy(M, Y), Z)


def exercise_5(ce_backward) -> None:
    """∂L/∂Z = (softmax(Z) − Y)/n for the mean loss, on random shapes."""
    def s(Z):
        return ops.softmax(Z, axis=1)

    check_function(
        ce_backward, _ce_by_differences, _ce_cases(), name="Exercise 5",
        rtol=1e-6, atol=1e-9,
        hint="row i of the gradient is (softmax(z_i) − y_i)/n: softmax along axis 1 "
             "(each row), and the 1/n of the mean.",
        mistakes={
            "the 1/n of the mean is missing: that is the gradient of the summed loss.":
                lambda Z, Y: s(Z) - Y,
            "the sign: that is Y − softmax(Z), the direction of steepest *descent*.":
                lambda Z, Y: (Y - s(Z)) / len(Z),
            "the softmax is missing: the gradient compares probabilities with Y, not "
            "logits.": lambda Z, Y: (Z - Y) / len(Z),
            "the softmax is taken down the columns (axis 0); each row is one example.":
                lambda Z, Y: (ops.softmax(Z, axis=0) - Y) / len(Z),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the KL divergence of two Gaussians.

def exercise_6(kl) -> None:
    """KL(N(1, 4) || N(0, 1)) = 2 − log 2 nats."""
    expected = information.gaussian_kl(1.0, 4.0, 0.0, 1.0)
    check_scalar(
        kl, expected, name="Exercise 6", rtol=1e-6,
        hint="in KL(N(μ_p, v_p) || N(μ_q, v_q)) the first Gaussian is p = N(1, 4); "
             "the 4 is a variance.",
        mistakes={
            "that is KL(N(0, 1) || N(1, 4)), the other direction.":
                information.gaussian_kl(0.0, 1.0, 1.0, 4.0),
            "that treats the 4 as a standard deviation; N(1, 4) has variance 4.":
                information.gaussian_kl(1.0, 16.0, 0.0, 1.0),
            "that is twice the divergence: the formula has a factor ½ in front.":
                2 * expected,
            "that is in bits; the exercise asks for nats.": expected / math.log(2),
            "the log term has the wrong sign: it is log(v_q / v_p).":
                0.5 * (math.log(4.0) + 4.0 + 1.0 - 1),
        },
    )
