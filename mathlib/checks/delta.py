"""Check an ε–δ answer by searching for a counterexample, for ε from 1000 to 1e-10."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

import numpy as np

from mathlib.checks._report import describe, fail, fmt, passed, quiet, unfinished
from mathlib.checks._values import real_values
from mathlib.checks.function import call
from mathlib.limits import punctured_grid

__all__ = ["check_delta"]

_EPSILONS = tuple(np.geomspace(1e3, 1e-10, 79))   # six per decade
_SMALLEST = 1e-13   # below this, rounding in f(x) blurs a difference of size ε
_ENDS = 1 - 10.0 ** -np.arange(1, 13)              # x within 1e-12 δ of a ± δ


@quiet
def check_delta(delta_for: object, f: Callable, a: float, limit: float, *,
                name: str = "delta", epsilons: Iterable[float] | None = None,
                hint: str | None = None) -> None:
    """Check an ε–δ answer: ``delta_for(eps)`` must give a δ > 0 that works for every ε.

    For each ε (by default 79 values from 1000 down to 1e-10, then smaller ones chosen
    from how much f changes within the last δ) it looks for an ``x`` with
    ``0 < |x - a| < δ`` and ``|f(x) - limit| >= eps``, densely near ``a`` and near both
    ends of the window. Any working δ passes (a smaller one is as good as the largest);
    a δ that does not shrink with ε fails.

    Parameters
    ----------
    delta_for : callable
        The student's function of ε.
    f : callable
        The function whose limit is proved, vectorised (it takes a NumPy array).
    a, limit : float
        The point and the limit.
    name, hint
        As in :func:`check_scalar`.
    epsilons : iterable of float, optional
        The values of ε to try instead of the default ones.

    Examples
    --------
    >>> check_delta(lambda eps: eps / 3, lambda x: 3 * x - 1, 2.0, 5.0, name="δ(ε)")
    ✓ δ(ε): δ works for all 83 values of ε tried.

    See :doc:`/chapters/01-limits-and-tangents`.
    """
    problem = unfinished(delta_for, name, "a function of eps")
    if problem:
        raise problem
    if not callable(delta_for) or isinstance(delta_for, type):
        raise fail(name, f"expected a function delta_for(eps), got "
                   f"{describe(delta_for)}.")
    tried, deadline = {}, time.perf_counter() + 1.0  # for SymPy numbers, if any
    for eps in (_EPSILONS if epsilons is None else epsilons):
        tried[float(eps)] = _try(delta_for, f, a, limit, float(eps), name, hint,
                                 deadline)
    eps = min(tried)
    for _ in range(4):  # smaller ε: half the change of f within the last δ
        change = tried[eps][1]
        if not _SMALLEST <= change / 2 < eps:
            break
        eps = change / 2
        tried[eps] = _try(delta_for, f, a, limit, eps, name, hint, deadline)
    deltas = {delta for delta, _ in tried.values()}
    if len(deltas) == 1:  # the same δ for every ε: fine only if f is constant near a
        (delta,) = deltas
        if np.max(_gaps(f, a, limit, max(delta, 1e-3))[1], initial=0.0) > 0:
            raise fail(name, f"δ is {fmt(delta)} for every ε, but a δ that works for "
                       "every ε must shrink as ε shrinks: f changes near a.", hint)
    passed(name, f"δ works for all {len(tried)} values of ε tried.")


def _try(delta_for: Callable, f: Callable, a: float, limit: float, eps: float,
         name: str, hint: str | None, deadline: float) -> tuple[float, float]:
    """δ(ε), after making sure it works; and how much f changes within it."""
    at = f"ε = {fmt(float(f'{eps:.3g}'))}"
    value = call(delta_for, (eps,), name, at)
    delta = real_values(value, f"{name} (for {at})", "a number δ", deadline)
    if delta.ndim != 0 or not np.isfinite(delta) or delta <= 0:
        shown = fmt(delta) if delta.ndim == 0 else f"an array of shape {delta.shape}"
        raise fail(name, f"for {at} it returned {shown}; δ must be one positive finite "
                   "number.", hint)
    delta = float(delta)
    x, gap = _gaps(f, a, limit, delta)
    noise = 8 * np.finfo(float).eps * max(1.0, abs(limit))   # rounding in f(x) - L
    bad = ~(gap < eps * (1 + 1e-9) + noise)                  # NaN counts as bad
    if bad.any():
        i = int(np.argmin(np.where(bad, np.abs(x - a), np.inf)))
        raise fail(name, f"for {at} it gives δ = {delta:.4g}, which is too large: at x "
                   f"= {fmt(a)} {'+' if x[i] > a else '-'} {abs(x[i] - a):.4g} (inside "
                   f"0 < |x - a| < δ) |f(x) - L| = {gap[i]:.4g}, not below ε.", hint)
    return delta, float(np.max(gap, initial=0.0))


def _gaps(f: Callable, a: float, limit: float, delta: float):
    """Points of the window 0 < |x - a| < δ and |f(x) - limit| there."""
    grid = punctured_grid(0.0, delta)
    r = np.concatenate([grid[grid > 0], delta * _ENDS, [np.nextafter(delta, 0)]])
    x = np.concatenate([a - r, a + r])
    x = x[(x != a) & (np.abs(x - a) < delta)]
    gap = np.abs(np.asarray(f(x), dtype=float) - limit)
    return x, gap
