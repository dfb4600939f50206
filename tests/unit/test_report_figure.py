"""Notebook 10's report figures show without importing plotly.io's renderers, with plotly's own output (issue 23)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

SCRIPT = """
import json, sys
from pathlib import Path
from ckm_course.grading import grade, report
book = grade(sorted(Path(sys.argv[1]).glob("*.ipynb")))
figure = report.figures(book)["distribution"]
fast = figure._repr_mimebundle_()
imported = "plotly.io._renderers" in sys.modules
import plotly.io as pio
plotlys = pio.renderers["plotly_mimetype"].to_mimebundle(figure.to_dict())
print(json.dumps({"imported": imported, "same": fast == plotlys, "mime": sorted(fast)}))
"""


def test_the_report_figure_is_shown_without_the_renderers_and_as_plotly_shows_it():
    samples = os.path.join(os.path.dirname(__file__), "..", "..", "datasets", "sample_submissions", "submissions")
    env = {**os.environ, "PLOTLY_RENDERER": "plotly_mimetype"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, samples], capture_output=True, text=True, env=env, check=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"imported": False, "same": True, "mime": ["application/vnd.plotly.v1+json"]}
