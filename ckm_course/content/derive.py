"""Exercises whose items come from a content point (``derive_from``), not copied by hand.

* ordering: the point's entries (those of ``derive_group`` if given), in file order.
* single_label: entries become items and the point's groups the choices (with the groups'
  aliases); the key is each entry's group (e.g. step -> phase in C6.1, member -> role in
  C6.3, stage or knowledge flow -> place on the life-cycle model in C5.1).
* matching: entries of ``derive_group`` that have ``links`` become items; the linked
  entries become choices, and every linked entry is an accepted answer (C6.5).
"""

from __future__ import annotations

import dataclasses

from ckm_course.content.builder import ContentError
from ckm_course.content.model import Choice, Course, Entry, ExerciseSpec, Item, Point, Text


def _reason(entry: Entry, targets: list[Choice | Entry]) -> Text:
    zh = "、".join(f"“{t.label.zh}”" for t in targets)
    en = " or ".join(f"“{t.label.en}”" for t in targets)
    detail = entry.explanation
    return Text(
        zh=f"“{entry.label.zh}”对应{zh}。" + (detail.zh if detail else ""),
        en=f"“{entry.label.en}” goes with {en}." + (f" {detail.en}" if detail else ""),
    )


def _item(entry: Entry, answer: tuple[str, ...] = (), reason: Text | None = None) -> Item:
    return Item(id=entry.id, label=entry.label, answer=answer, reason=reason, aliases=entry.aliases)


def _entries(spec: ExerciseSpec, point: Point) -> tuple[Entry, ...]:
    if spec.derive_group is None:
        return point.entries
    if spec.derive_group not in {g.id for g in point.groups}:
        raise ContentError(spec.file, f"exercise {spec.id!r}", "derive_group",
                           f"{point.id} has no group {spec.derive_group!r}")
    return point.entries_in(spec.derive_group)


def derive(spec: ExerciseSpec, course: Course) -> ExerciseSpec:
    """Fill in the items (and choices) of an exercise that names ``derive_from``."""
    if spec.derive_from is None:
        return spec

    def fail(field: str, problem: str) -> ContentError:
        return ContentError(spec.file, f"exercise {spec.id!r}", field, problem)

    if spec.items:
        raise fail("items", "an exercise with derive_from takes its items from the point; remove items")
    try:
        point = course.point(spec.derive_from)
    except KeyError:
        raise fail("derive_from", f"no content point {spec.derive_from!r}") from None
    entries = _entries(spec, point)
    if spec.kind == "ordering":
        return dataclasses.replace(spec, items=tuple(_item(e) for e in entries))
    if spec.kind == "single_label":
        if spec.choices:
            raise fail("choices", "the choices of a derived single_label exercise are the point's groups")
        choices = tuple(Choice(id=g.id, label=g.label, explanation=g.explanation, aliases=g.aliases)
                        for g in point.groups)
        by_id = {c.id: c for c in choices}
        items = []
        for entry in entries:
            if entry.group is None:
                raise fail("derive_from", f"entry {entry.id!r} of {point.id} has no group to use as its key")
            items.append(_item(entry, (entry.group,), _reason(entry, [by_id[entry.group]])))
        return dataclasses.replace(spec, choices=choices, items=tuple(items))
    if spec.kind == "matching":
        target_point = course.point(point.linked_point) if point.linked_point else point
        targets = {e.id: e for e in target_point.entries}
        linked = [e for e in entries if e.links]
        if not linked:
            raise fail("derive_from", f"no entries of {point.id} have links to match")
        used = {link for e in linked for link in e.links}
        choices = tuple(
            Choice(id=e.id, label=e.label, explanation=e.explanation, aliases=e.aliases)
            for e in target_point.entries if e.id in used
        )
        items = tuple(_item(e, e.links, _reason(e, [targets[t] for t in e.links])) for e in linked)
        return dataclasses.replace(spec, choices=choices, items=items)
    raise fail("kind", f"derive_from works for ordering, single_label and matching, not {spec.kind!r}")
