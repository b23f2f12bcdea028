"""Layers for training networks: batch normalisation, dropout, convolution, penalties.

Each layer is a callable with ``parameters()`` (the leaf tensors an optimizer updates)
and, where training and evaluation differ, a ``training`` flag: batch normalisation
uses the batch's statistics in training and running averages in evaluation; dropout
drops units in training and is the identity in evaluation. ``Sequential`` chains
layers and plain functions (``ops.relu``) and switches all flags at once.
See :doc:`/chapters/17-training`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_number, whole_number
from .autodiff import ops
from .autodiff.conv import conv2d
from .autodiff.normalization import batch_norm
from .autodiff.tensor import Tensor

__all__ = ["BatchNorm", "Conv2d", "Dropout", "Sequential", "l1_penalty", "l2_penalty"]


class BatchNorm:
    """Batch normalisation: per feature, standardise over the batch, scale and shift.

    Parameters
    ----------
    num_features : int
        D for inputs (N, D); C for images (N, C, H, W).
    momentum : float, default 0.1
        Weight of the newest batch in the running averages.
    eps : float, default 1e-5
        Added to the variance.

    Attributes
    ----------
    gamma, beta : Tensor
        Scale (starts at 1) and shift (starts at 0), shape (num_features,).
    running_mean, running_var : numpy.ndarray
        Exponential moving averages of the batch means and of the *unbiased* batch
        variances (m / (m - 1) times the biased one), used in evaluation.
    training : bool
        True: normalise by the batch (``mathlib.autodiff.batch_norm``) and update the
        running averages. False: the fixed affine map ``gamma (x - running_mean) /
        sqrt(running_var + eps) + beta``.

    Examples
    --------
    >>> bn = BatchNorm(2)
    >>> y = bn(np.array([[0.0, 1.0], [2.0, 5.0]]))
    >>> y.data.round(3).tolist(), bn.running_mean.round(3).tolist()
    ([[-1.0, -1.0], [1.0, 1.0]], [0.1, 0.3])

    See :doc:`/chapters/17-training`.
    """

    def __init__(
        self, num_features: int, momentum: float = 0.1, eps: float = 1e-5
    ) -> None:
        d = whole_number(num_features, "BatchNorm: num_features", minimum=1)
        self.momentum = real_number(momentum, "BatchNorm: momentum", within="[0, 1]")
        self.eps = real_number(eps, "BatchNorm: eps", within="[0, inf)")
        self.gamma = Tensor(np.ones(d), requires_grad=True)
        self.beta = Tensor(np.zeros(d), requires_grad=True)
        self.running_mean = np.zeros(d)
        self.running_var = np.ones(d)
        self.training = True

    def __call__(self, x: Tensor | ArrayLike) -> Tensor:
        """Normalise a batch (training) or apply the running statistics (evaluation)."""
        xv = x.data if isinstance(x, Tensor) else np.asarray(x, dtype=float)
        shape = (1, -1) + (1,) * (xv.ndim - 2)
        if not self.training:
            scale = self.gamma / np.sqrt(self.running_var + self.eps)
            shift = self.beta - scale * self.running_mean
            return x * scale.reshape(shape) + shift.reshape(shape)
        axes = (0, *range(2, xv.ndim))
        m = xv.size // xv.shape[1]
        if m < 2:
            raise ValueError("BatchNorm: training needs at least 2 numbers per feature")
        a = self.momentum
        self.running_mean = (1 - a) * self.running_mean + a * xv.mean(axis=axes)
        unbiased = xv.var(axis=axes) * m / (m - 1)
        self.running_var = (1 - a) * self.running_var + a * unbiased
        return batch_norm(x, self.gamma, self.beta, self.eps)

    def parameters(self) -> list[Tensor]:
        """The trainable tensors, ``[gamma, beta]``."""
        return [self.gamma, self.beta]


class Dropout:
    """Inverted dropout: keep each unit with probability 1 - p and divide by 1 - p.

    In training, ``y = x * mask / (1 - p)`` with independent entries
    ``mask ~ Bernoulli(1 - p)``, so that E[y] = x; in evaluation ``y = x``, with no
    rescaling.

    Parameters
    ----------
    p : float
        Probability of dropping a unit, in [0, 1).
    rng : numpy.random.Generator
        Source of the masks.

    Attributes
    ----------
    training : bool
        Drop units (True) or pass the input through (False).

    Examples
    --------
    >>> drop = Dropout(0.5, np.random.default_rng(0))
    >>> sorted(set(drop(np.ones(1000)).tolist()))
    [0.0, 2.0]

    See :doc:`/chapters/17-training`.
    """

    def __init__(self, p: float, rng: np.random.Generator) -> None:
        self.p = real_number(p, "Dropout: p", within="[0, 1)")
        self.rng = generator(rng, "Dropout: rng")
        self.training = True

    def __call__(self, x: Tensor | ArrayLike) -> Tensor | np.ndarray:
        """Drop and rescale (training) or return ``x`` unchanged (evaluation)."""
        if not self.training or self.p == 0:
            return x
        mask = self.rng.random(np.shape(x)) >= self.p  # kept with probability 1 - p
        return x * (mask / (1 - self.p))

    def parameters(self) -> list[Tensor]:
        """No trainable tensors."""
        return []


class Conv2d:
    """A convolution layer: ``conv2d(x, weight, bias, stride, padding)``.

    Parameters
    ----------
    in_channels, out_channels : int
        C and F.
    kernel_size : int
        Square kernels of side k.
    rng : numpy.random.Generator
        Source of the initial weights: N(0, 2 / (C k^2)) (He), biases 0.
    stride, padding : int
        As in ``mathlib.autodiff.conv2d``.

    Attributes
    ----------
    weight : Tensor
        Shape (F, C, k, k).
    bias : Tensor
        Shape (F,).

    Examples
    --------
    >>> conv = Conv2d(1, 4, 3, np.random.default_rng(0), padding=1)
    >>> conv(np.zeros((2, 1, 8, 8))).shape
    (2, 4, 8, 8)

    See :doc:`/chapters/17-training`.
    """

    def __init__(
        self,
        in_channels: int,
        out_channels: int,
        kernel_size: int,
        rng: np.random.Generator,
        stride: int = 1,
        padding: int = 0,
    ) -> None:
        c = whole_number(in_channels, "Conv2d: in_channels", minimum=1)
        f = whole_number(out_channels, "Conv2d: out_channels", minimum=1)
        k = whole_number(kernel_size, "Conv2d: kernel_size", minimum=1)
        self.stride = whole_number(stride, "Conv2d: stride", minimum=1)
        self.padding = whole_number(padding, "Conv2d: padding", minimum=0)
        std = np.sqrt(2.0 / (c * k * k))  # He: fan-in is C k^2
        self.weight = Tensor(
            generator(rng, "Conv2d: rng").normal(0.0, std, (f, c, k, k)),
            requires_grad=True,
        )
        self.bias = Tensor(np.zeros(f), requires_grad=True)

    def __call__(self, x: Tensor | ArrayLike) -> Tensor:
        """Convolve a batch (N, C, H, W)."""
        return conv2d(x, self.weight, self.bias, self.stride, self.padding)

    def parameters(self) -> list[Tensor]:
        """The trainable tensors, ``[weight, bias]``."""
        return [self.weight, self.bias]


class Sequential:
    """Apply layers (and plain functions such as ``ops.relu``) one after another.

    Parameters
    ----------
    *layers : callable
        Each maps a batch to a batch; those with ``parameters()`` contribute them, those
        with a ``training`` attribute follow ``train()``.

    Examples
    --------
    >>> from mathlib.nn import Linear
    >>> rng = np.random.default_rng(0)
    >>> net = Sequential(Linear(2, 4, rng), ops.relu, Dropout(0.5, rng),
    ...                  Linear(4, 1, rng))
    >>> net(np.ones((3, 2))).shape, len(net.parameters())
    ((3, 1), 4)

    See :doc:`/chapters/17-training`.
    """

    def __init__(self, *layers: Callable) -> None:
        if not layers or not all(callable(layer) for layer in layers):
            raise TypeError(
                "Sequential: pass one or more callables (layers, functions)"
            )
        self.layers = layers

    def __call__(self, x: Tensor | ArrayLike) -> Tensor:
        """The output of the last layer."""
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self) -> list[Tensor]:
        """The trainable tensors of all layers, in order."""
        return [p for layer in self.layers if hasattr(layer, "parameters")
                for p in layer.parameters()]

    def train(self, mode: bool = True) -> Sequential:
        """Set every layer's ``training`` flag (False: evaluation); return self."""
        for layer in self.layers:
            if hasattr(layer, "training"):
                layer.training = bool(mode)
        return self


def l1_penalty(params: Sequence[Tensor]) -> Tensor:
    """The L1 penalty: the sum of the absolute values of all entries of ``params``.

    Its gradient is sign(w) away from 0; at 0 the engine uses 0, one subgradient of
    the set [-1, 1].

    Parameters
    ----------
    params : sequence of Tensor
        Usually the weight matrices (not the biases).

    Returns
    -------
    Tensor
        A single number, sum_j |w_j|.

    Examples
    --------
    >>> float(l1_penalty([Tensor([1.0, -2.0]), Tensor([[3.0]])]).data)
    6.0

    See :doc:`/chapters/17-training`.
    """
    params = list(params)
    if not params:
        raise ValueError("l1_penalty: no tensors given")
    return sum((ops.abs(p).sum() for p in params[1:]), ops.abs(params[0]).sum())


def l2_penalty(params: Sequence[Tensor]) -> Tensor:
    """The L2 penalty: the sum of the squares of all entries of ``params``.

    Its gradient is 2 w ("weight decay" when added to the loss with a factor lambda).

    Parameters
    ----------
    params : sequence of Tensor
        Usually the weight matrices (not the biases).

    Returns
    -------
    Tensor
        A single number, sum_j w_j^2.

    Examples
    --------
    >>> float(l2_penalty([Tensor([1.0, -2.0]), Tensor([[3.0]])]).data)
    14.0

    See :doc:`/chapters/17-training`.
    """
    params = list(params)
    if not params:
        raise ValueError("l2_penalty: no tensors given")
    return sum((ops.square(p).sum() for p in params[1:]), ops.square(params[0]).sum())
