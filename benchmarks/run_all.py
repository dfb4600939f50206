"""Run every benchmark in this folder and print its figures (``make bench``).

Every ``bench_*.py`` here with a ``main()`` is run, in the order below and then by name, so a new
benchmark needs no edit of this file. A benchmark that raises is retried once; if it fails again
its figures are reported as *noisy* (with the reason) and the run goes on: a slow or loaded machine
gives unreliable figures, not a traceback (issue 13). The exit status is 0 either way.
"""

from __future__ import annotations

import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIRST = ["bench_import", "bench_checkers", "bench_data", "bench_notebooks", "bench_latency", "bench_grading"]
TEST_WALL_TIME = ROOT / "build" / "make-test-seconds.txt"
TEST_TARGET_SECONDS = 180


def benchmark_names() -> list[str]:
    found = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n for n in FIRST if n in found] + [n for n in found if n not in FIRST]


def run_one(name: str, attempts: int = 2) -> bool:
    """Run ``name.main()``; retry once; print a *noisy* line instead of a traceback. True if it ran."""
    for attempt in range(1, attempts + 1):
        try:
            importlib.import_module(name).main()
            return True
        except Exception as exc:  # noqa: BLE001 - a benchmark's failure is a reported figure, not a crash
            reason = traceback.format_exception_only(type(exc), exc)[-1].strip()
            if attempt < attempts:
                print(f"  {name}: attempt {attempt} failed ({reason}); retrying once")
                time.sleep(2)
            else:
                print(f"  noisy: {name} failed {attempts} times ({reason}); no figure from this run")
    return False


def test_wall_time() -> str:
    """The last ``make test`` wall time (the Makefile writes it), against the 3-minute target."""
    if not TEST_WALL_TIME.exists():
        return "make test: no run recorded yet (run `make test`; it writes build/make-test-seconds.txt)"
    seconds, when, *rest = TEST_WALL_TIME.read_text(encoding="utf-8").split()
    return (f"make test: {int(seconds)} s wall time at {when} ({' '.join(rest)}); "
            f"{int(seconds) / TEST_TARGET_SECONDS:.2f} of the {TEST_TARGET_SECONDS} s target (warm .venv)")


def main() -> int:
    sys.path.insert(0, str(HERE))
    noisy = []
    for name in benchmark_names():
        print(f"== {name} ==")
        if not run_one(name):
            noisy.append(name)
        print()
    print("== make test ==")
    print(test_wall_time())
    if noisy:
        print(f"\nnoisy (figures missing, see above): {', '.join(noisy)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
