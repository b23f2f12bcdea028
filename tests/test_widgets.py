"""Slider figures: what each view carries, which frames are drawn when, and errors."""

import base64
import io
import json
import math
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from PIL import Image

from mathlib.widgets import format_values, slider_figure, static_frames_requested

ENV = "MATHLIB_STATIC_FRAMES"


def draw_line(ax, a, b=0.0):
    ax.plot([0, 1], [b, a + b])
    ax.set_title(f"a = {a}, b = {b}")


class Counting:
    """A draw function that remembers the parameters of every frame it drew."""

    def __init__(self):
        self.calls = []

    def __call__(self, ax, **params):
        self.calls.append(params)
        draw_line(ax, **{k: v for k, v in params.items() if k in ("a", "b")})


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv(ENV, "1")


@pytest.fixture
def kernel(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)


def html_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" class="sf-data">(.*?)</script>',
                      page, flags=re.S)
    assert found, "no frame data in the HTML view"
    return json.loads(found.group(1))


def image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def src_bytes(page: str) -> bytes:
    src = re.search(r'<img[^>]* src="data:image/\w+;base64,([^"]+)"', page).group(1)
    return base64.b64decode(src)


def test_frames_are_drawn_only_when_shown(kernel):
    draw = Counting()
    fig = slider_figure(draw, alt="a line", a=[1, 2, 3, 4, 5], initial={"a": 3})
    drawn = lambda: sorted(c["a"] for c in draw.calls)  # noqa: E731
    # The initial frame, and either end for the layout (not rendered, but drawn).
    assert set(drawn()) == {1, 3, 5}
    before = len(draw.calls)
    fig._repr_mimebundle_()                       # a live kernel, nbval, Binder
    assert len(draw.calls) == before
    box = fig._widget()
    box.children[1].children[0].value = 1         # the reader moves the widget's slider
    assert drawn().count(2) == 1 and box.children[0].value == fig.frame((1,), "png")
    box.children[1].children[0].value = 2         # back to the start: kept, not redrawn
    box.children[1].children[0].value = 1
    assert drawn().count(2) == 1 and len(draw.calls) == before + 1


def test_site_build_gets_every_frame_of_the_grid(site):
    draw = Counting()
    fig = slider_figure(draw, alt="a line", a=[1, 2], b=[0, 1, 2], initial={"b": 1})
    page = fig._repr_mimebundle_()["text/html"]
    data = html_data(page)
    assert data["shape"] == [2, 3] and len(data["frames"]) == 6
    start = data["start"]
    assert start == 1 and data["frames"][start] == ""  # the <img> carries that one
    frames = [base64.b64decode(f) for f in data["frames"]]
    frames[start] = src_bytes(page)
    assert all(f[:4] == b"RIFF" and f[8:12] == b"WEBP" for f in frames)
    assert len(set(frames)) == 6
    assert {(c["a"], c["b"]) for c in draw.calls} == {
        (a, b) for a in (1.0, 2.0) for b in (0.0, 1.0, 2.0)}
    # Row-major order over the controls: frame 5 is a = 2, b = 2.
    assert np.array_equal(np.asarray(image(frames[5])),
                          np.asarray(image(fig.frame((1, 2)))))


def test_a_rebuilt_figure_is_the_same_html_and_another_figure_gets_another_id(site):
    def build(alt):
        return slider_figure(lambda ax, a: ax.plot([0, 1], [0, a]), alt=alt,
                             a=[1, 2])._repr_mimebundle_()["text/html"]

    first, again, other = build("a line"), build("a line"), build("another line")
    assert first == again  # no random ids: a re-run of the book gives the same pages
    ids = [re.search(r'id="(sf-[0-9a-f]+)"', page).group(1) for page in (first, other)]
    assert ids[0] != ids[1]


def test_without_the_variable_the_html_is_the_initial_frame_and_its_note(kernel):
    fig = slider_figure(draw_line, alt="a line", a=[1, 2, 3])
    page = fig._repr_mimebundle_()["text/html"]
    assert "sf-data" not in page and 'data-frames-missing="2"' in page
    assert src_bytes(page) == fig.frame((0,), "print")


def test_the_variable_must_be_0_or_1(monkeypatch):
    monkeypatch.setenv(ENV, "yes")
    with pytest.raises(ValueError, match="0 or 1"):
        static_frames_requested()
    monkeypatch.setenv(ENV, "0")
    assert not static_frames_requested()


def test_print_view_is_the_initial_frame_with_a_note_under_it(kernel):
    fig = slider_figure(draw_line, alt="a line", a=[1, 2], initial={"a": 2},
                        labels={"a": "slope a"})
    bundle = fig._repr_mimebundle_()
    printed = image(bundle["image/png"])
    frame = np.asarray(image(fig.frame((1,), "png")).convert("RGB"))
    on_paper = np.asarray(printed.convert("RGB"))
    assert printed.format == "PNG" and on_paper.shape[1] == frame.shape[1]
    # The frame, up to its palette (quantised with the note, colours shift a little).
    difference = np.abs(on_paper[: frame.shape[0]].astype(int) - frame)
    assert difference.mean() < 0.5 and np.quantile(difference, 0.999) <= 8
    note = on_paper[frame.shape[0]:]
    assert 15 <= note.shape[0] <= 100 and note.min() < 128   # a line of dark text
    assert printed.info["dpi"] == pytest.approx((fig.dpi, fig.dpi), abs=0.5)
    assert "website" in fig.note and "slope a" in fig.note


def test_frames_have_twice_the_pixels_of_a_static_figure_of_that_size(site):
    import matplotlib

    fig = slider_figure(draw_line, alt="a line", figsize=(5, 3), a=[1, 2])
    css = round(5 * matplotlib.rcParams["figure.dpi"])
    page = fig._repr_mimebundle_()["text/html"]
    assert f'width="{css}"' in page and fig.css_size == (css, round(css * 3 / 5))
    assert image(src_bytes(page)).size == (2 * css, 2 * round(css * 3 / 5))
    wide = slider_figure(draw_line, alt="a line", figsize=(12, 3), a=[1, 2])
    assert wide.css_size[0] < 12 * matplotlib.rcParams["figure.dpi"]  # fits the column


def test_frames_are_transparent_for_the_site_and_white_for_jupyter(site):
    fig = slider_figure(draw_line, alt="a line", a=[1, 2])
    site_frame = np.asarray(image(fig.frame((0,))).convert("RGBA"))
    assert site_frame[0, 0, 3] == 0 and site_frame[..., 3].max() == 255
    jupyter = np.asarray(image(fig.frame((0,), "png")).convert("RGB"))
    assert jupyter[0, 0].min() >= 250


def test_several_panels_share_one_figure_and_keep_their_places(site):
    calls = []

    def draw(axes, a):
        left, right = axes
        left.plot([0, 1], [0, 10.0**a])              # tick labels wider in later frames
        right.bar([0, 1], [a, 1])
        calls.append((a, [ax.get_position().bounds for ax in axes]))  # where they are

    fig = slider_figure(draw, alt="two panels", ncols=2, a=[1, 2, 3])
    fig.html(all_frames=True)
    last = {a: boxes for a, boxes in calls}           # the draw that made each frame
    assert sorted(last) == [1, 2, 3]
    for boxes in last.values():
        np.testing.assert_allclose(boxes, fig.boxes)
    left, right = fig.boxes
    assert left[0] + left[2] < right[0]                     # side by side, apart
    assert fig.figsize == (9.0, 3.6)


def test_no_frame_loses_its_labels_at_the_edge(site):
    def draw(ax, a):
        ax.plot([0, 1], [0, 10.0**a])
        ax.set_ylim(-(10.0**a), 10.0**a)            # tick labels widest at the end

    fig = slider_figure(draw, alt="a line", a=[1, 2, 3], initial={"a": 1})
    for index in [(0,), (1,), (2,)]:
        alpha = np.asarray(image(fig.frame(index)).convert("RGBA"))[..., 3]
        assert alpha[:, :3].max() == 0, f"frame {index} is cut at the left edge"


def test_choices_are_strings_for_draw_and_buttons_in_both_views(site):
    seen = []

    def draw(ax, n, rule):
        seen.append(rule)
        ax.set_title(f"{rule} {n}")

    fig = slider_figure(draw, alt="rules", n=[2, 4],
                        choices={"rule": ["left", "midpoint", "right"]},
                        initial={"rule": "midpoint"})
    assert fig.shape == (2, 3)
    page = fig.html(all_frames=True)
    assert set(seen) == {"left", "midpoint", "right"}
    assert page.count('type="radio"') == 3 and 'role="radiogroup"' in page
    assert re.search(r'value="1" checked><span>midpoint</span>', page)
    slider, buttons = fig._widget().children[1].children
    assert type(buttons).__name__ == "ToggleButtons"
    assert [label for label, _ in buttons.options] == ["left", "midpoint", "right"]
    assert buttons.value == 1 and type(slider).__name__ == "SelectionSlider"


def test_html_is_accessible_and_self_contained(site):
    fig = slider_figure(draw_line, alt="a line", a=[0.5, 1.25], units={"a": "m"},
                        labels={"a": "slope"})
    page = fig.html(all_frames=True)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert 'alt="a line"' in page and 'aria-valuetext="slope = 0.50 m"' in page
    assert ">0.50 m</output>" in page
    HTMLParser().feed(page)  # well-formed enough to parse


@pytest.mark.parametrize(
    ("values", "texts"),
    [([0.02, 0.1, 1.5], ["0.02", "0.10", "1.50"]),
     ([-0.9, -0.03, 0.03, 1.2], ["-0.90", "-0.03", "0.03", "1.20"]),
     ([1e-1, 1e-3, 1e-5, 1e-12], ["1e-1", "1e-3", "1e-5", "1e-12"]),
     ([2.5e-4, 1e-2], ["2.5e-4", "1.0e-2"]),
     ([1e-2, 1.0, 1e2], ["1e-2", "1e0", "1e2"]),
     ([1, 3, 1000], ["1", "3", "1000"]),
     ([100, 10_000, 100_000], ["100", "10,000", "100,000"]),
     (np.arange(0.5, 1.51, 0.25), ["0.50", "0.75", "1.00", "1.25", "1.50"])],
)
def test_a_slider_formats_all_its_values_alike(values, texts):
    assert format_values(values) == texts
    # Each text reads back as its value to four significant digits.
    for value, text in zip(values, texts, strict=True):
        assert math.isclose(float(text.replace(",", "")), value, rel_tol=5e-4)


def test_units_follow_every_value():
    assert format_values([1, 2], unit="s") == ["1 s", "2 s"]


def test_figure_stays_under_500_kb_on_a_page(site):
    def draw(ax, a):
        x = np.linspace(-1, 1, 200)
        ax.plot(x, np.sin(a * x), label="sin")
        ax.legend()
        ax.set_title(f"a = {a:.2f}")

    fig = slider_figure(draw, alt="sine", a=np.linspace(1, 5, 20))
    assert len(fig.html(all_frames=True).encode()) < 500_000


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [({}, "one to 3"), ({"a": [1], "b": [1], "c": [1], "d": [1]}, "one to 3"),
     ({"a": []}, "non-empty"), ({"a": [1, float("nan")]}, "NaN"),
     ({"a": range(61)}, "too many"), ({"a": [1, 1]}, "repeats"),
     ({"a": [1], "choices": {"r": "left"}}, "list of strings"),
     ({"a": [1], "choices": {"a": ["x"]}}, "both"),
     ({"a": [1], "units": {"b": "s"}}, "units names no"),
     ({"a": [1], "choices": {"r": ["x"]}, "units": {"r": "s"}}, "not choices"),
     ({"a": [1], "ncols": 0}, "ncols")],
)
def test_bad_controls_get_clear_errors(kwargs, words):
    with pytest.raises(ValueError, match=words):
        slider_figure(draw_line, alt="a line", **kwargs)


def test_bad_initial_alt_and_draw_get_clear_errors():
    with pytest.raises(ValueError, match="not a value"):
        slider_figure(draw_line, alt="a line", initial={"a": 5}, a=[1, 2])
    with pytest.raises(ValueError, match="not a value"):
        slider_figure(draw_line, alt="a line", initial={"r": "up"}, a=[1],
                      choices={"r": ["down"]})
    with pytest.raises(ValueError, match="alt"):
        slider_figure(draw_line, alt=" ", a=[1, 2])
    with pytest.raises(TypeError, match="draw"):
        slider_figure("draw", alt="x", a=[1])
    fig = slider_figure(draw_line, alt="a line", a=[1])
    with pytest.raises(ValueError, match="frame kind"):
        fig.frame((0,), "gif")
