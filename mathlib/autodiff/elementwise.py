"""Elementwise functions of a tensor, each next to its derivative.

For an elementwise function y = f(x), the Jacobian is diagonal, so the vector-Jacobian
product is a product of arrays: ``g * f'(x)``. Where a function has a kink (``abs``,
``relu``, ``leaky_relu`` at 0) we use the subgradient of smallest magnitude: abs'(0) = 0,
relu'(0) = 0 and leaky_relu'(0) = slope. See chapters 4 (derivatives of activations),
8 (subgradients) and 16.
"""

from __future__ import annotations

from typing import Self

import numpy as np

from . import _stable


class ElementwiseOps:
    """Mixin of the elementwise ``Tensor`` functions (exp, log, tanh, relu, ...)."""

    __slots__ = ()

    def exp(self) -> Self:
        """Elementwise e^x; derivative e^x.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.exp().backward(); float(x.grad)
        1.0

        See chapter 4.
        """
        y = np.exp(self.data)
        return self._unary(y, "exp", lambda g: g * y)  # (e^x)' = e^x

    def log(self) -> Self:
        """Elementwise natural logarithm; derivative 1/x.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(4.0, requires_grad=True); x.log().backward(); float(x.grad)
        0.25

        See chapter 4.
        """
        x = self.data
        return self._unary(np.log(x), "log", lambda g: g / x)  # (log x)' = 1/x

    def sqrt(self) -> Self:
        """Elementwise square root; derivative 1 / (2 sqrt(x)).

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(4.0, requires_grad=True); x.sqrt().backward(); float(x.grad)
        0.25

        See chapter 4.
        """
        y = np.sqrt(self.data)
        return self._unary(y, "sqrt", lambda g: g * 0.5 / y)  # (sqrt x)' = 1/(2 sqrt x)

    def square(self) -> Self:
        """Elementwise x^2; derivative 2x.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(3.0, requires_grad=True); x.square().backward(); float(x.grad)
        6.0

        See chapter 4.
        """
        x = self.data
        return self._unary(x * x, "square", lambda g: g * 2.0 * x)  # (x^2)' = 2x

    def abs(self) -> Self:
        """Elementwise |x|; derivative sign(x), taken as 0 at x = 0.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([-2.0, 0.0, 3.0], requires_grad=True); x.abs().sum().backward()
        >>> x.grad.tolist()
        [-1.0, 0.0, 1.0]

        See chapter 8 (subgradients).
        """
        x = self.data
        return self._unary(np.abs(x), "abs", lambda g: g * np.sign(x))  # |x|' = sign(x)

    def sin(self) -> Self:
        """Elementwise sine; derivative cos(x).

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.sin().backward(); float(x.grad)
        1.0

        See chapter 4.
        """
        x = self.data
        return self._unary(np.sin(x), "sin", lambda g: g * np.cos(x))  # (sin x)' = cos x

    def cos(self) -> Self:
        """Elementwise cosine; derivative -sin(x).

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.cos().backward(); float(x.grad)
        -0.0

        See chapter 4.
        """
        x = self.data
        return self._unary(np.cos(x), "cos", lambda g: -g * np.sin(x))  # (cos x)' = -sin x

    def tanh(self) -> Self:
        """Elementwise hyperbolic tangent; derivative 1 - tanh(x)^2.

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.tanh().backward(); float(x.grad)
        1.0

        See chapter 4.
        """
        y = np.tanh(self.data)
        return self._unary(y, "tanh", lambda g: g * (1.0 - y * y))  # tanh' = 1 - tanh^2

    def sigmoid(self) -> Self:
        """Elementwise logistic function 1 / (1 + e^-x); derivative s(1 - s).

        Returns
        -------
        Tensor
            Computed without overflow for large |x|.

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.sigmoid().backward(); float(x.grad)
        0.25

        See chapter 4.
        """
        s = _stable.sigmoid(self.data)
        return self._unary(s, "sigmoid", lambda g: g * s * (1.0 - s))  # s' = s (1 - s)

    def relu(self) -> Self:
        """Elementwise max(x, 0); derivative 1 for x > 0 and 0 for x <= 0 (0 at the kink).

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([-1.0, 0.0, 2.0], requires_grad=True); x.relu().sum().backward()
        >>> x.grad.tolist()
        [0.0, 0.0, 1.0]

        See chapter 4.
        """
        x = self.data
        return self._unary(np.maximum(x, 0.0), "relu", lambda g: g * (x > 0))  # relu'(0) = 0

    def leaky_relu(self, slope: float = 0.01) -> Self:
        """Elementwise x for x > 0 and slope * x otherwise; derivative 1 or ``slope``.

        Parameters
        ----------
        slope : float, default 0.01
            Slope for x <= 0 (also the derivative used at the kink x = 0).

        Returns
        -------
        Tensor

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor([-1.0, 2.0], requires_grad=True)
        >>> x.leaky_relu(0.1).sum().backward(); x.grad.tolist()
        [0.1, 1.0]

        See chapter 4.
        """
        x = self.data
        pos = x > 0
        y = np.where(pos, x, slope * x)
        return self._unary(y, "leaky_relu", lambda g: g * np.where(pos, 1.0, slope))

    def softplus(self) -> Self:
        """Elementwise log(1 + e^x), a smooth ReLU; derivative sigmoid(x).

        Returns
        -------
        Tensor
            Computed without overflow for large x.

        Examples
        --------
        >>> from mathlib.autodiff import Tensor
        >>> x = Tensor(0.0, requires_grad=True); x.softplus().backward(); float(x.grad)
        0.5

        See chapter 4.
        """
        y = _stable.softplus(self.data)
        # softplus'(x) = sigmoid(x) = 1 - exp(-softplus(x)), computed from y by expm1
        return self._unary(y, "softplus", lambda g: g * -np.expm1(-y))
