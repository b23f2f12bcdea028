"""Execute every notebook from its own folder and print seconds against the 20 s budget.

    python benchmarks/notebook_times.py [FOLDER_OR_NOTEBOOK ...]
                                        (default: chapters solutions exercises)

Each notebook runs in a fresh kernel, as in the build and in nbval; the time includes kernel
start-up. Exercise notebooks run with errors allowed (their stubs raise on purpose).
Exits 1 if any notebook fails; a notebook over budget is reported in the table (the budget
is a goal to measure against, not a test that depends on the machine's speed).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

BUDGET_SECONDS = 20.0
ROOT = Path(__file__).resolve().parent.parent


def run(path: Path) -> tuple[float, str]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            allow_errors=path.parent.name == "exercises",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    except Exception as exc:  # noqa: BLE001 - report and go on to the next notebook
        return time.perf_counter() - start, f"FAILED: {type(exc).__name__}"
    return time.perf_counter() - start, ""


def main(folders: list[str]) -> int:
    paths = []
    for item in folders:
        path = ROOT / item
        paths += [path] if path.suffix == ".ipynb" else sorted(path.glob("*.ipynb"))
    print(f"{'notebook':48} {'seconds':>8}  {'budget':>6}  status")
    total, bad = 0.0, 0
    for path in paths:
        seconds, failure = run(path)
        total += seconds
        over = seconds > BUDGET_SECONDS
        bad += bool(failure)
        status = failure or ("OVER BUDGET" if over else "ok")
        print(f"{path.relative_to(ROOT).as_posix():48} {seconds:8.1f}  {BUDGET_SECONDS:6.0f}  "
              f"{status}")
    print(f"{'total':48} {total:8.1f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["chapters", "solutions", "exercises"]))
