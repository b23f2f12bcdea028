"""Which SIMD code paths NumPy uses here, and how to switch them off.

    python tools/simd.py --disable        # print the NPY_DISABLE_CPU_FEATURES value that
                                          # leaves NumPy at its baseline on this CPU
    python tools/simd.py --report LABEL   # print one line for a test log: the level in use

NumPy picks an implementation of its elementary functions at import time by the CPU's
features (SIMD dispatch), so their last bits differ between machines. `make test` runs the
notebooks twice: once at the baseline (every dispatched feature disabled) and once at the
machine's native level, and reports both levels in the log. See DESIGN.md, "Testing and CI".
"""

from __future__ import annotations

import argparse
import os
import sys

from numpy._core import _multiarray_umath as umath


def dispatchable() -> list[str]:
    """Features above the baseline that NumPy can dispatch to on this CPU."""
    return [f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)]


def report(label: str) -> str:
    """One log line: the baseline, the dispatched features in use and those switched off."""
    disabled = os.environ.get("NPY_DISABLE_CPU_FEATURES", "").split()
    in_use = dispatchable()
    level = in_use[-1] if in_use else "baseline " + "+".join(umath.__cpu_baseline__)
    return (f"NumPy SIMD level for {label}: {level} "
            f"(baseline {' '.join(umath.__cpu_baseline__)}; dispatched: "
            f"{' '.join(in_use) or 'none'}; disabled: {' '.join(disabled) or 'none'})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--disable", action="store_true",
                       help="print the features to disable for the baseline level")
    group.add_argument("--report", metavar="LABEL", help="print the level in use")
    args = parser.parse_args(argv)
    if args.disable:
        features = dispatchable()
        if not features:
            print("simd: this CPU offers NumPy nothing above its baseline; both test passes "
                  "run at the same level", file=sys.stderr)
        print(" ".join(features))
    else:
        print(report(args.report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
