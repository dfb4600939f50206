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
"""

from __future__ import annotations

import os
import tempfile

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
