"""The bilingual glossary (术语表), generated from the content files (issues 11 and 20).

One row per term: every entry of every point, every group a point sorts its entries into, and
every *term choice* of an exercise — term zh, term en, a one- or two-sentence definition and the
chapter (and notebook) where it is taught. ``search`` forgives case, full-width characters,
spaces and partial input, in Chinese or English.

Where a definition comes from, in this order:

1. the term's own explanation in the content (an entry's or group's ``explanation``, the
   ``sides`` of a compared entry, a choice's ``explanation``), cut to its first sentence;
2. else ``content/glossary/terms.toml``: ``[[term]]`` tables with ``zh``, ``en`` and
   ``definition = { zh, en }``, matched on the folded (case, width, spaces) zh + en label.

A term with neither is *undefined*: the glossary still builds (nothing fails at import), but
:func:`check` raises a :class:`~ckm_course.content.builder.ContentError` naming every undefined term, and
every ``terms.toml`` entry that matches no term (a stale entry); the tests call it.

Which exercise choices are terms (every entry and group of a point always is):

- its exercise sorts items into its choices — kind ``single_label``, ``multi_label`` or
  ``matching`` — and is not a questionnaire (no item has its own ``options``, as the
  ``cN.questionnaire`` exercises do): the options of ``multiple_choice`` and ``ordering``
  exercises and of questionnaires are answers (often whole sentences, often deliberately wrong);
- its Chinese label is short (at most ``TERM_MAX_ZH`` characters) with no sentence punctuation;
- and it is defined: it has its own ``explanation`` or a ``terms.toml`` entry. A choice with
  neither is a verdict or answer option (合理 / 说不通, 叫高了, 是客户 …), not a term, and stays
  out; a choice that was a term cannot drop out unnoticed, since its ``terms.toml`` entry would
  then match nothing and :func:`check` fails.

A choice whose Chinese label is already a term (an entry or group, e.g. 负值客户 offered as
"Negative value") is that term again and is listed once, under its first English name.

Called through ``ckm_course.glossary()``; the catalog (``catalog().glossary``) builds the terms once
per kernel and is the one reader of ``terms.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ckm_course.content.builder import CONTENT_DIR, ContentError
from ckm_course.content.model import Choice, Course, ExerciseSpec, Text
from ckm_course.i18n import fold

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("term_zh", "term_en", "definition_zh", "definition_en", "chapter", "point", "notebook")
TERMS_FILE = CONTENT_DIR / "glossary" / "terms.toml"
TERM_KINDS = ("single_label", "multi_label", "matching")  # exercises whose choices are categories
TERM_MAX_ZH = 20
_SENTENCE_MARKS = re.compile(r"[，。；？！?!]")
_UNDEFINED = Text("", "")


@dataclass(frozen=True)
class Term:
    """One glossary row."""

    zh: str
    en: str
    definition: Text
    chapter: str
    point: str
    notebook: str

    def row(self) -> tuple[str, ...]:
        return (self.zh, self.en, self.definition.zh, self.definition.en, self.chapter, self.point, self.notebook)


def _first_sentence(s: str, zh: bool) -> str:
    """The first sentence (or clause up to a semicolon), ending with a full stop."""
    s = " ".join(s.split())
    stops = "。；！？" if zh else ".;!?"
    for i, ch in enumerate(s):
        if ch not in stops:
            continue
        if ch == "." and not (i + 1 == len(s) or s[i + 1] == " "):
            continue  # 1.5, C6.2
        if ch == "." and re.search(r"(?:\be\.g|\bi\.e|\betc|\bvs|\bcf)$", s[:i], re.IGNORECASE):
            continue  # an abbreviation, not the end of the sentence
        s = s[: i + 1]
        break
    if s.endswith(("；", ";")):
        s = s[:-1] + ("。" if zh else ".")
    return s


def _first_line(text: Text) -> Text:
    """The first sentence of each side, so a definition stays one line."""
    return Text(_first_sentence(text.zh, True), _first_sentence(text.en, False))


def is_term_choice(spec: ExerciseSpec, choice: Choice) -> bool:
    """True when ``choice`` is a term (see the module docstring), not an answer option."""
    if spec.kind not in TERM_KINDS or any(item.options for item in spec.items):
        return False
    label = choice.label.zh.strip()
    return len(label) <= TERM_MAX_ZH and not _SENTENCE_MARKS.search(label) and "?" not in choice.label.en


def _key(zh: str, en: str) -> tuple[str, str]:
    return fold(zh), fold(en)


def _fail(entry: str, field: str, problem: str):
    raise ContentError("glossary/terms.toml", entry, field, problem)


def load_definitions(path: Path | None = None) -> dict[tuple[str, str], Text]:
    """The ``[[term]]`` definitions of ``terms.toml`` by folded (zh, en) label, validated."""
    return {_key(zh, en): definition for zh, en, definition in _read(path)}


def _read(path: Path | None = None) -> list[tuple[str, str, Text]]:
    """(zh, en, definition) of every ``[[term]]``; a broken file or entry is a ContentError."""
    path = path or TERMS_FILE
    if not path.exists():
        return []
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        _fail("", "", f"cannot be read: {exc}")
    if set(raw) - {"term"}:
        _fail(sorted(set(raw) - {"term"})[0], "", "unknown top-level section; allowed: term")
    found: list[tuple[str, str, Text]] = []
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(raw.get("term", [])):
        where = f"term[{index}]"
        if not isinstance(entry, dict):
            _fail(where, "", "expected a table")
        if set(entry) - {"zh", "en", "definition"}:
            _fail(where, sorted(set(entry) - {"zh", "en", "definition"})[0], "unknown field; allowed: zh, en, definition")
        for name in ("zh", "en"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                _fail(where, name, "expected a non-empty string")
        where = f"term {entry['zh']!r}"
        definition = entry.get("definition")
        if not isinstance(definition, dict) or set(definition) != {"zh", "en"}:
            _fail(where, "definition", "expected a table with exactly 'zh' and 'en'")
        for name in ("zh", "en"):
            if not isinstance(definition[name], str) or not definition[name].strip():
                _fail(where, f"definition.{name}", "expected a non-empty string")
        key = _key(entry["zh"], entry["en"])
        if key in seen:
            _fail(where, "", "defined twice")
        seen.add(key)
        found.append((entry["zh"].strip(), entry["en"].strip(),
                      Text(" ".join(definition["zh"].split()), " ".join(definition["en"].split()))))
    return found


def _labelled(course: Course):
    """(label, own definition or None, point id, is a choice) for every term, in the order taught.

    The own definition is the first sentence of the explanation; a compared entry's is one clause
    per side ("CKM：…；CRM：…").
    """
    for point in course.points:
        for group in point.groups:
            yield group.label, (_first_line(group.explanation) if group.explanation else None), point.id, False
        for entry in point.entries:
            own = entry.explanation
            if own is None and entry.sides:
                own = Text("；".join(f"{k.upper()}：{_first_sentence(t.zh, True).rstrip('。')}" for k, t in entry.sides) + "。",
                           "; ".join(f"{k.upper()}: {_first_sentence(t.en, False).rstrip('.')}" for k, t in entry.sides) + ".")
                yield entry.label, own, point.id, False
                continue
            yield entry.label, (_first_line(own) if own is not None else None), point.id, False
    for spec in course.exercises:
        for choice in spec.choices:
            if is_term_choice(spec, choice):
                yield choice.label, (_first_line(choice.explanation) if choice.explanation else None), spec.point, True


def build(course: Course, definitions: dict[tuple[str, str], Text] | None = None) -> tuple[Term, ...]:
    """Every term of the course, first place taught wins; identical (zh, en) pairs appear once.

    A term without its own explanation takes its ``terms.toml`` definition; one with neither gets
    an empty definition (:func:`check` reports it).
    """
    definitions = load_definitions() if definitions is None else definitions
    chapter_of = {p.id: c for c in course.chapters for p in c.points}
    terms: dict[tuple[str, str], Term] = {}
    for label, own, point_id, is_choice in _labelled(course):
        key = _key(label.zh, label.en)
        if is_choice and key not in terms and any(zh == key[0] for zh, _ in terms):
            continue  # the same term under a shorter English label: listed once
        if is_choice and own is None and key not in definitions and key not in terms:
            continue  # an undefined choice is an answer option (a verdict), not a term
        if key in terms:
            if terms[key].definition == _UNDEFINED and own is not None:  # a later place explains it
                terms[key] = Term(**{**terms[key].__dict__, "definition": own})
            continue
        definition = own if own is not None else definitions.get(key, _UNDEFINED)
        chapter = chapter_of[point_id]
        terms[key] = Term(label.zh, label.en, definition, chapter.id, point_id, chapter.notebook or "")
    return tuple(terms.values())


def check(course: Course, path: Path | None = None) -> None:
    """Raise a ContentError naming every undefined term and every stale ``terms.toml`` entry."""
    listed = _read(path)
    definitions = {_key(zh, en): d for zh, en, d in listed}
    built = build(course, definitions)
    undefined = [f"{t.zh} / {t.en} ({t.point})" for t in built if t.definition == _UNDEFINED]
    if undefined:
        _fail("", "", f"{len(undefined)} term(s) without a definition (add an explanation in the content "
                      f"or a [[term]] here): " + "; ".join(undefined))
    labels = {_key(t.zh, t.en) for t in built}
    stale = [f"{zh} / {en}" for zh, en, _ in listed if _key(zh, en) not in labels]
    if stale:
        _fail("", "", f"{len(stale)} [[term]] entr(ies) match no term of the course (stale): " + "; ".join(stale))


def search(terms: Iterable[Term], query: str | None = None) -> pd.DataFrame:
    """Rows of ``terms`` whose zh or en term contains ``query`` (folded: case, full-width, spaces); all if None.

    Exact matches come first, then terms that contain the query, then terms whose definition does.
    """
    import pandas as pd  # the catalog imports this module to build the terms; pandas only to show them

    rows = tuple(terms)
    if query is not None and fold(str(query)):
        q = fold(str(query))
        q_tight = q.replace(" ", "")
        def rank(t: Term) -> int | None:
            names = (fold(t.zh), fold(t.en))
            if q in names:
                return 0
            if any(q in n or q_tight in n.replace(" ", "") for n in names):
                return 1
            if q in fold(t.definition.zh) or q in fold(t.definition.en):
                return 2
            return None
        ranked = [(r, i, t) for i, t in enumerate(rows) if (r := rank(t)) is not None]
        rows = tuple(t for _, _, t in sorted(ranked, key=lambda x: (x[0], x[1])))
    frame = pd.DataFrame([t.row() for t in rows], columns=list(COLUMNS))
    frame.index = range(1, len(frame) + 1)
    return frame
