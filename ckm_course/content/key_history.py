"""Every key hash each exercise has had (``content/keys/history.toml``), read and checked once.

A record keeps the hash of the key it was checked against (``exercises/record.py``, ``key_hash``).
When the key changes, records checked before still carry the old hash; the gradebook then says
``key_changed``, not ``tampered``. A hash that is no version of the key was not written by the
course and is flagged ``tampered`` (issue 21 item 6). So that the gradebook knows the old
hashes without git, they are kept here, as content data:

.. code-block:: toml

    [hashes]
    "c3.1-four-categories" = ["sha256:0123456789abcdef", "sha256:..."]

Hashes are only ever added (a test fails, naming the line to add, when today's hash of an
exercise is missing). The first list was derived from the git history: the key hash of every
exercise at every commit since records carried one (``ee1899a``).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from ckm_course.content.builder import ContentError

FILE = Path("keys") / "history.toml"
_HASH = re.compile(r"sha256:[0-9a-f]{16}")


def load_key_history(path: Path) -> Mapping[str, frozenset[str]]:
    """``{exercise id: hashes}`` from ``path``; an absent file is an empty history, a broken one a ContentError."""
    if not path.is_file():
        return MappingProxyType({})
    name = f"{path.parent.name}/{path.name}"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(name, "", "", f"not valid TOML ({exc})") from None
    extra = sorted(set(raw) - {"hashes"})
    if extra:
        raise ContentError(name, "", extra[0], "unknown top-level key; allowed: hashes")
    table = raw.get("hashes", {})
    if not isinstance(table, dict):
        raise ContentError(name, "", "hashes", "must be a table of exercise id = [hashes]")
    found: dict[str, frozenset[str]] = {}
    for exercise_id, hashes in table.items():
        if not isinstance(hashes, list) or not hashes:
            raise ContentError(name, "hashes", exercise_id, "must be a non-empty list of hashes")
        bad = [h for h in hashes if not isinstance(h, str) or not _HASH.fullmatch(h)]
        if bad:
            raise ContentError(name, "hashes", exercise_id, f"{str(bad[0])[:40]!r} is not a key hash (sha256:<16 hex>)")
        if len(set(hashes)) != len(hashes):
            raise ContentError(name, "hashes", exercise_id, "a hash is listed twice")
        found[exercise_id.casefold()] = frozenset(hashes)
    return MappingProxyType(found)
