"""``ckm-course grade '/home/*/ckm-course/exercises/03_*.ipynb'``: collecting a class from its home folders (issue 15).

The pattern is quoted so the shell leaves it alone; :func:`expand` expands it here, remembering
for every match which home folder the first wildcard stood for, so a notebook without
``ckm_course.student(...)`` can still be put to its owner (:func:`ckm_course.exercises.identity.from_home`).
Expanding reads directory listings only; no student file is opened for writing, ever.
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
        found.paths.extend(Path(m) for m in matches)
        found.unreadable.extend(_closed(Path(*parts[:depth]), parts[depth]))
    return found


def _closed(folder: Path, wildcard: str) -> list[str]:
    """The folders the first wildcard matches that this user cannot list or enter (e.g. TLJH's o-rwx homes)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [entry.path for entry in entries if fnmatch.fnmatchcase(entry.name, wildcard)
            and entry.is_dir(follow_symlinks=True) and not os.access(entry.path, os.R_OK | os.X_OK)]
