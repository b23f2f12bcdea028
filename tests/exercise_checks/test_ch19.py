"""Chapter 19's exercise checks: right answers in any form pass, typical mistakes fail."""

import numpy as np
from scipy import special, stats

from mathlib.exercise_checks import ch19


def test_exercise_1_reparameterised_sample_and_gradient(accepts, rejects):
    def right(m, v, e):
        s = np.exp(v / 2)
        return m + s * e, np.ones_like(m), 0.5 * s * e

    accepts(ch19.exercise_1, right)
    accepts(ch19.exercise_1, lambda m, v, e: [m + np.sqrt(np.exp(v)) * e,
                                              1.0 + 0 * m, np.sqrt(np.exp(v)) * e / 2])
    assert "variance" in rejects(
        ch19.exercise_1, lambda m, v, e: (m + np.exp(v) * e, np.ones_like(m),
                                          np.exp(v) * e))
    assert "inner" in rejects(
        ch19.exercise_1, lambda m, v, e: (m + np.exp(v / 2) * e, np.ones_like(m),
                                          np.exp(v / 2) * e))
    assert "one for one" in rejects(
        ch19.exercise_1, lambda m, v, e: (m + np.exp(v / 2) * e, np.zeros_like(m),
                                          0.5 * np.exp(v / 2) * e))
    assert "swapped" in rejects(
        ch19.exercise_1, lambda m, v, e: (m + np.exp(v / 2) * e,
                                          0.5 * np.exp(v / 2) * e, np.ones_like(m)))
    assert "NotImplementedError" in rejects(ch19.exercise_1, _unfinished)


def _unfinished(*args):
    raise NotImplementedError


def _kl_by_scipy_entropy(m, v):
    """KL to N(0, I) as cross-entropy minus entropy, from SciPy's frozen normals."""
    q = stats.norm(m, np.exp(v / 2))
    cross = 0.5 * np.log(2 * np.pi) + 0.5 * (np.exp(v) + m**2)
    return np.sum(cross - q.entropy(), axis=-1)


def test_exercise_2_gaussian_kl(accepts, rejects):
    accepts(ch19.exercise_2, lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - 1 - v, -1))
    accepts(ch19.exercise_2, _kl_by_scipy_entropy)
    assert "factor 1/2" in rejects(
        ch19.exercise_2, lambda m, v: np.sum(m**2 + np.exp(v) - 1 - v, axis=-1))
    assert "log term" in rejects(
        ch19.exercise_2, lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - 1 + v, axis=-1))
    assert "constant" in rejects(
        ch19.exercise_2, lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - v, axis=-1))
    assert "other direction" in rejects(
        ch19.exercise_2,
        lambda m, v: 0.5 * np.sum(np.exp(-v) * (1 + m**2) - 1 + v, axis=-1))
    assert "standard deviation" in rejects(
        ch19.exercise_2,
        lambda m, v: 0.5 * np.sum(m**2 + np.exp(2 * v) - 1 - 2 * v, axis=-1))
    message = rejects(ch19.exercise_2, lambda m, v: np.sum(m**2, axis=-1))  # summed mu
    assert "np.exp" not in message
    assert "axis" in rejects(ch19.exercise_2, lambda m, v: 0.5 * np.sum(
        m**2 + np.exp(v) - 1 - v))  # summed over everything: a shape error


def test_exercise_3_score_function_estimator(accepts, rejects):
    def right(f, m, v, e):
        s = np.exp(v / 2)
        z = m + s * e
        return f(z)[:, None] * (z - m) / s**2

    accepts(ch19.exercise_3, right)
    accepts(ch19.exercise_3, lambda f, m, v, e: (f(m + np.exp(v / 2) * e)
                                                  * (e / np.exp(v / 2)).T).T)
    assert "without dividing" in rejects(
        ch19.exercise_3, lambda f, m, v, e: f(m + np.exp(v / 2) * e)[:, None] * e)
    assert "not eps / sigma^2" in rejects(
        ch19.exercise_3,
        lambda f, m, v, e: f(m + np.exp(v / 2) * e)[:, None] * e / np.exp(v))
    assert "sign" in rejects(ch19.exercise_3, lambda f, m, v, e: -right(f, m, v, e))
    assert "alone" in rejects(ch19.exercise_3, lambda f, m, v, e: e / np.exp(v / 2))


def _ex4_reference():
    """The gap by quadrature: log p(x) minus the ELBO integral (SciPy only)."""
    from scipy import integrate

    p = ch19.EXERCISE_4_MODEL
    w, b, x = (np.array(p[k]) for k in ("w", "b", "x"))
    s, m, v = p["s"], p["m"], p["v"]
    evidence = stats.multivariate_normal(b, np.outer(w, w) + s**2 * np.eye(2))
    q = stats.norm(m, np.sqrt(v))

    def integrand(z):
        log_joint = stats.norm(w * z + b, s).logpdf(x).sum() + stats.norm.logpdf(z)
        return q.pdf(z) * (log_joint - q.logpdf(z))

    return evidence.logpdf(x) - integrate.quad(integrand, m - 15, m + 15)[0]


def test_exercise_4_elbo_gap(accepts, rejects):
    gap = _ex4_reference()
    accepts(ch19.exercise_4, gap)
    accepts(ch19.exercise_4, f"{gap:.9f}")
    assert "prior" in rejects(ch19.exercise_4, 0.5 * (0.04 + 0.3 - 1 - np.log(0.3)))
    message = rejects(ch19.exercise_4, 0.9 * gap)
    assert "too small" in message and f"{gap:.3f}" not in message
    assert ">= 0" in rejects(ch19.exercise_4, -gap)


def test_exercise_5_stable_log_mean_exp(accepts, rejects):
    accepts(ch19.exercise_5, lambda a: special.logsumexp(a, axis=0) - np.log(len(a)))
    accepts(ch19.exercise_5, lambda a: special.logsumexp(a, axis=0, b=1 / len(a)))
    assert "log of the mean" in rejects(ch19.exercise_5, lambda a: a.mean(axis=0))
    assert "log K" in rejects(ch19.exercise_5,
                              lambda a: special.logsumexp(a, axis=0))
    assert "largest" in rejects(ch19.exercise_5, lambda a: a.max(axis=0))
    naive = rejects(ch19.exercise_5, lambda a: np.log(np.mean(np.exp(a), axis=0)))
    assert "subtract the largest" in naive
