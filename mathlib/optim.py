"""Gradient-based optimizers as update rules on lists of NumPy arrays.

``opt.step(params, grads)`` updates each array in ``params`` in place from the matching
array in ``grads``. The same code therefore minimises a plain function, with ``x`` a
NumPy array and ``grad`` a NumPy function (:doc:`/chapters/10-gradient-descent`,
:doc:`/chapters/11-momentum-adam`), and trains a network, with
``[p.data for p in net.parameters()]`` and ``[p.grad for p in ...]``
(:doc:`/chapters/17-training`). Each optimizer keeps its state (velocities, moment
estimates) per parameter, created at the first step. ``run`` iterates an optimizer on a
gradient function and returns the path.

The update is in place, so call ``backward()`` before ``step()``: a graph built before a
step refers to the arrays the step has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, real_number, whole_number

__all__ = [
    "SGD", "AdaGrad", "Adam", "Momentum", "Nesterov", "Optimizer", "RMSProp",
    "accelerated_gradient", "heavy_ball_rate", "heavy_ball_tuning", "run",
]


class Optimizer:
    """Base class: checks the inputs of ``step``, counts steps, keeps the state.

    Parameters
    ----------
    lr : float
        Learning rate (step size), positive. May be changed between steps (schedules).

    Attributes
    ----------
    t : int
        Number of steps taken.

    See :doc:`/chapters/11-momentum-adam`.
    """

    def __init__(self, lr: float) -> None:
        self.lr = real_number(lr, f"{type(self).__name__}: lr", within="(0, inf)")
        self.reset()

    def reset(self) -> None:
        """Forget the state (step count, velocities, moments), as if newly made."""
        self.t = 0
        self._shapes: list[tuple[int, ...]] | None = None

    def _init_state(self, params: list[np.ndarray]) -> None:
        """Create per-parameter state at the first step (subclasses override)."""

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def step(
        self, params: Sequence[np.ndarray], grads: Sequence[ArrayLike]
    ) -> list[np.ndarray]:
        """Update every parameter array in place by one step of the method.

        Parameters
        ----------
        params : list of numpy.ndarray
            Floating arrays, updated in place (e.g. ``[x]`` or the ``data`` of tensors).
        grads : list of array_like
            Gradients, one per parameter and of its shape.

        Returns
        -------
        list of numpy.ndarray
            The same ``params`` list, for convenience.

        Examples
        --------
        >>> x = np.array([1.0, -2.0])
        >>> SGD(lr=0.1).step([x], [2 * x])[0].tolist()
        [0.8, -1.6]

        See :doc:`/chapters/10-gradient-descent`.
        """
        name = type(self).__name__
        if isinstance(params, np.ndarray) or isinstance(grads, np.ndarray):
            raise TypeError(f"{name}.step: pass lists of arrays, e.g. step([x], [g])")
        params, grads = list(params), list(grads)
        if len(params) != len(grads):
            raise ValueError(
                f"{name}.step: {len(params)} parameters but {len(grads)} gradients"
            )
        checked = []
        for i, (p, g) in enumerate(zip(params, grads, strict=True)):
            if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
                raise TypeError(f"{name}.step: params[{i}] must be a float NumPy array")
            if g is None:
                raise TypeError(
                    f"{name}.step: grads[{i}] is None (did backward() reach it?)"
                )
            g = real_array(g, f"{name}.step: grads[{i}]", finite=False, copy=False)
            if g.shape != p.shape:
                raise ValueError(
                    f"{name}.step: grads[{i}] has shape {g.shape}, "
                    f"params[{i}] has shape {p.shape}"
                )
            checked.append(g.copy() if np.may_share_memory(g, p) else g)
        shapes = [p.shape for p in params]
        if self._shapes is None:
            self._shapes = shapes
            self._init_state(params)
        elif shapes != self._shapes:
            raise ValueError(
                f"{name}.step: parameter shapes {shapes} differ from the first "
                f"step's {self._shapes}; call reset() first"
            )
        self.t += 1
        for i, (p, g) in enumerate(zip(params, checked, strict=True)):
            self._update(i, p, g)
        return params


class SGD(Optimizer):
    """Plain gradient descent, x <- x - lr * grad f(x).

    Parameters
    ----------
    lr : float
        Step size.

    Examples
    --------
    >>> path = run(lambda x: 2 * x, 1.0, SGD(lr=0.25), num_iters=2)   # f(x) = x^2
    >>> path.tolist()
    [1.0, 0.5, 0.25]

    See :doc:`/chapters/10-gradient-descent`.
    """

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        p -= self.lr * g  # x <- x - lr * grad f(x)


class Momentum(Optimizer):
    """Heavy-ball momentum: v <- beta v + grad, x <- x - lr v.

    Equivalent to x_{k+1} = x_k - lr grad f(x_k) + beta (x_k - x_{k-1}).

    Parameters
    ----------
    lr : float
        Step size.
    beta : float, default 0.9
        Momentum coefficient in [0, 1).

    Examples
    --------
    >>> run(lambda x: 1.0, 0.0, Momentum(lr=1.0, beta=0.5), num_iters=2).tolist()
    [0.0, -1.0, -2.5]

    See :doc:`/chapters/11-momentum-adam`.
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        self.beta = real_number(beta, f"{type(self).__name__}: beta", within="[0, 1)")
        super().__init__(lr)

    def _init_state(self, params: list[np.ndarray]) -> None:
        self.velocity = [np.zeros_like(p) for p in params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        v = self.velocity[i]
        v *= self.beta
        v += g  # v <- beta v + grad f(x): a decaying sum of past gradients
        p -= self.lr * v  # x <- x - lr v


class Nesterov(Momentum):
    """Nesterov momentum in the form with the gradient at the current point.

    v <- beta v + grad, x <- x - lr (grad + beta v). This is the look-ahead method
    v <- beta v - lr grad f(x + beta v), x <- x + v rewritten in the variable x + beta v
    (the form deep-learning libraries use), so only grad f(x) is needed.

    Parameters
    ----------
    lr : float
        Step size.
    beta : float, default 0.9
        Momentum coefficient in [0, 1).

    Examples
    --------
    >>> run(lambda x: 1.0, 0.0, Nesterov(lr=1.0, beta=0.5), num_iters=2).tolist()
    [0.0, -1.5, -3.25]

    See :doc:`/chapters/11-momentum-adam`.
    """

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        v = self.velocity[i]
        v *= self.beta
        v += g  # v <- beta v + grad f(x)
        # x <- x - lr (grad f(x) + beta v): the look-ahead
        p -= self.lr * (g + self.beta * v)


class AdaGrad(Optimizer):
    """AdaGrad: per-coordinate steps lr / sqrt(sum of past squared gradients).

    Parameters
    ----------
    lr : float
        Step size.
    eps : float, default 1e-8
        Added to the denominator against division by zero.

    Examples
    --------
    >>> run(lambda x: 3.0 * np.sign(x), 1.0, AdaGrad(lr=0.1), 1).round(6).tolist()
    [1.0, 0.9]

    See :doc:`/chapters/11-momentum-adam`.
    """

    def __init__(self, lr: float, eps: float = 1e-8) -> None:
        self.eps = real_number(eps, "AdaGrad: eps", within="[0, inf)")
        super().__init__(lr)

    def _init_state(self, params: list[np.ndarray]) -> None:
        self.sum_sq = [np.zeros_like(p) for p in params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        s = self.sum_sq[i]
        s += g * g  # s <- s + grad^2 (elementwise)
        p -= self.lr * g / (np.sqrt(s) + self.eps)  # x <- x - lr grad / (sqrt(s) + eps)


class RMSProp(Optimizer):
    """RMSProp: AdaGrad with an exponential moving average of squared gradients.

    Parameters
    ----------
    lr : float
        Step size.
    rho : float, default 0.9
        Decay rate of the average, in [0, 1).
    eps : float, default 1e-8
        Added to the denominator against division by zero.

    Examples
    --------
    >>> run(lambda x: 2.0, 1.0, RMSProp(lr=0.1, rho=0.0), num_iters=1).round(6).tolist()
    [1.0, 0.9]

    See :doc:`/chapters/11-momentum-adam`.
    """

    def __init__(self, lr: float, rho: float = 0.9, eps: float = 1e-8) -> None:
        self.rho = real_number(rho, "RMSProp: rho", within="[0, 1)")
        self.eps = real_number(eps, "RMSProp: eps", within="[0, inf)")
        super().__init__(lr)

    def _init_state(self, params: list[np.ndarray]) -> None:
        self.mean_sq = [np.zeros_like(p) for p in params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        s = self.mean_sq[i]
        s *= self.rho
        s += (1.0 - self.rho) * (g * g)  # s <- rho s + (1 - rho) grad^2
        p -= self.lr * g / (np.sqrt(s) + self.eps)  # x <- x - lr grad / (sqrt(s) + eps)


class Adam(Optimizer):
    """Adam: momentum on the gradient and RMSProp scaling, both bias-corrected.

    Parameters
    ----------
    lr : float
        Step size; the first step moves each coordinate by about ``lr``.
    beta1 : float, default 0.9
        Decay rate of the first-moment (mean) estimate.
    beta2 : float, default 0.999
        Decay rate of the second-moment (uncentred variance) estimate.
    eps : float, default 1e-8
        Added to the denominator against division by zero.

    Examples
    --------
    >>> path = run(lambda x: np.array([5.0, -0.01]), np.zeros(2), Adam(lr=0.1), 1)
    >>> path[1].round(6).tolist()
    [-0.1, 0.1]

    See :doc:`/chapters/11-momentum-adam` (the algorithm of the original Adam paper).
    """

    def __init__(
        self, lr: float, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.beta1 = real_number(beta1, "Adam: beta1", within="[0, 1)")
        self.beta2 = real_number(beta2, "Adam: beta2", within="[0, 1)")
        self.eps = real_number(eps, "Adam: eps", within="[0, inf)")
        super().__init__(lr)

    def _init_state(self, params: list[np.ndarray]) -> None:
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def _update(self, i: int, p: np.ndarray, g: np.ndarray) -> None:
        b1, b2, m, v = self.beta1, self.beta2, self.m[i], self.v[i]
        m *= b1
        m += (1.0 - b1) * g  # first moment: m <- b1 m + (1 - b1) grad
        v *= b2
        v += (1.0 - b2) * (g * g)  # second moment: v <- b2 v + (1 - b2) grad^2
        m_hat = m / (1.0 - b1**self.t)  # bias-corrected first moment
        v_hat = v / (1.0 - b2**self.t)  # bias-corrected second moment
        # x <- x - lr m_hat / (sqrt(v_hat) + eps): about lr per coordinate at step 1
        p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def run(
    grad: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    optimizer: Optimizer,
    num_iters: int,
) -> np.ndarray:
    """Apply ``num_iters`` steps of an optimizer from ``x0`` and return every iterate.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at x (an array of x's shape, or a float).
    x0 : float or array_like
        Starting point (not modified).
    optimizer : Optimizer
        E.g. ``Adam(lr=0.1)``; its state carries over if it was used before.
    num_iters : int
        Number of steps.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_iters + 1, *x0.shape)``: ``x0`` then each iterate.

    Examples
    --------
    >>> run(lambda x: x, np.array([4.0]), SGD(lr=0.5), num_iters=2).ravel().tolist()
    [4.0, 2.0, 1.0]

    See :doc:`/chapters/10-gradient-descent` and :doc:`/chapters/11-momentum-adam`.
    """
    if not isinstance(optimizer, Optimizer):
        raise TypeError(
            f"run: optimizer must be an Optimizer, got {type(optimizer).__name__}"
        )
    function(grad, "run: grad")
    num_iters = whole_number(num_iters, "run: num_iters")
    x = real_array(x0, "run: x0")  # a copy, updated in place
    path = np.empty((num_iters + 1, *x.shape))
    path[0] = x
    for k in range(num_iters):
        optimizer.step([x], [grad(x)])
        path[k + 1] = x
    return path


def heavy_ball_tuning(mu: float, L: float) -> tuple[float, float]:
    """The step and momentum of heavy ball that are best on quadratics in [mu, L].

    lr = 4 / (sqrt(L) + sqrt(mu))^2 and beta = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2
    with kappa = L / mu; then ``heavy_ball_rate(lr, beta, mu, L)`` is
    (sqrt(kappa) - 1) / (sqrt(kappa) + 1).

    Parameters
    ----------
    mu, L : float
        The smallest and the largest eigenvalue of the Hessian, 0 < mu <= L.

    Returns
    -------
    tuple of float
        ``(lr, beta)``, for ``Momentum(lr, beta)``.

    Examples
    --------
    >>> [round(v, 12) for v in heavy_ball_tuning(1.0, 9.0)]
    [0.25, 0.25]

    See :doc:`/chapters/11-momentum-adam`.
    """
    mu, L = _curvatures(mu, L, "heavy_ball_tuning")
    root_mu, root_L = np.sqrt(mu), np.sqrt(L)
    return (float(4 / (root_L + root_mu) ** 2),
            float(((root_L - root_mu) / (root_L + root_mu)) ** 2))


def heavy_ball_rate(lr: float, beta: float, mu: float, L: float) -> float:
    """The asymptotic rate of heavy ball on quadratics with Hessian spectrum in [mu, L].

    Along an eigenvector of eigenvalue lam the error obeys
    e_{k+1} = (1 + beta - lr lam) e_k - beta e_{k-1}, a linear map of (e_k, e_{k-1})
    with the 2 x 2 matrix [[1 + beta - lr lam, -beta], [1, 0]]. The rate is the largest
    spectral radius of these matrices over lam in [mu, L]; it is attained at an end,
    since inside the band of complex eigenvalues the radius is sqrt(beta), the least
    possible. With beta = 0 it is gradient descent's max(|1 - lr mu|, |1 - lr L|).

    Parameters
    ----------
    lr : float
        Step size, > 0.
    beta : float
        Momentum coefficient in [0, 1).
    mu, L : float
        The smallest and the largest eigenvalue of the Hessian, 0 < mu <= L.

    Returns
    -------
    float
        Below 1 exactly when heavy ball converges from every start.

    Examples
    --------
    >>> round(heavy_ball_rate(0.25, 0.25, 1.0, 9.0), 12)   # (3 - 1) / (3 + 1)
    0.5

    See :doc:`/chapters/11-momentum-adam`.
    """
    lr = real_number(lr, "heavy_ball_rate: lr", within="(0, inf)")
    beta = real_number(beta, "heavy_ball_rate: beta", within="[0, 1)")
    mu, L = _curvatures(mu, L, "heavy_ball_rate")
    radii = [np.abs(np.linalg.eigvals([[1 + beta - lr * lam, -beta], [1.0, 0.0]])).max()
             for lam in (mu, L)]
    return float(max(radii))


def _curvatures(mu: object, L: object, name: str) -> tuple[float, float]:
    mu = real_number(mu, f"{name}: mu", within="(0, inf)")
    L = real_number(L, f"{name}: L", within="(0, inf)")
    if mu > L:
        raise ValueError(f"{name}: mu must be at most L, got mu = {mu} and L = {L}")
    return mu, L


def accelerated_gradient(
    grad: Callable[[np.ndarray], ArrayLike],
    x0: ArrayLike,
    lr: float,
    num_iters: int,
    beta: float | None = None,
) -> np.ndarray:
    """Nesterov's accelerated gradient method; returns the iterates x_0, ..., x_k.

    y_k = x_k + beta_k (x_k - x_{k-1}),  x_{k+1} = y_k - lr grad f(y_k).

    With ``beta=None`` the momentum grows as beta_k = (t_k - 1) / t_{k+1}, with t_1 = 1
    and t_{k+1} = (1 + sqrt(1 + 4 t_k^2)) / 2 (about (k - 1) / (k + 2)): the method for
    L-smooth convex f, where lr = 1/L gives f(x_k) - f* <= 2 L |x_0 - x*|^2 / (k + 1)^2.
    A fixed ``beta`` (such as (sqrt(kappa) - 1) / (sqrt(kappa) + 1) for mu-strongly
    convex f) gives the method that :class:`Nesterov` writes in the look-ahead variable
    y_k.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient at x.
    x0 : float or array_like
        Starting point (not modified).
    lr : float
        Step size, > 0 (1/L for an L-smooth f).
    num_iters : int
        Number of steps.
    beta : float, optional
        A fixed momentum in [0, 1); by default the growing sequence above.

    Returns
    -------
    numpy.ndarray
        Shape ``(num_iters + 1, *x0.shape)``: ``x0`` then each x_k (not the y_k).

    Examples
    --------
    >>> accelerated_gradient(lambda x: 2 * x, 1.0, 0.25, 3).round(6).tolist()  # f = x^2
    [1.0, 0.5, 0.25, 0.089781]

    See :doc:`/chapters/11-momentum-adam`.
    """
    function(grad, "accelerated_gradient: grad")
    lr = real_number(lr, "accelerated_gradient: lr", within="(0, inf)")
    num_iters = whole_number(num_iters, "accelerated_gradient: num_iters")
    if beta is not None:
        beta = real_number(beta, "accelerated_gradient: beta", within="[0, 1)")
    x = real_array(x0, "accelerated_gradient: x0")
    x_prev, t = x, 0.0          # t_0 = 0 makes t_1 = 1; the first step has no momentum
    path = [x]
    for _ in range(num_iters):
        t_next = (1 + np.sqrt(1 + 4 * t * t)) / 2
        b = (t - 1) / t_next if beta is None else beta
        t = t_next
        y = x + b * (x - x_prev)                           # the look-ahead point
        x_prev, x = x, y - lr * np.asarray(grad(y), dtype=float)   # a gradient step
        path.append(x)
    return np.array(path)
