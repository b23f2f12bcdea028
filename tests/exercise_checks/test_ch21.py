"""Chapter 21's exercise checks accept right answers in several forms and reject the
typical mistakes (the right end or the average of both ends for the Itô sum, the
ordinary chain rule, a missing ½, B(t) taken as β(t)·t, ...) with their messages,
without giving the answer away; and their references agree with simulations."""

import numpy as np
import sympy as sp

from mathlib import sde
from mathlib.exercise_checks import ch21

T3, W3 = ch21.EXERCISE_3_SYMBOLS
BETA5, H5 = ch21.EXERCISE_5_SYMBOLS


def _ito(H, W):
    return np.sum(np.asarray(H)[:-1] * np.diff(W))


def test_exercise_1_ito_sum(accepts, rejects):
    accepts(ch21.exercise_1, _ito)
    accepts(ch21.exercise_1, lambda H, W: sum(H[k] * (W[k + 1] - W[k])
                                              for k in range(len(W) - 1)))
    assert "right end" in rejects(ch21.exercise_1,
                                  lambda H, W: np.sum(H[1:] * np.diff(W)))
    assert "Stratonovich" in rejects(ch21.exercise_1, sde.stratonovich_integral)
    assert "increments" in rejects(ch21.exercise_1,
                                   lambda H, W: np.sum(H[:-1] * W[1:]))
    assert "NotImplementedError" in rejects(ch21.exercise_1, _raise)
    assert "function" in rejects(ch21.exercise_1, None)


def _raise(H, W):
    raise NotImplementedError


def test_exercise_2_ito_integral_of_w_dw(accepts, rejects):
    accepts(ch21.exercise_2, -0.28)
    accepts(ch21.exercise_2, "-7/25")
    accepts(ch21.exercise_2, sp.Rational(-7, 25))
    assert "Stratonovich" in rejects(ch21.exercise_2, 0.72)
    assert "subtracted, not added" in rejects(ch21.exercise_2, 1.72)
    assert "halve both" in rejects(ch21.exercise_2, -0.56)
    assert "not a quarter" in rejects(ch21.exercise_2, 0.22)
    message = rejects(ch21.exercise_2, -0.3)
    assert "0.28" not in message and "-7/25" not in message


def test_exercise_2_reference_matches_simulated_paths():
    # on fine grids the left sums of paths ending near W_T approach W_T²/2 - T/2
    T = ch21.EXERCISE_2_T
    _, W = sde.brownian_path(T, 4096, np.random.default_rng(3), size=200)
    gap = sde.ito_integral(W, W) - (W[-1] ** 2 / 2 - T / 2)
    assert np.sqrt(np.mean(gap**2)) < 5 * np.sqrt(T * (T / 4096) / 2)


def test_exercise_3_ito_lemma_for_t_w_squared(accepts, rejects):
    accepts(ch21.exercise_3, W3**2 + T3, 2 * T3 * W3)
    accepts(ch21.exercise_3, "t + W^2", "2*t*W")
    accepts(ch21.exercise_3, (W3**2 * 2 + 2 * T3) / 2, T3 * W3 * 2)
    assert "½ ∂²f/∂x²" in rejects(ch21.exercise_3, W3**2, 2 * T3 * W3)
    assert "one half" in rejects(ch21.exercise_3, W3**2 + 2 * T3, 2 * T3 * W3)
    assert "∂f/∂t = W²" in rejects(ch21.exercise_3, T3, 2 * T3 * W3)
    assert "keeps the factor t" in rejects(ch21.exercise_3, W3**2 + T3, 2 * W3)
    assert "factor 2" in rejects(ch21.exercise_3, W3**2 + T3, T3 * W3)
    message = rejects(ch21.exercise_3, W3**2 + 3 * T3, 2 * T3 * W3)
    assert "W**2 + t" not in message


def test_exercise_4_fourth_moment(accepts, rejects):
    accepts(ch21.exercise_4, 12)
    accepts(ch21.exercise_4, sp.Integer(12))
    accepts(ch21.exercise_4, "3*2**2")
    assert "ordinary chain rule" in rejects(ch21.exercise_4, 0)
    assert "one half" in rejects(ch21.exercise_4, 24)
    assert "(E W_T²)²" in rejects(ch21.exercise_4, 4)
    message = rejects(ch21.exercise_4, 12.1)      # a Monte Carlo estimate
    assert "too large" in message and "12 is" not in message


def test_exercise_4_reference_is_the_normal_fourth_moment():
    T = ch21.EXERCISE_4_T
    W_T = np.random.default_rng(4).normal(0, np.sqrt(T), 200_000)
    mean, se = sde.mean_and_se(W_T**4)
    assert abs(mean - 3 * T**2) <= 5 * se


def test_exercise_5_em_stationary_variance(accepts, rejects):
    accepts(ch21.exercise_5, 1 / (1 - BETA5 * H5 / 4))
    accepts(ch21.exercise_5, "4/(4 - beta*h)")
    accepts(ch21.exercise_5, BETA5 * H5 / (1 - (1 - BETA5 * H5 / 2) ** 2))
    assert "SDE's own" in rejects(ch21.exercise_5, 1)
    assert "squared" in rejects(ch21.exercise_5, 2)
    assert "sign" in rejects(ch21.exercise_5, 1 / (1 + BETA5 * H5 / 4))
    assert "not h" in rejects(ch21.exercise_5, 1 / (BETA5 * (1 - BETA5 * H5 / 4)))
    message = rejects(ch21.exercise_5, 1 / (1 - BETA5 * H5 / 2))
    assert "4 - beta*h" not in message and "beta*h/4" not in message


def test_exercise_5_reference_matches_the_recursion():
    beta, h = 2.0, 0.1
    v = 0.0
    for _ in range(2000):
        v = (1 - beta * h / 2) ** 2 * v + beta * h
    assert np.isclose(v, 1 / (1 - beta * h / 4))


def _vp(x0, t, lo, hi):
    B = lo * t + (hi - lo) * t**2 / 2
    return np.exp(-B / 2) * x0, 1 - np.exp(-B)


def test_exercise_6_vp_moments(accepts, rejects):
    accepts(ch21.exercise_6, _vp)
    accepts(ch21.exercise_6, lambda x0, t, lo, hi: list(_vp(x0, t, lo, hi)))
    assert "not β(t)·t" in rejects(
        ch21.exercise_6,
        lambda x0, t, lo, hi: _vp_B(x0, (lo + t * (hi - lo)) * t))
    assert "factor ½" in rejects(
        ch21.exercise_6, lambda x0, t, lo, hi: _vp_B(x0, lo * t + (hi - lo) * t**2))
    assert "integrate the linear" in rejects(
        ch21.exercise_6, lambda x0, t, lo, hi: _vp_B(x0, lo * t + (hi - lo) * t**2 / 3))
    assert "1 - e^(-B/2)" in rejects(
        ch21.exercise_6,
        lambda x0, t, lo, hi: (_vp(x0, t, lo, hi)[0],
                               1 - np.exp(-(lo * t + (hi - lo) * t**2 / 2) / 2)))
    assert "mean decays" in rejects(
        ch21.exercise_6,
        lambda x0, t, lo, hi: (np.exp(-(lo * t + (hi - lo) * t**2 / 2)) * x0,
                               _vp(x0, t, lo, hi)[1]))
    assert "2 numbers" in rejects(ch21.exercise_6, lambda x0, t, lo, hi: 1.0)


def _vp_B(x0, B):
    return np.exp(-B / 2) * x0, 1 - np.exp(-B)


def test_exercise_6_reference_matches_euler_maruyama():
    x0, t_end, lo, hi = 2.0, 0.3, 0.1, 20.0
    dW = sde.brownian_increments(t_end, 300, np.random.default_rng(6), size=20000)
    _, X = sde.euler_maruyama(lambda x, s: -0.5 * (lo + s * (hi - lo)) * x,
                              lambda x, s: np.sqrt(lo + s * (hi - lo)), x0, t_end, dW)
    mean, var = _vp(x0, t_end, lo, hi)
    m, m_se = sde.mean_and_se(X[-1])
    v, v_se = sde.mean_and_se((X[-1] - m) ** 2)
    # Euler–Maruyama's O(h) bias (h = 0.001, β ≤ 6) is below these standard errors
    assert abs(m - mean) <= 5 * m_se and abs(v - var) <= 5 * v_se
