"""Reverse-mode automatic differentiation on NumPy arrays: the ``Tensor`` and its backward pass.

A ``Tensor`` holds an array (``data``), its gradient (``grad``) and the tensors it was computed
from (its parents). Each operation computes its value and, next to it, its local
vector-Jacobian product (VJP): given the gradient ``g`` of the final output with respect to the
operation's result, it adds the gradient with respect to each input to that input's ``grad``.
The operations live in small mixins (``arithmetic``, ``elementwise``, ``reductions``,
``shaping``); this module holds the graph and the backward pass. See chapter 16.

Gradient accumulation (the rule this engine follows)
----------------------------------------------------
``backward()`` may be called more than once, on the same graph or on graphs that share inputs.

* Leaf tensors (made by the user, ``requires_grad=True``) **accumulate**: after two calls their
  ``grad`` is exactly the sum of both calls' gradients, as in PyTorch. Reset them with
  ``zero_grad()`` (or ``MLP.zero_grad()``) before each training step.
* Intermediate tensors are **recomputed afresh** on each call: ``backward()`` resets them first,
  so a second call never double counts through them.

If a gradient becomes inf or nan, ``backward()`` raises ``FloatingPointError`` naming the
operation where it happened (found by replaying the VJPs, only when the leaves are not finite).
"""

from __future__ import annotations

import math
from types import MappingProxyType

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from .arithmetic import ArithmeticOps
from .elementwise import ElementwiseOps
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


def _as_array(data: object, dtype: DTypeLike) -> np.ndarray:
    """Convert user data to a real floating array, with a clear TypeError otherwise."""
    if isinstance(data, Tensor):
        raise TypeError("Tensor: got a Tensor; use x.detach() for a constant that shares x.data")
    if np.dtype(dtype).kind != "f":
        raise ValueError(f"Tensor: dtype must be a floating type, got {np.dtype(dtype)}")
    try:
        arr = np.asarray(data)
    except (TypeError, ValueError) as err:  # e.g. ragged nested lists
        raise TypeError(f"Tensor: data must be an array of real numbers ({err})") from None
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"Tensor: data must be real numbers, got {type(data).__name__} (dtype {arr.dtype})"
        )
    return arr.astype(dtype, copy=False)


class Tensor(ArithmeticOps, ElementwiseOps, ReductionOps, ShapeOps):
    """An array that records how it was computed, so that ``backward()`` can differentiate.

    Parameters
    ----------
    data : array_like
        Real numbers; stored as ``numpy.ndarray`` of ``dtype`` (no copy if already one).
    requires_grad : bool, default False
        Whether gradients with respect to this tensor are wanted (a leaf of the graph).
    dtype : data-type, default numpy.float64
        A floating dtype.

    Attributes
    ----------
    data : numpy.ndarray
        The value.
    grad : numpy.ndarray or None
        The gradient of the last output ``backward()`` was called on, with respect to this
        tensor; ``None`` until a backward pass reaches it. Leaves accumulate (module docstring).
    requires_grad : bool
        Whether this tensor is a leaf that wants a gradient, or depends on one.
    op : str
        Name of the operation that produced this tensor (``"leaf"`` for user-made tensors).

    Examples
    --------
    >>> x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    >>> y = (x * x).sum()
    >>> y.backward()
    >>> x.grad.tolist()
    [2.0, 4.0, 6.0]

    See chapter 16.
    """

    __slots__ = ("data", "grad", "requires_grad", "op", "_parents", "_backward")
    __array_ufunc__ = None  # NumPy defers to us: ndarray + Tensor calls Tensor.__radd__

    def __init__(
        self, data: ArrayLike, requires_grad: bool = False, dtype: DTypeLike = np.float64
    ) -> None:
        self.data = _as_array(data, dtype)
        self.grad: np.ndarray | None = None
        self.requires_grad = bool(requires_grad)
        self.op = "leaf"
        self._parents: tuple[Tensor, ...] = ()
        self._backward = None

    # ----- building the graph ---------------------------------------------------------------

    @classmethod
    def _result(cls, data: np.ndarray, op: str, *inputs: Tensor | None) -> Tensor:
        """A new node computed by ``op`` from ``inputs`` (``None`` marks a constant input)."""
        out = object.__new__(cls)
        out.data = data if type(data) is np.ndarray else np.asarray(data)
        out.grad = None
        out.op = op
        out._parents = tuple([t for t in inputs if t is not None and t.requires_grad])
        out.requires_grad = bool(out._parents)  # constants get no graph and no gradient
        out._backward = None
        return out

    def _unary(self, data: np.ndarray, op: str, vjp) -> Tensor:
        """A node with one input; ``vjp(g)`` maps the output gradient to the input gradient."""
        out = self._result(data, op, self)
        if out.requires_grad:
            out._backward = lambda g: self._accumulate(vjp(g))
        return out

    def _operand(self, other: object) -> tuple[object, Tensor | None] | tuple[None, None]:
        """Split the other operand of a binary operation into (value, Tensor or None)."""
        if isinstance(other, Tensor):
            return other.data, other
        if isinstance(other, int | float | np.integer | np.floating):
            return other, None
        if isinstance(other, np.ndarray | list | tuple):
            arr = np.asarray(other)
            if arr.dtype.kind in "biuf":
                return arr, None
        return None, None  # the caller returns NotImplemented, so Python raises TypeError

    def _accumulate(self, g: np.ndarray) -> None:
        """Add a gradient contribution (a sum over the paths to this tensor)."""
        if self._parents:  # intermediate: reset by every backward(), never modified in place
            self.grad = g if self.grad is None else self.grad + g
        elif self.grad is None:  # leaf, first contribution: own a copy, g may be shared
            self.grad = np.array(g, dtype=self.data.dtype)
        else:  # leaf: accumulate in place
            self.grad += g

    # ----- the backward pass ----------------------------------------------------------------

    def _topological_order(self) -> list[Tensor]:
        """Inputs before outputs, by an iterative depth-first search (no recursion limit)."""
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
        """Compute the gradient of this tensor with respect to every tensor it depends on.

        Parameters
        ----------
        grad : array_like, optional
            Seed gradient (the ``u`` of the vector-Jacobian product u^T J), of this tensor's
            shape. May be omitted only when this tensor holds a single number (seed 1).

        Returns
        -------
        None
            Gradients are stored in the ``grad`` attribute of each tensor in the graph. Leaf
            gradients accumulate across calls; intermediate ones are recomputed.

        Raises
        ------
        ValueError
            If the output is not scalar and no seed is given, or the seed has the wrong shape.
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

        See chapter 16 (topological order, gradient accumulation).
        """
        if not self.requires_grad:
            raise RuntimeError(
                f"backward: this tensor (op {self.op!r}) depends on no tensor with "
                "requires_grad=True, so there is nothing to differentiate"
            )
        if grad is None:
            if self.data.size != 1:
                raise ValueError(
                    f"backward: the output has shape {self.data.shape}, not a single number; "
                    f"pass a seed gradient of that shape, e.g. y.backward(np.ones(y.shape))"
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
        for node in reversed(order):  # outputs first: a node's grad is complete when reached
            if node._backward is not None and node.grad is not None:
                node._backward(node.grad)  # adds this node's VJP to each parent's grad
        # inf/nan spreads along every path down to the leaves, so checking them is enough
        if not all(_finite(n.grad) for n in order if not n._parents and n.grad is not None):
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

        See chapter 16 (gradient accumulation).
        """
        self.grad = None

    def detach(self) -> Tensor:
        """A constant tensor sharing this tensor's data, cut off from the graph.

        Returns
        -------
        Tensor
            ``requires_grad=False``; gradients do not flow through it (a "stop gradient").

        Examples
        --------
        >>> x = Tensor(2.0, requires_grad=True)
        >>> (x * x.detach()).backward(); float(x.grad)
        2.0

        See chapter 16.
        """
        return Tensor(self.data)

    # ----- conveniences ---------------------------------------------------------------------

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
            raise ValueError(f"item: tensor has shape {self.data.shape}, not a single number")
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
    """Find the first operation whose VJP turned a finite gradient into inf/nan; name it."""
    for node in reversed(order):
        if node._backward is None or node.grad is None or not _finite(node.grad):
            continue
        saved = [p.grad for p in node._parents]
        for p in node._parents:
            p.grad = None
        try:
            node._backward(node.grad)  # replay this node's VJP on its own
            bad = any(p.grad is not None and not _finite(p.grad) for p in node._parents)
        finally:
            for p, g in zip(node._parents, saved, strict=True):
                p.grad = g
        if bad:
            hint = _NAN_HINTS.get(node.op)
            if hint is None and not _finite(node.data):
                hint = "its forward value is already inf/nan"
            raise FloatingPointError(
                f"{node.op}: gradient became inf/nan" + (f" ({hint})" if hint else "")
            )
    raise FloatingPointError(
        "backward: a leaf gradient is inf/nan, but no operation of this graph made it so; "
        "was it inf/nan before this call? (use zero_grad())"
    )
