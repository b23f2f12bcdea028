"""Checks for the exercises of :doc:`/chapters/22-diffusion`.

The references come from :mod:`mathlib.diffusion`, the library the chapter teaches:
``add_noise`` (exercise 1), ``score_from_noise`` (exercise 2), ``ancestral_step`` on the
chapter's schedule (exercise 3), ``add_noise`` differentiated by central differences
(exercise 4), ``prior_kl`` (exercise 5) and ``q_posterior`` (exercise 6). Exercises 1-4
ask for code and are tried on many points; 5 and 6 ask for numbers and are never
revealed.
"""

from __future__ import annotations

import numpy as np

from mathlib import diffusion
from mathlib.checks import check_function, check_scalar
from mathlib.numdiff import central_diff

__all__ = [
    "EXERCISE_3_SCHEDULE",
    "EXERCISE_5_ALPHA_BAR",
    "EXERCISE_5_X0",
    "EXERCISE_6_STEP",
    "exercise_1",
    "exercise_2",
    "exercise_3",
    "exercise_4",
    "exercise_5",
    "exercise_6",
]

# Exercise 3 and 6: the chapter's schedule, T = 100 steps.
EXERCISE_3_SCHEDULE = diffusion.VPSchedule(100)
# Exercise 5: a demo schedule's alpha_bar_T (beta_i from 1e-4 to 0.02 in 100 steps).
EXERCISE_5_ALPHA_BAR = float(np.prod(1 - np.linspace(1e-4, 0.02, 100)))
EXERCISE_5_X0 = (2.0, 1.0)
# Exercise 6: the step whose posterior variance is asked for.
EXERCISE_6_STEP = 50

_POINTS = [
    (x0, e, a)
    for x0, e in [(1.5, -0.4), (-0.7, 1.2), (2.0, 0.3)]
    for a in (0.9, 0.5, 0.04)
]


# ------------------------------------------------------------------------------
# Exercise 1: a sample of the noising marginal q(x_t | x_0).


def _noisy(x0: float, eps: float, a: float) -> float:
    return float(diffusion.add_noise([[x0]], a, [[eps]])[0, 0])


def exercise_1(noisy) -> None:
    """noisy(x0, eps, alpha_bar) = sqrt(alpha_bar) x0 + sqrt(1 - alpha_bar) eps."""
    check_function(
        noisy,
        _noisy,
        _POINTS,
        name="Exercise 1, noisy",
        hint="the mean is sqrt(alpha_bar) x0 and the variance 1 - alpha_bar, so the "
        "noise is scaled by the square root of 1 - alpha_bar.",
        mistakes={
            "you scaled by alpha_bar and 1 - alpha_bar: those are the variances; the "
            "sample needs their square roots.": lambda x0, e, a: a * x0 + (1 - a) * e,
            "the noise is scaled by its variance 1 - alpha_bar, not by its standard "
            "deviation.": lambda x0, e, a: np.sqrt(a) * x0 + (1 - a) * e,
            "the two factors are swapped: alpha_bar is the signal's share.": (
                lambda x0, e, a: np.sqrt(1 - a) * x0 + np.sqrt(a) * e
            ),
            "x0 must shrink by sqrt(alpha_bar), or the variance grows past 1.": (
                lambda x0, e, a: x0 + np.sqrt(1 - a) * e
            ),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: from predicted noise to the score.


def _score(eps_hat: float, a: float) -> float:
    return float(diffusion.score_from_noise([[eps_hat]], a)[0, 0])


def exercise_2(score) -> None:
    """score(eps_hat, alpha_bar) = -eps_hat / sqrt(1 - alpha_bar)."""
    points = [(e, a) for e in (-1.3, 0.4, 2.0) for a in (0.95, 0.6, 0.1, 0.0)]
    check_function(
        score,
        _score,
        points,
        name="Exercise 2, score",
        hint="differentiate log q(x_t | x_0) in x_t and write x_t - sqrt(alpha_bar) x0 "
        "with the noise.",
        mistakes={
            "the sign is wrong: the score points back towards the data, against the "
            "added noise.": lambda e, a: e / np.sqrt(1 - a),
            "divide by the standard deviation sqrt(1 - alpha_bar), not the variance: "
            "one factor cancels against eps.": lambda e, a: -e / (1 - a),
            "that is the source notes' constant 1/sqrt(2 pi); the factor depends on "
            "the noise level.": lambda e, a: -e / np.sqrt(2 * np.pi),
            "you multiplied by sqrt(1 - alpha_bar) instead of dividing.": lambda e, a: (
                -e * np.sqrt(1 - a)
            ),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 3: one step of the ancestral sampler.


def _step(x: float, eps_hat: float, z: float, i: int) -> float:
    one = np.array([[x]]), np.array([[eps_hat]]), np.array([[z]])
    return float(
        diffusion.ancestral_step(one[0], one[1], EXERCISE_3_SCHEDULE, i, one[2])[0, 0]
    )


def _variant(
    x, e, z, i, *, beta_noise=False, no_root=False, plus=False, shift=0, bar=False
):
    s = EXERCISE_3_SCHEDULE
    k = min(max(i + shift, 1), s.num_steps)
    ab, ab_prev, beta = s.alpha_bars[k], s.alpha_bars[k - 1], s.betas[k - 1]
    coef = beta / (1 - ab) if bar else beta / np.sqrt(1 - ab)
    mean = x + coef * e if plus else x - coef * e
    mean = mean if no_root else mean / np.sqrt(1 - beta)
    var = beta if beta_noise else beta * (1 - ab_prev) / (1 - ab)
    return mean + np.sqrt(var) * z


def exercise_3(ddpm_step) -> None:
    """One step x_i -> x_{i-1} of the ancestral sampler, eq. (eq-diff-ancestral)."""
    points = [
        (x, e, z, i)
        for x, e, z in [(0.8, -0.5, 0.3), (-1.2, 1.1, -0.7)]
        for i in (1, 2, 37, 100)
    ]
    check_function(
        ddpm_step,
        _step,
        points,
        name="Exercise 3, ddpm_step",
        hint="beta_i is schedule.betas[i - 1] and alpha_bar_i is "
        "schedule.alpha_bars[i]; the noise has variance "
        "beta_i (1 - alpha_bar_{i-1}) / (1 - alpha_bar_i).",
        mistakes={
            "the noise term has variance beta_i here; the posterior's is "
            "beta_i (1 - alpha_bar_{i-1}) / (1 - alpha_bar_i), which is 0 at "
            "i = 1.": lambda x, e, z, i: _variant(x, e, z, i, beta_noise=True),
            "the mean must be divided by sqrt(alpha_i) = sqrt(1 - beta_i).": (
                lambda x, e, z, i: _variant(x, e, z, i, no_root=True)
            ),
            "the predicted noise must be subtracted, not added.": lambda x, e, z, i: (
                _variant(x, e, z, i, plus=True)
            ),
            "the coefficient of eps_hat is beta_i / sqrt(1 - alpha_bar_i), with a "
            "square root.": lambda x, e, z, i: _variant(x, e, z, i, bar=True),
            "off by one step: step i uses beta_i = schedule.betas[i - 1] and "
            "alpha_bar_i = schedule.alpha_bars[i].": lambda x, e, z, i: _variant(
                x, e, z, i, shift=1
            ),
            "the step ignores z: the sampler adds fresh noise at every step but the "
            "last.": lambda x, e, z, i: _variant(x, e, 0.0, i),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the reparameterised sample and its derivative in alpha_bar.


def _sample_and_grad(x0: float, eps: float, a: float) -> np.ndarray:
    derivative = central_diff(lambda b: _noisy(x0, eps, b), a, 1e-5)
    return np.array([_noisy(x0, eps, a), derivative])


def exercise_4(sample_and_grad) -> None:
    """The sample of exercise 1 and its derivative in alpha_bar."""

    def pair(f):
        return lambda x0, e, a: np.array([_noisy(x0, e, a), f(x0, e, a)])

    check_function(
        sample_and_grad,
        _sample_and_grad,
        _POINTS,
        name="Exercise 4, sample_and_grad",
        rtol=1e-6,
        atol=1e-8,
        hint="return the pair (x_t, derivative); d sqrt(u)/du = 1 / (2 sqrt(u)), and "
        "the chain rule gives a minus sign for sqrt(1 - alpha_bar).",
        mistakes={
            "the derivative misses the factors 1/2 of "
            "d sqrt(u)/du = 1/(2 sqrt(u)).": pair(
                lambda x0, e, a: x0 / np.sqrt(a) - e / np.sqrt(1 - a)
            ),
            "the noise term's derivative has the wrong sign: d sqrt(1 - u)/du is "
            "negative.": pair(
                lambda x0, e, a: x0 / (2 * np.sqrt(a)) + e / (2 * np.sqrt(1 - a))
            ),
            "that is the derivative in sqrt(alpha_bar), not in alpha_bar.": pair(
                lambda x0, e, a: x0 - e * np.sqrt(a) / np.sqrt(1 - a)
            ),
            "the order is (x_t, derivative).": lambda x0, e, a: _sample_and_grad(
                x0, e, a
            )[::-1],
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the prior term KL(q(x_T | x_0) || N(0, I)) in closed form.


def exercise_5(kl) -> None:
    """The prior KL of the demo schedule at x0 = (2, 1), in nats."""
    a, x0 = EXERCISE_5_ALPHA_BAR, np.array([EXERCISE_5_X0])
    right = float(diffusion.prior_kl(x0, a)[0])
    d, sq = 2, float((x0**2).sum())
    check_scalar(
        kl,
        right,
        name="Exercise 5, KL",
        rtol=1e-4,
        hint="for N(m, v I) against N(0, I) in d dimensions the KL is "
        "(d v + |m|^2 - d - d log v) / 2, with m = sqrt(alpha_bar) x0 and "
        "v = 1 - alpha_bar.",
        mistakes={
            "the log term is missing: -d log(1 - alpha_bar) / 2.": 0.5
            * (d * (1 - a) + a * sq - d),
            "the mean is sqrt(alpha_bar) x0, so its squared length carries "
            "alpha_bar, not alpha_bar squared.": 0.5
            * (d * (1 - a) + a**2 * sq - d - d * np.log(1 - a)),
            "the variance is 1 - alpha_bar; you used the standard deviation.": 0.5
            * (d * np.sqrt(1 - a) + a * sq - d - d * np.log(np.sqrt(1 - a))),
            "the KL is half of that: (...)/2.": d * (1 - a)
            + a * sq
            - d
            - d * np.log(1 - a),
            "the sign of the log term is wrong.": 0.5
            * (d * (1 - a) + a * sq - d + d * np.log(1 - a)),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the posterior variance of one step.


def exercise_6(beta_tilde) -> None:
    """beta_tilde_50 of the chapter's schedule."""
    s, i = EXERCISE_3_SCHEDULE, EXERCISE_6_STEP
    one = np.zeros((1, 1))
    right = diffusion.q_posterior(one, one, s, i)[1]
    ab, ab_prev, beta = s.alpha_bars[i], s.alpha_bars[i - 1], s.betas[i - 1]
    check_scalar(
        beta_tilde,
        right,
        name="Exercise 6, beta_tilde",
        rtol=1e-6,
        hint="condition the Gaussian pair (x_{i-1}, x_i) given x_0 on x_i: the "
        "variance shrinks by the factor (1 - alpha_bar_{i-1}) / (1 - alpha_bar_i).",
        mistakes={
            "that is beta_i itself, the variance of the forward step.": beta,
            "the ratio is upside down: (1 - alpha_bar_{i-1}) / (1 - alpha_bar_i).": beta
            * (1 - ab)
            / (1 - ab_prev),
            "that is 1 - alpha_bar_{i-1}, the variance of x_{i-1} given x_0 alone.": 1
            - ab_prev,
            "off by one step: beta_i is schedule.betas[i - 1].": s.betas[i]
            * (1 - ab)
            / (1 - s.alpha_bars[i + 1]),
        },
    )
