"""Elementwise functions and arithmetic of ``Tensor`` and ``Dual``, read from one table.

Each method applies a row of :data:`mathlib.elementary.UNARY` (``exp``, ``tanh``, ...) or
of :data:`mathlib.elementary.BINARY` (``+ - * / **`` and ``maximum``). The two engines
differ only in what they do with the row's derivative: ``Tensor`` records the
vector-Jacobian product ``g * f'(x)`` for the backward pass, ``Dual`` multiplies the
tangent, ``f'(x) * ẋ``. Each engine implements two hooks, ``_elementwise(row, *params)``
and ``_arithmetic(row, other, reflected)``; this mixin wires the methods to them.
See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mathlib.elementary import BINARY, UNARY


def times(g: np.ndarray, d: object) -> np.ndarray:
    """``g * d``, skipping the product when ``d`` is the number 1 (the partials of + and -).

    >>> g = np.ones(2); times(g, 1.0) is g
    True
    """
    return g if isinstance(d, float) and d == 1.0 else g * d


def _unary(name: str) -> Callable:
    row = UNARY[name]
    kink = f" At the kink, {row.at_kink}." if row.at_kink else ""

    def method(self, *params: float, **named: float):
        return self._elementwise(row, *params, **named)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = (
        f"Elementwise {name}, with its derivative from the row ``{name}`` of "
        f"``mathlib.elementary.UNARY``.{kink}\n\n"
        "See :doc:`/chapters/04-rules` (the derivative) and "
        ":doc:`/chapters/16-autodiff` (its use in the two modes)."
    )
    return method


def _binary(name: str, reflected: bool = False) -> Callable:
    row = BINARY[name]

    def method(self, other: object):
        return self._arithmetic(row, other, reflected)

    method.__name__ = method.__qualname__ = f"__{'r' if reflected else ''}{name}__"
    order = "other, self" if reflected else "self, other"
    method.__doc__ = (
        f"``{name}({order})`` elementwise, broadcasting; partial derivatives from the row "
        f"``{name}`` of ``mathlib.elementary.BINARY``. See :doc:`/chapters/16-autodiff`."
    )
    return method


class ElementwiseOps:
    """Mixin of the operators ``+ - * / **``, ``maximum`` and the elementwise functions."""

    __slots__ = ()

    __add__, __radd__ = _binary("add"), _binary("add", reflected=True)
    __sub__, __rsub__ = _binary("sub"), _binary("sub", reflected=True)
    __mul__, __rmul__ = _binary("mul"), _binary("mul", reflected=True)
    __truediv__, __rtruediv__ = _binary("div"), _binary("div", reflected=True)
    __pow__, __rpow__ = _binary("pow"), _binary("pow", reflected=True)

    exp = _unary("exp")
    log = _unary("log")
    sqrt = _unary("sqrt")
    square = _unary("square")
    sin = _unary("sin")
    cos = _unary("cos")
    tanh = _unary("tanh")
    sigmoid = _unary("sigmoid")
    softplus = _unary("softplus")
    abs = _unary("abs")
    relu = _unary("relu")
    leaky_relu = _unary("leaky_relu")

    def maximum(self, other: object):
        """Elementwise maximum of two tensors (or a tensor and a constant), broadcasting.

        Where the inputs tie, each gets half of the gradient: the subgradient of smallest
        norm, as for ``relu`` and ``abs`` at 0 (:doc:`/chapters/08-gradients`).

        Parameters
        ----------
        other : Tensor, Dual or array_like
            The second input, of the same mode as this one or a constant.

        Returns
        -------
        Tensor or Dual

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
        >>> x.maximum(2.0).sum().backward()
        >>> x.grad.tolist()
        [0.0, 0.5, 1.0]

        See :doc:`/chapters/16-autodiff`.
        """
        out = self._arithmetic(BINARY["maximum"], other, False)
        if out is NotImplemented:
            mode = type(self).__name__
            raise TypeError(f"maximum: expected a {mode} or an array, got {type(other).__name__}")
        return out
