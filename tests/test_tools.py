"""The exercise generator and the notebook hygiene check."""

import sys
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import check_notebooks  # noqa: E402
import make_exercises  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def solution_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Solutions: Toy chapter\n\nDo the things."),
        nbformat.v4.new_code_cell("import math\nfrom mathlib.checks import check_scalar"),
        nbformat.v4.new_code_cell(
            "def double(x):\n    ### BEGIN SOLUTION multiply by two\n    return 2 * x\n"
            "    ### END SOLUTION"
        ),
        nbformat.v4.new_markdown_cell("Because 2x.", metadata={"tags": ["solution-only"]}),
        nbformat.v4.new_code_cell("check_scalar(double(2), 4)"),
        nbformat.v4.new_code_cell(
            "### BEGIN SOLUTION\nstep = 0.5\nanswer = math.sqrt(2) * step\n### END SOLUTION"
        ),
        nbformat.v4.new_code_cell("check_scalar(answer, math.sqrt(2) / 2, hint='step by step')"),
        nbformat.v4.new_code_cell("print('independent cell')"),
    ]
    nb.cells[4].outputs = [nbformat.v4.new_output("stream", text="✓")]
    nb.cells[4].execution_count = 3
    return nb


def make_tree(tmp_path: Path, nb=None) -> Path:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    nbformat.write(nb or solution_notebook(), tmp_path / "solutions" / "00-toy.ipynb")
    return tmp_path


def test_generator_writes_stubs_tags_and_drops_solutions(tmp_path):
    root = make_tree(tmp_path)
    assert make_exercises.main([], root=root) == 0
    ex = nbformat.read(root / "exercises" / "00-toy.ipynb", as_version=4)
    sources = [c.source for c in ex.cells]
    assert sources[0].startswith("# Exercises: Toy chapter")
    # the solutions page's introduction is replaced by the students' instructions
    assert "Do the things." not in sources[0] and "YOUR CODE HERE" in sources[0]
    assert "[chapter 0](../chapters/00-toy.ipynb)" in sources[0]
    assert "Because 2x." not in sources
    assert "return 2 * x" not in sources[2]
    assert "# YOUR CODE HERE: multiply by two" in sources[2]
    assert "raise NotImplementedError('multiply by two')" in sources[2]
    # only names later code uses are stubbed; a word in a later string does not count
    assert "answer = ..." in sources[4] and "step" not in sources[4]
    tags = [c.metadata.get("tags", []) for c in ex.cells]
    assert "raises-exception" in tags[2] and "raises-exception" in tags[3]
    assert "raises-exception" in tags[5]
    assert "raises-exception" not in tags[1] and "raises-exception" not in tags[6]
    assert all(not c.get("outputs") and c.get("execution_count") is None
               for c in ex.cells if c.cell_type == "code")


def test_check_mode_detects_hand_edits_and_orphans(tmp_path, capsys):
    root = make_tree(tmp_path)
    make_exercises.main([], root=root)
    assert make_exercises.main(["--check"], root=root) == 0
    path = root / "exercises" / "00-toy.ipynb"
    path.write_text(path.read_text().replace("YOUR CODE HERE", "my answer"))
    assert make_exercises.main(["--check"], root=root) == 1
    assert "00-toy.ipynb is not what" in capsys.readouterr().err
    make_exercises.main([], root=root)
    (root / "exercises" / "99-orphan.ipynb").write_text(path.read_text())
    assert make_exercises.main(["--check"], root=root) == 1
    assert "has no solutions/99-orphan.ipynb" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("source", "words"),
    [("### BEGIN SOLUTION\nx = 1", "without"), ("x = 1\n### END SOLUTION", "without"),
     ("### BEGIN SOLUTION\n### END SOLUTION", "empty"),
     ("### BEGIN SOLUTION\nx = (\n### END SOLUTION", "not valid Python")],
)
def test_generator_reports_broken_markers(tmp_path, capsys, source, words):
    nb = solution_notebook()
    nb.cells[2].source = source
    assert make_exercises.main([], root=make_tree(tmp_path, nb)) == 2
    assert words in capsys.readouterr().err


def test_generator_requires_solutions_heading(tmp_path, capsys):
    nb = solution_notebook()
    nb.cells[0].source = "# Toy chapter"
    assert make_exercises.main([], root=make_tree(tmp_path, nb)) == 2
    assert "# Solutions:" in capsys.readouterr().err


def test_repository_exercises_are_in_sync():
    assert make_exercises.main(["--check"], root=ROOT) == 0


def test_hygiene_flags_outputs_and_counts(tmp_path):
    nb = solution_notebook()
    nbformat.write(nb, tmp_path / "dirty.ipynb")
    found = check_notebooks.problems(tmp_path / "dirty.ipynb")
    assert any("has outputs" in p for p in found) and any("execution count" in p for p in found)
    (tmp_path / "broken.ipynb").write_text("{not json")
    assert "cannot be read" in check_notebooks.problems(tmp_path / "broken.ipynb")[0]


def test_repository_notebooks_are_clean():
    assert check_notebooks.main([str(ROOT / d) for d in ("chapters", "solutions",
                                                         "exercises")]) == 0


def test_simd_tool_reports_the_level_and_disables_only_dispatched_features():
    import simd

    features = simd.dispatchable()
    assert all(isinstance(f, str) and f for f in features)
    line = simd.report("a pass")
    assert line.startswith("NumPy SIMD level for a pass:") and "baseline" in line
