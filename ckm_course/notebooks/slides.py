"""Offline reveal.js decks of the chapter notebooks (``ckm-course slides`` / ``make slides``).

Each notebook becomes ``<out>/<name>.slides.html``. reveal.js (vendored in
``static/reveal``) and plotly.js (from the installed plotly package) are copied once into
``<out>/_static/``; decks refer to them by relative paths, so the folder works from a USB
stick with no network. Plotly outputs become a ``div`` drawn by the local plotly.js.
:func:`external_references` finds any ``src``/``href`` that would reach the network.

Decks show no code by default (``show_code=True`` / ``--show-code`` keeps it): what a deck
keeps of a notebook is :func:`ckm_course.notebooks.deck.prepare` (issue 14). Speaker notes (cells of
slide type "notes" or tagged ``notes``) open in reveal.js's speaker view (press S), whose
plugin is vendored too (``_static/reveal/plugin/notes/notes.js``), so it works offline.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat

from ckm_course.notebooks.deck import prepare
from ckm_course.notebooks.runner import read

STATIC = Path(__file__).resolve().parent.parent / "static"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
_EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", re.I)


def plotly_to_html(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace plotly JSON outputs with HTML drawn by a local plotly.js (deterministic ids)."""
    for cell_number, cell in enumerate(notebook.cells):
        for output_number, output in enumerate(cell.get("outputs", [])):
            figure = output.get("data", {}).get(PLOTLY_MIME)
            if figure is None:
                continue
            div = f"ckm-figure-{cell_number}-{output_number}"
            spec = json.dumps({"data": figure.get("data", []), "layout": figure.get("layout", {})}, ensure_ascii=False)
            output["data"] = {"text/html": (
                f'<div id="{div}" class="ckm-figure"></div>\n<script>(function () {{ var f = {spec};\n'
                f'Plotly.newPlot("{div}", f.data, f.layout, {{displaylogo: false, responsive: true}}); }})();</script>')}
    return notebook


def _copy_static(out: Path) -> None:
    reveal = out / "_static" / "reveal"
    (reveal / "dist" / "theme").mkdir(parents=True, exist_ok=True)
    shutil.copy(STATIC / "reveal" / "reveal.js", reveal / "dist" / "reveal.js")
    shutil.copy(STATIC / "reveal" / "reveal.css", reveal / "dist" / "reveal.css")
    shutil.copy(STATIC / "reveal" / "white.css", reveal / "dist" / "theme" / "white.css")
    shutil.copy(STATIC / "reveal" / "LICENSE", reveal / "LICENSE")
    (reveal / "plugin" / "notes").mkdir(parents=True, exist_ok=True)
    shutil.copy(STATIC / "reveal" / "plugin" / "notes" / "notes.js", reveal / "plugin" / "notes" / "notes.js")
    import plotly

    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", out / "_static" / "plotly.min.js")


def build_deck(notebook_path: Path | str, out: Path | str, show_code: bool = False) -> Path:
    """Write one offline deck for ``notebook_path`` into ``out``; returns its path.

    Code inputs are left out unless ``show_code``; widgets become a static view (:mod:`ckm_course.notebooks.deck`).
    """
    from nbconvert import SlidesExporter  # ~1 s to import; only decks need it

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if not (out / "_static" / "reveal" / "plugin" / "notes" / "notes.js").exists():
        _copy_static(out)
    notebook = plotly_to_html(prepare(read(notebook_path), show_code=show_code))
    exporter = SlidesExporter(template_name="ckm_reveal", extra_template_basedirs=[str(STATIC / "slides_template")],
                              reveal_url_prefix="_static/reveal", reveal_theme="white", reveal_scroll=True,
                              exclude_input=not show_code, exclude_input_prompt=not show_code,
                              exclude_output_prompt=not show_code)
    body, _ = exporter.from_notebook_node(notebook)
    target = out / f"{Path(notebook_path).stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    found = external_references(body)
    if found:
        raise RuntimeError(f"{target}: the deck refers to the network: {', '.join(sorted(set(found))[:5])}")
    return target


def external_references(html: str) -> list[str]:
    """Every ``src``/``href`` in ``html`` that points off the local folder."""
    return _EXTERNAL.findall(html)


def build_all(notebooks: list[Path], out: Path | str, show_code: bool = False) -> list[Path]:
    """Decks for every notebook given (the CLI passes notebooks/*.ipynb)."""
    return [build_deck(path, out, show_code) for path in notebooks]
