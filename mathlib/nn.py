"""Neural-network building blocks on ``mathlib.autodiff``: layers, an MLP and losses.

Parameters are leaf ``Tensor`` objects; ``parameters()`` lists them so an optimizer from
``mathlib.optim`` can update their ``data`` from their ``grad``. Initialisation is
seeded by an explicit ``rng``. The losses take logits (unsquashed scores) and are
computed stably. See :doc:`/chapters/15-backprop` (initialisation),
:doc:`/chapters/14-information` (cross-entropy) and :doc:`/chapters/17-training`
(training).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_array, whole_number
from .autodiff import ops
from .autodiff.forward import Dual
from .autodiff.tensor import Tensor

__all__ = [
    "MLP", "Linear", "binary_cross_entropy", "cross_entropy", "gradient_norms", "mse",
]

_ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "softplus")
_INITS = ("he", "xavier")


class Linear:
    """An affine layer ``y = x W + b`` for a batch ``x`` of shape (n, in_features).

    Parameters
    ----------
    in_features, out_features : int
        Sizes of the input and the output.
    rng : numpy.random.Generator
        Source of the initial weights.
    init : {"he", "xavier"}, default "he"
        Weights drawn from N(0, 2 / in_features) (He, for ReLU) or N(0, 2 / (in_features
        + out_features)) (Xavier initialisation, for tanh); biases start at 0.

    Attributes
    ----------
    weight : Tensor
        Shape (in_features, out_features).
    bias : Tensor
        Shape (out_features,).

    Examples
    --------
    >>> layer = Linear(2, 3, np.random.default_rng(0))
    >>> layer(np.ones((5, 2))).shape
    (5, 3)

    See :doc:`/chapters/15-backprop` (He and Xavier initialisation).
    """

    def __init__(
        self, in_features: int, out_features: int, rng: np.random.Generator, init: str = "he"
    ) -> None:
        in_features = whole_number(in_features, "Linear: in_features", minimum=1)
        out_features = whole_number(out_features, "Linear: out_features", minimum=1)
        generator(rng, "Linear: rng")
        if init == "he":
            std = np.sqrt(2.0 / in_features)  # keeps the variance of ReLU layers constant
        elif init == "xavier":
            std = np.sqrt(2.0 / (in_features + out_features))  # balances forward and backward
        else:
            raise ValueError(f"Linear: unknown init {init!r}; use one of {_INITS}")
        self.weight = Tensor(rng.normal(0.0, std, (in_features, out_features)), requires_grad=True)
        self.bias = Tensor(np.zeros(out_features), requires_grad=True)

    def __call__(self, x: Tensor | ArrayLike) -> Tensor:
        """Apply the layer to a batch (rows are examples)."""
        if not isinstance(x, Tensor | Dual):
            x = real_array(x, "Linear: x", copy=False)
        return x @ self.weight + self.bias

    def parameters(self) -> list[Tensor]:
        """The trainable tensors, ``[weight, bias]``."""
        return [self.weight, self.bias]

    def zero_grad(self) -> None:
        """Reset the gradients of the parameters (they accumulate across backward calls)."""
        for p in self.parameters():
            p.zero_grad()


class MLP:
    """A multilayer perceptron: Linear layers with an activation between them.

    The last layer has no activation: it returns logits (or a regression output).

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``[2, 16, 16, 1]``.
    rng : numpy.random.Generator
        Source of the initial weights.
    activation : {"relu", "tanh", "sigmoid", "leaky_relu", "softplus"}, default "relu"
        Applied after every layer but the last.
    init : {"he", "xavier"}, optional
        Weight initialisation; by default He for ReLU-like activations, Xavier
        otherwise.

    Examples
    --------
    >>> net = MLP([2, 8, 1], np.random.default_rng(0))
    >>> net(np.zeros((4, 2))).shape, len(net.parameters())
    ((4, 1), 4)

    See :doc:`/chapters/17-training`.
    """

    def __init__(
        self,
        sizes: Sequence[int],
        rng: np.random.Generator,
        activation: str = "relu",
        init: str | None = None,
    ) -> None:
        sizes = list(sizes)
        if len(sizes) < 2:
            raise ValueError(f"MLP: sizes needs at least an input and an output, got {sizes}")
        if activation not in _ACTIVATIONS:
            raise ValueError(f"MLP: unknown activation {activation!r}; use one of {_ACTIVATIONS}")
        if init is None:
            init = "he" if activation in ("relu", "leaky_relu", "softplus") else "xavier"
        self.activation = activation
        self.layers = [Linear(m, n, rng, init) for m, n in zip(sizes[:-1], sizes[1:], strict=True)]

    def __call__(self, x: Tensor | ArrayLike) -> Tensor:
        """Apply the network to a batch (rows are examples); returns the last layer's output."""
        h = x
        for layer in self.layers[:-1]:
            h = getattr(layer(h), self.activation)()
        return self.layers[-1](h)

    def parameters(self) -> list[Tensor]:
        """All trainable tensors, layer by layer: ``[W1, b1, W2, b2, ...]``."""
        return [p for layer in self.layers for p in layer.parameters()]

    def zero_grad(self) -> None:
        """Reset the gradients of all parameters (they accumulate across backward calls)."""
        for p in self.parameters():
            p.zero_grad()


def _same_shape(pred: object, target: np.ndarray, name: str) -> None:
    if np.shape(pred) != target.shape:
        raise ValueError(
            f"{name}: target must have the shape of the prediction, {np.shape(pred)}, "
            f"got {target.shape} (broadcasting them would compare every pair)"
        )


def _prediction(x: object, name: str) -> Tensor | Dual | np.ndarray:
    if isinstance(x, Tensor | Dual):
        return x
    return real_array(x, f"{name}: prediction", copy=False)


def _target(target: ArrayLike, name: str) -> np.ndarray:
    if isinstance(target, Tensor | Dual):
        raise TypeError(
            f"{name}: the target must be a NumPy array (a constant), "
            f"not a {type(target).__name__}"
        )
    return real_array(target, f"{name}: target", copy=False)  # read, never written


def mse(pred: Tensor | ArrayLike, target: ArrayLike) -> Tensor | float:
    """Mean squared error, mean((pred - target)^2).

    Parameters
    ----------
    pred : Tensor, Dual or array_like
        Predictions.
    target : array_like
        Targets, of exactly the shape of ``pred``.

    Returns
    -------
    Tensor (or Dual, or float for array inputs)
        A single number.

    Examples
    --------
    >>> float(mse(np.array([1.0, 3.0]), np.array([0.0, 1.0])))
    2.5

    See :doc:`/chapters/10-gradient-descent` (least squares) and
    :doc:`/chapters/17-training`.
    """
    pred, target = _prediction(pred, "mse"), _target(target, "mse")
    _same_shape(pred, target, "mse")
    diff = pred - target
    return ops.mean(diff * diff)


def cross_entropy(logits: Tensor | ArrayLike, labels: ArrayLike) -> Tensor | float:
    """Mean cross-entropy of softmax(logits) against integer class labels.

    Computed as -mean(log_softmax(logits)[i, labels[i]]), which never takes log(0).

    Parameters
    ----------
    logits : Tensor, Dual or array_like
        Shape (n, k): one row of k class scores per example.
    labels : array_like of int
        Shape (n,), values in 0, ..., k - 1.

    Returns
    -------
    Tensor (or Dual, or float for array inputs)
        A single number.

    Examples
    --------
    >>> round(float(cross_entropy(np.zeros((3, 4)), np.array([0, 1, 3]))), 4)  # log 4
    1.3863

    See :doc:`/chapters/14-information` (cross-entropy and its gradient softmax -
    onehot).
    """
    logits, labels = _prediction(logits, "cross_entropy"), np.asarray(labels)
    if labels.dtype.kind not in "iu":
        raise TypeError(f"cross_entropy: labels must be integers, got {labels!r:.60}")
    shape = np.shape(logits)
    if len(shape) != 2:
        raise ValueError(f"cross_entropy: logits must have shape (n, k), got {shape}")
    if labels.shape != (shape[0],):
        raise ValueError(
            f"cross_entropy: labels must have shape (n,) = {(shape[0],)}, "
            f"got {labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= shape[1]):
        raise ValueError(f"cross_entropy: labels must lie in 0..{shape[1] - 1}")
    logp = ops.log_softmax(logits, axis=1)
    return -ops.mean(logp[np.arange(shape[0]), labels])


def binary_cross_entropy(logits: Tensor | ArrayLike, targets: ArrayLike) -> Tensor | float:
    """Mean binary cross-entropy of sigmoid(logits) against targets in [0, 1].

    Uses -[y log s(z) + (1 - y) log(1 - s(z))] = softplus(z) - y z, stable for any z.

    Parameters
    ----------
    logits : Tensor, Dual or array_like
        Scores z, any shape.
    targets : array_like
        Targets y in [0, 1], of exactly the shape of ``logits``.

    Returns
    -------
    Tensor (or Dual, or float for array inputs)
        A single number.

    Examples
    --------
    >>> round(float(binary_cross_entropy(np.zeros(2), np.array([0.0, 1.0]))), 4)  # log 2
    0.6931

    See :doc:`/chapters/14-information` (logistic regression) and
    :doc:`/chapters/17-training`.
    """
    logits = _prediction(logits, "binary_cross_entropy")
    y = _target(targets, "binary_cross_entropy")
    _same_shape(logits, y, "binary_cross_entropy")
    if y.size and (y.min() < 0 or y.max() > 1):
        raise ValueError("binary_cross_entropy: targets must lie in [0, 1]")
    return ops.mean(ops.softplus(logits) - y * logits)


def gradient_norms(params: Sequence[Tensor]) -> np.ndarray:
    """The Euclidean (Frobenius) norm of each tensor's gradient, 0 where there is none.

    Parameters
    ----------
    params : sequence of Tensor
        E.g. the weight matrices of a network, input layer first, after ``backward()``.

    Returns
    -------
    numpy.ndarray
        Shape (len(params),): ``sqrt(sum(p.grad ** 2))`` for each tensor.

    Examples
    --------
    >>> w = Tensor([3.0, 4.0], requires_grad=True)
    >>> (w * w).sum().backward()
    >>> gradient_norms([w]).tolist()  # the gradient is 2 w = (6, 8)
    [10.0]

    See :doc:`/chapters/17-training` (per-layer gradient norms).
    """
    norms = []
    for i, p in enumerate(params):
        if not isinstance(p, Tensor):
            raise TypeError(f"gradient_norms: params[{i}] is not a Tensor")
        norms.append(0.0 if p.grad is None else float(np.linalg.norm(p.grad)))
    return np.array(norms)
