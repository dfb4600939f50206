"""``ckm-course grade '/home/*/ckm-course/exercises/03_*.ipynb'``: collecting a class from its home folders (issue 15).

The pattern is quoted so the shell leaves it alone; :func:`expand` expands it here, remembering
for every match which home folder the first wildcard stood for, so a notebook without
``ckm_course.student(...)`` can still be put to its owner (:func:`ckm_course.exercises.identity.from_home`).
Expanding reads directory listings only; no student file is opened for writing, ever.

A match that is a symbolic link leaving its own home folder (to a classmate's notebook, or out
of ``/home``) is refused and reported, never read; a folder on the way down that the grader may
not read is reported, not skipped silently (issue 21 item 4).
"""

from __future__ import annotations

import fnmatch
import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

WILDCARDS = frozenset("*?[")
SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}


def is_pattern(given: str | Path) -> bool:
    """True for a glob pattern (``*``, ``?`` or ``[``) that is not also the name of an existing file."""
    text = str(given)
    return bool(WILDCARDS.intersection(text)) and not os.path.lexists(text)


@dataclass
class Expanded:
    """The inputs with every pattern replaced by its matches, and where each match's home folder is."""

    paths: list[Path] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # home folders the grader may not list (glob skips them silently)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (path, why): links out of their home folder
    _roots: list[tuple[tuple[str, ...], int]] = field(default_factory=list, repr=False)

    def home_of(self, file: str | Path) -> str | None:
        """The home folder name of a file found through a pattern (the part its first wildcard matched), else None."""
        parts = Path(os.path.abspath(file)).parts
        for prefix, depth in self._roots:
            if len(parts) > depth + 1 and parts[:depth] == prefix:
                return parts[depth]
        return None


def _first_wildcard(parts: tuple[str, ...]) -> int:
    return next(i for i, part in enumerate(parts) if WILDCARDS.intersection(part))


def expand(inputs: list[str | Path]) -> Expanded:
    """Files and folders as given; each pattern replaced by its sorted matches (``**`` spans folders)."""
    found = Expanded()
    for given in inputs:
        if not is_pattern(given):
            found.paths.append(Path(given))
            continue
        pattern = os.path.abspath(os.path.expanduser(str(given)))
        matches = sorted(m for m in glob.glob(pattern, recursive=True)
                         if not SKIP_DIRS.intersection(Path(m).parts))
        if not matches:
            found.unmatched.append(str(given))
            continue
        parts = Path(pattern).parts
        depth = _first_wildcard(parts)
        found._roots.append((parts[:depth], depth))
        for match in matches:
            home = Path(*Path(match).parts[:depth + 1])
            if _inside(match, home):
                found.paths.append(Path(match))
            else:
                found.refused.append((match, "a symbolic link out of this home folder (to another student's file "
                                             "or elsewhere); not followed"))
        found.unreadable.extend(_closed(Path(*parts[:depth]), parts[depth], parts[depth + 1:]))
    return found


def _inside(path: str, home: Path) -> bool:
    real, root = os.path.realpath(path), os.path.realpath(home)
    return os.path.commonpath([real, root]) == root


def _closed(folder: Path, wildcard: str, rest: tuple[str, ...] = ()) -> list[str]:
    """The folders this user cannot list or enter: those the first wildcard matches (e.g. TLJH's o-rwx
    homes), and below each, the folders the pattern names literally (``ckm-course/exercises``)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    closed = []
    for entry in entries:
        if not (fnmatch.fnmatchcase(entry.name, wildcard) and entry.is_dir(follow_symlinks=True)):
            continue
        where = Path(entry.path)
        for part in ("", *rest[:-1]):
            if WILDCARDS.intersection(part) or part == "**":
                break
            where = where / part if part else where
            if not where.is_dir():
                break
            if not os.access(where, os.R_OK | os.X_OK):
                closed.append(str(where))
                break
    return closed
