"""Docstrings point to the chapter that teaches a function with :doc:`/chapters/<slug>`,
and every such link names a chapter of the table of contents or a planned one."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "mathlib").rglob("*.py")) + sorted(
    (ROOT / "benchmarks").glob("*.py")
)
LINK = re.compile(r":doc:`(/[^`]+)`")
# The chapters of the syllabus that are not written yet. When a chapter is added to
# _toc.yml its slug can leave this list.
PLANNED: set[str] = set()


def toc_pages():
    """Every page of _toc.yml, as a path from the book's root without the suffix."""
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    pages = re.findall(r"^\s*-?\s*(?:file|root):\s*(\S+)", text, re.M)
    return {"/" + page for page in pages}


def links():
    for path in SOURCES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for target in LINK.findall(line):
                yield f"{path.relative_to(ROOT)}:{number}", target


def test_the_table_of_contents_is_read():
    pages = toc_pages()
    assert "/chapters/04-rules" in pages and "/backmatter/notation" in pages


def test_every_chapter_link_names_a_chapter_of_the_book_or_of_the_syllabus():
    pages = toc_pages() | {f"/chapters/{slug}" for slug in PLANNED}
    found = list(links())
    assert len(found) > 100  # the docstrings do use links
    broken = [f"{where}: {target}" for where, target in found if target not in pages]
    assert not broken, "no page of _toc.yml or the syllabus:\n" + "\n".join(broken)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_free_text_chapter_numbers(path):
    text = path.read_text(encoding="utf-8")
    found = re.search(r"\b[Cc]hapters? \d", text)
    assert not found, "write :doc:`/chapters/<slug>` instead"
