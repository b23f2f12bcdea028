"""Numerical differentiation: finite differences, Richardson, complex step, gradient checks.

:doc:`/chapters/05-numerical-differentiation` derives each rule from Taylor's theorem;
later chapters use :func:`gradient`, :func:`jacobian` and :func:`check_grad` to test
hand-derived gradients, and :func:`observed_order` to measure how fast an error shrinks.

* Scalar rules take an elementwise ``f`` and a float or array ``x``; a float ``x`` gives
  a float.
* :func:`gradient`, :func:`jacobian` and :func:`hessian` (from :mod:`mathlib.numgrad`)
  take an ``x`` of any shape. Jacobians are in numerator layout, the book's convention:
  ``J[i, j] = ∂f_i/∂x_j``, one row per output and one column per input.
* :func:`error_estimate` and :func:`best_step` make explicit the balance of truncation
  against round-off that the default steps strike; ``u`` is the unit round-off
  ``ε_mach / 2`` (the book's notation, :doc:`/backmatter/notation`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import (
    function,
    real_array,
    real_number,
    real_values,
    whole_number,
)
from mathlib.numgrad import gradient, hessian, jacobian

__all__ = [
    "RULES", "UNIT_ROUNDOFF", "GradCheck", "backward_diff", "best_step", "central_diff",
    "check_grad", "complex_step", "error_estimate", "forward_diff", "gradient", "hessian",
    "jacobian", "observed_order", "richardson",
]

RULES = ("forward", "backward", "central")
UNIT_ROUNDOFF = np.finfo(float).eps / 2  # u: relative error of a correctly rounded result


def _step(h: object) -> np.ndarray:
    return real_array(h, "h", within="(0, inf)")


def _elementwise(f: Callable, x: np.ndarray) -> np.ndarray:
    """f(x), checked to be real, finite and of the shape of x."""
    return real_values(f, x, shape=x.shape)


def _float_or_array(y: np.ndarray) -> float | np.ndarray:
    return float(y) if y.ndim == 0 else y


def forward_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> float | np.ndarray:
    """Forward difference ``(f(x + h) - f(x)) / h``: error ``f''(x) h / 2 + O(h²)``.

    Parameters
    ----------
    f : callable
        Elementwise real function: ``f(x)`` has the shape of ``x``.
    x, h : float or ndarray
        Point(s), and step(s) > 0; an array of steps broadcasts against ``x``.

    Returns
    -------
    float or ndarray
        The approximation of ``f'(x)``.

    Examples
    --------
    >>> round(forward_diff(lambda x: x**2, 3.0, 1e-3), 6)
    6.001

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    x, h = real_array(x, "x"), _step(h)
    return _float_or_array((_elementwise(f, x + h) - _elementwise(f, x)) / h)


def backward_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> float | np.ndarray:
    """Backward difference ``(f(x) - f(x - h)) / h``: error ``-f''(x) h / 2 + O(h²)``.

    The mirror image of :func:`forward_diff`, with the same parameters and result: it
    looks only to the left of ``x``.

    >>> round(backward_diff(lambda x: x**2, 3.0, 1e-3), 6)
    5.999

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    x, h = real_array(x, "x"), _step(h)
    return _float_or_array((_elementwise(f, x) - _elementwise(f, x - h)) / h)


def central_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> float | np.ndarray:
    """Central difference ``(f(x + h) - f(x - h)) / 2h``: error ``f'''(x) h² / 6 + O(h⁴)``.

    Parameters
    ----------
    f : callable
        Elementwise real function: ``f(x)`` has the shape of ``x``.
    x, h : float or ndarray
        Point(s), and step(s) > 0; an array of steps broadcasts against ``x``.

    Returns
    -------
    float or ndarray
        The approximation of ``f'(x)``.

    Examples
    --------
    >>> round(central_diff(lambda x: x**2, 3.0, 1e-3), 9)
    6.0

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    x, h = real_array(x, "x"), _step(h)
    return _float_or_array((_elementwise(f, x + h) - _elementwise(f, x - h)) / (2 * h))


def _rule(rule: object) -> str:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rule


def error_estimate(rule: str, h: ArrayLike, f_size: float, deriv_size: float,
                   u: float = UNIT_ROUNDOFF) -> float | np.ndarray:
    """The error estimate E(h) of a difference quotient: truncation plus round-off.

    The round-off model: each computed value of ``f`` is off by at most a relative ``u``,
    and the rest of the computation (the step, the subtraction, the division) is exact.

    * forward or backward: ``deriv_size * h / 2 + 2 * u * f_size / h``, with
      ``deriv_size = |f''|``;
    * central: ``deriv_size * h**2 / 6 + u * f_size / h``, with ``deriv_size =
      |f'''|``.

    With the sizes at ``x`` itself, the usual use, E(h) is the leading-order estimate of
    the error that :func:`best_step` minimises; the error can exceed it a little where
    truncation dominates. With ``f_size >= |f|`` and ``deriv_size`` at least the size of
    that derivative on the whole interval the quotient uses, E(h) is a bound on the
    error (under the model).

    Parameters
    ----------
    rule : {"forward", "backward", "central"}
        The difference quotient.
    h : float or ndarray
        Step(s) > 0.
    f_size : float
        Size of the values, ``|f|``, >= 0.
    deriv_size : float
        ``|f''|`` for the one-sided rules, ``|f'''|`` for the central rule, >= 0.
    u : float, default ε_mach / 2 (the unit round-off)
        Relative error of one evaluation of ``f``, > 0.

    Returns
    -------
    float or ndarray
        E(h), one value per step.

    Examples
    --------
    >>> f"{error_estimate('central', 1e-5, 1.0, 1.0):.2e}"
    '2.78e-11'

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    rule, h = _rule(rule), _step(h)
    f_size = real_number(f_size, "f_size", within="[0, inf)")
    deriv_size = real_number(deriv_size, "deriv_size", within="[0, inf)")
    u = real_number(u, "u", within="(0, inf)")
    if rule == "central":
        estimate = deriv_size * h**2 / 6 + u * f_size / h  # truncation + round-off
    else:
        estimate = deriv_size * h / 2 + 2 * u * f_size / h
    return _float_or_array(estimate)


def best_step(rule: str, f_size: float, deriv_size: float,
              u: float = UNIT_ROUNDOFF) -> float:
    """The step that minimises :func:`error_estimate`: where truncation meets round-off.

    * forward or backward: ``h* = 2 * sqrt(u * f_size / deriv_size)``, that is
      ``sqrt(2 * ε_mach)``, about ``1.4 * sqrt(ε_mach)``, when ``|f / f''| = 1``;
    * central: ``h* = (3 * u * f_size / deriv_size) ** (1/3)``, that is
      ``(1.5 * ε_mach) ** (1/3)``, about ``1.1 * ε_mach ** (1/3)``, when
      ``|f / f'''| = 1``.

    Parameters
    ----------
    rule : {"forward", "backward", "central"}
        The difference quotient.
    f_size : float
        ``|f(x)|``, > 0.
    deriv_size : float
        ``|f''(x)|`` for the one-sided rules, ``|f'''(x)|`` for the central rule, > 0.
    u : float, default ε_mach / 2 (the unit round-off)
        Relative error of one evaluation of ``f``, > 0.

    Returns
    -------
    float
        The best step ``h*``.

    Examples
    --------
    >>> f"{best_step('forward', 1.0, 1.0):.2e}", f"{best_step('central', 1.0, 1.0):.2e}"
    ('2.11e-08', '6.93e-06')

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    rule = _rule(rule)
    f_size = real_number(f_size, "f_size", within="(0, inf)")
    deriv_size = real_number(deriv_size, "deriv_size", within="(0, inf)")
    u = real_number(u, "u", within="(0, inf)")
    if rule == "central":
        return float((3 * u * f_size / deriv_size) ** (1 / 3))  # where E'(h) = 0
    return float(2 * np.sqrt(u * f_size / deriv_size))


def richardson(
    f: Callable, x: ArrayLike, h: ArrayLike, levels: int = 1
) -> float | np.ndarray:
    """Richardson extrapolation of central differences, error ``O(h**(2 * levels + 2))``.

    The central difference is ``D(h) = f'(x) + c₂ h² + c₄ h⁴ + ...``, so ``(4 D(h/2) -
    D(h)) / 3`` cancels the ``h²`` term; each level cancels one more power.

    Parameters
    ----------
    f : callable
        Elementwise real function.
    x, h : float or ndarray
        Point(s), and largest step(s) > 0; the table uses ``h, h/2, ..., h /
        2**levels``.
    levels : int, default 1
        Number of extrapolation steps, >= 0 (0 is the plain central difference).

    Returns
    -------
    float or ndarray
        The approximation of ``f'(x)``.

    Examples
    --------
    >>> import numpy as np
    >>> [round(richardson(np.sin, 1.0, 0.1, levels=k), 10) for k in (0, 1, 2)]
    [0.5394022522, 0.5403021933, 0.5403023059]
    >>> round(float(np.cos(1.0)), 10)
    0.5403023059

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    levels, h = whole_number(levels, "levels"), _step(h)
    table = [central_diff(f, x, h / 2**k) for k in range(levels + 1)]
    for j in range(1, levels + 1):
        c = 4**j  # (c D(h/2) - D(h)) / (c - 1) cancels the h**(2j) term of the error
        table = [(c * table[k + 1] - table[k]) / (c - 1) for k in range(len(table) - 1)]
    return table[0]


def complex_step(f: Callable, x: ArrayLike, h: float = 1e-20) -> float | np.ndarray:
    """Complex-step derivative ``Im f(x + ih) / h``: no subtraction, so no cancellation.

    Since ``f(x + ih) = f(x) + ih f'(x) - h² f''(x) / 2 + ...``, the imaginary part over
    ``h`` is ``f'(x) + O(h²)``, and ``h`` can be tiny without round-off error.

    Parameters
    ----------
    f : callable
        Real-analytic elementwise function built from operations that accept complex
        numbers (``np.sin``, ``**``, ``np.exp``; not ``abs``, ``np.maximum``,
        ``math.sin``).
    x : float or ndarray
        Real point(s).
    h : float, default 1e-20
        Imaginary step, > 0.

    Returns
    -------
    float or ndarray
        The approximation of ``f'(x)``, usually exact to machine precision.

    Examples
    --------
    >>> import numpy as np
    >>> abs(complex_step(np.exp, 1.0) - np.e) < 1e-15
    True

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    x, h = real_array(x, "x"), _step(h)
    y = np.asarray(function(f)(x + 1j * h))  # the one place f sees complex numbers
    if y.dtype.kind != "c":
        raise TypeError(
            "f returned real values for a complex input, so the complex step "
            "cannot see the derivative: build f from complex-safe operations"
        )
    if y.shape != np.broadcast(x, h).shape or not np.all(np.isfinite(y)):
        raise ValueError(f"f(x + ih) must be finite with the shape of x, got {y}")
    return _float_or_array(y.imag / h)


def observed_order(
    h: ArrayLike, errors: ArrayLike, pairwise: bool = False
) -> float | np.ndarray:
    """The order p of an error that behaves like C hᵖ, measured on a log–log plot.

    For ``error ≈ C hᵖ``, ``log(error) = log C + p log h``: the slope of log(error)
    against log(h) is the order (1 for the forward difference, 2 for the central one).

    Parameters
    ----------
    h : array_like
        Two or more distinct step sizes (or grid widths, or 1/n), all > 0.
    errors : array_like
        The error at each step, all > 0.
    pairwise : bool, default False
        Return the slope between each pair of neighbours instead of one fit: it shows
        where the order holds, and where round-off takes over.

    Returns
    -------
    float or numpy.ndarray
        The least-squares slope of log(errors) against log(h); with ``pairwise``, the
        ``len(h) - 1`` slopes ``log(e[i+1] / e[i]) / log(h[i+1] / h[i])``.

    Examples
    --------
    >>> h = np.array([0.1, 0.05, 0.025])
    >>> round(observed_order(h, 3 * h**2), 12)
    2.0
    >>> observed_order(h, np.exp(h) - 1, pairwise=True).round(3)
    array([1.037, 1.018])

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    log_h = np.log(real_array(h, "h", within="(0, inf)", ndim=1))
    log_e = np.log(real_array(errors, "errors", within="(0, inf)", ndim=1))
    if log_h.size != log_e.size or log_h.size < 2:
        raise ValueError(f"need two or more steps and one error per step, got "
                         f"{log_h.size} steps and {log_e.size} errors")
    if np.unique(log_h).size != log_h.size:
        raise ValueError("the steps h must be distinct")
    if pairwise:
        return np.diff(log_e) / np.diff(log_h)
    return float(np.polyfit(log_h, log_e, 1)[0])


class GradCheck(NamedTuple):
    """Result of :func:`check_grad`: the relative error and both gradients.

    >>> check_grad(lambda x: x @ x, lambda x: 2 * x, [3.0]).analytic
    array([6.])

    See :doc:`/chapters/05-numerical-differentiation`.
    """

    rel_error: float  # ‖numeric − analytic‖ / (‖numeric‖ + ‖analytic‖)
    numeric: np.ndarray  # central-difference gradient
    analytic: np.ndarray  # grad(x), the gradient under test


def check_grad(
    f: Callable, grad: Callable, x: ArrayLike, h: ArrayLike | None = None
) -> GradCheck:
    """Compare a hand-written gradient with central differences, by relative error.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for an array ``x`` (any shape).
    grad : callable
        ``grad(x) -> ndarray`` of the shape of ``x``: the gradient under test.
    x : array_like
        Point.
    h : float or array_like, optional
        Step(s) for :func:`gradient`.

    Returns
    -------
    GradCheck
        ``(rel_error, numeric, analytic)`` with ``rel_error = ‖g_num − g‖ / max(‖g_num‖
        + ‖g‖, tiny)``: below about 1e-7 the gradient is right; a missing factor of 2
        gives 1/3.

    Examples
    --------
    >>> check_grad(lambda x: x @ x, lambda x: 2 * x, [1.0, -2.0]).rel_error < 1e-7
    True
    >>> round(check_grad(lambda x: x @ x, lambda x: x, [1.0, -2.0]).rel_error, 6)
    0.333333

    See :doc:`/chapters/05-numerical-differentiation`.
    """
    x = real_array(x, "x")
    numeric = np.asarray(gradient(f, x, h))
    analytic = real_values(grad, x, "grad", shape=x.shape)
    scale = max(np.linalg.norm(numeric) + np.linalg.norm(analytic), np.finfo(float).tiny)
    return GradCheck(float(np.linalg.norm(numeric - analytic) / scale), numeric, analytic)
