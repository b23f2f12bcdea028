"""Checks for the exercises of :doc:`/chapters/09-matrix-calculus`.

The references come from the library the chapter teaches: central-difference Jacobians,
gradients and Hessians from :mod:`mathlib.numdiff`, the Kronecker Jacobian from
:mod:`mathlib.matrix_calculus`, and SymPy's differentiation of explicit matrices. The
test inputs are drawn from seeded generators, with several shapes, square ones among
them, so that a transposed formula cannot pass by accident.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy as sp

from mathlib.checks import CheckFailure, check_function
from mathlib.matrix_calculus import kron, sandwich_jacobian
from mathlib.numdiff import gradient, hessian, jacobian

__all__ = [
    "EXERCISE_2_X", "exercise_1", "exercise_2", "exercise_3", "exercise_4",
    "exercise_5", "exercise_6",
]

# Exercise 2: a 3 x 2 matrix symbol; the notebook uses this one.
EXERCISE_2_X = sp.MatrixSymbol("X", 3, 2)
_X2_ENTRIES = sp.Matrix(3, 2, lambda i, j: sp.Symbol(f"x{i + 1}{j + 1}"))


def _fail(name: str, problem: str, hint: str | None = None) -> CheckFailure:
    return CheckFailure(f"{name}: {problem}" + (f" Hint: {hint}" if hint else ""))


def _same_shape(wrong: Callable, reference: Callable) -> Callable:
    """A typical mistake, compared only where it has the shape of the right answer."""
    def compare(*args):
        shape = np.shape(reference(*args))
        try:
            value = np.asarray(wrong(*args), dtype=float)
        except ValueError:  # the mistake is not even defined for these shapes
            return np.full(shape, np.nan)
        return value if value.shape == shape else np.full(shape, np.nan)
    return compare


def _check_shapes(func, reference: Callable, cases: list[tuple], name: str, hint: str,
                  named: dict[str, Callable] | None = None) -> None:
    """Fail early on an answer of the wrong shape, naming the typical wrong shapes.

    ``named`` maps a message to a function of the inputs that gives the shape of a
    typical wrong answer. Anything that is not an array (None, an error, a stub) is
    left to check_function, which has a message for each.
    """
    if not callable(func):
        return
    for args in cases:
        try:
            value = np.asarray(func(*(np.copy(a) for a in args)))
        except Exception:  # noqa: BLE001 - check_function reports it
            return
        if value.dtype.kind not in "iuf":  # None, text, complex...: check_function
            return
        got, want = value.shape, np.shape(reference(*args))
        if got == want:
            continue
        shapes = ", ".join(str(np.shape(a)) for a in args)
        problem = (f"for inputs of shapes {shapes} the answer has shape {want}, "
                   f"yours {got}.")
        for message, shape_of in (named or {}).items():
            if got == shape_of(*args):
                raise _fail(name, f"{problem} {message}", hint)
        raise _fail(name, problem, hint)


def _matches(func, wrong: Callable, cases: list[tuple]) -> bool:
    """Whether func agrees with a typical mistake on all these cases."""
    def agrees(args):
        value = np.asarray(func(*(np.copy(a) for a in args)))
        return value.dtype.kind in "iuf" and np.allclose(value, wrong(*args),
                                                        rtol=1e-6, atol=1e-8)

    try:
        return all(agrees(args) for args in cases)
    except Exception:  # noqa: BLE001 - not this mistake
        return False


def _transposed(reference: Callable) -> Callable:
    return lambda *args: np.shape(reference(*args))[::-1]


# ------------------------------------------------------------------------------
# Exercise 1: the Jacobian of f(x) = (x1² x2, x2 e^{x3} + x1).

def _map_1(x):
    return np.array([x[0] ** 2 * x[1], x[1] * np.exp(x[2]) + x[0]])


def _jacobian_1(x):
    return jacobian(_map_1, x)  # central differences, numerator layout


def exercise_1(jacobian_f) -> None:
    """The 2 x 3 Jacobian of f(x) = (x1² x2, x2 e^{x3} + x1), in numerator layout."""
    rng = np.random.default_rng(91)
    cases = [(rng.uniform(-2, 2, size=3),) for _ in range(8)]
    name = "Exercise 1"
    hint = "row i holds the partial derivatives of output f_i, column j those by x_j."
    _check_shapes(jacobian_f, _jacobian_1, cases, name, hint, {
        "That is the transpose, the denominator layout: the book's Jacobian has one "
        "row per output (2) and one column per input (3).": _transposed(_jacobian_1)})

    def mistake(change):
        def wrong(x):
            J = _jacobian_1(x)
            change(J, x)
            return J
        return _same_shape(wrong, _jacobian_1)

    def rows_swapped(J, x):
        J[[0, 1]] = J[[1, 0]]

    def constant_factor_lost(J, x):
        J[1, 2] = np.exp(x[2])

    def power_rule_lost(J, x):
        J[0, 0] = x[0] ** 2

    check_function(
        jacobian_f, _jacobian_1, cases, name=name, rtol=1e-6, atol=1e-7, hint=hint,
        mistakes={
            "the rows are swapped: row 1 belongs to the first output, x1² x2.":
                mistake(rows_swapped),
            "∂(x2 e^{x3})/∂x3 keeps the factor x2, a constant for this partial "
            "derivative.": mistake(constant_factor_lost),
            "∂(x1² x2)/∂x1 = 2 x1 x2: differentiate x1², keep x2.":
                mistake(power_rule_lost),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 2: the gradient of log det(XᵀX) for a 3 x 2 matrix X, symbolically.

def _test_matrices() -> list[sp.ImmutableMatrix]:
    """Four exact 3 x 2 matrices of full column rank, for evaluating answers."""
    rng = np.random.default_rng(92)
    found = []
    while len(found) < 4:
        X = sp.ImmutableMatrix(rng.integers(-4, 5, size=(3, 2)).tolist())
        if (X.T * X).det() != 0:
            found.append(X)
    return found


def _evaluated(answer, name: str, points: list) -> list[sp.Matrix]:
    """The answer evaluated exactly at each test matrix, or a CheckFailure."""
    if answer is None or answer is Ellipsis:
        raise _fail(name, "not filled in yet: build the gradient from X and assign it.")
    if isinstance(answer, sp.MatrixExpr):
        strangers = {str(s) for s in answer.free_symbols} - {str(EXERCISE_2_X)}
        substitute = [{EXERCISE_2_X: P} for P in points]
    elif isinstance(answer, sp.MatrixBase):
        # the student's x11 may carry other assumptions than ours: match by name
        entry_of = {str(s): s for s in _X2_ENTRIES}
        strangers = {str(s) for s in answer.free_symbols} - set(entry_of)
        renamed = {s: entry_of.get(str(s), s) for s in answer.free_symbols}
        answer = answer.xreplace(renamed)
        substitute = [dict(zip(_X2_ENTRIES, P, strict=True)) for P in points]
    else:
        raise _fail(name, f"expected a SymPy matrix expression built from X (or an "
                    f"explicit sp.Matrix), got {type(answer).__name__}.")
    if strangers:
        raise _fail(name, f"your matrix uses {', '.join(sorted(strangers))}; it may "
                    f"use only X (or its entries x11, x12, ..., x32).")
    values = []
    for rule in substitute:
        value = answer.xreplace(rule).doit()
        value = sp.Matrix(value.as_explicit() if isinstance(value, sp.MatrixExpr)
                          else value)
        if not all(entry.is_number for entry in value):
            raise _fail(name, "your matrix does not reduce to numbers when X is a "
                        "matrix of numbers.")
        if not all(entry.is_real and entry.is_finite for entry in value):
            raise _fail(name, "your matrix has entries that are not finite real "
                        "numbers (infinite, NaN or complex) for a matrix X of full "
                        "rank.")
        values.append(value)
    return values


def _gradient_2() -> sp.Matrix:
    f = sp.log((_X2_ENTRIES.T * _X2_ENTRIES).det())
    return _X2_ENTRIES.applyfunc(lambda entry: sp.diff(f, entry))  # ∂f/∂x_ij


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    return a == b or abs(sp.N(a - b, 30)) <= 1e-20 * (1 + abs(sp.N(b, 30)))


def exercise_2(grad_logdet) -> None:
    """∇ log det(XᵀX) for X of shape 3 x 2, as a SymPy matrix expression in X.

    The answer is compared with SymPy's derivatives of log det(XᵀX), entry by entry
    and exactly, at four integer matrices X: two rational functions that agree there
    are taken to be equal (a wrong formula would have to vanish at all four).
    """
    name = "Exercise 2"
    hint = ("d log det M = tr(M⁻¹ dM) with M = XᵀX, and dM = dXᵀ X + Xᵀ dX; move dX "
            "to the right end inside each trace and read off G in tr(Gᵀ dX).")
    points = _test_matrices()
    got = _evaluated(grad_logdet, name, points)
    gradient_2 = _gradient_2()
    right = [gradient_2.xreplace(dict(zip(_X2_ENTRIES, P, strict=True)))
             for P in points]
    shape = got[0].shape
    if shape != (3, 2):
        problem = f"your matrix has shape {shape}; a gradient has the shape of X."
        if shape == (2, 3):
            problem = ("your matrix has shape (2, 3), the transpose of the shape of X: "
                       "a gradient has the shape of X, (3, 2).")
        raise _fail(name, problem, hint)
    if all(entry == 0 for value in got for entry in value):
        raise _fail(name, "all entries are 0, but log det(XᵀX) does change with X. "
                    "(Some SymPy versions return 0 when differentiating log(det(...)) "
                    "with respect to a MatrixSymbol: that result is wrong.)", hint)
    wrong = sorted({(i, j) for g, r in zip(got, right, strict=True)
                    for i in range(3) for j in range(2) if not _same(g[i, j], r[i, j])})
    if not wrong:
        print(f"\N{CHECK MARK} {name}: all 6 entries are right.")
        return
    ratios = {sp.nsimplify(g[i, j] / r[i, j]) for g, r in zip(got, right, strict=True)
              for i in range(3) for j in range(2) if r[i, j] != 0}
    if len(wrong) == 6 and len(ratios) == 1:
        ratio = ratios.pop()
        if ratio == sp.Rational(1, 2):
            raise _fail(name, "every entry is half the right one: dM = dXᵀ X + Xᵀ dX "
                        "has two terms, and their traces are equal.", hint)
        if ratio == -1:
            raise _fail(name, "the sign is flipped.", hint)
        raise _fail(name, f"every entry is {ratio} times the right one.", hint)
    i, j = wrong[0]
    raise _fail(name, f"{len(wrong)} of 6 entries are wrong, the first at row {i + 1}, "
                f"column {j + 1} (the derivative by x{i + 1}{j + 1}).", hint)


# ------------------------------------------------------------------------------
# Exercise 3: the weight gradient of L(W) = ½‖X Wᵀ − Y‖²_F.

def _layer_loss(W, X, Y):
    return 0.5 * np.sum((X @ W.T - Y) ** 2)


def _layer_gradient(W, X, Y):
    return gradient(lambda V: _layer_loss(V, X, Y), W)  # central differences


def _layer_cases() -> list[tuple]:
    rng = np.random.default_rng(93)
    cases = []
    for m, n, p in [(3, 2, 1), (4, 3, 3), (6, 2, 4), (3, 4, 4), (7, 3, 1), (5, 2, 2),
                    (4, 5, 3), (5, 3, 2)]:
        cases.append((rng.normal(size=(p, n)), rng.normal(size=(m, n)),
                      rng.normal(size=(m, p))))
    return cases


def exercise_3(grad_W) -> None:
    """∇_W ½‖X Wᵀ − Y‖²_F = (X Wᵀ − Y)ᵀ X, checked on eight random layers."""
    cases = _layer_cases()
    name = "Exercise 3"
    hint = ("with Z = X Wᵀ and G = Z − Y, dL = tr(Gᵀ dZ) and dZ = X dWᵀ; the gradient "
            "has the shape of W, (outputs, inputs).")
    _check_shapes(grad_W, _layer_gradient, cases, name, hint, {
        "A wrong transpose: the gradient with respect to W has the shape of W.":
            _transposed(_layer_gradient)})

    def residual(W, X, Y):
        return X @ W.T - Y

    check_function(
        grad_W, _layer_gradient, cases, name=name, rtol=1e-6, atol=1e-8, hint=hint,
        mistakes={
            "the ½ in front of the loss cancels the 2 from the square.":
                _same_shape(lambda W, X, Y: 2 * residual(W, X, Y).T @ X,
                            _layer_gradient),
            "the residual is X Wᵀ − Y, the prediction minus the target.":
                _same_shape(lambda W, X, Y: -residual(W, X, Y).T @ X, _layer_gradient),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 4: the gradient of ½‖tanh(W x + c) − t‖² by the chain rule.

def _tanh_loss(x, W, c, t):
    return 0.5 * np.sum((np.tanh(W @ x + c) - t) ** 2)


def _tanh_gradient(x, W, c, t):
    return gradient(lambda v: _tanh_loss(v, W, c, t), x)  # central differences


def _tanh_cases() -> list[tuple]:
    rng = np.random.default_rng(94)
    cases = []
    for m, n in [(3, 4), (4, 4), (2, 5), (3, 3), (5, 2), (1, 3), (4, 3), (2, 2)]:
        cases.append((rng.normal(size=n), rng.normal(size=(m, n)), rng.normal(size=m),
                      rng.uniform(-1, 1, size=m)))
    return cases


def exercise_4(grad_x) -> None:
    """∇_x ½‖tanh(W x + c) − t‖² = Wᵀ[(1 − y²) ⊙ (y − t)] with y = tanh(W x + c)."""
    cases = _tanh_cases()
    name = "Exercise 4"
    hint = ("the gradient of ℓ∘g is J_gᵀ ∇ℓ(g(x)): work out ∇ℓ and the Jacobian of "
            "g first, with tanh' = 1 − tanh².")
    untransposed = ("multiplied by W where the chain rule for gradients needs Wᵀ: "
                    "the gradient is J_gᵀ ∇ℓ, a vector–Jacobian product, with the "
                    "shape of x.")

    def pulled_back(x, W, c, t, through_transpose=True, derivative=None):
        z = W @ x + c
        y = np.tanh(z)
        slope = 1 - y**2 if derivative is None else derivative(z, y)
        v = slope * (y - t)
        return W.T @ v if through_transpose else W @ v

    square = [args for args in cases if args[1].shape[0] == args[1].shape[1]]
    if _matches(grad_x, lambda x, W, c, t: pulled_back(x, W, c, t, False), square):
        raise _fail(name, untransposed[0].upper() + untransposed[1:], hint)
    _check_shapes(grad_x, _tanh_gradient, cases, name, hint, {
        "Multiplied by W where Wᵀ is needed? The gradient is J_gᵀ ∇ℓ and has the "
        "shape of x.": lambda x, W, c, t: (W.shape[0],)})
    check_function(
        grad_x, _tanh_gradient, cases, name=name, rtol=1e-6, atol=1e-8, hint=hint,
        mistakes={
            untransposed: _same_shape(lambda x, W, c, t: pulled_back(x, W, c, t, False),
                                      _tanh_gradient),
            "the local derivative of tanh is missing: tanh'(z) = 1 − tanh(z)².":
                _same_shape(lambda x, W, c, t: pulled_back(
                    x, W, c, t, derivative=lambda z, y: 1.0), _tanh_gradient),
            "tanh'(z) = 1 − tanh(z)², with the tanh: 1 − z² is something else.":
                _same_shape(lambda x, W, c, t: pulled_back(
                    x, W, c, t, derivative=lambda z, y: 1 - z**2), _tanh_gradient),
            "∇ℓ(y) = y − t, the output minus the target.":
                _same_shape(lambda x, W, c, t: -pulled_back(x, W, c, t),
                            _tanh_gradient),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 5: the matrix of X ↦ AXB in vec coordinates.

def _sandwich_cases() -> list[tuple]:
    rng = np.random.default_rng(95)
    shapes = [((2, 3), (4, 2)), ((3, 3), (3, 3)), ((2, 2), (2, 4)), ((1, 3), (2, 2)),
              ((3, 2), (3, 1)), ((2, 2), (2, 2))]
    return [(rng.normal(size=a), rng.normal(size=b)) for a, b in shapes]


def exercise_5(sandwich_matrix) -> None:
    """The matrix M with vec(AXB) = M vec(X), column-major vec: Bᵀ ⊗ A."""
    cases = _sandwich_cases()
    name = "Exercise 5"
    hint = ("column l of AXB is A X b_l = Σ_k B_kl A x_k, where x_k is column k of X: "
            "which Kronecker product has the blocks B_kl A in block row l?")
    _check_shapes(sandwich_matrix, sandwich_jacobian, cases, name, hint, {
        "That is the transpose: M has one row per entry of AXB and one column per "
        "entry of X.": _transposed(sandwich_jacobian),
        "That is the shape of B ⊗ A or A ⊗ B: B needs a transpose, since block (l, k) "
        "of the answer is B_kl A.":
            lambda A, B: (A.shape[0] * B.shape[0], A.shape[1] * B.shape[1])})
    check_function(
        sandwich_matrix, sandwich_jacobian, cases, name=name, hint=hint,
        mistakes={
            "that is A ⊗ Bᵀ, the matrix for row-major flattening "
            "(X.reshape(-1), NumPy's default); vec stacks the columns.":
                _same_shape(lambda A, B: kron(A, B.T), sandwich_jacobian),
        },
    )


# ------------------------------------------------------------------------------
# Exercise 6: the Hessian of log-sum-exp.

def _logsumexp(x):
    return np.log(np.sum(np.exp(x)))


def _lse_hessian(x):
    return hessian(_logsumexp, x)  # central second differences, error about 1e-8


def exercise_6(hessian_lse) -> None:
    """The Hessian of log Σ e^{x_i}: diag(p) − p pᵀ with p the softmax of x."""
    rng = np.random.default_rng(96)
    cases = [(rng.uniform(-2, 2, size=n),) for n in (2, 3, 4, 5, 3, 4)]
    name = "Exercise 6"
    hint = ("the gradient is p = e^x / Σ e^x (the softmax); differentiate p_i = "
            "e^{x_i} / S by x_j with the quotient rule, where ∂S/∂x_j = e^{x_j}.")
    _check_shapes(hessian_lse, _lse_hessian, cases, name, hint, {
        "That is the shape of the gradient; the Hessian is n × n.":
            lambda x: x.shape})

    def softmax(x):
        return np.exp(x) / np.sum(np.exp(x))

    check_function(
        hessian_lse, _lse_hessian, cases, name=name, rtol=1e-5, atol=1e-6, hint=hint,
        mistakes={
            "only the diagonal part: the denominator S depends on every x_j too, "
            "which gives a second term −p_i p_j.":
                _same_shape(lambda x: np.diag(softmax(x)), _lse_hessian),
            "the Hessian of a convex function has no negative eigenvalues: check the "
            "sign of each term.": _same_shape(
                lambda x: np.outer(softmax(x), softmax(x)) - np.diag(softmax(x)),
                _lse_hessian),
            "p must be normalised: p = e^x / Σ e^x, not e^x.": _same_shape(
                lambda x: np.diag(np.exp(x)) - np.outer(np.exp(x), np.exp(x)),
                _lse_hessian),
        },
    )
