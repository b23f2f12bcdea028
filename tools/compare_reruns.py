"""Execute each notebook twice and report every output that differs between the runs.

    python tools/compare_reruns.py [NOTEBOOK_OR_FOLDER ...]   (default: chapters solutions)

A re-run of the book must print the same numbers: a difference means an unseeded generator,
a time or a memory address printed, an iteration order that is not fixed, or a random id in
a page. Both runs happen on this machine, in fresh kernels, one after the other, so SIMD
differences between CPUs play no part here (`make test` covers those). Text outputs
(streams, text/plain, text/html, errors) are compared character by character; images are
compared byte by byte and reported separately, since a difference there is a picture that
changed. Live widgets' model ids are left out (they are random per kernel session).
Exits 1 when anything differs. Takes about twice the notebooks' execution time (see
benchmarks/notebook_times.py).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("text/plain", "text/html", "text/markdown", "text/latex", "application/json")
# A live widget's output names its model by a comm id that the kernel draws at random for
# each session; it is not content a reader sees (the page shows the text/html view).
SESSION_IDS = ("application/vnd.jupyter.widget-view+json",)


def execute(path: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def outputs(nb: nbformat.NotebookNode) -> list[tuple[int, str, str]]:
    """(cell index, kind, content) for every output, in order."""
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "stream":  # how a stream is cut into pieces is timing
                kind = f"stream {out.name}"
                if found and found[-1][:2] == (index, kind):
                    found[-1] = (index, kind, found[-1][2] + out.text)
                else:
                    found.append((index, kind, out.text))
            elif out.output_type == "error":
                found.append((index, "error", f"{out.ename}: {out.evalue}"))
            else:
                for mime, data in sorted(out.get("data", {}).items()):
                    if mime in SESSION_IDS:
                        continue
                    text = data if isinstance(data, str) else repr(data)
                    found.append((index, mime, text))
    return found


def differences(first, second) -> list[str]:
    """Readable lines for each output that differs between two runs."""
    if len(first) != len(second):
        return [f"the runs produced {len(first)} and {len(second)} outputs"]
    lines = []
    for (cell, kind, a), (_, _, b) in zip(first, second, strict=True):
        if a == b:
            continue
        if kind in TEXT or kind.startswith(("stream", "error")):
            diff = [d for d in difflib.unified_diff(a.splitlines(), b.splitlines(),
                                                    lineterm="", n=0)
                    if d.startswith(("+", "-")) and not d.startswith(("+++", "---"))]
            lines.append(f"cell {cell} {kind}: " + " | ".join(d[:160] for d in diff[:4]))
        else:
            lines.append(f"cell {cell} {kind}: the image differs")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["chapters", "solutions"])
    args = parser.parse_args(argv)
    notebooks = []
    for item in args.paths:
        path = Path(item) if Path(item).is_absolute() else ROOT / item
        notebooks += sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    start, bad = time.perf_counter(), 0
    for path in notebooks:
        found = differences(outputs(execute(path)), outputs(execute(path)))
        name = path.relative_to(ROOT).as_posix()
        print(f"{name:48} {'same' if not found else f'{len(found)} differences'}")
        for line in found:
            print(f"    {line}")
        bad += bool(found)
    print(f"{len(notebooks)} notebooks, each run twice, in {time.perf_counter() - start:.0f} s; "
          f"{bad} with differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
