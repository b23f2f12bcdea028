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

from mathlib._validate import function, real_array, real_number, whole_number

__all__ = [
    "grid_values", "level_curves", "plot_level_sets", "plot_gradient_field", "plot_path",
    "plot_surface", "plot_vector",
]


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


def level_curves(
    f: Callable, level: float, xlim: ArrayLike, ylim: ArrayLike, n: int = 201
) -> list[np.ndarray]:
    """The level set ``f = level`` over ``xlim`` × ``ylim``, as polygons.

    Computed from the values on an ``n`` by ``n`` grid by marching squares (the
    algorithm behind Matplotlib's contour lines), which uses values only, no gradients:
    each vertex lies on a grid edge, where linear interpolation between the two end
    values reaches ``level``.

    Parameters
    ----------
    f : callable
        ``f(p)`` for a point ``p = (x, y)`` (see the module docstring).
    level : float
        The value of ``f`` on the curves.
    xlim, ylim : pair of float
        The ranges of the two coordinates.
    n : int, default 201
        Grid points per coordinate; the vertices are about one grid step apart.

    Returns
    -------
    list of ndarray
        One array of shape ``(k, 2)`` per connected piece, its points in order (a closed
        curve repeats its first point at the end).

    Examples
    --------
    >>> (circle,) = level_curves(lambda p: p[0] ** 2 + p[1] ** 2, 1.0, (-2, 2), (-2, 2))
    >>> radii = np.hypot(circle[:, 0], circle[:, 1])
    >>> bool(np.all(np.abs(radii - 1) < 1e-3))
    True
    """
    from contourpy import contour_generator  # a dependency of Matplotlib

    level = real_number(level, "level")
    X, Y, Z = grid_values(f, xlim, ylim, n)
    return [np.asarray(piece) for piece in contour_generator(X, Y, Z).lines(level)]


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


def plot_vector(ax, start: ArrayLike, vector: ArrayLike, color: str = "tab:red",
                label: str | None = None, width: float = 1.8):
    """Draw one vector as an arrow from ``start`` to ``start + vector``, in data units.

    Use it for a gradient at a point, a direction ``u`` or a step; on axes with
    ``aspect="equal"`` (as :func:`plot_level_sets` sets) right angles look right.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    start, vector : array_like of shape (2,)
        The tail of the arrow and the vector it represents.
    color : str, default "tab:red"
        Colour of the arrow.
    label : str, optional
        Legend label (an invisible line carries it, as arrows have no legend entry).
    width : float, default 1.8
        Line width in points.

    Returns
    -------
    matplotlib.text.Annotation
        The arrow; its ``xy`` is the head and its ``xyann`` the tail.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot()
    >>> arrow = plot_vector(ax, [1.0, 1.0], [0.5, -1.0])
    >>> arrow.xy, arrow.xyann
    ((1.5, 0.0), (1.0, 1.0))
    """
    start, vector = real_array(start, "start"), real_array(vector, "vector")
    if start.shape != (2,) or vector.shape != (2,):
        raise ValueError(f"start and vector must have shape (2,), got {start.shape} and "
                         f"{vector.shape}")
    head = start + vector
    arrow = ax.annotate(
        "", xy=(float(head[0]), float(head[1])), xytext=(float(start[0]), float(start[1])),
        arrowprops={"arrowstyle": "-|>", "color": color, "lw": width,
                    "shrinkA": 0, "shrinkB": 0, "mutation_scale": 12},
    )
    if label is not None:
        ax.plot([], [], color=color, lw=width, label=label)
    return arrow


def plot_surface(ax, f: Callable, xlim: ArrayLike, ylim: ArrayLike, n: int = 61,
                 cmap: str = "Blues_r"):
    """Draw the graph ``z = f(x, y)`` as a surface on a 3-D ``Axes``.

    Parameters
    ----------
    ax : mpl_toolkits.mplot3d.axes3d.Axes3D
        A 3-D axes, from ``fig.add_subplot(projection="3d")``.
    f : callable
        ``f(p)`` for a point ``p = (x, y)`` (see the module docstring).
    xlim, ylim : pair of float
        The ranges of the two coordinates.
    n : int, default 61
        Grid points per coordinate (a surface needs fewer than a contour plot).
    cmap : str, default "Blues_r"
        Colour map, the same as :func:`plot_level_sets` uses, so the two pictures match.

    Returns
    -------
    mpl_toolkits.mplot3d.art3d.Poly3DCollection

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> ax = Figure().add_subplot(projection="3d")
    >>> surface = plot_surface(ax, lambda p: p[0] * p[1], (-1, 1), (-1, 1), n=5)
    >>> low, high = ax.get_zlim()
    >>> bool(low <= -1 and high >= 1)
    True
    """
    if getattr(ax, "name", "") != "3d":
        raise ValueError('plot_surface needs a 3-D axes: fig.add_subplot(projection="3d")')
    X, Y, Z = grid_values(f, xlim, ylim, n)
    surface = ax.plot_surface(X, Y, Z, cmap=cmap, linewidth=0.2, edgecolor="0.45",
                              alpha=0.9, rstride=1, cstride=1)
    ax.set(xlabel="$x$", ylabel="$y$")
    return surface
