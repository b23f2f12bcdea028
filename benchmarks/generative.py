"""Train the book's generative models and score them against their baselines.

``vae_rows`` trains the VAE of :doc:`/chapters/19-vae` with the chapter's
recipe, ``mathlib.vae.train_vae`` (latent size 2, binarised 8x8 digits, a held-out test
split), and reports the training time, the test ELBO and an importance-weighted
estimate of log p(x) (K = 500) next to the independent-pixel baseline, with the goal:
test ELBO >= -20.0 nats per image and at least 5 nats above the baseline.

Run ``python benchmarks/generative.py [--out DIR] [--seed N]``; it takes about ten
seconds on an idle core. BLAS uses one thread (set OPENBLAS_NUM_THREADS to override).
"""

from __future__ import annotations

import argparse
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before NumPy loads its BLAS


def vae_rows(rng_seed: int) -> list[tuple[str, str]]:
    """Train the chapter's VAE from ``rng_seed``; return (quantity, value) rows."""
    import time

    import numpy as np

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
        ("VAE: training images / test images", f"{len(digits.x_train)} / "
                                                f"{len(digits.x_test)}"),
        ("VAE: training time (wall / CPU), s", f"{seconds:.1f} / {cpu:.1f}"),
        ("VAE: test ELBO, nats/image", f"{test_elbo:.2f}"),
        ("VAE: test log p(x), IWAE K = 500", f"{test_iwae:.2f}"),
        ("independent pixels: test log p(x)", f"{base:.2f}"),
        ("VAE goal: ELBO >= -20.0 and >= baseline + 5", "met" if goal else "NOT MET"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="folder for the arrays of the run (optional)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the VAE run")
    args = parser.parse_args()
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    rows = vae_rows(args.seed)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
