"""Issue 8 in a real JupyterLab: an answer survives a kernel restart, and an untouched notebook shows no key."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course import read_answers
from lab import open_and_run_all, save, wait_all_ran

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def write_notebook(path: Path, *sources: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)


def restart_and_run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel and Run All Cells").first.click()
    confirm = page.locator(".jp-Dialog .jp-mod-accept")
    if confirm.count():
        confirm.first.click()
    page.wait_for_function(f"() => [...document.querySelectorAll('{PANEL} .jp-InputArea-prompt')]"
                           ".some(p => /\\[\\*\\]/.test(p.textContent))", timeout=30_000)
    wait_all_ran(page)


def test_an_answer_survives_save_restart_and_run_all(lab, page):
    exercise = ckm_course.exercise("c3.3-formation")
    first, second = exercise.items[0], exercise.items[1]
    letters = {c.id: "ABCDEFGH"[i] for i, c in enumerate(exercise.choices)}
    write_notebook(lab.root / "restart.ipynb", "import ckm_course\nckm_course.start('en')",
                   "ckm_course.exercise('c3.3-formation').widget()")
    open_and_run_all(page, lab, "restart.ipynb")
    grid = page.locator(".ckm-exercise.ckm-kind-single_label")
    grid.wait_for()
    grid.locator(f".ckm-pick-{first.id} button", has_text=letters[first.answer[0]]).click()
    wrong = next(c for c in letters if c != second.answer[0])
    grid.locator(f".ckm-pick-{second.id} button", has_text=letters[wrong]).click()
    grid.get_by_role("button", name="Check", exact=True).click()
    page.locator(".ckm-saved summary", has_text="Score: 1/5").wait_for()
    save(page)
    saved = read_answers(lab.root / "restart.ipynb")["c3.3-formation"]
    assert saved["answer"] == {first.id: [first.answer[0]], second.id: [wrong]}

    restart_and_run_all(page)
    grid = page.locator(".ckm-exercise.ckm-kind-single_label")
    grid.locator(".ckm-restored").wait_for()  # "restored from the saved notebook"
    chosen = grid.locator(f".ckm-pick-{first.id} button.mod-active")
    assert chosen.inner_text().strip() == letters[first.answer[0]]
    assert grid.locator(f".ckm-pick-{second.id} button.mod-active").inner_text().strip() == letters[wrong]
    assert "Score: 1/5" in grid.locator(".ckm-score").inner_text()
    assert page.locator(".ckm-saved summary", has_text="Score: 1/5").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "restored-after-restart.png"), full_page=True)
    save(page)
    assert read_answers(lab.root / "restart.ipynb")["c3.3-formation"] == saved  # not overwritten


KEY_PHRASES = ["Should have been chosen", "should have been chosen", "Left out: it is step", "it is step",
               "the answer is", "It is “", "应为“", "正确答案"]


@pytest.mark.parametrize("name", ["03_classifying_knowledge_exercises.ipynb", "06_implementation_roadmap_exercises.ipynb"])
def test_run_all_of_an_untouched_exercise_notebook_shows_no_key(lab, page, name):
    shutil.copy(REPO / "exercises" / name, lab.root / name)
    open_and_run_all(page, lab, name)  # waits until every code cell has run
    page.locator(f"{PANEL} .ckm-exercise").first.wait_for()  # the widget exercises are drawn, untouched
    outputs = " ".join(page.locator(f"{PANEL} .jp-OutputArea-output").all_inner_texts())
    assert "Not attempted" in outputs
    assert not [p for p in KEY_PHRASES if p in outputs], [p for p in KEY_PHRASES if p in outputs]
    assert not re.search("[✓◐✗]", outputs), "an untouched notebook shows verdict marks"
    notebook = nbformat.read(REPO / "exercises" / name, as_version=4)
    for exercise_id in re.findall(r'exercise\("([^"]+)"\)', "\n".join(c.source for c in notebook.cells)):
        ex = ckm_course.exercise(exercise_id)
        if ex.kind == "ordering":  # the items may be on the page, but never in key order
            found = [outputs.find(item.label.en) for item in ex.spec.items]
            if all(i >= 0 for i in found):
                assert found != sorted(found), f"{exercise_id} is listed in key order"
        if ex.kind == "multiple_choice":  # no option is marked right or wrong
            for option in ex.choices:
                assert f"✓ {option.label.en}" not in outputs and f"✗ {option.label.en}" not in outputs
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"untouched-{name.replace('.ipynb', '')}.png"), full_page=True)
