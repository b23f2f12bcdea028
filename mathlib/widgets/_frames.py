"""Drawing one frame of a slider figure, and encoding it for each place it is shown.

A frame is drawn once as an RGBA array on a transparent background, then encoded:

* for the site, as lossless WebP on a small palette, transparent (the page's own
  background shows through, and dark mode can invert it);
* for Jupyter and the PDF, as PNG on white, like every other Matplotlib figure.

Every frame of a figure puts its axes in the same place, so that they do not jump while
the slider moves: where a constrained layout puts them for the initial frame, moved in
where the labels of a control's end frames (where tick labels are likely widest) would
stick out of the figure.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence

import numpy as np

Boxes = tuple[tuple[float, float, float, float], ...]

COLORS = 64  # palette size: line art needs few colours; 32 loses light grey edges


def _figure(figsize, dpi, ncols, layout):
    # A bare Figure (not pyplot) so that no inline backend displays it as a side effect.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, facecolor="none", layout=layout)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    for ax in axes:
        ax.set_facecolor("none")
    return fig, axes


def _call(draw, axes, params):
    return draw(axes[0] if len(axes) == 1 else tuple(axes), **params)


def layout(
    draw: Callable[..., object],
    frames: Sequence[Mapping[str, object]],
    figsize: tuple[float, float],
    dpi: float,
    ncols: int,
) -> tuple[Boxes, list]:
    """Axes positions (left, bottom, width, height) with room for every frame's labels.

    A constrained layout places the axes for the first of ``frames``; each other frame
    is drawn there, and where its labels stick out of the figure the outer edges of
    the axes move in by as much (three times cheaper than a constrained layout each).
    Labels that grow into the gap between two panels are not made room for.

    Returns the positions and, for each frame, its figure if it was drawn with its axes
    there (ready for :func:`rasterise`), else None.
    """
    fig, axes = _figure(figsize, dpi, ncols, "constrained")
    _call(draw, axes, frames[0])
    fig.get_layout_engine().execute(fig)
    fig.set_layout_engine("none")
    edges = np.array([ax.get_position(original=True).extents for ax in axes])
    # A constrained layout also moves suptitles and colorbars, which the other frames
    # leave where Matplotlib puts them: such a first frame is drawn again.
    plain = len(fig.axes) == ncols and not any(
        (fig.get_suptitle(), fig.get_supxlabel(), fig.get_supylabel()))
    drawn = [(fig, edges.copy()) if plain else (None, None)]
    size = np.array(figsize * 2)
    pad = 3 / 72 / size  # constrained layout's padding, as fractions of the figure
    for params in frames[1:]:
        fig, axes = _figure(figsize, dpi, ncols, "none")
        for ax, (x0, y0, x1, y1) in zip(axes, edges, strict=True):
            ax.set_position((x0, y0, x1 - x0, y1 - y0))
        _call(draw, axes, params)
        drawn.append((fig, edges.copy()))
        x0, y0, x1, y1 = fig.get_tightbbox().extents / size  # in figure fractions
        out = np.maximum(0, [-x0, -y0, x1 - 1, y1 - 1])       # left, bottom, right, top
        out = np.where(out > 0, out + pad, 0)
        edges[0, 0] += out[0]
        edges[:, 1] += out[1]
        edges[-1, 2] -= out[2]
        edges[:, 3] -= out[3]
    boxes = tuple((float(x0), float(y0), float(x1 - x0), float(y1 - y0))
                  for x0, y0, x1, y1 in edges)
    return boxes, [f if e is not None and np.array_equal(e, edges) else None
                   for f, e in drawn]


def draw_frame(
    draw: Callable[..., object],
    params: Mapping[str, object],
    figsize: tuple[float, float],
    dpi: float,
    boxes: Boxes,
) -> np.ndarray:
    """Draw one frame with its axes at ``boxes``; return its RGBA pixels."""
    fig, axes = _figure(figsize, dpi, len(boxes), "none")
    for ax, box in zip(axes, boxes, strict=True):
        ax.set_position(box)
    _call(draw, axes, params)
    return rasterise(fig)


def rasterise(fig) -> np.ndarray:
    """The RGBA pixels of a drawn figure."""
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


def _palette(image):
    """The image on a palette of COLORS colours, keeping pure white, black and opacity.

    The octree averages each bucket, so white would come out 254 and opaque ink 254/255.
    """
    from PIL import Image  # Pillow is a dependency of Matplotlib

    out = image.quantize(colors=COLORS, method=Image.Quantize.FASTOCTREE,
                         dither=Image.Dither.NONE)
    palette = np.frombuffer(bytes(out.getpalette(rawmode=image.mode)), dtype=np.uint8)
    palette = np.where(palette >= 252, 255, np.where(palette <= 3, 0, palette))
    out.putpalette(palette.astype(np.uint8).tobytes(), rawmode=image.mode)
    return out


def encode_webp(rgba: np.ndarray) -> bytes:
    """Lossless WebP of a transparent frame on a small palette (30% less than PNG)."""
    from PIL import Image

    out = io.BytesIO()
    # Effort 0 to 20 encode three times faster than 25 and up, for 17% more bytes.
    _palette(Image.fromarray(rgba, "RGBA")).convert("RGBA").save(
        out, format="WEBP", lossless=True, method=2, quality=0)
    return out.getvalue()


def on_white(rgba: np.ndarray) -> np.ndarray:
    """The frame composited on white, as RGB."""
    from PIL import Image

    white = Image.new("RGBA", (rgba.shape[1], rgba.shape[0]), "white")
    white.alpha_composite(Image.fromarray(rgba, "RGBA"))
    return np.asarray(white.convert("RGB"))


def encode_png(rgb: np.ndarray, dpi: float) -> bytes:
    """PNG on a small palette; ``dpi`` is stored so that LaTeX prints it at its size."""
    from PIL import Image

    out = io.BytesIO()
    _palette(Image.fromarray(rgb, "RGB")).save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def with_note(rgb: np.ndarray, note: str, dpi: float) -> np.ndarray:
    """The frame with one line of small italic text under it (for print)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width = rgb.shape[1] / dpi
    fig = Figure(figsize=(width, 0.3), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, note, ha="center", va="center", fontsize=9, style="italic",
             color="0.3")
    fig.canvas.draw()
    strip = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    missing = rgb.shape[1] - strip.shape[1]  # width * dpi may round either way
    strip = np.pad(strip, ((0, 0), (0, max(0, missing)), (0, 0)), constant_values=255)
    strip = strip[:, : rgb.shape[1]]
    return np.vstack([rgb, strip])
