"""Sphinx extension: exercise pages and their worked solutions, as a textbook shows them.

Loaded through `sphinx: local_extensions` in `_config.yml`.

* On a worked-solutions page (`solutions/NN-slug`), code cells are shown without the
  nbgrader markers `### BEGIN SOLUTION` / `### END SOLUTION` and the hint that follows a
  BEGIN marker: the notebook keeps them for instructors and for the exercise generator,
  a reader of the answers does not need them.
* Every exercise (a section whose title starts with "Exercise") on an exercise page links
  to its worked solution, and every worked solution links back to its exercise. The two
  pages share their exercise headings (tools/make_exercises.py writes one from the other),
  so the section anchors match.

See "How to use this book", section "For instructors and authors".
"""

from __future__ import annotations

from docutils import nodes

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
PAIRS = {"exercises": ("solutions", "Worked solution \N{RIGHTWARDS ARROW}"),
         "solutions": ("exercises", "\N{LEFTWARDS ARROW} Back to the exercise")}


def without_markers(code: str) -> str:
    """The code of a solution cell without its nbgrader marker lines."""
    return "\n".join(line for line in code.splitlines()
                     if not line.strip().startswith(MARKERS))


def hide_solution_markers(app, doctree) -> None:
    if not app.env.docname.startswith("solutions/"):
        return
    for block in doctree.findall(nodes.literal_block):
        text = block.astext()
        if any(marker in text for marker in MARKERS):
            block.children = [nodes.Text(without_markers(text))]
            block.rawsource = block.astext()


def exercise_sections(doctree) -> list[nodes.section]:
    return [section for section in doctree.findall(nodes.section)
            if section.children and isinstance(section[0], nodes.title)
            and section[0].astext().startswith("Exercise")]


def link_exercises_and_answers(app, doctree, docname: str) -> None:
    folder, _, slug = docname.partition("/")
    if folder not in PAIRS or app.builder.format != "html":
        return
    other_folder, text = PAIRS[folder]
    other = f"{other_folder}/{slug}"
    if other not in app.env.all_docs:
        return
    page = app.builder.get_relative_uri(docname, other)
    for section in exercise_sections(doctree):
        anchor = section["ids"][0]
        link = nodes.reference("", text, refuri=f"{page}#{anchor}", internal=True)
        section.insert(1, nodes.paragraph("", "", link, classes=["exercise-answer-link"]))


def setup(app):
    app.connect("doctree-read", hide_solution_markers)
    app.connect("doctree-resolved", link_exercises_and_answers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
