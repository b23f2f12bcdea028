"""Time one training step of an MLP with mathlib.autodiff against three references.

A step is forward + backward + Adam update of an MLP 2 -> 128 -> 128 -> 1 (tanh) with
the binary cross-entropy loss on a batch of 256 two-moons points. Compared:

1. ``mathlib.autodiff`` (``mathlib.nn.MLP``, ``mathlib.optim.Adam``);
2. the same network with backpropagation written by hand in NumPy: the floor for any
   engine
   built on NumPy (it uses the same ``Adam`` class, so only the gradient code differs);
3. a scalar, micrograd-style engine (the ``Value`` class below) on 2 examples, the time
   scaled per example;
4. PyTorch on the CPU, only if it is importable.

A second table times one step of a small convolutional network on 8 x 8 images
(conv 1 -> 8 channels, 3 x 3, padding 1; ReLU; conv 8 -> 16, 3 x 3, stride 2, padding
1; ReLU; a linear layer 256 -> 10; cross-entropy; Adam) on a batch of 64, with
``mathlib.autodiff.conv2d`` against PyTorch on one thread, if it is installed. The
conv net's images and labels are random: the time does not depend on them.

Run ``python benchmarks/autodiff.py``; it takes well under a minute. Goals: mathlib /
hand NumPy <= 1.3 and scalar / mathlib per example >= 1000. The engines are timed in
turns (interleaved), so a change in the machine's load affects all of them alike; BLAS
and PyTorch use one thread each (set OPENBLAS_NUM_THREADS to override).

Memory: by default glibc hands freed memory back to the system at once, so every step
pays page faults for its fresh arrays, and how many depends on what the engine timed
before it left behind (interleaved, the hand-written step ran up to 1.6 times faster
than on its own). The script therefore asks glibc to keep freed memory (``mallopt``,
where available): every engine then runs in a warm heap, and the times compare the
engines, not the allocator's history. ``--system-malloc`` keeps the default behaviour.
See :doc:`/chapters/16-autodiff` and :doc:`/chapters/17-training` (convolution).
"""

from __future__ import annotations

import ctypes
import math
import os
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before NumPy loads its BLAS: one thread, like PyTorch

import numpy as np  # noqa: E402

from mathlib.autodiff import ops  # noqa: E402
from mathlib.datasets import two_moons  # noqa: E402
from mathlib.layers import Conv2d, Sequential  # noqa: E402
from mathlib.nn import MLP, Linear, binary_cross_entropy, cross_entropy  # noqa: E402
from mathlib.optim import Adam  # noqa: E402

SIZES = (2, 128, 128, 1)
BATCH = 256
SCALAR_BATCH = 2
LR = 1e-3
SEED = 0


def best_times(steps: dict, repeats: int, number: int) -> dict:
    """Best mean time of ``number`` calls of each step, the steps timed in turns."""
    for step in steps.values():
        step()  # warm up
    best = dict.fromkeys(steps, math.inf)
    for _ in range(repeats):
        for name, step in steps.items():
            start = time.perf_counter()
            for _ in range(number):
                step()
            best[name] = min(best[name], (time.perf_counter() - start) / number)
    return best


# ----- 1. mathlib.autodiff -----------------------------------------------------------------


def mathlib_step(X: np.ndarray, y: np.ndarray):
    net = MLP(SIZES, np.random.default_rng(SEED), activation="tanh")
    params = net.parameters()
    opt = Adam(lr=LR)

    def step() -> None:
        net.zero_grad()
        loss = binary_cross_entropy(net(X), y)
        loss.backward()
        opt.step([p.data for p in params], [p.grad for p in params])

    return step


# ----- 2. backpropagation by hand in NumPy -----------------------------------------------


def numpy_step(X: np.ndarray, y: np.ndarray):
    # the same initial weights as MLP(SIZES, default_rng(SEED), "tanh")
    params = [p.data.copy() for p in MLP(SIZES, np.random.default_rng(SEED), "tanh").parameters()]
    opt = Adam(lr=LR)
    n = len(X)

    def step() -> None:
        W1, b1, W2, b2, W3, b3 = params
        h1 = np.tanh(X @ W1 + b1)
        h2 = np.tanh(h1 @ W2 + b2)
        z = h2 @ W3 + b3
        _loss = np.mean(np.logaddexp(0.0, z) - y * z)  # softplus(z) - y z
        dz = (1.0 / (1.0 + np.exp(-z)) - y) / n  # sigmoid(z) - y, averaged
        dh2 = (dz @ W3.T) * (1.0 - h2 * h2)
        dh1 = (dh2 @ W2.T) * (1.0 - h1 * h1)
        grads = [X.T @ dh1, dh1.sum(0), h1.T @ dh2, dh2.sum(0), h2.T @ dz, dz.sum(0)]
        opt.step(params, grads)

    return step


# ----- 3. a scalar engine, micrograd style -------------------------------------------------


class Value:
    """A scalar that records its parents and local derivatives (a minimal micrograd)."""

    __slots__ = ("data", "grad", "parents", "local")

    def __init__(self, data: float, parents: tuple = (), local: tuple = ()) -> None:
        self.data, self.grad, self.parents, self.local = data, 0.0, parents, local

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (1.0, 1.0))

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other), (other.data, self.data))

    __rmul__ = __mul__

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), (1.0 - t * t,))

    def softplus(self):
        z = self.data
        return Value(
            max(z, 0.0) + math.log1p(math.exp(-abs(z))), (self,), (1 / (1 + math.exp(-z)),)
        )

    def backward(self) -> None:
        order, seen, stack = [], set(), [(self, False)]
        while stack:  # iterative topological sort
            node, done = stack.pop()
            if done:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents)
        self.grad = 1.0
        for node in reversed(order):
            for parent, d in zip(node.parents, node.local, strict=True):
                parent.grad += d * node.grad


def scalar_step(X: np.ndarray, y: np.ndarray):
    arrays = [p.data for p in MLP(SIZES, np.random.default_rng(SEED), "tanh").parameters()]
    params = [[Value(float(v)) for v in a.ravel()] for a in arrays]
    flat = [v for group in params for v in group]
    opt = Adam(lr=LR)
    data = np.array([v.data for v in flat])

    def layer(inputs, W, b, n_in, n_out, act):
        out = []
        for j in range(n_out):
            s = b[j]
            for i in range(n_in):
                s = s + inputs[i] * W[i * n_out + j]
            out.append(s.tanh() if act else s)
        return out

    def step() -> None:
        for v in flat:
            v.grad = 0.0
        loss = Value(0.0)
        for xrow, target in zip(X, y[:, 0], strict=True):
            h = [Value(float(v)) for v in xrow]
            h = layer(h, params[0], params[1], SIZES[0], SIZES[1], True)
            h = layer(h, params[2], params[3], SIZES[1], SIZES[2], True)
            (z,) = layer(h, params[4], params[5], SIZES[2], SIZES[3], False)
            loss = loss + (z.softplus() + z * (-float(target))) * (1.0 / len(X))
        loss.backward()
        opt.step([data], [np.array([v.grad for v in flat])])
        for v, d in zip(flat, data, strict=True):
            v.data = float(d)

    return step


# ----- 4. PyTorch, if installed ------------------------------------------------------------


def torch_step(X: np.ndarray, y: np.ndarray):
    import torch

    torch.set_num_threads(1)
    arrays = [p.data for p in MLP(SIZES, np.random.default_rng(SEED), "tanh").parameters()]
    params = [torch.tensor(a, requires_grad=True) for a in arrays]
    opt = torch.optim.Adam(params, lr=LR)
    Xt, yt = torch.tensor(X), torch.tensor(y)

    def step() -> None:
        W1, b1, W2, b2, W3, b3 = params
        opt.zero_grad()
        z = torch.tanh(torch.tanh(Xt @ W1 + b1) @ W2 + b2) @ W3 + b3
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, yt)
        loss.backward()
        opt.step()

    return step


# ----- 5. a small conv net on 8 x 8 images: mathlib against PyTorch ----------------------

CONV_BATCH = 64


def conv_net(rng: np.random.Generator) -> Sequential:
    """conv 1->8 (3x3, pad 1), ReLU, conv 8->16 (3x3, stride 2, pad 1), ReLU, linear."""
    return Sequential(
        Conv2d(1, 8, 3, rng, padding=1), ops.relu,
        Conv2d(8, 16, 3, rng, stride=2, padding=1), ops.relu,
        lambda h: h.reshape(len(h.data), -1), Linear(16 * 4 * 4, 10, rng),
    )


def conv_mathlib_step(images: np.ndarray, labels: np.ndarray):
    net = conv_net(np.random.default_rng(SEED))
    params = net.parameters()
    opt = Adam(lr=LR)

    def step() -> None:
        for p in params:
            p.zero_grad()
        cross_entropy(net(images), labels).backward()
        opt.step([p.data for p in params], [p.grad for p in params])

    return step


def conv_torch_step(images: np.ndarray, labels: np.ndarray):
    import torch

    torch.set_num_threads(1)
    arrays = [p.data for p in conv_net(np.random.default_rng(SEED)).parameters()]
    w1, b1, w2, b2, w3, b3 = (torch.tensor(a, requires_grad=True) for a in arrays)
    params = [w1, b1, w2, b2, w3, b3]
    opt = torch.optim.Adam(params, lr=LR)
    xt, yt = torch.tensor(images), torch.tensor(labels)
    conv = torch.nn.functional.conv2d

    def step() -> None:
        opt.zero_grad()
        h = torch.relu(conv(xt, w1, b1, padding=1))
        h = torch.relu(conv(h, w2, b2, stride=2, padding=1))
        z = h.reshape(len(xt), -1) @ w3 + b3
        torch.nn.functional.cross_entropy(z, yt).backward()
        opt.step()

    return step


def conv_table() -> None:
    rng = np.random.default_rng(SEED)
    images = rng.normal(size=(CONV_BATCH, 1, 8, 8))
    labels = rng.integers(0, 10, CONV_BATCH)
    steps = {"mathlib.autodiff": conv_mathlib_step(images, labels)}
    try:
        steps["PyTorch (CPU, 1 thread)"] = conv_torch_step(images, labels)
    except ImportError:
        pass
    best = best_times(steps, repeats=30, number=5)
    print(f"\nOne training step, conv net on 8 x 8 images, batch {CONV_BATCH}, Adam")
    print(f"{'engine':<26}{'batch':>6}{'ms / step':>12}")
    for name, seconds in best.items():
        print(f"{name:<26}{CONV_BATCH:>6}{1e3 * seconds:>12.3f}")
    if len(best) == 1:
        print(f"{'PyTorch (not installed)':<26}{CONV_BATCH:>6}{'nan':>12}")
    else:
        ratio = best["mathlib.autodiff"] / best["PyTorch (CPU, 1 thread)"]
        print(f"\nmathlib / PyTorch, conv net step:                    {ratio:8.2f}")


def keep_freed_memory() -> bool:
    """Ask glibc to keep freed memory; False where that is not possible."""
    try:
        libc = ctypes.CDLL(None)
        m_trim_threshold, m_mmap_threshold = -1, -3  # from glibc's malloc.h
        kept = libc.mallopt(m_trim_threshold, 2**30)  # 1 on success
        return bool(kept and libc.mallopt(m_mmap_threshold, 2**30))
    except (OSError, AttributeError):  # not glibc: macOS, Windows, musl
        return False


def main() -> None:
    warm = "--system-malloc" not in sys.argv[1:] and keep_freed_memory()
    X, labels = two_moons(BATCH, 0.1, np.random.default_rng(SEED))
    y = labels[:, None].astype(float)
    steps = {"mathlib.autodiff": mathlib_step(X, y), "hand-written NumPy": numpy_step(X, y)}
    try:
        steps["PyTorch (CPU, 1 thread)"] = torch_step(X, y)
    except ImportError:
        pass
    best = best_times(steps, repeats=30, number=5)
    small = (X[:SCALAR_BATCH], y[:SCALAR_BATCH])
    best |= best_times({"scalar engine": scalar_step(*small)}, repeats=2, number=1)
    rows = [
        (name, SCALAR_BATCH if name == "scalar engine" else BATCH, t) for name, t in best.items()
    ]
    if len(steps) == 2:
        rows.append(("PyTorch (not installed)", BATCH, math.nan))

    heap = "warm heap (mallopt)" if warm else "system malloc"
    print(f"One training step, MLP {SIZES}, tanh, BCE loss, Adam; best of several")
    print(f"runs; {heap}")
    print(f"{'engine':<26}{'batch':>6}{'ms / step':>12}{'us / example':>15}")
    for name, batch, seconds in rows:
        print(f"{name:<26}{batch:>6}{1e3 * seconds:>12.3f}{1e6 * seconds / batch:>15.2f}")
    per_example = {name: seconds / batch for name, batch, seconds in rows}
    ratio = per_example["mathlib.autodiff"] / per_example["hand-written NumPy"]
    speedup = per_example["scalar engine"] / per_example["mathlib.autodiff"]
    print(f"\nmathlib / hand NumPy (goal <= 1.3):                  {ratio:8.2f}")
    print(f"scalar / mathlib, per example (goal >= 1000):        {speedup:8.0f}")
    conv_table()


if __name__ == "__main__":
    main()
