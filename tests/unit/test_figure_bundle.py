"""Issue 23: a course figure is shown without importing plotly.io's renderers (~0.5 s of a notebook's first
figure: nbformat, jsonschema, kaleido, psutil), and its output is the one plotly's renderer makes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import ckm_course
from ckm_course.frontends import charts
from ckm_course.frontends.figure_bundle import MIME, plotly_bundle

FIGURES = {
    "gantt": lambda: charts.roadmap_gantt(ckm_course.point("C6.1")),
    "audit": lambda: charts.audit_flow(ckm_course.point("C6.4")),
    "matrix": lambda: charts.process_technology_matrix(ckm_course.point("C6.5")),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_bundle_is_the_one_plotly_makes(name, monkeypatch):
    import plotly.graph_objects as go
    import plotly.io as pio

    monkeypatch.setenv("PLOTLY_RENDERER", "plotly_mimetype")
    monkeypatch.delitem(sys.modules, "plotly.io._renderers", raising=False)
    figure = FIGURES[name]()
    ours = plotly_bundle(figure)
    monkeypatch.undo()
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")
    theirs = go.Figure._repr_mimebundle_(figure)
    assert ours is not None and list(ours) == [MIME]
    assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


def test_another_renderer_or_loaded_renderers_go_through_plotly(monkeypatch):
    import plotly.io  # noqa: F401

    figure = FIGURES["audit"]()
    monkeypatch.setenv("PLOTLY_RENDERER", "png")
    assert plotly_bundle(figure) is None
    monkeypatch.setenv("PLOTLY_RENDERER", "plotly_mimetype")
    plotly.io.renderers  # noqa: B018 - imports plotly.io._renderers
    assert plotly_bundle(figure) is None


SHOW = """
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
shell.run_cell("import ckm_course; from ckm_course import charts; ckm_course.start('en')")
result = shell.run_cell("charts.roadmap_gantt(ckm_course.point('C6.1'))")
assert result.success, result.error_in_exec
print(sorted(m for m in ("nbformat", "jsonschema", "kaleido", "psutil", "plotly.io._renderers") if m in sys.modules))
"""


def test_showing_a_figure_imports_no_renderer():
    shown = subprocess.run([sys.executable, "-c", SHOW], capture_output=True, text=True, check=True).stdout
    assert "[Figure]" in shown and shown.splitlines()[-1] == "[]", shown
