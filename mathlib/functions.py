"""Functions that know their derivative, and compositions that apply the chain rule.

Each class puts a function's value next to its derivative. Composing with ``f @ g`` or
``compose(f, g, ...)`` builds a :class:`Composition` whose derivative is computed in one
forward pass that multiplies the local derivatives, (f∘g)'(x) = f'(g(x))·g'(x): the seed
of backpropagation.

Order: ``compose(f, g, h)`` and ``f @ g @ h`` both mean f∘g∘h, that is x ↦ f(g(h(x))),
so ``h`` is applied first, as in mathematics.

Kinks: ReLU and leaky ReLU are not differentiable at 0. This module uses the left-hand
derivative there, as the common ML libraries do: ``relu'(0) = 0`` and
``leaky_relu'(0) = slope``.

See chapter 4.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from mathlib._validate import real_array

__all__ = ["Function", "Derivative", "UserFunction", "Composition", "Step", "compose",
           "Linear", "Square", "Exp", "Log", "Sin", "Cos", "Sigmoid", "Tanh", "LeakyReLU", "ReLU",
           "leaky_relu", "square", "exp", "log", "sin", "cos", "sigmoid", "tanh", "relu"]

ArrayLike = float | np.ndarray


def _real_output(y: np.ndarray, name: str) -> ArrayLike:
    if not np.all(np.isfinite(y)):
        raise ValueError(f"{name} returned a non-finite value: {y}")
    return float(y) if np.ndim(y) == 0 else np.asarray(y, dtype=float)


class Function:
    """A real function of one real variable that knows its derivative.

    Subclasses define ``value(x)`` and ``derivative(x)`` for float arrays ``x``. Calling
    the function checks the input; ``prime()`` returns the derivative as a Function.

    Examples
    --------
    >>> sin(0.0), sin.prime()(0.0)
    (0.0, 1.0)

    See chapter 4.
    """

    name = "f"

    def value(self, x: np.ndarray) -> np.ndarray:
        """The value f(x) for a float array ``x``."""
        raise NotImplementedError(f"{type(self).__name__} does not define value(x)")

    def derivative(self, x: np.ndarray) -> np.ndarray:
        """The derivative f'(x) for a float array ``x``."""
        raise NotImplementedError(f"{self.name} has no derivative in this library")

    def __call__(self, x: ArrayLike) -> ArrayLike:
        return _real_output(self.value(real_array(x)), self.name)

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
    """The derivative f' of a Function f, itself a Function (with no derivative of its own).

    Examples
    --------
    >>> square.prime()(3.0)
    6.0

    See chapter 4.
    """

    def __init__(self, f: Function):
        self.f = f
        self.name = f"{f.name}'"

    def value(self, x: np.ndarray) -> np.ndarray:
        return self.f.derivative(x)

    def prime(self) -> Function:
        raise NotImplementedError(f"{self.name} has no derivative here: use SymPy for f''")


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

    See chapter 4.
    """

    def __init__(self, value: Callable, derivative: Callable, name: str = "f"):
        if not (callable(value) and callable(derivative)):
            raise TypeError("value and derivative must both be callable")
        self._value, self._derivative, self.name = value, derivative, str(name)

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._value(x), dtype=float)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._derivative(x), dtype=float)


class Step(NamedTuple):
    """One row of :meth:`Composition.forward_pass`: u_k = f_k(u_{k-1}) and its derivatives.

    >>> (sin @ square).forward_pass(0.0)[0]
    Step(name='square', input=0.0, output=0.0, local_derivative=0.0, derivative=0.0)

    See chapter 4.
    """

    name: str
    input: ArrayLike  # u_{k-1}
    output: ArrayLike  # u_k = f_k(u_{k-1})
    local_derivative: ArrayLike  # f_k'(u_{k-1})
    derivative: ArrayLike  # du_k/dx, the product of the local derivatives so far


class Composition(Function):
    """The composition f_1∘f_2∘...∘f_m: the last function is applied first.

    Parameters
    ----------
    *functions : Function
        Outermost first, as in mathematics; nested compositions are flattened.

    Examples
    --------
    >>> h = Composition(square, sin)  # x ↦ sin(x)², derivative 2 sin(x) cos(x) = sin(2x)
    >>> round(h(0.5), 6), round(h.prime()(0.5), 6), round(float(np.sin(1.0)), 6)
    (0.229849, 0.841471, 0.841471)

    See chapter 4.
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
            value and the last ``derivative`` is the derivative of the composition at ``x``.

        Examples
        --------
        >>> [round(s.derivative, 6) for s in (exp @ square).forward_pass(1.0)]
        [2.0, 5.436564]

        See chapter 4.
        """
        u, d = real_array(x), 1.0
        steps = []
        for f in reversed(self.functions):
            local = f.derivative(u)
            d = local * d
            out = f.value(u)
            steps.append(Step(f.name, *(_real_output(v, f.name) for v in (u, out, local, d))))
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

    See chapter 4.
    """
    return Composition(*functions)


# ---------------------------------------------------------------- elementary functions


class Linear(Function):
    """x ↦ a·x + b, derivative a. See chapter 4.

    >>> Linear(2.0, 1.0)(3.0), Linear(2.0, 1.0).prime()(3.0)
    (7.0, 2.0)
    """

    def __init__(self, a: float, b: float = 0.0):
        a, b = real_array(a), real_array(b)
        if a.ndim != 0 or b.ndim != 0:
            raise ValueError(f"a and b must be numbers, got a = {a}, b = {b}")
        self.a, self.b = float(a), float(b)
        self.name = f"({self.a:g}x + {self.b:g})"

    def value(self, x: np.ndarray) -> np.ndarray:
        return self.a * x + self.b

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.full_like(x, self.a)


class Square(Function):
    """x ↦ x², derivative 2x. See chapter 4.

    >>> square(3.0), square.prime()(3.0)
    (9.0, 6.0)
    """

    name = "square"

    def value(self, x: np.ndarray) -> np.ndarray:
        return x**2

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return 2 * x


class Exp(Function):
    """x ↦ eˣ, derivative eˣ. See chapter 4.

    >>> exp(0.0), exp.prime()(0.0)
    (1.0, 1.0)
    """

    name = "exp"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.exp(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.exp(x)


class Log(Function):
    """x ↦ ln x for x > 0, derivative 1/x. See chapter 4.

    >>> log(1.0), log.prime()(2.0)
    (0.0, 0.5)
    """

    name = "log"

    def value(self, x: np.ndarray) -> np.ndarray:
        if np.any(x <= 0):
            raise ValueError(f"log is defined for x > 0, got {x}")
        return np.log(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        if np.any(x <= 0):
            raise ValueError(f"log is defined for x > 0, got {x}")
        return 1 / x


class Sin(Function):
    """x ↦ sin x, derivative cos x. See chapter 4.

    >>> sin(0.0), sin.prime()(0.0)
    (0.0, 1.0)
    """

    name = "sin"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.sin(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.cos(x)


class Cos(Function):
    """x ↦ cos x, derivative −sin x. See chapter 4.

    >>> cos(0.0), cos.prime()(0.0)
    (1.0, -0.0)
    """

    name = "cos"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.cos(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return -np.sin(x)


class Sigmoid(Function):
    """σ(x) = 1 / (1 + e⁻ˣ), derivative σ(x)(1 − σ(x)). See chapter 4.

    >>> sigmoid(0.0), sigmoid.prime()(0.0)
    (0.5, 0.25)
    """

    name = "sigmoid"

    def value(self, x: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):  # e^-x = inf for x < -709 gives the right limit 0
            return 1 / (1 + np.exp(-x))

    def derivative(self, x: np.ndarray) -> np.ndarray:
        s = self.value(x)
        return s * (1 - s)


class Tanh(Function):
    """x ↦ tanh x, derivative 1 − tanh² x. See chapter 4.

    >>> tanh(0.0), tanh.prime()(0.0)
    (0.0, 1.0)
    """

    name = "tanh"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.tanh(x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return 1 - np.tanh(x) ** 2


class LeakyReLU(Function):
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

    See chapter 4.
    """

    def __init__(self, slope: float = 0.01):
        slope = real_array(slope)
        if slope.ndim != 0:
            raise ValueError(f"slope must be a number, got {slope}")
        self.slope = float(slope)
        self.name = f"leaky_relu({self.slope:g})"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, x, self.slope * x)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1.0, self.slope)  # at x = 0: slope, by convention


class ReLU(Function):
    """x ↦ max(0, x); derivative 1 for x > 0, else 0 (so relu'(0) = 0 by convention).

    >>> relu(-1.0), relu(2.0), relu.prime()(0.0), relu.prime()(2.0)
    (0.0, 2.0, 0.0, 1.0)

    See chapter 4.
    """

    name = "relu"

    def value(self, x: np.ndarray) -> np.ndarray:
        return np.maximum(x, 0.0)

    def derivative(self, x: np.ndarray) -> np.ndarray:
        return np.where(x > 0, 1.0, 0.0)  # at x = 0: 0, by convention


def leaky_relu(slope: float = 0.01) -> LeakyReLU:
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

    See chapter 4.
    """
    return LeakyReLU(slope)


square = Square()
exp = Exp()
log = Log()
sin = Sin()
cos = Cos()
sigmoid = Sigmoid()
tanh = Tanh()
relu = ReLU()
