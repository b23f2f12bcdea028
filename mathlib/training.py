"""Training loops on ``mathlib.autodiff``: shuffled minibatches, progress, a short log.

``fit`` runs the loop every training chapter needs: each epoch visits the examples in a
fresh random order, in minibatches; for each batch it computes a scalar loss ``Tensor``,
calls ``backward()``, lets an optimizer from ``mathlib.optim`` update the parameters
and clears their gradients. A live kernel shows a progress bar (tqdm); the site build
(``MATHLIB_STATIC_FRAMES=1``) and ``progress=False`` show none, so a built page holds
only the deterministic log that ``fit`` prints. See :doc:`/chapters/17-training`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

from ._validate import function, generator, whole_number
from .autodiff.tensor import Tensor
from .optim import Optimizer
from .widgets import static_frames_requested

__all__ = ["fit", "minibatches", "progress"]


def minibatches(n: int, batch_size: int, rng: np.random.Generator) -> Iterator[np.ndarray]:
    """Split the indices ``0, ..., n - 1``, shuffled, into batches of ``batch_size``.

    Parameters
    ----------
    n : int
        Number of examples, at least 1.
    batch_size : int
        Examples per batch, at least 1; the last batch holds the remainder.
    rng : numpy.random.Generator
        Source of the shuffle.

    Yields
    ------
    numpy.ndarray
        Integer index arrays that together hold every index once.

    Examples
    --------
    >>> batches = list(minibatches(5, 2, np.random.default_rng(0)))
    >>> [len(b) for b in batches], sorted(np.concatenate(batches).tolist())
    ([2, 2, 1], [0, 1, 2, 3, 4])
    """
    n = whole_number(n, "minibatches: n", minimum=1)
    batch_size = whole_number(batch_size, "minibatches: batch_size", minimum=1)
    order = generator(rng, "minibatches: rng").permutation(n)
    for start in range(0, n, batch_size):
        yield order[start : start + batch_size]


def progress(iterable: Iterable, total: int, desc: str, show: bool = True) -> Iterable:
    """Wrap ``iterable`` in a tqdm progress bar in a live kernel, else return it.

    No bar is shown when ``show`` is false or when the site build executes the
    notebook (``MATHLIB_STATIC_FRAMES=1``): a bar there would be stray stderr output.

    Parameters
    ----------
    iterable : iterable
        What the loop runs over.
    total : int
        Its length, for the bar.
    desc : str
        Label of the bar.
    show : bool, default True
        False to never show a bar (scripts, benchmarks).

    Returns
    -------
    iterable
        ``tqdm.auto.tqdm(iterable, ...)`` or ``iterable`` itself.

    Examples
    --------
    >>> list(progress(range(3), total=3, desc="demo", show=False))
    [0, 1, 2]
    """
    if not show or static_frames_requested():
        return iterable
    from tqdm.auto import tqdm  # a book requirement, not one of mathlib's

    return tqdm(iterable, total=total, desc=desc, leave=False)


def fit(
    loss: Callable[[np.ndarray], Tensor],
    params: Sequence[Tensor],
    optimizer: Optimizer,
    n: int,
    *,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
    log_every: int = 0,
    show_progress: bool = True,
    desc: str = "training",
) -> np.ndarray:
    """Minimise ``loss`` over minibatches with ``optimizer``; return each epoch's loss.

    Parameters
    ----------
    loss : callable
        ``loss(idx)`` returns the scalar loss ``Tensor`` of the examples ``idx`` (an
        integer index array), built from ``params``.
    params : sequence of Tensor
        The leaf tensors to train; updated in place.
    optimizer : mathlib.optim.Optimizer
        E.g. ``Adam(lr=1e-2)``.
    n : int
        Number of training examples.
    epochs, batch_size : int
        Passes over the data, and examples per step.
    rng : numpy.random.Generator
        Source of the shuffles (and of nothing else).
    log_every : int, default 0
        Print ``epoch  k  loss  x`` every ``log_every`` epochs and after the last;
        0 prints nothing.
    show_progress : bool, default True
        Show a progress bar over the epochs in a live kernel (see ``progress``).
    desc : str, default "training"
        Label of the progress bar.

    Returns
    -------
    numpy.ndarray
        Shape ``(epochs,)``: the mean of the batch losses of each epoch, weighted by
        batch size.

    Raises
    ------
    ValueError
        If a loss is not a scalar or not finite (the epoch and step are named).

    Examples
    --------
    >>> from mathlib.optim import SGD
    >>> w = Tensor(np.zeros(1), requires_grad=True)
    >>> y = np.array([1.0, 3.0])
    >>> losses = fit(lambda i: ((w - y[i]) ** 2).sum() / len(i), [w], SGD(lr=0.1), 2,
    ...              epochs=60, batch_size=2, rng=np.random.default_rng(0),
    ...              show_progress=False)
    >>> round(float(w.data[0]), 3), bool(losses[-1] < losses[0])
    (2.0, True)
    """
    function(loss, "fit: loss")
    params = list(params)
    if not params or not all(isinstance(p, Tensor) and p.requires_grad for p in params):
        raise TypeError("fit: params must be a non-empty list of Tensors with requires_grad")
    if not isinstance(optimizer, Optimizer):
        raise TypeError(f"fit: optimizer must be an Optimizer, got {type(optimizer).__name__}")
    n = whole_number(n, "fit: n", minimum=1)
    epochs = whole_number(epochs, "fit: epochs", minimum=1)
    log_every = whole_number(log_every, "fit: log_every")
    rng = generator(rng, "fit: rng")
    history = np.empty(epochs)
    for epoch in progress(range(epochs), epochs, desc, show_progress):
        total = 0.0
        for step, idx in enumerate(minibatches(n, batch_size, rng)):
            value = loss(idx)
            if not isinstance(value, Tensor) or value.size != 1:
                raise ValueError(f"fit: loss(idx) must be a scalar Tensor, got {value!r}")
            if not np.isfinite(value.item()):
                raise ValueError(f"fit: the loss is {value.item()} at epoch {epoch + 1}, "
                                 f"step {step + 1}; try a smaller learning rate")
            for p in params:
                p.zero_grad()
            value.backward()
            optimizer.step([p.data for p in params], [p.grad for p in params])
            total += value.item() * len(idx)
        history[epoch] = total / n
        if log_every and ((epoch + 1) % log_every == 0 or epoch + 1 == epochs):
            print(f"epoch {epoch + 1:4d}  loss {history[epoch]:.4f}")
    return history
