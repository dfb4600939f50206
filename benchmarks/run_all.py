"""Run every benchmark in this folder and print its figures (``make bench``)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["bench_import", "bench_checkers", "bench_data", "bench_notebooks", "bench_latency", "bench_grading"]


def main() -> int:
    sys.path.insert(0, str(HERE))
    for name in BENCHMARKS:
        print(f"== {name} ==")
        importlib.import_module(name).main()
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
