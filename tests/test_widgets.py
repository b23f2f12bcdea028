"""Slider figures: both views, the frames they embed, and clear errors."""

import re

import numpy as np
import pytest

from mathlib.widgets import format_value, render_png, slider_figure

PNG = b"\x89PNG\r\n\x1a\n"


def draw_line(ax, a, b=0.0):
    ax.plot([0, 1], [b, a + b])
    ax.set_title(f"a = {a}, b = {b}")


def test_one_slider_renders_one_distinct_frame_per_value():
    fig = slider_figure(draw_line, alt="a line", a=[1, 2, 3])
    assert sorted(fig.frames) == [(0,), (1,), (2,)]
    assert all(png.startswith(PNG) for png in fig.frames.values())
    assert len(set(fig.frames.values())) == 3


def test_two_sliders_render_the_whole_grid():
    fig = slider_figure(draw_line, alt="a line", a=[1, 2], b=[0, 1, 2])
    assert len(fig.frames) == 6 and fig.params((1, 2)) == {"a": 2.0, "b": 2.0}


def test_bundle_offers_widget_and_html_views():
    fig = slider_figure(draw_line, alt="a line", a=[1, 2], initial={"a": 2})
    bundle = fig._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = bundle["text/html"]
    assert page.count("data:image/png;base64,") == 3  # two frames plus the first image
    assert 'type="range"' in page and 'value="1"' in page and 'alt="a line"' in page
    assert "<output" in page and "aria-valuetext" in page


def test_value_labels_replace_numbers_in_both_views():
    fig = slider_figure(draw_line, alt="a line", a=[0, 1, 2],
                        value_labels={"a": ["left", "midpoint", "right"]})
    page = fig._repr_mimebundle_()["text/html"]
    assert ">left</output>" in page and '"midpoint"' in page
    slider = fig._widget().children[1].children[0]
    assert [label for label, _ in slider.options] == ["left", "midpoint", "right"]
    with pytest.raises(ValueError, match="2 texts for 3 values"):
        slider_figure(draw_line, alt="a line", a=[0, 1, 2], value_labels={"a": ["x", "y"]})


def test_html_has_no_external_references():
    page = slider_figure(draw_line, alt="a line", a=[1, 2])._repr_mimebundle_()["text/html"]
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_widget_view_redraws_when_slider_moves():
    fig = slider_figure(draw_line, alt="a line", a=[1, 2, 3])
    box = fig._widget()
    image, slider = box.children[0], box.children[1].children[0]
    slider.value = 2
    assert image.value == fig.frames[(2,)]


def test_frames_are_small():
    def draw(ax, a):
        x = np.linspace(-1, 1, 200)
        ax.plot(x, np.sin(a * x))
        ax.set_title(f"a = {a}")

    fig = slider_figure(draw, alt="sine", a=np.linspace(1, 5, 20))
    assert fig.html_bytes < 400_000


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [({}, "one or two sliders"), ({"a": [1], "b": [1], "c": [1]}, "one or two sliders"),
     ({"a": []}, "non-empty"), ({"a": [1, float("nan")]}, "NaN"),
     ({"a": range(61)}, "too many")],
)
def test_bad_sliders_get_clear_errors(kwargs, words):
    with pytest.raises(ValueError, match=words):
        slider_figure(draw_line, alt="a line", **kwargs)


def test_bad_initial_and_alt_get_clear_errors():
    with pytest.raises(ValueError, match="not a value"):
        slider_figure(draw_line, alt="a line", initial={"a": 5}, a=[1, 2])
    with pytest.raises(ValueError, match="alt"):
        slider_figure(draw_line, alt=" ", a=[1, 2])
    with pytest.raises(TypeError, match="draw"):
        slider_figure("draw", alt="x", a=[1])


def test_render_png_is_png_and_format_value_is_short():
    assert render_png(draw_line, {"a": 1.0}, colors=None).startswith(PNG)
    assert [format_value(v) for v in (0.1, 1e-5, 2.0, 0.123456, 1e5)] == [
        "0.1", "1.00e-05", "2", "0.1235", "100000"]
