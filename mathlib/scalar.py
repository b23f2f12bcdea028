"""A scalar reverse-mode automatic differentiation engine, small enough to read whole.

A :class:`Scalar` holds a number (``value``), the derivative of an output with respect
to it (``grad``, its adjoint), the scalars it was computed from (``inputs``) and, for
each of them, the local partial derivative (``partials``). Every operation records
these while it computes its value, so the expression builds its computational graph as
it goes. ``backward()`` visits the graph once, outputs first, and applies the chain
rule along each edge; ``tangent()`` visits it once, inputs first, for forward mode.

The values and derivatives of ``+ - * / **`` and of the elementwise functions come from
the table :mod:`mathlib.elementary`, which :mod:`mathlib.autodiff` reads too.

Gradient accumulation follows the rule of :mod:`mathlib.autodiff.tensor`: leaves (made
by the user) add up their gradients over ``backward()`` calls until ``zero_grad()``;
intermediate scalars are reset on each call. See :doc:`/chapters/16-autodiff`.
"""

from __future__ import annotations

from collections.abc import Mapping

from mathlib._validate import real_number
from mathlib.elementary import BINARY, UNARY

__all__ = ["Scalar"]


class Scalar:
    """A number that records how it was computed, for reverse-mode differentiation.

    Parameters
    ----------
    value : float
        A finite real number; the new scalar is a leaf of the graph.

    Examples
    --------
    >>> x, y = Scalar(2.0), Scalar(3.0)
    >>> z = x * y + x.sin()
    >>> z.backward()
    >>> round(x.grad, 6), y.grad          # y + cos(x), x
    (2.583853, 2.0)

    See :doc:`/chapters/16-autodiff`.
    """

    __slots__ = ("value", "grad", "op", "inputs", "partials")

    def __init__(self, value: float) -> None:
        self.value = real_number(value, "Scalar: value")
        self.grad = 0.0
        self.op = "leaf"
        self.inputs: tuple[Scalar, ...] = ()
        self.partials: tuple[float, ...] = ()

    @classmethod
    def node(cls, value: float, op: str, *edges: tuple[Scalar, float]) -> Scalar:
        """A new node: its value, the name of its operation, and one edge per input.

        Parameters
        ----------
        value : float
            The value of the operation.
        op : str
            Its name, for printing.
        *edges : tuple of (Scalar, float)
            Each input with the local partial derivative of the value with respect
            to it, at the current point.

        Returns
        -------
        Scalar

        Examples
        --------
        >>> x = Scalar(3.0)
        >>> y = Scalar.node(x.value ** 2, "square", (x, 2 * x.value))
        >>> y.backward(); x.grad
        6.0
        """
        out = object.__new__(cls)
        out.value, out.grad, out.op = float(value), 0.0, op
        out.inputs = tuple(x for x, _ in edges)
        out.partials = tuple(float(d) for _, d in edges)
        return out

    # ----- operations: each value with its local partial derivatives ----------------

    def _binary(self, name: str, other: Scalar | float, reflected: bool = False):
        """``self op other`` (``other op self`` if reflected); constants get no edge."""
        row = BINARY[name]
        a, b = (other, self) if reflected else (self, other)
        x = a.value if isinstance(a, Scalar) else float(a)
        y = b.value if isinstance(b, Scalar) else float(b)
        out = row.value(x, y)
        edges = []
        if isinstance(a, Scalar):
            edges.append((a, row.d_a(x, y, out)))  # ∂out/∂a
        if isinstance(b, Scalar):
            edges.append((b, row.d_b(x, y, out)))  # ∂out/∂b
        return Scalar.node(out, name, *edges)

    def _unary(self, name: str) -> Scalar:
        """``f(self)`` for the row ``name`` of the table, with the edge f'(x)."""
        row = UNARY[name]
        out = row.value(self.value)
        return Scalar.node(out, name, (self, row.derivative(self.value, out)))

    def __add__(self, other): return self._binary("add", other)
    def __radd__(self, other): return self._binary("add", other, reflected=True)
    def __sub__(self, other): return self._binary("sub", other)
    def __rsub__(self, other): return self._binary("sub", other, reflected=True)
    def __mul__(self, other): return self._binary("mul", other)
    def __rmul__(self, other): return self._binary("mul", other, reflected=True)
    def __truediv__(self, other): return self._binary("div", other)
    def __rtruediv__(self, other): return self._binary("div", other, reflected=True)
    def __pow__(self, other): return self._binary("pow", other)
    def __rpow__(self, other): return self._binary("pow", other, reflected=True)
    def __neg__(self): return Scalar.node(-self.value, "neg", (self, -1.0))

    def exp(self): return self._unary("exp")
    def log(self): return self._unary("log")
    def sin(self): return self._unary("sin")
    def cos(self): return self._unary("cos")
    def tanh(self): return self._unary("tanh")
    def sigmoid(self): return self._unary("sigmoid")
    def relu(self): return self._unary("relu")

    # ----- the graph ----------------------------------------------------------------

    def topological_order(self) -> list[Scalar]:
        """Every scalar this one depends on, each once, every input before its users.

        Kahn's algorithm, run from the output: count how often each scalar is used,
        then release a scalar once all its users are placed. No recursion, so deep
        graphs do not hit Python's recursion limit.

        Returns
        -------
        list of Scalar
            Leaves first, this scalar last.

        Examples
        --------
        >>> x = Scalar(1.0)
        >>> [s.op for s in (x * x + x).topological_order()]
        ['leaf', 'mul', 'add']
        """
        uses: dict[Scalar, int] = {}  # edges from a scalar to the scalars that use it
        stack, seen = [self], {self}
        while stack:
            for x in stack.pop().inputs:
                uses[x] = uses.get(x, 0) + 1
                if x not in seen:
                    seen.add(x)
                    stack.append(x)
        order, ready = [], [self]
        while ready:  # a scalar is ready when every scalar that uses it is placed
            node = ready.pop()
            order.append(node)
            for x in node.inputs:
                uses[x] -= 1
                if uses[x] == 0:
                    ready.append(x)
        return order[::-1]

    def backward(self) -> None:
        """Reverse mode: add d(self)/d(s) to ``s.grad`` for every scalar s it uses.

        One pass over the graph, outputs first. Each scalar's adjoint is complete when
        it is reached (all its users come before it), and the chain rule sends
        ``partial * adjoint`` along each of its edges. Leaves accumulate over calls;
        intermediate scalars are reset first.

        Examples
        --------
        >>> x = Scalar(3.0)
        >>> y = x * x
        >>> y.backward(); y.backward(); x.grad      # 6 + 6: leaves accumulate
        12.0
        """
        order = self.topological_order()
        for node in order:
            if node.inputs:
                node.grad = 0.0  # intermediate: recomputed on every call
        self.grad += 1.0  # d(self)/d(self)
        for node in reversed(order):  # outputs first
            for x, d in zip(node.inputs, node.partials, strict=True):
                x.grad += d * node.grad  # one term of the chain rule

    def tangent(self, seeds: Mapping[Scalar, float]) -> float:
        """Forward mode on the recorded graph: the derivative along a direction.

        Parameters
        ----------
        seeds : mapping of Scalar to float
            The direction: the tangent of each leaf (leaves not listed get 0).

        Returns
        -------
        float
            The sum over leaves s of d(self)/d(s) * seeds[s] (a Jacobian-vector
            product), by one pass over the graph, inputs first.

        Examples
        --------
        >>> x, y = Scalar(2.0), Scalar(3.0)
        >>> (x * y).tangent({x: 1.0})        # d(xy)/dx = y
        3.0
        """
        dot: dict[Scalar, float] = {}
        for node in self.topological_order():  # inputs first
            pairs = zip(node.inputs, node.partials, strict=True)
            if node.inputs:
                dot[node] = sum(d * dot[x] for x, d in pairs)  # the chain rule
            else:
                dot[node] = float(seeds.get(node, 0.0))
        return dot[self]

    def zero_grad(self) -> None:
        """Forget the accumulated gradient of this scalar (set it to 0).

        Examples
        --------
        >>> x = Scalar(1.0); (2 * x).backward(); x.zero_grad(); x.grad
        0.0
        """
        self.grad = 0.0

    def __repr__(self) -> str:
        return f"Scalar({self.value:.6g}, grad={self.grad:.6g}, op={self.op!r})"
