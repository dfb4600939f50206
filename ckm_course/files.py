"""Writing files safely, and the error that names a notebook: the ground every layer may use.

:func:`write_text_atomic` is how the package writes anything a person keeps (notebooks, answer
files, exports, gradebooks): a crash never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class NotebookError(RuntimeError):
    """A notebook could not be read or executed; the message names the file (and cell)."""


def write_text_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file, so a crash never leaves half a file.

    An existing file keeps its permissions; a new one is made readable (0644).
    """
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temporary, mode)  # mkstemp makes 0600 files
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
