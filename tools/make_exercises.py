"""Write the student notebooks in exercises/ from the worked solutions in solutions/.

    python tools/make_exercises.py           # regenerate exercises/
    python tools/make_exercises.py --check   # fail if exercises/ is not what this writes

Rules (see "How to use this book"):

* The first cell's heading ``# Solutions: <title>`` becomes ``# Exercises: <title>``, and
  the paragraph after it (the introduction of the worked-solutions page) is replaced by the
  instructions for students (:data:`INSTRUCTIONS`), which the solutions page does not show.
  Later paragraphs of that cell (e.g. how to write symbolic answers) are kept.
* Cells tagged ``solution-only`` (worked explanations) are dropped.
* In a code cell, the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` become a stub.
  Text after ``BEGIN SOLUTION`` is the hint the stub shows. Inside a function body the stub
  raises ``NotImplementedError``; at top level every name the solution assigns becomes
  ``name = ...``.
* A stub cell, and every later code cell that uses a name the stub leaves unfinished or
  calls a ``check_...`` or ``exercise_...`` function, is tagged ``raises-exception`` (for nbval).
* Outputs and execution counts are removed.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
import textwrap
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
SOLUTION_ONLY = "solution-only"
RAISES = "raises-exception"
CHECK_CALL = re.compile(r"\b(check_\w+|exercise_\w+)\s*\(")
INSTRUCTIONS = """\
Exercises for [chapter {number}](../chapters/{slug}.ipynb). Write your code where a cell says
`YOUR CODE HERE` (replace the `...` or the `raise NotImplementedError(...)` line), run that
cell, then run the check cell below it: it prints a line starting with ✓ when your answer is
right, and otherwise says what is off. Hints are folded: open one when you are stuck. The
[worked solutions](../solutions/{slug}.ipynb) are at the back of the book; try each exercise
first."""


class ExerciseError(ValueError):
    """A solution notebook that breaks the rules above."""


def stub_for(region: list[str], hint: str, where: str,
             used_later: frozenset[str] = frozenset()) -> list[str]:
    """The stub lines that replace one solution region.

    At top level, names the solution assigns become ``name = ...``; when later cells use
    some of them, only those are listed (helpers such as a loop variable are left out).
    """
    code = [line for line in region if line.strip()]
    if not code:
        raise ExerciseError(f"{where}: empty solution region")
    indent = min(len(line) - len(line.lstrip()) for line in code)
    pad = " " * indent
    comment = f"{pad}# YOUR CODE HERE" + (f": {hint}" if hint else "")
    if indent:
        message = hint or "write this part"
        return [comment, f"{pad}raise NotImplementedError({message!r})"]
    try:
        tree = ast.parse(textwrap.dedent("\n".join(region)))
    except SyntaxError as exc:
        raise ExerciseError(f"{where}: solution region is not valid Python: {exc}") from None
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign | ast.AugAssign) else [])
        names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
    if not names:
        return [comment, "raise NotImplementedError('write this part')"]
    wanted = [n for n in names if n in used_later]
    return [comment] + [f"{name} = ..." for name in wanted or names]


def defined_names(source: str) -> set[str]:
    """Top-level names that a cell defines (functions, classes, assignments)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        for target in getattr(node, "targets", []) + [getattr(node, "target", None)]:
            if isinstance(target, ast.Name):
                names.add(target.id)
    return names


def used_names(cells) -> frozenset[str]:
    """Names that code cells use (solution-only cells excluded), read from their syntax."""
    names = set()
    for cell in cells:
        if cell.cell_type != "code" or SOLUTION_ONLY in cell.get("metadata", {}).get("tags", []):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # e.g. IPython magics: fall back to the words of the cell
            names |= set(re.findall(r"[A-Za-z_]\w*", cell.source))
            continue
        names |= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    return frozenset(names)


def make_stub_source(source: str, where: str,
                     used_later: frozenset[str] = frozenset()) -> tuple[str, bool]:
    """Replace every solution region in a cell; return the new source and whether any was."""
    lines, out, region, hint = source.splitlines(), [], None, ""
    for number, line in enumerate(lines, start=1):
        if BEGIN in line:
            if region is not None:
                raise ExerciseError(f"{where} line {number}: {BEGIN} inside another region")
            region, hint = [], line.split(BEGIN, 1)[1].strip(" :")
        elif END in line:
            if region is None:
                raise ExerciseError(f"{where} line {number}: {END} without {BEGIN}")
            out += stub_for(region, hint, where, used_later)
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ExerciseError(f"{where}: {BEGIN} without {END}")
    return "\n".join(out), out != lines


def make_exercise(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The student notebook for one solution notebook (``name`` is solutions/NN-slug...)."""
    nb = copy.deepcopy(solution)
    first = nb.cells[0] if nb.cells else None
    if first is None or first.cell_type != "markdown" or not first.source.startswith(
        "# Solutions:"
    ):
        raise ExerciseError(f"{name}: the first cell must be markdown starting '# Solutions:'")
    slug = Path(name).stem
    number = re.match(r"\d+", slug)
    if number is None:
        raise ExerciseError(f"{name}: the file name must start with the chapter number")
    heading, _, body = first.source.partition("\n")
    paragraphs = [p for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
    instructions = INSTRUCTIONS.format(number=int(number.group()), slug=slug)
    first.source = "\n\n".join(["# Exercises:" + heading[len("# Solutions:"):], instructions]
                                + paragraphs[1:])

    cells, unfinished = [], set()
    for index, cell in enumerate(nb.cells):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_ONLY in tags:
            continue
        where = f"{name} cell {index}"
        if cell.cell_type != "code":
            if BEGIN in cell.source or END in cell.source:
                raise ExerciseError(f"{where}: solution markers belong in code cells")
            cells.append(cell)
            continue
        source, stubbed = make_stub_source(cell.source, where, used_names(nb.cells[index + 1:]))
        uses_unfinished = any(re.search(rf"\b{re.escape(n)}\b", cell.source) for n in unfinished)
        if stubbed:
            unfinished |= defined_names(cell.source)
        if stubbed or uses_unfinished or (unfinished and CHECK_CALL.search(source)):
            tags = tags + [RAISES] if RAISES not in tags else tags
        cell.source = source
        cell.outputs, cell.execution_count = [], None
        cell.metadata = {k: v for k, v in cell.metadata.items() if k != "execution"}
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)
    nb.cells = cells
    return nb


def render(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb, version=4) + "\n"


def expected_exercises(root: Path) -> dict[Path, str]:
    solutions = sorted((root / "solutions").glob("*.ipynb"))
    return {
        root / "exercises" / path.name: render(
            make_exercise(nbformat.read(path, as_version=4), f"solutions/{path.name}")
        )
        for path in solutions
    }


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; fail if exercises/ is out of date")
    args = parser.parse_args(argv)
    try:
        expected = expected_exercises(root)
    except ExerciseError as exc:
        print(f"make_exercises: {exc}", file=sys.stderr)
        return 2
    existing = set((root / "exercises").glob("*.ipynb"))
    stale = sorted(p.name for p, text in expected.items()
                   if not p.exists() or p.read_text(encoding="utf-8") != text)
    orphans = sorted(p.name for p in existing - set(expected))
    if args.check:
        if stale or orphans:
            for item in stale:
                print(f"exercises/{item} is not what solutions/{item} generates "
                      "(edited by hand, or solutions changed)", file=sys.stderr)
            for item in orphans:
                print(f"exercises/{item} has no solutions/{item}", file=sys.stderr)
            print("run `python tools/make_exercises.py` and commit the result", file=sys.stderr)
            return 1
        print(f"exercises/ is in sync with solutions/ ({len(expected)} notebooks)")
        return 0
    (root / "exercises").mkdir(exist_ok=True)
    for path, text in expected.items():
        if path.name in stale:
            path.write_text(text, encoding="utf-8")
            print(f"wrote exercises/{path.name}")
    for item in orphans:
        print(f"exercises/{item} has no solution notebook; remove it by hand", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
