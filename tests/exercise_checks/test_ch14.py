"""Chapter 14's exercise checks accept right answers in several forms and reject the
typical mistakes (nats for bits, swapped KL arguments, the Poisson or exponential for
the maximum-entropy distribution, a missing −s sᵀv, a missing 1/n, a standard deviation
for a variance...) with their messages, without giving the answer away."""

import math

import numpy as np
import sympy as sp
from scipy import special

from mathlib import information
from mathlib.exercise_checks import ch14

K, MU = ch14.EXERCISE_3_SYMBOLS


def test_exercise_1_entropy_in_bits(accepts, rejects):
    accepts(ch14.exercise_1, 2.0)
    accepts(ch14.exercise_1, "2")
    accepts(ch14.exercise_1, sp.Integer(2))
    assert "nats" in rejects(ch14.exercise_1, 2 * math.log(2))
    assert "sign" in rejects(ch14.exercise_1, -2.0)
    assert "log₁₀" in rejects(ch14.exercise_1, 2 * math.log10(2))
    assert "without the weights" in rejects(ch14.exercise_1, 13)
    assert "uniform" in rejects(ch14.exercise_1, math.log2(5))
    message = rejects(ch14.exercise_1, 1.75)
    assert "2.0" not in message and " 2 " not in message
    assert "None" in rejects(ch14.exercise_1, None)


def kl_masked(p, q):
    mask = p > 0
    if np.any(q[mask] == 0):
        return np.inf
    return np.sum(p[mask] * np.log(p[mask] / q[mask]))


def test_exercise_2_kl_in_code(accepts, rejects):
    accepts(ch14.exercise_2, kl_masked)
    accepts(ch14.exercise_2, lambda p, q: special.rel_entr(p, q).sum())
    accepts(ch14.exercise_2, information.kl_divergence)
    assert "swapped" in rejects(ch14.exercise_2, lambda p, q: kl_masked(q, p))
    assert "bits" in rejects(ch14.exercise_2, lambda p, q: kl_masked(p, q) / np.log(2))
    assert "cross-entropy" in rejects(
        ch14.exercise_2, lambda p, q: kl_masked(p, q) + information.entropy(p))
    with np.errstate(all="ignore"):
        assert "0 * (-inf)" in rejects(ch14.exercise_2,
                                   lambda p, q: np.sum(p * np.log(p / q)))
    def no_infinity(p, q):                     # right without zeros, finite at q_i = 0
        m = p > 0
        return np.sum(p[m] * np.log(p[m] / np.maximum(q[m], 1e-300)))

    message = rejects(ch14.exercise_2, no_infinity)
    assert "zero probabilities" in message and "inf" in message
    assert "expected" in rejects(ch14.exercise_2, lambda p, q: 0.0)   # reveals: code


def test_exercise_3_max_entropy_formula(accepts, rejects):
    right = (MU / (1 + MU)) ** K / (1 + MU)
    accepts(ch14.exercise_3, right)
    accepts(ch14.exercise_3, "mu**k / (1 + mu)**(k + 1)")
    accepts(ch14.exercise_3, sp.exp(K * sp.log(MU / (1 + MU))) / (1 + MU))
    assert "Poisson" in rejects(ch14.exercise_3, sp.exp(-MU) * MU**K / sp.gamma(K + 1))
    assert "exponential density" in rejects(ch14.exercise_3, "exp(-k/mu)/mu")
    assert "mean mu - 1" in rejects(ch14.exercise_3, "(1 - 1/mu)**k / mu")
    assert "swapped" in rejects(ch14.exercise_3, "mu/(1 + mu) * (1/(1 + mu))**k")
    message = rejects(ch14.exercise_3, "mu**k")
    assert "1 + mu" not in message and "mu + 1" not in message


def test_exercise_3_reference_is_the_maximum_entropy_distribution():
    # the library's Gibbs distribution on 0..200 with mean 3 is the geometric one
    p, _ = information.max_entropy_with_mean(np.arange(201), 3.0)
    k = np.arange(201)
    assert np.allclose(p, 0.25 * 0.75**k, atol=1e-12)


def softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def test_exercise_4_softmax_vjp(accepts, rejects):
    accepts(ch14.exercise_4, lambda z, v: softmax(z) * (v - softmax(z) @ v))
    accepts(ch14.exercise_4,
            lambda z, v: information.softmax_jacobian(z).T @ v)    # the full matrix
    assert "−s sᵀ v is missing" in rejects(ch14.exercise_4, lambda z, v: softmax(z) * v)
    assert "factor s in front" in rejects(ch14.exercise_4,
                                          lambda z, v: v - softmax(z) @ v)
    assert "diagonal" in rejects(
        ch14.exercise_4, lambda z, v: softmax(z) * (1 - softmax(z)) * v)
    assert "sign" in rejects(ch14.exercise_4,
                             lambda z, v: softmax(z) * (softmax(z) @ v - v))
    assert "None" in rejects(ch14.exercise_4, None)


def test_exercise_5_cross_entropy_backward(accepts, rejects):
    accepts(ch14.exercise_5, lambda Z, Y: (softmax(Z, axis=1) - Y) / len(Z))
    accepts(ch14.exercise_5, information.softmax_cross_entropy_grad)
    assert "1/n" in rejects(ch14.exercise_5, lambda Z, Y: softmax(Z, axis=1) - Y)
    assert "sign" in rejects(ch14.exercise_5,
                             lambda Z, Y: (Y - softmax(Z, axis=1)) / len(Z))
    assert "softmax is missing" in rejects(ch14.exercise_5,
                                           lambda Z, Y: (Z - Y) / len(Z))
    assert "axis 0" in rejects(ch14.exercise_5,
                               lambda Z, Y: (softmax(Z, axis=0) - Y) / len(Z))
    assert "shape" in rejects(ch14.exercise_5, lambda Z, Y: (Z - Y).sum())


def test_exercise_5_reference_is_the_finite_difference_gradient():
    for Z, Y in ch14._ce_cases():
        assert np.allclose(ch14._ce_by_differences(Z, Y),
                           information.softmax_cross_entropy_grad(Z, Y), atol=1e-9)


def test_exercise_6_gaussian_kl(accepts, rejects):
    accepts(ch14.exercise_6, 2 - math.log(2))
    accepts(ch14.exercise_6, "2 - log(2)")
    accepts(ch14.exercise_6, 2 - sp.log(2))
    assert "other direction" in rejects(ch14.exercise_6, math.log(2) - 0.25)
    assert "standard deviation" in rejects(ch14.exercise_6, 0.5 * (16 - math.log(16)))
    assert "factor ½" in rejects(ch14.exercise_6, 4 - 2 * math.log(2))
    assert "bits" in rejects(ch14.exercise_6, (2 - math.log(2)) / math.log(2))
    assert "wrong sign" in rejects(ch14.exercise_6, 2 + math.log(2))
    message = rejects(ch14.exercise_6, 1.0)
    assert "1.30" not in message and "1.31" not in message
