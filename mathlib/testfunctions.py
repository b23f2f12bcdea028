"""Functions that optimisers are tried on, each with its gradient and Hessian.

A :class:`Problem` bundles ``f``, ``grad`` and ``hess`` of a function of a vector, its
minimiser and minimum where they are known, and works on a single point of shape
``(n,)`` (and, for the two-variable problems, on a stacked grid of shape ``(2, ...)``,
so that :mod:`mathlib.plotting` can draw its level sets). The derivatives are written by
hand and tested against :mod:`mathlib.numgrad`. Used from
:doc:`/chapters/10-gradient-descent` on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array, real_number

__all__ = ["Problem", "quadratic", "ill_conditioned", "rosenbrock"]


class Problem(NamedTuple):
    """A function to minimise, with its derivatives and, where known, its minimiser.

    Attributes
    ----------
    f, grad, hess : callable
        The function, its gradient (shape of the point) and Hessian (n × n).
    x_star : numpy.ndarray or None
        The minimiser, or None if there is none or it is not known.
    f_star : float or None
        The minimum value.
    name : str
        A short description for titles and legends.
    """

    f: Callable
    grad: Callable
    hess: Callable
    x_star: np.ndarray | None
    f_star: float | None
    name: str


def quadratic(
    A: ArrayLike, b: ArrayLike | None = None, name: str = "quadratic"
) -> Problem:
    """The quadratic f(x) = ½ xᵀAx − bᵀx with a symmetric matrix A.

    Its gradient is Ax − b and its Hessian A. When A is positive definite the minimiser
    is the solution of Ax = b, with minimum −½ bᵀA⁻¹b; otherwise there is no minimiser
    and ``x_star`` is None.

    Parameters
    ----------
    A : array_like of shape (n, n)
        A symmetric matrix.
    b : array_like of shape (n,), optional
        Default zero.
    name : str, default "quadratic"

    Returns
    -------
    Problem

    Examples
    --------
    >>> p = quadratic([[2.0, 0.0], [0.0, 1.0]], [2.0, 1.0])
    >>> p.x_star.tolist(), p.f_star, p.grad(np.array([1.0, 1.0])).tolist()
    ([1.0, 1.0], -1.5, [0.0, 0.0])
    """
    A = real_array(A, "A", ndim=2)
    n = A.shape[0]
    if A.shape != (n, n) or not np.allclose(A, A.T, rtol=1e-12, atol=0):
        raise ValueError(f"A must be a symmetric square matrix, got shape {A.shape}")
    b = np.zeros(n) if b is None else real_array(b, "b", ndim=1)
    if b.shape != (n,):
        raise ValueError(f"b must have shape ({n},), got {b.shape}")

    def f(x):
        x = np.asarray(x, dtype=float)
        return 0.5 * np.einsum("i...,ij,j...->...", x, A, x) - np.tensordot(b, x, 1)

    def grad(x):
        x = np.asarray(x, dtype=float)
        return np.tensordot(A, x, 1) - b.reshape((n,) + (1,) * (x.ndim - 1))

    def hess(x):
        return A.copy()

    x_star = f_star = None
    if np.all(np.linalg.eigvalsh(A) > 0):
        x_star = np.linalg.solve(A, b)
        f_star = float(-0.5 * b @ x_star)
    return Problem(f, grad, hess, x_star, f_star, name)


def ill_conditioned(kappa: float, angle: float = 0.0) -> Problem:
    """A two-variable quadratic bowl of condition number ``kappa``, turned by ``angle``.

    f(x) = ½ xᵀAx with A = Rᵀ diag(1, κ) R: curvature 1 along one axis and κ along the
    other, so gradient descent zig-zags across the narrow valley when κ is large. The
    minimiser is 0.

    Parameters
    ----------
    kappa : float
        Condition number L/μ, at least 1.
    angle : float, default 0.0
        Rotation of the valley's axes, in radians.

    Returns
    -------
    Problem

    Examples
    --------
    >>> p = ill_conditioned(10.0)
    >>> np.linalg.eigvalsh(p.hess(np.zeros(2))).tolist()
    [1.0, 10.0]
    """
    kappa = real_number(kappa, "kappa", within="[1, inf)")
    angle = real_number(angle, "angle")
    c, s = np.cos(angle), np.sin(angle)
    R = np.array([[c, -s], [s, c]])
    A = R @ np.diag([1.0, kappa]) @ R.T
    A = (A + A.T) / 2  # exactly symmetric despite rounding
    return quadratic(A, name=f"quadratic bowl, κ = {kappa:g}")


def rosenbrock(a: float = 1.0, b: float = 100.0) -> Problem:
    """Rosenbrock's banana valley f(x, y) = (a − x)² + b (y − x²)².

    The minimiser is (a, a²) with value 0; the valley is curved and narrow, so the
    Hessian's condition number there is large (about 2500 for a = 1, b = 100).

    Parameters
    ----------
    a, b : float
        The usual a = 1, b = 100 unless given; b > 0.

    Returns
    -------
    Problem

    Examples
    --------
    >>> p = rosenbrock()
    >>> float(p.f(np.array([1.0, 1.0]))), p.grad(np.array([0.0, 0.0])).tolist()
    (0.0, [-2.0, 0.0])
    """
    a = real_number(a, "a")
    b = real_number(b, "b", within="(0, inf)")

    def f(p):
        x, y = np.asarray(p, dtype=float)
        return (a - x) ** 2 + b * (y - x**2) ** 2

    def grad(p):
        x, y = np.asarray(p, dtype=float)
        return np.stack([-2 * (a - x) - 4 * b * x * (y - x**2), 2 * b * (y - x**2)])

    def hess(p):
        x, y = np.asarray(p, dtype=float)
        return np.array([[2 - 4 * b * (y - 3 * x**2), -4 * b * x],
                         [-4 * b * x, 2 * b]])

    return Problem(f, grad, hess, np.array([a, a * a]), 0.0,
                   f"Rosenbrock, a = {a:g}, b = {b:g}")
