"""A small Sphinx extension for this book, loaded through `sphinx: local_extensions`.

Jupyter Book 1 always loads sphinx-thebe, which adds its configuration script to every page
twice (a console error: "Identifier 'THEBE_JS_URL' has already been declared") and points at
a CDN. The book does not use Thebe (launch buttons go to Binder and JupyterHub instead), so
its scripts are removed from every page, and any other script added twice is kept once.
"""

from __future__ import annotations


def _is_thebe(script) -> bool:
    body = getattr(script, "attributes", {}).get("body", "") or ""
    filename = getattr(script, "filename", "") or ""
    return "THEBE_JS_URL" in body or filename.endswith("sphinx-thebe.js")


def drop_thebe_and_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        key = (getattr(script, "filename", None), str(getattr(script, "attributes", "")))
        if _is_thebe(script) or key in seen:
            continue
        seen.add(key)
        kept.append(script)
    scripts[:] = kept


def setup(app):
    app.connect("html-page-context", drop_thebe_and_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
