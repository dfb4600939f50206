"""Import cost of ckm_course, as ratios measured in one run (issue: foundation, item 7).

Each figure is the median of fresh interpreters, timed inside the child with
perf_counter so interpreter start-up is not counted.

* package ratio: (pandas + plotly + ipywidgets + ckm_course) / (pandas + plotly + ipywidgets).
  Target <= 1.1: the package adds next to nothing to what a notebook imports anyway.
* start ratio: (deps + ``import ckm_course; ckm_course.start()``) / deps: what the first cell of
  every notebook costs over its imports (content loaded and validated, plotly's renderer set).
  Target <= 1.5 (issue 23; <= 2.0 before): the loaded course comes from a cache while the content is
  unchanged (ckm_course/content/cache.py), and plotly's renderers are chosen without importing them.
  It was ~5 while jsonschema >= 4.24 built its IRI parsers on import (pyproject.toml).
* bare cost: ``import ckm_course`` alone, over ``import json`` (both tiny; shows that
  importing the package does not pull in pandas, plotly or ipywidgets).
"""

from __future__ import annotations

import statistics
import subprocess
import sys

RUNS = 7
DEPS = "import pandas, plotly.graph_objects, ipywidgets"
SNIPPETS = {
    "deps": DEPS,
    "deps+ckm": DEPS + "; import ckm_course",
    "deps+start": DEPS + "; import ckm_course; ckm_course.start('en')",
    "ckm": "import ckm_course",
    "json": "import json",
}
PROBE = ("import contextlib, io, time, sys; t = time.perf_counter()\n"
         "with contextlib.redirect_stdout(io.StringIO()): exec(sys.argv[1])\n"
         "print(time.perf_counter() - t); "
         "print(int(any(m in sys.modules for m in ('pandas', 'plotly', 'ipywidgets'))))")


def _time(snippet: str) -> tuple[float, bool]:
    out = subprocess.run([sys.executable, "-c", PROBE, snippet], capture_output=True, text=True, check=True).stdout
    seconds, heavy = out.split()
    return float(seconds), heavy == "1"


def measure() -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in SNIPPETS}
    heavy_from_ckm = False
    for _ in range(RUNS):  # interleaved, so drift in machine load hits every snippet alike
        for name, snippet in SNIPPETS.items():
            seconds, heavy = _time(snippet)
            samples[name].append(seconds)
            heavy_from_ckm |= name == "ckm" and heavy
    median = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "package_ratio": median["deps+ckm"] / median["deps"],
        "start_ratio": median["deps+start"] / median["deps"],
        "bare_ratio": median["ckm"] / median["json"],
        "deps_ms": median["deps"] * 1000,
        "ckm_ms": median["ckm"] * 1000,
        "ckm_imports_heavy_modules": float(heavy_from_ckm),
    }


def main() -> dict[str, float]:
    result = measure()
    print(f"import: deps {result['deps_ms']:.0f} ms; ckm_course alone {result['ckm_ms']:.1f} ms")
    print(f"  (deps + ckm_course) / deps = {result['package_ratio']:.3f}   target <= 1.10")
    print(f"  (deps + start()) / deps     = {result['start_ratio']:.2f}    target <= 1.5 (the first cell of a notebook)")
    print(f"  ckm_course / json           = {result['bare_ratio']:.1f}    (for scale only)")
    print(f"  import ckm_course pulls in pandas/plotly/ipywidgets: {bool(result['ckm_imports_heavy_modules'])}")
    return result


if __name__ == "__main__":
    main()
