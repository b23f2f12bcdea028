"""tools/icon_subset.py on a small site made from the installed theme's own files."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pydata_sphinx_theme
import pytest
from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from icon_subset import subset_icons  # noqa: E402

THEME_STATIC = (Path(pydata_sphinx_theme.__file__).parent
                / "theme" / "pydata_sphinx_theme" / "static")
# Font Awesome 6's code points, from its published icon list (not from the theme's CSS).
ROCKET, GITHUB, BARS, ANGLE_DOWN = 0xF135, 0xF09B, 0xF0C9, 0xF107


@pytest.fixture
def site(tmp_path):
    static = tmp_path / "_static"
    shutil.copytree(THEME_STATIC / "styles", static / "styles")
    shutil.copytree(THEME_STATIC / "vendor", static / "vendor")
    shutil.copytree(THEME_STATIC / "scripts", static / "scripts")
    # What sphinx-book-theme's CSS does: a glyph named by code point, not by class.
    (static / "extra.css").write_text('.toc:after{content:"\\f107";font-weight:900}')
    (tmp_path / "page.html").write_text(
        '<i class="fa-solid fa-rocket fa-lg"></i> <i class="fab fa-github"></i>')
    return tmp_path


def cmap(font_file: Path) -> set[int]:
    return set(TTFont(font_file).getBestCmap())


def test_subset_keeps_the_icons_a_page_names_in_their_own_style(site):
    subset_icons(site, site / "_static" / "styles" / "pydata-sphinx-theme.css")
    icons = site / "_static" / "icons"
    assert ROCKET in cmap(icons / "fa-solid.woff")
    assert GITHUB in cmap(icons / "fa-brands.woff")
    assert ANGLE_DOWN in cmap(icons / "fa-solid.woff")  # named in a style sheet
    assert BARS not in cmap(icons / "fa-solid.woff")  # on no page
    assert (icons / "fa-solid.woff").stat().st_size < 10_000


def test_font_faces_cover_exactly_the_subset_and_the_script_is_a_stub(site):
    subset_icons(site, site / "_static" / "styles" / "pydata-sphinx-theme.css")
    css = (site / "_static" / "icons" / "icons.css").read_text()
    solid_rule = next(r for r in css.splitlines() if "fa-solid.woff" in r)
    ranges = solid_rule.split("unicode-range:")[1].rstrip("}").split(",")
    assert {int(r.removeprefix("U+"), 16) for r in ranges} == cmap(
        site / "_static" / "icons" / "fa-solid.woff")
    assert "font-weight:900" in solid_rule
    assert (site / "_static" / "scripts" / "fontawesome.js").stat().st_size < 1_000
