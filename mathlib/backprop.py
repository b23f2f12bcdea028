"""Backpropagation by hand: one neuron, a two-layer network, a deep stack of layers.

Everything here is written out in NumPy, each gradient next to the equation of
:doc:`/chapters/15-backprop` it comes from, so that the chapter can check it against
finite differences (:mod:`mathlib.numgrad`) and against reverse mode
(:mod:`mathlib.autodiff`, which :doc:`/chapters/16-autodiff` builds).

Conventions, as in :class:`mathlib.nn.Linear`: a batch is a matrix whose **rows are
examples**; a layer computes ``Z = X W + b`` with ``W`` of shape (inputs, outputs);
gradients have the shape of what they differentiate. The activations and their
derivatives are read from :data:`mathlib.elementary.UNARY` (one table for the book).
Losses are means over every entry, as :func:`mathlib.nn.mse` and
:func:`mathlib.nn.binary_cross_entropy` compute them.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from ._validate import generator, real_array, real_number, whole_number
from .elementary import UNARY, sigmoid, softplus

__all__ = [
    "ACTIVATIONS", "INITS", "LOSSES", "Cache", "DeepPass", "NeuronGrad", "Params",
    "TrainLog", "activate", "backward", "deep_pass", "deep_weights", "forward",
    "init_params", "init_std", "layer_jacobians", "loss", "neuron_grad", "train",
]

ACTIVATIONS = ("identity", "sigmoid", "tanh", "relu", "leaky_relu")
INITS = ("xavier", "he", "lecun")
LOSSES = ("mse", "bce", "sigmoid_mse")


def activate(z: ArrayLike, activation: str) -> tuple[np.ndarray, np.ndarray]:
    """The activation φ(z) and its derivative φ'(z), elementwise.

    Parameters
    ----------
    z : array_like
        Pre-activations.
    activation : {"identity", "sigmoid", "tanh", "relu", "leaky_relu"}
        The function φ; ReLU's derivative at 0 is taken to be 0 (the book's convention).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        φ(z) and φ'(z), both of the shape of ``z``.

    Examples
    --------
    >>> a, da = activate(np.array([0.0, 2.0]), "sigmoid")
    >>> da.round(4).tolist()                        # σ(1 - σ): 1/4 at 0
    [0.25, 0.105]

    See :doc:`/chapters/15-backprop` (derivatives of the activations).
    """
    z = real_array(z, "activate: z", copy=False)
    if activation == "identity":
        return z.copy(), np.ones_like(z)
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}; use one of {ACTIVATIONS}")
    row = UNARY[activation]
    a = row.value(z)
    return a, np.broadcast_to(row.derivative(z, a), z.shape).astype(float)


# ------------------------------------------------------------------------------------
# One neuron

class NeuronGrad(NamedTuple):
    """Loss and gradients of one neuron: ``loss``, ``dw`` (shape of w) and ``db``."""

    loss: float
    dw: np.ndarray
    db: float


def neuron_grad(
    x: ArrayLike, w: ArrayLike, b: float, y: float, activation: str = "sigmoid"
) -> NeuronGrad:
    """Gradient of L = ½(a − y)² for one neuron a = φ(wᵀx + b), by the chain rule.

    Parameters
    ----------
    x, w : array_like
        The input and the weights, vectors of one length.
    b, y : float
        The bias and the target.
    activation : str, default "sigmoid"
        One of :data:`ACTIVATIONS`.

    Returns
    -------
    NeuronGrad
        ``(loss, dw, db)`` with ``dL/dz = (a − y) φ'(z)``, ``dw = dL/dz · x`` and
        ``db = dL/dz``.

    Examples
    --------
    >>> g = neuron_grad([1.0, 2.0], [0.5, -0.25], 0.0, 1.0)   # z = 0, a = 1/2
    >>> g.loss, g.dw.tolist(), g.db
    (0.125, [-0.125, -0.25], -0.125)

    See :doc:`/chapters/15-backprop` (one neuron).
    """
    x = real_array(x, "neuron_grad: x", ndim=1)
    w = real_array(w, "neuron_grad: w", ndim=1)
    if x.shape != w.shape:
        raise ValueError(f"neuron_grad: x {x.shape} and w {w.shape} differ in length")
    b, y = real_number(b, "neuron_grad: b"), real_number(y, "neuron_grad: y")
    a, da = activate(np.array(x @ w + b), activation)   # forward: z, then a = φ(z)
    delta = float((a - y) * da)                         # dL/dz = dL/da · da/dz
    return NeuronGrad(float(0.5 * (a - y) ** 2), delta * x, delta)


# ------------------------------------------------------------------------------------
# A two-layer network, Z1 = X W1 + b1, A1 = φ(Z1), Z2 = A1 W2 + b2

class Params(NamedTuple):
    """Weights and biases of a two-layer network (or their gradients, same shapes)."""

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray


class Cache(NamedTuple):
    """What the forward pass keeps for the backward pass."""

    Z1: np.ndarray   # hidden pre-activations, (m, hidden)
    A1: np.ndarray   # hidden activations φ(Z1)
    dA1: np.ndarray  # φ'(Z1), the diagonal of the activation's Jacobian
    Z2: np.ndarray   # outputs (logits for "bce"), (m, outputs)


def init_std(n_in: int, n_out: int, init: str) -> float:
    """Standard deviation of the initial weights of an n_in × n_out layer.

    Parameters
    ----------
    n_in, n_out : int
        Fan-in and fan-out.
    init : {"xavier", "he", "lecun"}
        ``"lecun"``: Var = 1/n_in keeps the forward variance of a linear (or tanh near
        0) layer; ``"he"``: Var = 2/n_in, the same for ReLU, which zeroes half of its
        inputs; ``"xavier"``: Var = 2/(n_in + n_out), a compromise between the forward
        condition 1/n_in and the backward one 1/n_out.

    Returns
    -------
    float
        The standard deviation.

    Examples
    --------
    >>> init_std(100, 100, "xavier") == init_std(100, 100, "lecun") == 0.1
    True

    See :doc:`/chapters/15-backprop` (the variance argument).
    """
    n_in = whole_number(n_in, "init_std: n_in", minimum=1)
    n_out = whole_number(n_out, "init_std: n_out", minimum=1)
    variance = {"lecun": 1 / n_in, "he": 2 / n_in, "xavier": 2 / (n_in + n_out)}
    if init not in variance:
        raise ValueError(f"unknown init {init!r}; use one of {INITS}")
    return float(np.sqrt(variance[init]))


def init_params(
    n_in: int, n_hidden: int, n_out: int, rng: np.random.Generator,
    init: str = "xavier", scale: float = 1.0,
) -> Params:
    """Random weights N(0, (scale · init_std)²) and zero biases for a two-layer network.

    Parameters
    ----------
    n_in, n_hidden, n_out : int
        Layer widths.
    rng : numpy.random.Generator
        Source of the weights.
    init : {"xavier", "he", "lecun"}, default "xavier"
        See :func:`init_std`.
    scale : float, default 1
        A factor on the standard deviation (to show what a wrong scale does).

    Returns
    -------
    Params

    Examples
    --------
    >>> p = init_params(2, 8, 1, np.random.default_rng(0))
    >>> [a.shape for a in p]
    [(2, 8), (8,), (8, 1), (1,)]
    """
    generator(rng, "init_params: rng")
    scale = real_number(scale, "init_params: scale", within="(0, inf)")
    W1 = rng.normal(0.0, scale * init_std(n_in, n_hidden, init), (n_in, n_hidden))
    W2 = rng.normal(0.0, scale * init_std(n_hidden, n_out, init), (n_hidden, n_out))
    return Params(W1, np.zeros(n_hidden), W2, np.zeros(n_out))


def forward(params: Params, X: ArrayLike, activation: str = "tanh") -> Cache:
    """Forward pass of the two-layer network on a batch X (rows are examples).

    Examples
    --------
    >>> p = init_params(2, 3, 1, np.random.default_rng(0))
    >>> forward(p, np.ones((4, 2))).Z2.shape
    (4, 1)

    See :doc:`/chapters/15-backprop` (the forward pass).
    """
    X = real_array(X, "forward: X", ndim=2)
    W1, b1, W2, b2 = params
    Z1 = X @ W1 + b1
    A1, dA1 = activate(Z1, activation)
    return Cache(Z1, A1, dA1, A1 @ W2 + b2)


def _loss_and_output_grad(Z2: np.ndarray, Y: np.ndarray, kind: str) -> tuple:
    """The loss, a mean over all entries, and its gradient G2 = ∂L/∂Z2."""
    if Y.shape != Z2.shape:
        raise ValueError(f"loss: Y must have the output's shape {Z2.shape}, "
                         f"got {Y.shape}")
    if kind == "mse":      # mean (Z2 − Y)²
        return float(np.mean((Z2 - Y) ** 2)), 2 * (Z2 - Y) / Z2.size
    if kind == "bce":      # mean softplus(Z2) − Y Z2, on logits
        return float(np.mean(softplus(Z2) - Y * Z2)), (sigmoid(Z2) - Y) / Z2.size
    if kind == "sigmoid_mse":  # mean (σ(Z2) − Y)²: σ'(Z2) stays in the gradient
        S = sigmoid(Z2)
        return float(np.mean((S - Y) ** 2)), 2 * (S - Y) * S * (1 - S) / Z2.size
    raise ValueError(f"unknown loss {kind!r}; use one of {LOSSES}")


def loss(params: Params, X: ArrayLike, Y: ArrayLike, activation: str = "tanh",
         kind: str = "mse") -> float:
    """The loss of the two-layer network: ``"mse"`` or ``"bce"`` (on logits).

    Examples
    --------
    >>> p = init_params(2, 3, 1, np.random.default_rng(0))
    >>> loss(p._replace(W2=np.zeros((3, 1))), np.ones((4, 2)), np.ones((4, 1)))
    1.0
    """
    cache = forward(params, X, activation)
    return _loss_and_output_grad(cache.Z2, real_array(Y, "loss: Y"), kind)[0]


def backward(
    params: Params, X: ArrayLike, Y: ArrayLike, activation: str = "tanh",
    kind: str = "mse",
) -> tuple[float, Params]:
    """Loss and gradients of the two-layer network, derived by hand.

    Parameters
    ----------
    params : Params
        ``W1`` (n_in, hidden), ``b1`` (hidden,), ``W2`` (hidden, n_out), ``b2``
        (n_out,).
    X, Y : array_like
        Inputs (m, n_in) and targets (m, n_out), one example per row.
    activation : str, default "tanh"
        The hidden activation, one of :data:`ACTIVATIONS`.
    kind : {"mse", "bce"}, default "mse"
        Mean squared error, or binary cross-entropy on the logits ``Z2``.

    Returns
    -------
    (float, Params)
        The loss and its gradients, each of the shape of its parameter.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> p, X, Y = init_params(3, 4, 2, rng), rng.normal(size=(5, 3)), np.zeros((5, 2))
    >>> value, g = backward(p, X, Y)
    >>> [a.shape for a in g] == [a.shape for a in p]
    True

    See :doc:`/chapters/15-backprop` (the backward pass, eq-backprop-*).
    """
    X = real_array(X, "backward: X", ndim=2)
    cache = forward(params, X, activation)
    value, G2 = _loss_and_output_grad(cache.Z2, real_array(Y, "backward: Y"), kind)
    dW2 = cache.A1.T @ G2                       # ∇_W2 L = A1ᵀ G2
    db2 = G2.sum(axis=0)                        # ∇_b2 L = G2ᵀ 1
    G1 = (G2 @ params.W2.T) * cache.dA1         # ∂L/∂Z1 = (G2 W2ᵀ) ⊙ φ'(Z1)
    dW1 = X.T @ G1                              # ∇_W1 L = Xᵀ G1
    db1 = G1.sum(axis=0)                        # ∇_b1 L = G1ᵀ 1
    return value, Params(dW1, db1, dW2, db2)


class TrainLog(NamedTuple):
    """The trained parameters and, per step, the loss and the fraction of dead units."""

    params: Params
    losses: np.ndarray  # loss before each step
    dead: np.ndarray    # fraction of hidden units with Z1 <= 0 on every example


def train(
    params: Params, X: ArrayLike, Y: ArrayLike, activation: str, kind: str,
    lr: float, num_iters: int,
) -> TrainLog:
    """Full-batch gradient descent with the hand-written gradients of :func:`backward`.

    A short loop of a few hundred steps on a small data set (under a second), so that
    a chapter can watch what the gradients do; :func:`mathlib.training.fit` is the
    book's loop for ``Tensor`` losses and minibatches.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(20, 2))
    >>> Y = X[:, :1] * X[:, 1:]
    >>> log = train(init_params(2, 8, 1, rng), X, Y, "tanh", "mse", 0.5, 50)
    >>> bool(log.losses[-1] < log.losses[0])
    True

    See :doc:`/chapters/15-backprop` (failure modes on training runs).
    """
    X = real_array(X, "train: X", ndim=2)
    lr = real_number(lr, "train: lr", within="(0, inf)")
    num_iters = whole_number(num_iters, "train: num_iters", minimum=1)
    losses, dead = np.empty(num_iters), np.empty(num_iters)
    for t in range(num_iters):
        losses[t], grads = backward(params, X, Y, activation, kind)
        dead[t] = np.mean(np.all(X @ params.W1 + params.b1 <= 0, axis=0))
        params = Params(*(p - lr * g for p, g in zip(params, grads, strict=True)))
    return TrainLog(params, losses, dead)


# ------------------------------------------------------------------------------------
# A deep stack of square layers without biases: H_k = φ(H_{k-1} W_k)

def deep_weights(width: int, depth: int, scale: float,
                 rng: np.random.Generator) -> list[np.ndarray]:
    """``depth`` square weight matrices with entries N(0, scale² / width).

    ``scale = 1`` is LeCun (and, for square layers, Xavier) initialisation; ``scale =
    √2`` is He initialisation.

    Examples
    --------
    >>> [W.shape for W in deep_weights(3, 2, 1.0, np.random.default_rng(0))]
    [(3, 3), (3, 3)]
    """
    width = whole_number(width, "deep_weights: width", minimum=1)
    depth = whole_number(depth, "deep_weights: depth", minimum=1)
    scale = real_number(scale, "deep_weights: scale", within="(0, inf)")
    generator(rng, "deep_weights: rng")
    return [rng.normal(0.0, scale / np.sqrt(width), (width, width))
            for _ in range(depth)]


class DeepPass(NamedTuple):
    """Root-mean-square sizes, layer by layer, of a forward and a backward pass.

    ``forward_rms[k]`` is the RMS entry of H_k (k = 0 is the input);
    ``backward_rms[k]`` that of ∂L/∂H_k (k = depth is the gradient fed in at the top).
    """

    forward_rms: np.ndarray
    backward_rms: np.ndarray


def _rms(a: np.ndarray) -> float:
    return float(np.sqrt(np.mean(a * a)))


def deep_pass(X: ArrayLike, weights: list[np.ndarray], activation: str,
              G: ArrayLike) -> DeepPass:
    """Push a batch forward through H_k = φ(H_{k-1} W_k) and a gradient G back.

    The backward step is ∂L/∂H_{k-1} = (∂L/∂H_k ⊙ φ'(Z_k)) W_kᵀ, the vector–Jacobian
    product with the layer's Jacobian diag(φ'(z)) W_kᵀ, one row per example.

    Parameters
    ----------
    X : array_like
        Inputs, (m, width).
    weights : list of numpy.ndarray
        Square (width, width) matrices, first layer first.
    activation : str
        One of :data:`ACTIVATIONS`.
    G : array_like
        ∂L/∂H_depth, of the shape of X (e.g. random, to probe every direction).

    Returns
    -------
    DeepPass

    Examples
    --------
    >>> W = [2.0 * np.eye(2)] * 3                      # each linear layer doubles
    >>> d = deep_pass(np.ones((1, 2)), W, "identity", np.ones((1, 2)))
    >>> d.forward_rms.tolist(), d.backward_rms.tolist()
    ([1.0, 2.0, 4.0, 8.0], [8.0, 4.0, 2.0, 1.0])

    See :doc:`/chapters/15-backprop` (vanishing and exploding gradients).
    """
    H = real_array(X, "deep_pass: X", ndim=2)
    G = real_array(G, "deep_pass: G", ndim=2)
    if G.shape != H.shape:
        raise ValueError(f"deep_pass: G must have the shape of X {H.shape}, "
                         f"got {G.shape}")
    derivatives, forward_rms = [], [_rms(H)]
    for W in weights:
        H, dH = activate(H @ W, activation)
        derivatives.append(dH)
        forward_rms.append(_rms(H))
    backward_rms = [_rms(G)]
    for W, dH in zip(reversed(weights), reversed(derivatives), strict=True):
        G = (G * dH) @ W.T                              # one vector–Jacobian product
        backward_rms.append(_rms(G))
    return DeepPass(np.array(forward_rms), np.array(backward_rms[::-1]))


def layer_jacobians(h0: ArrayLike, weights: list[np.ndarray],
                    activation: str) -> list[np.ndarray]:
    """The Jacobians J_k = diag(φ'(z_k)) W_kᵀ of each layer at one input vector.

    Numerator layout (:doc:`/chapters/09-matrix-calculus`): the column form of the row
    layer h_k = φ(h_{k-1} W_k) is h_k = φ(W_kᵀ h_{k-1}), so ∂h_k/∂h_{k-1} has one row
    per output. The Jacobian of the whole stack is J_depth ⋯ J_2 J_1.

    Examples
    --------
    >>> J = layer_jacobians([1.0, -1.0], [np.array([[1.0, 2.0], [0.0, 1.0]])], "relu")
    >>> J[0].tolist()                                 # z = (1, 1): both units on
    [[1.0, 0.0], [2.0, 1.0]]
    """
    h = real_array(h0, "layer_jacobians: h0", ndim=1)
    jacobians = []
    for W in weights:
        h, dh = activate(h @ W, activation)
        jacobians.append(dh[:, None] * W.T)            # diag(φ'(z)) Wᵀ
    return jacobians
