"""solutions/ -> exercises/: the student notebooks are generated, never edited by hand.

Rules (README, "Exercise notebooks"):

* In a code cell, the lines from ``### BEGIN SOLUTION`` to ``### END SOLUTION`` become a
  placeholder. If the region assigns a name at its top level (``answer = {...}``), the
  placeholder is ``answer = <skeleton>``: for an exercise named in the cell
  (``ckm_course.exercise("id")``) the skeleton is its template with ``...`` per item,
  otherwise ``...``. A region that assigns nothing becomes a bare ``...``, or in a widget
  cell a comment saying to answer in the widget.
* A markdown cell tagged ``solution`` becomes a "write your answer here" cell.
* Every output and execution count is dropped.
* Speaker notes (slide type *Notes* or the course's speaker-note markup) are dropped: they are for
  the presenter, not the student (issue 22.6; ``frontends/speaker_notes.py``).

:func:`drift` tells whether the committed exercises/ is what :func:`build` would write;
:func:`leaks` finds solution text that reached an exercise notebook.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat

from ckm_course.exercises.exercise import exercise
from ckm_course.frontends.speaker_notes import without_speaker_notes
from ckm_course.notebooks.runner import notebook_text, read
from ckm_course.files import write_text_atomic

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
TAG = "solution"
TEMPLATE_LANGUAGE = "both"  # fixed, so the generated files do not depend on CKM_COURSE_LANG
ANSWER_HERE = "✏️ **你的答案 Your answer:** 在这里写下你的回答。 Write your answer here."
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*=(?!=)")
_EXERCISE = re.compile(r"""exercise\(\s*["']([^"']+)["']\s*\)""")


class BuildError(ValueError):
    """A solution notebook breaks the marking rules; the message names file and cell."""


def skeleton(value: Any, indent: str = "") -> str:
    """Python source for a template: ``...`` stays ``...``, containers are laid out one item a line."""
    if value is Ellipsis:
        return "..."
    if isinstance(value, dict):
        inner = indent + "    "
        lines = [f"{inner}{k!r}: {skeleton(v, inner)}," for k, v in value.items()]
        return "{\n" + "\n".join(lines) + f"\n{indent}}}"
    if isinstance(value, list):
        return "[" + ", ".join(skeleton(v, indent) for v in value) + "]"
    return repr(value)


def _placeholder(region: list[str], source: str) -> list[str]:
    names = [m.group(1) for line in region if (m := _ASSIGNED.match(line))]
    if not names and ".widget()" in source:
        return ["# 在下方的练习中作答，然后点“检查”。 Answer in the exercise below, then press Check."]
    if not names:
        return ["...  # 你的答案 your answer"]
    match = _EXERCISE.search(source)
    template: Any = ...
    if match:
        template = exercise(match.group(1)).template(TEMPLATE_LANGUAGE)
    return [f"{names[-1]} = {skeleton(template)}  # 把 ... 换成你的答案 replace ... with your answer"]


def regions(source: str, where: str) -> list[tuple[bool, list[str]]]:
    """Split a code cell's source into runs of lines: ``(True, lines)`` inside a solution region."""
    runs: list[tuple[bool, list[str]]] = [(False, [])]
    inside = False
    for line in source.splitlines():
        marker = line.strip()
        if marker.startswith(BEGIN):
            if inside:
                raise BuildError(f"{where}: {BEGIN} inside another solution region")
            inside = True
            runs.append((True, []))
        elif marker.startswith(END):
            if not inside:
                raise BuildError(f"{where}: {END} without {BEGIN}")
            inside = False
            runs.append((False, []))
        else:
            runs[-1][1].append(line)
    if inside:
        raise BuildError(f"{where}: {BEGIN} is never closed by {END}")
    return runs


def strip_code(source: str, where: str) -> str:
    """Replace every solution region of a code cell's source with its placeholder."""
    out: list[str] = []
    for solution, lines in regions(source, where):
        out.extend(_placeholder(lines, source) if solution else lines)
    return "\n".join(out)


def exercise_notebook(solution: nbformat.NotebookNode, name: str, assessment: bool = False) -> nbformat.NotebookNode:
    """The student version of one solution notebook; ``assessment`` marks it for assessment mode.

    The mode lives in the notebook metadata ``{"ckm_course": {"mode": "assessment"}}``, which
    the kernel reads from the saved file (``settings.mode``): Check records without feedback.
    """
    notebook = without_speaker_notes(nbformat.from_dict(solution))
    notebook.metadata.pop("widgets", None)
    if assessment:
        notebook.metadata["ckm_course"] = {"mode": "assessment"}
    for index, cell in enumerate(notebook.cells):
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.source = strip_code(cell.source, f"{name}, cell {index + 1}")
            cell.outputs = []
            cell.execution_count = None
        elif cell.cell_type == "markdown" and TAG in cell.metadata.get("tags", []):
            cell.source = ANSWER_HERE
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != TAG]
            cell.pop("attachments", None)  # an image in a model answer is part of the answer
    return notebook


def _fresh(solution: Path, assessment: bool = False) -> str:
    """The text ``build`` writes for one solution notebook."""
    return notebook_text(exercise_notebook(read(solution), solution.name, assessment))


def build(solutions: Path | str, exercises: Path | str, assessment: bool = False) -> list[Path]:
    """Write ``exercises/NAME`` for every ``solutions/NAME.ipynb``; returns the written paths.

    With ``assessment`` the notebooks are marked for assessment mode (write them to a folder
    of their own, e.g. ``build/assessment``, not over the practice set in exercises/).
    """
    solutions, exercises = Path(solutions), Path(exercises)
    exercises.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(solutions.glob("*.ipynb")):
        target = exercises / path.name
        text = _fresh(path, assessment)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            write_text_atomic(target, text)
        written.append(target)
    return written


def drift(solutions: Path | str, exercises: Path | str) -> list[str]:
    """Names of exercise notebooks that differ from (or are missing against) a fresh build."""
    solutions, exercises = Path(solutions), Path(exercises)
    problems = []
    expected = {p.name for p in solutions.glob("*.ipynb")}
    for path in sorted(solutions.glob("*.ipynb")):
        target = exercises / path.name
        if not target.exists():
            problems.append(f"{path.name}: missing from {exercises}")
        elif target.read_text(encoding="utf-8") != _fresh(path):
            problems.append(f"{path.name}: differs from what build-exercises writes")
    problems += [f"{p.name}: has no source in {solutions}" for p in sorted(exercises.glob("*.ipynb"))
                 if p.name not in expected]
    return problems


def solution_texts(notebook: nbformat.NotebookNode) -> list[str]:
    """The solution lines and tagged markdown of a solution notebook (for the leak check)."""
    texts = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and TAG in cell.metadata.get("tags", []):
            lines = cell.source.splitlines()
        elif cell.cell_type == "code":
            lines = [line for solution, run in regions(cell.source, f"cell {index + 1}") if solution for line in run]
        else:
            continue
        texts += [line.strip() for line in lines if len(line.strip()) > 12]
    return texts


def leaks(solution: nbformat.NotebookNode, exercise: nbformat.NotebookNode) -> list[str]:
    """Solution lines that appear anywhere in the exercise notebook's cells or outputs."""
    text = nbformat.writes(exercise)
    return [line for line in solution_texts(solution) if line in text]
