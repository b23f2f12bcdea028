"""Notebook hygiene: committed notebooks carry no outputs and run on the book's kernel.

    python tools/check_notebooks.py chapters solutions exercises

Exits 1 and names each problem; strip outputs with
``jupyter nbconvert --clear-output --inplace NOTEBOOK``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def problems(path: Path) -> list[str]:
    """What is wrong with one notebook, as readable lines (empty when it is clean)."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - an unreadable notebook is a problem to report
        return [f"{path}: cannot be read as a notebook ({exc})"]
    found = []
    kernel = nb.metadata.get("kernelspec", {}).get("name")
    if kernel != "python3":
        found.append(f"{path}: kernelspec is {kernel!r}, expected 'python3'")
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            found.append(f"{path}: cell {index} has outputs (store notebooks without them)")
        if cell.get("execution_count") is not None:
            found.append(f"{path}: cell {index} has an execution count")
    return found


def main(folders: list[str]) -> int:
    paths = sorted(p for folder in folders for p in Path(folder).glob("*.ipynb"))
    found = [line for path in paths for line in problems(path)]
    for line in found:
        print(line, file=sys.stderr)
    if found:
        return 1
    print(f"{len(paths)} notebooks are clean")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["chapters", "solutions", "exercises"]))
