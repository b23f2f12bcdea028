"""Drawing one frame of a slider figure, and encoding it for each place it is shown.

A frame is drawn once as an RGBA array on a transparent background, then encoded:

* for the site, as lossless WebP on a small palette, transparent (the page's own
  background shows through, and dark mode can invert it);
* for Jupyter and the PDF, as PNG on white, like every other Matplotlib figure.

Every frame of a figure puts its axes in the same place, so that they do not jump while
the slider moves: where a constrained layout puts them in all of a few frames (the
initial one and each slider at either end, where tick labels are likely widest).
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
) -> Boxes:
    """Axes positions (left, bottom, width, height) that leave room for every frame's
    labels: the overlap of the boxes a constrained layout gives each of ``frames``."""
    extents = []
    for params in frames:
        fig, axes = _figure(figsize, dpi, ncols, "constrained")
        _call(draw, axes, params)
        fig.get_layout_engine().execute(fig)
        extents.append([ax.get_position(original=True).extents for ax in axes])
    extents = np.array(extents)  # frame, axes, (x0, y0, x1, y1)
    low, high = extents[..., :2].max(axis=0), extents[..., 2:].min(axis=0)
    return tuple((float(x0), float(y0), float(x1 - x0), float(y1 - y0))
                 for (x0, y0), (x1, y1) in zip(low, high, strict=True))


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
    # method/quality trade encoding time for size; 2/25 is within 10% of the smallest.
    _palette(Image.fromarray(rgba, "RGBA")).convert("RGBA").save(
        out, format="WEBP", lossless=True, method=2, quality=25)
    return out.getvalue()


def on_white(rgba: np.ndarray) -> np.ndarray:
    """The frame composited on white, as RGB."""
    alpha = rgba[..., 3:4].astype(np.float32) / 255
    rgb = rgba[..., :3].astype(np.float32) * alpha + 255 * (1 - alpha)
    return np.rint(rgb).astype(np.uint8)


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
