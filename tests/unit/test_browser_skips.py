"""Issue 22.11: on a machine without chromium, `make test` passes with the browser tests skipped, says
how many and how to enable them; under CKM_REQUIRE_E2E=1 (.ci/run) the same tests fail instead."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEEDS_BROWSER = [
    "tests/unit/test_runner.py::test_execute_adds_a_static_png_to_each_figure_and_repeats_byte_for_byte",
    "tests/e2e/test_grid_in_browser.py",
]


def _pytest(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, str]:
    summary = tmp_path / "skips.txt"
    environment = {**os.environ, "CKM_CHROMIUM": str(tmp_path / "no-chromium"),
                   "CKM_SKIP_SUMMARY": str(summary), **env}
    environment.pop("CKM_REQUIRE_E2E", None) if "CKM_REQUIRE_E2E" not in env else None
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
                           *NEEDS_BROWSER], cwd=ROOT, env=environment, capture_output=True, text=True,
                          timeout=300)
    return done, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_without_chromium_browser_tests_skip_with_one_reason_and_a_count(tmp_path):
    done, summary = _pytest(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:]
    final = done.stdout.strip().splitlines()[-1]  # pytest's own count: "7 skipped in 2.1s"
    skipped = int(re.search(r"(\d+) skipped", final).group(1))
    assert skipped >= 2
    reasons = {line.split("needs chromium:")[1].strip() for line in done.stdout.splitlines()
               if line.startswith("SKIPPED") and "needs chromium:" in line}
    assert len(reasons) == 1, reasons
    assert summary.startswith(f"{skipped} browser test(s) skipped")
    assert "apt-get install chromium" in summary and "make test" in summary
    assert summary.strip() in done.stdout


def test_ci_requires_the_browser_tests(tmp_path):
    done, summary = _pytest(tmp_path, CKM_REQUIRE_E2E="1")
    assert done.returncode != 0
    assert "browser tests are required here" in done.stdout
    assert summary == ""
