"""Exercise notebooks are practice sets, not repeats (issue 11).

A chapter notebook (``notebooks/``) checks learning; an exercise notebook (``solutions/`` and
the generated ``exercises/``) gives practice on new cases. No exercise id and no item label
(either language) may appear in both.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import ckm_course

ROOT = Path(__file__).resolve().parents[2]
_ID = re.compile(r"""exercise\(\s*["']([^"']+)["']""")


def exercise_ids(folder: Path) -> dict[str, set[str]]:
    """Exercise id -> the notebooks of ``folder`` whose code cells use it."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for exercise_id in _ID.findall(cell.source):
                    found.setdefault(exercise_id.casefold(), set()).add(path.name)
    return found


def item_labels(exercise_ids: set[str]) -> dict[str, str]:
    """Every item label (zh and en, case-folded) of these exercises -> the exercise it belongs to."""
    labels: dict[str, str] = {}
    for exercise_id in sorted(exercise_ids):
        for item in ckm_course.exercise(exercise_id).spec.items:
            for label in (item.label.zh, item.label.en):
                labels.setdefault(" ".join(label.casefold().split()), exercise_id)
    return labels


def overlap(chapter: Path, practice: Path) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """Exercise ids used in both folders, and item labels shared (label -> (chapter id, practice id))."""
    chapter_ids, practice_ids = exercise_ids(chapter), exercise_ids(practice)
    shared_ids = set(chapter_ids) & set(practice_ids)
    chapter_labels, practice_labels = item_labels(set(chapter_ids)), item_labels(set(practice_ids))
    shared_labels = {label: (chapter_labels[label], practice_labels[label])
                     for label in set(chapter_labels) & set(practice_labels)}
    return shared_ids, shared_labels


@pytest.mark.parametrize("practice", ["solutions", "exercises"])
def test_no_exercise_or_item_is_in_both_a_chapter_and_an_exercise_notebook(practice):
    chapter_ids, practice_ids = exercise_ids(ROOT / "notebooks"), exercise_ids(ROOT / practice)
    assert chapter_ids and practice_ids, "no exercises found: the id pattern no longer matches the notebooks"
    shared_ids, shared_labels = overlap(ROOT / "notebooks", ROOT / practice)
    assert not shared_ids, {i: sorted(chapter_ids[i] | practice_ids[i]) for i in sorted(shared_ids)}
    assert not shared_labels, shared_labels


def test_the_check_fails_when_an_exercise_notebook_repeats_a_chapter_exercise(tmp_path):
    chapter, practice = tmp_path / "notebooks", tmp_path / "solutions"
    chapter.mkdir()
    practice.mkdir()

    def notebook(folder: Path, *exercise_ids: str) -> None:
        cells = [nbformat.v4.new_code_cell(f'ex = ckm_course.exercise("{i}")\nex.check(...)') for i in exercise_ids]
        nbformat.write(nbformat.v4.new_notebook(cells=cells), folder / "01_x.ipynb")

    notebook(chapter, "c3.4-explicit-tacit")
    notebook(practice, "c3.4-practice-explicit-tacit")
    assert overlap(chapter, practice) == (set(), {})
    notebook(practice, "c3.4-practice-explicit-tacit", "c3.4-explicit-tacit")  # the same exercise again
    shared_ids, shared_labels = overlap(chapter, practice)
    assert shared_ids == {"c3.4-explicit-tacit"} and shared_labels


def test_the_check_fails_when_a_practice_exercise_reuses_a_chapter_item(tmp_path, monkeypatch):
    chapter, practice = tmp_path / "notebooks", tmp_path / "solutions"
    chapter.mkdir()
    practice.mkdir()
    for folder, exercise_id in ((chapter, "c3.4-explicit-tacit"), (practice, "c3.4-practice-explicit-tacit")):
        cell = nbformat.v4.new_code_cell(f'ex = ckm_course.exercise("{exercise_id}")')
        nbformat.write(nbformat.v4.new_notebook(cells=[cell]), folder / "01_x.ipynb")
    real = ckm_course.exercise

    def with_copied_item(exercise_id):  # a practice item that copies a chapter item's label
        ex = real(exercise_id)
        if exercise_id == "c3.4-practice-explicit-tacit":
            import dataclasses

            copied = real("c3.4-explicit-tacit").spec.items[0]
            spec = dataclasses.replace(ex.spec, items=(*ex.spec.items, copied))
            return type("Stub", (), {"spec": spec})()
        return ex

    monkeypatch.setattr(ckm_course, "exercise", with_copied_item)
    shared_ids, shared_labels = overlap(chapter, practice)
    assert not shared_ids and list(shared_labels.values()) == [("c3.4-explicit-tacit", "c3.4-practice-explicit-tacit")] * len(shared_labels)
    assert shared_labels
