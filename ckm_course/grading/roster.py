"""The class list (CSV with id, name, optional email) and matching submissions to it.

A submission is matched by the id it gives with ``ckm_course.student(...)``, then by its name,
then by a roster id that appears in its file name (``2024001_wang.ipynb``); what is left is
keyed by its file name and flagged. Ids, names and file names are compared after Unicode NFKC
(issue 21, item 8): ``José`` typed on a Mac (NFD, e + combining accent) matches ``José`` in the
roster, and an id or name typed in full-width mode (``２０２４００１``, ``Ａ17``, the ideographic
space) matches its ASCII form; then blanks are collapsed and case folded.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ckm_course.exercises.reader import ReadError, read_bytes

HEADERS = {
    "id": ("id", "student_id", "student id", "id number", "sis user id", "学号"),
    "name": ("name", "full name", "student", "student name", "姓名"),
    "email": ("email", "email address", "e-mail", "邮箱"),
}


class RosterError(ValueError):
    """The roster cannot be used (a usage error: exit status 2)."""


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str = ""


def _norm(text: str | None) -> str:
    """``text`` as compared: NFKC (composed accents, full-width folded), blanks collapsed, case folded."""
    return " ".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()


def read_roster(path: Path | str) -> list[Person]:
    """The students of ``path``; a missing id column, an empty id or a repeated id is a :class:`RosterError`."""
    try:
        text = read_bytes(path, 5_000_000).decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError) as exc:
        raise RosterError(f"roster {path}: {exc}") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise RosterError(f"roster {path}: empty")
    header = [_norm(h) for h in rows[0]]
    where = {key: next((header.index(n) for n in names if n in header), None) for key, names in HEADERS.items()}
    if where["id"] is None:
        raise RosterError(f"roster {path}: no id column (expected a header with id, name and optional email)")
    people: list[Person] = []
    seen: set[str] = set()
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {k: (row[i].strip() if i is not None and i < len(row) else "") for k, i in where.items()}
        if not cell["id"]:
            raise RosterError(f"roster {path}, line {line}: empty id")
        if _norm(cell["id"]) in seen:
            raise RosterError(f"roster {path}, line {line}: id {cell['id']!r} appears twice")
        seen.add(_norm(cell["id"]))
        people.append(Person(cell["id"][:100], cell["name"][:200], cell["email"][:200]))
    return people


def _tokens(file_name: str) -> set[str]:
    stem = unicodedata.normalize("NFKC", Path(file_name).name.rsplit(".", 1)[0])
    return {t.casefold() for t in re.split(r"[^0-9A-Za-z\u4e00-\u9fff]+", stem) if t}


def match(identity: dict[str, str | None] | None, file_name: str, roster: list[Person] | None
          ) -> tuple[str, str, str, list[str]]:
    """``(key, id, name, flags)`` of one submission: the roster id when it matches, else what it gives."""
    given_id = (identity or {}).get("id") or ""
    given_name = (identity or {}).get("name") or ""
    flags = [] if identity else ["no_identity"]
    stem = Path(file_name).stem[:100]
    if roster is None:
        key = given_id or given_name or f"file:{stem}"
        return key, given_id, given_name or (stem if not identity else ""), flags
    by_id = {_norm(p.id): p for p in roster}
    person = by_id.get(_norm(given_id)) if given_id else None
    if person is None and given_name and not given_id:
        named = [p for p in roster if _norm(p.name) == _norm(given_name)]
        person = named[0] if len(named) == 1 else None
    if person is None and not identity:
        hits = [by_id[t] for t in _tokens(file_name) if t in by_id]
        person = hits[0] if len(hits) == 1 else None
    if person is None:
        key = given_id or given_name or f"file:{stem}"
        return key, given_id, given_name or stem, [*flags, "unknown_student"]
    if given_name and person.name and _norm(given_name) != _norm(person.name):
        flags.append("name_mismatch")
    return person.id, person.id, person.name, flags
