"""Difference quotients and the ε–δ definition of a limit, computed on sample points.

See :doc:`/chapters/01-limits-and-tangents`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from mathlib._validate import function, real_number, whole_number

__all__ = [
    "DeltaResult", "delta_works", "difference_quotient", "largest_delta",
    "punctured_grid",
]


def difference_quotient(f: Callable[[float], float], x: float, h: float) -> float:
    """Slope of the secant line through ``(x, f(x))`` and ``(x + h, f(x + h))``.

    Parameters
    ----------
    f : callable
        A function of one real variable.
    x : float
        The point.
    h : float
        The step; negative steps give the secant to the left of ``x``.

    Returns
    -------
    float
        ``(f(x + h) - f(x)) / h``.

    Raises
    ------
    ValueError
        If ``h`` is zero or either number is not finite.

    Examples
    --------
    >>> difference_quotient(lambda t: t**2, 1.0, 0.5)
    2.5

    See :doc:`/chapters/01-limits-and-tangents`.
    """
    x, h = real_number(x, "x"), real_number(h, "h")
    if h == 0:
        raise ValueError("h must not be zero: the difference quotient is 0/0 there")
    return (function(f)(x + h) - f(x)) / h


def punctured_grid(a: float, delta: float, n: int = 2001) -> np.ndarray:
    """Points x with 0 < |x - a| < delta, dense near ``a`` and near both ends.

    The point ``a`` itself is left out: a limit never looks at f(a).

    Examples
    --------
    >>> x = punctured_grid(1.0, 0.5, n=11)
    >>> bool(np.all((np.abs(x - 1.0) > 0) & (np.abs(x - 1.0) < 0.5)))
    True

    See :doc:`/chapters/01-limits-and-tangents`.
    """
    a, delta = real_number(a, "a"), real_number(delta, "delta", within="(0, inf)")
    n = whole_number(n, minimum=2)
    # Chebyshev-like spacing on (0, 1): many points at both ends of the interval.
    u = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, n + 2)[1:-1])
    r = delta * u
    return np.concatenate([a - r[::-1], a + r])


class DeltaResult(NamedTuple):
    """Result of :func:`delta_works`: whether δ works, and a point where it fails."""

    works: bool
    witness: float | None
    gap: float | None


def delta_works(f: Callable, a: float, limit: float, eps: float, delta: float,
               n: int = 2001) -> DeltaResult:
    """Test whether ``|f(x) - limit| < eps`` whenever ``0 < |x - a| < delta``.

    A finite sample cannot prove the statement, but a failure it finds is real: the
    returned ``witness`` is an ``x`` in the interval with ``|f(x) - limit| >= eps``.

    Parameters
    ----------
    f : callable
        A vectorised function of one real variable.
    a, limit : float
        The point and the claimed limit.
    eps, delta : float
        Positive tolerances.
    n : int
        Number of sample points on each side of ``a``.

    Returns
    -------
    DeltaResult
        ``works``, the first failing ``witness`` (or None) and its ``gap = |f(x) -
        limit|``.

    Examples
    --------
    >>> delta_works(lambda x: x**2, 1.0, 1.0, eps=0.1, delta=0.03).works
    True
    >>> delta_works(lambda x: x**2, 1.0, 1.0, eps=0.1, delta=0.1).works
    False

    See :doc:`/chapters/01-limits-and-tangents`.
    """
    eps, limit = real_number(eps, "eps", within="(0, inf)"), real_number(limit, "limit")
    x = punctured_grid(a, delta, n)
    with np.errstate(all="ignore"):  # a NaN or inf value counts as a failure below
        values = np.asarray(function(f)(x), dtype=float)
    if values.shape != x.shape:
        raise ValueError(f"f(x) has shape {values.shape}, expected {x.shape} (is it "
                         "vectorised, array in, array out?)")
    gap = np.abs(values - limit)
    bad = ~(gap < eps)  # NaN counts as a failure
    if not bad.any():
        return DeltaResult(True, None, None)
    nearest = np.argmin(np.where(bad, np.abs(x - a), np.inf))
    return DeltaResult(False, float(x[nearest]), float(gap[nearest]))


def largest_delta(f: Callable, a: float, limit: float, eps: float, search: float = 1.0,
                  n: int = 20001) -> float:
    """The largest δ (up to ``search``) such that ``0 < |x - a| < δ`` keeps f within ε.

    Parameters
    ----------
    f : callable
        A vectorised function of one real variable.
    a, limit : float
        The point and the limit.
    eps : float
        The tolerance around ``limit``.
    search : float
        How far from ``a`` to look.
    n : int
        Grid points on each side.

    Returns
    -------
    float
        The distance from ``a`` to the nearest sampled ``x`` where ``|f(x) - limit| >=
        eps``, or ``search`` if there is none.

    Examples
    --------
    >>> round(largest_delta(lambda x: x**2, 1.0, 1.0, eps=0.21), 3)  # sqrt(1.21) - 1
    0.1

    See :doc:`/chapters/01-limits-and-tangents`.
    """
    search = real_number(search, "search", within="(0, inf)")
    result = delta_works(f, a, limit, eps, search, n)
    if result.works:
        return float(search)
    # On each side, bisect between the nearest failing sample and the fine sample before
    # it for the point where |f(x) - limit| reaches eps; the nearer side decides.
    x = punctured_grid(a, search, n)
    fine = np.abs(np.asarray(f(x), dtype=float) - limit) < eps
    distances = []
    for side in (x < a, x > a):
        failing = np.flatnonzero(side & ~fine)
        if failing.size == 0:
            continue
        nearest = failing[np.argmin(np.abs(x[failing] - a))]
        closer = np.flatnonzero(side & (np.abs(x - a) < abs(x[nearest] - a)))
        good = x[closer[np.argmax(np.abs(x[closer] - a))]] if closer.size else a
        bad = x[nearest]
        for _ in range(60):
            mid = 0.5 * (good + bad)
            good, bad = (mid, bad) if abs(float(f(mid)) - limit) < eps else (good, mid)
        distances.append(abs(bad - a))
    return float(min(distances))
