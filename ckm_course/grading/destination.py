"""Where ``grade --out`` and ``collect -o`` may write, checked before any work (issue 21, item 8).

Light on purpose (no pandas): ``ckm-course collect`` uses it too. Every refusal is a
:class:`UsageError` whose message is one line; the command prints it and exits with status 2.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ANSWER_FILE = ".answers.json"  # the app's answer files (<notebook>[.<id>].answers.json): a student's work


class UsageError(ValueError):
    """A command line the gradebook refuses (exit status 2)."""


def _writable(out: Path, shown: Path) -> None:
    """Refuse ``out`` when a part of it is a file, or when its nearest existing folder takes no new file."""
    existing = out
    while not existing.exists() and not existing.is_symlink() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"refusing to write to {shown}: {existing} is a file, not a folder")
    try:  # the one test that also holds for root on a read-only file system: make something there
        os.rmdir(tempfile.mkdtemp(prefix=".ckm-probe-", dir=existing))
    except OSError as exc:
        raise UsageError(f"cannot write to {shown}: {existing} is not writable ({exc.strerror or exc})") from None


def check_destination(out: Path | str, inputs: list[Path | str], is_dir: bool = True) -> Path:
    """Refuse an output that is an input, inside an input file, through or named like a notebook, below a
    file, not writable, or (``collect -o``) an app answer file; return it as a :class:`~pathlib.Path`.
    """
    out = Path(out)
    through = [part for part in out.parts[:-1] if part.lower().endswith(".ipynb")]
    if out.suffix.lower() == ".ipynb" or through:
        raise UsageError(f"refusing to write to {out}: "
                         + (f"it goes through {through[0]} (a student's notebook?)" if through
                            else "the output ends in .ipynb (a student's notebook?)"))
    if not is_dir and out.name.lower().endswith(ANSWER_FILE):
        raise UsageError(f"refusing to write to {out}: a *{ANSWER_FILE} file is a student's saved answers")
    target = out.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source:
            raise UsageError(f"refusing to write to {out}: it is one of the inputs")
        if not is_dir and source.is_dir() and source in target.parents and target.suffix.lower() == ".ipynb":
            raise UsageError(f"refusing to write to {out}: it is inside an input folder")
    if is_dir and out.exists() and not out.is_dir():
        raise UsageError(f"refusing to write to {out}: it exists and is not a folder")
    if not is_dir and out.is_dir():
        raise UsageError(f"refusing to write to {out}: it is a folder")
    _writable(out if is_dir else out.parent, out)
    return out
