"""Numerically stable NumPy kernels shared by the reverse mode, the forward mode and ``ops``.

Each avoids overflow of ``exp`` for large inputs. See chapter 14 (softmax and
log-sum-exp) and chapter 16.
"""

from __future__ import annotations

import numpy as np


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-x), without overflow for large |x|."""
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus(x: np.ndarray) -> np.ndarray:
    """log(1 + e^x), computed as logaddexp(0, x)."""
    return np.logaddexp(0.0, x)


def logsumexp(x: np.ndarray, axis: int | tuple[int, ...] | None, keepdims: bool) -> np.ndarray:
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
