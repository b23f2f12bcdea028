"""Slider figures that work in a live kernel, on the static site, in print and in tests.

The computing lives in a plain function ``draw(ax, **params)`` (or ``draw(axes, ...)``
with several panels). :func:`slider_figure` wraps it in one object that Jupyter shows
in the way each place can:

* ``application/vnd.jupyter.widget-view+json``: ipywidgets sliders and toggle buttons
  that redraw the figure through the kernel (JupyterLab, Binder, JupyterHub), rendering
  each frame the first time it is asked for;
* ``text/html``: on the site, a self-contained script that flips between frames
  rendered in advance (see :mod:`mathlib.widgets._html`);
* ``image/png``: the initial frame with a line saying the site has the moving version
  (the PDF).

Rendering every frame is most of a chapter's execution time, and only the site build
needs them, so the full grid is rendered only when the environment variable
``MATHLIB_STATIC_FRAMES=1`` is set (the book's Sphinx extension sets it for the kernels
the site build starts). Without it the ``text/html`` view is the initial frame and its
note, and nothing else is rendered until a widget asks.

Frames are drawn at twice the pixel density of the book's static figures, at the same
size in CSS pixels (Matplotlib's ``figure.dpi`` per inch, as the inline backend shows
them), so text has the same size and stays sharp on high-density screens.

See :doc:`/chapters/01-limits-and-tangents` for the first use.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product

import numpy as np

from . import _frames, _html

__all__ = ["SliderFigure", "slider_figure", "format_values", "static_frames_requested"]

MAX_CONTROLS = 3
MAX_FRAMES = 60
DENSITY = 2  # device pixels per CSS pixel
COLUMN_PX = 790  # the widest the text column gets (sphinx-book-theme, wide windows)
ENV = "MATHLIB_STATIC_FRAMES"
FRAME_KINDS = ("webp", "png", "print")


def static_frames_requested() -> bool:
    """Whether to render every frame for the site: ``MATHLIB_STATIC_FRAMES`` is ``1``.

    Returns
    -------
    bool
        True if the variable is ``1``; False if it is unset, empty or ``0``.

    Raises
    ------
    ValueError
        For any other value.

    Examples
    --------
    >>> import os
    >>> static_frames_requested() == (os.environ.get("MATHLIB_STATIC_FRAMES") == "1")
    True
    """
    value = os.environ.get(ENV, "")
    if value not in ("", "0", "1"):
        raise ValueError(f"{ENV} must be 0 or 1, got {value!r}")
    return value == "1"


def format_values(values: Sequence[float], unit: str = "") -> list[str]:
    """Format all values of one slider alike, with one notation and one precision.

    Whole numbers are shown as integers (with thousands separators from 10,000 on);
    values below 1e-3 or spanning four orders of magnitude in scientific notation with
    the same number of digits; others with the same number of decimals, enough for
    each value to four significant digits.

    Parameters
    ----------
    values : sequence of float
        The values of one slider.
    unit : str
        Appended to every value after a space, e.g. ``"s"``.

    Returns
    -------
    list of str
        One text per value.

    Examples
    --------
    >>> format_values([0.02, 0.1, 1.5])
    ['0.02', '0.10', '1.50']
    >>> format_values([1e-1, 1e-3, 1e-12])
    ['1e-1', '1e-3', '1e-12']
    >>> format_values([100, 1000, 100_000])
    ['100', '1,000', '100,000']
    >>> format_values([0.5, 1.2], unit="s")
    ['0.5 s', '1.2 s']
    """
    v = np.asarray(values, dtype=float)
    suffix = f" {unit}" if unit else ""
    if np.all(v == np.round(v)) and np.max(np.abs(v)) < 1e15:
        sep = "," if np.max(np.abs(v)) >= 1e4 else ""
        return [f"{int(x):{sep}}{suffix}" for x in v]
    digits = [Decimal(f"{x:.4g}").normalize().as_tuple() for x in v]
    size = np.abs(v[v != 0])
    if size.min() < 1e-3 or size.max() / size.min() >= 1e4:
        mantissa = max(len(d.digits) for d in digits) - 1
        texts = [f"{x:.{mantissa}e}".split("e") for x in v]
        return [f"{m}e{int(e)}{suffix}" for m, e in texts]
    decimals = max(max(0, -d.exponent) for d in digits)
    return [f"{x:.{decimals}f}{suffix}" for x in v]


@dataclass(frozen=True)
class SliderFigure:
    """A figure with sliders and button groups; displays as a widget, HTML or PNG.

    Build it with :func:`slider_figure`. Its attributes are plain data so that tests can
    inspect it; :meth:`frame` renders a frame the first time it is asked for.
    """

    draw: Callable[..., object]
    names: tuple[str, ...]
    kinds: tuple[str, ...]  # "slider" or "choice", one per control
    values: tuple[tuple[object, ...], ...]
    labels: tuple[str, ...]
    texts: tuple[tuple[str, ...], ...]
    initial: tuple[int, ...]
    alt: str
    figsize: tuple[float, float]
    css_size: tuple[int, int]  # CSS pixels on the site; frames have DENSITY times more
    boxes: _frames.Boxes  # axes positions, from the initial frame's layout
    _cache: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def dpi(self) -> float:
        """Dots per inch of every frame."""
        return DENSITY * self.css_size[0] / self.figsize[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of values of each control; the frames form a grid of this shape."""
        return tuple(len(v) for v in self.values)

    def params(self, index: Sequence[int]) -> dict[str, object]:
        """Keyword arguments for ``draw`` at one index tuple into ``values``."""
        return _params(self.names, self.values, index)

    def frame(self, index: Sequence[int], kind: str = "webp") -> bytes:
        """One frame, rendered the first time it is asked for, then kept.

        ``kind`` is ``"webp"`` (transparent, for the site), ``"png"`` (on white, for
        Jupyter) or ``"print"`` (on white with :attr:`note` under it).
        """
        if kind not in FRAME_KINDS:
            raise ValueError(f"unknown frame kind {kind!r}: use one of {FRAME_KINDS}")
        index = tuple(index)
        if (kind, index) not in self._cache:
            rgba = _frames.draw_frame(self.draw, self.params(index), self.figsize,
                                      self.dpi, self.boxes)
            self._keep(index, rgba, [kind])
        return self._cache[kind, index]

    def _keep(self, index: tuple[int, ...], rgba: np.ndarray,
              kinds: Sequence[str]) -> None:
        rgb = _frames.on_white(rgba) if {"png", "print"} & set(kinds) else None
        for kind in kinds:
            if kind == "webp":
                self._cache[kind, index] = _frames.encode_webp(rgba)
            elif kind == "png":
                self._cache[kind, index] = _frames.encode_png(rgb, self.dpi)
            else:
                note = _frames.with_note(rgb, self.note, self.dpi)
                self._cache[kind, index] = _frames.encode_png(note, self.dpi)

    @property
    def note(self) -> str:
        """The line printed under the initial frame where the figure cannot move."""
        pairs = list(zip(self.kinds, self.labels, strict=True))
        sliders = [label for kind, label in pairs if kind == "slider"]
        actions = [f"choose the {label}" for kind, label in pairs if kind == "choice"]
        if sliders:
            plural = "s" if len(sliders) > 1 else ""
            actions.insert(0, f"move the slider{plural} for {' and '.join(sliders)}")
        return f"Interactive on the book's website: {' and '.join(actions)}."

    def html(self, all_frames: bool) -> str:
        """The ``text/html`` view: all frames and their controls, or the initial one."""
        if not all_frames:
            return _html.still(self.frame(self.initial, "print"), self.alt,
                               self.css_size, math.prod(self.shape))
        grid = product(*(range(n) for n in self.shape))  # row-major, as page() wants
        return _html.page(
            frames=[self.frame(index) for index in grid],
            mime="image/webp",
            shape=self.shape,
            kinds=self.kinds,
            labels=self.labels,
            texts=self.texts,
            initial=self.initial,
            alt=self.alt,
            css_size=self.css_size,
        )

    def _widget(self):
        import ipywidgets as widgets

        width, _ = self.css_size
        image = widgets.Image(
            value=self.frame(self.initial, "png"), format="png",
            layout=widgets.Layout(width=f"{width}px", max_width="100%", height="auto"),
        )
        controls = []
        for kind, label, texts, start in zip(self.kinds, self.labels, self.texts,
                                             self.initial, strict=True):
            make = {"slider": widgets.SelectionSlider,
                    "choice": widgets.ToggleButtons}[kind]
            controls.append(make(
                options=[(text, i) for i, text in enumerate(texts)], value=start,
                description=label, style={"description_width": "initial"},
            ))

        def redraw(_change=None):
            image.value = self.frame(tuple(c.value for c in controls), "png")

        for control in controls:
            control.observe(redraw, names="value")
        row = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap"))
        return widgets.VBox([image, row])

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {
            "text/plain": f"<slider figure: {self.alt}>",
            "image/png": self.frame(self.initial, "print"),
            "text/html": self.html(all_frames=static_frames_requested()),
        }
        widget = self._widget()
        bundle.update(widget._repr_mimebundle_(include=include, exclude=exclude))
        return bundle


def slider_figure(
    draw: Callable[..., object],
    alt: str,
    figsize: tuple[float, float] | None = None,
    ncols: int = 1,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    initial: Mapping[str, object] | None = None,
    choices: Mapping[str, Sequence[str]] | None = None,
    **sliders: Sequence[float],
) -> SliderFigure:
    """Make a figure with sliders (numbers) and button groups (choices) over ``draw``.

    The initial frame is rendered now; the others when something shows them (the site
    build, with ``MATHLIB_STATIC_FRAMES=1``, renders the whole grid; a widget renders
    each frame the first time a reader asks for it). The grid of all values has at most
    MAX_FRAMES frames.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **params)`` draws one frame on a fresh ``Axes`` (with ``ncols > 1``,
        ``draw(axes, **params)`` with a tuple of Axes side by side); it should set a
        title. The axes stay in place from frame to frame, with room for the labels
        of the initial frame and of each control at either end.
    alt : str
        Alternative text: what the figure shows, for readers who cannot see it.
    figsize : tuple of float, optional
        Size in inches (default 6 x 3.6 for one panel, 9 x 3.6 for two). Shown as large
        as a static figure of that size (at most the text column's width), with twice
        the pixels.
    ncols : int
        Number of panels side by side.
    labels : mapping, optional
        Text shown next to each control (default: the parameter name).
    units : mapping, optional
        Unit shown after each value of a slider, e.g. ``{"h": "s"}``; leave out sliders
        whose values are pure numbers.
    initial : mapping, optional
        Starting value of each control (default: its first value).
    choices : mapping, optional
        Parameters that take one of a few strings, shown as a group of buttons, e.g.
        ``{"rule": ["left", "midpoint", "right"]}``; ``draw`` gets the string.
    **sliders : sequence of float
        Parameters of ``draw`` with the finite values each slider offers.

    Returns
    -------
    SliderFigure
        Displays as ipywidgets in a live kernel, as a script over pre-rendered frames on
        the site, and as its initial frame in print.

    Raises
    ------
    ValueError
        For no controls or more than three, an empty, repeated or non-finite list of
        values, too many frames, a name in ``labels``/``units``/``initial`` that is no
        control, or an initial value that is not among the values.
    TypeError
        If ``draw`` is not callable.

    Examples
    --------
    >>> def draw(ax, a, shape):
    ...     ax.plot([0, 1], [0, a], ls="--" if shape == "dashed" else "-")
    ...     ax.set_title(f"slope {a}")
    >>> fig = slider_figure(draw, alt="A line whose slope follows the slider.",
    ...                     a=[1, 2, 3], choices={"shape": ["solid", "dashed"]})
    >>> fig.shape, fig.texts
    ((3, 2), (('1', '2', '3'), ('solid', 'dashed')))

    See :doc:`/chapters/01-limits-and-tangents`; :doc:`/chapters/02-derivative` has
    two panels, :doc:`/chapters/07-integration` a group of buttons.
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function draw(ax, **params), "
                        f"got {type(draw).__name__}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must describe the figure for readers who cannot see it")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols must be a positive integer, got {ncols!r}")
    choices = dict(choices or {})
    clash = set(choices) & set(sliders)
    if clash:
        raise ValueError(f"{sorted(clash)} given both as a slider and as choices")
    names = tuple(sliders) + tuple(choices)
    if not 1 <= len(names) <= MAX_CONTROLS:
        raise ValueError(f"give one to {MAX_CONTROLS} sliders or choices, "
                         f"got {len(names)}")
    labels, units, initial = dict(labels or {}), dict(units or {}), dict(initial or {})
    for what, given in [("labels", labels), ("units", units), ("initial", initial)]:
        unknown = set(given) - set(names)
        if unknown:
            raise ValueError(f"{what} names no slider or choice: {sorted(unknown)}")
    if set(units) & set(choices):
        raise ValueError(f"units are for sliders, not choices: "
                         f"{sorted(set(units) & set(choices))}")

    values, texts = [], []
    for name, vals in sliders.items():
        arr = np.asarray(vals, dtype=float)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"slider {name!r} needs a non-empty 1-D list of values")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"slider {name!r} has a value that is NaN or infinite")
        values.append(tuple(arr.tolist()))
        texts.append(tuple(format_values(arr, units.get(name, ""))))
    for name, options in choices.items():
        if isinstance(options, str) or not options or \
                not all(isinstance(o, str) for o in options):
            raise ValueError(f"choices[{name!r}] must be a non-empty list of strings")
        values.append(tuple(options))
        texts.append(tuple(options))
    for name, shown in zip(names, texts, strict=True):
        if len(set(shown)) != len(shown):
            raise ValueError(f"{name!r} repeats a value: {list(shown)}")
    count = math.prod(len(v) for v in values)
    if count > MAX_FRAMES:
        raise ValueError(f"{count} frames is too many for a page (at most "
                         f"{MAX_FRAMES}); use fewer values")
    start = tuple(_position(name, vals, initial)
                  for name, vals in zip(names, values, strict=True))

    import matplotlib

    width, height = figsize or (3.0 + 3.0 * ncols, 3.6)
    css_width = min(round(width * matplotlib.rcParams["figure.dpi"]), COLUMN_PX)
    dpi = DENSITY * css_width / width
    # Room for the labels of the initial frame and of each control at either end.
    ends = {start[:k] + (i,) + start[k + 1:]
            for k, vals in enumerate(values) for i in (0, len(vals) - 1)}
    order = [start, *sorted(ends - {start})]
    boxes, drawn = _frames.layout(draw, [_params(names, values, i) for i in order],
                                  (width, height), dpi, ncols)
    fig = SliderFigure(
        draw=draw, names=names,
        kinds=("slider",) * len(sliders) + ("choice",) * len(choices),
        values=tuple(values), labels=tuple(labels.get(n, n) for n in names),
        texts=tuple(texts), initial=start, alt=alt, figsize=(width, height),
        boxes=boxes, css_size=(css_width, round(css_width * height / width)),
    )
    # The widget and print views need the initial frame now; the site, in a site build,
    # also gets the frames the layout has already drawn in place.
    site = static_frames_requested()
    for index, figure in zip(order, drawn, strict=True):
        if index == start:
            kinds = ["png", "print"] + (["webp"] if site else [])
        elif site and figure is not None:
            kinds = ["webp"]
        else:
            continue
        rgba = (_frames.rasterise(figure) if figure is not None else
                _frames.draw_frame(draw, fig.params(index), fig.figsize, dpi, boxes))
        fig._keep(index, rgba, kinds)
    return fig


def _params(names, values, index) -> dict[str, object]:
    return {n: v[i] for n, v, i in zip(names, values, index, strict=True)}


def _position(name: str, vals: Sequence[object], initial: Mapping[str, object]) -> int:
    if name not in initial:
        return 0
    want = initial[name]
    for i, v in enumerate(vals):
        if v == want or (not isinstance(v, str) and not isinstance(want, str)
                         and math.isclose(v, want)):
            return i
    raise ValueError(f"initial value {want!r} is not a value of {name!r}")
