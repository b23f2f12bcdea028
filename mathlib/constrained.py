"""Constrained optimisation: the Lagrange system, KKT residuals and the hard-margin SVM.

One sign convention throughout, the one of :doc:`/chapters/13-constraints`: constraints
are written ``h(x) = 0`` and ``g(x) >= 0``, the Lagrangian is
``L(x, λ) = f(x) − Σ λ_i c_i(x)``, and stationarity reads ``∇f = Σ λ_i ∇c_i``, with
``λ_i >= 0`` for every inequality.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import real_array, real_number, whole_number

__all__ = [
    "KKTResiduals", "SVMSolution", "dual_gradient", "dual_objective", "equality_qp",
    "kkt_residuals", "svm_dual",
]


def equality_qp(A: ArrayLike, b: ArrayLike, C: ArrayLike, d: ArrayLike):
    """Minimise ½xᵀAx − bᵀx subject to Cx = d by solving the Lagrange system.

    Stationarity ``Ax − b = Cᵀλ`` and feasibility ``Cx = d`` are one linear system,

    ``[[A, −Cᵀ], [C, 0]] [x; λ] = [b; d]``.

    Parameters
    ----------
    A : array_like, shape (n, n)
        A symmetric matrix, positive definite on the null space of ``C``.
    b : array_like, shape (n,)
    C : array_like, shape (m, n)
        The constraint matrix, with linearly independent rows.
    d : array_like, shape (m,)

    Returns
    -------
    x : numpy.ndarray, shape (n,)
        The minimiser.
    lam : numpy.ndarray, shape (m,)
        Its Lagrange multipliers, ``∇f(x) = Cᵀλ``.

    Raises
    ------
    ValueError
        For shapes that do not fit, a non-symmetric ``A``, or a singular system
        (dependent constraints, or ``A`` not positive definite where it must be).

    Examples
    --------
    >>> x, lam = equality_qp(np.diag([2.0, 6.0]), [0, 0], [[1, 1]], [2])
    >>> x.round(6).tolist(), lam.round(6).tolist()
    ([1.5, 0.5], [3.0])

    See :doc:`/chapters/13-constraints`.
    """
    A = real_array(A, "A", ndim=2)
    C = real_array(C, "C", ndim=2)
    n, m = A.shape[0], C.shape[0]
    b = real_array(b, "b", ndim=1)
    d = real_array(d, "d", ndim=1)
    if A.shape != (n, n) or b.shape != (n,) or C.shape[1] != n or d.shape != (m,):
        raise ValueError(f"shapes do not fit: A {A.shape}, b {b.shape}, C {C.shape}, "
                         f"d {d.shape}")
    if not np.allclose(A, A.T, rtol=1e-12, atol=1e-12 * np.abs(A).max(initial=1.0)):
        raise ValueError("A must be symmetric")
    K = np.block([[A, -C.T], [C, np.zeros((m, m))]])
    rhs = np.concatenate([b, d])
    if np.linalg.matrix_rank(K) < n + m:
        raise ValueError("the Lagrange system is singular: dependent constraints, or A "
                         "not positive definite on the constraint set")
    z = np.linalg.solve(K, rhs)
    # The system has a unique solution; it is a minimiser only if A is positive
    # definite on the null space of C (second-order condition).
    null = np.linalg.svd(C)[2][m:].T if m < n else np.zeros((n, 0))
    if null.shape[1] and np.linalg.eigvalsh(null.T @ A @ null)[0] <= 0:
        raise ValueError("A is not positive definite on the constraint set: the "
                         "stationary point is not a minimiser")
    return z[:n], z[n:]


class KKTResiduals(NamedTuple):
    """How far a point and multipliers are from satisfying the KKT conditions."""

    stationarity: float     # ‖∇f − Σ λ_i ∇c_i‖
    primal: float           # largest |h_j| or max(0, −g_i)
    dual: float             # largest max(0, −λ_i) over the inequalities
    complementarity: float  # largest |λ_i g_i| over the inequalities

    def max(self) -> float:
        """The largest of the four."""
        return max(self)


def kkt_residuals(grad_f: ArrayLike, c: ArrayLike, jac_c: ArrayLike, lam: ArrayLike,
                  equality: ArrayLike | None = None) -> KKTResiduals:
    """The four KKT residuals at a point, from the values there.

    For constraints ``c_i(x) = 0`` (where ``equality`` is True) and ``c_i(x) >= 0``
    (elsewhere), with ``L = f − Σ λ_i c_i``.

    Parameters
    ----------
    grad_f : array_like, shape (n,)
        ∇f at the point.
    c : array_like, shape (m,)
        The constraint values at the point.
    jac_c : array_like, shape (m, n)
        The Jacobian of the constraints there (row i is ∇c_iᵀ).
    lam : array_like, shape (m,)
        The multipliers.
    equality : array_like of bool, shape (m,), optional
        Which constraints are equalities; by default none (all are ``c_i >= 0``).

    Returns
    -------
    KKTResiduals
        ``stationarity``, ``primal``, ``dual``, ``complementarity``; all zero exactly at
        a KKT point.

    Examples
    --------
    >>> r = kkt_residuals([-1.0, -1.0], [0.0, 1.5], [[-1, -1], [1, 0]], [1.0, 0.0])
    >>> r.max()
    0.0

    See :doc:`/chapters/13-constraints`.
    """
    grad_f = real_array(grad_f, "grad_f", ndim=1)
    c = real_array(c, "c", ndim=1)
    lam = real_array(lam, "lam", ndim=1)
    jac_c = real_array(jac_c, "jac_c", ndim=2)
    m, n = len(c), len(grad_f)
    if jac_c.shape != (m, n) or lam.shape != (m,):
        raise ValueError(f"shapes do not fit: grad_f {grad_f.shape}, c {c.shape}, "
                         f"jac_c {jac_c.shape}, lam {lam.shape}")
    eq = np.zeros(m, bool) if equality is None else np.asarray(equality)
    if eq.shape != (m,) or eq.dtype != bool:
        raise ValueError(f"equality must be {m} booleans, got {equality!r}")
    ineq = ~eq
    stationarity = float(np.linalg.norm(grad_f - jac_c.T @ lam))
    primal = np.concatenate([np.abs(c[eq]), np.maximum(0.0, -c[ineq])])
    return KKTResiduals(
        stationarity,
        float(primal.max(initial=0.0)),
        max(0.0, float(-lam[ineq].min(initial=0.0))),
        float(np.abs(lam[ineq] * c[ineq]).max(initial=0.0)),
    )


def _svm_data(X: ArrayLike, y: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    X = real_array(X, "X", ndim=2)
    y = real_array(y, "y", ndim=1)
    if y.shape != (len(X),):
        raise ValueError(f"y must have one label per row of X: X {X.shape}, "
                         f"y {y.shape}")
    if not np.all(np.abs(y) == 1) or len(np.unique(y)) != 2:
        raise ValueError("y must hold labels +1 and -1, both of them")
    return X, y


def dual_objective(alpha: ArrayLike, X: ArrayLike, y: ArrayLike) -> float:
    """The hard-margin SVM dual ``Σα_i − ½‖Σ α_i y_i x_i‖²`` (to be maximised).

    Parameters
    ----------
    alpha : array_like, shape (m,)
    X : array_like, shape (m, n)
        The data, one point per row.
    y : array_like, shape (m,)
        Labels +1 and -1.

    Returns
    -------
    float

    Examples
    --------
    >>> dual_objective([0.25, 0.25], [[1, 1], [-1, -1]], [1, -1])
    0.25

    See :doc:`/chapters/13-constraints`.
    """
    X, y = _svm_data(X, y)
    alpha = real_array(alpha, "alpha", ndim=1)
    if alpha.shape != y.shape:
        raise ValueError(f"alpha must have shape {y.shape}, got {alpha.shape}")
    w = X.T @ (alpha * y)                 # Σ α_i y_i x_i
    return float(alpha.sum() - 0.5 * w @ w)


def dual_gradient(alpha: ArrayLike, X: ArrayLike, y: ArrayLike) -> np.ndarray:
    """The gradient of :func:`dual_objective`: ``1 − y_i x_iᵀ Σ_j α_j y_j x_j``.

    Examples
    --------
    >>> dual_gradient([0.25, 0.25], [[1, 1], [-1, -1]], [1, -1]).tolist()
    [0.0, 0.0]

    See :doc:`/chapters/13-constraints`.
    """
    X, y = _svm_data(X, y)
    alpha = real_array(alpha, "alpha", ndim=1)
    if alpha.shape != y.shape:
        raise ValueError(f"alpha must have shape {y.shape}, got {alpha.shape}")
    return 1.0 - y * (X @ (X.T @ (alpha * y)))


class SVMSolution(NamedTuple):
    """A hard-margin SVM: the dual solution and the classifier it gives."""

    alpha: np.ndarray     # dual variables, one per point
    w: np.ndarray         # Σ α_i y_i x_i
    b: float              # from the support vectors, y_s (wᵀx_s + b) = 1
    support: np.ndarray   # indices of the points with α_i > 0
    margin: float         # 2 / ‖w‖
    num_iters: int        # pair updates made


def svm_dual(X: ArrayLike, y: ArrayLike, tol: float = 1e-10,
             max_iter: int = 100_000) -> SVMSolution:
    """Solve the hard-margin SVM dual by pairwise (SMO) updates.

    Maximise ``Σα_i − ½ΣΣ α_i α_j y_i y_j x_iᵀx_j`` subject to ``α >= 0`` and
    ``Σ α_i y_i = 0``. Each step moves the most violating pair ``(i, j)`` along the
    constraint ``α_i y_i + α_j y_j = const`` to the best point on that line.

    Parameters
    ----------
    X : array_like, shape (m, n)
        The data, one point per row; the two classes must be linearly separable.
    y : array_like, shape (m,)
        Labels +1 and -1.
    tol : float, default 1e-10
        Stop when the KKT gap ``max_up(−y_i G_i) − min_low(−y_j G_j)`` is below it
        (``G`` the gradient of the dual as a minimisation).
    max_iter : int, default 100000
        Pair updates allowed.

    Returns
    -------
    SVMSolution
        ``alpha``, ``w``, ``b``, ``support`` (indices), ``margin = 2/‖w‖``,
        ``num_iters``.

    Raises
    ------
    ValueError
        For bad input, or if the gap does not close within ``max_iter`` updates (the
        classes are then usually not linearly separable: the dual is unbounded).

    Examples
    --------
    >>> sol = svm_dual([[1, 1], [3, 3], [-1, -1]], [1, 1, -1])
    >>> sol.w.round(6).tolist(), round(sol.b, 6), sol.support.tolist()
    ([0.5, 0.5], 0.0, [0, 2])

    See :doc:`/chapters/13-constraints`.
    """
    X, y = _svm_data(X, y)
    tol = real_number(tol, "tol", within="(0, inf)")
    max_iter = whole_number(max_iter, "max_iter", minimum=1)
    K = X @ X.T                                   # Gram matrix x_iᵀx_j
    alpha = np.zeros(len(y))
    G = -np.ones(len(y))                          # ∇ of ½αᵀQα − Σα, Q = yyᵀ∘K
    pos = y > 0
    for k in range(max_iter):  # noqa: B007 - k, the updates made, is returned
        up = pos | (alpha > 0)                    # α_i can grow along y_i
        low = ~pos | (alpha > 0)
        score = -y * G
        i = np.flatnonzero(up)[np.argmax(score[up])]
        j = np.flatnonzero(low)[np.argmin(score[low])]
        gap = score[i] - score[j]
        if gap < tol:
            break
        curvature = max(K[i, i] + K[j, j] - 2 * K[i, j], 1e-12)   # ‖x_i − x_j‖²
        t = gap / curvature              # best step along d = y_i e_i − y_j e_j
        if y[i] < 0:
            t = min(t, alpha[i])                  # keep α_i >= 0
        if y[j] > 0:
            t = min(t, alpha[j])
        alpha[i] += y[i] * t
        alpha[j] -= y[j] * t
        G += t * y * (K[:, i] - K[:, j])          # Q d = y ∘ (K e_i − K e_j)
    else:
        raise ValueError(f"svm_dual: no convergence in {max_iter} updates (gap "
                         f"{gap:.2e}); are the classes linearly separable?")
    w = X.T @ (alpha * y)                         # w = Σ α_i y_i x_i
    support = np.flatnonzero(alpha > 1e-8 * alpha.max())
    b = float(np.mean(y[support] - X[support] @ w))   # y_s (wᵀx_s + b) = 1, y_s = ±1
    return SVMSolution(alpha, w, b, support, float(2 / np.linalg.norm(w)), k)
