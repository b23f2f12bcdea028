"""Checks for the exercises of :doc:`/chapters/17-training`."""

from __future__ import annotations

import numpy as np

from mathlib.autodiff import batch_norm, conv2d
from mathlib.checks import check_array, check_function, check_scalar
from mathlib.numgrad import gradient
from mathlib.subgradients import soft_threshold

__all__ = [
    "EXERCISE_1_H", "EXERCISE_1_W", "EXERCISE_1_LAM", "EXERCISE_2_H", "EXERCISE_2_W",
    "EXERCISE_2_LAM", "EXERCISE_3_H", "EXERCISE_3_P",
    "exercise_1", "exercise_2", "exercise_3", "exercise_4", "exercise_5",
]

# Exercise 1: the L2-penalised minimiser of (1/2)(w - w*)^T H (w - w*).
EXERCISE_1_H, EXERCISE_1_W, EXERCISE_1_LAM = ((3.0, 1.0), (1.0, 2.0)), (1.0, -1.0), 0.5
# Exercise 2: the L1-penalised minimiser for a diagonal H.
EXERCISE_2_H, EXERCISE_2_W, EXERCISE_2_LAM = (2.0, 0.5, 4.0), (1.5, -0.2, -0.3), 0.6
# Exercise 3: inverted dropout of one unit of value h with drop probability p.
EXERCISE_3_H, EXERCISE_3_P = 1.5, 0.4



# ------------------------------------------------------------------------------
# Exercise 1: the L2-penalised minimiser of a quadratic.

def _ridge(H: np.ndarray, w: np.ndarray, lam: float) -> np.ndarray:
    return np.linalg.solve(H + 2 * lam * np.eye(len(w)), H @ w)


def exercise_1(w_lam) -> None:
    """(H + 2 lambda I)^{-1} H w* for EXERCISE_1_*."""
    H, w = np.array(EXERCISE_1_H), np.array(EXERCISE_1_W)
    lam = EXERCISE_1_LAM
    hint = ("set the gradient H(w - w*) + 2λw of the penalised loss to zero and solve "
            "the linear system (np.linalg.solve).")
    mistakes = {
        "the gradient of λ‖w‖² is 2λw, not λw: a factor 2 is missing.":
            np.linalg.solve(H + lam * np.eye(2), H @ w),
        "the penalty does not shrink w* uniformly: that is w*/(1 + 2λ), the answer "
        "only when H = I. The shrinking depends on the curvature.": w / (1 + 2 * lam),
        "the right-hand side of the equation is H w*, not w*.":
            np.linalg.solve(H + 2 * lam * np.eye(2), w),
    }
    check_array(w_lam, _ridge(H, w, lam), name="Exercise 1", hint=hint, mistakes=mistakes)


# ------------------------------------------------------------------------------
# Exercise 2: the L1-penalised minimiser for a diagonal H.

def _soft(w: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Soft thresholding of each w_j at its own threshold."""
    return np.array([soft_threshold(a, t) for a, t in zip(w, thresholds, strict=True)])


def exercise_2(w_lam) -> None:
    """Soft thresholding of w*_j at lambda / h_j."""
    h, w = np.array(EXERCISE_2_H), np.array(EXERCISE_2_W)
    lam = EXERCISE_2_LAM
    hint = ("the problem splits into one problem per coordinate, "
            "h_j (w_j - w*_j)²/2 + λ|w_j|; divide by h_j and use the subgradient "
            "condition (or soft thresholding) of one variable.")
    mistakes = {
        "each coordinate's threshold is λ/h_j: divide the whole one-variable problem "
        "by h_j first. Yours used λ for every coordinate.": _soft(w, lam + 0 * h),
        "each coordinate's threshold is λ/h_j, not λ·h_j.": _soft(w, lam * h),
        "these are the L2 (ridge) shrink factors h_j/(h_j + 2λ); the L1 penalty "
        "subtracts a threshold and can give exact zeros.": h / (h + 2 * lam) * w,
        "the coordinates that survive are also moved towards 0 by their threshold "
        "(soft, not hard, thresholding).": np.where(np.abs(w) > lam / h, w, 0.0),
    }
    check_array(w_lam, _soft(w, lam / h), name="Exercise 2", hint=hint, mistakes=mistakes)


# ------------------------------------------------------------------------------
# Exercise 3: the variance that inverted dropout adds.

def exercise_3(variance) -> None:
    """Var[h m / (1 - p)] with m ~ Bernoulli(1 - p): h² p / (1 - p)."""
    h, p = EXERCISE_3_H, EXERCISE_3_P
    check_scalar(
        variance, h**2 * p / (1 - p), name="Exercise 3",
        hint="Var[X] = E[X²] - (E[X])²; with m ∈ {0, 1}, m² = m, and E[m] = 1 - p.",
        mistakes={
            "that is the variance of h·m without the scaling 1/(1 - p), the original "
            "(not inverted) dropout.": h**2 * p * (1 - p),
            "that is E[X²]; subtract the square of the mean, which is h.":
                h**2 / (1 - p),
            "check which probability is which: a unit is kept with probability 1 - p.":
                h**2 * (1 - p) / p,
            "(1/(1 - p))² · Var[m] · h² with Var[m] = p(1 - p) simplifies to one "
            "factor (1 - p) in the denominator, not two.": h**2 * p / (1 - p) ** 2,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the backward pass of batch normalisation, checked on random shapes.

EPS_4 = 1e-5


def _bn_points() -> list[tuple]:
    """Random batches of several shapes (a fixed seed: the same points every time)."""
    rng = np.random.default_rng(1704)
    points = []
    for n, d in [(4, 3), (7, 1), (2, 5), (10, 2)]:
        x = rng.normal(rng.normal(0, 3, d), rng.uniform(0.5, 3, d), size=(n, d))
        points.append((rng.normal(size=(n, d)), x, rng.normal(size=d)))
    return points


def _bn_reference(g: np.ndarray, x: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """dL/dx for L = sum(g * batch_norm(x)), by central differences."""
    beta = np.zeros(len(gamma))
    return gradient(lambda v: np.sum(g * batch_norm(v, gamma, beta, EPS_4)), x)


def _bn_parts(g: np.ndarray, x: np.ndarray, gamma: np.ndarray) -> tuple:
    s = np.sqrt(x.var(axis=0) + EPS_4)
    xhat = (x - x.mean(axis=0)) / s
    return s, xhat, g.mean(axis=0), (g * xhat).mean(axis=0)


def exercise_4(batch_norm_backward) -> None:
    """(gamma / s)(g - mean(g) - xhat mean(g xhat)), against finite differences."""

    def without_mean(g, x, gamma):
        s, xhat, _, gx = _bn_parts(g, x, gamma)
        return gamma / s * (g - xhat * gx)

    def without_xhat(g, x, gamma):
        s, _, gm, _ = _bn_parts(g, x, gamma)
        return gamma / s * (g - gm)

    def constant_stats(g, x, gamma):
        s, *_ = _bn_parts(g, x, gamma)
        return gamma / s * g

    def without_gamma(g, x, gamma):
        s, xhat, gm, gx = _bn_parts(g, x, gamma)
        return (g - gm - xhat * gx) / s

    check_function(
        batch_norm_backward, _bn_reference, _bn_points(), name="Exercise 4",
        rtol=1e-6, atol=1e-8,
        hint="differentiate through the batch mean and the batch variance too: every "
             "x_j moves every output of its column.",
        mistakes={
            "that treats the mean and the variance as constants: both depend on x, "
            "and the chain rule has to go through them.": constant_stats,
            "the path through the batch mean is missing (the term with mean(g)).":
                without_mean,
            "the path through the batch variance is missing (the term with "
            "xhat · mean(g · xhat)).": without_xhat,
            "the factor γ is missing: dL/dxhat = γ · dL/dy.": without_gamma,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the gradient of a convolution with respect to its kernel.

def _conv_points() -> list[tuple]:
    rng = np.random.default_rng(1705)
    points = []
    for (h, w), (kh, kw) in [((5, 5), (3, 3)), ((6, 4), (2, 3)), ((4, 7), (4, 1)),
                             ((3, 3), (1, 1))]:
        g = rng.normal(size=(h - kh + 1, w - kw + 1))
        points.append((rng.normal(size=(h, w)), g))
    return points


def _conv_reference(x: np.ndarray, g: np.ndarray) -> np.ndarray:
    """dL/dw for L = sum(g * conv2d(x, w)), by central differences (linear in w)."""
    kh, kw = x.shape[0] - g.shape[0] + 1, x.shape[1] - g.shape[1] + 1
    return gradient(
        lambda w: np.sum(g * conv2d(x[None, None], w[None, None])[0, 0]),
        np.zeros((kh, kw)),
    )


def exercise_5(conv_kernel_grad) -> None:
    """dL/dw[i, j] = sum_{p, q} g[p, q] x[p + i, q + j], against finite differences."""
    check_function(
        conv_kernel_grad, _conv_reference, _conv_points(), name="Exercise 5",
        rtol=1e-6, atol=1e-8,
        hint="w[i, j] multiplies x[p + i, q + j] in the output y[p, q]; sum g[p, q] "
             "times that over all output positions (p, q).",
        mistakes={
            "your kernel gradient is flipped in both directions: that is a convolution "
            "in the sense of analysis; the layer (and its gradient) is a "
            "cross-correlation, with x[p + i, q + j].":
                lambda x, g: _conv_reference(x, g)[::-1, ::-1],
            "g has been flipped (or the windows read backwards): the window of output "
            "(p, q) starts at x[p, q].":
                lambda x, g: _conv_reference(x, g[::-1, ::-1]),
        },
    )
