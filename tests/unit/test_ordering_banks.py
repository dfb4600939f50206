"""Ordering banks (issue 24 item 2): a set is ``show`` items of distinct steps, its key the ascending step order.

A small ordering exercise and its bank are written into a copy of the committed content (its bank
files removed), so the tests do not depend on the content being written in parallel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course.content.builder import ContentError
from ckm_course.content.loader import load_course
from test_question_banks import committed_content, text

EXERCISE = "test-roadmap-order"


def own(steps: tuple[int | None, ...] = (1, 2, 3)) -> str:
    parts = [f'''
[[exercises]]
id = "{EXERCISE}"
kind = "ordering"
point = "C6.1"
title = {text("Order the roadmap")}
prompt = {text("Put the steps of the pharmacy chain in order")}
hint = {text("what comes first")}
''']
    for n, step in enumerate(steps, start=1):
        parts.append(f'''
[[exercises.items]]
id = "own-{n}"
label = {text(f"own scene {n}")}
reason = {text(f"it is step {step}")}
{f"step = {step}" if step is not None else ""}
''')
    return "".join(parts)


def bank_item(ident: str, step: int | None, extra: str = "") -> str:
    return f'''
[[items]]
id = "{ident}"
label = {text(f"scene {ident}")}
reason = {text(f"it comes at step {step}")}
point = "C6.1"
{f"step = {step}" if step is not None else ""}
{extra}
'''


def bank(*items: str, show: int = 3) -> str:
    return f'exercise = "{EXERCISE}"\nshow = {show}\n' + "".join(items)


FULL = [bank_item(f"b{step}-{n}", step) for step in (1, 2, 3) for n in (1, 2)]


def load_with(tmp_path: Path, chapter: str, written: str):
    folder = committed_content(tmp_path)
    with (folder / "c6_roadmap.toml").open("a", encoding="utf-8") as file:
        file.write(chapter)
    (folder / "banks" / f"{EXERCISE}.toml").write_text(written, encoding="utf-8")
    return load_course(folder)


def test_an_ordering_bank_adds_items_with_steps_after_the_own_ones(tmp_path):
    spec = load_with(tmp_path, own(), bank(*FULL)).exercise(EXERCISE)
    assert (spec.show, spec.own_items, len(spec.items)) == (3, 3, 9)
    assert [i.step for i in spec.items] == [1, 2, 3, 1, 1, 2, 2, 3, 3]


@pytest.mark.parametrize(("chapter", "written", "entry", "field", "problem"), [
    (own((1, None, 3)), bank(*FULL), "(top)", "exercise", "own item 'own-2' of c6_roadmap.toml has no step"),
    (own((1, 3, 2)), bank(*FULL), "(top)", "exercise", "steps rising"),
    (own(), bank(*FULL[:5], bank_item("b3-2", None)), "item 'b3-2'", "step", "missing"),
    (own(), bank(*FULL[:5], bank_item("b3-2", 3, 'answer = ["x"]')), "item 'b3-2'", "answer", "no answer"),
    (own(), bank(*FULL[:5], bank_item("b3-2", 0)), "item 'b3-2'", "step", "count from 1"),
    (own(), bank(*FULL[:5], bank_item("b4-1", 4)), "(top)", "items", "step 3 has 2 item(s)"),
    (own(), bank(*FULL, show=4), "(top)", "show", "2 to 3 items"),
    (own(), bank(*FULL[:5], bank_item("own-1", 3)), "item 'own-1'", "id", "repeats"),
])
def test_a_broken_ordering_bank_is_one_clear_error(tmp_path, chapter, written, entry, field, problem):
    with pytest.raises(ContentError) as caught:
        load_with(tmp_path, chapter, written)
    error = caught.value
    assert (error.file, error.entry, error.field) == (f"banks/{EXERCISE}.toml", entry, field), str(error)
    assert problem in error.problem, str(error)


def test_a_set_holds_distinct_steps_in_step_order_and_the_checker_s_key_is_that_order(tmp_path):
    from ckm_course.exercises import variant
    from ckm_course.exercises.checks import check
    from ckm_course.exercises.checks.key import key

    items = [bank_item(f"b{step}-{n}", step) for step in (1, 2, 3, 4) for n in (1, 2)]
    spec = load_with(tmp_path, own((1, 2, 3, 4)), bank(*items)).exercise(EXERCISE)
    default = variant.variant_for(spec, None)
    assert default.items == ("own-1", "own-2", "own-3")
    steps = {item.id: item.step for item in spec.items}
    drawn = set()
    for n in range(40):
        shown = variant.variant_for(spec, f"2026{n:03d}")
        assert [steps[i] for i in shown.items] == sorted({steps[i] for i in shown.items}) and len(shown.items) == 3
        drawn.update(shown.items)
        assert variant.problems(spec, shown.as_record(), f"2026{n:03d}") == []
    assert drawn == set(steps), "every item turns up in some set"
    restricted = variant.restrict(spec, ("b4-1", "own-1", "b2-2"))
    assert [i.id for i in restricted.items] == ["own-1", "b2-2", "b4-1"]
    labels = [i.label.en for i in restricted.items]
    assert key(restricted, "en") == labels
    assert check(restricted, labels).status == "correct"
    assert check(restricted, labels[::-1]).status != "correct"


def test_an_item_whose_step_changed_later_gives_key_changed_not_tampered(tmp_path, clean_kernel, monkeypatch):
    """Issue 24 "not met" 3 for ordering banks: the draw depends on steps, so the bank as it was is rebuilt
    from the item's listed hash, and the record's set hash is one of its versions."""
    import dataclasses
    import json

    import ckm_course
    from ckm_course.content.catalog import catalog
    from ckm_course.exercises import variant
    from ckm_course.exercises.bank_keys import history_key, unit_hash
    from ckm_course.exercises.exercise import Exercise
    from ckm_course.grading import grade, gradebook
    from ckm_course.grading.samples import notebook

    items = [bank_item(f"b{step}-{n}", step) for step in (1, 2, 3, 4) for n in (1, 2)]
    spec = load_with(tmp_path, own((1, 2, 3, 4)), bank(*items)).exercise(EXERCISE)
    history = {**catalog().key_history, **{history_key(spec.id, i.id): frozenset({unit_hash(spec, i.id)})
                                           for i in spec.items}}
    monkeypatch.setitem(catalog().__dict__, "key_history", history)
    who = ("Bob Chen", "2026101")
    ckm_course.student(*who)
    drawn = variant.variant_for(spec, who[1])
    ex = Exercise(variant.restrict(spec, drawn.items), spec, drawn)
    record = ex.check([i.label.en for i in ex.spec.items]).record
    assert record["score"] == 3
    moved_id = drawn.items[-1]  # the last item of the set moves to a step no other item of the set has
    free = next(s for s in range(1, 6) if s not in {i.step for i in ex.spec.items})
    changed = dataclasses.replace(spec, items=tuple(dataclasses.replace(i, step=free) if i.id == moved_id else i
                                                    for i in spec.items))
    specs = {**gradebook.catalog(), spec.id.casefold(): changed}
    monkeypatch.setattr(gradebook, "catalog", lambda: specs)
    path = tmp_path / "bob.ipynb"
    path.write_text(json.dumps(notebook(who, [record]), ensure_ascii=False), encoding="utf-8")
    row = grade([path], exercises=[spec.id]).outcomes.iloc[0]
    assert "tampered" not in row["flags"], row["notes"]
    forgotten = {k: v for k, v in history.items() if k != history_key(spec.id, moved_id)}
    monkeypatch.setitem(catalog().__dict__, "key_history", forgotten)
    row = grade([path], exercises=[spec.id]).outcomes.iloc[0]
    assert "tampered" in row["flags"], row["notes"]
