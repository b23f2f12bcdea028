"""The elementary functions and their derivatives: one row per primitive.

Every function the book differentiates is built from the rows of two tables:

* :data:`UNARY`: elementwise functions y = f(x), each with its derivative f'(x) next to
  it, in terms of the input ``x`` or of the output ``y``, whichever is cheaper
  (tanh' = 1 - y² reuses the value the forward pass has already computed);
* :data:`BINARY`: elementwise operations y = f(a, b) with their partial derivatives.

Three consumers read these rows and keep no derivative of their own:

* :mod:`mathlib.functions`, the ``Function`` objects ``exp``, ``sigmoid``, ...
  (:doc:`/chapters/04-rules`): value, derivative and the chain rule in a forward pass;
* reverse mode, ``Tensor`` (:doc:`/chapters/16-autodiff`): the Jacobian of an
  elementwise function is diagonal, so its vector-Jacobian product is ``g * f'(x)``;
* forward mode, ``Dual`` (:doc:`/chapters/16-autodiff`): the tangent of f(x) is
  ``f'(x) * tangent``.

Kinks. ``abs``, ``relu`` and ``leaky_relu`` have no derivative at 0, nor ``maximum``
where its inputs tie. Each row uses the book's convention there
(:doc:`/backmatter/notation`): abs'(0) = 0, relu'(0) = 0, leaky_relu'(0) = slope (the
left derivative of both ReLUs), and a tie of ``maximum`` gives each input half
(subgradients: :doc:`/chapters/08-gradients`).

>>> row = UNARY["tanh"]
>>> x = np.array([0.0, 1.0])
>>> y = row.value(x)
>>> row.derivative(x, y).round(4).tolist()
[1.0, 0.42]
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "BINARY", "SLOPE", "UNARY", "Binary", "Unary", "leaky_relu", "relu", "sigmoid",
    "softplus",
]

SLOPE = 0.01  # the default slope of leaky_relu for x <= 0


def sigmoid(x: ArrayLike) -> np.ndarray:
    """The logistic function 1 / (1 + e^-x), without overflow for large |x|.

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def softplus(x: ArrayLike) -> np.ndarray:
    """log(1 + e^x), a smooth ReLU, computed as logaddexp(0, x) without overflow.

    >>> softplus(np.array([-1000.0, 1000.0])).tolist()
    [0.0, 1000.0]
    """
    return np.logaddexp(0.0, x)


def relu(x: ArrayLike) -> np.ndarray:
    """max(x, 0), the rectified linear unit.

    >>> relu(np.array([-1.0, 2.0])).tolist()
    [0.0, 2.0]
    """
    return np.maximum(x, 0.0)


def leaky_relu(x: ArrayLike, slope: float = SLOPE) -> np.ndarray:
    """x for x > 0 and slope * x otherwise.

    >>> leaky_relu(np.array([-1.0, 2.0]), 0.1).tolist()
    [-0.1, 2.0]
    """
    return np.where(x > 0, x, slope * x)


class Unary(NamedTuple):
    """One row of :data:`UNARY`: an elementwise function and its derivative."""

    name: str
    value: Callable[..., np.ndarray]  # y = f(x, *params)
    derivative: Callable[..., np.ndarray]  # f'(x), from x, y = f(x) and the params
    at_kink: str = ""  # the derivative used where f has none


class Binary(NamedTuple):
    """One row of :data:`BINARY`: an operation and its partial derivatives."""

    name: str
    value: Callable[[ArrayLike, ArrayLike], np.ndarray]  # y = f(a, b), broadcasting
    d_a: Callable[..., ArrayLike]  # ∂y/∂a, from a, b and y
    d_b: Callable[..., ArrayLike]  # ∂y/∂b, from a, b and y


def _like(y: ArrayLike, d: ArrayLike) -> np.ndarray:
    """A derivative made from comparisons, in y's floating type (float32 stays float32)."""
    return np.asarray(d, dtype=np.result_type(y, np.float16))


def _table(*rows: Unary | Binary) -> MappingProxyType:
    return MappingProxyType({row.name: row for row in rows})  # read-only


UNARY = _table(
    # name, value y = f(x), derivative f'(x) from x or y, the derivative at a kink
    Unary("exp", np.exp, lambda x, y: y),  # (e^x)' = e^x
    Unary("log", np.log, lambda x, y: 1.0 / x),
    Unary("sqrt", np.sqrt, lambda x, y: 0.5 / y),  # 1 / (2 sqrt(x))
    Unary("square", np.square, lambda x, y: 2.0 * x),
    Unary("sin", np.sin, lambda x, y: np.cos(x)),
    Unary("cos", np.cos, lambda x, y: -np.sin(x)),
    Unary("tanh", np.tanh, lambda x, y: 1.0 - y * y),
    Unary("sigmoid", sigmoid, lambda x, y: y * (1.0 - y)),
    Unary("softplus", softplus, lambda x, y: -np.expm1(-y)),  # 1 - e^-y = sigmoid(x)
    Unary("abs", np.abs, lambda x, y: np.sign(x), "abs'(0) = 0"),
    Unary("relu", relu, lambda x, y: _like(y, x > 0), "relu'(0) = 0"),
    Unary("leaky_relu", leaky_relu,
          lambda x, y, slope=SLOPE: _like(y, np.where(x > 0, 1.0, slope)),
          "leaky_relu'(0) = slope"),
)

BINARY = _table(
    # name, value y = f(a, b), ∂y/∂a and ∂y/∂b from a, b and y
    Binary("add", np.add, lambda a, b, y: 1.0, lambda a, b, y: 1.0),
    Binary("sub", np.subtract, lambda a, b, y: 1.0, lambda a, b, y: -1.0),
    Binary("mul", np.multiply, lambda a, b, y: b, lambda a, b, y: a),
    Binary("div", np.divide, lambda a, b, y: 1.0 / b, lambda a, b, y: -y / b),  # -a/b²
    Binary("pow", np.power, lambda a, b, y: b * a ** (b - 1),
           lambda a, b, y: y * np.log(a)),
    Binary("maximum", np.maximum,  # a tie gives each input half
           lambda a, b, y: _like(y, (a > b) + 0.5 * (a == b)),
           lambda a, b, y: _like(y, (b > a) + 0.5 * (a == b))),
)
