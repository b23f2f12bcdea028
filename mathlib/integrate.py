"""Numerical integration: Riemann sums, trapezoid and Simpson rules, Monte Carlo.

With n subintervals of width h = (b − a)/n, the errors for a smooth f are: left and
right Riemann sums O(h), midpoint and trapezoid O(h²), Simpson O(h⁴). Monte Carlo's
standard error shrinks like 1/√n whatever the dimension. Also the running integral A(x)
= ∫_a^x f (the fundamental theorem of calculus says A' = f), the density of a
transformed random variable, p_Y(y) = p_X(g⁻¹(y)) · |dg⁻¹/dy|, and a histogram with
error bars to compare samples against a density.

See :doc:`/chapters/07-integration`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import (
    function,
    generator,
    real_array,
    real_number,
    real_values,
    whole_number,
)

__all__ = [
    "BinnedDensity", "CumulativeIntegral", "MonteCarloEstimate", "RiemannPoints",
    "binned_density", "cumulative_integral", "monte_carlo", "riemann_points",
    "riemann_sum", "simpson", "transformed_density", "trapezoid",
]


def _interval(a: object, b: object) -> tuple[float, float]:
    a, b = real_number(a, "a"), real_number(b, "b")
    if not a < b:
        raise ValueError(f"need a < b, got a = {a}, b = {b}")
    return a, b


class RiemannPoints(NamedTuple):
    """Result of :func:`riemann_points`: an equal partition and a point in each piece.

    See :doc:`/chapters/07-integration`.
    """

    edges: np.ndarray  # the n + 1 ends a = x_0 < x_1 < ... < x_n = b of the pieces
    points: np.ndarray  # the n sample points ξ_i, one in each piece [x_{i-1}, x_i]


def riemann_points(a: float, b: float, n: int, rule: str = "left") -> RiemannPoints:
    """The equal partition of [a, b] into n pieces and the sample point of each piece.

    Parameters
    ----------
    a, b : float
        Interval, a < b.
    n : int
        Number of pieces, >= 1.
    rule : {"left", "right", "midpoint"}
        Which point of each piece: its left end, right end or midpoint.

    Returns
    -------
    RiemannPoints
        ``(edges, points)``: the n + 1 ends of the pieces and the n sample points.
        :func:`riemann_sum` adds up ``f(points)`` times the width of the pieces.

    Examples
    --------
    >>> riemann_points(0.0, 1.0, 4, rule="midpoint").points
    array([0.125, 0.375, 0.625, 0.875])

    See :doc:`/chapters/07-integration`.
    """
    a, b = _interval(a, b)
    n = whole_number(n, minimum=1)
    edges = np.linspace(a, b, n + 1)
    if rule == "left":
        points = edges[:-1]
    elif rule == "right":
        points = edges[1:]
    elif rule == "midpoint":
        points = (edges[:-1] + edges[1:]) / 2
    else:
        raise ValueError(f"unknown rule {rule!r}; use 'left', 'right' or 'midpoint'")
    return RiemannPoints(edges, points)


def riemann_sum(f: Callable, a: float, b: float, n: int, rule: str = "left") -> float:
    """Riemann sum ``h Σ f(ξ_i)`` over n equal pieces, ξ_i by the chosen ``rule``.

    Parameters
    ----------
    f : callable
        Vectorised real function (takes and returns an array).
    a, b : float
        Interval, a < b.
    n : int
        Number of pieces, >= 1.
    rule : {"left", "right", "midpoint"}
        Which point of each piece (see :func:`riemann_points`): errors O(1/n), O(1/n),
        O(1/n²).

    Returns
    -------
    float
        The approximation of ∫_a^b f(x) dx.

    Examples
    --------
    >>> riemann_sum(lambda x: x, 0.0, 1.0, 4, rule="left")  # (0 + 1/4 + 1/2 + 3/4) / 4
    0.375

    See :doc:`/chapters/07-integration`.
    """
    edges, points = riemann_points(a, b, n, rule)
    h = (edges[-1] - edges[0]) / points.size  # the width of each piece
    return float(h * np.sum(real_values(f, points, shape=points.shape)))


def trapezoid(f: Callable, a: float, b: float, n: int) -> float:
    """Trapezoid rule ``h (f_0/2 + f_1 + ... + f_{n-1} + f_n/2)``, error O(1/n²).

    Parameters
    ----------
    f : callable
        Vectorised real function.
    a, b : float
        Interval, a < b.
    n : int
        Number of subintervals, >= 1.

    Returns
    -------
    float
        The approximation of ∫_a^b f(x) dx.

    Examples
    --------
    >>> trapezoid(lambda x: x**2, 0.0, 1.0, 2)  # (0/2 + 1/4 + 1/2) / 2
    0.375

    See :doc:`/chapters/07-integration`.
    """
    a, b = _interval(a, b)
    n = whole_number(n, minimum=1)
    h = (b - a) / n
    y = real_values(f, np.linspace(a, b, n + 1), shape=(n + 1,))
    return float(h * (y[0] / 2 + y[1:-1].sum() + y[-1] / 2))


def simpson(f: Callable, a: float, b: float, n: int) -> float:
    """Composite Simpson rule ``h/3 (f_0 + 4 f_1 + 2 f_2 + ... + f_n)``, error O(1/n⁴).

    Parameters
    ----------
    f : callable
        Vectorised real function.
    a, b : float
        Interval, a < b.
    n : int
        Number of subintervals: even, >= 2 (the rule fits a parabola on each pair).

    Returns
    -------
    float
        The approximation of ∫_a^b f(x) dx; exact for cubics.

    Examples
    --------
    >>> simpson(lambda x: x**3, 0.0, 2.0, 2)
    4.0

    See :doc:`/chapters/07-integration`.
    """
    a, b = _interval(a, b)
    n = whole_number(n, minimum=2)
    if n % 2:
        raise ValueError(f"Simpson's rule needs an even n, got {n}")
    h = (b - a) / n
    y = real_values(f, np.linspace(a, b, n + 1), shape=(n + 1,))
    return float(h / 3 * (y[0] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum() + y[-1]))


class CumulativeIntegral(NamedTuple):
    """Result of :func:`cumulative_integral`: the grid and the running integral on it.

    See :doc:`/chapters/07-integration`.
    """

    x: np.ndarray  # the n + 1 grid points a = x_0 < ... < x_n = b
    integral: np.ndarray  # A(x_i) = ∫_a^{x_i} f, with A(x_0) = 0


def cumulative_integral(f: Callable, a: float, b: float, n: int) -> CumulativeIntegral:
    """Running integral ``A(x) = ∫_a^x f(t) dt`` on a grid, by the trapezoid rule.

    The fundamental theorem of calculus says that A is an antiderivative of a continuous
    f, A' = f; the error of each value is O(h²) with h = (b − a)/n.

    Parameters
    ----------
    f : callable
        Vectorised real function.
    a, b : float
        Interval, a < b.
    n : int
        Number of subintervals, >= 1.

    Returns
    -------
    CumulativeIntegral
        ``(x, integral)``, two arrays of n + 1 values; ``integral[-1]`` equals
        ``trapezoid(f, a, b, n)``.

    Examples
    --------
    >>> x, A = cumulative_integral(lambda t: 2 * t, 0.0, 1.0, 4)
    >>> A  # ∫_0^x 2t dt = x², exact here: the trapezoid rule is exact for lines
    array([0.    , 0.0625, 0.25  , 0.5625, 1.    ])

    See :doc:`/chapters/07-integration`.
    """
    a, b = _interval(a, b)
    n = whole_number(n, minimum=1)
    x = np.linspace(a, b, n + 1)
    y = real_values(f, x, shape=x.shape)
    h = (b - a) / n
    trapezoids = h * (y[:-1] + y[1:]) / 2  # ∫ over [x_i, x_{i+1}] ≈ h (f_i + f_{i+1})/2
    return CumulativeIntegral(x, np.concatenate([[0.0], np.cumsum(trapezoids)]))


class MonteCarloEstimate(NamedTuple):
    """Result of :func:`monte_carlo`: the estimate and its standard error.

    >>> rng = np.random.default_rng(0)
    >>> monte_carlo(lambda x: 2 * x, 0.0, 1.0, 100, rng).estimate > 0
    True

    See :doc:`/chapters/07-integration`.
    """

    estimate: float  # (b − a) · mean of f(U_i)
    std_error: float  # (b − a) · sample std of f(U_i) / √n


def monte_carlo(
    f: Callable, a: float, b: float, n: int, rng: np.random.Generator
) -> MonteCarloEstimate:
    """Monte Carlo integral ``(b − a) · mean f(U_i)`` with U_i uniform on [a, b].

    Parameters
    ----------
    f : callable
        Vectorised real function.
    a, b : float
        Interval, a < b.
    n : int
        Number of samples, >= 2 (the standard error needs two).
    rng : numpy.random.Generator
        Source of randomness, e.g. ``np.random.default_rng(0)``.

    Returns
    -------
    MonteCarloEstimate
        ``(estimate, std_error)``; the standard error shrinks like 1/√n.

    Examples
    --------
    >>> est = monte_carlo(lambda x: x**2, 0.0, 1.0, 10_000, np.random.default_rng(0))
    >>> abs(est.estimate - 1 / 3) < 3 * est.std_error
    True

    See :doc:`/chapters/07-integration`.
    """
    a, b = _interval(a, b)
    n = whole_number(n, minimum=2)
    y = real_values(f, generator(rng).uniform(a, b, size=n), shape=(n,))
    estimate = (b - a) * y.mean()
    std_error = (b - a) * y.std(ddof=1) / np.sqrt(n)  # sample std of the mean
    return MonteCarloEstimate(float(estimate), float(std_error))


def transformed_density(
    p: Callable, inverse: Callable, inverse_prime: Callable
) -> Callable:
    """Density of Y = g(X) for a one-to-one g: ``p_Y(y) = p_X(g⁻¹(y)) · |dg⁻¹/dy|``.

    In n dimensions the factor is ``|det J_{g⁻¹}(y)|``, the Jacobian determinant of the
    inverse map, and points lie along the last axis of ``y``.

    Parameters
    ----------
    p : callable
        Density p_X of X (vectorised).
    inverse : callable
        g⁻¹, from values of Y back to values of X.
    inverse_prime : callable
        The derivative of g⁻¹ (equal to 1 / g'(g⁻¹(y))); in n dimensions, the
        determinant ``det J_{g⁻¹}(y)`` (equal to ``1 / det J_g(g⁻¹(y))``).

    Returns
    -------
    callable
        ``p_Y``, taking a float or an array of y.

    Examples
    --------
    >>> p_x = lambda x: np.where((0 <= x) & (x <= 1), 1.0, 0.0)  # X uniform on [0, 1]
    >>> p_y = transformed_density(p_x, np.sqrt, lambda y: 0.5 / np.sqrt(y))  # Y = X²
    >>> p_y(0.25)  # 1 / (2 √y)
    1.0

    See :doc:`/chapters/07-integration`.
    """
    for name, g in (("p", p), ("inverse", inverse), ("inverse_prime", inverse_prime)):
        function(g, name)

    def p_y(y: ArrayLike) -> float | np.ndarray:
        y = real_array(y, "y")
        density = np.asarray(p(inverse(y)) * np.abs(inverse_prime(y)), dtype=float)
        if np.any(np.isnan(density)):
            bad = y[np.isnan(density)]
            raise ValueError(f"the transformed density is NaN at y = {bad}")
        return float(density) if density.ndim == 0 else density

    return p_y


class BinnedDensity(NamedTuple):
    """Result of :func:`binned_density`: a histogram scaled to a density, with errors.

    See :doc:`/chapters/07-integration`.
    """

    centres: np.ndarray  # middle of each bin
    density: np.ndarray  # (count / n) / width: estimates the average of p over the bin
    std_error: np.ndarray  # √(q (1 − q) / n) / width, q = count / n: its standard error


def binned_density(samples: ArrayLike, edges: ArrayLike) -> BinnedDensity:
    """Histogram of samples as a density estimate, with a standard error for each bin.

    A bin [e_i, e_{i+1}) (the last one closed, as in ``np.histogram``) holds a fraction
    q_i of the n samples; ``q_i / width_i`` estimates ``(1/width_i) ∫ p`` over the bin,
    with standard error ``√(q_i (1 − q_i) / n) / width_i`` (a binomial proportion). The
    fractions are of all n samples, including any outside the edges, so the estimate can
    be compared with p on part of its range.

    Parameters
    ----------
    samples : ndarray
        1-D array of real, finite samples.
    edges : ndarray
        Bin edges, strictly increasing, at least two.

    Returns
    -------
    BinnedDensity
        ``(centres, density, std_error)``, one value per bin. A bin with few samples has
        an unreliable standard error (0 for an empty bin): use bins that hold dozens at
        least.

    Examples
    --------
    >>> samples = np.array([0.1, 0.2, 0.3, 0.7, 1.5])
    >>> binned_density(samples, np.array([0.0, 0.5, 1.0])).density  # 3/5, 1/5 over 0.5
    array([1.2, 0.4])

    See :doc:`/chapters/07-integration`.
    """
    samples = real_array(samples, "samples", ndim=1)
    edges = real_array(edges, "edges", ndim=1)
    if samples.size == 0:
        raise ValueError("samples must not be empty")
    if edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError("edges must be strictly increasing, with at least two of them")
    counts, _ = np.histogram(samples, bins=edges)
    n, widths = samples.size, np.diff(edges).astype(float)
    fraction = counts / n
    return BinnedDensity(
        centres=(edges[:-1] + edges[1:]) / 2,
        density=fraction / widths,
        std_error=np.sqrt(fraction * (1 - fraction) / n) / widths,
    )
