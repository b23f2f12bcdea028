"""2-D convolution (cross-correlation, as in every deep-learning library) and its VJPs.

For an input ``x`` of shape (N, C, H, W), kernels ``w`` of shape (F, C, kh, kw) and a
bias ``b`` of shape (F,), stride s and zero padding P,

    y[n, f, p, q] = b[f] + sum_{c, i, j} w[f, c, i, j] x_pad[n, c, s p + i, s q + j].

The windows ``x_pad[n, c, s p : s p + kh, s q : s q + kw]`` are a strided *view* of
the input (``numpy.lib.stride_tricks.sliding_window_view``); one ``tensordot`` over
(c, i, j) then does all the products at once (it copies the windows into a matrix:
"im2col"). The VJPs, for the gradient ``g`` of the output, are

    dL/dw[f, c, i, j] = sum_{n, p, q} g[n, f, p, q] x_pad[n, c, s p + i, s q + j],
    dL/db[f]          = sum_{n, p, q} g[n, f, p, q],
    dL/dx_pad[n, c, s p + i, s q + j]  +=  sum_f g[n, f, p, q] w[f, c, i, j],

the last one a scatter-add of one (N, C, Ho, Wo) block per kernel offset (i, j).
See :doc:`/chapters/17-training`.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike

from mathlib._validate import real_array, whole_number

from .forward import Dual
from .tensor import Tensor

__all__ = ["conv2d", "conv2d_output_size"]


def conv2d_output_size(
    size: int, kernel: int, stride: int = 1, padding: int = 0
) -> int:
    """Output length along one axis: ``(size + 2 padding - kernel) // stride + 1``.

    Parameters
    ----------
    size, kernel : int
        Input length and kernel length along the axis.
    stride, padding : int
        Step between windows, and zeros added at each end.

    Returns
    -------
    int
        The number of windows that fit.

    Examples
    --------
    >>> conv2d_output_size(8, 3), conv2d_output_size(8, 3, stride=2, padding=1)
    (6, 4)

    See :doc:`/chapters/17-training`.
    """
    size = whole_number(size, "conv2d: size", minimum=1)
    kernel = whole_number(kernel, "conv2d: kernel size", minimum=1)
    stride = whole_number(stride, "conv2d: stride", minimum=1)
    padding = whole_number(padding, "conv2d: padding", minimum=0)
    if size + 2 * padding < kernel:
        raise ValueError(
            f"conv2d: the kernel ({kernel}) is larger than the padded input "
            f"({size} + 2 * {padding})"
        )
    return (size + 2 * padding - kernel) // stride + 1


def _parts(v: object, name: str) -> tuple[np.ndarray, Tensor | None]:
    if isinstance(v, Tensor):
        return v.data, v
    if isinstance(v, Dual):
        raise TypeError(f"conv2d: {name} is a Dual; forward mode is not supported here")
    return real_array(v, f"conv2d: {name}", copy=False), None


def _windows(xp: np.ndarray, kh: int, kw: int, stride: int) -> np.ndarray:
    """The view (N, C, Ho, Wo, kh, kw) of all windows of the padded input."""
    return sliding_window_view(xp, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def conv2d(
    x: Tensor | ArrayLike,
    w: Tensor | ArrayLike,
    b: Tensor | ArrayLike | None = None,
    stride: int = 1,
    padding: int = 0,
) -> Tensor | np.ndarray:
    """2-D cross-correlation of a batch of images with a bank of kernels, plus a bias.

    Parameters
    ----------
    x : Tensor or array_like
        Input, shape (N, C, H, W): N images of C channels.
    w : Tensor or array_like
        Kernels, shape (F, C, kh, kw): F output channels.
    b : Tensor or array_like, optional
        Bias, shape (F,).
    stride : int, default 1
        Step between windows along both axes.
    padding : int, default 0
        Zeros added on each side of both spatial axes.

    Returns
    -------
    Tensor or numpy.ndarray
        Shape (N, F, Ho, Wo), Ho = ``conv2d_output_size(H, kh, stride, padding)``; a
        Tensor (differentiable in x, w and b) if any input is one.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, np.ones((1, 1, 2, 2)))[0, 0].tolist()  # sums of 2 x 2 windows
    [[10.0, 14.0, 18.0], [26.0, 30.0, 34.0], [42.0, 46.0, 50.0]]

    See :doc:`/chapters/17-training`.
    """
    xv, xt = _parts(x, "x")
    wv, wt = _parts(w, "w")
    bv, bt = (None, None) if b is None else _parts(b, "b")
    if xv.ndim != 4 or wv.ndim != 4:
        raise ValueError(
            f"conv2d: x must have shape (N, C, H, W) and w shape (F, C, kh, kw), got "
            f"{xv.shape} and {wv.shape}"
        )
    n, c, h, wd = xv.shape
    f, c_w, kh, kw = wv.shape
    if c_w != c:
        raise ValueError(f"conv2d: x has {c} channels but w expects {c_w}")
    if bv is not None and bv.shape != (f,):
        raise ValueError(f"conv2d: b must have shape ({f},), got {bv.shape}")
    ho = conv2d_output_size(h, kh, stride, padding)
    wo = conv2d_output_size(wd, kw, stride, padding)
    pad = ((0, 0), (0, 0), (padding, padding), (padding, padding))
    xp = np.pad(xv, pad) if padding else xv
    cols = _windows(xp, kh, kw, stride)  # (N, C, Ho, Wo, kh, kw), a view
    y = np.tensordot(cols, wv, axes=([1, 4, 5], [1, 2, 3]))  # (N, Ho, Wo, F)
    if bv is not None:
        y = y + bv
    y = y.transpose(0, 3, 1, 2)
    if xt is None and wt is None and bt is None:
        return np.ascontiguousarray(y)

    def vjp_w(g: np.ndarray) -> np.ndarray:  # sum over n, p, q of g * window
        return np.tensordot(g, cols, axes=([0, 2, 3], [0, 2, 3]))

    def vjp_b(g: np.ndarray) -> np.ndarray:
        return g.sum(axis=(0, 2, 3))

    def vjp_x(g: np.ndarray) -> np.ndarray:  # scatter-add each kernel offset's block
        dcols = np.tensordot(g, wv, axes=([1], [0]))  # (N, Ho, Wo, C, kh, kw)
        dxp = np.zeros(xp.shape, dtype=np.result_type(g, wv))
        for i in range(kh):
            for j in range(kw):
                rows = slice(i, i + stride * ho, stride)
                cols_ = slice(j, j + stride * wo, stride)
                dxp[:, :, rows, cols_] += dcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
        return dxp[:, :, padding : padding + h, padding : padding + wd]

    return Tensor._node(
        np.ascontiguousarray(y), "conv2d", (xt, vjp_x), (wt, vjp_w), (bt, vjp_b)
    )
