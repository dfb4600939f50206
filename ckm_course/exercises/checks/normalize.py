"""Forgiving reading of what students type (DESIGN.md, "Student input is forgiving").

A label may be given by id, Chinese or English name, an alias, or the "zh / en"
form shown when both languages are on; case, spaces, full-width characters and
punctuation around words are folded. Nothing here raises on any input: problems come
back as bilingual messages.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckm_course.exercises.checks.messages import msg
from ckm_course.i18n import fold
from ckm_course.content.model import Choice, Item, Text

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Punctuation only: words such as "与" / "and" occur inside labels (客户与企业的交互).
SEPARATORS = re.compile(r"\s*[,，、;；|+&\n]\s*")
MAX_TEXT = 500
_QUOTES = "\"'“”‘’「」《》"
MAX_UNKNOWN = 8  # unknown-label messages per check; the nearest-match search is the slow part


def compact(text: str) -> str:
    """A looser key than :func:`fold`: also drops spaces, hyphens and punctuation."""
    return _NON_WORD.sub("", fold(text))


_PLACEHOLDER_TEXT = {"...", "…", "……", "。。。"}
MAX_DEPTH = 20


def is_placeholder(value: Any, _depth: int = 0) -> bool:
    """True for every "not attempted" form (README, "How answers are checked").

    ``...``, ``None``, blank text and empty containers, and containers made only of those:
    ``[...]``, ``{item: ...}``, ``{item: [...]}`` (the templates). Deep or cyclic
    containers are cut off at :data:`MAX_DEPTH` and count as an answer, never raise.
    """
    if value is Ellipsis or value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() in _PLACEHOLDER_TEXT
    if _depth >= MAX_DEPTH:
        return False
    if isinstance(value, dict):
        try:
            values = list(value.values())[:1000]
        except Exception:  # a mapping subclass whose values() fails
            return False
        return all(is_placeholder(v, _depth + 1) for v in values)
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(is_placeholder(v, _depth + 1) for v in list(value)[:1000])
    return False


def presented(spec: Any) -> tuple[Item, ...]:
    """The items in the order students see them: a fixed shuffle seeded by the exercise id.

    Never the file order, which for ordering exercises is the key (and for derived
    exercises groups items by their answer); the same every run, so notebooks stay
    deterministic for nbval. A questionnaire (items with their own options) keeps its
    questions in the file's order: they are numbered and may build on each other.
    """
    if spec.items and spec.items[0].options:
        return tuple(spec.items)
    return _by_identity(("presented", spec.id), (spec.items,), lambda: _shuffled(spec.id, tuple(spec.items)))


def offered(spec: Any, item: Item) -> tuple[Choice, ...]:
    """The choices a row offers: every choice, or a question's own options in a fixed shuffle
    (seeded by exercise and question, so the key's place differs from question to question).

    Each option also answers to its letter as shown (A, B, ...), for answers typed in code.
    """
    if not item.options:
        return tuple(spec.choices)
    return _by_identity(("offered", spec.id, item.id), (spec.choices, item), lambda: _options(
        f"{spec.id}/{item.id}", tuple(c for o in item.options for c in spec.choices if c.id == o)))


_IDENTITY: dict[tuple[Any, ...], tuple[Any, Any]] = {}
IDENTITY_SIZE = 4096


def _by_identity(key: tuple[Any, ...], objects: tuple[Any, ...], make: Any) -> Any:
    """``make()``, remembered for these very ``objects`` (issue 21 measure: grading a class).

    The lru caches below are keyed by tuples of items or choices, and hashing a frozen dataclass hashes
    every field each time (labels, feedback, ...): a third of a classification check. A spec's tuples
    are the same objects from check to check, so they are looked up by identity first (the objects are
    kept with their entry, so their ids are never another object's while the entry lives).
    """
    if any(type(o) is not tuple and not dataclasses.is_dataclass(o) for o in objects):
        return make()  # a list may change: looked up by its contents, as before
    ids = (key, tuple(map(id, objects)))
    entry = _IDENTITY.get(ids)
    if entry is not None and all(kept is given for kept, given in zip(entry[0], objects)):
        return entry[1]
    value = make()
    if len(_IDENTITY) >= IDENTITY_SIZE:
        _IDENTITY.clear()
    _IDENTITY[ids] = (objects, value)
    return value


@functools.lru_cache(maxsize=1024)
def _options(seed: str, options: tuple[Choice, ...]) -> tuple[Choice, ...]:
    order = list(options)
    random.Random(f"ckm-course:{seed}").shuffle(order)
    return tuple(dataclasses.replace(c, aliases=(*c.aliases, "ABCDEF"[i])) for i, c in enumerate(order))


@functools.lru_cache(maxsize=512)
def _shuffled(exercise_id: str, items: tuple[Item, ...]) -> tuple[Item, ...]:
    if len(items) < 2:
        return items
    rng = random.Random(f"ckm-course:{exercise_id}")
    order = list(items)
    for _ in range(20):
        rng.shuffle(order)
        if order != list(items):
            break
    return tuple(order)


def short(value: Any, limit: int = 40) -> str:
    """A safe, short text form of any value, for messages."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except Exception:  # a student's object whose __repr__ itself fails
        text = f"<{type(value).__name__}>"
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


@functools.lru_cache(maxsize=512)
def _tables(things: tuple[Choice | Item, ...]) -> tuple[dict[str, str], dict[str, str], dict[str, Text], dict[str, str]]:
    """The spelling -> id tables of a set of choices or items, built once per set (they never change).

    The fourth: the texts :meth:`Resolver.lookup` would take as they are (no spaces or quotes around,
    already folded), so the usual answer is found without folding it again."""
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for thing in things:
        for spelling in Resolver.spellings(thing):
            exact.setdefault(fold(spelling), thing.id)
            loose.setdefault(compact(spelling), thing.id)
    as_is = {text: ident for text, ident in exact.items()
             if text and text[:MAX_TEXT].strip().strip(_QUOTES).strip() == text and fold(text) == text}
    return exact, loose, {t.id: t.label for t in things}, as_is


@dataclass
class Resolver:
    """Maps every accepted spelling of a set of choices (or items) to its id."""

    things: tuple[Choice | Item, ...]

    def __post_init__(self) -> None:
        things = self.things
        self._exact, self._loose, self._labels, self._as_is = _by_identity(("tables",), (things,),
                                                                          lambda: _tables(tuple(things)))
        self.unknown_count = 0

    @staticmethod
    def spellings(thing: Choice | Item) -> Iterable[str]:
        label = thing.label
        return (thing.id, label.zh, label.en, f"{label.zh} / {label.en}", *thing.aliases)

    def label(self, ident: str) -> Text:
        return self._labels[ident]

    def valid_text(self) -> Text:
        return Text(
            zh="、".join(f"“{t.label.zh}”" for t in self.things),
            en=", ".join(f"“{t.label.en}”" for t in self.things),
        )

    def lookup(self, value: Any) -> str | None:
        """The id ``value`` names, or None. Never raises."""
        if type(value) is str and value in self._as_is:  # the usual answer: an id exactly (issue 21 measure)
            return self._as_is[value]
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return None
        text = str(value)[:MAX_TEXT].strip().strip(_QUOTES).strip()
        if not text:
            return None
        return self._exact.get(fold(text)) or self._loose.get(compact(text)) or None

    def nearest(self, value: Any) -> str | None:
        """The id to suggest for an unknown spelling: meaning before letters (issue 21, item 9).

        A known spelling *inside* the text wins (the longest one: "客户与企业共同创造的知识" holds
        the co-created alias "共同创造的知识"); only then the closest spelling letter by letter, which
        alone would pick "来自于客户的知识" for a paraphrase of co-created knowledge.
        """
        text = compact(short(value, MAX_TEXT))
        inside = [k for k in self._loose if k in text and len(k) >= (2 if not k.isascii() else 4)]
        if inside:
            return self._loose[max(inside, key=len)]
        near = difflib.get_close_matches(text, list(self._loose), n=1, cutoff=0.5)
        return self._loose[near[0]] if near else None

    def unknown(self, value: Any, item_like: bool = False) -> Text:
        """A message for a value that names nothing: lists valid labels and the nearest."""
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            return msg("not_text", given=short(value))
        near = self.nearest(value)
        if item_like:
            return msg("unknown_item_near", given=short(value), near=self.label(near)) if near else msg(
                "unknown_item", given=short(value))
        if near:
            return msg("unknown_label_near", given=short(value), near=self.label(near), valid=self.valid_text())
        return msg("unknown_label", given=short(value), valid=self.valid_text())

    def resolve(self, value: Any, messages: list[Text], item_like: bool = False) -> str | None:
        """The id ``value`` names; else None, with a message (after :data:`MAX_UNKNOWN`, only counted)."""
        ident = self.lookup(value)
        if ident is None:
            self.unknown_count += 1
            if self.unknown_count <= MAX_UNKNOWN:
                messages.append(self.unknown(value, item_like))
            elif self.unknown_count == MAX_UNKNOWN + 1:
                messages.append(msg("too_many_unknown_short"))
        return ident


def as_sequence(value: Any, limit: int) -> tuple[list[Any], bool]:
    """Turn a student's list-like answer into a list (strings are split on separators).

    Returns the list and whether it was cut at ``limit``. Never raises.
    """
    if isinstance(value, str):
        parts = [p for p in SEPARATORS.split(value[: MAX_TEXT * 10]) if p and p.strip()]
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    elif isinstance(value, (set, frozenset)):
        parts = sorted(value, key=short)
    else:
        parts = [value]
    return parts[:limit], len(parts) > limit
