"""Tests of mathlib.training: the minibatch split, the loop against least squares."""

import numpy as np
import pytest

from mathlib.autodiff import Tensor
from mathlib.optim import SGD, Adam
from mathlib.training import fit, minibatches, progress


def test_minibatches_partition_the_indices_in_a_seeded_order():
    batches = list(minibatches(10, 4, np.random.default_rng(1)))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches).tolist()) == list(range(10))
    again = list(minibatches(10, 4, np.random.default_rng(1)))
    assert all(np.array_equal(a, b) for a, b in zip(batches, again, strict=True))


@pytest.mark.parametrize("bad", [0, -1, 2.5, None])
def test_minibatches_reject_bad_sizes(bad):
    with pytest.raises((TypeError, ValueError)):
        list(minibatches(bad, 2, np.random.default_rng(0)))
    with pytest.raises((TypeError, ValueError)):
        list(minibatches(4, bad, np.random.default_rng(0)))


def test_fit_reaches_the_least_squares_solution():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = x @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=200)
    w = Tensor(np.zeros(3), requires_grad=True)

    def loss(idx):
        r = Tensor(x[idx]) @ w - y[idx]
        return (r * r).sum() / len(idx)

    history = fit(loss, [w], Adam(lr=0.05), 200, epochs=150, batch_size=50,
                  rng=np.random.default_rng(1), show_progress=False)
    exact = np.linalg.lstsq(x, y, rcond=None)[0]
    assert history.shape == (150,) and history[-1] < history[0] / 10
    np.testing.assert_allclose(w.data, exact, atol=2e-2)


def test_fit_prints_a_short_deterministic_log(capsys):
    w = Tensor(np.zeros(1), requires_grad=True)
    fit(lambda i: (w * w).sum() + 1.0, [w], SGD(lr=0.1), 3, epochs=5, batch_size=3,
        rng=np.random.default_rng(0), log_every=2, show_progress=False)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["2", "4", "5"]
    assert lines[0] == "epoch    2  loss 1.0000"


def test_fit_names_the_step_of_a_diverging_loss():
    w = Tensor(np.ones(1), requires_grad=True)
    with pytest.raises(ValueError, match="epoch 1, step 1"):
        fit(lambda i: (w * np.inf).sum(), [w], SGD(lr=0.1), 2, epochs=1, batch_size=2,
            rng=np.random.default_rng(0), show_progress=False)


def test_fit_rejects_a_non_scalar_loss_and_bad_params():
    w = Tensor(np.ones(2), requires_grad=True)
    with pytest.raises(ValueError, match="scalar"):
        fit(lambda i: w * 2, [w], SGD(lr=0.1), 2, epochs=1, batch_size=2,
            rng=np.random.default_rng(0), show_progress=False)
    with pytest.raises(TypeError, match="Tensors"):
        fit(lambda i: w.sum(), [w.data], SGD(lr=0.1), 2, epochs=1, batch_size=2,
            rng=np.random.default_rng(0))


def test_progress_shows_no_bar_in_the_site_build(monkeypatch):
    monkeypatch.setenv("MATHLIB_STATIC_FRAMES", "1")
    items = range(3)
    assert progress(items, total=3, desc="x") is items
    monkeypatch.setenv("MATHLIB_STATIC_FRAMES", "0")
    bar = progress(items, total=3, desc="x")
    assert bar is not items and list(bar) == [0, 1, 2]
