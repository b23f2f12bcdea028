"""Build a preview of one or a few chapters, with the book's configuration, in a minute.

    python tools/preview.py 08-gradients [09-matrix-calculus ...]

Writes a table of contents with the landing page, the named chapters (each with its
exercises and, at the back, its worked solutions, where they exist) and the back matter,
then runs `jupyter-book build` with it into `_build/preview/html`. Only those notebooks are
executed. Links to chapters left out warn (they are not built), so the preview does not
treat warnings as errors; `make build` builds the whole book with `-W`.
Run `make build` once first (or the Makefile's MathJax step) so that MathJax is vendored.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def preview_toc(slugs: list[str]) -> dict:
    """A Jupyter Book table of contents holding only the given chapters."""
    chapters = []
    for slug in slugs:
        if not (ROOT / "chapters" / f"{slug}.ipynb").exists():
            raise SystemExit(f"preview: no chapters/{slug}.ipynb")
        entry = {"file": f"chapters/{slug}"}
        if (ROOT / "exercises" / f"{slug}.ipynb").exists():
            entry["sections"] = [{"file": f"exercises/{slug}", "title": "Exercises"}]
        chapters.append(entry)
    answers = [{"file": f"solutions/{slug}"} for slug in slugs
               if (ROOT / "solutions" / f"{slug}.ipynb").exists()]
    book = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    back = [part for part in book["parts"] if part.get("caption") == "Back matter"]
    parts = [{"caption": "Preview", "numbered": True, "chapters": chapters}]
    if answers:
        parts.append({"caption": "Answers", "chapters": answers})
    return {"format": "jb-book", "root": book["root"], "parts": parts + back}


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as toc:
        yaml.safe_dump(preview_toc(argv), toc, allow_unicode=True, sort_keys=False)
    out = ROOT / "_build" / "preview"
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT),
               "--toc", toc.name, "--path-output", str(out)]
    status = subprocess.call(command)
    print(f"preview: {out / '_build' / 'html' / 'intro.html'}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
