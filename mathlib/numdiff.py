"""Numerical differentiation: finite differences, Richardson, complex step, gradient checks.

Chapter 5 derives each rule from Taylor's theorem; later chapters use :func:`gradient`,
:func:`jacobian` and :func:`check_grad` to test hand-derived gradients.

* Scalar rules take an elementwise ``f`` and a float or array ``x``; a float ``x`` gives a float.
* Vector rules take a 1-D array ``x``. Jacobians are in numerator layout, the book's convention:
  ``J[i, j] = ∂f_i/∂x_j``, one row per output and one column per input.
* Default steps balance truncation against round-off (ε = machine epsilon):
  ``h_i = ε**(1/3) * max(1, |x_i|)`` for first derivatives, ``ε**(1/4) * max(1, |x_i|)``
  for the Hessian. :func:`error_bound` and :func:`best_step` make that balance explicit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from mathlib._validate import real_array

__all__ = ["forward_diff", "backward_diff", "central_diff", "error_bound", "best_step",
           "richardson", "complex_step", "gradient", "jacobian", "hessian", "GradCheck",
           "check_grad", "RULES", "UNIT_ROUNDOFF"]

ArrayLike = float | np.ndarray
RULES = ("forward", "backward", "central")
UNIT_ROUNDOFF = np.finfo(float).eps / 2  # relative error of one correctly rounded result


def _positive_step(h: object) -> np.ndarray:
    h = real_array(h, "h")
    if np.any(h <= 0):
        raise ValueError(f"h must be > 0, got {h}")
    return h


def _value(f: Callable, x: np.ndarray, shape: tuple | None = None) -> np.ndarray:
    """Evaluate ``f(x)``; check that it is real, finite and, if given, of ``shape``."""
    if not callable(f):
        raise TypeError(f"f must be callable, got {f!r}")
    y = np.asarray(f(x.copy()))
    if y.dtype.kind not in "iuf":
        raise TypeError(f"f must return real numbers, got dtype {y.dtype} at x = {x}")
    if not np.all(np.isfinite(y)):
        raise ValueError(f"f returned a non-finite value {y} at x = {x}")
    if shape is not None and y.shape != shape:
        raise ValueError(f"f(x) has shape {y.shape}, expected {shape}")
    return y.astype(float)


def _elementwise(f: Callable, x: np.ndarray) -> np.ndarray:
    return _value(f, x, shape=x.shape)


def _float_or_array(y: np.ndarray) -> ArrayLike:
    return float(y) if y.ndim == 0 else y


def _vector(x: object) -> np.ndarray:
    x = real_array(x, "x")
    if x.ndim != 1 or x.size == 0:
        raise ValueError(f"x must be a non-empty 1-D array, got shape {x.shape}")
    return x


def _steps(h: object, x: np.ndarray, power: float) -> np.ndarray:
    """One step per coordinate: the given ``h`` or ``ε**power * max(1, |x_i|)``."""
    if h is None:
        return np.finfo(float).eps ** power * np.maximum(1.0, np.abs(x))
    h = _positive_step(h)
    if h.ndim != 0 and h.shape != x.shape:
        raise ValueError(f"h must be a number or have the shape of x {x.shape}, got {h.shape}")
    return np.broadcast_to(h, x.shape)


def _unit(x: np.ndarray, i: int, step: float) -> np.ndarray:
    e = np.zeros_like(x)
    e[i] = step
    return e


def forward_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> ArrayLike:
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

    See chapter 5.
    """
    x, h = real_array(x, "x"), _positive_step(h)
    return _float_or_array((_elementwise(f, x + h) - _elementwise(f, x)) / h)


def backward_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> ArrayLike:
    """Backward difference ``(f(x) - f(x - h)) / h``: error ``-f''(x) h / 2 + O(h²)``.

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
    >>> round(backward_diff(lambda x: x**2, 3.0, 1e-3), 6)
    5.999

    See chapter 5.
    """
    x, h = real_array(x, "x"), _positive_step(h)
    return _float_or_array((_elementwise(f, x) - _elementwise(f, x - h)) / h)


def central_diff(f: Callable, x: ArrayLike, h: ArrayLike) -> ArrayLike:
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

    See chapter 5.
    """
    x, h = real_array(x, "x"), _positive_step(h)
    return _float_or_array((_elementwise(f, x + h) - _elementwise(f, x - h)) / (2 * h))

def _rule(rule: object) -> str:
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    return rule


def _size(value: object, name: str, positive: bool = False) -> float:
    """A finite real number >= 0 (> 0 if ``positive``), as a float."""
    arr = real_array(value, name)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a single number, got shape {arr.shape}")
    if arr < 0 or (positive and arr == 0):
        raise ValueError(f"{name} must be {'> 0' if positive else '>= 0'}, got {float(arr)}")
    return float(arr)


def error_bound(rule: str, h: ArrayLike, f_size: float, deriv_size: float,
                delta: float = UNIT_ROUNDOFF) -> ArrayLike:
    """Truncation error plus round-off error of a difference quotient, as a bound.

    Each computed value of ``f`` is assumed off by at most ``delta * f_size``.

    * forward or backward: ``deriv_size * h / 2 + 2 * delta * f_size / h``,
      with ``deriv_size = |f''(x)|``;
    * central: ``deriv_size * h**2 / 6 + delta * f_size / h``, with ``deriv_size = |f'''(x)|``.

    Parameters
    ----------
    rule : {"forward", "backward", "central"}
        The difference quotient.
    h : float or ndarray
        Step(s) > 0.
    f_size : float
        Size of the values, ``|f(x)|``, >= 0.
    deriv_size : float
        ``|f''(x)|`` for the one-sided rules, ``|f'''(x)|`` for the central rule, >= 0.
    delta : float, default ε_mach / 2
        Relative error of one evaluation of ``f``, > 0.

    Returns
    -------
    float or ndarray
        The bound, one value per step.

    Examples
    --------
    >>> f"{error_bound('central', 1e-5, 1.0, 1.0):.2e}"
    '2.78e-11'

    See chapter 5.
    """
    rule, h = _rule(rule), _positive_step(h)
    f_size, deriv_size = _size(f_size, "f_size"), _size(deriv_size, "deriv_size")
    delta = _size(delta, "delta", positive=True)
    if rule == "central":
        bound = deriv_size * h**2 / 6 + delta * f_size / h  # truncation + round-off
    else:
        bound = deriv_size * h / 2 + 2 * delta * f_size / h
    return _float_or_array(bound)


def best_step(rule: str, f_size: float, deriv_size: float,
              delta: float = UNIT_ROUNDOFF) -> float:
    """The step that minimises :func:`error_bound`: where truncation meets round-off.

    * forward or backward: ``h* = 2 * sqrt(delta * f_size / deriv_size)``, about
      ``1.4 * sqrt(ε_mach)`` when ``|f / f''| = 1``;
    * central: ``h* = (3 * delta * f_size / deriv_size) ** (1/3)``, about
      ``1.1 * ε_mach ** (1/3)`` when ``|f / f'''| = 1``.

    Parameters
    ----------
    rule : {"forward", "backward", "central"}
        The difference quotient.
    f_size : float
        ``|f(x)|``, > 0.
    deriv_size : float
        ``|f''(x)|`` for the one-sided rules, ``|f'''(x)|`` for the central rule, > 0.
    delta : float, default ε_mach / 2
        Relative error of one evaluation of ``f``, > 0.

    Returns
    -------
    float
        The best step ``h*``.

    Examples
    --------
    >>> f"{best_step('forward', 1.0, 1.0):.2e}", f"{best_step('central', 1.0, 1.0):.2e}"
    ('2.11e-08', '6.93e-06')

    See chapter 5.
    """
    rule = _rule(rule)
    f_size = _size(f_size, "f_size", positive=True)
    deriv_size = _size(deriv_size, "deriv_size", positive=True)
    delta = _size(delta, "delta", positive=True)
    if rule == "central":
        return float((3 * delta * f_size / deriv_size) ** (1 / 3))  # d/dh of the bound = 0
    return float(2 * np.sqrt(delta * f_size / deriv_size))


def richardson(f: Callable, x: ArrayLike, h: ArrayLike, levels: int = 1) -> ArrayLike:
    """Richardson extrapolation of central differences, error ``O(h**(2 * levels + 2))``.

    The central difference is ``D(h) = f'(x) + c₂ h² + c₄ h⁴ + ...``, so
    ``(4 D(h/2) - D(h)) / 3`` cancels the ``h²`` term; each level cancels one more power.

    Parameters
    ----------
    f : callable
        Elementwise real function.
    x, h : float or ndarray
        Point(s), and largest step(s) > 0; the table uses ``h, h/2, ..., h / 2**levels``.
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

    See chapter 5.
    """
    if isinstance(levels, bool) or not isinstance(levels, int | np.integer) or levels < 0:
        raise ValueError(f"levels must be an integer >= 0, got {levels!r}")
    h = _positive_step(h)
    table = [central_diff(f, x, h / 2**k) for k in range(levels + 1)]
    for j in range(1, levels + 1):
        c = 4**j  # (c D(h/2) - D(h)) / (c - 1) cancels the h**(2j) term of the error
        table = [(c * table[k + 1] - table[k]) / (c - 1) for k in range(len(table) - 1)]
    return table[0]


def complex_step(f: Callable, x: ArrayLike, h: float = 1e-20) -> ArrayLike:
    """Complex-step derivative ``Im f(x + ih) / h``: no subtraction, so no cancellation.

    Since ``f(x + ih) = f(x) + ih f'(x) - h² f''(x) / 2 + ...``, the imaginary part over
    ``h`` is ``f'(x) + O(h²)``, and ``h`` can be tiny without round-off error.

    Parameters
    ----------
    f : callable
        Real-analytic elementwise function built from operations that accept complex
        numbers (``np.sin``, ``**``, ``np.exp``; not ``abs``, ``np.maximum``, ``math.sin``).
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

    See chapter 5.
    """
    x, h = real_array(x, "x"), _positive_step(h)
    if not callable(f):
        raise TypeError(f"f must be callable, got {f!r}")
    y = np.asarray(f(x + 1j * h))
    if y.dtype.kind != "c":
        raise TypeError(
            "f returned real values for a complex input, so the complex step "
            "cannot see the derivative: build f from complex-safe operations"
        )
    if y.shape != np.broadcast(x, h).shape or not np.all(np.isfinite(y)):
        raise ValueError(f"f(x + ih) must be finite with the shape of x, got {y}")
    return _float_or_array(y.imag / h)


def gradient(f: Callable, x: np.ndarray, h: ArrayLike | None = None) -> np.ndarray:
    """Gradient of a scalar function of a vector, by central differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a 1-D array ``x``.
    x : array_like, shape (n,)
        Point.
    h : float or ndarray of shape (n,), optional
        Step(s) > 0; default ``ε**(1/3) * max(1, |x_i|)``.

    Returns
    -------
    ndarray, shape (n,)
        ``g[i] ≈ ∂f/∂x_i``, error O(h²).

    Examples
    --------
    >>> gradient(lambda x: x[0]**2 + 3*x[1], [1.0, 2.0]).round(6)
    array([2., 3.])

    See chapter 5.
    """
    x = _vector(x)
    h = _steps(h, x, 1 / 3)
    g = np.empty_like(x)
    for i in range(x.size):
        e = _unit(x, i, h[i])
        g[i] = (_value(f, x + e, ()) - _value(f, x - e, ())) / (2 * h[i])
    return g


def jacobian(f: Callable, x: np.ndarray, h: ArrayLike | None = None) -> np.ndarray:
    """Jacobian of a vector function by central differences, in numerator layout.

    Parameters
    ----------
    f : callable
        ``f(x) -> ndarray of shape (m,)`` for a 1-D array ``x`` of shape (n,).
    x : array_like, shape (n,)
        Point.
    h : float or ndarray of shape (n,), optional
        Step(s) > 0; default ``ε**(1/3) * max(1, |x_j|)``.

    Returns
    -------
    ndarray, shape (m, n)
        ``J[i, j] ≈ ∂f_i/∂x_j``: row ``i`` is the gradient of output ``i``.

    Examples
    --------
    >>> import numpy as np
    >>> jacobian(lambda x: np.array([x[0] * x[1], x[0]]), [2.0, 5.0]).round(6)
    array([[5., 2.],
           [1., 0.]])

    See chapter 5.
    """
    x = _vector(x)
    h = _steps(h, x, 1 / 3)
    shape = _value(f, x).shape
    if len(shape) != 1:
        raise ValueError(f"f must return a 1-D array (use gradient for a scalar f), got {shape}")
    J = np.empty((shape[0], x.size))
    for j in range(x.size):
        e = _unit(x, j, h[j])
        J[:, j] = (_value(f, x + e, shape) - _value(f, x - e, shape)) / (2 * h[j])  # ∂f/∂x_j
    return J


def hessian(f: Callable, x: np.ndarray, h: ArrayLike | None = None) -> np.ndarray:
    """Hessian of a scalar function of a vector, by central second differences.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a 1-D array ``x``.
    x : array_like, shape (n,)
        Point.
    h : float or ndarray of shape (n,), optional
        Step(s) > 0; default ``ε**(1/4) * max(1, |x_i|)``.

    Returns
    -------
    ndarray, shape (n, n)
        Symmetric ``H[i, j] ≈ ∂²f/∂x_i∂x_j``, error O(h²).

    Examples
    --------
    >>> hessian(lambda x: x[0]**2 * x[1], [1.0, 2.0]).round(4)
    array([[4., 2.],
           [2., 0.]])

    See chapter 5.
    """
    x = _vector(x)
    h = _steps(h, x, 1 / 4)
    fx = _value(f, x, ())
    H = np.empty((x.size, x.size))
    for i in range(x.size):
        ei = _unit(x, i, h[i])
        # (f(x + h e_i) - 2 f(x) + f(x - h e_i)) / h²
        H[i, i] = (_value(f, x + ei, ()) - 2 * fx + _value(f, x - ei, ())) / h[i] ** 2
        for j in range(i + 1, x.size):
            ej = _unit(x, j, h[j])
            # (f(++) - f(+-) - f(-+) + f(--)) / (4 h_i h_j)
            corners = (
                _value(f, x + ei + ej, ())
                - _value(f, x + ei - ej, ())
                - _value(f, x - ei + ej, ())
                + _value(f, x - ei - ej, ())
            )
            H[i, j] = H[j, i] = corners / (4 * h[i] * h[j])
    return H


class GradCheck(NamedTuple):
    """Result of :func:`check_grad`: the relative error and both gradients.

    >>> check_grad(lambda x: x @ x, lambda x: 2 * x, [3.0]).analytic
    array([6.])

    See chapter 5.
    """

    rel_error: float  # ‖numeric − analytic‖ / (‖numeric‖ + ‖analytic‖)
    numeric: np.ndarray  # central-difference gradient
    analytic: np.ndarray  # grad(x), the gradient under test


def check_grad(f: Callable, grad: Callable, x: np.ndarray, h: ArrayLike | None = None) -> GradCheck:
    """Compare a hand-written gradient with central differences, by relative error.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a 1-D array ``x``.
    grad : callable
        ``grad(x) -> ndarray`` of the shape of ``x``: the gradient under test.
    x : array_like, shape (n,)
        Point.
    h : float or ndarray of shape (n,), optional
        Step(s) for :func:`gradient`.

    Returns
    -------
    GradCheck
        ``(rel_error, numeric, analytic)`` with ``rel_error = ‖g_num − g‖ / max(‖g_num‖ + ‖g‖,
        tiny)``: below about 1e-7 the gradient is right; a missing factor of 2 gives 1/3.

    Examples
    --------
    >>> check_grad(lambda x: x @ x, lambda x: 2 * x, [1.0, -2.0]).rel_error < 1e-7
    True
    >>> round(check_grad(lambda x: x @ x, lambda x: x, [1.0, -2.0]).rel_error, 6)
    0.333333

    See chapter 5.
    """
    if not callable(grad):
        raise TypeError(f"grad must be callable, got {grad!r}")
    x = _vector(x)
    numeric = gradient(f, x, h)
    analytic = real_array(grad(x.copy()), "grad(x)")
    if analytic.shape != x.shape:
        raise ValueError(f"grad(x) has shape {analytic.shape}, expected the shape of x {x.shape}")
    scale = max(np.linalg.norm(numeric) + np.linalg.norm(analytic), np.finfo(float).tiny)
    return GradCheck(float(np.linalg.norm(numeric - analytic) / scale), numeric, analytic)
