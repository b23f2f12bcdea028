"""Batch normalisation in training mode, with the backward pass derived by hand.

Per feature (axis 1; the other axes, m numbers in all, are the batch),

    mu = mean(x),  var = mean((x - mu)^2),  s = sqrt(var + eps),
    xhat = (x - mu) / s,  y = gamma xhat + beta.

For the gradient ``g`` of the output (all means over the batch axes):

    dL/dbeta  = sum(g),   dL/dgamma = sum(g xhat),
    dL/dx     = (gamma / s) (g - mean(g) - xhat mean(g xhat)).

The last line is the chain rule through mu and var collected into one formula; the
chapter derives it and checks it against finite differences. One fused operation is
faster than the dozen elementary ones it replaces, and it is the formula of the
chapter. See :doc:`/chapters/17-training`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array, real_number

from .forward import Dual
from .tensor import Tensor

__all__ = ["batch_norm"]


def _parts(v: object, name: str) -> tuple[np.ndarray, Tensor | None]:
    if isinstance(v, Tensor):
        return v.data, v
    if isinstance(v, Dual):
        raise TypeError(f"batch_norm: {name} is a Dual; forward mode is not supported")
    return real_array(v, f"batch_norm: {name}", copy=False), None


def batch_norm(
    x: Tensor | ArrayLike,
    gamma: Tensor | ArrayLike,
    beta: Tensor | ArrayLike,
    eps: float = 1e-5,
) -> Tensor | np.ndarray:
    """Normalise each feature by the batch's mean and variance, then scale and shift.

    Parameters
    ----------
    x : Tensor or array_like
        Shape (N, D) (features on axis 1) or (N, C, H, W) (one feature per channel);
        the statistics are taken over every axis but axis 1.
    gamma, beta : Tensor or array_like
        Scale and shift, shape (D,) or (C,).
    eps : float, default 1e-5
        Added to the variance, so that a constant feature does not divide by zero.

    Returns
    -------
    Tensor or numpy.ndarray
        ``gamma * (x - mean) / sqrt(var + eps) + beta``, the shape of ``x``; a Tensor
        if any input is one. The variance is the biased one (divided by m).

    Examples
    --------
    >>> y = batch_norm(np.array([[1.0], [3.0]]), [1.0], [0.0], eps=0.0)
    >>> y.ravel().tolist()
    [-1.0, 1.0]

    See :doc:`/chapters/17-training`.
    """
    xv, xt = _parts(x, "x")
    gv, gt = _parts(gamma, "gamma")
    bv, bt = _parts(beta, "beta")
    eps = real_number(eps, "batch_norm: eps", within="[0, inf)")
    if xv.ndim < 2:
        raise ValueError(
            f"batch_norm: x needs a batch and a feature axis, got shape {xv.shape}"
        )
    d = xv.shape[1]
    if gv.shape != (d,) or bv.shape != (d,):
        raise ValueError(
            f"batch_norm: gamma and beta must have shape ({d},), got {gv.shape} and "
            f"{bv.shape}"
        )
    axes = (0, *range(2, xv.ndim))  # the batch axes: every axis but the features
    shape = (1, d) + (1,) * (xv.ndim - 2)  # gamma, beta broadcast along the batch
    mu = xv.mean(axis=axes, keepdims=True)
    var = xv.var(axis=axes, keepdims=True)
    s = np.sqrt(var + eps)
    xhat = (xv - mu) / s
    y = gv.reshape(shape) * xhat + bv.reshape(shape)
    if xt is None and gt is None and bt is None:
        return y

    def vjp_x(g: np.ndarray) -> np.ndarray:  # (gamma/s)(g - mean g - xhat mean(g xhat))
        g_mean = g.mean(axis=axes, keepdims=True)
        gx_mean = (g * xhat).mean(axis=axes, keepdims=True)
        return gv.reshape(shape) / s * (g - g_mean - xhat * gx_mean)

    return Tensor._node(
        y,
        "batch_norm",
        (xt, vjp_x),
        (gt, lambda g: (g * xhat).sum(axis=axes)),
        (bt, lambda g: g.sum(axis=axes)),
    )
