"""Central differences on arrays of any shape, for the autodiff tests.

mathlib.numdiff works on vectors; these adapters flatten an array argument so that the tests
can compare a gradient or Jacobian of matrix-shaped inputs with finite differences.
"""

from __future__ import annotations

import numpy as np

from mathlib import numdiff


def numerical_gradient(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Gradient of a scalar function f at x (any shape), by central differences."""
    x = np.array(x, dtype=float)
    flat = numdiff.gradient(lambda v: float(f(v.reshape(x.shape))), x.ravel(), h=h)
    return flat.reshape(x.shape)


def numerical_jacobian(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Jacobian of f at x, of shape f(x).shape + x.shape, by central differences."""
    x = np.array(x, dtype=float)
    out_shape = np.shape(f(x.copy()))
    flat = numdiff.jacobian(lambda v: np.ravel(f(v.reshape(x.shape))), x.ravel(), h=h)
    return flat.reshape(out_shape + x.shape)
