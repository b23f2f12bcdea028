"""A small Sphinx extension for this book, loaded through `sphinx: local_extensions`.

Jupyter Book 1 always loads sphinx-thebe, which adds its configuration script to every page
twice (a console error: "Identifier 'THEBE_JS_URL' has already been declared") and points at
a CDN. The book does not use Thebe (launch buttons go to Binder and JupyterHub instead), so
its scripts are removed from every page, and any other script added twice is kept once.

myst-nb also embeds the ipywidgets state of a notebook in its page, for a widget manager to
render live widgets from. The book's slider figures show their static HTML view on the site
instead (see mathlib.widgets), so that state would be dead weight and is dropped too.
"""

from __future__ import annotations

import os

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def _unused(script) -> bool:
    attributes = getattr(script, "attributes", {})
    body = attributes.get("body", "") or ""
    filename = getattr(script, "filename", "") or ""
    return ("THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js")
            or attributes.get("type") == WIDGET_STATE)


def drop_unused_and_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        key = (getattr(script, "filename", None), str(getattr(script, "attributes", "")))
        if _unused(script) or key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def setup(app):
    # Kernels started by the build inherit this: slider figures then render every frame
    # for the site (live kernels, nbval and Binder render only the frames they show).
    os.environ.setdefault("MATHLIB_STATIC_FRAMES", "1")
    app.connect("html-page-context", drop_unused_and_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
