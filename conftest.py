"""The test environment of every pytest run in this checkout (the root conftest: tests only, never shipped).

It sits at the root, not in ``tests/``, because pytest loads a conftest for the folders it is given
and their parents: only here is it loaded whatever paths pytest is given (``pytest --nbval
solutions`` too, which never looks into ``tests/``), and before collection, so every kernel
that nbval or a test starts inherits it: ``SOURCE_DATE_EPOCH`` fixes the clock of answer
records (``record.now``), so notebooks that check answers give the same outputs every
run (strict nbval); ``CKM_COURSE_STRICT_CHECKS`` makes a checker bug raise instead of coming
back as an "error" result, since a masked bug is a bug. Hypothesis keeps its caches (the example
database is off in the property tests, but it still caches source constants) in the system temp
folder, not as a ``.hypothesis/`` folder in the checkout.

Tests that need Debian's chromium (every browser test, marker ``e2e``, and the few unit tests marked
``chromium``, e.g. kaleido's static figure images) skip with one reason line where it is missing, and
the run ends by counting them and naming the command that enables them (issue 22.11). Where
``CKM_REQUIRE_E2E=1`` (``.ci/run``) a missing browser fails those tests instead: a skip there would hide
a broken set-up.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from ckm_course.notebooks.runner import FIXED_EPOCH

os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
os.environ["CKM_COURSE_STRICT_CHECKS"] = "1"
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "ckm-course-hypothesis"))


def pytest_collectstart(collector) -> None:  # noqa: ANN001 - pytest's hook signature
    """Run generated student notebooks (any ``exercises/`` folder) lax: they must run, they have no outputs to compare.

    nbval decides strict or lax once per run (``--nbval`` / ``--nbval-lax``); the flag it reads is
    per notebook (``IPyNbFile.compare_outputs``, used when the file collects its cells), so one
    ``pytest --nbval`` run can check notebooks/ and solutions/ strictly and exercises/ lax.
    """
    if getattr(collector, "compare_outputs", None) is True and getattr(collector, "path", None) is not None:
        if collector.path.suffix == ".ipynb" and collector.path.parent.name == "exercises":
            collector.compare_outputs = False


CHROMIUM = Path(os.environ.get("CKM_CHROMIUM", "/usr/bin/chromium"))
ENABLE_BROWSER = "sudo apt-get install chromium chromium-driver fonts-noto-cjk"
BROWSER_SKIP = "needs chromium:"


def missing_chromium() -> str | None:
    """The one reason line of every test skipped for want of a browser, or None when chromium is here."""
    if CHROMIUM.exists():
        return None
    return f"{BROWSER_SKIP} {CHROMIUM} not found (Debian: {ENABLE_BROWSER})"


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip (or, under ``CKM_REQUIRE_E2E=1``, fail) a test marked ``e2e`` or ``chromium`` without chromium."""
    if item.get_closest_marker("e2e") is None and item.get_closest_marker("chromium") is None:
        return
    reason = missing_chromium()
    if reason is None:
        return
    if os.environ.get("CKM_REQUIRE_E2E") == "1":
        pytest.fail(f"browser tests are required here (CKM_REQUIRE_E2E=1) but cannot run: {reason}")
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001 - pytest's hook
    """How many tests were skipped for want of chromium, and the one command that enables them.

    With ``CKM_SKIP_SUMMARY`` set, the same line is also written to that file (``make test`` prints
    it as its last line, after pytest's own summary).
    """
    skipped = [report for report in terminalreporter.stats.get("skipped", [])
               if BROWSER_SKIP in str(getattr(report, "longrepr", ""))]
    line = (f"{len(skipped)} browser test(s) skipped: {CHROMIUM} not found. Enable them with: "
            f"{ENABLE_BROWSER}   (then: make test)") if skipped else ""
    if line:
        terminalreporter.write_sep("-", "browser tests")
        terminalreporter.write_line(line)
    summary_file = os.environ.get("CKM_SKIP_SUMMARY")
    if summary_file:
        Path(summary_file).write_text(line + "\n" if line else "", encoding="utf-8")
