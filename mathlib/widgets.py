"""Slider figures that work in a live kernel, on the static site and in headless runs.

The computing lives in a plain function ``draw(ax, **params)``. :func:`slider_figure`
wraps it in one object that Jupyter displays in two ways:

* ``application/vnd.jupyter.widget-view+json``: ipywidgets sliders that redraw the
  figure through the kernel (JupyterLab, Binder, JupyterHub);
* ``text/html``: a self-contained JavaScript slider that flips between PNG frames
  rendered in advance, one per slider value (the static site, which has no kernel).

Both views use the same values and the same :func:`render_png`, so they show the same
pictures. See the chapter "Limits, secants and tangents" for the first use.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import math
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["SliderFigure", "slider_figure", "render_png", "format_value"]

MAX_SLIDERS = 2
MAX_FRAMES = 60


def format_value(value: float) -> str:
    """Format a slider value for its label: short, and exact for round numbers.

    Parameters
    ----------
    value : float
        The value to show.

    Returns
    -------
    str
        At most four significant digits, in scientific notation below 1e-3.

    Examples
    --------
    >>> format_value(0.5), format_value(0.000125), format_value(3), format_value(1e5)
    ('0.5', '0.000125', '3', '100000')
    """
    value = float(value)
    if value.is_integer() and abs(value) < 1e7:
        return str(int(value))
    if value != 0 and abs(value) < 1e-3:
        return f"{value:.3g}" if abs(value) >= 1e-4 else f"{value:.2e}"
    return f"{value:.4g}"


def render_png(
    draw: Callable[..., object],
    params: Mapping[str, float],
    figsize: tuple[float, float] = (6.0, 3.6),
    dpi: int = 80,
    colors: int | None = 128,
) -> bytes:
    """Draw one frame with ``draw(ax, **params)`` and return it as PNG bytes.

    Parameters
    ----------
    draw : callable
        ``draw(ax, **params)`` draws on a fresh Matplotlib ``Axes``.
    params : mapping
        Keyword arguments for ``draw``.
    figsize : tuple of float
        Figure size in inches.
    dpi : int
        Dots per inch; ``figsize * dpi`` is the size in pixels.
    colors : int or None
        Quantise to a palette of this many colours (much smaller files for line art);
        None keeps full colour.

    Returns
    -------
    bytes
        A PNG image.

    Examples
    --------
    >>> png = render_png(lambda ax, a: ax.plot([0, 1], [0, a]), {"a": 2.0})
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    # A bare Figure (not pyplot) so that no inline backend displays it as a side effect.
    from matplotlib.figure import Figure

    # Fixed margins rather than a layout engine: every frame is laid out the same way (the
    # axes do not jump as labels change) and rendering is about a third faster.
    fig = Figure(figsize=figsize, dpi=dpi)
    fig.subplots_adjust(left=0.1, right=0.97, bottom=0.14, top=0.9)
    draw(fig.add_subplot(), **params)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    if colors is None:
        return buffer.getvalue()
    from PIL import Image  # Pillow is a dependency of Matplotlib

    image = Image.open(buffer).convert("RGB").quantize(
        colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@dataclass(frozen=True)
class SliderFigure:
    """A figure with one or two sliders; displays as a widget or as static HTML.

    Build it with :func:`slider_figure`. Its attributes are plain data so that tests can
    inspect it: ``frames`` maps each index tuple into ``values`` to PNG bytes.
    """

    draw: Callable[..., object]
    names: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    labels: tuple[str, ...]
    texts: tuple[tuple[str, ...], ...]
    initial: tuple[int, ...]
    alt: str
    figsize: tuple[float, float]
    dpi: int
    frames: Mapping[tuple[int, ...], bytes]

    def params(self, index: Sequence[int]) -> dict[str, float]:
        """Keyword arguments for ``draw`` at one index tuple into ``values``."""
        return {n: v[i] for n, v, i in zip(self.names, self.values, index, strict=True)}

    @property
    def html_bytes(self) -> int:
        """Size of the static HTML view in bytes (what it adds to a page)."""
        return len(self._html().encode())

    def _html(self) -> str:
        uid = "sf-" + uuid.uuid4().hex[:10]
        shape = [len(v) for v in self.values]
        sources = {
            ",".join(map(str, idx)): "data:image/png;base64," + base64.b64encode(png).decode()
            for idx, png in self.frames.items()
        }
        controls = []
        for k, (name, label, vals, start) in enumerate(
            zip(self.names, self.labels, self.texts, self.initial, strict=True)
        ):
            shown = html.escape(vals[start])
            controls.append(
                f'<label class="sf-control" for="{uid}-{k}">'
                f'<span class="sf-name">{html.escape(label)}</span>'
                f'<input id="{uid}-{k}" type="range" min="0" max="{len(vals) - 1}" step="1" '
                f'value="{start}" data-param="{html.escape(name)}" '
                f'aria-valuetext="{html.escape(label)} = {shown}">'
                f'<output for="{uid}-{k}">{shown}</output></label>'
            )
        first = sources[",".join(map(str, self.initial))]
        width, height = (round(s * self.dpi) for s in self.figsize)
        data = {
            "frames": sources,
            "values": [list(texts) for texts in self.texts],
            "labels": list(self.labels),
            "shape": shape,
        }
        # The JSON sits in a non-executed script tag; the small script below wires the
        # range inputs to it. Only this page's own elements are touched.
        return f"""<div class="slider-figure" id="{uid}">
<img src="{first}" alt="{html.escape(self.alt)}" width="{width}" height="{height}"
 style="max-width:100%;height:auto">
<div class="sf-controls">{"".join(controls)}</div>
<script type="application/json" class="sf-data">{_json_for_html(data)}</script>
<script>(function () {{
  var root = document.getElementById("{uid}");
  var data = JSON.parse(root.querySelector(".sf-data").textContent);
  var inputs = root.querySelectorAll("input[type=range]");
  var img = root.querySelector("img");
  function update() {{
    var key = [];
    inputs.forEach(function (input, k) {{
      var i = parseInt(input.value, 10);
      key.push(i);
      var text = data.values[k][i];
      input.nextElementSibling.textContent = text;
      input.setAttribute("aria-valuetext", data.labels[k] + " = " + text);
    }});
    img.src = data.frames[key.join(",")];
  }}
  inputs.forEach(function (input) {{ input.addEventListener("input", update); }});
}})();</script>
<style>#{uid} {{padding-left:.25em}}
#{uid} .sf-controls {{display:flex;flex-wrap:wrap;gap:.3em 1.5em;margin:.3em 0}}
#{uid} .sf-control {{display:flex;align-items:center;gap:.5em}}
#{uid} output {{font-family:monospace;min-width:5.5em}}</style>
</div>"""

    def _widget(self):
        import ipywidgets as widgets

        image = widgets.Image(
            value=self.frames[self.initial],
            format="png",
            layout=widgets.Layout(max_width="100%"),
        )
        sliders = [
            widgets.SelectionSlider(
                options=[(text, i) for i, text in enumerate(texts)],
                value=start,
                description=label,
                continuous_update=True,
                style={"description_width": "initial"},
            )
            for label, texts, start in zip(self.labels, self.texts, self.initial, strict=True)
        ]

        def redraw(_change=None):
            index = tuple(s.value for s in sliders)
            png = self.frames.get(index)
            if png is None:  # pragma: no cover - every index is pre-rendered today
                png = render_png(self.draw, self.params(index), self.figsize, self.dpi)
            image.value = png

        for slider in sliders:
            slider.observe(redraw, names="value")
        return widgets.VBox([image, widgets.HBox(sliders)])

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/html": self._html(), "text/plain": f"<slider figure: {self.alt}>"}
        try:
            widget_bundle = self._widget()._repr_mimebundle_(include=include, exclude=exclude)
        except ImportError:  # pragma: no cover - ipywidgets is a dependency of mathlib
            widget_bundle = None
        if widget_bundle:
            bundle.update(widget_bundle)
        return bundle


def _json_for_html(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")


def slider_figure(
    draw: Callable[..., object],
    alt: str,
    figsize: tuple[float, float] = (6.0, 3.6),
    dpi: int = 80,
    labels: Mapping[str, str] | None = None,
    initial: Mapping[str, float] | None = None,
    value_labels: Mapping[str, Sequence[str]] | None = None,
    **sliders: Sequence[float],
) -> SliderFigure:
    """Make a figure with one or two sliders over ``draw(ax, **params)``.

    Every combination of slider values is rendered once, up front, so the figure moves on
    the static site with no kernel. Keep ``figsize * dpi`` and the number of values small
    (a two-slider figure renders the whole grid).

    Parameters
    ----------
    draw : callable
        ``draw(ax, **params)`` draws one frame on a fresh ``Axes``; it should set a title.
    alt : str
        Alternative text for the image: what the figure shows, for readers who cannot see it.
    figsize : tuple of float
        Size in inches of every frame.
    dpi : int
        Resolution of every frame.
    labels : mapping, optional
        Text shown next to each slider (default: the parameter name).
    initial : mapping, optional
        Starting value of each slider (default: the first value); must be one of its values.
    value_labels : mapping, optional
        Text to show for each value of a slider instead of the number, e.g.
        ``{"rule": ["left", "midpoint", "right"]}`` for a slider over ``rule=[0, 1, 2]``.
    **sliders : sequence of float
        One or two parameters of ``draw``, each with the finite values its slider offers.

    Returns
    -------
    SliderFigure
        Displays as ipywidgets sliders in a live kernel, and as a JavaScript slider over
        pre-rendered frames in static HTML.

    Raises
    ------
    ValueError
        For no sliders or more than two, an empty or non-finite list of values, too many
        frames, or an initial value that is not among the values.
    TypeError
        If ``draw`` is not callable.

    Examples
    --------
    >>> def draw(ax, a):
    ...     ax.plot([0, 1], [0, a])
    ...     ax.set_title(f"slope {a}")
    >>> fig = slider_figure(draw, alt="A line whose slope follows the slider.", a=[1, 2, 3])
    >>> len(fig.frames)
    3

    See chapter 1, "Limits, secants and tangents".
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function draw(ax, **params), got {type(draw).__name__}")
    if not 1 <= len(sliders) <= MAX_SLIDERS:
        raise ValueError(f"give one or two sliders as keyword arguments, got {len(sliders)}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must describe the figure for readers who cannot see it")
    labels = dict(labels or {})
    initial = dict(initial or {})
    value_labels = dict(value_labels or {})
    unknown = (set(labels) | set(initial) | set(value_labels)) - set(sliders)
    if unknown:
        raise ValueError(f"labels/initial/value_labels name unknown sliders: {sorted(unknown)}")

    names = tuple(sliders)
    values = []
    for name, vals in sliders.items():
        arr = np.asarray(vals, dtype=float)
        if arr.ndim != 1 or arr.size == 0:
            raise ValueError(f"slider {name!r} needs a non-empty 1-D list of values")
        if not np.all(np.isfinite(arr)):
            raise ValueError(f"slider {name!r} has a value that is NaN or infinite")
        values.append(tuple(arr.tolist()))
    texts = []
    for name, vals in zip(names, values, strict=True):
        shown = [str(t) for t in value_labels.get(name, [format_value(v) for v in vals])]
        if len(shown) != len(vals):
            raise ValueError(f"value_labels[{name!r}] has {len(shown)} texts for "
                             f"{len(vals)} values")
        texts.append(tuple(shown))
    count = math.prod(len(v) for v in values)
    if count > MAX_FRAMES:
        raise ValueError(
            f"{count} frames is too many for a page (at most {MAX_FRAMES}); use fewer values"
        )
    start = []
    for name, vals in zip(names, values, strict=True):
        if name in initial:
            matches = [i for i, v in enumerate(vals) if math.isclose(v, initial[name])]
            if not matches:
                raise ValueError(f"initial value {initial[name]!r} is not a value of {name!r}")
            start.append(matches[0])
        else:
            start.append(0)

    frames = {}
    for index in itertools.product(*(range(len(v)) for v in values)):
        params = {n: v[i] for n, v, i in zip(names, values, index, strict=True)}
        frames[index] = render_png(draw, params, figsize, dpi)
    return SliderFigure(
        draw=draw,
        names=names,
        values=tuple(values),
        labels=tuple(labels.get(n, n) for n in names),
        texts=tuple(texts),
        initial=tuple(start),
        alt=alt,
        figsize=tuple(figsize),
        dpi=dpi,
        frames=frames,
    )
