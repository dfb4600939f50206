"""Atomic text writes without importing nbformat.

The same contract as :func:`ckm_course.runner.write_text_atomic` (temporary file in the same
folder, then ``os.replace``; an existing file keeps its mode, a new one is 0644), but
``ckm_course.runner`` imports nbformat at module level, which costs the gradebook about a
second of start-up (jsonschema and its format checkers). Grading never needs nbformat.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so a crash never leaves half a file."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
