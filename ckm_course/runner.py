"""Old path of the notebook runner (``from ckm_course.runner import run_cells``): :mod:`ckm_course.notebooks.runner`,
re-exported for benchmarks and README (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.notebooks.runner import (  # noqa: F401 - re-exported under the old path
    KERNEL, FIXED_EPOCH, WIDGET_VIEW, MAX_BYTES, read, clean,
    notebook_text, write_atomic, run_cells, execute,
)
from ckm_course.files import (  # noqa: F401 - re-exported under the old path
    NotebookError, write_text_atomic,
)

__all__ = ['FIXED_EPOCH', 'KERNEL', 'MAX_BYTES', 'NotebookError', 'WIDGET_VIEW', 'clean', 'execute', 'notebook_text', 'read', 'run_cells', 'write_atomic', 'write_text_atomic']
