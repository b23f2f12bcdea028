"""Gradient descent with a fixed step, a schedule or a backtracking line search.

``gradient_descent`` iterates x_{k+1} = x_k − η_k ∇f(x_k) with the update rule of
:class:`mathlib.optim.SGD` and returns every iterate. The step η_k is a number or a
schedule, a function of the iteration count k = 0, 1, 2, ... (``constant``,
``inverse_time``, ``exponential``, ``step_decay``). ``backtracking`` finds a step that
satisfies the Armijo condition, and ``line_search_descent`` takes such a step at every
iteration. ``linear_rate`` is the contraction factor of a fixed step on a quadratic and
``observed_rate`` measures one from errors. See :doc:`/chapters/10-gradient-descent`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, whole_number
from mathlib.optim import SGD

__all__ = [
    "Descent", "backtracking", "constant", "exponential", "gradient_descent",
    "inverse_time", "line_search_descent", "linear_rate", "observed_rate", "step_decay",
]

Schedule = Callable[[int], float]


def constant(lr: float) -> Schedule:
    """The schedule η_k = lr for every k.

    Parameters
    ----------
    lr : float
        The step size, > 0.

    Returns
    -------
    callable
        ``schedule(k)`` for k = 0, 1, 2, ...

    Examples
    --------
    >>> constant(0.1)(7)
    0.1

    See :doc:`/chapters/10-gradient-descent`.
    """
    lr = real_number(lr, "lr", within="(0, inf)")
    return lambda k: lr


def inverse_time(lr: float, decay: float) -> Schedule:
    """The schedule η_k = lr / (1 + decay·k): steps that shrink like 1/k.

    The steps add up to infinity, so the iterates can still travel any distance,
    while their squares add up to a finite sum, which averages gradient noise away.

    Parameters
    ----------
    lr : float
        The first step η_0, > 0.
    decay : float
        The rate of decay, >= 0.

    Returns
    -------
    callable
        ``schedule(k)`` for k = 0, 1, 2, ...

    Examples
    --------
    >>> inverse_time(1.0, 0.5)(2)
    0.5

    See :doc:`/chapters/10-gradient-descent`.
    """
    lr = real_number(lr, "lr", within="(0, inf)")
    decay = real_number(decay, "decay", within="[0, inf)")
    return lambda k: lr / (1.0 + decay * k)


def exponential(lr: float, decay: float) -> Schedule:
    """The schedule η_k = lr · exp(−decay·k).

    For decay > 0 the steps add up to the finite lr / (1 − e^{−decay}): gradient
    descent with this schedule can stop short of a minimiser.

    Parameters
    ----------
    lr : float
        The first step η_0, > 0.
    decay : float
        The rate of decay, >= 0.

    Returns
    -------
    callable
        ``schedule(k)`` for k = 0, 1, 2, ...

    Examples
    --------
    >>> round(exponential(1.0, math.log(2))(3), 12)
    0.125

    See :doc:`/chapters/10-gradient-descent`.
    """
    lr = real_number(lr, "lr", within="(0, inf)")
    decay = real_number(decay, "decay", within="[0, inf)")
    return lambda k: lr * math.exp(-decay * k)


def step_decay(lr: float, factor: float, every: int) -> Schedule:
    """The schedule η_k = lr · factor^⌊k / every⌋: constant, cut by ``factor`` in stages.

    Parameters
    ----------
    lr : float
        The first step η_0, > 0.
    factor : float
        The factor applied after each stage, in (0, 1].
    every : int
        The length of a stage, in iterations, >= 1.

    Returns
    -------
    callable
        ``schedule(k)`` for k = 0, 1, 2, ...

    Examples
    --------
    >>> [step_decay(1.0, 0.5, every=2)(k) for k in range(5)]
    [1.0, 1.0, 0.5, 0.5, 0.25]

    See :doc:`/chapters/10-gradient-descent`.
    """
    lr = real_number(lr, "lr", within="(0, inf)")
    factor = real_number(factor, "factor", within="(0, 1]")
    every = whole_number(every, "every", minimum=1)
    return lambda k: lr * factor ** (k // every)


def _schedule(lr: float | Schedule) -> Schedule:
    if callable(lr):
        return lr
    return constant(lr)


def _step_size(schedule: Schedule, k: int) -> float:
    return real_number(schedule(k), f"the step size at iteration {k}",
                       within="(0, inf)")


def gradient_descent(
    grad: Callable[[np.ndarray], ArrayLike], x0: ArrayLike, lr: float | Schedule,
    num_iters: int,
) -> np.ndarray:
    """Iterate x_{k+1} = x_k − η_k ∇f(x_k) from x0 and return every iterate.

    Each step is one step of :class:`mathlib.optim.SGD` with its ``lr`` set to η_k.
    Nothing stops a divergent run: its iterates grow, and may become inf or nan.

    Parameters
    ----------
    grad : callable
        ``grad(x)``, the gradient at x, of the shape of x.
    x0 : float or array_like
        The starting point (not modified).
    lr : float or callable
        The step size η > 0, or a schedule ``lr(k)`` giving η_k for k = 0, 1, ...
    num_iters : int
        The number of steps.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_iters + 1, *x0.shape)``: x_0, x_1, ..., x_num_iters.

    Examples
    --------
    >>> gradient_descent(lambda x: 2 * x, 1.0, lr=0.25, num_iters=3).tolist()
    [1.0, 0.5, 0.25, 0.125]
    >>> gradient_descent(lambda x: 2 * x, 1.0, inverse_time(0.25, 1.0), 2).tolist()
    [1.0, 0.5, 0.375]

    See :doc:`/chapters/10-gradient-descent`.
    """
    grad = function(grad, "grad")
    schedule = _schedule(lr)
    num_iters = whole_number(num_iters, "num_iters")
    x = real_array(x0, "x0")  # a copy, updated in place
    path = np.empty((num_iters + 1, *x.shape))
    path[0] = x
    optimizer = SGD(lr=_step_size(schedule, 0))
    for k in range(num_iters):
        optimizer.lr = _step_size(schedule, k)
        optimizer.step([x], [grad(x)])  # x <- x - η_k ∇f(x)
        path[k + 1] = x
    return path


def backtracking(
    f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], ArrayLike],
    x: ArrayLike, lr0: float = 1.0, shrink: float = 0.5, c: float = 1e-4,
    max_halvings: int = 40,
) -> float:
    """The first step η = lr0·shrinkʲ (j = 0, 1, ...) that passes the Armijo test.

    The Armijo (sufficient decrease) condition for the step x − η∇f(x) is

        f(x − η∇f(x)) <= f(x) − c·η·‖∇f(x)‖²,

    a decrease of at least the fraction c of what the first-order Taylor model
    promises. For an L-smooth f it holds for every η <= 2(1 − c)/L, so the search
    stops with η >= min(lr0, 2·shrink·(1 − c)/L).

    Parameters
    ----------
    f, grad : callable
        The function and its gradient.
    x : array_like
        The current point.
    lr0 : float, default 1.0
        The first step tried, > 0.
    shrink : float, default 0.5
        The factor by which a rejected step is cut, in (0, 1).
    c : float, default 1e-4
        The fraction of the predicted decrease asked for, in (0, 1).
    max_halvings : int, default 40
        How many times the step may be cut before giving up.

    Returns
    -------
    float
        The accepted step size (0.0 where ∇f(x) = 0: no step is needed).

    Raises
    ------
    ValueError
        If no step passes within ``max_halvings`` cuts (is ``grad`` the gradient of
        ``f``?).

    Examples
    --------
    >>> backtracking(lambda x: x @ x, lambda x: 2 * x, np.array([1.0]), lr0=1.0)
    0.5

    See :doc:`/chapters/10-gradient-descent`.
    """
    f, grad = function(f, "f"), function(grad, "grad")
    x = real_array(x, "x")
    lr = real_number(lr0, "lr0", within="(0, inf)")
    shrink = real_number(shrink, "shrink", within="(0, 1)")
    c = real_number(c, "c", within="(0, 1)")
    max_halvings = whole_number(max_halvings, "max_halvings")
    fx = real_number(f(x), "f(x)")
    g = real_array(grad(x), "grad(x)")
    slope = float(np.sum(g * g))  # ‖∇f(x)‖², the decrease rate of the Taylor model
    if slope == 0.0:
        return 0.0
    for _ in range(max_halvings + 1):
        value = float(f(x - lr * g))
        if value <= fx - c * lr * slope:  # the Armijo condition
            return lr
        lr *= shrink
    raise ValueError(f"backtracking: no step passed the Armijo condition after "
                     f"{max_halvings} cuts; is grad the gradient of f?")


class Descent(NamedTuple):
    """Result of :func:`line_search_descent`: the iterates and the steps taken.

    >>> Descent(np.zeros((2, 1)), np.ones(1)).lrs.tolist()
    [1.0]

    See :doc:`/chapters/10-gradient-descent`.
    """

    path: np.ndarray  # x_0, ..., x_num_iters
    lrs: np.ndarray  # η_0, ..., η_{num_iters − 1}


def line_search_descent(
    f: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike, num_iters: int, lr0: float = 1.0, shrink: float = 0.5,
    c: float = 1e-4,
) -> Descent:
    """Gradient descent with a backtracking (Armijo) line search at every step.

    Each iteration starts the search from ``lr0`` again and takes the step that
    :func:`backtracking` returns.

    Parameters
    ----------
    f, grad : callable
        The function and its gradient.
    x0 : array_like
        The starting point (not modified).
    num_iters : int
        The number of steps.
    lr0, shrink, c : float
        As in :func:`backtracking`.

    Returns
    -------
    Descent
        ``path`` of shape ``(num_iters + 1, *x0.shape)`` and the steps ``lrs``.

    Examples
    --------
    >>> run = line_search_descent(lambda x: x @ x, lambda x: 2 * x, [4.0], 2)
    >>> run.path.ravel().tolist(), run.lrs.tolist()
    ([4.0, 0.0, 0.0], [0.5, 0.0])

    See :doc:`/chapters/10-gradient-descent`.
    """
    num_iters = whole_number(num_iters, "num_iters")
    x = real_array(x0, "x0")
    path = np.empty((num_iters + 1, *x.shape))
    path[0] = x
    lrs = np.empty(num_iters)
    for k in range(num_iters):
        lrs[k] = backtracking(f, grad, x, lr0, shrink, c)
        x = x - lrs[k] * real_array(grad(x), "grad(x)")
        path[k + 1] = x
    return Descent(path, lrs)


def linear_rate(lr: float, mu: float, L: float) -> float:
    """The contraction factor max(|1 − ημ|, |1 − ηL|) of a fixed step on a quadratic.

    On f(x) = ½xᵀAx − bᵀx, whose Hessian A has eigenvalues in [μ, L], each step
    multiplies the error x_k − x* by I − ηA, whose norm is this factor: below 1
    exactly when 0 < η < 2/L.

    Parameters
    ----------
    lr : float
        The step size η > 0.
    mu, L : float
        The smallest and the largest eigenvalue of A, 0 < mu <= L.

    Returns
    -------
    float

    Examples
    --------
    >>> linear_rate(0.1, 1.0, 10.0), round(linear_rate(2 / 11, 1.0, 10.0), 12)
    (0.9, 0.818181818182)

    See :doc:`/chapters/10-gradient-descent`.
    """
    lr = real_number(lr, "lr", within="(0, inf)")
    mu = real_number(mu, "mu", within="(0, inf)")
    L = real_number(L, "L", within="(0, inf)")
    if mu > L:
        raise ValueError(f"mu must be at most L, got mu = {mu} and L = {L}")
    return max(abs(1 - lr * mu), abs(1 - lr * L))


def observed_rate(errors: ArrayLike) -> float:
    """The factor ρ of errors that behave like C ρᵏ, fitted on a semi-log plot.

    Parameters
    ----------
    errors : array_like
        Two or more positive errors at iterations 0, 1, 2, ...

    Returns
    -------
    float
        exp of the least-squares slope of log(errors) against k.

    Examples
    --------
    >>> round(observed_rate(3 * 0.9 ** np.arange(20)), 12)
    0.9

    See :doc:`/chapters/10-gradient-descent`.
    """
    log_e = np.log(real_array(errors, "errors", within="(0, inf)", ndim=1))
    if log_e.size < 2:
        raise ValueError(f"need two or more errors, got {log_e.size}")
    return float(np.exp(np.polyfit(np.arange(log_e.size), log_e, 1)[0]))
