"""Newton's method for roots and minima, damped Newton, and BFGS, returning iterates.

``newton_root`` solves f(x) = 0 in one variable, ``newton_system`` solves F(x) = 0 in n,
``newton_minimize`` takes Newton steps x − H⁻¹∇f on a function (optionally damped by a
backtracking line search, and with the Hessian's eigenvalues made positive), and
``bfgs`` builds an inverse-Hessian approximation from gradients alone with
``bfgs_update``. Each returns every iterate so that the path can be drawn and its
errors measured. See :doc:`/chapters/12-newton`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, whole_number

__all__ = [
    "Run", "armijo_along", "bfgs", "bfgs_update", "modified_hessian", "newton_minimize",
    "newton_root", "newton_system",
]


class Run(NamedTuple):
    """Result of :func:`newton_minimize` and :func:`bfgs`: iterates and step lengths.

    >>> Run(np.zeros((2, 1)), np.ones(1)).lrs.tolist()
    [1.0]

    See :doc:`/chapters/12-newton`.
    """

    path: np.ndarray  # x_0, x_1, ..., one row per iterate
    lrs: np.ndarray  # the step length t_k taken along each direction


def newton_root(
    f: Callable[[float], float], fprime: Callable[[float], float], x0: float,
    num_iters: int,
) -> np.ndarray:
    """Newton's iteration x_{k+1} = x_k − f(x_k)/f'(x_k) for a root of f.

    Stops early, after the last iterate, when f(x_k) is exactly 0 (a root is found).

    Parameters
    ----------
    f, fprime : callable
        The function of one variable and its derivative.
    x0 : float
        The starting point.
    num_iters : int
        The largest number of steps.

    Returns
    -------
    numpy.ndarray
        x_0, x_1, ..., at most ``num_iters + 1`` values.

    Raises
    ------
    ValueError
        If f'(x_k) = 0 at an iterate that is not a root: the tangent is horizontal and
        has no zero.

    Examples
    --------
    >>> newton_root(lambda x: x * x - 2, lambda x: 2 * x, 1.0, 3).tolist()
    [1.0, 1.5, 1.4166666666666667, 1.4142156862745099]

    See :doc:`/chapters/12-newton`.
    """
    f, fprime = function(f, "f"), function(fprime, "fprime")
    x = real_number(x0, "x0")
    num_iters = whole_number(num_iters, "num_iters")
    path = [x]
    for k in range(num_iters):
        fx = real_number(f(x), f"f(x_{k})")
        if fx == 0.0:
            break
        slope = real_number(fprime(x), f"fprime(x_{k})")
        if slope == 0.0:
            raise ValueError(f"newton_root: f'(x_{k}) = 0 at x_{k} = {x!r}, where "
                             f"f = {fx!r}: the tangent is horizontal")
        x = x - fx / slope  # the zero of the tangent line
        path.append(x)
    return np.array(path)


def _solve(A: np.ndarray, b: np.ndarray, what: str) -> np.ndarray:
    try:
        return np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        raise ValueError(f"{what} is singular: the Newton step is not defined") from None


def newton_system(
    F: Callable[[np.ndarray], ArrayLike], jac: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike, num_iters: int,
) -> np.ndarray:
    """Newton's iteration x_{k+1} = x_k − J(x_k)⁻¹F(x_k) for a root of F: Rⁿ → Rⁿ.

    Each step solves the linear system J(x_k) d = −F(x_k), the zero of the linear
    model F(x_k) + J(x_k) d; it stops early when F(x_k) is exactly 0.

    Parameters
    ----------
    F : callable
        ``F(x)``, a vector of the shape of x.
    jac : callable
        ``jac(x)``, the n × n Jacobian (numerator layout: row i is ∇F_iᵀ).
    x0 : array_like of shape (n,)
        The starting point (not modified).
    num_iters : int
        The largest number of steps.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, n)`` with m <= num_iters + 1: x_0, x_1, ...

    Raises
    ------
    ValueError
        If a Jacobian is singular.

    Examples
    --------
    >>> F = lambda x: np.array([x[0] ** 2 - 4, x[1] - x[0]])
    >>> J = lambda x: np.array([[2 * x[0], 0.0], [-1.0, 1.0]])
    >>> newton_system(F, J, [1.0, 0.0], 2).tolist()
    [[1.0, 0.0], [2.5, 2.5], [2.05, 2.05]]

    See :doc:`/chapters/12-newton`.
    """
    F, jac = function(F, "F"), function(jac, "jac")
    x = real_array(x0, "x0", ndim=1)
    num_iters = whole_number(num_iters, "num_iters")
    path = [x]
    for k in range(num_iters):
        Fx = real_array(F(x), f"F(x_{k})", ndim=1)
        if not np.any(Fx):
            break
        J = real_array(jac(x), f"jac(x_{k})", ndim=2)
        x = x + _solve(J, -Fx, f"the Jacobian at x_{k}")  # J d = −F
        path.append(x)
    return np.array(path)


def modified_hessian(H: ArrayLike, delta: float = 1e-8) -> np.ndarray:
    """The symmetric matrix with H's eigenvectors and eigenvalues max(|λ|, delta).

    A Hessian modification: a negative eigenvalue λ is replaced by |λ|, so that the
    step −H̃⁻¹∇f goes down along every eigenvector, and eigenvalues near 0 are raised
    to ``delta`` so that H̃ is safely positive definite.

    Parameters
    ----------
    H : array_like of shape (n, n)
        A symmetric matrix.
    delta : float, default 1e-8
        The smallest eigenvalue allowed, > 0.

    Returns
    -------
    numpy.ndarray
        Positive definite, equal to H where H is already positive definite with
        eigenvalues >= delta.

    Examples
    --------
    >>> modified_hessian([[2.0, 0.0], [0.0, -3.0]]).tolist()
    [[2.0, 0.0], [0.0, 3.0]]

    See :doc:`/chapters/12-newton`.
    """
    H = real_array(H, "H", ndim=2)
    delta = real_number(delta, "delta", within="(0, inf)")
    if H.shape[0] != H.shape[1] or not np.allclose(H, H.T, rtol=1e-10, atol=1e-12):
        raise ValueError(f"H must be a symmetric square matrix, got {H.tolist()}")
    lam, Q = np.linalg.eigh((H + H.T) / 2)
    return (Q * np.maximum(np.abs(lam), delta)) @ Q.T


def armijo_along(
    f: Callable[[np.ndarray], float], x: ArrayLike, g: ArrayLike, d: ArrayLike,
    lr0: float = 1.0, shrink: float = 0.5, c: float = 1e-4, max_cuts: int = 60,
) -> float:
    """The first t = lr0·shrinkʲ with f(x + t d) <= f(x) + c·t·gᵀd (Armijo).

    The same test as :func:`mathlib.descent.backtracking`, along any descent
    direction d (gᵀd < 0) instead of −g only.

    Parameters
    ----------
    f : callable
        The function.
    x, g, d : array_like
        The point, the gradient there and the direction.
    lr0, shrink, c : float
        The first step, the factor of each cut in (0, 1), and the fraction of the
        predicted decrease asked for, in (0, 1).
    max_cuts : int, default 60
        How many cuts before giving up.

    Returns
    -------
    float
        The accepted step length.

    Raises
    ------
    ValueError
        If d is not a descent direction, or no step passes.

    Examples
    --------
    >>> armijo_along(lambda x: x @ x, np.array([1.0]), np.array([2.0]),
    ...              np.array([-2.0]))
    0.5

    See :doc:`/chapters/12-newton`.
    """
    f = function(f, "f")
    x, g, d = real_array(x, "x"), real_array(g, "g"), real_array(d, "d")
    t = real_number(lr0, "lr0", within="(0, inf)")
    shrink = real_number(shrink, "shrink", within="(0, 1)")
    c = real_number(c, "c", within="(0, 1)")
    max_cuts = whole_number(max_cuts, "max_cuts")
    slope = float(np.sum(g * d))  # the directional derivative gᵀd
    if not slope < 0:
        raise ValueError(f"d is not a descent direction: gᵀd = {slope:.3g} >= 0")
    fx = real_number(f(x), "f(x)")
    for _ in range(max_cuts + 1):
        if float(f(x + t * d)) <= fx + c * t * slope:  # the Armijo condition
            return t
        t *= shrink
    raise ValueError(f"armijo_along: no step passed after {max_cuts} cuts")


def newton_minimize(
    f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], ArrayLike],
    hess: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, num_iters: int,
    damped: bool = False, modify: bool = False, c: float = 0.25, shrink: float = 0.5,
) -> Run:
    """Newton's method for a minimum: x_{k+1} = x_k + t_k d_k with H(x_k) d_k = −∇f(x_k).

    Pure Newton takes t_k = 1 and goes to the stationary point of the second-order
    model, whatever its kind. ``damped`` chooses t_k by backtracking from 1 with the
    Armijo test (the damped phase of damped Newton); ``modify`` replaces the Hessian by
    :func:`modified_hessian` so that d_k is a descent direction. Stops early when
    ∇f(x_k) is exactly 0.

    Parameters
    ----------
    f, grad, hess : callable
        The function (used only when damped), its gradient and its Hessian.
    x0 : array_like of shape (n,)
        The starting point (not modified).
    num_iters : int
        The largest number of steps.
    damped : bool, default False
        Backtrack from t = 1 until f(x + t d) <= f(x) + c·t·∇fᵀd.
    modify : bool, default False
        Use the Hessian with its eigenvalues replaced by max(|λ|, 1e-8).
    c, shrink : float
        The Armijo fraction, in (0, 1/2) as in damped Newton, and the cut factor.

    Returns
    -------
    Run
        ``path`` of shape ``(m, n)``, m <= num_iters + 1, and the steps ``lrs``.

    Raises
    ------
    ValueError
        If a Hessian is singular, or if ``damped`` and a Newton direction does not go
        down (an indefinite Hessian: use ``modify=True``).

    Examples
    --------
    >>> p = newton_minimize(None, lambda x: 2 * x - 2, lambda x: 2 * np.eye(1),
    ...                     [5.0], 3)
    >>> p.path.ravel().tolist(), p.lrs.tolist()
    ([5.0, 1.0], [1.0])

    See :doc:`/chapters/12-newton`.
    """
    grad, hess = function(grad, "grad"), function(hess, "hess")
    if damped:
        f = function(f, "f")
    c = real_number(c, "c", within="(0, 0.5)")
    x = real_array(x0, "x0", ndim=1)
    num_iters = whole_number(num_iters, "num_iters")
    path, lrs = [x], []
    for k in range(num_iters):
        g = real_array(grad(x), f"grad(x_{k})", ndim=1)
        if not np.any(g):
            break
        H = real_array(hess(x), f"hess(x_{k})", ndim=2)
        if modify:
            H = modified_hessian(H)
        d = _solve(H, -g, f"the Hessian at x_{k}")  # the Newton step: H d = −∇f
        t = armijo_along(f, x, g, d, 1.0, shrink, c) if damped else 1.0
        x = x + t * d
        path.append(x)
        lrs.append(t)
    return Run(np.array(path), np.array(lrs))


def bfgs_update(H: ArrayLike, s: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The BFGS update of an inverse-Hessian approximation H from s = Δx, y = Δ∇f.

    H₊ = (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs): the symmetric matrix
    closest to H (in a weighted norm) that satisfies the secant equation H₊ y = s.

    Parameters
    ----------
    H : array_like of shape (n, n)
        The current approximation of the inverse Hessian, symmetric.
    s, y : array_like of shape (n,)
        The step x_{k+1} − x_k and the change of gradient, with yᵀs > 0.

    Returns
    -------
    numpy.ndarray
        H₊, symmetric, positive definite when H is and yᵀs > 0.

    Raises
    ------
    ValueError
        If yᵀs <= 0 (the curvature condition fails).

    Examples
    --------
    >>> bfgs_update(np.eye(2), [1.0, 0.0], [2.0, 0.0]).tolist()
    [[0.5, 0.0], [0.0, 1.0]]

    See :doc:`/chapters/12-newton`.
    """
    H = real_array(H, "H", ndim=2)
    s, y = real_array(s, "s", ndim=1), real_array(y, "y", ndim=1)
    n = s.size
    if H.shape != (n, n) or y.shape != (n,):
        raise ValueError(f"H must be {n} x {n} and y of length {n}, got {H.shape}, "
                         f"{y.shape}")
    sy = float(y @ s)
    if not sy > 0:
        raise ValueError(f"the curvature condition yᵀs > 0 fails: yᵀs = {sy:.3g}")
    rho = 1.0 / sy
    V = np.eye(n) - rho * np.outer(y, s)  # I − ρ y sᵀ
    return V.T @ H @ V + rho * np.outer(s, s)


def bfgs(
    f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike, num_iters: int, H0: ArrayLike | None = None,
    line_search: Callable[[np.ndarray, np.ndarray], float] | None = None,
) -> Run:
    """BFGS: steps along d_k = −H_k∇f(x_k), with H_k updated by :func:`bfgs_update`.

    The step length comes from ``line_search(x, d)`` or, by default, from backtracking
    from t = 1 with the Armijo test (c = 1e-4). When a step gives yᵀs <= 0 (possible
    with a backtracking search on a non-convex function) the update is skipped and H
    kept. Stops early when ∇f(x_k) is exactly 0, or so small that ∇fᵀd_k rounds to 0.

    Parameters
    ----------
    f, grad : callable
        The function and its gradient.
    x0 : array_like of shape (n,)
        The starting point (not modified).
    num_iters : int
        The largest number of steps.
    H0 : array_like of shape (n, n), optional
        The first inverse-Hessian approximation, symmetric positive definite; default
        the identity.
    line_search : callable, optional
        ``line_search(x, d)``, a step length t > 0 along d, e.g. the exact one on a
        quadratic.

    Returns
    -------
    Run
        ``path`` of shape ``(m, n)``, m <= num_iters + 1, and the steps ``lrs``.

    Examples
    --------
    >>> run = bfgs(lambda x: x @ x, lambda x: 2 * x, [1.0, 2.0], 5)
    >>> run.path[-1].tolist(), run.lrs.tolist()
    ([0.0, 0.0], [0.5])

    See :doc:`/chapters/12-newton`.
    """
    f, grad = function(f, "f"), function(grad, "grad")
    x = real_array(x0, "x0", ndim=1)
    n = x.size
    H = np.eye(n) if H0 is None else real_array(H0, "H0", ndim=2)
    if H.shape != (n, n):
        raise ValueError(f"H0 must have shape ({n}, {n}), got {H.shape}")
    if line_search is not None:
        line_search = function(line_search, "line_search")
    num_iters = whole_number(num_iters, "num_iters")
    g = real_array(grad(x), "grad(x_0)", ndim=1)
    path, lrs = [x], []
    for k in range(num_iters):
        if not np.any(g):
            break
        d = -H @ g  # the quasi-Newton direction
        if not g @ d < 0:  # only when g is so small that gᵀd rounds to 0
            break
        t = (armijo_along(f, x, g, d) if line_search is None
             else real_number(line_search(x, d), f"the step length at iteration {k}",
                              within="(0, inf)"))
        x_new = x + t * d
        g_new = real_array(grad(x_new), f"grad(x_{k + 1})", ndim=1)
        s, y = x_new - x, g_new - g
        if y @ s > 0:
            H = bfgs_update(H, s, y)
        x, g = x_new, g_new
        path.append(x)
        lrs.append(t)
    return Run(np.array(path), np.array(lrs))
