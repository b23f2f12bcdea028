"""Central differences for the autodiff tests: an independent reference, written here.

Kept local to the tests on purpose (mathlib.numdiff is developed separately and is itself
under test); each function evaluates the NumPy function twice per coordinate.
"""

from __future__ import annotations

import numpy as np


def numerical_gradient(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Gradient of a scalar function f at x by central differences, (f(x+h) - f(x-h)) / 2h."""
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = float(f(x))
        x[i] = old - h
        down = float(f(x))
        x[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def numerical_jacobian(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Jacobian of f at x by central differences, shape f(x).shape + x.shape."""
    x = np.array(x, dtype=float)
    y0 = np.array(f(x), dtype=float)  # copies: f may return x itself
    jac = np.zeros(y0.shape + x.shape)
    for j in np.ndindex(x.shape):
        old = x[j]
        x[j] = old + h
        up = np.array(f(x), dtype=float)
        x[j] = old - h
        down = np.array(f(x), dtype=float)
        x[j] = old
        jac[(Ellipsis, *j)] = (up - down) / (2 * h)
    return jac
