"""A cache of the loaded course, so that every kernel's ``start()`` does not parse and validate the
same ~40 TOML files again (~0.26 s of the first cell; issue 23, measured in ``make bench``).

The key is a hash of every file under ``ckm_course/content/`` (the TOML and the modules that read
them), the package version and the Python version: any change to the content or to its code loads
and validates afresh, so a broken file still fails at the top of the notebook. Only the packaged
content is cached, in ``$XDG_CACHE_HOME/ckm-course`` (default ``~/.cache/ckm-course``), one file
per key, written atomically by this package for this user (a pickle: the cache folder must be as
private as the user's own packages are). ``CKM_COURSE_CACHE=0`` turns it off; a cache that cannot
be read or written is ignored, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ckm_course.collector import collector_paused
from ckm_course.content.builder import CONTENT_DIR
from ckm_course.version import VERSION

T = TypeVar("T")
_OFF = {"0", "false", "no", "off"}
KEEP = 4  # cached versions kept: a few checkouts (or branches) can share one cache folder


def folder() -> Path | None:
    """Where cached loads are kept, or None when the cache is turned off."""
    if os.environ.get("CKM_COURSE_CACHE", "").strip().lower() in _OFF:
        return None
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ckm-course"


CASE_DIR = CONTENT_DIR.parent / "case"  # company.toml and the audit brief: the case facts registries read


def key(content: Path = CONTENT_DIR) -> str:
    """A hash of every content file and content module (names and bytes), the case facts' TOML, the
    package and Python versions."""
    digest = hashlib.sha256(f"{VERSION} {sys.version}".encode())
    files = [(content, p) for p in content.rglob("*") if p.is_file() and p.suffix in (".toml", ".py")]
    if content == CONTENT_DIR:
        files += [(CASE_DIR, p) for p in CASE_DIR.glob("*.toml")]
    for base, path in sorted(files, key=lambda pair: (str(pair[0]), str(pair[1]))):
        digest.update(f"{base.name}/{path.relative_to(base)}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached(build: Callable[[], T], content: Path = CONTENT_DIR, name: str = "content") -> T:
    """``build()``'s result for the current content, from the cache when it holds one, else built and kept.

    ``name`` tells the cached things apart (the course, the materials, the company, ...): one file each."""
    where = folder()
    if where is None:
        return build()
    try:
        target = where / f"{name}-{_key(content)}.pickle"
        if target.is_file():
            with collector_paused():  # ~100,000 new objects, which start() then freezes (collector.py)
                return pickle.loads(target.read_bytes())
    except Exception:  # noqa: BLE001 - an unreadable or stale cache only means loading the files
        target = None
    value = build()  # a ContentError goes to the caller, as without the cache
    if target is not None:
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return value  # a value that cannot be kept is simply built again next time
        _write(target, data, name)
    return value


_keys: dict[Path, str] = {}


def _key(content: Path) -> str:
    """:func:`key`, computed once per process (a kernel reads several cached things)."""
    if content not in _keys:
        _keys[content] = key(content)
    return _keys[content]


def _write(target: Path, data: bytes, name: str = "content") -> None:
    """Write ``data`` to ``target`` through a temporary file (never half a file); give up quietly."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".content-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
        for old in sorted(target.parent.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)  # older versions of the content (other checkouts keep theirs)
    except OSError:
        return
