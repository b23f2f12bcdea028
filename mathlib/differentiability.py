"""Differentiability measured: one-sided quotients, linearisation gaps, Weierstrass.

:doc:`/chapters/02-derivative` uses :func:`one_sided_quotients`, :func:`zoom_deviation`
and the Weierstrass helpers; :doc:`/chapters/03-differentials` uses
:func:`change_and_differential`.

The Weierstrass function is :math:`W(x) = \\sum_{n \\ge 0} a^n \\cos(b^n \\pi x)` with
``0 < a < 1`` and ``b`` an odd integer. Its terms oscillate so fast that a plain ``b**n
* x`` soon has no correct digits in floating point; :func:`weierstrass` computes the
phase ``b**n * x mod 2`` exactly (an error-free product, or integer arithmetic) and
rounds once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array, real_number, real_values, whole_number
from mathlib.limits import difference_quotient

__all__ = [
    "OneSided", "one_sided_quotients", "zoom_deviation", "Change",
    "change_and_differential", "weierstrass", "is_classical", "weierstrass_steps",
    "weierstrass_bound",
]


class OneSided(NamedTuple):
    """Left and right difference quotients of a function at a point, for one step."""

    left: float
    right: float


def one_sided_quotients(f: Callable[[float], float], a: float, h: float) -> OneSided:
    """The left and right difference quotients of ``f`` at ``a`` with step ``h > 0``.

    ``left = (f(a) - f(a - h)) / h`` is the slope of the secant to the left of ``a`` and
    ``right = (f(a + h) - f(a)) / h`` the slope to the right. As ``h -> 0`` they tend to
    the left and right derivatives when these exist; ``f`` is differentiable at ``a``
    exactly when both limits exist and are equal.

    Parameters
    ----------
    f : callable
        A function of one real variable.
    a : float
        The point.
    h : float
        The step, positive.

    Returns
    -------
    OneSided
        ``(left, right)``.

    Raises
    ------
    ValueError
        If ``h`` is not positive or ``a`` or ``h`` is not finite.

    Examples
    --------
    >>> one_sided_quotients(abs, 0.0, 1e-3)
    OneSided(left=-1.0, right=1.0)

    See :doc:`/chapters/02-derivative`.
    """
    a, h = real_number(a, "a"), real_number(h, "h", within="(0, inf)")
    # difference_quotient(f, a, -h) = (f(a - h) - f(a)) / (-h) = (f(a) - f(a - h)) / h;
    # adding 0.0 turns the -0.0 that equal values give (0.0 / -h) into 0.0.
    left = float(difference_quotient(f, a, -h)) + 0.0
    return OneSided(left, float(difference_quotient(f, a, h)))


def zoom_deviation(f: Callable, a: float, width: float, slope: float,
                   n: int = 401) -> float:
    """How far the graph of ``f`` is from a line, zoomed to ``width`` around ``a``.

    Zoom so that the window ``[a - width, a + width]`` fills the picture, horizontally
    and vertically alike (divide both coordinates by ``width``). The result is the
    largest vertical distance, in those zoomed units, between the graph and the line
    through ``(a, f(a))`` with the given slope:

    .. math:: \\max_{|t| \\le w} \\frac{|f(a + t) - f(a) - \\text{slope}\\cdot t|}{w}.

    If ``f`` is differentiable at ``a`` and ``slope = f'(a)`` this tends to 0 as ``width
    -> 0`` (the graph straightens); for ``|x|`` at 0 it is ``1 + |slope|`` at every
    width.

    Parameters
    ----------
    f : callable
        A vectorised function of one real variable.
    a : float
        The point.
    width : float
        Half-width of the window, positive.
    slope : float
        Slope of the line to compare with (usually ``f'(a)``).
    n : int
        Number of sample points in the window (at least 3).

    Returns
    -------
    float
        The deviation, in units of ``width``.

    Examples
    --------
    >>> round(zoom_deviation(lambda x: x**2, 1.0, 0.1, slope=2.0), 6)  # = width
    0.1
    >>> zoom_deviation(np.abs, 0.0, 1e-6, slope=0.0)
    1.0

    See :doc:`/chapters/02-derivative`.
    """
    a, slope = real_number(a, "a"), real_number(slope, "slope")
    width = real_number(width, "width", within="(0, inf)")
    n = whole_number(n, minimum=3)
    t = np.linspace(-width, width, n)
    values = real_values(f, a + t, shape=t.shape)  # f must be vectorised
    gap = np.abs(values - real_values(f, np.array(a), shape=()) - slope * t)
    return float(np.max(gap) / width)


class Change(NamedTuple):
    """The change of ``f`` for a step ``dx``: increment, differential and their gap."""

    delta_y: float | np.ndarray
    dy: float | np.ndarray
    gap: float | np.ndarray


def change_and_differential(
    f: Callable, fprime: Callable, x: float, dx: ArrayLike
) -> Change:
    """The increment ``Δy = f(x + dx) - f(x)``, the differential ``dy = f'(x) dx``, gap.

    The differential is the linear part of the change: ``Δy = dy + o(dx)``, so
    ``gap / dx -> 0`` as ``dx -> 0``; for a twice continuously differentiable ``f``,
    ``gap / dx**2 -> f''(x) / 2``.

    Parameters
    ----------
    f : callable
        A vectorised function of one real variable.
    fprime : callable
        Its derivative.
    x : float
        The point.
    dx : float or array
        The change in ``x`` (any sign, may be an array of steps).

    Returns
    -------
    Change
        ``(delta_y, dy, gap)``, floats for a float ``dx`` and arrays for an array.

    Examples
    --------
    >>> change_and_differential(lambda x: x**2, lambda x: 2 * x, 5.0, 0.5)
    Change(delta_y=5.25, dy=5.0, gap=0.25)

    See :doc:`/chapters/03-differentials`.
    """
    x, steps = real_number(x, "x"), real_array(dx, "dx")
    fx = real_values(f, np.array(x), shape=())
    delta_y = real_values(f, x + steps, shape=steps.shape) - fx
    dy = real_values(fprime, np.array(x), "fprime", shape=()) * steps
    gap = delta_y - dy
    if steps.ndim == 0:
        return Change(float(delta_y), float(dy), float(gap))
    return Change(delta_y, dy, gap)


def _odd(b: object) -> int:
    b = whole_number(b, "b", minimum=3)
    if b % 2 == 0:
        raise ValueError(f"b must be an odd integer >= 3, got {b!r}")
    return b


def _split(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Veltkamp's split ``x = hi + lo`` into two halves of 26 bits each."""
    c = 134217729.0 * x  # 2**27 + 1
    hi = c - (c - x)
    return hi, x - hi


def _phase(x: np.ndarray, k: int) -> np.ndarray:
    """``(k * x) mod 2`` for each float in ``x``, correct to rounding for any ``k * x``.

    For ``k < 2**53`` the product is computed error-free as ``p + e`` (Dekker's
    two-product), and ``p mod 2`` is exact in floating point; beyond that, exact integer
    arithmetic.
    """
    x = np.atleast_1d(x)
    out = np.empty_like(x)
    fast = np.abs(x) < 2.0**900 if k < 2**53 else np.zeros(x.shape, dtype=bool)
    if fast.any():
        xf, kf = x[fast], float(k)
        p = kf * xf
        (xh, xl), (kh, kl) = _split(xf), _split(np.array(kf))
        # the rounding error of k * x, exactly
        e = ((xh * kh - p) + xh * kl + xl * kh) + xl * kl
        out[fast] = np.mod(np.mod(p, 2.0) + e, 2.0)
    for i in np.flatnonzero(~fast):
        num, den = float(x[i]).as_integer_ratio()  # the float's exact value num / den
        out[i] = (k * num % (2 * den)) / den       # exact integers, one final rounding
    return out


def weierstrass(
    x: ArrayLike, n_terms: int, a: float = 0.5, b: int = 13
) -> float | np.ndarray:
    """The Weierstrass partial sum ``W_N(x) = sum_{n=0}^{N-1} a**n cos(b**n pi x)``.

    Each partial sum is smooth; the full series (``N -> infinity``) converges uniformly
    to a continuous function ``W``, with ``|W(x) - W_N(x)| <= a**N / (1 - a)``. With the
    classical conditions (see :func:`is_classical`) Weierstrass proved ``W``
    differentiable nowhere.

    Parameters
    ----------
    x : float or array
        Points (finite).
    n_terms : int
        Number of terms ``N`` (``N = 0`` gives 0).
    a : float
        Amplitude ratio, ``0 < a < 1``.
    b : int
        Frequency ratio, an odd integer ``>= 3``.

    Returns
    -------
    float or array
        ``W_N(x)``, a float for a float ``x``.

    Raises
    ------
    ValueError, TypeError
        For a non-finite ``x``, a negative ``n_terms``, or ``a``, ``b`` out of range.

    Examples
    --------
    >>> weierstrass(0.0, 3)           # 1 + 0.5 + 0.25
    1.75
    >>> weierstrass(1.0, 3)           # cos(pi), cos(13 pi), cos(169 pi) are all -1
    -1.75

    See :doc:`/chapters/02-derivative`.
    """
    a, b = real_number(a, "a", within="(0, 1)"), _odd(b)
    n_terms, arr = whole_number(n_terms, "n_terms"), real_array(x, "x")
    total = np.zeros(arr.size)
    flat = arr.ravel()
    for n in range(n_terms):
        # cos(b^n pi x), with the phase b^n x reduced mod 2 first
        total += a**n * np.cos(np.pi * _phase(flat, b**n))
    return float(total[0]) if arr.ndim == 0 else total.reshape(arr.shape)


def is_classical(a: float, b: int) -> bool:
    """Whether Weierstrass's conditions hold: ``0 < a < 1``, ``b`` odd, ab > 1 + 3π/2.

    Under these conditions Weierstrass (1872) proved ``W`` differentiable nowhere; Hardy
    (1916) later showed ``0 < a < 1 < b`` with ``ab >= 1`` is enough, with a harder
    proof.

    Parameters
    ----------
    a : float
        Amplitude ratio.
    b : int
        Frequency ratio.

    Returns
    -------
    bool
        False for any real ``a`` and integer ``b`` that break a condition (``a`` outside
        ``(0, 1)``, ``b`` even or below 3, ``ab`` too small).

    Raises
    ------
    TypeError
        If ``a`` is not a real number or ``b`` is not an integer.
    ValueError
        If ``a`` is not finite.

    Examples
    --------
    >>> is_classical(0.5, 13), is_classical(0.5, 3), is_classical(0.5, 12)
    (True, False, False)

    See :doc:`/chapters/02-derivative`.
    """
    a, b = real_number(a, "a"), whole_number(b, "b", minimum=None)
    return 0 < a < 1 and b >= 3 and b % 2 == 1 and a * b > 1 + 1.5 * math.pi


def weierstrass_steps(x: float, m: int, b: int = 13) -> tuple[float, float]:
    """The two steps ``(h_left, h_right)`` of Weierstrass's proof at ``x``, level ``m``.

    Let ``alpha`` be the integer nearest to ``b**m * x`` (so ``b**m x - alpha`` lies in
    ``[-1/2, 1/2)``). The proof compares ``W(x)`` with ``W`` at the neighbours ``(alpha
    - 1) / b**m`` and ``(alpha + 1) / b**m``; the steps to them satisfy ``-3 / (2 b**m)
    < h_left <= -1 / (2 b**m)`` and ``1 / (2 b**m) < h_right <= 3 / (2 b**m)``. At these
    steps the two difference quotients have opposite signs and sizes above
    :func:`weierstrass_bound` (when the conditions of :func:`is_classical` hold).

    Parameters
    ----------
    x : float
        The point.
    m : int
        The level, ``m >= 0``; the steps shrink like ``b**-m``.
    b : int
        Frequency ratio, an odd integer ``>= 3``.

    Returns
    -------
    tuple of float
        ``(h_left, h_right)``, computed exactly and rounded once.

    Examples
    --------
    >>> weierstrass_steps(0.0, 1)     # neighbours -1/13 and 1/13 of x = 0
    (-0.07692307692307693, 0.07692307692307693)

    See :doc:`/chapters/02-derivative`.
    """
    x, b, m = real_number(x, "x"), _odd(b), whole_number(m, "m")
    scale = b**m
    exact_x = Fraction(x)
    alpha = math.floor(exact_x * scale + Fraction(1, 2))
    return (float(Fraction(alpha - 1, scale) - exact_x),
            float(Fraction(alpha + 1, scale) - exact_x))


def weierstrass_bound(m: int, a: float = 0.5, b: int = 13) -> float:
    """Weierstrass's lower bound (ab)^m (2/3 - π/(ab - 1)) on the quotients at level m.

    Valid, and positive, under the conditions of :func:`is_classical`; it grows without
    bound as ``m`` grows, which is why ``W`` has no derivative anywhere.

    Raises
    ------
    ValueError
        If the classical conditions do not hold (Weierstrass's proof of the bound needs
        them).

    Examples
    --------
    >>> round(weierstrass_bound(1), 4)  # 6.5 * (2/3 - pi/5.5)
    0.6205

    See :doc:`/chapters/02-derivative`.
    """
    if not is_classical(a, b):
        raise ValueError(f"a = {a!r}, b = {b!r} break Weierstrass's conditions "
                         "(0 < a < 1, b an odd integer, ab > 1 + 3*pi/2)")
    ab = a * b
    return ab ** whole_number(m, "m") * (2 / 3 - math.pi / (ab - 1))
