"""The package's layers (docs/ARCHITECTURE.md): the import-linter contracts in pyproject.toml hold,
an upward import breaks them, and there is no import circle, function-level imports counted too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")
WIDGET = ("ckm_course.exercises.exercise", "ckm_course.frontends.widgets")  # Exercise.widget(), the one exception


def lint(root: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` over the ``ckm_course`` found in ``root`` (not the installed one)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT), "--no-cache", "--config", str(root / "pyproject.toml")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """The package and its pyproject.toml in a folder of their own, to break on purpose."""
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(REPO / "ckm_course", root / "ckm_course", ignore=shutil.ignore_patterns("__pycache__", "static"))
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def test_the_copy_keeps_the_contracts(copy):
    run = lint(copy)
    assert run.returncode == 0 and "Contracts: 3 kept, 0 broken." in run.stdout, run.stdout + run.stderr


@pytest.mark.parametrize("module, line, contract", [
    # content (a lower layer) reaching up to a front end
    ("content/derive.py", "from ckm_course.frontends import charts  # noqa", "ckm_course.content is not allowed to import ckm_course.frontends"),
    # a function-level import counts as much as one at the top
    ("exercises/journal.py", "def _up():\n    from ckm_course.grading import report  # noqa\n", "ckm_course.exercises is not allowed to import ckm_course.grading"),
    # the case study and the exercises stay apart
    ("case/study.py", "from ckm_course.exercises import record  # noqa", "The case study and the exercises do not import each other BROKEN"),
    # nothing inside imports the facade
    ("frontends/present.py", "import ckm_course  # noqa", "Nothing inside the package imports the facade"),
])
def test_an_added_upward_import_breaks_a_contract(copy, module, line, contract):
    path = copy / "ckm_course" / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n" + line + "\n", encoding="utf-8")
    try:
        run = lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert run.returncode != 0, run.stdout
    assert contract in run.stdout, run.stdout


def test_no_import_circles_with_function_level_imports_counted():
    """Every ``import`` in every module, at the top, inside functions or under TYPE_CHECKING: no module
    reaches itself again, except through Exercise.widget() (allowed by the contract, see pyproject.toml)."""
    graph = grimp.build_graph("ckm_course", cache_dir=None)
    edges = {m: graph.find_modules_directly_imported_by(m) for m in graph.modules}
    assert WIDGET[1] in edges[WIDGET[0]]  # the exception is still there: counted, not hidden
    edges[WIDGET[0]] = edges[WIDGET[0]] - {WIDGET[1]}
    assert _circles(edges) == []


def test_the_circle_finder_can_fail():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def _circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found
