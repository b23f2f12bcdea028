"""Reverse-mode automatic differentiation on NumPy arrays: ``Tensor`` and ``backward``.

A ``Tensor`` holds an array (``data``), its gradient (``grad``) and the tensors it was
computed from (its parents). Every operation makes its result with one builder,
:meth:`Tensor._node`, from the value and, for each input, the input's local
vector-Jacobian product (VJP): given the gradient ``g`` of the final output with respect
to the result, it returns the gradient with respect to that input. The operations live
in small mixins (``operators``, which reads the derivatives from
:mod:`mathlib.elementary`, ``reductions``, ``shaping``); this module holds the graph and
the backward pass. See :doc:`/chapters/16-autodiff`.

Gradient accumulation (the rule this engine follows)
----------------------------------------------------
``backward()`` may be called more than once, on one graph or on graphs that share
inputs.

* Leaf tensors (made by the user, ``requires_grad=True``) **accumulate**: after two
  calls their ``grad`` is exactly the sum of both calls' gradients, as in PyTorch. Reset
  them with ``zero_grad()`` (or ``MLP.zero_grad()``) before each training step.
* Intermediate tensors are **recomputed afresh** on each call: ``backward()`` resets
  them first, so a second call never double counts through them.

If a gradient becomes inf or nan, ``backward()`` raises ``FloatingPointError`` naming
the operation where it happened (found by replaying the VJPs, only when the leaves are
not finite).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from mathlib._validate import real_array
from mathlib.elementary import Binary, Unary

from .broadcast import broadcast_op, unbroadcast
from .matmul import matmul_values, matmul_vjps
from .operators import Operators, times
from .reductions import ReductionOps
from .shaping import ShapeOps

__all__ = ["Tensor"]

# Likely causes of an inf/nan gradient, by operation (read-only).
_NAN_HINTS = MappingProxyType(
    {
        "log": "input contains 0?",
        "sqrt": "input contains 0?",
        "div": "division by 0?",
        "pow": "base contains 0 with an exponent below 1, or a negative base?",
        "exp": "overflow: input above ~709?",
    }
)


VJP = Callable[[np.ndarray], np.ndarray]


class Tensor(Operators, ReductionOps, ShapeOps):
    """An array that records how it was computed, so ``backward()`` can differentiate.

    Parameters
    ----------
    data : array_like
        Real numbers; stored as ``numpy.ndarray`` of ``dtype`` (no copy if it is one).
    requires_grad : bool, default False
        Whether gradients with respect to this tensor are wanted (a leaf of the graph).
    dtype : data-type, default numpy.float64
        A floating dtype.

    Attributes
    ----------
    data : numpy.ndarray
        The value.
    grad : numpy.ndarray or None
        The gradient of the last output ``backward()`` was called on, with respect to
        this tensor; ``None`` until a backward pass reaches it. Leaves accumulate (see
        the module docstring).
    requires_grad : bool
        Whether this tensor is a leaf that wants a gradient, or depends on one.
    op : str
        The operation that produced this tensor (``"leaf"`` for user-made tensors).

    Examples
    --------
    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> y = (x * x).sum()
    >>> y.backward()
    >>> x.grad.tolist()
    [2.0, 4.0, 6.0]

    See :doc:`/chapters/16-autodiff`.
    """

    __slots__ = ("data", "grad", "requires_grad", "op", "_parents", "_vjps")
    __array_ufunc__ = None  # NumPy defers to us: ndarray + Tensor calls Tensor.__radd__

    def __init__(
        self,
        data: ArrayLike,
        requires_grad: bool = False,
        dtype: DTypeLike = np.float64,
    ) -> None:
        if isinstance(data, Tensor):
            raise TypeError("Tensor: got a Tensor; x.detach() is a constant of x.data")
        if np.dtype(dtype).kind != "f":
            raise ValueError(f"Tensor: dtype must be floating, got {np.dtype(dtype)}")
        self.data = real_array(
            data, "Tensor: data", finite=False, copy=False, dtype=dtype
        )
        self.grad: np.ndarray | None = None
        self.requires_grad = bool(requires_grad)
        self.op = "leaf"
        self._parents: tuple[Tensor, ...] = ()
        self._vjps: tuple[VJP, ...] = ()

    # ----- building the graph: one builder for every operation ------------------------

    @classmethod
    def _node(
        cls, data: np.ndarray, op: str, *edges: tuple[Tensor | None, VJP]
    ) -> Tensor:
        """The result of ``op``: its value ``data`` and one ``(input, vjp)`` per input.

        ``vjp(g)`` maps the gradient of the output to the gradient of that input. Inputs
        that are constants (None, or needing no gradient) are left out of the graph.
        """
        out = object.__new__(cls)
        out.data = data if type(data) is np.ndarray else np.asarray(data)
        out.grad = None
        out.op = op
        parents, vjps = [], []
        for t, vjp in edges:
            if t is not None and t.requires_grad:  # constants get no graph, no gradient
                parents.append(t)
                vjps.append(vjp)
        out._parents, out._vjps = tuple(parents), tuple(vjps)
        out.requires_grad = bool(parents)
        return out

    def _elementwise(self, row: Unary, *params: float, **named: float) -> Tensor:
        """y = f(x) for a row of the table; VJP g * f'(x) (a diagonal Jacobian)."""
        x = self.data
        y = row.value(x, *params, **named)
        return self._node(
            y, row.name, (self, lambda g: g * row.derivative(x, y, *params, **named))
        )

    def _parts(self) -> tuple[np.ndarray, Tensor]:
        """The value, and the tensor to differentiate through (see ``Operators``)."""
        return self.data, self

    def _arithmetic(
        self, row: Binary, a: object, at: Tensor | None, b: object, bt: Tensor | None
    ) -> Tensor:
        """y = f(a, b) for a row of the table; ``at``, ``bt``: tensors (None: constant).

        The VJPs are g ∂y/∂a and g ∂y/∂b, summed over the axes that broadcasting added.
        """
        y = broadcast_op(row.value, a, b, row.name)
        return self._node(
            y,
            row.name,
            (at, lambda g: unbroadcast(times(g, row.d_a(a, b, y)), np.shape(a))),
            (bt, lambda g: unbroadcast(times(g, row.d_b(a, b, y)), np.shape(b))),
        )

    def _matmul(
        self, a: object, at: Tensor | None, b: object, bt: Tensor | None
    ) -> Tensor:
        """a @ b; the VJPs are G B^T and A^T G (see ``matmul``)."""
        a, b = np.asarray(a), np.asarray(b)
        vjp_a, vjp_b = matmul_vjps(a, b)
        return self._node(matmul_values(a, b), "matmul", (at, vjp_a), (bt, vjp_b))

    def __neg__(self) -> Tensor:
        """Negation; d(-x)/dx = -1."""
        return self._node(-self.data, "neg", (self, lambda g: -g))

    def _accumulate(self, g: np.ndarray) -> None:
        """Add a gradient contribution (a sum over the paths to this tensor)."""
        if self._parents:  # intermediate: reset by backward(), never changed in place
            self.grad = g if self.grad is None else self.grad + g
        elif self.grad is None:  # leaf, first contribution: own a copy, g may be shared
            self.grad = np.array(g, dtype=self.data.dtype)
        else:  # leaf: accumulate in place
            self.grad += g

    # ----- the backward pass ----------------------------------------------------------

    def _topological_order(self) -> list[Tensor]:
        """Inputs before outputs, by iterative depth-first search (no recursion)."""
        order: list[Tensor] = []
        visited: set[Tensor] = set()
        stack: list[tuple[Tensor, bool]] = [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)  # all its parents are already in `order`
            elif node not in visited:
                visited.add(node)
                stack.append((node, True))
                stack.extend((p, False) for p in node._parents if p not in visited)
        return order

    def backward(self, grad: ArrayLike | None = None) -> None:
        """Compute the gradient of this tensor with respect to the tensors it uses.

        Parameters
        ----------
        grad : array_like, optional
            Seed gradient (the ``u`` of the vector-Jacobian product u^T J), of this
            tensor's shape. May be omitted only when this tensor holds a single number
            (seed 1).

        Returns
        -------
        None
            Gradients are stored in the ``grad`` attribute of each tensor in the graph.
            Leaf gradients accumulate across calls; intermediate ones are recomputed.

        Raises
        ------
        ValueError
            If the output is not scalar and no seed is given, or the seed's shape is
            wrong.
        RuntimeError
            If no input of this tensor has ``requires_grad=True``.
        FloatingPointError
            If a gradient becomes inf or nan; the message names the operation.

        Examples
        --------
        >>> x = Tensor(3.0, requires_grad=True)
        >>> (x * x).backward()
        >>> float(x.grad)
        6.0

        See :doc:`/chapters/16-autodiff` (topological order, gradient accumulation).
        """
        if not self.requires_grad:
            raise RuntimeError(
                f"backward: this tensor (op {self.op!r}) depends on no tensor with "
                "requires_grad=True, so there is nothing to differentiate"
            )
        if grad is None:
            if self.data.size != 1:
                raise ValueError(
                    f"backward: the output has shape {self.data.shape}, not a single "
                    "number; pass a seed gradient of that shape, e.g. "
                    "y.backward(np.ones(y.shape))"
                )
            seed = np.ones_like(self.data)
        else:
            seed = np.asarray(grad, dtype=self.data.dtype)
            if seed.shape != self.data.shape:
                raise ValueError(
                    f"backward: seed gradient has shape {seed.shape}, "
                    f"but the output has shape {self.data.shape}"
                )
            if not np.isfinite(seed).all():
                raise ValueError("backward: the seed gradient contains inf or nan")
        order = self._topological_order()
        for node in order:
            if node._parents:
                node.grad = None  # intermediate gradients are recomputed on every call
        self._accumulate(seed)
        for node in reversed(order):  # outputs first: a node's grad is complete here
            if node.grad is not None:
                for parent, vjp in zip(node._parents, node._vjps, strict=True):
                    parent._accumulate(vjp(node.grad))  # one term of the chain rule
        # inf/nan spreads along every path down to the leaves: checking them is enough
        leaves = [n.grad for n in order if not n._parents and n.grad is not None]
        if not all(_finite(g) for g in leaves):
            _raise_nonfinite(order)

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (set ``grad`` to None).

        Returns
        -------
        None

        Examples
        --------
        >>> x = Tensor(1.0, requires_grad=True)
        >>> (2 * x).backward(); x.zero_grad(); x.grad is None
        True

        See :doc:`/chapters/16-autodiff` (gradient accumulation).
        """
        self.grad = None

    def detach(self) -> Tensor:
        """A constant tensor sharing this tensor's data, cut off from the graph.

        Returns
        -------
        Tensor
            ``requires_grad=False``; no gradient flows through it (a "stop gradient").

        Examples
        --------
        >>> x = Tensor(2.0, requires_grad=True)
        >>> (x * x.detach()).backward(); float(x.grad)
        2.0

        See :doc:`/chapters/16-autodiff`.
        """
        return Tensor(self.data)

    # ----- conveniences ---------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """Shape of ``data``."""
        return self.data.shape

    @property
    def ndim(self) -> int:
        """Number of axes of ``data``."""
        return self.data.ndim

    @property
    def size(self) -> int:
        """Number of elements of ``data``."""
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        """Data type of ``data``."""
        return self.data.dtype

    def numpy(self) -> np.ndarray:
        """The value as a NumPy array (shared, not copied)."""
        return self.data

    def item(self) -> float:
        """The value as a Python float; the tensor must hold a single number."""
        if self.data.size != 1:
            shape = self.data.shape
            raise ValueError(f"item: tensor has shape {shape}, not a single number")
        return float(self.data.reshape(()))

    def __len__(self) -> int:
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d Tensor")
        return len(self.data)

    def __repr__(self) -> str:
        body = np.array2string(self.data, precision=4, separator=", ", prefix="Tensor(")
        grad = ", requires_grad=True" if self.requires_grad else ""
        op = "" if self.op == "leaf" else f", op={self.op!r}"
        return f"Tensor({body}{grad}{op})"


def _finite(g: np.ndarray) -> bool:
    """Whether every entry of g is finite (a finite sum proves it cheaply)."""
    return math.isfinite(g.sum()) or bool(np.isfinite(g).all())


def _raise_nonfinite(order: list[Tensor]) -> None:
    """Find the first operation whose VJP made a finite gradient inf/nan; name it."""
    for node in reversed(order):
        if node.grad is None or not _finite(node.grad):
            continue
        if not all(_finite(np.asarray(vjp(node.grad))) for vjp in node._vjps):  # replay
            hint = _NAN_HINTS.get(node.op)
            if hint is None and not _finite(node.data):
                hint = "its forward value is already inf/nan"
            raise FloatingPointError(
                f"{node.op}: gradient became inf/nan" + (f" ({hint})" if hint else "")
            )
    raise FloatingPointError(
        "backward: a leaf gradient is inf/nan, but no operation of this graph made it "
        "so; was it inf/nan before this call? (use zero_grad())"
    )
