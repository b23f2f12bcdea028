"""Chapter 22's exercise checks accept right answers in several forms and reject the
typical mistakes (variances for standard deviations, the source notes' 1/sqrt(2 pi), a
missing 1/sqrt(alpha_i), an index off by one, a missing factor 1/2 or log term...) with
their messages, without giving a number away."""

import numpy as np

from mathlib.exercise_checks import ch22

S = ch22.EXERCISE_3_SCHEDULE


def _step(x, e, z, i):
    beta, ab, ab_prev = S.betas[i - 1], S.alpha_bars[i], S.alpha_bars[i - 1]
    return (x - beta / np.sqrt(1 - ab) * e) / np.sqrt(1 - beta) + np.sqrt(
        beta * (1 - ab_prev) / (1 - ab)
    ) * z


def test_exercise_1_noising_marginal(accepts, rejects):
    accepts(ch22.exercise_1, lambda x0, e, a: np.sqrt(a) * x0 + np.sqrt(1 - a) * e)
    accepts(
        ch22.exercise_1,
        lambda x0, e, a: (
            (a * x0**2) ** 0.5 * np.sign(x0) + ((1 - a) * e**2) ** 0.5 * np.sign(e)
        ),
    )
    assert "square roots" in rejects(
        ch22.exercise_1, lambda x0, e, a: a * x0 + (1 - a) * e
    )
    assert "standard deviation" in rejects(
        ch22.exercise_1, lambda x0, e, a: np.sqrt(a) * x0 + (1 - a) * e
    )
    assert "swapped" in rejects(
        ch22.exercise_1, lambda x0, e, a: np.sqrt(1 - a) * x0 + np.sqrt(a) * e
    )
    assert "shrink" in rejects(
        ch22.exercise_1, lambda x0, e, a: x0 + np.sqrt(1 - a) * e
    )
    assert "None" in rejects(ch22.exercise_1, None)


def test_exercise_2_score_from_noise(accepts, rejects):
    accepts(ch22.exercise_2, lambda e, a: -e / np.sqrt(1 - a))
    accepts(ch22.exercise_2, lambda e, a: -e * (1 - a) ** -0.5)
    assert "sign" in rejects(ch22.exercise_2, lambda e, a: e / np.sqrt(1 - a))
    assert "variance" in rejects(ch22.exercise_2, lambda e, a: -e / (1 - a))
    assert "source notes" in rejects(
        ch22.exercise_2, lambda e, a: -e / np.sqrt(2 * np.pi)
    )
    assert "multiplied" in rejects(ch22.exercise_2, lambda e, a: -e * np.sqrt(1 - a))


def test_exercise_3_ancestral_step(accepts, rejects):
    accepts(ch22.exercise_3, _step)
    accepts(ch22.exercise_3, lambda x, e, z, i: float(np.asarray(_step(x, e, z, i))))
    assert "variance beta_i" in rejects(
        ch22.exercise_3, lambda x, e, z, i: ch22._variant(x, e, z, i, beta_noise=True)
    )
    assert "sqrt(alpha_i)" in rejects(
        ch22.exercise_3, lambda x, e, z, i: ch22._variant(x, e, z, i, no_root=True)
    )
    assert "subtracted" in rejects(
        ch22.exercise_3, lambda x, e, z, i: ch22._variant(x, e, z, i, plus=True)
    )
    assert "square root" in rejects(
        ch22.exercise_3, lambda x, e, z, i: ch22._variant(x, e, z, i, bar=True)
    )
    assert "off by one" in rejects(
        ch22.exercise_3, lambda x, e, z, i: ch22._variant(x, e, z, i, shift=1)
    )
    assert "ignores z" in rejects(
        ch22.exercise_3, lambda x, e, z, i: _step(x, e, 0.0, i)
    )


def test_exercise_4_reparameterised_sample_and_derivative(accepts, rejects):
    def right(x0, e, a):
        return (
            np.sqrt(a) * x0 + np.sqrt(1 - a) * e,
            x0 / (2 * np.sqrt(a)) - e / (2 * np.sqrt(1 - a)),
        )

    accepts(ch22.exercise_4, right)
    accepts(ch22.exercise_4, lambda x0, e, a: np.array(right(x0, e, a)))
    assert "factors 1/2" in rejects(
        ch22.exercise_4, lambda x0, e, a: (right(x0, e, a)[0], 2 * right(x0, e, a)[1])
    )
    assert "wrong sign" in rejects(
        ch22.exercise_4,
        lambda x0, e, a: (
            right(x0, e, a)[0],
            x0 / (2 * np.sqrt(a)) + e / (2 * np.sqrt(1 - a)),
        ),
    )
    assert "in sqrt(alpha_bar)" in rejects(
        ch22.exercise_4,
        lambda x0, e, a: (right(x0, e, a)[0], 2 * np.sqrt(a) * right(x0, e, a)[1]),
    )
    assert "order" in rejects(ch22.exercise_4, lambda x0, e, a: right(x0, e, a)[::-1])


def _kl(a, sq, d=2):
    return 0.5 * (d * (1 - a) + a * sq - d - d * np.log(1 - a))


def test_exercise_5_prior_kl(accepts, rejects):
    a = ch22.EXERCISE_5_ALPHA_BAR
    right = _kl(a, 5.0)
    accepts(ch22.exercise_5, right)
    accepts(ch22.exercise_5, f"{right:.6f}")
    assert "log term is missing" in rejects(
        ch22.exercise_5, 0.5 * (2 * (1 - a) + 5 * a - 2)
    )
    assert "alpha_bar squared" in rejects(
        ch22.exercise_5, 0.5 * (2 * (1 - a) + 5 * a**2 - 2 - 2 * np.log(1 - a))
    )
    assert "half" in rejects(ch22.exercise_5, 2 * right)
    assert "sign of the log" in rejects(
        ch22.exercise_5, 0.5 * (2 * (1 - a) + 5 * a - 2 + 2 * np.log(1 - a))
    )
    message = rejects(ch22.exercise_5, 1.3)
    assert f"{right:.3f}" not in message and f"{right:.2f}" not in message


def test_exercise_6_posterior_variance(accepts, rejects):
    i = ch22.EXERCISE_6_STEP
    beta, ab, ab_prev = S.betas[i - 1], S.alpha_bars[i], S.alpha_bars[i - 1]
    right = beta * (1 - ab_prev) / (1 - ab)
    accepts(ch22.exercise_6, right)
    accepts(ch22.exercise_6, np.float32(right))
    assert "forward step" in rejects(ch22.exercise_6, beta)
    assert "upside down" in rejects(ch22.exercise_6, beta * (1 - ab) / (1 - ab_prev))
    assert "given x_0 alone" in rejects(ch22.exercise_6, 1 - ab_prev)
    message = rejects(ch22.exercise_6, 0.1)
    assert f"{right:.4f}" not in message
