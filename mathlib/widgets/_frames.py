"""Drawing one frame of a slider figure, and encoding it for each place it is shown.

A frame is drawn once as an RGBA array on a transparent background, then encoded:

* for the site, as lossless WebP on a small palette, transparent (the page's own
  background shows through, and dark mode can invert it);
* for Jupyter and the PDF, as PNG on white, like every other Matplotlib figure.

Every frame of a figure uses the axes positions that a constrained layout gives its
initial frame, so that the axes do not jump while the slider moves.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping

import numpy as np

Boxes = tuple[tuple[float, float, float, float], ...]

COLORS = 64  # palette size: line art needs few colours; 32 loses light grey edges


def draw_frame(
    draw: Callable[..., object],
    params: Mapping[str, object],
    figsize: tuple[float, float],
    dpi: float,
    ncols: int,
    boxes: Boxes | None = None,
) -> tuple[np.ndarray, Boxes]:
    """Draw one frame; return its RGBA pixels and the axes positions it used.

    With ``boxes=None`` a constrained layout places the axes (the initial frame);
    otherwise the axes go exactly where ``boxes`` say (every other frame).
    """
    # A bare Figure (not pyplot) so that no inline backend displays it as a side effect.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, dpi=dpi, facecolor="none",
                 layout="constrained" if boxes is None else "none")
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    for ax in axes:
        ax.set_facecolor("none")
    if boxes is not None:
        for ax, box in zip(axes, boxes, strict=True):
            ax.set_position(box)
    draw(axes[0] if ncols == 1 else tuple(axes), **params)
    if boxes is None:
        fig.get_layout_engine().execute(fig)  # place the axes once, then keep them
        fig.set_layout_engine("none")
        boxes = tuple(tuple(float(b) for b in ax.get_position(original=True).bounds)
                      for ax in axes)
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy(), boxes


def _palette(image):
    """The image on a palette of COLORS colours, with pure white, black and opacity kept.

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
