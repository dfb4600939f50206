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
