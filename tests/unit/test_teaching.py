"""A course a student can learn from alone (issue 20): enough teaching prose per chapter, an
end-of-chapter questionnaire in every chapter, and a final quiz with a checked item per point.

Chapter-specific fixes are pinned in ``test_teaching_<chapters>.py`` beside this file.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.materials import find, instructor_notes

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = {f"C{n}": path for n in range(1, 10)
            for path in (ROOT / "notebooks").glob(f"0{n}_*.ipynb")}
MIN_PROSE = 3000  # Chinese characters of explanation per chapter notebook (English alongside)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_EXERCISE = re.compile(r"""exercise\(\s*["']([^"']+)["']""")


def prose(path: Path) -> tuple[int, int]:
    """(Chinese characters, English words) of a notebook's markdown, speaker-notes cells left out."""
    zh = en = 0
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown" or cell.source.startswith("**讲者备注"):
            continue
        zh += len(_HAN.findall(cell.source))
        en += len(re.findall(r"[A-Za-z]{2,}", cell.source))
    return zh, en


def code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_chapter_teaches_in_prose_in_both_languages(chapter):
    zh, en = prose(CHAPTERS[chapter])
    assert zh >= MIN_PROSE, f"{CHAPTERS[chapter].name}: {zh} Chinese characters of explanation, goal {MIN_PROSE}"
    assert en >= zh / 3, f"{CHAPTERS[chapter].name}: the English ({en} words) does not run alongside the Chinese"


def test_the_prose_measure_counts_explanation_not_speaker_notes(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("客户知识 customer knowledge"),
        nbformat.v4.new_markdown_cell("**讲者备注 Speaker notes**\n\n- 不计入"),
        nbformat.v4.new_code_cell("# 代码注释不计入"),
    ])
    path = tmp_path / "n.ipynb"
    nbformat.write(notebook, path)
    assert prose(path) == (4, 2)


@pytest.mark.parametrize("chapter", sorted(CHAPTERS))
def test_each_chapter_ends_with_a_questionnaire(chapter):
    """12-20 questions that recall and reason: >= 8 checked (one exercise), >= 4 open (model answers
    for instructors), shown in the chapter notebook after a '本章问题 Questionnaire' heading."""
    spec = ckm_course.exercise(f"{chapter.lower()}.questionnaire").spec
    closed = spec.items
    open_questions = find(CHAPTERS[chapter].name).questionnaire
    assert len(closed) >= 8 and len(open_questions) >= 4
    assert 12 <= len(closed) + len(open_questions) <= 20
    assert all(item.options for item in closed)
    cells = code_cells(CHAPTERS[chapter])
    assert any(f'exercise("{spec.id}").widget()' in c for c in cells)
    shown = [key for c in cells for key in re.findall(r"""materials_view\(\s*["'](\w+)["'],\s*["']questionnaire["']""", c)]
    assert shown and all(find(key).notebook.name == CHAPTERS[chapter].name for key in shown), shown
    source = nbformat.read(CHAPTERS[chapter], as_version=4)
    assert any(c.cell_type == "markdown" and c.source.startswith("## 本章问题 Questionnaire") for c in source.cells)


def test_questionnaire_model_answers_are_in_instructors_md_and_never_in_a_notebook():
    instructors = (ROOT / "INSTRUCTORS.md").read_text(encoding="utf-8")
    notes = instructor_notes()
    notebooks = "".join(p.read_text(encoding="utf-8") for folder in ("notebooks", "exercises", "solutions")
                        for p in (ROOT / folder).glob("*.ipynb"))
    for chapter in CHAPTERS:
        for question in find(CHAPTERS[chapter].name).questionnaire:
            assert question.model_answer.zh in notes and question.model_answer.zh in instructors, question.id
            assert question.model_answer.en not in notebooks, question.id


def _quiz_points() -> dict[str, set[str]]:
    """CONTENT.md point -> the final-quiz exercises with a checked item for it."""
    covered: dict[str, set[str]] = {}
    for source in code_cells(ROOT / "solutions" / "10_final_quiz_exercises.ipynb"):
        for exercise_id in _EXERCISE.findall(source):
            spec = ckm_course.exercise(exercise_id).spec
            if spec.kind == "open":
                continue
            points = {spec.point} | {item.point for item in spec.items if item.point}
            for point in points:
                covered.setdefault(point, set()).add(exercise_id)
    return covered


def test_the_final_quiz_checks_every_content_point():
    every = [p.id for p in ckm_course.course().points]
    covered = _quiz_points()
    missing = [p for p in every if p not in covered]
    assert not missing, f"points with no checked final-quiz item: {missing}"


def test_the_final_quiz_asks_for_reasoning_not_only_calculation():
    kinds = [ckm_course.exercise(i).spec.kind for ids in _quiz_points().values() for i in ids]
    assert kinds.count("value") <= len(kinds) // 4


def _longest_is_key(options, key: str, side: str) -> bool:
    """True when the key is the strictly longest option in one language (what a test-wise student picks)."""
    lengths = sorted(((len(getattr(c.label, side)), c.id) for c in options), reverse=True)
    return lengths[0][1] == key and lengths[0][0] > lengths[1][0]


@pytest.mark.parametrize("side", ["zh", "en"])
def test_the_longest_option_does_not_give_the_key_away(side):
    """A student who always picks the longest option must not pass: in each questionnaire, and across
    the single-answer multiple-choice exercises, the key is the longest option in at most half."""
    course = ckm_course.course()
    single = []
    for spec in course.exercises:
        choices = {c.id: c for c in spec.choices}
        if spec.items and spec.items[0].options:
            hits = [i.id for i in spec.items if _longest_is_key([choices[o] for o in i.options], i.answer[0], side)]
            assert len(hits) <= len(spec.items) / 2, f"{spec.id} ({side}): the key is the longest option in {hits}"
        elif spec.kind == "multiple_choice" and not spec.multiple:
            single.append(spec.id if _longest_is_key(spec.choices, spec.correct[0], side) else None)
    hits = [s for s in single if s]
    assert len(hits) <= len(single) / 2, f"({side}) the key is the longest option in {len(hits)} of {len(single)}: {hits}"
