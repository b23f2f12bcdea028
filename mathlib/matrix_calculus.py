"""Matrix calculus: vec, Kronecker products, layouts and numerical checks of identities.

:doc:`/chapters/09-matrix-calculus` derives the identities of matrix calculus; this
module holds the few tools that make them computable and checkable:

* :func:`vec` and :func:`unvec` stack the columns of a matrix (column-major order, the
  convention of ``vec(AXB) = (Bᵀ ⊗ A) vec(X)``), :func:`kron` is the Kronecker product
  from its definition, and :func:`sandwich_jacobian` is the Jacobian ``Bᵀ ⊗ A`` of
  ``X ↦ AXB``;
* :func:`vec_jacobian` turns a Jacobian of shape ``out_shape + in_shape`` (what
  :func:`mathlib.numgrad.jacobian` returns) into the matrix ``∂vec(Y)/∂vec(X)``, and
  :func:`swap_layout` converts between numerator layout (the book's) and denominator
  layout;
* :func:`check_identity` compares a claimed gradient or Jacobian formula with central
  differences on random instances, by relative error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import generator, real_array, real_values, whole_number
from mathlib.numgrad import jacobian

__all__ = [
    "IdentityCheck", "check_identity", "kron", "sandwich_jacobian", "swap_layout",
    "unvec", "vec", "vec_jacobian",
]


def _matrix(a: ArrayLike, name: str) -> np.ndarray:
    return real_array(a, name, ndim=2)


def vec(X: ArrayLike) -> np.ndarray:
    """Stack the columns of a matrix into one vector (column-major order).

    NumPy's ``X.reshape(-1)`` and ``X.ravel()`` stack the *rows* (row-major
    order) and give ``vec(Xᵀ)`` instead; ``vec(X)`` is
    ``X.reshape(-1, order="F")``.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The matrix.

    Returns
    -------
    numpy.ndarray of shape (m * n,)
        ``X[:, 0]``, then ``X[:, 1]``, ..., then ``X[:, n - 1]``.

    Examples
    --------
    >>> X = np.array([[1, 2, 3], [4, 5, 6]])
    >>> vec(X)
    array([1., 4., 2., 5., 3., 6.])
    >>> X.reshape(-1)          # row-major: not vec(X)
    array([1, 2, 3, 4, 5, 6])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    return _matrix(X, "X").reshape(-1, order="F")


def unvec(v: ArrayLike, shape: tuple[int, int]) -> np.ndarray:
    """Undo :func:`vec`: fill a matrix of the given shape column by column.

    Parameters
    ----------
    v : array_like of shape (m * n,)
        A vector made by :func:`vec`.
    shape : tuple (m, n)
        The shape of the matrix.

    Returns
    -------
    numpy.ndarray of shape (m, n)

    Examples
    --------
    >>> unvec([1, 4, 2, 5, 3, 6], (2, 3))
    array([[1., 2., 3.],
           [4., 5., 6.]])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    v = real_array(v, "v", ndim=1)
    if not isinstance(shape, tuple | list) or len(shape) != 2:
        raise ValueError(f"shape must be two positive integers (m, n), got {shape!r}")
    m, n = (whole_number(s, "shape", minimum=1) for s in shape)
    if v.size != m * n:
        raise ValueError(f"v has {v.size} entries, a {m}x{n} matrix needs {m * n}")
    return v.reshape((m, n), order="F")


def kron(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Kronecker product ``A ⊗ B``: the block matrix of blocks ``a_ij B``.

    Parameters
    ----------
    A : array_like of shape (m, n)
    B : array_like of shape (p, q)

    Returns
    -------
    numpy.ndarray of shape (m * p, n * q)
        Entry ``(i p + k, j q + l)`` is ``A[i, j] * B[k, l]``.

    Examples
    --------
    >>> kron([[1, 2]], [[1], [10]])
    array([[ 1.,  2.],
           [10., 20.]])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    A, B = _matrix(A, "A"), _matrix(B, "B")
    (m, n), (p, q) = A.shape, B.shape
    # blocks[i, k, j, l] = a_ij b_kl: row i p + k, column j q + l of A ⊗ B
    blocks = A[:, None, :, None] * B[None, :, None, :]
    return blocks.reshape(m * p, n * q)


def sandwich_jacobian(A: ArrayLike, B: ArrayLike) -> np.ndarray:
    """Jacobian of ``X ↦ AXB`` in vec coordinates: ``∂vec(AXB)/∂vec(X) = Bᵀ ⊗ A``.

    The map is linear, so this matrix ``M`` satisfies ``vec(AXB) = M vec(X)`` for every
    ``X`` of shape ``(A.shape[1], B.shape[0])``.

    Parameters
    ----------
    A : array_like of shape (m, n)
    B : array_like of shape (p, q)

    Returns
    -------
    numpy.ndarray of shape (m * q, n * p)

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> A, X = rng.normal(size=(2, 3)), rng.normal(size=(3, 4))
    >>> B = rng.normal(size=(4, 5))
    >>> np.allclose(sandwich_jacobian(A, B) @ vec(X), vec(A @ X @ B))
    True

    See :doc:`/chapters/09-matrix-calculus`.
    """
    return kron(_matrix(B, "B").T, A)  # vec(AXB) = (Bᵀ ⊗ A) vec(X)


def vec_jacobian(J: ArrayLike, out_ndim: int) -> np.ndarray:
    """Reshape a Jacobian of shape ``out_shape + in_shape`` into ``∂vec(Y)/∂vec(X)``.

    :func:`mathlib.numgrad.jacobian` returns ``J[i..., j...] = ∂Y[i...]/∂X[j...]``, one
    axis per axis of ``Y`` and of ``X``. Numbering the entries of ``Y`` and of ``X`` in
    column-major order, as :func:`vec` does, gives one matrix.

    Parameters
    ----------
    J : array_like
        The Jacobian, in numerator layout.
    out_ndim : int
        How many leading axes of ``J`` belong to the output ``Y`` (2 for a matrix).

    Returns
    -------
    numpy.ndarray of shape (Y.size, X.size)

    Examples
    --------
    >>> J = np.zeros((2, 2, 2, 2))         # Y = Xᵀ: ∂Y[i, j]/∂X[j, i] = 1
    >>> for i in range(2):
    ...     for j in range(2):
    ...         J[i, j, j, i] = 1
    >>> vec_jacobian(J, out_ndim=2).astype(int)      # the commutation matrix
    array([[1, 0, 0, 0],
           [0, 0, 1, 0],
           [0, 1, 0, 0],
           [0, 0, 0, 1]])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    J = real_array(J, "J")
    out_ndim = whole_number(out_ndim, "out_ndim")
    if out_ndim > J.ndim:
        raise ValueError(f"out_ndim = {out_ndim} is more than J's {J.ndim} axes")
    rows = int(np.prod(J.shape[:out_ndim]))
    return J.reshape(rows, J.size // max(rows, 1), order="F")


def swap_layout(J: ArrayLike, first_ndim: int) -> np.ndarray:
    """Move the first ``first_ndim`` axes of a derivative to the end.

    A Jacobian in numerator layout (the book's) has the output's axes first; the same
    derivative in denominator layout has the input's axes first. For vectors this is
    the transpose. Convert numerator to denominator with ``first_ndim`` = the number of
    output axes, and back with ``first_ndim`` = the number of input axes.

    Parameters
    ----------
    J : array_like
        The derivative in one layout.
    first_ndim : int
        The number of leading axes to move.

    Returns
    -------
    numpy.ndarray
        The derivative in the other layout.

    Examples
    --------
    >>> A = np.arange(6.0).reshape(2, 3)     # ∂(Ax)/∂x = A in numerator layout
    >>> swap_layout(A, first_ndim=1)         # ... and Aᵀ in denominator layout
    array([[0., 3.],
           [1., 4.],
           [2., 5.]])

    See :doc:`/chapters/09-matrix-calculus`.
    """
    J = real_array(J, "J")
    first_ndim = whole_number(first_ndim, "first_ndim")
    if first_ndim > J.ndim:
        raise ValueError(f"first_ndim = {first_ndim} is more than J's {J.ndim} axes")
    return np.transpose(J, list(range(first_ndim, J.ndim)) + list(range(first_ndim)))


class IdentityCheck(NamedTuple):
    """Result of :func:`check_identity`.

    See :doc:`/chapters/09-matrix-calculus`.
    """

    rel_error: float  # the largest relative error over the trials
    errors: np.ndarray  # ‖numeric − claimed‖ / (‖numeric‖ + ‖claimed‖), one per trial


def check_identity(
    make_case: Callable, rng: np.random.Generator, trials: int = 5,
    h: ArrayLike | None = None,
) -> IdentityCheck:
    """Check a claimed gradient or Jacobian formula on random instances.

    Each trial calls ``make_case(rng)``, which draws random data (matrices, a point) and
    returns ``(f, claimed, x)``. The claimed derivative ``claimed(x)`` is compared with
    the central-difference Jacobian :func:`mathlib.numgrad.jacobian` of ``f`` at ``x``,
    of shape ``f(x).shape + x.shape`` (numerator layout; for a scalar ``f`` this is the
    gradient, of the shape of ``x``).

    Parameters
    ----------
    make_case : callable
        ``make_case(rng) -> (f, claimed, x)``.
    rng : numpy.random.Generator
        Source of the random instances.
    trials : int, default 5
        Number of random instances, >= 1.
    h : float or array_like, optional
        Step for the central differences (default: that of
        :func:`mathlib.numgrad.jacobian`).

    Returns
    -------
    IdentityCheck
        ``(rel_error, errors)``: the relative error ``‖J_num − J‖ / (‖J_num‖ + ‖J‖)`` of
        each trial, and the largest. Below about 1e-7 the formula is right (central
        differences agree with a right formula to about 1e-10 for smooth functions of
        moderate size); a wrong one gives something of order 0.1 to 1.

    Raises
    ------
    ValueError
        If ``claimed(x)`` does not have the shape of the numerator-layout Jacobian:
        a denominator-layout answer (the transpose) is the usual cause.

    Examples
    --------
    >>> def case(rng):
    ...     A, x = rng.normal(size=(3, 3)), rng.normal(size=3)
    ...     return (lambda v: v @ A @ v), (lambda v: (A + A.T) @ v), x
    >>> check_identity(case, np.random.default_rng(0)).rel_error < 1e-7
    True

    See :doc:`/chapters/09-matrix-calculus`.
    """
    rng = generator(rng)
    trials = whole_number(trials, "trials", minimum=1)
    errors = np.empty(trials)
    for t in range(trials):
        case = make_case(rng)
        if not isinstance(case, tuple) or len(case) != 3:
            raise ValueError("make_case(rng) must return (f, claimed, x)")
        f, claimed, x = case
        x = real_array(x, "x")
        numeric = np.asarray(jacobian(f, x, h))
        formula = real_values(claimed, x, "claimed")
        if formula.shape != numeric.shape:
            raise ValueError(
                f"claimed(x) has shape {formula.shape}, but the Jacobian of f "
                f"in numerator layout has shape {numeric.shape} (the shape of "
                f"f(x), then that of x)"
            )
        scale = np.linalg.norm(numeric) + np.linalg.norm(formula)
        scale = max(scale, np.finfo(float).tiny)  # both zero: no 0/0
        errors[t] = np.linalg.norm(numeric - formula) / scale
    return IdentityCheck(float(errors.max()), errors)
