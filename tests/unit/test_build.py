"""solutions/ -> exercises/: no drift, no leaks, full marks for every solution, clear errors."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.notebooks.build import BuildError, build, drift, leaks, skeleton, strip_code
from ckm_course.notebooks.runner import execute, read

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
PAIRS = sorted(SOLUTIONS.glob("*.ipynb"))


def test_committed_exercises_are_what_the_build_writes():
    assert PAIRS, "no solution notebooks"
    assert drift(SOLUTIONS, EXERCISES) == []


def test_drift_is_detected(tmp_path):
    build(SOLUTIONS, tmp_path)
    first = sorted(tmp_path.glob("*.ipynb"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("...", "42", 1), encoding="utf-8")
    (tmp_path / "orphan.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()), encoding="utf-8")
    problems = drift(SOLUTIONS, tmp_path)
    assert f"{first.name}: differs from what build-exercises writes" in problems
    assert "orphan.ipynb: has no source in " + str(SOLUTIONS) in problems


@pytest.mark.parametrize("solution", PAIRS, ids=lambda p: p.name)
def test_no_solution_text_reaches_the_exercises(solution):
    exercise = read(EXERCISES / solution.name)
    assert leaks(read(solution), exercise) == []
    for cell in exercise.cells:
        assert not cell.get("outputs"), "exercise notebooks are committed without outputs"


def test_the_leak_check_can_fail():
    solution = nbformat.v4.new_notebook()
    solution.cells = [nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 'the secret answer'\n### END SOLUTION")]
    leaked = nbformat.v4.new_notebook()
    leaked.cells = [nbformat.v4.new_code_cell("answer = 'the secret answer'")]
    assert leaks(solution, leaked) == ["answer = 'the secret answer'"]


def test_every_exercise_has_a_solution_that_scores_full_marks():
    seen = {}
    for path in PAIRS:
        for exercise_id, record in ckm_course.read_answers(path).items():
            seen[exercise_id] = record
            assert record["score"] == record["max_score"], (path.name, exercise_id)
            assert record["status"] in ("correct", "recorded"), (path.name, exercise_id)
    assert set(seen) <= set(ckm_course.exercise_ids())
    # every exercise is practised somewhere: in an exercise notebook, or checked in a chapter notebook
    chapters = " ".join(cell.source for path in (REPO / "notebooks").glob("*.ipynb")
                        for cell in read(path).cells if cell.cell_type == "code")
    used = set(re.findall(r"""exercise\(\s*["']([^"']+)["']""", chapters))
    unused = [i for i in ckm_course.exercise_ids() if i not in seen and i not in used]
    assert unused == []


def test_an_exercise_notebook_runs_clean_and_reports_not_attempted(tmp_path):
    target = tmp_path / "student.ipynb"
    target.write_bytes((EXERCISES / "01_why_ckm_exercises.ipynb").read_bytes())
    notebook = execute(target)
    assert ckm_course.read_answers(target) == {}  # nothing attempted, so nothing recorded
    shown = " ".join(str(o.get("data", o.get("text", ""))) for c in notebook.cells for o in c.get("outputs", []))
    assert "Not attempted" in shown
    assert not [mark for mark in "✓◐✗" if mark in shown], "an untouched exercise notebook shows verdicts"


def test_regions_become_placeholders():
    source = ('ex = ckm_course.exercise("c3.4-explicit-tacit")\n### BEGIN SOLUTION\nanswer = {\n'
              '    "x": "y",\n}\n### END SOLUTION\nex.check(answer)')
    stripped = strip_code(source, "t")
    assert stripped.startswith('ex = ckm_course.exercise("c3.4-explicit-tacit")\nanswer = {\n')
    assert ": ...," in stripped and '"y"' not in stripped and stripped.endswith("ex.check(answer)")
    assert strip_code("### BEGIN SOLUTION\nm = 1\nclv = m * 2\n### END SOLUTION", "t").startswith("clv = ...")
    assert strip_code("### BEGIN SOLUTION\nprint(1)\n### END SOLUTION", "t").startswith("...")
    assert skeleton({"a": ..., "b": [...]}) == "{\n    'a': ...,\n    'b': [...],\n}"


@pytest.mark.parametrize(("source", "problem"), [
    ("### BEGIN SOLUTION\nx = 1", "never closed"),
    ("x = 1\n### END SOLUTION", "without ### BEGIN SOLUTION"),
    ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
])
def test_broken_markers_name_the_cell(source, problem):
    with pytest.raises(BuildError, match=rf"sol\.ipynb, cell 3: .*{problem}"):
        strip_code(source, "sol.ipynb, cell 3")


def test_assessment_build_marks_the_metadata_and_refuses_to_overwrite_practice(tmp_path):
    from ckm_course.cli import main

    assert main(["build-exercises", "--assessment"]) == 2
    assert main(["build-exercises", "--assessment", "--exercises", str(tmp_path)]) == 0
    built = nbformat.read(tmp_path / "03_classifying_knowledge_exercises.ipynb", as_version=4)
    assert built.metadata["ckm_course"] == {"mode": "assessment"}


def test_assessment_metadata_switches_the_kernel_to_assessment_mode(tmp_path, monkeypatch):
    from ckm_course.exercises import settings

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["ckm_course"] = {"mode": "assessment"}
    path = tmp_path / "exam.ipynb"
    nbformat.write(notebook, path)
    monkeypatch.setattr(settings, "_state", {})
    monkeypatch.delenv("CKM_COURSE_MODE", raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    assert settings.mode() == "assessment" and settings.show_answers() is False
    monkeypatch.setenv("CKM_COURSE_MODE", "practice")
    assert settings.mode() == "practice"
