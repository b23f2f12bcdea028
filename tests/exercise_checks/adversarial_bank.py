"""A bank of right answers, wrong answers and bad inputs for every exercise check of
every chapter, argument by argument.

``test_adversarial.py`` runs it under pytest. Run as a script, it counts what the
installed ``mathlib`` makes of every case (accepted, rejected, crashed, too slow, hung),
so that the figures can be compared with another version of the library::

    python tests/exercise_checks/adversarial_bank.py
    PYTHONPATH=/path/to/other/checkout python tests/exercise_checks/adversarial_bank.py

Every value is made fresh for each case (a generator can be read only once).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy as sp

from mathlib import functions as mf
from mathlib.checks import CheckFailure
from mathlib.exercise_checks import (
    ch01,
    ch03,
    ch05,
    ch09,
    ch10,
    ch11,
    ch12,
    ch13,
    ch14,
    ch15,
    ch18,
    ch19,
    ch20,
    ch21,
    ch22,
)
from mathlib.numdiff import central_diff, complex_step, forward_diff
from mathlib.subgradients import soft_threshold

BUDGET = 2.0  # seconds a check may take for any one input

x, a, h, s, ds, dx = sp.symbols("x a h s ds dx")
t = sp.Symbol("t", positive=True)
rho, phi = sp.symbols("rho phi", positive=True)
u, F, M = sp.symbols("u F M", positive=True)
X9 = ch09.EXERCISE_2_X
MU10, L10, KAPPA10 = ch10.EXERCISE_3_SYMBOLS
X12, A12 = ch12.EXERCISE_3_SYMBOLS
C13 = ch13.EXERCISE_2_C
K14, MU14 = ch14.EXERCISE_3_SYMBOLS
BETA11, T11 = ch11.EXERCISE_3_SYMBOLS
ROOT11 = sp.sqrt(ch11.EXERCISE_4_KAPPA)
X18, Y18, YP18, YPP18 = ch18.EXERCISE_1_SYMBOLS
R20, THETA20 = ch20.EXERCISE_6_SYMBOLS
T21, W21 = ch21.EXERCISE_3_SYMBOLS
BETA21, H21 = ch21.EXERCISE_5_SYMBOLS

Maker = Callable[[], object]


@dataclass(frozen=True)
class Slot:
    """One argument of one exercise check: its kind, right answers and wrong ones."""

    chapter: str
    exercise: str
    position: int
    kind: str                      # function, number, array, formula, delta or object
    right: tuple                   # a right answer for every argument
    more_right: tuple = ()         # other right forms of this argument
    wrong: tuple = ()              # typical wrong answers for this argument
    extra: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.chapter}.{self.exercise}[{self.position}]"

    @property
    def check(self) -> Callable:
        module = importlib.import_module(f"mathlib.exercise_checks.{self.chapter}")
        return getattr(module, self.exercise)

    def call(self, value: object) -> None:
        args = list(self.right)
        args[self.position] = value
        self.check(*args)


# --- right answers -------------------------------------------------------------------

def _dq(f, x, h):
    return (f(x + h) - f(x)) / h


def _one_sided(f, a, h):
    return (f(a) - f(a - h)) / h, (f(a + h) - f(a)) / h


def _weierstrass(x, n, a=0.5, b=13):
    return sum(a**k * np.cos(b**k * np.pi * x) for k in range(n))


def _linear(f, fp, x0, dx):
    return f(x0) + fp(x0) * dx


def _step(f, fp, x0, lr):
    d = -lr * fp(x0)
    return fp(x0) * d, f(x0 + d) - f(x0)


def _exp_reduced(v, degree=12):
    k = round(v / math.log(2))
    r = v - k * math.log(2)
    return 2.0**k * sum(r**j / math.factorial(j) for j in range(degree + 1))


def _newton(fp, fpp, v):
    return v - fp(v) / fpp(v)


def _midpoint(f, lo, hi, n):
    width = (hi - lo) / n
    return width * np.sum(f(lo + width * (np.arange(n) + 0.5)))


def _f5(v):
    return np.exp(np.sin(v)) / (1 + v**2)


def _grad(w):
    y, av = ch05.EXERCISE_6_LABEL, np.array(ch05.EXERCISE_6_VECTOR)
    return -y * av / (1 + np.exp(y * (av @ w)))


class _Softplus(mf.Function):
    name = "softplus"

    def __init__(self, derivative):
        self._d = derivative

    def value(self, v):
        return np.log1p(np.exp(v))

    def derivative(self, v):
        return self._d(v)


def _orders():
    x0, step = ch05.EXERCISE_2_POINT, ch05.EXERCISE_2_STEP
    out = []
    for diff in (forward_diff, central_diff):
        e = [abs(diff(np.exp, x0, q) - np.exp(x0)) for q in (step, step / 2)]
        out.append(float(np.log2(e[0] / e[1])))
    return tuple(out)


def _hinge_subgradient(w, xs, y):
    return -y * xs if y * (w @ xs) < 1 else np.zeros_like(xs)
def _jacobian_9(v):
    return np.array([[2 * v[0] * v[1], v[0] ** 2, 0.0],
                     [1.0, np.exp(v[2]), v[1] * np.exp(v[2])]])


def _layer_9(W, X, Y):
    return (X @ W.T - Y).T @ X


def _tanh_9(v, W, c, target):
    y = np.tanh(W @ v + c)
    return W.T @ ((1 - y**2) * (y - target))


def _softmax_9(v):
    return np.exp(v) / np.sum(np.exp(v))


def _lse_hessian_9(v):
    return np.diag(_softmax_9(v)) - np.outer(_softmax_9(v), _softmax_9(v))


def _descent_10(grad, x0, lr, num_iters):
    x = np.array(x0, dtype=float)
    path = [x]
    for _ in range(num_iters):
        x = x - lr * grad(x)
        path.append(x)
    return np.array(path)


def _armijo_10(f, grad, v, lr0, shrink, c):
    g = grad(v)
    lr = lr0
    for _ in range(100):
        if f(v - lr * g) <= f(v) - c * lr * (g @ g):
            return lr
        lr *= shrink
    return lr


def _newton_step_12(grad, hess, v):
    return v + np.linalg.solve(hess(v), -grad(v))


def _bfgs_update_12(H, s, y):
    rho = 1.0 / (y @ s)
    V = np.eye(len(s)) - rho * np.outer(y, s)
    return V.T @ H @ V + rho * np.outer(s, s)


def _lr_max_10():
    X = np.array(ch10.EXERCISE_4_X, dtype=float)
    return 2 / np.linalg.eigvalsh(X.T @ X).max()


def _dual_13(alpha, X, y):
    w = X.T @ (alpha * y)
    return alpha.sum() - 0.5 * w @ w


def _dual_gradient_13(alpha, X, y):
    return 1 - y * (X @ (X.T @ (alpha * y)))


def _kl_14(p, q):
    mask = p > 0
    if np.any(q[mask] == 0):
        return np.inf
    return np.sum(p[mask] * np.log(p[mask] / q[mask]))


def _softmax_14(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _softmax_vjp_14(z, v):
    s = _softmax_14(z)
    return s * (v - s @ v)


def _ce_backward_14(Z, Y):
    return (_softmax_14(Z, axis=1) - Y) / len(Z)
def _adam_11(v, m, s, g, t, lr, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    s = b2 * s + (1 - b2) * g * g
    return v - lr * (m / (1 - b1**t)) / (np.sqrt(s / (1 - b2**t)) + eps), m, s


def _heavy_ball_11(grad, x0, lr, beta, num_iters):
    v, velocity = np.array(x0, dtype=float), 0.0
    path = [v]
    for _ in range(num_iters):
        velocity = beta * velocity + grad(v)
        v = v - lr * velocity
        path.append(v)
    return np.array(path)


def _rate_11():
    setting = ch11.EXERCISE_5_SETTING
    lr, beta, mu = setting["lr"], setting["beta"], setting["mu"]
    return float(np.abs(np.roots([1, -(1 + beta - lr * mu), beta])).max())


def _neuron_15():
    x, w = np.array(ch15.EXERCISE_1_X), np.array(ch15.EXERCISE_1_W)
    a = 1 / (1 + np.exp(-(w @ x + ch15.EXERCISE_1_B)))
    delta = (a - ch15.EXERCISE_1_Y) * a * (1 - a)
    return delta * x, float(delta)


def _backward_15(X, Y, W1, b1, W2, b2):
    A1 = np.tanh(X @ W1 + b1)
    G2 = 2 * (A1 @ W2 + b2 - Y) / Y.size
    G1 = (G2 @ W2.T) * (1 - A1**2)
    return X.T @ G1, G1.sum(axis=0), A1.T @ G2, G2.sum(axis=0)


def _layer_jacobian_15(h, W):
    return (1 - np.tanh(h @ W) ** 2)[:, None] * W.T
def _bn_backward_17(g, x, gamma):
    s = np.sqrt(x.var(axis=0) + 1e-5)
    xhat = (x - x.mean(axis=0)) / s
    return gamma / s * (g - g.mean(axis=0) - xhat * (g * xhat).mean(axis=0))


def _conv_grad_17(x, g):
    ho, wo = g.shape
    return np.array([[np.sum(g * x[i:i + ho, j:j + wo])
                      for j in range(x.shape[1] - wo + 1)]
                     for i in range(x.shape[0] - ho + 1)])
def _polygon_time_18(x, y, g):
    lengths = np.hypot(np.diff(x), np.diff(y))
    v = np.sqrt(2 * g * np.asarray(y, dtype=float))
    return np.sum(2 * lengths / (v[:-1] + v[1:]))


def _cycloid_time_18():
    Y = ch18.EXERCISE_4_END[1]
    theta = 3.508368768524475  # (Θ − sin Θ)/(1 − cos Θ) = 2, to double precision
    return theta * math.sqrt(Y / (1 - math.cos(theta)) / ch18.G)


def _tangent_20(x, v):
    return v - (x @ v) * x


def _exp_20(x, v):
    s = np.linalg.norm(v)
    return np.cos(s) * x + np.sin(s) * v / s
def _reparam_19(m, v, e):
    s = np.exp(v / 2)
    return m + s * e, np.ones_like(m), 0.5 * s * e


def _kl_19(m, v):
    return 0.5 * np.sum(m**2 + np.exp(v) - 1 - v, axis=-1)


def _score_19(f, m, v, e):
    s = np.exp(v / 2)
    return f(m + s * e)[:, None] * e / s


def _iwae_19(a):
    top = a.max(axis=0)
    return top + np.log(np.mean(np.exp(a - top), axis=0))


def _gap_19():
    p = ch19.EXERCISE_4_MODEL
    w, b, x = (np.array(p[k]) for k in ("w", "b", "x"))
    pv = p["s"] ** 2 / (p["s"] ** 2 + w @ w)
    pm = w @ (x - b) / (p["s"] ** 2 + w @ w)
    return float(0.5 * np.log(pv / p["v"]) + (p["v"] + (p["m"] - pm) ** 2) / (2 * pv)
                 - 0.5)
def _ito_21(H, W):
    return np.sum(np.asarray(H)[:-1] * np.diff(W))


def _vp_21(x0, t, lo, hi):
    B = lo * t + (hi - lo) * t**2 / 2
    return np.exp(-B / 2) * x0, 1 - np.exp(-B)
def _softsign_16(x):
    from mathlib.scalar import Scalar
    v = x.value
    return Scalar.node(v / (1 + abs(v)), "softsign", (x, 1 / (1 + abs(v)) ** 2))


def _jacobian_16(f, x):
    from mathlib.autodiff import vjp
    m = np.size(f(x))
    return np.array([vjp(f, x, e)[1] for e in np.eye(m)])


def _normalize_vjp_16(X, G):
    r = np.linalg.norm(X, axis=1, keepdims=True)
    Y = X / r
    return (G - (G * Y).sum(axis=1, keepdims=True) * Y) / r
S22 = ch22.EXERCISE_3_SCHEDULE


def _noisy_22(x0, e, a):
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * e


def _step_22(x, e, z, i):
    beta, ab, ab_prev = S22.betas[i - 1], S22.alpha_bars[i], S22.alpha_bars[i - 1]
    return ((x - beta / np.sqrt(1 - ab) * e) / np.sqrt(1 - beta)
            + np.sqrt(beta * (1 - ab_prev) / (1 - ab)) * z)


def _grad_22(x0, e, a):
    return _noisy_22(x0, e, a), x0 / (2 * np.sqrt(a)) - e / (2 * np.sqrt(1 - a))


A22 = ch22.EXERCISE_5_ALPHA_BAR
KL22 = 0.5 * (2 * (1 - A22) + 5 * A22 - 2 - 2 * np.log(1 - A22))
I22 = ch22.EXERCISE_6_STEP
BT22 = S22.betas[I22 - 1] * (1 - S22.alpha_bars[I22 - 1]) / (1 - S22.alpha_bars[I22])


def slots() -> list[Slot]:
    """Every argument of every exercise check of chapters 1-8."""
    times, positions = np.array(ch01.TIMES), np.array(ch01.POSITIONS)
    vel = np.diff(positions) / np.diff(times)
    p_fwd, p_cen = _orders()
    n_points = math.ceil(16 * math.pi / 4 * (1 - math.pi / 4) / 1e-6)
    slope5 = complex_step(_f5, ch05.EXERCISE_5_POINT)
    df, dfa = _step(lambda v: v**4, lambda v: 4 * v**3, 1.0, 0.1)
    r, dr = ch03.RADIUS, ch03.RADIUS_ERROR
    gap = dx**2 / (4 * (2 + dx))
    x8, y8, m8 = sp.symbols("x y m", real=True)
    fx8 = 3 * x8**2 * y8**2 + y8 * sp.cos(x8 * y8)
    fy8 = 2 * x8**3 * y8 + x8 * sp.cos(x8 * y8)
    return [
        Slot("ch01", "exercise_1", 0, "function", (_dq,),
             wrong=(lambda f, x, h: _dq(f, x, h) / 2, lambda f, x, h: -_dq(f, x, h),
                    lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h))),
        Slot("ch01", "exercise_2", 0, "array", (vel,), more_right=(list(vel),),
             wrong=(vel[:-1], positions[1:] / times[1:].clip(1), -vel,
                    np.diff(positions), vel.reshape(1, -1), vel[::-1])),
        Slot("ch01", "exercise_3", 0, "number", (4, -4),
             more_right=("4", sp.Integer(4)), wrong=(-4, 2, 0, 4.01)),
        Slot("ch01", "exercise_3", 1, "number", (4, -4), wrong=(4, -2, 0)),
        Slot("ch01", "exercise_4", 0, "formula", (sp.log(2),), more_right=("ln(4)/2",),
             wrong=(0.693, math.log(2), "log(2)/2", "-log(2)", "1", "log(3)",
                    "2*log(2)", "log(2) + x")),
        Slot("ch01", "exercise_5", 0, "delta", (lambda e: min(1.0, e / 5),),
             more_right=(lambda e: math.sqrt(4 + e) - 2,),
             wrong=(lambda e: e / 5, lambda e: min(1, e / 4.5), lambda e: 1e-10,
                    lambda e: 1e-12, lambda e: e / 4, lambda e: 1.0, lambda e: e)),
        Slot("ch02", "exercise_1", 0, "formula", (-1 / (a * (a + h)), -1 / a**2),
             more_right=("-1/(a^2 + a*h)", (1 / (a + h) - 1 / a) / h),
             wrong=(1 / (a * (a + h)), -1 / a**2, "-1/(a*(a-h))", "-2/(a*(a+h))", "1",
                    "-1/(a*(a+h)) + 1", "-h/(a*(a+h))")),
        Slot("ch02", "exercise_1", 1, "formula", (-1 / (a * (a + h)), -1 / a**2),
             more_right=("-a^(-2)",),
             wrong=(1 / a**2, -1 / a, "-1/(a*(a+h))", "-2/a**2", "0", "-1/a**2 + 1",
                    "1/a")),
        Slot("ch02", "exercise_2a", 0, "function", (_one_sided,),
             wrong=(lambda f, a, h: _one_sided(f, a, h)[::-1],
                    lambda f, a, h: (-_one_sided(f, a, h)[0], _one_sided(f, a, h)[1]),
                    lambda f, a, h: (*_one_sided(f, a, h), 0.0),
                    lambda f, a, h: sum(_one_sided(f, a, h)) / 2)),
        Slot("ch02", "exercise_2b", 0, "number", (-2.0, 2.0),
             wrong=(2.0, -1.0, 0.0, -4.0)),
        Slot("ch02", "exercise_2b", 1, "number", (-2.0, 2.0), wrong=(-2.0, 1.0, 0.0)),
        Slot("ch02", "exercise_3", 0, "number", (2, -1), wrong=(1, -2, 0, 3)),
        Slot("ch02", "exercise_3", 1, "number", (2, -1), wrong=(1, 0, -2)),
        Slot("ch02", "exercise_4a", 0, "function", (lambda v: 2 * np.maximum(v, 0),),
             wrong=(lambda v: 2 * v, lambda v: np.maximum(v, 0) ** 2,
                    lambda v: 2 * max(v, 0),
                    lambda v: float(np.mean(2 * np.maximum(v, 0))),
                    lambda v: math.fsum([2 * max(v, 0)]))),
        Slot("ch02", "exercise_4b", 0, "number", (0, 2), wrong=(2, 1, -2)),
        Slot("ch02", "exercise_4b", 1, "number", (0, 2), wrong=(0, 1, 4, -2)),
        Slot("ch02", "exercise_5a", 0, "function", (_weierstrass,),
             wrong=(lambda x, n: _weierstrass(x, n + 1),
                    lambda x, n: _weierstrass(x, n - 1),
                    lambda x, n: _weierstrass(x, n) * 2)),
        Slot("ch02", "exercise_5b", 0, "number", (21,), more_right=(21.0,),
             wrong=(20, 22, 20.93, 1e6, 0)),
        Slot("ch03", "exercise_1", 0, "formula", ((s + ds) ** 3 - s**3, 3 * s**2 * ds),
             more_right=("3*s^2*ds + 3*s*ds^2 + ds^3",),
             wrong=(3 * s**2 * ds, (s + ds) ** 3, "3*s*ds**2 + ds**3",
                    "s**3 - (s+ds)**3")),
        Slot("ch03", "exercise_1", 1, "formula", ((s + ds) ** 3 - s**3, 3 * s**2 * ds),
             wrong=(3 * s**2, (s + ds) ** 3 - s**3, "3*s*ds", "s**2*ds", "-3*s**2*ds")),
        Slot("ch03", "exercise_2a", 0, "function", (_linear,),
             wrong=(lambda f, fp, x0, dx: fp(x0) * dx, lambda f, fp, x0, dx: f(x0 + dx),
                    lambda f, fp, x0, dx: f(x0) - fp(x0) * dx)),
        Slot("ch03", "exercise_2b", 0, "number", (2.025,),
             wrong=(float(np.cbrt(8.3)), 2.0, 2.3, 2.05)),
        Slot("ch03", "exercise_3", 0, "number", (4 * np.pi * r**2 * dr, 3 * dr / r),
             wrong=(4 / 3 * np.pi * r**2 * dr, 4 * np.pi * r**2, 4 * np.pi * r * dr)),
        Slot("ch03", "exercise_3", 1, "number", (4 * np.pi * r**2 * dr, 3 * dr / r),
             wrong=(dr / r, 7.5, 3 * dr, 0.25)),
        Slot("ch03", "exercise_4a", 0, "function", (_step,),
             wrong=(lambda f, fp, x0, lr: _step(f, fp, x0, lr)[::-1],
                    lambda f, fp, x0, lr: _step(f, fp, x0, -lr),
                    lambda f, fp, x0, lr: _step(f, fp, x0, lr)[0])),
        Slot("ch03", "exercise_4b", 0, "number", (dfa / df,),
             wrong=(df / dfa, 1.0, -dfa / df)),
        Slot("ch03", "exercise_5", 0, "formula", (gap, sp.Rational(1, 8)),
             more_right=("1/(2 + dx) - 1/2 + dx/4",),
             wrong=(-(dx**2) / (4 * (2 + dx)), dx**2 / 8, "1/(2+dx) - 1/2",
                    "dx**2/(2+dx)")),
        Slot("ch03", "exercise_5", 1, "number", (gap, sp.Rational(1, 8)),
             wrong=(0.25, -0.125, 1, 0)),
        Slot("ch04", "exercise_1", 0, "formula",
             ("2*x*exp(sin(x)) + x**2*cos(x)*exp(sin(x))",),
             more_right=(sp.diff(x**2 * sp.exp(sp.sin(x)), x),),
             wrong=("2*x*exp(sin(x)) + x**2*exp(sin(x))", "2*x*cos(x)*exp(sin(x))",
                    "x**2*cos(x)*exp(sin(x))", "2*x*exp(sin(x))")),
        Slot("ch04", "exercise_2", 0, "formula", ("-2*x*sin(x**2)*cos(cos(x**2))",),
             wrong=("-sin(x**2)*cos(cos(x**2))", "2*x*sin(x**2)*cos(cos(x**2))",
                    "-2*x*sin(x**2)*cos(x)", "cos(cos(x**2))")),
        Slot("ch04", "exercise_3", 0, "formula", ("-4*x/(x**2 - 1)**2",),
             wrong=("4*x/(x**2 - 1)**2", "-4*x/(x**2 - 1)", "1", "-4/(x**2-1)**2")),
        Slot("ch04", "exercise_4", 0, "object",
             (_Softplus(lambda v: 1 / (1 + np.exp(-v))),),
             wrong=(_Softplus(lambda v: 1 / (1 + np.exp(v))),
                    _Softplus(lambda v: np.log1p(np.exp(v))),
                    _Softplus(lambda v: 1 / (1 + math.exp(-v))))),
        Slot("ch04", "exercise_5", 0, "object",
             (mf.compose(mf.exp, mf.sin, mf.square),),
             wrong=(mf.compose(mf.square, mf.sin, mf.exp), mf.compose(mf.exp, mf.sin),
                    mf.compose(mf.sin, mf.exp, mf.square))),
        Slot("ch04", "exercise_6", 0, "function",
             (lambda v: 2 * v * np.cos(v**2) * np.exp(np.sin(v**2)),),
             wrong=(lambda v: np.cos(v**2) * np.exp(np.sin(v**2)),
                    lambda v: 2 * v * np.cos(v) * np.exp(np.sin(v**2)))),
        Slot("ch04", "exercise_7", 0, "formula", ("(x**2 + 10*x + 20)*exp(x)",),
             wrong=("(x**2 + 2*x + 2)*exp(x)", "(x**2 + 10*x + 10)*exp(x)",
                    "x**2*exp(x)",
                    "(x**2 + 5*x + 20)*exp(x)")),
        Slot("ch05", "exercise_1", 0, "function", (central_diff,),
             wrong=(forward_diff, lambda f, x, h: (f(x + h) - f(x - h)) / h)),
        Slot("ch05", "exercise_2", 0, "number", (p_fwd, p_cen),
             wrong=(1, 2, p_fwd * 0.7)),
        Slot("ch05", "exercise_2", 1, "number", (p_fwd, p_cen),
             wrong=(2, 1, p_cen * 0.7)),
        Slot("ch05", "exercise_3", 0, "formula",
             ((3 * u * F / M) ** sp.Rational(1, 3),),
             more_right=("(3*u*F/M)^(1/3)",),
             wrong=("(6*u*F/M)**(1/3)", "2*sqrt(u*F/M)", "(3*u*M/F)**(1/3)",
                    "(u*F/M)**(1/3)")),
        Slot("ch05", "exercise_4", 0, "function",
             (lambda f, x, h: 2 * forward_diff(f, x, h / 2) - forward_diff(f, x, h),),
             wrong=(lambda f, x, h: forward_diff(f, x, h / 2),
                    lambda f, x, h: (4 * forward_diff(f, x, h / 2)
                                     - forward_diff(f, x, h)) / 3)),
        Slot("ch05", "exercise_5", 0, "number", (slope5,),
             wrong=(central_diff(_f5, ch05.EXERCISE_5_POINT, 6e-6), _f5(0.7 + 1e-20j),
                    1.0, -slope5)),
        Slot("ch05", "exercise_6", 0, "function", (_grad,),
             wrong=(lambda w: -_grad(w), lambda w: _grad(w)[:2],
                    lambda w: float(_grad(w)[0]))),
        Slot("ch06", "exercise_1", 0, "formula", ("x - x^2/2 + x^3/3 - x^4/4",),
             wrong=("x + x^2/2 + x^3/3 + x^4/4", "x - x^2/2 + x^3/6 - x^4/24",
                    "x - x^2/2 + x^3/3", "x - 0.5*x**2 + 0.333*x**3 - 0.25*x**4")),
        Slot("ch06", "exercise_2", 0, "formula", ("1 - x^2 + x^4/2 - x^6/6",),
             wrong=("1 + x^2 + x^4/2 + x^6/6", "1 - x^2 + x^4/2",
                    "1 - x^2 + x^4/24 - x^6/720",
                    "exp(-x**2)")),
        Slot("ch06", "exercise_3", 0, "number", (15,), wrong=(14, 16, 7, 14.5)),
        Slot("ch06", "exercise_4", 0, "function", (_exp_reduced,),
             wrong=(lambda v: _exp_reduced(v, 11), lambda v: _exp_reduced(v, 6),
                    lambda v: 2 * _exp_reduced(v))),
        Slot("ch06", "exercise_5", 0, "number", (3.0,), wrong=(1, 5, 2, sp.oo)),
        Slot("ch06", "exercise_6_newton_step", 0, "function", (_newton,),
             wrong=(lambda fp, fpp, v: v + fp(v) / fpp(v),
                    lambda fp, fpp, v: v - fp(v))),
        Slot("ch06", "exercise_6_x_min", 0, "number", (2 ** (1 / 3),),
             wrong=(1.0, 2 ** 0.5, 1.26)),
        Slot("ch07", "exercise_1", 0, "function", (_midpoint,),
             wrong=(lambda f, lo, hi, n: _midpoint(f, lo, hi, n + 1),
                    lambda f, lo, hi, n: _midpoint(f, lo, hi, n) / ((hi - lo) / n))),
        Slot("ch07", "exercise_2", 0, "formula", ("1 - exp(-t^2/2)",),
             wrong=("exp(-t^2/2) - 1", "-exp(-t^2/2)", "1 - exp(-t^2)", "t*exp(-t^2/2)",
                    "1 - exp(-x^2/2)")),
        Slot("ch07", "exercise_3", 0, "formula", (rho**2 * sp.sin(phi), 4 * sp.pi / 3),
             wrong=(-rho**2 * sp.sin(phi), rho * sp.sin(phi), rho**2 * sp.cos(phi),
                    "rho**2")),
        Slot("ch07", "exercise_3", 1, "number", (rho**2 * sp.sin(phi), 4 * sp.pi / 3),
             wrong=(2 * sp.pi / 3, 4.0, math.pi, 8 * math.pi / 3)),
        Slot("ch07", "exercise_4", 0, "function", (lambda v: 2 * np.exp(-2 * v),),
             wrong=(lambda v: np.exp(-2 * v), lambda v: 2 * math.exp(-2 * v),
                    lambda v: -2 * np.exp(-2 * v))),
        Slot("ch07", "exercise_5", 0, "number", (n_points,),
             wrong=(n_points - 1, n_points + 1, n_points / 2, 1000, n_points + 0.5)),
        Slot("ch07", "exercise_6", 0, "formula", ("2/t^3",),
             wrong=("-2/t^3", "1/t^2", "1/t^3", "6/t^4", "2/x^3")),
        Slot("ch08", "exercise_1", 0, "formula", (fx8, fy8),
             more_right=("y*(3*x**2*y + cos(x*y))",),
             wrong=("3*x**2*y**2 + cos(x*y)", fy8, "3*x**2*y**2 - y*cos(x*y)",
                    "3*x**2*y**2", "3*x**2*y**2 + y*sin(x*y)")),
        Slot("ch08", "exercise_1", 1, "formula", (fx8, fy8),
             more_right=("x*(2*x**2*y + cos(x*y))",),
             wrong=("2*x**3*y + cos(x*y)", fx8, "2*x**3*y", "x**3*y + x*cos(x*y)")),
        Slot("ch08", "exercise_2", 0, "formula", ("(1 - m^2)/(1 + m^2)",),
             more_right=(2 / (1 + m8**2) - 1,),
             wrong=("(1 - m)/(1 + m)", "(m^2 - 1)/(m^2 + 1)", 1, 0, "1/(1 + m^2)")),
        Slot("ch08", "exercise_3", 0, "number", (2.2, math.sqrt(5)),
             more_right=("11/5",),
             wrong=(11.0, -2.2, math.sqrt(5), 13 / math.sqrt(41), 2.0, 3.0)),
        Slot("ch08", "exercise_3", 1, "number", (2.2, math.sqrt(5)),
             more_right=(sp.sqrt(5),), wrong=(5.0, 2.2, 3.0, 2.0, 2.3)),
        Slot("ch08", "exercise_4", 0, "array", (np.array([-5.0, 3.0]) / math.sqrt(34),),
             more_right=([5 / math.sqrt(34), -3 / math.sqrt(34)],),
             wrong=([-5.0, 3.0], [3.0, 5.0], [1.0, 0.0], [0.0, 0.0], [1.0, 0.0, 0.0])),
        Slot("ch08", "exercise_5", 0, "array", ((0.0, 1.0), (1.0, 2.0)),
             more_right=([0, 1], np.array([0.0, 1.0])),
             wrong=((1.0, 0.0), (0.5, 0.5), (0.0, 0.0), (-1.0, 1.0), 0.5)),
        Slot("ch08", "exercise_5", 1, "array", ((0.0, 1.0), (1.0, 2.0)),
             more_right=([1, 2],),
             wrong=((2.0, 1.0), (1.5, 1.5), (1.0, 1.0), (1.0, 3.0))),
        Slot("ch08", "exercise_6", 0, "function", (_hinge_subgradient,),
             more_right=(lambda w, xs, y: np.where(y * (w @ xs) <= 1, -y * xs, 0.0),),
             wrong=(lambda w, xs, y: -_hinge_subgradient(w, xs, y),
                    lambda w, xs, y: -y * xs,
                    lambda w, xs, y: -2 * y * xs if y * (w @ xs) == 1
                    else _hinge_subgradient(w, xs, y))),
        Slot("ch08", "exercise_7", 0, "function", (soft_threshold,),
             wrong=(lambda a8, lam: a8 - lam * np.sign(a8),
                    lambda a8, lam: np.where(np.abs(a8) > lam, a8, 0.0),
                    lambda a8, lam: np.maximum(a8 - lam, 0.0))),
        Slot("ch09", "exercise_1", 0, "function", (_jacobian_9,),
             wrong=(lambda v: _jacobian_9(v).T, lambda v: _jacobian_9(v)[::-1],
                    lambda v: _jacobian_9(v)[0], lambda v: 2 * _jacobian_9(v))),
        Slot("ch09", "exercise_2", 0, "object", (2 * X9 * (X9.T * X9).inv(),),
             more_right=(2 * X9 * sp.Inverse(X9.T * X9), 2 * X9 * (X9.T * X9) ** -1),
             wrong=(X9 * (X9.T * X9).inv(), 2 * (X9.T * X9).inv() * X9.T,
                    -2 * X9 * (X9.T * X9).inv(), 2 * X9, sp.ZeroMatrix(3, 2),
                    2 * (X9.T * X9).inv())),
        Slot("ch09", "exercise_3", 0, "function", (_layer_9,),
             wrong=(lambda W, X, Y: X.T @ (X @ W.T - Y),
                    lambda W, X, Y: 2 * _layer_9(W, X, Y),
                    lambda W, X, Y: -_layer_9(W, X, Y), lambda W, X, Y: X @ W.T - Y)),
        Slot("ch09", "exercise_4", 0, "function", (_tanh_9,),
             wrong=(lambda v, W, c, t: W @ ((1 - np.tanh(W @ v + c) ** 2)
                                             * (np.tanh(W @ v + c) - t)),
                    lambda v, W, c, t: W.T @ (np.tanh(W @ v + c) - t),
                    lambda v, W, c, t: -_tanh_9(v, W, c, t))),
        Slot("ch09", "exercise_5", 0, "function", (lambda A, B: np.kron(B.T, A),),
             wrong=(lambda A, B: np.kron(A, B.T), lambda A, B: np.kron(B, A),
                    lambda A, B: np.kron(A, B), lambda A, B: np.kron(B.T, A).T)),
        Slot("ch09", "exercise_6", 0, "function", (_lse_hessian_9,),
             wrong=(lambda v: np.diag(_softmax_9(v)), lambda v: -_lse_hessian_9(v),
                    _softmax_9, lambda v: np.outer(_softmax_9(v), _softmax_9(v)))),
        Slot("ch10", "exercise_1", 0, "function", (_descent_10,),
             wrong=(lambda g, v, lr, n: _descent_10(g, v, lr, n)[1:],
                    lambda g, v, lr, n: _descent_10(g, v, lr, n)[-1],
                    lambda g, v, lr, n: _descent_10(lambda u: -g(u), v, lr, n),
                    lambda g, v, lr, n: _descent_10(g, v, 2 * lr, n))),
        Slot("ch10", "exercise_2", 0, "function", (_armijo_10,),
             wrong=(lambda *args: args[4] * _armijo_10(*args),
                    lambda *args: _armijo_10(*args) / args[4],
                    lambda f, grad, v, lr0, shrink, c: lr0,
                    lambda f, grad, v, lr0, shrink, c: _armijo_10(f, grad, v, lr0,
                                                                  shrink, 0.0))),
        Slot("ch10", "exercise_3", 0, "formula",
             (2 / (L10 + MU10), (KAPPA10 - 1) / (KAPPA10 + 1)),
             more_right=("2/(mu + L)", "2/(L+mu)"),
             wrong=("1/L", "2/L", "1/(L + mu)", "2/(L - mu)", "2/(kappa + 1)")),
        Slot("ch10", "exercise_3", 1, "formula",
             (2 / (L10 + MU10), (KAPPA10 - 1) / (KAPPA10 + 1)),
             more_right=("1 - 2/(kappa + 1)", "(kappa-1)/(kappa+1)"),
             wrong=("1 - 1/kappa", "(sqrt(kappa) - 1)/(sqrt(kappa) + 1)",
                    "((kappa - 1)/(kappa + 1))**2", "(kappa + 1)/(kappa - 1)",
                    "(L - mu)/(L + mu)")),
        Slot("ch10", "exercise_4", 0, "number", (_lr_max_10(),),
             wrong=(_lr_max_10() / 2, 0.1, 0.45106, 2 * _lr_max_10(), 1.0)),
        Slot("ch10", "exercise_5", 0, "number", (1375,),
             more_right=(1375.0, np.int64(1375)),
             wrong=(1382, 1374, 691, 1376, 1374.6, 100)),
        Slot("ch10", "exercise_6", 0, "function",
             (lambda w, X, y, lam: X.T @ (X @ w - y) + lam * w,),
             wrong=(lambda w, X, y, lam: X.T @ (X @ w - y),
                    lambda w, X, y, lam: X.T @ (X @ w - y) + 2 * lam * w,
                    lambda w, X, y, lam: X.T @ (y - X @ w) + lam * w,
                    lambda w, X, y, lam: X @ w - y)),
        Slot("ch12", "exercise_1", 0, "function", (_newton_step_12,),
             wrong=(lambda g, h, v: v + np.linalg.solve(h(v), g(v)),
                    lambda g, h, v: np.linalg.solve(h(v), -g(v)),
                    lambda g, h, v: v - h(v) @ g(v),
                    lambda g, h, v: v - g(v))),
        Slot("ch12", "exercise_2", 0, "function", (_bfgs_update_12,),
             wrong=(lambda H, s, y: H,
                    lambda H, s, y: H + np.outer(s, s) / (y @ s),
                    lambda H, s, y: H - np.outer(H @ y, H @ y) / (y @ H @ y)
                    + np.outer(s, s) / (y @ s),
                    lambda H, s, y: _bfgs_update_12(H, y, s))),
        Slot("ch12", "exercise_3", 0, "formula", (X12 * (2 - A12 * X12), -A12),
             more_right=("2*x - a*x^2", "x*(2 - a*x)"),
             wrong=("a*x^2", "1/a", "x - a*x^2", "x*(2 + a*x)", "2*x")),
        Slot("ch12", "exercise_3", 1, "formula", (X12 * (2 - A12 * X12), -A12),
             more_right=("-a", "-(a)"),
             wrong=("a", "-2*a", "-1/a", "a^2", "0")),
        Slot("ch12", "exercise_4", 0, "number", (2 / 3,),
             more_right=("2/3", 0.66667),
             wrong=(0.5, 1 / 3, 0.0, 1.5, 0.75)),
        Slot("ch12", "exercise_5", 0, "number", (2 / 3,),
             more_right=("2/3",),
             wrong=(4 / 3, 0.0, 2.0, 1.0, 0.5)),
        Slot("ch12", "exercise_6", 0, "number", (7,),
             more_right=(7.0, np.int64(7)),
             wrong=(99, 6, 50, 100, 8, 6.5)),
        Slot("ch13", "exercise_1", 0, "array", (np.array([1 / 3, 4 / 3]), 4 / 3),
             more_right=([1 / 3, 4 / 3], (Fraction(1, 3), Fraction(4, 3))),
             wrong=([0.6, 1.2], [4 / 3, 1 / 3], [1 / 3, 4 / 3, 4 / 3], [0.33, 1.33])),
        Slot("ch13", "exercise_1", 1, "number", (np.array([1 / 3, 4 / 3]), 4 / 3),
             more_right=("4/3", Fraction(4, 3), sp.Rational(4, 3)),
             wrong=(-4 / 3, 2.0, 2 / 3, 1.33, 3.0)),
        Slot("ch13", "exercise_2", 0, "formula",
             (sp.Rational(4, 5) * C13**2, sp.Rational(8, 5) * C13),
             more_right=("4*c**2/5", "0.8*c^2", "(2*c)**2/5"),
             wrong=("c**2/2", "8*c/5", "4*c/5", "c**2", "4*c**2/25")),
        Slot("ch13", "exercise_2", 1, "formula",
             (sp.Rational(4, 5) * C13**2, sp.Rational(8, 5) * C13),
             more_right=("8*c/5", "1.6*c", "8c/5"),
             wrong=("-8*c/5", "4*c/5", "4*c**2/5", "c", "8/5")),
        Slot("ch13", "exercise_3", 0, "function", (_dual_13,),
             wrong=(lambda a, X, y: a.sum() - (X.T @ (a * y)) @ (X.T @ (a * y)),
                    lambda a, X, y: a.sum() - 0.5 * (X.T @ a) @ (X.T @ a),
                    lambda a, X, y: -_dual_13(a, X, y),
                    lambda a, X, y: a.sum())),
        Slot("ch13", "exercise_4", 0, "function", (_dual_gradient_13,),
             wrong=(lambda a, X, y: 1 - X @ (X.T @ (a * y)),
                    lambda a, X, y: -_dual_gradient_13(a, X, y),
                    lambda a, X, y: _dual_gradient_13(a, X, y) - 1,
                    lambda a, X, y: np.ones_like(a))),
        Slot("ch13", "exercise_5", 0, "array",
             (np.array([0.25, 0.25, 0.0, 0.0]), 2 * math.sqrt(2)),
             more_right=([1 / 4, 1 / 4, 0, 0],),
             wrong=([0.25, -0.25, 0, 0], [0.5, 0.5, 0, 0], [0.125, 0.125, 0, 0],
                    [0.25, 0.25], [0.25, 0.25, 0.25, 0.25])),
        Slot("ch13", "exercise_5", 1, "number",
             (np.array([0.25, 0.25, 0.0, 0.0]), 2 * math.sqrt(2)),
             more_right=("2*sqrt(2)", math.sqrt(8), sp.sqrt(8)),
             wrong=(math.sqrt(2), 1 / math.sqrt(2), 4.0, 2.0, 2.83)),
        Slot("ch14", "exercise_1", 0, "number", (2.0,),
             more_right=("2", Fraction(2), sp.Integer(2), np.float64(2.0)),
             wrong=(2 * math.log(2), -2.0, 13, math.log2(5), 1.75, 2 * math.log10(2))),
        Slot("ch14", "exercise_2", 0, "function", (_kl_14,),
             wrong=(lambda p, q: _kl_14(q, p),
                    lambda p, q: _kl_14(p, q) / np.log(2),
                    lambda p, q: -np.sum(p * np.log(np.where(p > 0, q, 1.0))),
                    lambda p, q: 0.0)),
        Slot("ch14", "exercise_3", 0, "formula",
             ((MU14 / (1 + MU14)) ** K14 / (1 + MU14),),
             more_right=("mu**k/(1 + mu)**(k + 1)", "(1 - mu/(1+mu))*(mu/(1+mu))^k"),
             wrong=("exp(-k/mu)/mu", "(1 - 1/mu)**k/mu", "mu**k", "1/(1 + mu)",
                    "exp(-mu)*mu**k/gamma(k + 1)")),
        Slot("ch14", "exercise_4", 0, "function", (_softmax_vjp_14,),
             wrong=(lambda z, v: _softmax_14(z) * v,
                    lambda z, v: v - _softmax_14(z) @ v,
                    lambda z, v: -_softmax_vjp_14(z, v),
                    lambda z, v: v)),
        Slot("ch14", "exercise_5", 0, "function", (_ce_backward_14,),
             wrong=(lambda Z, Y: _softmax_14(Z, axis=1) - Y,
                    lambda Z, Y: -_ce_backward_14(Z, Y),
                    lambda Z, Y: (Z - Y) / len(Z),
                    lambda Z, Y: (_softmax_14(Z, axis=0) - Y) / len(Z))),
        Slot("ch14", "exercise_6", 0, "number", (2 - math.log(2),),
             more_right=("2 - log(2)", 2 - sp.log(2), "2-ln(2)"),
             wrong=(math.log(2) - 0.25, 1.0, 4 - 2 * math.log(2), 2 + math.log(2),
                    (2 - math.log(2)) / math.log(2), 1.3)),
        Slot("ch11", "exercise_1", 0, "function", (_adam_11,),
             wrong=(lambda *a: _adam_11(*a)[0],
                    lambda v, m, s, g, t, *rest: _adam_11(v, m, s, g, 1, *rest),
                    lambda v, m, s, g, t, *rest: _adam_11(v, m, s, -g, t, *rest),
                    lambda *a: _adam_11(*a)[::-1])),
        Slot("ch11", "exercise_2", 0, "function", (_heavy_ball_11,),
             wrong=(lambda g, v, lr, b, n: _heavy_ball_11(g, v, lr, 0.0, n),
                    lambda g, v, lr, b, n: _heavy_ball_11(g, v, lr * (1 - b), b, n),
                    lambda g, v, lr, b, n: _heavy_ball_11(g, v, lr, b, n)[1:],
                    lambda g, v, lr, b, n: _heavy_ball_11(g, v, lr, b, n)[-1])),
        Slot("ch11", "exercise_3", 0, "formula", (1 - BETA11**T11,),
             more_right=("1 - beta1**t", "1-beta1^t"),
             wrong=("beta1**t", "1 - beta1**(t - 1)", "1/(1 - beta1**t)",
                    "(1 - beta1)*t", "1 - beta1**(t + 1)")),
        Slot("ch11", "exercise_4", 0, "formula",
             (((ROOT11 - 1) / (ROOT11 + 1)) ** 2, (ROOT11 - 1) / (ROOT11 + 1)),
             more_right=("((sqrt(kappa) - 1)/(sqrt(kappa) + 1))**2",
                         "(1 - 2/(sqrt(kappa) + 1))^2"),
             wrong=("(sqrt(kappa) - 1)/(sqrt(kappa) + 1)",
                    "((kappa - 1)/(kappa + 1))**2", "(1 - 1/sqrt(kappa))**2", "0.9")),
        Slot("ch11", "exercise_4", 1, "formula",
             (((ROOT11 - 1) / (ROOT11 + 1)) ** 2, (ROOT11 - 1) / (ROOT11 + 1)),
             more_right=("(sqrt(kappa)-1)/(sqrt(kappa)+1)", "1 - 2/(sqrt(kappa) + 1)"),
             wrong=("((sqrt(kappa) - 1)/(sqrt(kappa) + 1))**2",
                    "(kappa - 1)/(kappa + 1)", "1 - 1/sqrt(kappa)",
                    "(sqrt(kappa) + 1)/(sqrt(kappa) - 1)")),
        Slot("ch11", "exercise_5", 0, "number", (_rate_11(),),
             more_right=(round(_rate_11(), 6),),
             wrong=(np.sqrt(0.5), 0.95, 0.5, 0.5649, 1.0, 0.88)),
        Slot("ch11", "exercise_6", 0, "number", (6 / 13,),
             more_right=("6/13", np.float64(6 / 13)),
             wrong=(6 / 169, 1.2, 0.5, 6 / 11, 0.46, 12 / 13)),
        Slot("ch15", "exercise_1", 0, "array", _neuron_15(),
             more_right=(list(_neuron_15()[0]),),
             wrong=(_neuron_15()[0] * 2, -_neuron_15()[0], _neuron_15()[0][::-1],
                    [_neuron_15()[1]] * 2, _neuron_15()[0][:1])),
        Slot("ch15", "exercise_1", 1, "number", _neuron_15(),
             more_right=(np.float64(_neuron_15()[1]), str(_neuron_15()[1])),
             wrong=(-_neuron_15()[1], 2 * _neuron_15()[1], 0.0, -0.31)),
        Slot("ch15", "exercise_2", 0, "function", (_backward_15,),
             wrong=(lambda *a: _backward_15(*a)[::-1],
                    lambda *a: tuple(2 * g for g in _backward_15(*a)),
                    lambda *a: _backward_15(*a)[:2],
                    lambda *a: tuple(g.T for g in _backward_15(*a)))),
        Slot("ch15", "exercise_3", 0, "function", (_layer_jacobian_15,),
             wrong=(lambda h, W: W.T, lambda h, W: _layer_jacobian_15(h, W).T,
                    lambda h, W: -_layer_jacobian_15(h, W),
                    lambda h, W: np.tanh(h @ W))),
        Slot("ch15", "exercise_4", 0, "function",
             (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2),),
             wrong=(lambda W1, b1, W2, b2: (W1 @ W2, b2),
                    lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2),
                    lambda W1, b1, W2, b2: W1 @ W2,
                    lambda W1, b1, W2, b2: (W1, b1))),
        Slot("ch15", "exercise_5", 0, "number", (2.0**-10,),
             more_right=("1/1024", "2**-10", 0.0009765625),
             wrong=(2.0**-20, 1.0, 0.5, 0.25**20, 2.0**-9.5, 0.001)),
        Slot("ch15", "exercise_6", 0, "number", (np.sqrt(6 / 400),),
             more_right=("sqrt(6/400)", "sqrt(3/200)", np.float64(np.sqrt(0.015))),
             wrong=(np.sqrt(2 / 400), 2 / 400, np.sqrt(6 / 300), 0.1, 0.12)),
        Slot("ch17", "exercise_1", 0, "array", (np.array([7 / 11, -6 / 11]),),
             more_right=([Fraction(7, 11), Fraction(-6, 11)],),
             wrong=([0.5, -0.5], [7 / 11, 6 / 11], [-6 / 11, 7 / 11], [0.64, -0.55],
                    [7 / 11, -6 / 11, 0])),
        Slot("ch17", "exercise_2", 0, "array", (np.array([1.2, 0.0, -0.15]),),
             more_right=([1.2, 0, -0.15], (Fraction(6, 5), 0, Fraction(-3, 20))),
             wrong=([0.9, 0, 0], [1.5, 0, -0.3], [1.2, -0.2, -0.15], [1.2, 0.0, 0.15],
                    [1.2, -0.15])),
        Slot("ch17", "exercise_3", 0, "number", (1.5,),
             more_right=("3/2", Fraction(3, 2), np.float64(1.5)),
             wrong=(0.54, 3.75, 3.375, 2.5, 2.25, 0.6)),
        Slot("ch17", "exercise_4", 0, "function", (_bn_backward_17,),
             wrong=(lambda g, x, gm: g,
                    lambda g, x, gm: -_bn_backward_17(g, x, gm),
                    lambda g, x, gm: _bn_backward_17(g, x, gm) / gm,
                    lambda g, x, gm: _bn_backward_17(g, x, gm).T)),
        Slot("ch17", "exercise_5", 0, "function", (_conv_grad_17,),
             wrong=(lambda x, g: _conv_grad_17(x, g)[::-1, ::-1],
                    lambda x, g: _conv_grad_17(x, g).T,
                    lambda x, g: -_conv_grad_17(x, g),
                    lambda x, g: np.sum(g) * np.ones((3, 3)))),
        Slot("ch18", "exercise_1", 0, "formula", (2 * X18 - 2 * YPP18,),
             more_right=("2*(x - ypp)", "2x - 2ypp", "-2*ypp + 2*x"),
             wrong=("2*ypp - 2*x", "2*x - ypp", "2*x", "2*x - 2*yp", "x - ypp")),
        Slot("ch18", "exercise_2", 0, "formula", (X18**3 / 6 + 5 * X18 / 6,),
             more_right=("(x^3 + 5x)/6", "x*(x**2 + 5)/6"),
             wrong=("x**3/6", "-x**3/6 + 7*x/6", "x**3/3 + 2*x/3", "x", "x**2")),
        Slot("ch18", "exercise_3", 0, "number", (math.sqrt(34 / ch18.G),),
             more_right=("sqrt(34/9.81)", round(math.sqrt(34 / ch18.G), 6)),
             wrong=(math.sqrt(34 / ch18.G) / 2, math.sqrt(2 / ch18.G),
                    math.sqrt(34 / 9.8), math.sqrt(3.4), 1.86, 2.0)),
        Slot("ch18", "exercise_4", 0, "number", (_cycloid_time_18(),),
             more_right=(round(_cycloid_time_18(), 8),),
             wrong=(math.sqrt(10 / ch18.G), 0.8, 0.81, 1.0, 3.508)),
        Slot("ch18", "exercise_5", 0, "function", (_polygon_time_18,),
             wrong=(lambda x, y, g: _polygon_time_18(x, y, g) / 2,
                    lambda x, y, g: _polygon_time_18(x, y, g / 2),
                    lambda x, y, g: np.sum(np.hypot(np.diff(x), np.diff(y))),
                    lambda x, y, g: 1.0)),
        Slot("ch18", "exercise_6", 0, "number", (ch18._study()[0],),
             more_right=(round(ch18._study()[0], 5),),
             wrong=(-ch18._study()[0], ch18._study()[1], ch18._study()[2], 1.0, 2.0)),
        Slot("ch20", "exercise_1", 0, "function", (_tangent_20,),
             wrong=(lambda x, v: (x @ v) * x, lambda x, v: v + (x @ v) * x,
                    lambda x, v: v - x, lambda x, v: v)),
        Slot("ch20", "exercise_2", 0, "function", (_exp_20,),
             wrong=(lambda x, v: (x + v) / np.linalg.norm(x + v), lambda x, v: x + v,
                    lambda x, v: x, lambda x, v: _exp_20(x, 2 * v))),
        Slot("ch20", "exercise_3", 0, "number", (math.acos(3 * math.sqrt(2) / 8 - 0.25),),
             more_right=("acos(3*sqrt(2)/8 - 1/4)",),
             wrong=(math.sqrt(2 - 2 * (3 * math.sqrt(2) / 8 - 0.25)),
                    math.degrees(math.acos(3 * math.sqrt(2) / 8 - 0.25)),
                    math.hypot(math.pi / 3, math.pi / 4), 1.28, 1.0)),
        Slot("ch20", "exercise_4", 0, "array", (np.array([-13, -16, 5]) / 27,),
             more_right=([-13 / 27, -16 / 27, 5 / 27],),
             wrong=(-np.array(ch20.EXERCISE_4_A) @ np.array(ch20.EXERCISE_4_X),
                    np.array([13, 16, -5]) / 27, np.array([-26, -32, 10]) / 27,
                    [-0.48, -0.59, 0.19], [1.0, 2.0])),
        Slot("ch20", "exercise_5", 0, "number", (0.68,),
             more_right=("17/25", 0.680000001),
             wrong=(2.68 / 3.1, 0.6, 0.8, 0.58, 0.7, 0.26)),
        Slot("ch20", "exercise_6", 0, "formula", (R20**2 * sp.sin(THETA20) ** 2,),
             more_right=("r^2*sin(theta)^2", "r**2*(1 - cos(theta)**2)"),
             wrong=("sin(theta)**2", "r*sin(theta)", "r**2*cos(theta)**2", "r**2",
                    "r**2*sin(theta)")),
        Slot("ch19", "exercise_1", 0, "function", (_reparam_19,),
             wrong=(lambda m, v, e: (m + np.exp(v) * e, np.ones_like(m), np.exp(v) * e),
                    lambda m, v, e: _reparam_19(m, v, e)[0],
                    lambda m, v, e: _reparam_19(m, v, e)[::-1],
                    lambda m, v, e: (m + np.exp(v / 2) * e, np.ones_like(m),
                                     np.exp(v / 2) * e))),
        Slot("ch19", "exercise_2", 0, "function", (_kl_19,),
             wrong=(lambda m, v: 2 * _kl_19(m, v),
                    lambda m, v: 0.5 * np.sum(m**2 + np.exp(v) - 1 + v, axis=-1),
                    lambda m, v: _kl_19(m, v).sum(),
                    lambda m, v: 0.5 * np.sum(m**2 + np.exp(2 * v) - 1 - 2 * v, axis=-1))),
        Slot("ch19", "exercise_3", 0, "function", (_score_19,),
             wrong=(lambda f, m, v, e: f(m + np.exp(v / 2) * e)[:, None] * e,
                    lambda f, m, v, e: -_score_19(f, m, v, e),
                    lambda f, m, v, e: _score_19(f, m, v, e).mean(axis=0),
                    lambda f, m, v, e: e / np.exp(v / 2))),
        Slot("ch19", "exercise_4", 0, "number", (_gap_19(),),
             more_right=(f"{_gap_19():.10f}", np.float64(_gap_19())),
             wrong=(-_gap_19(), 0.0, 2 * _gap_19(), 3.5, 0.5, 1.0)),
        Slot("ch19", "exercise_5", 0, "function", (_iwae_19,),
             wrong=(lambda a: a.mean(axis=0),
                    lambda a: np.log(np.mean(np.exp(a), axis=0)),
                    lambda a: a.max(axis=0),
                    lambda a: _iwae_19(a) + np.log(len(a)))),
        Slot("ch21", "exercise_1", 0, "function", (_ito_21,),
             wrong=(lambda H, W: np.sum(np.asarray(H)[1:] * np.diff(W)),
                    lambda H, W: np.sum(np.asarray(H)[:-1] * np.asarray(W)[1:]),
                    lambda H, W: np.sum((np.asarray(H)[1:] + np.asarray(H)[:-1]) / 2
                                        * np.diff(W)),
                    lambda H, W: np.diff(W))),
        Slot("ch21", "exercise_2", 0, "number", (-0.28,),
             more_right=("-7/25", sp.Rational(-7, 25), np.float64(-0.28)),
             wrong=(0.72, 1.72, -0.56, 0.22, -0.3, 0.0)),
        Slot("ch21", "exercise_3", 0, "formula", (W21**2 + T21, 2 * T21 * W21),
             more_right=("t + W^2", "W*W + t"),
             wrong=("W**2", "W**2 + 2*t", "t", "W**2 + t/2", "2*t*W")),
        Slot("ch21", "exercise_3", 1, "formula", (W21**2 + T21, 2 * T21 * W21),
             more_right=("2*t*W", "2 t W", "t*W*2"),
             wrong=("2*W", "t*W", "W**2 + t", "-2*t*W", "2*t")),
        Slot("ch21", "exercise_4", 0, "number", (12.0,),
             more_right=("12", sp.Integer(12), "3*2**2"),
             wrong=(0.0, 24.0, 4.0, 6.0, 12.1, 8.0)),
        Slot("ch21", "exercise_5", 0, "formula", (1 / (1 - BETA21 * H21 / 4),),
             more_right=("4/(4 - beta*h)", "1/(1 - beta*h/4)"),
             wrong=("1", "2", "1/(1 + beta*h/4)", "1/(beta*(1 - beta*h/4))",
                    "1/(1 - beta*h/2)", "1 + beta*h/4")),
        Slot("ch21", "exercise_6", 0, "function", (_vp_21,),
             wrong=(lambda x0, t, lo, hi: _vp_21(x0, 2 * t, lo, hi),
                    lambda x0, t, lo, hi: _vp_21(x0, t, lo, hi)[::-1],
                    lambda x0, t, lo, hi: _vp_21(x0, t, lo, hi)[0],
                    lambda x0, t, lo, hi: (x0, 1.0))),
        Slot("ch16", "exercise_1", 0, "number", (784, 10),
             more_right=(28 * 28, np.int64(784), "784"),
             wrong=(10, 28, 7840, 783, 785)),
        Slot("ch16", "exercise_1", 1, "number", (784, 10),
             more_right=(np.int64(10), "10"), wrong=(784, 1, 7840, 11, 9)),
        Slot("ch16", "exercise_2", 0, "number",
             (2 + math.sin(0.5) + 0.5 * math.cos(0.5), 0.25),
             more_right=(0.5 * 2 + math.sin(0.5) + 0.5 * (2 + math.cos(0.5)),),
             wrong=(1.0 + 0.5 * math.cos(0.5), 2 + math.sin(0.5),
                    1 + math.sin(0.5) + 0.5 * math.cos(0.5), 2.9, 3.0)),
        Slot("ch16", "exercise_2", 1, "number",
             (2 + math.sin(0.5) + 0.5 * math.cos(0.5), 0.25),
             more_right=("1/4", 0.5**2), wrong=(0.5, 1.0, 2.0, 0.0, -0.25)),
        Slot("ch16", "exercise_3", 0, "function", (_softsign_16,),
             more_right=(lambda x: x / (1.0 + x.relu() + (-x).relu()),),
             wrong=(lambda x: x.tanh(), lambda x: x / (1.0 + x),
                    lambda x: x / 2.0, lambda x: x.value / (1 + abs(x.value)))),
        Slot("ch16", "exercise_4", 0, "number", (9.0, 72.0),
             more_right=(9, "9"), wrong=(18.0, 4.0, 8.0, 0.0, 1.0)),
        Slot("ch16", "exercise_4", 1, "number", (9.0, 72.0),
             more_right=(72, "72"), wrong=(36.0, 108.0, 144.0, 0.0, 9.0)),
        Slot("ch16", "exercise_5", 0, "function", (_jacobian_16,),
             wrong=(lambda f, x: _jacobian_16(f, x).T,
                    lambda f, x: _jacobian_16(f, x)[0],
                    lambda f, x: 2 * _jacobian_16(f, x),
                    lambda f, x: np.tile(_jacobian_16(f, x).sum(axis=0),
                                         (np.size(f(x)), 1)))),
        Slot("ch16", "exercise_6", 0, "function", (_normalize_vjp_16,),
             wrong=(lambda X, G: G / np.linalg.norm(X, axis=1, keepdims=True),
                    lambda X, G: -_normalize_vjp_16(X, G),
                    lambda X, G: _normalize_vjp_16(X, G).T,
                    lambda X, G: G - (G * X).sum(axis=1, keepdims=True) * X)),
        Slot("ch22", "exercise_1", 0, "function", (_noisy_22,),
             wrong=(lambda x0, e, a: a * x0 + (1 - a) * e,
                    lambda x0, e, a: np.sqrt(a) * x0 + (1 - a) * e,
                    lambda x0, e, a: x0 + np.sqrt(1 - a) * e)),
        Slot("ch22", "exercise_2", 0, "function", (lambda e, a: -e / np.sqrt(1 - a),),
             wrong=(lambda e, a: e / np.sqrt(1 - a), lambda e, a: -e / (1 - a),
                    lambda e, a: -e / np.sqrt(2 * np.pi))),
        Slot("ch22", "exercise_3", 0, "function", (_step_22,),
             wrong=(lambda x, e, z, i: _step_22(x, e, 0.0, i),
                    lambda x, e, z, i: _step_22(x, -e, z, i),
                    lambda x, e, z, i: x - e)),
        Slot("ch22", "exercise_4", 0, "function", (_grad_22,),
             wrong=(lambda x0, e, a: _grad_22(x0, e, a)[::-1],
                    lambda x0, e, a: _grad_22(x0, e, a)[0],
                    lambda x0, e, a: (_noisy_22(x0, e, a), x0 / np.sqrt(a)))),
        Slot("ch22", "exercise_5", 0, "number", (KL22,),
             more_right=(np.float64(KL22), f"{KL22:.8f}"),
             wrong=(2 * KL22, 0.5 * (2 * (1 - A22) + 5 * A22 - 2), 0.0, 1.5)),
        Slot("ch22", "exercise_6", 0, "number", (BT22,),
             more_right=(np.float64(BT22), f"{BT22:.10f}"),
             wrong=(S22.betas[I22 - 1], 1 - S22.alpha_bars[I22 - 1], 0.1, 0.0)),
    ]


# --- bad inputs ----------------------------------------------------------------------

def _forever(*args):
    return _forever(*args)


def _generator_function(*args):
    yield 1.0


def _raise(exc: type[BaseException]) -> Callable:
    def raising(*args):
        raise exc("broken")
    return raising


def bad_values() -> list[tuple[str, Maker]]:
    """Values that are no answer to any exercise, for every kind of argument."""
    deep = x
    for _ in range(200):
        deep = sp.sin(deep, evaluate=False)
    return [
        ("None", lambda: None), ("Ellipsis", lambda: ...), ("True", lambda: True),
        ("np.bool_", lambda: np.bool_(False)), ("empty text", lambda: ""),
        ("text", lambda: "three"), ("unbalanced", lambda: "2*x*cos(x**2"),
        ("__import__", lambda: "__import__('os').system('true')"),
        ("dunder", lambda: "().__class__.__bases__"),
        ("lambda text", lambda: "lambda: 1"),
        ("method call", lambda: "x.diff(x)"), ("9**9**9", lambda: "9**9**9"),
        ("factorial text", lambda: "factorial(10**9)"),
        ("10000000!", lambda: "10000000!"),
        ("1e999 text", lambda: "1e999"), ("long text", lambda: "x+" * 600 + "x"),
        ("sp.true", lambda: sp.true), ("sp.false", lambda: sp.false),
        ("x > 0", lambda: x > 0), ("Eq", lambda: sp.Eq(x, 1)),
        ("And", lambda: sp.And(x > 0, x < 1)),
        ("FiniteSet", lambda: sp.FiniteSet(1, 2)),
        ("FiniteSet(21)", lambda: sp.FiniteSet(21)),
        ("Interval", lambda: sp.Interval(0, 1)), ("EmptySet", lambda: sp.EmptySet),
        ("Matrix", lambda: sp.Matrix([[1, 2], [3, 4]])),
        ("ImmutableMatrix", lambda: sp.ImmutableMatrix([1, 2])),
        ("Dict", lambda: sp.Dict({x: 1})), ("Lambda", lambda: sp.Lambda(x, x**2)),
        ("undefined f(x)", lambda: sp.Function("f")(x)),
        ("f(x) inside", lambda: 2 * sp.Function("f")(x) + 1),
        ("Tuple", lambda: sp.Tuple(1, 2)), ("Poly", lambda: sp.Poly(x**2 + 1)),
        ("Derivative", lambda: sp.Derivative(x**2, x)),
        ("Integral", lambda: sp.Integral(x, (x, 0, 1))), ("sp.oo", lambda: sp.oo),
        ("-sp.oo", lambda: -sp.oo), ("sp.zoo", lambda: sp.zoo),
        ("sp.nan", lambda: sp.nan),
        ("sp.I", lambda: sp.I), ("1 + I", lambda: 1 + sp.I),
        ("10**400", lambda: 10**400), ("-10**400", lambda: -(10**400)),
        ("2**20000", lambda: 2**20000), ("sp 10**400", lambda: sp.Integer(10) ** 400),
        ("sp 2**20000", lambda: sp.Integer(2) ** 20000),
        ("Rational huge", lambda: sp.Rational(10**400, 3)),
        ("Fraction huge", lambda: Fraction(10**400, 3)),
        ("x**(10**6)", lambda: x ** (10**6)), ("x**(10**100)", lambda: x ** (10**100)),
        ("sin(x**(10**100))", lambda: sp.sin(x ** (10**100))),
        ("sin(10**100)", lambda: sp.sin(sp.Integer(10) ** 100)),
        ("exp tower", lambda: sp.exp(sp.exp(sp.exp(sp.exp(sp.exp(x)))))),
        ("deep", lambda: deep),
        ("wide", lambda: sp.Add(*[x**k for k in range(2, 3000)])),
        ("Float 10000 digits", lambda: sp.Float("1.5", 10000)),
        ("1j", lambda: 1j), ("1+2j", lambda: 1 + 2j),
        ("complex step", lambda: np.complex128(1.0 + 1e-20j)),
        ("nan", lambda: float("nan")), ("inf", lambda: math.inf),
        ("-inf", lambda: -math.inf),
        ("np.nan", lambda: np.nan), ("[1, None]", lambda: [1.0, None]),
        ("[None]", lambda: [None]), ("ragged", lambda: [[1, 2], [3]]),
        ("nested ragged", lambda: [1, [2, 3]]),
        ("generator", lambda: (k for k in range(3))),
        ("dict", lambda: {1: 2}), ("set", lambda: {1, 2}),
        ("frozenset", lambda: frozenset()),
        ("bytes", lambda: b"1"), ("object", object), ("the class int", lambda: int),
        ("module", lambda: np), ("str array", lambda: np.array(["a", "b"])),
        ("bool array", lambda: np.array([True, False])),
        ("complex array", lambda: np.array([1 + 2j])),
        ("object array", lambda: np.array([1, None], dtype=object)),
        ("empty list", lambda: []), ("empty array", lambda: np.array([])),
    ]


def bad_functions() -> list[tuple[str, Maker]]:
    """Functions that are no answer, for the arguments that take a function."""
    returning = [
        ("None", None), ("text", "text"), ("[1, None]", [1.0, None]), ("dict", {1: 2}),
        ("set", {1.0}), ("symbol", sp.Symbol("x")), ("sp.true", sp.true),
        ("x > 0", x > 0),
        ("10**400", 10**400), ("2**20000", 2**20000), ("1+2j", 1 + 2j),
        ("complex step", np.complex128(1 + 1e-20j)), ("nan", np.nan), ("inf", np.inf),
        ("3-tuple", (1.0, 2.0, 3.0)), ("7 ones", np.ones(7)), ("2x2", np.ones((2, 2))),
        ("str array", np.array(["a"])), ("FiniteSet", sp.FiniteSet(1)),
        ("Matrix", sp.Matrix([1, 2])), ("sp.oo", sp.oo), ("sp.zoo", sp.zoo),
        ("sp.nan", sp.nan), ("x**(10**100)", x ** (10**100)),
        ("sin(10**100)", sp.sin(sp.Integer(10) ** 100)),
        ("sp 2**20000", sp.Integer(2) ** 20000),
        ("object array", np.array([1, None], dtype=object)),
        ("bool array", np.array([True])), ("empty", np.array([])),
    ]
    makers = [(f"returns {label}", (lambda v=v: lambda *args: v))
              for label, v in returning]
    return makers + [
        ("returns a generator", lambda: lambda *args: (k for k in range(3))),
        ("returns its arguments", lambda: lambda *args: args),
        ("returns a function", lambda: lambda *args: print),
        ("raises ZeroDivisionError", lambda: _raise(ZeroDivisionError)),
        ("raises NotImplementedError", lambda: _raise(NotImplementedError)),
        ("raises KeyError", lambda: _raise(KeyError)),
        ("raises ValueError", lambda: _raise(ValueError)),
        ("calls itself forever", lambda: _forever),
        ("no arguments", lambda: lambda: 1.0),
        ("generator function", lambda: _generator_function),
        ("builtin len", lambda: len), ("builtin print", lambda: print),
        ("class Matrix", lambda: sp.Matrix), ("sp.Lambda", lambda: sp.Lambda(x, x)),
    ]


def cases(slot: Slot) -> list[tuple[str, str, Maker]]:
    """(category, label, make) for one slot: right, wrong and bad answers."""
    out = [("right", "the worked answer", lambda v=slot.right[slot.position]: v)]
    out += [("right", f"right form {i}", lambda v=v: v)
            for i, v in enumerate(slot.more_right)]
    out += [("wrong", f"wrong {i}", lambda v=v: v) for i, v in enumerate(slot.wrong)]
    out += [("bad", label, make) for label, make in bad_values()]
    if slot.kind in ("function", "delta", "object"):
        out += [("bad", label, make) for label, make in bad_functions()]
    return out


# --- messages that give the answer away ----------------------------------------------

_STANDALONE = re.compile(r"(?<![\w.*/^])[-+]?(?:\d+(?:\.\d+)?(?:e[-+]?\d+)?)"
                         r"(?:/\d+(?:\.\d+)?)?(?![\w*/^(]|\.\d)")
_WORDS = set("sin cos tan exp log ln sqrt pi e oo x y m a h s ds dx t u rho phi theta delta "
             "F M O Abs".split())


def leaked(slot: Slot, message: str) -> list[str]:
    """Numbers and formulas written in a message that pass when pasted back."""
    if slot.kind not in ("number", "formula"):
        return []
    # the student's own answer, echoed before "is not right", is not the message's doing
    message = re.sub(r"^([^:]*: ).*? (is not equivalent|is not right|is close)"
                     r"", r"\1\2",
                     message, count=1)
    candidates = {m.group(0) for m in _STANDALONE.finditer(message.replace(" %", ""))}
    if slot.kind == "formula":
        candidates |= _formula_spans(message)
    return [c for c in sorted(candidates) if _passes(slot, c)]


def _formula_spans(message: str) -> set[str]:
    tokens = message.replace("Hint:", " ").split()
    spans = set()
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + 8, len(tokens)) + 1):
            span = " ".join(tokens[i:j]).strip(".,;:!?'\"`")
            words = re.findall(r"[A-Za-z_]+", span)
            if (words and all(w in _WORDS for w in words)
                    and re.search(r"[\d*/^+-]", span)):
                spans.add(span)
    return spans


def _passes(slot: Slot, candidate: str) -> bool:
    for value in (candidate, _as_float(candidate)):
        if value is None:
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                slot.call(value)
        except CheckFailure:
            continue
        except Exception:  # noqa: BLE001 - a crash is not a pass
            continue
        return True
    return False


def _as_float(text: str) -> float | None:
    try:
        return float(Fraction(text))
    except (ValueError, ZeroDivisionError):
        return None


# --- running a case ------------------------------------------------------------------

@dataclass
class Outcome:
    result: str          # accepted, rejected, crashed, slow or hung
    seconds: float
    message: str = ""


class _Hung(BaseException):
    pass


def run(slot: Slot, make: Maker, hang_after: float | None = None) -> Outcome:
    """Call the slot's check with one value; classify what happens.

    With ``hang_after`` (main thread, Unix only), a call still running after that many
    seconds is stopped and reported as "hung".
    """
    value = make()
    alarm = hang_after is not None and hasattr(signal, "SIGALRM")
    if alarm:
        def stop(signum, frame):
            raise _Hung
        previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, hang_after)
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            slot.call(value)
        result, message = "accepted", ""
    except CheckFailure as failure:
        result, message = "rejected", _text(failure)
    except _Hung:
        result, message = "hung", ""
    except Exception as exc:  # noqa: BLE001 - what the checks must never do
        result, message = "crashed", f"{type(exc).__name__}: {_text(exc)}"
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    seconds = time.perf_counter() - start
    if result in ("accepted", "rejected") and seconds > BUDGET:
        result = "slow"
    return Outcome(result, seconds, message)


def _text(exc: BaseException) -> str:
    try:
        return str(exc)[:300]
    except Exception:  # noqa: BLE001 - e.g. an int too long to print
        return "<message cannot be printed>"


def main(argv: list[str] | None = None) -> int:
    """Count the outcomes of every case; print the surprises and the totals."""
    hang_after = float((argv or sys.argv[1:] or ["10"])[0])
    counts = {"right": Counter(), "wrong": Counter(), "bad": Counter()}
    leaks, judged, worst = 0, 0, (0.0, "")
    for slot in slots():
        for category, label, make in cases(slot):
            outcome = run(slot, make, hang_after=hang_after)
            counts[category][outcome.result] += 1
            if outcome.seconds > worst[0]:
                worst = (outcome.seconds, f"{slot.name} {label}")
            expected = "accepted" if category == "right" else "rejected"
            if outcome.result != expected:
                print(f"{slot.name} {category} {label}: {outcome.result} "
                      f"{outcome.message[:100]!r}", flush=True)
            if (category == "wrong" and outcome.result == "rejected"
                    and slot.kind in ("number", "formula")):
                judged += 1
                found = leaked(slot, outcome.message)
                leaks += bool(found)
                if found:
                    print(f"{slot.name} {label}: {found} in {outcome.message[:100]!r}",
                          flush=True)
    for category, counter in counts.items():
        print(f"{category:6s} {sum(counter.values()):5d} cases: " + ", ".join(
            f"{k} {v}" for k, v in sorted(counter.items())))
    print("rejected wrong numbers and formulas whose message holds a value that passes "
          f"when pasted back: {leaks} of {judged}")
    print(f"slowest case: {worst[0]:.2f} s ({worst[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
