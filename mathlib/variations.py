"""Functionals on paths: the Euler–Lagrange expression, length and travel time, the cycloid.

A path from (0, y_0) to (X, Y) is described by its heights ``y`` at the nodes ``x`` of a
grid, joined by straight segments (a polygon). ``path_length`` and ``travel_time`` are
the two functionals of the chapter evaluated *exactly* on such a polygon, with their
gradients with respect to the free (interior) heights; ``grid`` spaces the nodes;
``solve_brachistochrone`` minimises the travel time over polygons with a damped Newton
method from :mod:`mathlib.newton`. ``cycloid_through`` and ``cycloid_height`` give the
exact minimiser, the cycloid, and ``euler_lagrange`` the equation it solves. The vertical
axis points down: y is the depth below the starting point. See
:doc:`/chapters/18-variations`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike

from mathlib._validate import real_array, real_number, whole_number
from mathlib.newton import armijo_along, modified_hessian

__all__ = [
    "G", "Brachistochrone", "Cycloid", "cycloid_height", "cycloid_points",
    "cycloid_through", "euler_lagrange", "grid", "path_length", "path_length_grad",
    "solve_brachistochrone", "travel_time", "travel_time_grad", "travel_time_hessian",
]

G = 9.81  # standard gravity, m/s²


def euler_lagrange(F: sp.Expr, x: sp.Symbol, y: sp.Symbol, yp: sp.Symbol,
                   ypp: sp.Symbol) -> sp.Expr:
    """The Euler–Lagrange expression ∂F/∂y − d/dx ∂F/∂y' of a Lagrangian F(x, y, y').

    The total derivative d/dx of G(x, y(x), y'(x)) is G_x + G_y y' + G_{y'} y''.

    Parameters
    ----------
    F : sympy expression
        The Lagrangian, in the symbols ``x``, ``y`` and ``yp`` (for y').
    x, y, yp, ypp : sympy.Symbol
        The symbols standing for x, y(x), y'(x) and y''(x).

    Returns
    -------
    sympy expression
        In ``x, y, yp, ypp``; it vanishes along every extremal.

    Examples
    --------
    >>> x, y, yp, ypp = sp.symbols("x y yp ypp")
    >>> euler_lagrange(yp**2 / 2 - y, x, y, yp, ypp)
    -ypp - 1

    See :doc:`/chapters/18-variations`.
    """
    F = sp.sympify(F)
    for name, s in [("x", x), ("y", y), ("yp", yp), ("ypp", ypp)]:
        if not isinstance(s, sp.Symbol):
            raise TypeError(f"{name} must be a sympy Symbol, got {s!r}")
    F_yp = sp.diff(F, yp)
    dx_F_yp = sp.diff(F_yp, x) + sp.diff(F_yp, y) * yp + sp.diff(F_yp, yp) * ypp
    return sp.simplify(sp.diff(F, y) - dx_F_yp)


def grid(X: float, n: int, power: float = 1.0) -> np.ndarray:
    """The n + 1 nodes x_i = X (i/n)^power, from 0 to X.

    ``power = 1`` is the uniform grid; ``power = 3`` crowds the nodes near x = 0, where
    the cycloid starts vertically (y ∝ x^(2/3)): in the variable s = i/n the cycloid is
    then a smooth curve.

    Parameters
    ----------
    X : float
        The right end, > 0.
    n : int
        The number of segments, >= 1.
    power : float, default 1.0
        The grading exponent, >= 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(n + 1,)``, increasing, from 0.0 to X.

    Examples
    --------
    >>> grid(2.0, 4).tolist(), grid(1.0, 2, power=3).tolist()
    ([0.0, 0.5, 1.0, 1.5, 2.0], [0.0, 0.125, 1.0])

    See :doc:`/chapters/18-variations`.
    """
    X = real_number(X, "X", within="(0, inf)")
    n = whole_number(n, "n", minimum=1)
    power = real_number(power, "power", within="[1, inf)")
    return X * (np.arange(n + 1) / n) ** power


def _polygon(x: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x = real_array(x, "x", ndim=1)
    y = real_array(y, "y", ndim=1)
    if x.size < 2 or y.shape != x.shape:
        raise ValueError(f"x and y must be of the same length >= 2, got {x.size} and "
                         f"{y.size}")
    if not np.all(np.diff(x) > 0):
        raise ValueError("the nodes x must be increasing")
    return x, y


def path_length(x: ArrayLike, y: ArrayLike) -> float:
    """The length Σ √(Δx_i² + Δy_i²) of the polygon through (x_i, y_i).

    It is the arc-length functional ∫ √(1 + y'²) dx evaluated exactly on the polygon.

    Parameters
    ----------
    x, y : array_like of shape (n + 1,)
        The nodes (increasing) and the heights.

    Returns
    -------
    float

    Examples
    --------
    >>> path_length([0, 3, 6], [0, 4, 0])
    10.0

    See :doc:`/chapters/18-variations`.
    """
    x, y = _polygon(x, y)
    return float(np.sum(np.hypot(np.diff(x), np.diff(y))))


def path_length_grad(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The gradient of :func:`path_length` with respect to the interior heights.

    Height y_i (0 < i < n) enters the two segments next to it, and
    ∂L/∂y_i = Δy_{i−1}/L_{i−1} − Δy_i/L_i, with Δy_i = y_{i+1} − y_i and L_i the
    length of segment i: the difference of the sines of the slopes on either side.

    Parameters
    ----------
    x, y : array_like of shape (n + 1,)
        The nodes (increasing) and the heights; y_0 and y_n are the fixed ends.

    Returns
    -------
    numpy.ndarray
        Shape ``(n - 1,)``: ∂L/∂y_1, ..., ∂L/∂y_{n−1}.

    Examples
    --------
    >>> path_length_grad([0, 3, 6], [0, 4, 0]).tolist()
    [1.6]

    See :doc:`/chapters/18-variations`.
    """
    x, y = _polygon(x, y)
    dy = np.diff(y)
    sin_slope = dy / np.hypot(np.diff(x), dy)
    return sin_slope[:-1] - sin_slope[1:]


def _segment_times(x: np.ndarray, y: np.ndarray, g: float) -> tuple:
    dx, dy = np.diff(x), np.diff(y)
    lengths = np.hypot(dx, dy)
    roots = np.sqrt(y)
    speeds = roots[:-1] + roots[1:]  # (v_i + v_{i+1}) / √(2g)
    with np.errstate(divide="ignore"):
        times = np.sqrt(2 / g) * lengths / speeds  # 2 L_i / (v_i + v_{i+1})
    return dy, lengths, roots, speeds, times


def travel_time(x: ArrayLike, y: ArrayLike, g: float = G) -> float:
    """The time to slide down the polygon through (x_i, y_i), from rest at depth 0.

    Without friction the speed at depth y is v = √(2 g y). On a straight segment the
    acceleration is constant, so the segment takes its length over the mean of its end
    speeds, 2 L_i / (v_i + v_{i+1}). The sum is the travel-time functional
    ∫ √(1 + y'²) / √(2 g y) dx evaluated exactly on the polygon.

    Parameters
    ----------
    x, y : array_like of shape (n + 1,)
        The nodes (increasing) and the depths below the start (y points down).
    g : float, default G
        The gravitational acceleration, > 0.

    Returns
    -------
    float
        The travel time; ``inf`` if some depth is negative (the bead cannot rise above
        its start) or a segment lies at depth 0 (it never gets going).

    Examples
    --------
    >>> travel_time([0.0, 3.0], [0.0, 4.0], g=8.0)  # 5 m at a mean speed of 4 m/s
    1.25

    See :doc:`/chapters/18-variations`.
    """
    x, y = _polygon(x, y)
    g = real_number(g, "g", within="(0, inf)")
    if np.any(y < 0):
        return np.inf
    return float(np.sum(_segment_times(x, y, g)[-1]))


def travel_time_grad(x: ArrayLike, y: ArrayLike, g: float = G) -> np.ndarray:
    """The gradient of :func:`travel_time` with respect to the interior depths.

    Segment i takes t_i = c L_i / S_i with c = √(2/g), S_i = √y_i + √y_{i+1}, so
    ∂t_i/∂y_{i+1} = c (Δy_i / (L_i S_i) − L_i / (2 S_i² √y_{i+1})) and
    ∂t_i/∂y_i = c (−Δy_i / (L_i S_i) − L_i / (2 S_i² √y_i)); depth y_i collects the
    terms of segments i − 1 and i.

    Parameters
    ----------
    x, y : array_like of shape (n + 1,)
        The nodes (increasing) and the depths; the interior depths must be > 0.
    g : float, default G
        The gravitational acceleration, > 0.

    Returns
    -------
    numpy.ndarray
        Shape ``(n - 1,)``: ∂T/∂y_1, ..., ∂T/∂y_{n−1}.

    Examples
    --------
    >>> travel_time_grad([0.0, 1.0, 2.0], [0.0, 1.0, 1.0], g=2.0).round(6).tolist()
    [-0.125]

    See :doc:`/chapters/18-variations`.
    """
    x, y = _polygon(x, y)
    g = real_number(g, "g", within="(0, inf)")
    if x.size < 3 or not np.all(y[1:-1] > 0):
        raise ValueError("need at least one interior node, and interior depths > 0")
    dy, lengths, roots, speeds, _ = _segment_times(x, y, g)
    slope_part = dy / (lengths * speeds)
    speed_part = lengths / (2 * speeds**2)
    c = np.sqrt(2 / g)
    inner = roots[1:-1]
    from_left = slope_part[:-1] - speed_part[:-1] / inner  # ∂t_{i−1}/∂y_i
    from_right = -slope_part[1:] - speed_part[1:] / inner  # ∂t_i/∂y_i
    return c * (from_left + from_right)


class Cycloid(NamedTuple):
    """The cycloid x = R(θ − sin θ), y = R(1 − cos θ), 0 <= θ <= Θ, and its time.

    >>> Cycloid(1.0, np.pi, np.pi / np.sqrt(9.81)).radius
    1.0

    See :doc:`/chapters/18-variations`.
    """

    radius: float  # R, the radius of the rolling circle
    theta_end: float  # Θ, the angle at the end point
    time: float  # the travel time Θ √(R / g)


def cycloid_through(X: float, Y: float, g: float = G) -> Cycloid:
    """The cycloid from rest at (0, 0) to (X, Y), Y below the start (y points down).

    Θ solves (Θ − sin Θ)/(1 − cos Θ) = X/Y on (0, 2π), where the left side increases
    from 0 to ∞; it is found by bisection. Then R = Y/(1 − cos Θ) and the travel time
    is Θ √(R/g).

    Parameters
    ----------
    X, Y : float
        The end point, both > 0.
    g : float, default G
        The gravitational acceleration, > 0.

    Returns
    -------
    Cycloid

    Examples
    --------
    >>> c = cycloid_through(np.pi, 2.0, g=1.0)   # half a turn of a circle of radius 1
    >>> round(c.radius, 12), round(c.theta_end, 12), round(c.time, 12)
    (1.0, 3.14159265359, 3.14159265359)

    See :doc:`/chapters/18-variations`.
    """
    X = real_number(X, "X", within="(0, inf)")
    Y = real_number(Y, "Y", within="(0, inf)")
    g = real_number(g, "g", within="(0, inf)")
    ratio = X / Y
    lo, hi = 0.0, 2 * np.pi
    for _ in range(200):  # bisection on (Θ − sin Θ)/(1 − cos Θ) = X/Y
        mid = (lo + hi) / 2
        if mid in (lo, hi):  # the bracket is as narrow as doubles allow
            break
        if (mid - np.sin(mid)) / (1 - np.cos(mid)) < ratio:
            lo = mid
        else:
            hi = mid
    theta = (lo + hi) / 2
    radius = Y / (1 - np.cos(theta))
    return Cycloid(float(radius), float(theta), float(theta * np.sqrt(radius / g)))


def cycloid_points(cycloid: Cycloid, theta: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """The points (R(θ − sin θ), R(1 − cos θ)) of a cycloid.

    Parameters
    ----------
    cycloid : Cycloid
        From :func:`cycloid_through`.
    theta : array_like
        Angles in [0, Θ].

    Returns
    -------
    tuple of numpy.ndarray
        x and y.

    Examples
    --------
    >>> [v.tolist() for v in cycloid_points(Cycloid(1.0, np.pi, 1.0), np.pi)]
    [3.141592653589793, 2.0]

    See :doc:`/chapters/18-variations`.
    """
    theta = real_array(theta, "theta")
    R = cycloid.radius
    return R * (theta - np.sin(theta)), R * (1 - np.cos(theta))


def cycloid_height(cycloid: Cycloid, x: ArrayLike) -> np.ndarray:
    """The depth y of a cycloid above each abscissa x in [0, R(Θ − sin Θ)].

    x(θ) = R(θ − sin θ) increases, so each x has one θ, found by bisection (vectorised).

    Parameters
    ----------
    cycloid : Cycloid
        From :func:`cycloid_through`.
    x : array_like
        Abscissae between 0 and the end point's X.

    Returns
    -------
    numpy.ndarray
        The depths, of the shape of x.

    Examples
    --------
    >>> cycloid_height(Cycloid(1.0, np.pi, 1.0), [0.0, np.pi]).round(12).tolist()
    [0.0, 2.0]

    See :doc:`/chapters/18-variations`.
    """
    x = real_array(x, "x")
    R, theta_end = cycloid.radius, cycloid.theta_end
    x_end = R * (theta_end - np.sin(theta_end))
    if np.any(x < 0) or np.any(x > x_end * (1 + 1e-12)):
        raise ValueError(f"x must lie in [0, {x_end:.6g}]")
    lo, hi = np.zeros_like(x), np.full_like(x, theta_end)
    for _ in range(60):  # 60 halvings of [0, Θ] reach the spacing of doubles
        mid = (lo + hi) / 2
        below = R * (mid - np.sin(mid)) < x
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    theta = (lo + hi) / 2
    return R * (1 - np.cos(theta))


class Brachistochrone(NamedTuple):
    """Result of :func:`solve_brachistochrone`: the best polygon and the Newton path.

    >>> Brachistochrone(np.zeros(2), np.zeros(2), 1.0, np.zeros((1, 0))).time
    1.0

    See :doc:`/chapters/18-variations`.
    """

    x: np.ndarray  # the nodes
    y: np.ndarray  # the optimal depths at the nodes, ends included
    time: float  # the travel time of that polygon
    path: np.ndarray  # the interior depths at each Newton iterate, one row each


def travel_time_hessian(x: ArrayLike, y: ArrayLike, g: float = G) -> np.ndarray:
    """The Hessian of :func:`travel_time` with respect to the interior depths.

    Segment i contributes c u(a, b) with u = L/S, a = y_i, b = y_{i+1}; by the
    quotient rule, for p, q in {a, b},
    u_pq = L_pq/S − (L_p S_q + L_q S_p)/S² − L S_pq/S² + 2 L S_p S_q/S³,
    with L_b = −L_a = Δy/L, L_aa = L_bb = −L_ab = Δx²/L³, S_a = 1/(2√a),
    S_aa = −1/(4a^(3/2)) and S_ab = 0. The matrix is tridiagonal.

    Parameters
    ----------
    x, y : array_like of shape (n + 1,)
        The nodes (increasing) and the depths; the interior depths must be > 0.
    g : float, default G
        The gravitational acceleration, > 0.

    Returns
    -------
    numpy.ndarray
        Shape ``(n - 1, n - 1)``, symmetric.

    Examples
    --------
    >>> travel_time_hessian([0.0, 1.0, 2.0], [0.0, 1.0, 1.0], g=2.0).round(6)
    array([[1.332107]])

    See :doc:`/chapters/18-variations`.
    """
    x, y = _polygon(x, y)
    g = real_number(g, "g", within="(0, inf)")
    if x.size < 3 or not np.all(y[1:-1] > 0):
        raise ValueError("need at least one interior node, and interior depths > 0")
    dy, L, roots, S, _ = _segment_times(x, y, g)
    Lp = np.stack([-dy / L, dy / L])  # L_a, L_b
    curv = np.diff(x) ** 2 / L**3  # L_aa = L_bb = −L_ab
    # √y_0 may be 0: the terms of segment 0 in y_0 are then inf or nan, and unused
    with np.errstate(divide="ignore", invalid="ignore"):
        Sp = np.stack([1 / (2 * roots[:-1]), 1 / (2 * roots[1:])])  # S_a, S_b
        Spp = np.stack([-1 / (4 * roots[:-1] ** 3), -1 / (4 * roots[1:] ** 3)])

        def u(p: int, q: int) -> np.ndarray:  # ∂²(L/S)/∂p∂q for every segment
            L_pq = curv if p == q else -curv
            S_pq = Spp[p] if p == q else 0.0
            return (L_pq / S - (Lp[p] * Sp[q] + Lp[q] * Sp[p]) / S**2
                    - L * S_pq / S**2 + 2 * L * Sp[p] * Sp[q] / S**3)

        c = np.sqrt(2 / g)
        diag = c * (u(1, 1)[:-1] + u(0, 0)[1:])  # y_i: b of segment i−1, a of i
        off = c * u(0, 1)[1:-1]  # segment i joins y_i and y_{i+1}
    return np.diag(diag) + np.diag(off, 1) + np.diag(off, -1)


def _solve_tridiagonal(H: np.ndarray, b: np.ndarray) -> np.ndarray | None:
    """Solve H d = b for a tridiagonal H by elimination without pivoting (Thomas).

    O(n) work, and no multi-threaded LAPACK call on a busy machine. Returns None when
    a pivot is not positive (then H is not positive definite).
    """
    diag, off = np.diag(H).copy(), np.diag(H, 1)
    rhs = b.copy()
    for i in range(1, diag.size):  # eliminate the sub-diagonal
        if not diag[i - 1] > 0:
            return None
        factor = off[i - 1] / diag[i - 1]
        diag[i] -= factor * off[i - 1]
        rhs[i] -= factor * rhs[i - 1]
    if not diag[-1] > 0:
        return None
    d = np.empty_like(rhs)
    d[-1] = rhs[-1] / diag[-1]
    for i in range(diag.size - 2, -1, -1):  # back substitution
        d[i] = (rhs[i] - off[i] * d[i + 1]) / diag[i]
    return d


def solve_brachistochrone(X: float, Y: float, n: int, power: float = 3.0,
                          g: float = G, max_iters: int = 100) -> Brachistochrone:
    """The polygon on :func:`grid` (X, n, power) that minimises :func:`travel_time`.

    Damped Newton from the straight line to (X, Y): the direction solves H d = −∇T
    (with :func:`mathlib.newton.modified_hessian` if that d does not go down), the
    step length comes from :func:`mathlib.newton.armijo_along`. It stops when half the
    squared Newton decrement, −∇Tᵀd/2, an estimate of T − min T, is below 1e-14 T.

    Parameters
    ----------
    X, Y : float
        The end point, both > 0 (Y below the start).
    n : int
        The number of segments, >= 2.
    power : float, default 3.0
        The grading of the nodes, as in :func:`grid`.
    g : float, default G
        The gravitational acceleration.
    max_iters : int, default 100
        The largest number of Newton steps.

    Returns
    -------
    Brachistochrone

    Raises
    ------
    ValueError
        If the stopping test is not met within ``max_iters`` steps.

    Examples
    --------
    >>> best = solve_brachistochrone(1.0, 1.0, 4)
    >>> x = grid(1.0, 4, 3.0)
    >>> bool(best.time < travel_time(x, x))   # faster than the straight line
    True

    See :doc:`/chapters/18-variations`.
    """
    Y = real_number(Y, "Y", within="(0, inf)")
    n = whole_number(n, "n", minimum=2)
    max_iters = whole_number(max_iters, "max_iters", minimum=1)
    x = grid(X, n, power)
    g = real_number(g, "g", within="(0, inf)")

    def full(inner: np.ndarray) -> np.ndarray:
        return np.concatenate([[0.0], inner, [Y]])

    def f(inner: np.ndarray) -> float:
        return travel_time(x, full(inner), g)

    inner = Y * x[1:-1] / x[-1]  # start from the straight line
    path = [inner]
    for _ in range(max_iters):
        grad = travel_time_grad(x, full(inner), g)
        H = travel_time_hessian(x, full(inner), g)
        d = _solve_tridiagonal(H, -grad)  # the Newton direction, H d = −∇T
        if d is None or not grad @ d < 0:  # H is not positive definite
            d = np.linalg.solve(modified_hessian(H), -grad)
        if -grad @ d / 2 <= 1e-14 * f(inner):  # half the squared Newton decrement
            y = full(inner)
            return Brachistochrone(x, y, travel_time(x, y, g), np.array(path))
        inner = inner + armijo_along(f, inner, grad, d, c=0.25) * d
        path.append(inner)
    raise ValueError(f"solve_brachistochrone: no convergence in {max_iters} steps")
