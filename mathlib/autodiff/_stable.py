"""Log-sum-exp and the softmax family without overflow, for both modes and ``ops``.

Each shifts its input by the maximum before ``exp``, so no term overflows. (The stable
sigmoid and softplus are rows of :mod:`mathlib.elementary`.) See
:doc:`/chapters/14-information` and :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

import numpy as np


def logsumexp(
    x: np.ndarray, axis: int | tuple[int, ...] | None, keepdims: bool
) -> np.ndarray:
    """log(sum(exp(x))) over ``axis``, shifted by the maximum so no term overflows."""
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)  # an all -inf slice gives -inf, not nan
    out = m + np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True))
    if not keepdims:
        out = np.squeeze(out, axis=axis) if axis is not None else out.reshape(())
    return out


def log_softmax(x: np.ndarray, axis: int) -> np.ndarray:
    """x - logsumexp(x) along ``axis``."""
    return x - logsumexp(x, axis, keepdims=True)


def softmax(x: np.ndarray, axis: int) -> np.ndarray:
    """exp(x) / sum(exp(x)) along ``axis``, through the stable log-softmax."""
    return np.exp(log_softmax(x, axis))
