"""Generative models of Part V trained on the CPU and scored: training time, metrics.

VAE (:doc:`/chapters/19-vae`): ``mathlib.vae.train_vae``, the chapter's recipe (latent
size 2, binarised 8x8 digits, a held-out test split), with the test ELBO and an
importance-weighted estimate of log p(x) (K = 500) next to the independent-pixel
baseline, and the goal: test ELBO >= -20.0 nats per image and at least 5 nats above
the baseline.

Diffusion (:doc:`/chapters/22-diffusion`): the noise-prediction network of
``mathlib.diffusion.train_noise_predictor`` (the chapter's recipe) on two moons with
noise 0.05, sampled with the ancestral sampler and the probability-flow ODE, scored
against fresh data by sliced Wasserstein-2 and RBF MMD^2 (bandwidth 0.1) next to their
noise floors, with the chapter's quality gate; and the time of one training step with
``mathlib.autodiff`` against the same network in PyTorch (CPU, one thread), when PyTorch
is importable (it is never a dependency of the book).

Run ``python benchmarks/generative.py [--out DIR] [--seed N]``. With ``--out`` the
script also writes ``samples.npy`` (the 2000 ancestral samples, shape (2000, 2)) and
``data_a.npy``, ``data_b.npy`` (two independent fresh draws of the data, 2000 each), so
the gate can be checked by code that is not the book's. BLAS and PyTorch use one thread
each.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before NumPy loads its BLAS: one thread

import numpy as np  # noqa: E402
from autodiff import best_times  # noqa: E402 - benchmarks/autodiff.py, the same timer


def _mathlib_step(schedule, dtype, batch: int, seed: int):
    from mathlib.diffusion import NoisePredictor, denoising_loss
    from mathlib.optim import Adam

    rng = np.random.default_rng(seed)
    net = NoisePredictor(2, 64, 3, 6, rng, dtype=dtype)
    opt = Adam(lr=1e-3)
    x0 = rng.normal(size=(batch, 2))

    def step() -> None:
        t = 1e-3 + (1 - 1e-3) * rng.uniform(size=batch) ** 2
        loss = denoising_loss(net, x0, t, rng.normal(size=(batch, 2)), schedule)
        for p in net.params:
            p.zero_grad()
        loss.backward()
        opt.step([p.data for p in net.params], [p.grad for p in net.params])

    return step


def _torch_step(torch, dtype, batch: int, seed: int, beta_min: float, beta_max: float):
    torch.manual_seed(seed)
    sizes = [14, 64, 64, 64, 2]
    layers = []
    for k, (m, n) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(torch.nn.Linear(m, n, dtype=dtype))
        if k < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    freqs = math.pi * 2.0 ** torch.arange(6, dtype=dtype)
    x0 = torch.randn(batch, 2, dtype=dtype)

    def step() -> None:
        t = 1e-3 + (1 - 1e-3) * torch.rand(batch, dtype=dtype) ** 2
        ab = torch.exp(-(beta_min * t + 0.5 * (beta_max - beta_min) * t * t))[:, None]
        eps = torch.randn(batch, 2, dtype=dtype)
        xt = ab.sqrt() * x0 + (1 - ab).sqrt() * eps
        angles = t[:, None] * freqs
        h = torch.cat([xt, angles.sin(), angles.cos()], 1)
        loss = ((net(h) - eps) ** 2).sum() / batch
        opt.zero_grad()
        loss.backward()
        opt.step()

    return step


def vae_rows(rng_seed: int) -> list[tuple[str, str, str]]:
    """Train the chapter's VAE from ``rng_seed``; return (quantity, value, comment) rows."""
    from mathlib.datasets import binary_digits
    from mathlib.vae import PixelBaseline, elbo, iwae_log_px, train_vae

    rng = np.random.default_rng(rng_seed)
    digits = binary_digits(rng)
    start = time.perf_counter()
    cpu = time.process_time()
    trained = train_vae(digits.x_train, rng, n_latent=2, show_progress=False)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    eval_rng = np.random.default_rng(rng_seed + 1)
    draws = [elbo(trained.model, digits.x_test, eval_rng).data for _ in range(50)]
    test_elbo = float(np.mean(draws))
    test_iwae = float(iwae_log_px(trained.model, digits.x_test, 500, eval_rng).mean())
    base = float(PixelBaseline(digits.x_train).log_px(digits.x_test).mean())
    goal = test_elbo >= -20.0 and test_elbo >= base + 5.0
    return [
        ("VAE: training", f"{seconds:.1f} s",
         f"CPU {cpu:.1f} s; {len(digits.x_train)} training, {len(digits.x_test)} test"),
        ("VAE: test ELBO, nats/image", f"{test_elbo:.2f}",
         "goal >= -20.0 and >= baseline + 5: " + ("met" if goal else "NOT MET")),
        ("VAE: test log p(x), IWAE K = 500", f"{test_iwae:.2f}", ""),
        ("independent pixels: test log p(x)", f"{base:.2f}", "the baseline"),
    ]


def diffusion_rows(rng_seed: int, out_dir: str | Path | None = None) -> list[tuple]:
    """Train, sample and score the chapter's diffusion model; time a training step.

    Returns rows ``(quantity, value, comment)``; with ``out_dir``, writes
    ``samples.npy``, ``data_a.npy`` and ``data_b.npy`` there.
    """
    from mathlib.datasets import two_moons
    from mathlib.diffusion import (
        VPSchedule,
        ancestral_sample,
        probability_flow_sample,
        train_noise_predictor,
    )
    from mathlib.sample_metrics import mmd2_rbf, sliced_wasserstein2

    rng = np.random.default_rng(rng_seed)
    schedule = VPSchedule(100)
    moons, _ = two_moons(12_800, 0.05, rng)
    start = time.perf_counter()
    net, history = train_noise_predictor(moons, schedule, rng, show_progress=False)
    train_seconds = time.perf_counter() - start
    n_steps = 120 * 25  # the recipe: 120 epochs of 25 batches of 512
    n = 2000
    samples = {
        "ancestral": net.to_data(ancestral_sample(net, schedule, n, 2, rng)),
        "probability flow": net.to_data(
            probability_flow_sample(net, schedule, rng.normal(size=(n, 2)), 50)
        ),
    }
    data_a, _ = two_moons(n, 0.05, rng)
    data_b, _ = two_moons(n, 0.05, rng)
    blurred = data_b + 0.1 * rng.normal(size=data_b.shape)

    def sw(x: np.ndarray) -> float:
        return sliced_wasserstein2(x, data_a, np.random.default_rng(0))

    floor_sw, floor_mmd = sw(data_b), mmd2_rbf(data_b, data_a, 0.1)
    blur_mmd = mmd2_rbf(blurred, data_a, 0.1)
    rows = [
        ("diffusion: training (3000 Adam steps)", f"{train_seconds:.1f} s",
         f"{1e3 * train_seconds / n_steps:.2f} ms/step, final loss {history[-1]:.3f}"),
        ("diffusion: SW2 noise floor", f"{floor_sw:.4f}", "fresh vs fresh data"),
        ("diffusion: MMD^2 noise floor", f"{floor_mmd:.5f}", "fresh vs fresh data"),
        ("diffusion: MMD^2 of data blurred", f"{blur_mmd:.5f}", "sd 0.1: the gate"),
    ]
    for name, x in samples.items():
        ratio, mmd = sw(x) / floor_sw, mmd2_rbf(x, data_a, 0.1)
        gate = "pass" if ratio <= 1.5 and mmd < blur_mmd else "FAIL"
        rows.append((f"diffusion: {name}, SW2 / floor", f"{ratio:.2f}",
                     f"MMD^2 {mmd:.5f}; gate {gate}"))
    if out_dir is not None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        np.save(out / "samples.npy", samples["ancestral"])
        np.save(out / "data_a.npy", data_a)
        np.save(out / "data_b.npy", data_b)
        rows.append(("diffusion: arrays written", str(out),
                     "samples.npy, data_a.npy, data_b.npy"))

    steps = {"mathlib float32": _mathlib_step(schedule, np.float32, 512, rng_seed),
             "mathlib float64": _mathlib_step(schedule, np.float64, 512, rng_seed)}
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        torch.set_num_threads(1)
        for label, dtype in (("float32", torch.float32), ("float64", torch.float64)):
            steps[f"torch {label}"] = _torch_step(
                torch, dtype, 512, rng_seed, schedule.beta_min, schedule.beta_max
            )
    times = best_times(steps, repeats=5, number=40)
    for name, seconds in times.items():
        comment = ""
        if name.startswith("mathlib") and torch is not None:
            same = times["torch " + name.split()[1]]
            comment = f"PyTorch / mathlib = {same / seconds:.2f} (goal >= 1)"
        rows.append((f"diffusion step, {name}", f"{1e3 * seconds:.3f} ms", comment))
    if torch is None:
        rows.append(("diffusion step, PyTorch", "-", "not installed"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="directory for samples.npy, data_a/b.npy")
    parser.add_argument("--seed", type=int, default=0, help="seed of both runs")
    args = parser.parse_args()
    rows = vae_rows(args.seed) + diffusion_rows(args.seed, args.out)
    width = max(len(r[0]) for r in rows)
    for quantity, value, comment in rows:
        print(f"{quantity:{width}s}  {value:>10s}  {comment}")


if __name__ == "__main__":
    main()
