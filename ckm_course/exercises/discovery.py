"""Which files a grading run reads: files as given, folders walked for notebooks and answer files.

Folders are walked without following symbolic links: a link that leaves the folder (to a
classmate's file, or anywhere else) and a subfolder that cannot be read are reported, never
followed or skipped silently (issue 21 item 4). The list is sorted by path, so a run's outputs do
not depend on the order of the files on the command line (issue 21, the grading measure).
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

ANSWER_FILE_GLOB = "*.answers.json"
SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}


@dataclass(frozen=True)
class Problem:
    """A file the gradebook reports: ``severity`` "error" (not read) or "warning" (read anyway)."""

    file: str
    severity: str
    reason: str

    def line(self) -> str:
        return f"{self.severity}: {self.file}: {self.reason}"


def _inside(path: str, folder: str) -> bool:
    real, root = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, root]) == root


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """The notebooks and answer files under ``folder``; links are not followed out of it (issue 21 item 4)."""
    found: list[Path] = []

    def closed(error: OSError) -> None:
        where = error.filename or str(folder)
        problems.append(Problem(str(where), "error", f"cannot read this folder ({error.strerror or 'denied'}); "
                                                     "its notebooks were not graded"))

    for top, dirs, files in os.walk(folder, onerror=closed, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in dirs:
            link = os.path.join(top, name)
            if os.path.islink(link) and not _inside(link, folder):
                problems.append(Problem(link, "error", "a symbolic link to a folder outside the class folder; "
                                                       "not followed"))
        for name in sorted(files):
            if not (name.endswith(".ipynb") or fnmatch.fnmatchcase(name, ANSWER_FILE_GLOB)):
                continue
            path = os.path.join(top, name)
            if os.path.islink(path) and os.path.isfile(path) and not _inside(path, folder):  # a device: read_bytes says so
                problems.append(Problem(path, "error", "a symbolic link to a file outside the class folder; "
                                                       "not followed"))
                continue
            found.append(Path(path))
    return found


def discover(inputs: list[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The notebooks to read: files as given, folders searched for ``*.ipynb`` (checkpoints skipped).

    The result is sorted by path and does not depend on the order of ``inputs`` (issue 21,
    measure: byte-identical outputs whatever the order of the files on the command line).
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for given in inputs:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or os.path.lexists(path)
        except OSError as exc:
            problems.append(Problem(str(path), "error", f"cannot open ({exc.strerror or type(exc).__name__})"))
            continue
        if not exists:
            problems.append(Problem(str(path), "error", "no such file or folder"))
            continue
        files.extend(_walk(path, problems) if is_dir else [path])
    chosen: dict[str, Path] = {}
    for item in sorted(files, key=str):
        chosen.setdefault(os.path.realpath(item), item)
    return sorted(chosen.values(), key=str), sorted(set(problems), key=lambda p: (p.file, p.reason))
