"""Serve only the Font Awesome icons the built site shows (used by book_extension).

pydata-sphinx-theme draws its icons two ways: `scripts/fontawesome.js` (1.5 MB, every
Font Awesome icon as SVG) turns each `<i class="fa-solid fa-bars">` into an inline SVG,
and its CSS, which carries Font Awesome's own rules, draws the same `<i>` elements and a
few pseudo-elements (admonition titles, external links, the sidebar toggle) from Font
Awesome's web fonts (270 KB). The CSS alone is enough, so the script is replaced by a
stub, and the fonts are cut down to the glyphs the site uses:

- icons named in a page's classes or in the theme's scripts (`fa-brands fa-github`);
- glyphs the theme's style sheets name directly (`content: "\\f107"`, `--pst-icon-*`).

The theme's @font-face rules stay, and `icons.css` (linked after the theme's CSS) adds
one rule per face for the same family and weight, pointing at the subset with a
unicode-range of exactly its glyphs. So a browser loads the subset, and a full font only
for a glyph outside it, which the browser tests treat as an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import subset

STUB = ("/* Icons come from the Font Awesome web fonts of the theme's CSS, cut down to "
        "the glyphs the site uses (tools/icon_subset.py); no icon script needed. */\n")
FACE = re.compile(r"@font-face\{([^}]*)\}")
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
ICON_RULE = re.compile(r"\.fa-([a-z0-9-]+):{1,2}before")
# A Font Awesome code point (Unicode's private use area) in a CSS string, escaped or
# not.
GLYPH = re.compile(r'"(?:\\([ef][0-9a-f]{3})|([\ue000-\uf8ff]))"')
CLASSES = re.compile(r'class="([^"]*\bfa-[^"]*)"')
SCRIPT_ICON = re.compile(r"\bfa-(solid|regular|brands) fa-([a-z0-9-]+)")
STYLE_OF = {"fa-solid": "solid", "fas": "solid", "fa-regular": "regular",
            "far": "regular", "fa-brands": "brands", "fab": "brands"}


def theme_faces(css: str) -> dict[str, dict[str, str]]:
    """The theme's Font Awesome faces by style: family, weight and TrueType source.

    >>> theme_faces('@font-face{font-family:FA;font-weight:900;'
    ...             'src:url(a/fa-solid-900.woff2),url(a/fa-solid-900.ttf)}')
    {'solid': {'family': 'FA', 'weight': '900', 'ttf': 'a/fa-solid-900.ttf'}}
    """
    faces = {}
    for body in FACE.findall(css):
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        ttf = re.search(r"url\(([^)]*fa-(solid|regular|brands)-\d+\.ttf)\)",
                        props["src"])
        if ttf:
            faces[ttf.group(2)] = {"family": props["font-family"],
                                   "weight": props["font-weight"], "ttf": ttf.group(1)}
    return faces


def css_glyphs(css: str) -> tuple[dict[str, int], set[int]]:
    r"""Icon names with their code points, and the code points drawn by other rules.

    >>> css_glyphs('.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}'
    ...            '.toc:after{content:"\\f107"}')
    ({'bars': 61641, 'navicon': 61641}, {61703})
    """
    names, direct = {}, set()
    for selector, body in RULE.findall(css):
        parts = [s.strip() for s in selector.split(",")]
        icons = [ICON_RULE.fullmatch(p) for p in parts]
        glyphs = {int(code, 16) if code else ord(char)
                  for code, char in GLYPH.findall(body)}
        if all(icons) and len(glyphs) == 1:
            names.update((m.group(1), *glyphs) for m in icons)
        else:
            direct |= glyphs
    return names, direct


def used_icons(site: Path) -> set[tuple[str, str]]:
    """(style, name) of every icon class on a page or in a script of the site."""
    used = set()
    for page in site.rglob("*.html"):
        for classes in CLASSES.findall(page.read_text("utf-8")):
            tokens = classes.split()
            styles = {STYLE_OF[t] for t in tokens if t in STYLE_OF} or {"solid"}
            used |= {(s, t[3:]) for s in styles for t in tokens if t.startswith("fa-")}
    for script in (site / "_static").rglob("*.js"):
        used |= set(SCRIPT_ICON.findall(script.read_text("utf-8", errors="replace")))
    return used


def subset_icons(site: Path, theme_css: Path) -> dict[str, int]:
    """Write the subset fonts, icons.css and the stub script into a built site.

    Parameters
    ----------
    site : Path
        The HTML output folder (with the theme's static files already copied).
    theme_css : Path
        The copied style sheet of the theme that declares the Font Awesome faces.

    Returns
    -------
    dict
        Number of glyphs kept per style.

    >>> site = Path("_build/html")
    >>> css = site / "_static/styles/pydata-sphinx-theme.css"
    >>> subset_icons(site, css)  # doctest: +SKIP
    {'brands': 2, 'regular': 4, 'solid': 27}
    """
    static = site / "_static"
    faces = theme_faces(theme_css.read_text("utf-8"))
    names, direct = {}, set()
    for sheet in static.rglob("*.css"):
        text = sheet.read_text("utf-8", errors="replace")
        sheet_names, sheet_direct = css_glyphs(text)
        names.update(sheet_names)
        direct |= sheet_direct
    wanted = {style: set(direct) for style in faces}
    for style, name in used_icons(site):
        if style in faces and name in names:
            wanted[style].add(names[name])
    out = static / "icons"
    out.mkdir(exist_ok=True)
    rules, kept = [], {}
    for style, face in sorted(faces.items()):
        if not wanted[style]:
            continue
        options = subset.Options()
        options.flavor = "woff"
        font = subset.load_font(str(theme_css.parent / face["ttf"]), options)
        subsetter = subset.Subsetter(options)
        subsetter.options.ignore_missing_unicodes = True  # a glyph another face carries
        subsetter.populate(unicodes=wanted[style])
        subsetter.subset(font)
        glyphs = sorted(font.getBestCmap() or ())
        if not glyphs:
            continue
        subset.save_font(font, str(out / f"fa-{style}.woff"), options)
        kept[style] = len(glyphs)
        rules.append(
            f"@font-face{{font-family:{face['family']};font-style:normal;"
            f"font-weight:{face['weight']};font-display:block;"
            f'src:url(fa-{style}.woff) format("woff");'
            f"unicode-range:{','.join(f'U+{g:X}' for g in glyphs)}}}")
    (out / "icons.css").write_text(
        "/* Font Awesome Free (SIL OFL 1.1), only the glyphs this site uses: "
        "tools/icon_subset.py */\n" + "\n".join(rules) + "\n", "utf-8")
    (static / "scripts" / "fontawesome.js").write_text(STUB, "utf-8")
    return kept
