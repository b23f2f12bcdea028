"""Functions that know their derivative, and compositions that apply the chain rule.

A :class:`Function` has a value and a derivative side by side. The elementary ones
(``exp``, ``sin``, ``sigmoid``, ``relu``, ...) read both from the table
:mod:`mathlib.elementary`, the same rows the automatic differentiation of
:doc:`/chapters/16-autodiff` uses. Composing with ``f @ g`` or ``compose(f, g, ...)``
builds a :class:`Composition` whose derivative is computed in one forward pass that
multiplies the local derivatives, (f∘g)'(x) = f'(g(x))·g'(x): the seed of
backpropagation.

Order: ``compose(f, g, h)`` and ``f @ g @ h`` both mean f∘g∘h, that is x ↦ f(g(h(x))),
so ``h`` is applied first, as in mathematics.

Kinks: ReLU and leaky ReLU are not differentiable at 0. The table uses the left-hand
derivative there, as the common ML libraries do: ``relu'(0) = 0`` and
``leaky_relu'(0) = slope``.

See :doc:`/chapters/04-rules`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number
from mathlib.elementary import SLOPE, UNARY

__all__ = [
    "Composition", "Derivative", "Elementary", "Function", "LeakyReLU", "Linear",
    "Step", "UserFunction", "compose", "cos", "exp", "leaky_relu", "log", "relu",
    "sigmoid", "sin", "square", "tanh",
]


def _real_output(y: np.ndarray, name: str, x: np.ndarray) -> float | np.ndarray:
    """``y`` as a float (or float array); a ValueError if a value is not finite."""
    if not np.all(np.isfinite(y)):
        raise ValueError(
            f"{name} is not finite at x = {x} (got {y}): x is outside the domain of "
            f"{name}, or the value overflows"
        )
    return float(y) if np.ndim(y) == 0 else np.asarray(y, dtype=float)


class Function:
    """A real function of one real variable that knows its derivative.

    Subclasses define ``value(x)`` and ``derivative(x)`` for float arrays ``x``. Calling
    the function checks the input; ``prime()`` returns the derivative as a Function.

    Examples
    --------
    >>> sin(0.0), sin.prime()(0.0)
    (0.0, 1.0)

    See :doc:`/chapters/04-rules`.
    """

    name = "f"

    def value(self, x: np.ndarray) -> np.ndarray:
        """The value f(x) for a float array ``x``."""
        raise NotImplementedError(f"{type(self).__name__} does not define value(x)")

    def derivative(self, x: np.ndarray) -> np.ndarray:
        """The derivative f'(x) for a float array ``x``."""
        raise NotImplementedError(f"{self.name} has no derivative in this library")

    def __call__(self, x: ArrayLike) -> float | np.ndarray:
        x = real_array(x)
        with np.errstate(all="ignore"):  # log(-1) is nan: reported below, not warned
            y = self.value(x)
        return _real_output(y, self.name, x)

    def prime(self) -> Function:
        """The derivative f' as a Function."""
        return Derivative(self)

    def __matmul__(self, other: Function) -> Composition:
        if not isinstance(other, Function):
            return NotImplemented
        return compose(self, other)

    def __repr__(self) -> str:
        return f"<Function {self.name}>"


class Derivative(Function):
    """The derivative f' of a Function f: a Function with no derivative of its own.

    Examples
    --------
    >>> square.prime()(3.0)
    6.0

    See :doc:`/chapters/04-rules`.
    """

    def __init__(self, f: Function):
        self.f = f
        self.name = f"{f.name}'"

    def value(self, x: np.ndarray) -> np.ndarray:
        return self.f.derivative(x)

    def prime(self) -> Function:
        raise NotImplementedError(
            f"{self.name} has no derivative here: use SymPy for f''")


class UserFunction(Function):
    """A Function built from two callables: the value and the derivative.

    Parameters
    ----------
    value, derivative : callable
        Elementwise NumPy functions, x ↦ f(x) and x ↦ f'(x).
    name : str, default "f"
        Name used in tables and error messages.

    Examples
    --------
    >>> cube = UserFunction(lambda x: x**3, lambda x: 3 * x**2, name="cube")
    >>> cube(2.0), cube.prime()(2.0)
    (8.0, 12.0)

    See :doc:`/chapters/04-rules`.
    """

    def __init__(self, value: Callable, derivative: Callable, name: str = "f"):
        self._value = function(value, "value")
        self._derivative = function(derivative, "derivative")
        self.name = str(name)

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._value(x), dtype=float)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._derivative(x), dtype=float)


class Step(NamedTuple):
    """One row of :meth:`Composition.forward_pass`: u_k = f_k(u_{k-1}), its derivatives.

    >>> (sin @ square).forward_pass(0.0)[0]
    Step(name='square', input=0.0, output=0.0, local_derivative=0.0, derivative=0.0)

    See :doc:`/chapters/04-rules`.
    """

    name: str
    input: float | np.ndarray  # u_{k-1}
    output: float | np.ndarray  # u_k = f_k(u_{k-1})
    local_derivative: float | np.ndarray  # f_k'(u_{k-1})
    derivative: float | np.ndarray  # du_k/dx: the product of the local derivatives


class Composition(Function):
    """The composition f_1∘f_2∘...∘f_m: the last function is applied first.

    Parameters
    ----------
    *functions : Function
        Outermost first, as in mathematics; nested compositions are flattened.

    Examples
    --------
    >>> h = Composition(square, sin)  # x ↦ sin(x)², derivative 2 sin x cos x = sin 2x
    >>> round(h(0.5), 6), round(h.prime()(0.5), 6), round(float(np.sin(1.0)), 6)
    (0.229849, 0.841471, 0.841471)

    See :doc:`/chapters/04-rules`.
    """

    def __init__(self, *functions: Function):
        if not functions:
            raise ValueError("Composition needs at least one Function")
        flat: list[Function] = []
        for f in functions:
            if not isinstance(f, Function):
                raise TypeError(f"every argument must be a Function, got {f!r}")
            flat.extend(f.functions if isinstance(f, Composition) else [f])
        self.functions = tuple(flat)
        self.name = " ∘ ".join(f.name for f in self.functions)

    def value(self, x: np.ndarray) -> np.ndarray:
        for f in reversed(self.functions):  # innermost first
            x = f.value(x)
        return x

    def derivative(self, x: np.ndarray) -> np.ndarray:
        """Chain rule: multiply the local derivatives along the forward pass."""
        d = np.ones_like(x)
        for f in reversed(self.functions):
            d = f.derivative(x) * d  # (f∘g)'(x) = f'(g(x))·g'(x)
            x = f.value(x)
        return d

    def forward_pass(self, x: ArrayLike) -> list[Step]:
        """Evaluate at ``x`` and record every intermediate value and local derivative.

        Parameters
        ----------
        x : float or ndarray
            Input point(s).

        Returns
        -------
        list of Step
            One :class:`Step` per function, innermost first; the last ``output`` is the
            value and the last ``derivative`` is the derivative of the composition at
            ``x``.

        Examples
        --------
        >>> [round(s.derivative, 6) for s in (exp @ square).forward_pass(1.0)]
        [2.0, 5.436564]

        See :doc:`/chapters/04-rules`.
        """
        u, d = real_array(x), 1.0
        steps = []
        for f in reversed(self.functions):
            with np.errstate(all="ignore"):  # a point outside f's domain: see below
                local = f.derivative(u)
                out = f.value(u)
            d = local * d
            values = (_real_output(v, f.name, u) for v in (u, out, local, d))
            steps.append(Step(f.name, *values))
            u = out
        return steps

    def __repr__(self) -> str:
        return f"<Composition {self.name}>"


def compose(*functions: Function) -> Composition:
    """Compose Functions, outermost first: ``compose(f, g, h)`` is x ↦ f(g(h(x))).

    Parameters
    ----------
    *functions : Function
        At least one Function.

    Returns
    -------
    Composition
        Same as ``f @ g @ h``.

    Examples
    --------
    >>> compose(sigmoid, square)(0.0)
    0.5

    See :doc:`/chapters/04-rules`.
    """
    return Composition(*functions)


# ---------------------------------------------------------------- elementary functions


class Elementary(Function):
    """A row of the table :data:`mathlib.elementary.UNARY` as a Function.

    The value and the derivative come from the table, where they stand side by side:
    ``sigmoid`` is the row ``Unary("sigmoid", sigmoid, lambda x, y: y * (1.0 - y))``,
    σ' = σ(1 − σ) computed from the value σ.

    Parameters
    ----------
    name : str
        The row, e.g. ``"tanh"``.
    *params : float
        Parameters of the row, e.g. the slope of ``"leaky_relu"``.

    Examples
    --------
    >>> tanh = Elementary("tanh")
    >>> tanh(0.0), tanh.prime()(0.0)
    (0.0, 1.0)

    See :doc:`/chapters/04-rules`.
    """

    def __init__(self, name: str, *params: float):
        if name not in UNARY:
            known = ", ".join(UNARY)
            raise ValueError(f"unknown elementary function {name!r}; use {known}")
        self.row, self.params, self.name = UNARY[name], params, name

    def value(self, x: np.ndarray) -> np.ndarray:
        return self.row.value(x, *self.params)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return self.row.derivative(x, self.value(x), *self.params)


class LeakyReLU(Elementary):
    """x ↦ x for x > 0 and slope·x otherwise; derivative 1 for x > 0, else slope.

    At the kink the derivative is taken as ``slope`` (the left derivative).

    Parameters
    ----------
    slope : float, default 0.01
        Slope for x <= 0 (finite).

    Examples
    --------
    >>> f = LeakyReLU(0.1)
    >>> f(-2.0), f.prime()(-2.0), f.prime()(0.0), f.prime()(3.0)
    (-0.2, 0.1, 0.1, 1.0)

    See :doc:`/chapters/04-rules`.
    """

    def __init__(self, slope: float = SLOPE):
        super().__init__("leaky_relu", real_number(slope, "slope"))
        self.slope = self.params[0]
        self.name = f"leaky_relu({self.slope:g})"


class Linear(Function):
    """x ↦ a·x + b, derivative a. See :doc:`/chapters/04-rules`.

    >>> Linear(2.0, 1.0)(3.0), Linear(2.0, 1.0).prime()(3.0)
    (7.0, 2.0)
    """

    def __init__(self, a: float, b: float = 0.0):
        self.a, self.b = real_number(a, "a"), real_number(b, "b")
        self.name = f"({self.a:g}x + {self.b:g})"

    def value(self, x: np.ndarray) -> np.ndarray:
        return self.a * x + self.b

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.full_like(x, self.a)


def leaky_relu(slope: float = SLOPE) -> LeakyReLU:
    """Leaky ReLU with the given slope for x <= 0 (derivative at 0 is ``slope``).

    Parameters
    ----------
    slope : float, default 0.01
        Slope for x <= 0.

    Returns
    -------
    LeakyReLU

    Examples
    --------
    >>> leaky_relu(0.2)(-1.0)
    -0.2

    See :doc:`/chapters/04-rules`.
    """
    return LeakyReLU(slope)


square = Elementary("square")
exp = Elementary("exp")
log = Elementary("log")
sin = Elementary("sin")
cos = Elementary("cos")
sigmoid = Elementary("sigmoid")
tanh = Elementary("tanh")
relu = Elementary("relu")
