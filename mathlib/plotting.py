"""Pictures of functions of two variables: level sets, gradients and optimiser paths.

Every helper takes a Matplotlib ``Axes`` first, draws on it and returns what it drew;
none calls ``plt.show()``. The functions ``f`` they take map a point ``p`` of shape
``(2,)`` to a number; they are evaluated on a grid by stacking the grid into one array
of shape ``(2, ny, nx)``, so write ``f`` with ``p[0]`` and ``p[1]`` and NumPy
operations, and it works on both. Used from :doc:`/chapters/08-gradients` on.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathlib._validate import function, real_array, whole_number

__all__ = ["grid_values", "plot_level_sets", "plot_gradient_field", "plot_path"]


def _limits(lim: ArrayLike, name: str) -> tuple[float, float]:
    arr = real_array(lim, name, ndim=1)
    if arr.shape != (2,) or not arr[0] < arr[1]:
        raise ValueError(f"{name} must be (low, high) with low < high, got {lim!r}")
    return float(arr[0]), float(arr[1])


def grid_values(
    f: Callable, xlim: ArrayLike, ylim: ArrayLike, n: int = 201
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluate ``f`` on an ``n`` by ``n`` grid over ``xlim`` × ``ylim``.

    Parameters
    ----------
    f : callable
        ``f(p)`` for a point ``p = (x, y)``; called once, with ``p`` of shape
        ``(2, n, n)``.
    xlim, ylim : pair of float
        The ranges of the two coordinates.
    n : int, default 201
        Grid points per coordinate.

    Returns
    -------
    X, Y, Z : ndarray
        The grid coordinates and the values, each of shape ``(n, n)``.

    Examples
    --------
    >>> X, Y, Z = grid_values(lambda p: p[0] ** 2 + p[1] ** 2, (-1, 1), (-1, 1), n=3)
    >>> Z.tolist()
    [[2.0, 1.0, 2.0], [1.0, 0.0, 1.0], [2.0, 1.0, 2.0]]
    """
    f = function(f, "f")
    n = whole_number(n, "n", minimum=2)
    X, Y = np.meshgrid(np.linspace(*_limits(xlim, "xlim"), n),
                       np.linspace(*_limits(ylim, "ylim"), n))
    Z = np.asarray(f(np.stack([X, Y])), dtype=float)
    if Z.shape != X.shape:
        raise ValueError(f"f must work on a stacked grid of shape (2, {n}, {n}) and "
                         f"return shape ({n}, {n}); got shape {Z.shape}")
    return X, Y, Z


def plot_level_sets(
    ax,
    f: Callable,
    xlim: ArrayLike,
    ylim: ArrayLike,
    levels: int | ArrayLike = 12,
    n: int = 201,
    filled: bool = True,
    cmap: str = "Blues_r",
):
    """Draw level sets of ``f`` over ``xlim`` × ``ylim``: shaded bands and lines.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    f : callable
        ``f(p)`` for a point ``p = (x, y)`` (see the module docstring).
    xlim, ylim : pair of float
        The ranges of the two coordinates.
    levels : int or array_like, default 12
        Number of levels, or the levels themselves (increasing).
    n : int, default 201
        Grid points per coordinate.
    filled : bool, default True
        Shade the bands between levels as well as drawing the lines.
    cmap : str, default "Blues_r"
        Colour map of the shading (light = high).

    Returns
    -------
    matplotlib.contour.QuadContourSet
        The contour lines (pass it to ``ax.clabel`` to label them).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> bowl = lambda p: p[0] ** 2 + 4 * p[1] ** 2
    >>> lines = plot_level_sets(ax, bowl, (-2, 2), (-1, 1))
    >>> len(lines.levels) > 0
    True
    """
    X, Y, Z = grid_values(f, xlim, ylim, n)
    if filled:
        ax.contourf(X, Y, Z, levels=levels, cmap=cmap, alpha=0.55)
    lines = ax.contour(X, Y, Z, levels=levels, colors="0.35", linewidths=0.7)
    ax.set(xlim=_limits(xlim, "xlim"), ylim=_limits(ylim, "ylim"), aspect="equal")
    return lines


def plot_gradient_field(
    ax, grad: Callable, xlim: ArrayLike, ylim: ArrayLike, n: int = 11,
    scale: float | None = None, color: str = "tab:red",
):
    """Draw the gradient ``grad(p)`` as arrows on an ``n`` by ``n`` grid.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    grad : callable
        ``grad(p)`` for ``p`` of shape ``(2, n, n)`` returns shape ``(2, n, n)``: the
        two partial derivatives at every grid point.
    xlim, ylim : pair of float
        The ranges of the two coordinates.
    n : int, default 11
        Arrows per coordinate.
    scale : float, optional
        Matplotlib's ``quiver`` scale (larger = shorter arrows); default: automatic.
    color : str, default "tab:red"
        Colour of the arrows.

    Returns
    -------
    matplotlib.quiver.Quiver

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> arrows = plot_gradient_field(ax, lambda p: 2 * p, (-1, 1), (-1, 1), n=5)
    >>> arrows.N
    25
    """
    grad = function(grad, "grad")
    n = whole_number(n, "n", minimum=2)
    X, Y = np.meshgrid(np.linspace(*_limits(xlim, "xlim"), n),
                       np.linspace(*_limits(ylim, "ylim"), n))
    G = np.asarray(grad(np.stack([X, Y])), dtype=float)
    if G.shape != (2, n, n):
        raise ValueError(f"grad must return shape (2, {n}, {n}) on the stacked grid, "
                         f"got {G.shape}")
    return ax.quiver(X, Y, G[0], G[1], color=color, scale=scale, angles="xy",
                     width=0.004)


def plot_path(ax, path: ArrayLike, color: str = "tab:orange", label: str | None = None,
              markersize: float = 3.0):
    """Draw an optimiser's iterates ``x_0, x_1, ...`` as dots joined by lines.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    path : array_like of shape (k, 2)
        The iterates, one row each. Points that are not finite (a diverged run) are left
        out, so a path that blows up ends where it leaves the plane of floats.
    color : str, default "tab:orange"
        Colour of the path.
    label : str, optional
        Legend label.
    markersize : float, default 3.0
        Size of the dots; the first point is drawn larger.

    Returns
    -------
    list of matplotlib.lines.Line2D
        The path and its starting point.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> len(plot_path(ax, [[1.0, 1.0], [0.5, 0.2], [0.1, 0.0]]))
    2
    """
    path = real_array(path, "path", ndim=2, finite=False)
    if path.shape[1] != 2 or len(path) == 0:
        raise ValueError(f"path must have shape (k, 2) with k >= 1, got {path.shape}")
    path = path[np.all(np.isfinite(path), axis=1)]
    lines = ax.plot(path[:, 0], path[:, 1], "o-", color=color, ms=markersize, lw=1.2,
                    label=label)
    lines += ax.plot(path[:1, 0], path[:1, 1], "o", color=color, ms=2.2 * markersize)
    return lines
