"""Checks for the exercises of :doc:`/chapters/15-backprop`.

The references come from the library the chapter teaches: the neuron's gradient from
:func:`mathlib.backprop.neuron_grad`, every gradient and Jacobian of the code exercises
from central differences (:mod:`mathlib.numgrad`) of :mod:`mathlib.backprop`'s forward
pass, on random shapes in which no two dimensions are equal (a wrong transpose then has
the wrong shape), and the initialisation from :func:`mathlib.backprop.init_std`.
"""

from __future__ import annotations

import numpy as np

from mathlib import backprop as bp
from mathlib.checks import check_array, check_function, check_scalar
from mathlib.numgrad import gradient, jacobian

__all__ = [
    "EXERCISE_1_B", "EXERCISE_1_W", "EXERCISE_1_X", "EXERCISE_1_Y", "EXERCISE_5_DEPTH",
    "EXERCISE_6_FANS", "exercise_1", "exercise_2", "exercise_3", "exercise_4",
    "exercise_5", "exercise_6",
]

# Exercise 1: a sigmoid neuron, L = ½(a − y)², at this point.
EXERCISE_1_X, EXERCISE_1_W = (1.5, -2.0), (0.8, 0.3)
EXERCISE_1_B, EXERCISE_1_Y = 0.2, 1.0
# Exercise 5: ReLU layers with variance 1/n, this many of them.
EXERCISE_5_DEPTH = 20
# Exercise 6: a tanh layer's fan-in and fan-out.
EXERCISE_6_FANS = (300, 100)



def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ------------------------------------------------------------------------------
# Exercise 1: one sigmoid neuron by hand.

def exercise_1(dw, db) -> None:
    """∇_w L and ∂L/∂b for a = σ(wᵀx + b), L = ½(a − y)², at EXERCISE_1_*."""
    x, w = np.array(EXERCISE_1_X), np.array(EXERCISE_1_W)
    g = bp.neuron_grad(x, w, EXERCISE_1_B, EXERCISE_1_Y)
    a = _sigmoid(x @ w + EXERCISE_1_B)
    error, slope = a - EXERCISE_1_Y, a * (1 - a)
    hint = ("δ = ∂L/∂z = (a − y)·σ'(z) with σ'(z) = a(1 − a); then ∂L/∂w_i = δ·x_i "
            "and ∂L/∂b = δ.")
    mistakes = {
        "the factor σ'(z) = a(1 − a) is missing: L depends on w through a = σ(z).":
            error * x,
        "the sign: ∂L/∂a = a − y, not y − a.": -g.dw,
        "σ' was applied to a instead of z: σ'(z) = a(1 − a), not σ(a)(1 − σ(a)).":
            error * _sigmoid(a) * (1 - _sigmoid(a)) * x,
        "these are (a − y)·σ(z)² · x: the sigmoid's slope is a(1 − a).":
            error * a * a * x,
        "that is δ, ∂L/∂z, for both weights: multiply by x_i, since ∂z/∂w_i = x_i.":
            np.full(2, error * slope),
    }
    check_array(dw, g.dw, name="Exercise 1, dw", rtol=1e-6, hint=hint, mistakes=mistakes)
    check_scalar(
        db, g.db, name="Exercise 1, db", rtol=1e-6, hint=hint,
        mistakes={
            "the factor σ'(z) = a(1 − a) is missing.": float(error),
            "the sign: ∂L/∂a = a − y, not y − a.": -g.db,
            "with L = (a − y)², without the ½, the gradient doubles; this exercise "
            "has the ½.": 2 * g.db,
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: the backward pass of a two-layer tanh network, in code.

def _network_cases() -> list[tuple]:
    """(X, Y, W1, b1, W2, b2) with m, n, p, k pairwise different, and one of size 1."""
    rng = np.random.default_rng(1502)
    cases = []
    for m, n, p, k in [(5, 3, 4, 2), (7, 2, 6, 3), (4, 6, 3, 1), (9, 4, 7, 5),
                       (1, 3, 2, 4)]:
        cases.append((rng.normal(size=(m, n)), rng.normal(size=(m, k)),
                      0.7 * rng.normal(size=(n, p)), rng.normal(size=p),
                      0.7 * rng.normal(size=(p, k)), rng.normal(size=k)))
    return cases


def _loss_2(X, Y, W1, b1, W2, b2) -> float:
    return bp.loss(bp.Params(W1, b1, W2, b2), X, Y, "tanh", "mse")


def _numeric_2(i: int):
    """∇ of the loss with respect to parameter i (0: W1, 1: b1, 2: W2, 3: b2)."""
    def grad(*args):
        args = list(args)

        def loss_of(v):
            return _loss_2(*args[:2 + i], v, *args[3 + i:])
        return gradient(loss_of, args[2 + i])
    return grad


def _variant_2(change: str):
    """The four gradients with one typical slip, as the tuple (dW1, db1, dW2, db2)."""
    def grads(X, Y, W1, b1, W2, b2):
        Z1 = X @ W1 + b1
        A1 = np.tanh(Z1)
        Z2 = A1 @ W2 + b2
        G2 = 2 * (Z2 - Y) / Y.size
        if change == "sum":
            G2 = 2 * (Z2 - Y)
        if change == "no 2":
            G2 = (Z2 - Y) / Y.size
        slope = {"from z": 1 - Z1**2, "no slope": 1.0}.get(change, 1 - A1**2)
        G1 = (G2 @ W2.T) * slope
        db1 = G1.mean(axis=0) if change == "mean bias" else G1.sum(axis=0)
        db2 = G2.mean(axis=0) if change == "mean bias" else G2.sum(axis=0)
        return X.T @ G1, db1, A1.T @ G2, db2
    return grads


def _part(func, i: int, names: tuple[str, ...]):
    """Entry i of the student's tuple of results (check_function reports errors)."""
    def entry(*args):
        result = func(*args)
        if not isinstance(result, tuple | list) or len(result) != len(names):
            raise TypeError(f"return the tuple ({', '.join(names)}), "
                            f"not {type(result).__name__}")
        return result[i]
    return entry


def exercise_2(backward) -> None:
    """backward(X, Y, W1, b1, W2, b2) -> (dW1, db1, dW2, db2), against differences."""
    hint = ("G2 = 2(Z2 − Y)/(m·k) for the mean over all m·k entries; dW2 = A1.T @ G2, "
            "db2 = G2.sum(axis=0); G1 = (G2 @ W2.T) * (1 − A1²); dW1 = X.T @ G1, "
            "db1 = G1.sum(axis=0).")
    mistakes = {
        "the loss is a mean over all m·k entries of (Z2 − Y)²: divide by Y.size.":
            "sum",
        "the derivative of (Z2 − Y)² is 2(Z2 − Y): a factor 2 is missing.": "no 2",
        "tanh'(z) = 1 − tanh²(z) = 1 − A1², not 1 − Z1².": "from z",
        "the factor tanh'(Z1) of the hidden layer is missing.": "no slope",
        "a bias gradient is a sum over the examples, not a mean (the 1/(m·k) is "
        "already in G2).": "mean bias",
    }
    cases = _network_cases()
    names = ("dW1", "db1", "dW2", "db2")
    for i in (2, 3, 0, 1):                   # the output layer first, as computed
        func = _part(backward, i, names) if callable(backward) else backward
        check_function(
            func, _numeric_2(i), cases, name=f"Exercise 2, {names[i]}",
            rtol=1e-5, atol=1e-8, hint=hint,
            mistakes={message: _part(_variant_2(change), i, names)
                      for message, change in mistakes.items()},
        )


# ------------------------------------------------------------------------------
# Exercise 3: the Jacobian of a tanh layer, numerator layout.

def _layer(h, W):
    return np.tanh(h @ W)


def _jacobian_3(h, W):
    return jacobian(lambda v: _layer(v, W), h)          # (n_out, n_in)


def _layer_cases() -> list[tuple]:
    rng = np.random.default_rng(1503)
    return [(rng.normal(size=n_in), 0.8 * rng.normal(size=(n_in, n_out)))
            for n_in, n_out in [(3, 2), (2, 4), (5, 3), (4, 4), (1, 3)]]


def exercise_3(layer_jacobian) -> None:
    """J = diag(1 − tanh²(z)) Wᵀ for h -> tanh(hW), z = hW: (n_out, n_in)."""
    def slope(h, W):
        return 1 - np.tanh(h @ W) ** 2

    check_function(
        layer_jacobian, _jacobian_3, _layer_cases(), name="Exercise 3", rtol=1e-6,
        atol=1e-8,
        hint="output j is tanh(z_j) with z_j = Σ_i h_i W_ij, so ∂out_j/∂h_i = "
             "(1 − tanh² z_j)·W_ij: one row per output j, one column per input i.",
        mistakes={
            "that is Wᵀ without the slopes: each row j is multiplied by "
            "tanh'(z_j) = 1 − tanh²(z_j).": lambda h, W: W.T,
            "the slope was computed from z itself (1 − z²); tanh'(z) = 1 − tanh²(z).":
                lambda h, W: (1 - (h @ W) ** 2)[:, None] * W.T,
            "that is the transpose, the denominator layout: the book's Jacobian has "
            "one row per output and one column per input.":
                lambda h, W: W * slope(h, W)[None, :],
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: two affine layers as one.

def _collapse(W1, b1, W2, b2):
    # the single layer's output at the rows of the identity and at 0 gives W and b
    n = W1.shape[0]
    params = bp.Params(W1, b1, W2, b2)
    b = bp.forward(params, np.zeros((1, n)), "identity").Z2[0]
    W = bp.forward(params, np.eye(n), "identity").Z2 - b
    return W, b


def _affine_cases() -> list[tuple]:
    rng = np.random.default_rng(1504)
    return [(rng.normal(size=(n, p)), rng.normal(size=p), rng.normal(size=(p, k)),
             rng.normal(size=k)) for n, p, k in [(3, 4, 2), (2, 5, 3), (4, 2, 1)]]


def exercise_4(collapse) -> None:
    """collapse(W1, b1, W2, b2) -> (W, b) with (XW1 + b1)W2 + b2 = XW + b."""
    cases = _affine_cases()
    hint = "expand (X W1 + b1) W2 + b2 and collect the terms with X and without."
    for i, name in ((0, "W"), (1, "b")):
        check_function(
            _part(collapse, i, ("W", "b")) if callable(collapse) else collapse,
            lambda *a, i=i: _collapse(*a)[i], cases, name=f"Exercise 4, {name}",
            rtol=1e-9, atol=1e-12, hint=hint,
            mistakes={
                "b1 is missing from the bias: it passes through the second layer's "
                "weights.": lambda W1, b1, W2, b2, i=i: (W1 @ W2, b2)[i],
                "b2 is missing from the bias.":
                    lambda W1, b1, W2, b2, i=i: (W1 @ W2, b1 @ W2)[i],
            },
        )


# ------------------------------------------------------------------------------
# Exercise 5: how much a gradient shrinks through ReLU layers with variance 1/n.

def exercise_5(factor) -> None:
    """RMS factor (1/√2)^D of the backward gradient through D ReLU layers, Var 1/n."""
    depth = EXERCISE_5_DEPTH
    check_scalar(
        factor, 2.0 ** (-depth / 2), name="Exercise 5", rtol=1e-3,
        hint="by the chapter's proposition each layer multiplies the mean square of the "
             "gradient by n·v·(mean square of φ'), and ReLU' is 0 for half the units.",
        mistakes={
            "that is the factor of the mean square; the RMS is its square root.":
                2.0 ** -depth,
            "ReLU's derivative is 0 or 1, but the zeros halve the mean square at every "
            "layer: the size does change.": 1.0,
            "that is the bound for sigmoid layers, whose slope is at most ¼.":
                0.25**depth,
            "count the layers again: one factor per layer.": 2.0 ** (-(depth - 1) / 2),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: Xavier's uniform initialisation.

def exercise_6(bound) -> None:
    """a with U(−a, a) of variance 2/(n_in + n_out): a = √(6/(n_in + n_out))."""
    n_in, n_out = EXERCISE_6_FANS
    std = bp.init_std(n_in, n_out, "xavier")
    check_scalar(
        bound, np.sqrt(3) * std, name="Exercise 6", rtol=1e-4,
        hint="the uniform distribution on [−a, a] has variance a²/3; set it equal to "
             "Xavier's variance.",
        mistakes={
            "that is the standard deviation; the uniform distribution on [−a, a] has "
            "variance a²/3, not a².": std,
            "that is the variance, not the bound a.": std**2,
            "that uses only the fan-in, as LeCun's or He's variance do; Xavier's "
            "averages fan-in and fan-out.": np.sqrt(3 / n_in),
            "that is He's variance made uniform; Xavier's is 2/(n_in + n_out).":
                np.sqrt(6 / n_in),
        },
    )
