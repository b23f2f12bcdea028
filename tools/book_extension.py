"""A small Sphinx extension for this book, loaded through `sphinx: local_extensions`.

Scripts. Jupyter Book 1 always loads sphinx-thebe, which adds its configuration script
to every page twice (a console error: "Identifier 'THEBE_JS_URL' has already been
declared") and points at a CDN. The book does not use Thebe (launch buttons go to Binder
and JupyterHub instead), so its scripts are removed from every page, and any other
script added twice is kept once. myst-nb also embeds the ipywidgets state of a notebook
in its page, for a widget manager to render live widgets from; the book's slider
figures show their static HTML view on the site instead (see mathlib.widgets), so that
state is dropped too. MathJax (1.1 MB) is dropped from pages with no math: Sphinx counts
the math of every page in the root page's table of contents as the root page's own.

Search. The theme loads the whole search index (searchindex.js, which grows with the
book: 336 KB for 22 chapters) and Sphinx's search scripts on every page, for a
search-as-you-type box the book does not switch on; searching happens on search.html,
which loads them itself. They are removed from every other page.

Icons. The theme's 1.5 MB icon script is replaced, and its icon fonts cut down to the
glyphs the site shows (see icon_subset).

Downloads. A notebook page says in one line how to get `mathlib`, which a downloaded
notebook imports: the launch buttons that are configured, or a clone with `make book`.

The PDF. Once `make pdf` has put book.pdf into the HTML output, the next HTML build sets
the tag `book_pdf`, and the pages link to it from an `only` block. Proofs print there as
plain paragraphs (sphinx-proof's untitled box would print an empty title bar), and
every box gets a LaTeX label, also in a chapter whose title has an apostrophe.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import sphinx_proof.nodes as proof_nodes
from docutils import nodes
from icon_subset import subset_icons
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
STILLS = {"application/pdf", "image/png", "image/jpeg", "image/svg+xml"}
TEX_IN_RAW_HTML = re.compile(r"\\\(|\\\[|\$\$")  # what MathJax typesets in an output
BOOK_PDF = "book.pdf"
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*(?:searchindex\.js|_static/searchtools\.js|'
    r'_static/language_data\.js)[^"]*"></script>')
DOWNLOAD_LABEL = "run-a-download"  # the section of how-to-use that the note links to
THEME_CSS = "_static/styles/pydata-sphinx-theme.css"
STATIC = Path(__file__).parent / "static"  # this extension's style sheet
logger = logging.getLogger(__name__)


def _unused(script) -> bool:
    attributes = getattr(script, "attributes", {})
    body = attributes.get("body", "") or ""
    filename = getattr(script, "filename", "") or ""
    return ("THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js")
            or attributes.get("type") == WIDGET_STATE)


def _mathjax(script, mathjax_path: str) -> bool:
    attributes = getattr(script, "attributes", {})
    filename = getattr(script, "filename", "") or ""
    return (filename == f"_static/{mathjax_path}"
            or (attributes.get("body") or "").startswith("window.MathJax"))


def has_math(doctree: nodes.document) -> bool:
    """Whether a page has math for MathJax: in the text, or in a notebook's outputs."""
    return any(isinstance(node, (nodes.math, nodes.math_block))
               or (isinstance(node, nodes.raw)
                   and TEX_IN_RAW_HTML.search(node.astext()) is not None)
               for node in doctree.findall())


def drop_unused_and_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    no_math = doctree is not None and not has_math(doctree)
    seen, kept = set(), []
    for script in scripts:
        key = (getattr(script, "filename", None), str(getattr(script, "attributes", "")))
        if (_unused(script) or key in seen
                or (no_math and _mathjax(script, app.config.mathjax_path))):
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def add_download_note(app, doctree, docname):
    """Under a notebook page's title: what a downloaded copy needs to run."""
    source = Path(app.env.doc2path(docname))
    if app.builder.format != "html" or source.suffix != ".ipynb":
        return
    labels = app.env.get_domain("std").labels
    if DOWNLOAD_LABEL not in labels:
        logger.warning(f"no label ({DOWNLOAD_LABEL})= for the download note to link to")
        return
    target, anchor, _ = labels[DOWNLOAD_LABEL]
    launch = app.config.html_theme_options.get("launch_buttons", {})
    hosts = [name for key, name in (("binderhub_url", "Binder"),
                                    ("jupyterhub_url", "JupyterHub"))
             if launch.get(key)]
    where = f"in {' or '.join(hosts)} (rocket button) or " if hosts else ""
    note = nodes.paragraph("", "", classes=["download-note"])
    note += nodes.Text("A downloaded notebook needs the book's ")
    note += nodes.literal("mathlib", "mathlib")
    note += nodes.Text(f": run it {where}in a clone after ")
    note += nodes.literal("make book", "make book")
    note += nodes.Text(" (")
    uri = f"{app.builder.get_relative_uri(docname, target)}#{anchor}"
    note += nodes.reference("", "how", internal=True, refuri=uri)
    note += nodes.Text(").")
    section = doctree.next_node(nodes.section)
    section.insert(section.first_child_matching_class(nodes.title) + 1, note)


class StillWidgets(SphinxPostTransform):
    """In the PDF, a widget with no still image says where its moving version is.

    Otherwise the PDF would print the widget's text form, "VBox(children=(...".
    """

    default_priority = 3  # before myst-nb picks each output's view (SelectMimeType, 4)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for bundle in list(self.document.findall(nodes.container)):
            if bundle.get("nb_element") != "mime_bundle":
                continue
            kinds = {child.get("mime_type") for child in bundle.children}
            if WIDGET_VIEW in kinds and not kinds & STILLS:
                bundle.replace_self(nodes.paragraph(
                    "", "", nodes.emphasis(
                        "", "A figure with sliders: it moves on the book's website.")))


class UntitledProofs(SphinxPostTransform):
    """In the PDF, a proof is plain paragraphs opening with "Proof.", not a box.

    sphinx-proof writes a proof as an admonition without a title, which the LaTeX
    writer draws as a note box with an empty title bar above the text.
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        for box in list(self.document.findall(nodes.admonition)):
            if "proof" in box["classes"] and not box.next_node(nodes.title):
                box.replace_self(nodes.container("", *box.children, classes=["proof"]))


def _proof_docname(env, node, parent_tag):
    """The document a proof box is in, for its LaTeX label.

    sphinx-proof finds it by matching the document's title against its top section's
    names, which fails for a title with an apostrophe ("Newton's method ..."): the
    labels then read ``None:...`` and every reference to them is undefined in the PDF.
    The nearest enclosing node that names its document is the same answer.
    """
    found = _find_proof_parent(env, node, parent_tag)
    while found is None and node is not None:
        node = node.parent
        if node is not None and node.get("docname"):
            found = node["docname"]
    return found


_find_proof_parent = proof_nodes.find_parent
proof_nodes.find_parent = _proof_docname


def configure(app, config):
    config.html_static_path.append(str(STATIC))
    if (Path(app.outdir) / BOOK_PDF).exists():
        app.tags.add("book_pdf")


def drop_search_scripts(app, exception):
    """Remove the search index and scripts from pages that do not search (see above)."""
    if exception is not None or app.builder.format != "html":
        return
    if str(app.config.html_theme_options.get("search_as_you_type", False)).lower() == "true":
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        if page == outdir / "search.html":
            continue
        html = page.read_text(encoding="utf-8")
        lean = SEARCH_SCRIPTS.sub("", html)
        if lean != html:
            page.write_text(lean, encoding="utf-8")


def serve_icon_subset(app, exception):
    if exception is None and app.builder.format == "html":
        kept = subset_icons(Path(app.outdir), Path(app.outdir) / THEME_CSS)
        logger.info(f"icon subset: {kept} glyphs")


def setup(app):
    # Kernels started by the build inherit this: slider figures then render every frame
    # for the site (live kernels, nbval and Binder render only the frames they show).
    os.environ.setdefault("MATHLIB_STATIC_FRAMES", "1")
    app.connect("config-inited", configure)
    app.connect("html-page-context", drop_unused_and_duplicate_scripts, priority=900)
    app.connect("doctree-resolved", add_download_note)
    app.connect("build-finished", serve_icon_subset)
    app.connect("build-finished", drop_search_scripts)
    app.add_post_transform(StillWidgets)
    app.add_post_transform(UntitledProofs)
    app.add_css_file("icons/icons.css")  # written by serve_icon_subset
    app.add_css_file("book_extension.css")  # in STATIC
    return {"parallel_read_safe": True, "parallel_write_safe": True}
