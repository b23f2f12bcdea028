"""The operators and elementwise functions of ``Tensor`` and ``Dual``, wired once.

Each elementwise method applies a row of :data:`mathlib.elementary.UNARY` (``exp``,
``tanh``, ...) or of :data:`mathlib.elementary.BINARY` (``+ - * / **`` and ``maximum``).
The two engines differ only in what they do with the row's derivative: ``Tensor``
records the vector-Jacobian product ``g * f'(x)`` for the backward pass, ``Dual``
multiplies the tangent, ``f'(x) * ẋ``. Each engine implements four hooks:

* ``_parts()``: its value and what to differentiate through (the Tensor itself, or the
  Dual's tangent); a constant operand has None there;
* ``_elementwise(row, *params)`` and ``_arithmetic(row, a, a', b, b')``: apply a row;
* ``_matmul(a, a', b, b')``: the matrix product.

See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mathlib.elementary import BINARY, UNARY

from .broadcast import constant


def times(g: np.ndarray, d: object) -> np.ndarray:
    """``g * d``, skipping the product when ``d`` is the number 1 (as for + and -).

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
    """The operator ``name`` (``self op other``, or ``other op self`` if reflected)."""
    row = BINARY.get(name)

    def method(self, other: object):
        operands = self._operands(other, reflected)
        if operands is None:
            return NotImplemented  # Python then raises TypeError
        if row is None:
            return self._matmul(*operands)
        return self._arithmetic(row, *operands)

    method.__name__ = method.__qualname__ = f"__{'r' if reflected else ''}{name}__"
    order = "other, self" if reflected else "self, other"
    source = "as in NumPy" if row is None else "from ``mathlib.elementary.BINARY``"
    method.__doc__ = f"``{name}({order})``, broadcasting; derivatives {source}."
    return method


class Operators:
    """Mixin of ``+ - * / ** @``, ``maximum`` and the elementwise functions."""

    __slots__ = ()

    def _operands(self, other: object, reflected: bool) -> tuple | None:
        """``(a, a', b, b')``: both operands' ``_parts()``, self first unless reflected.

        None if ``other`` is neither of this mode nor a real constant (so a Tensor and a
        Dual do not mix).
        """
        if isinstance(other, type(self)):
            theirs = other._parts()
        else:
            value = constant(other)
            if value is None:
                return None
            theirs = (value, None)
        mine = self._parts()
        return (*theirs, *mine) if reflected else (*mine, *theirs)

    __add__, __radd__ = _binary("add"), _binary("add", reflected=True)
    __sub__, __rsub__ = _binary("sub"), _binary("sub", reflected=True)
    __mul__, __rmul__ = _binary("mul"), _binary("mul", reflected=True)
    __truediv__, __rtruediv__ = _binary("div"), _binary("div", reflected=True)
    __pow__, __rpow__ = _binary("pow"), _binary("pow", reflected=True)
    __matmul__, __rmatmul__ = _binary("matmul"), _binary("matmul", reflected=True)

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
        """Elementwise maximum of two tensors (or of one and a constant), broadcasting.

        Where the inputs tie, each gets half of the gradient: the subgradient of
        smallest norm, as for ``relu`` and ``abs`` at 0 (:doc:`/chapters/08-gradients`).

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
        operands = self._operands(other, False)
        if operands is None:
            mode = type(self).__name__
            got = type(other).__name__
            raise TypeError(f"maximum: expected a {mode} or an array, got {got}")
        return self._arithmetic(BINARY["maximum"], *operands)
