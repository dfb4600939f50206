"""The screenshot gallery (issue 10): what students and instructors see, in light and dark.

``make screenshots`` (``python tests/e2e/gallery.py``) writes to ``build/screenshots/<theme>/``:

- ``exercise-<kind>-<state>.png`` for every exercise kind, untouched, partly right and all right;
- ``explorer-<name>-before.png`` / ``-after.png`` around a change made in the browser;
- ``slide-<deck>-figure-<n>.png``: three figure slides of the offline decks at 1280×720;
- ``gallery.json``: the visible text of each JupyterLab screenshot (what the tests read).

Everything runs offline: a loopback JupyterLab (``lab.running_lab``) and Debian's chromium
(``lab.chromium_browser``). ``tests/e2e/test_gallery.py`` runs the same code on a subset.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))  # `python tests/e2e/gallery.py` finds lab.py

from lab import chromium_browser, open_and_run_all, running_lab  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "screenshots"
THEMES = {"light": "JupyterLab Light", "dark": "JupyterLab Dark"}
THEME_PLUGIN = "@jupyterlab/apputils-extension:themes"
CELLS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-CodeCell"

# one exercise per widget kind (ckm_course.frontends.widgets.WIDGETS)
KINDS = {
    "multi_label": "c3.1-four-categories",
    "single_label": "c1.3-customer-classes",
    "matching": "c4.1-ckm-or-crm",
    "ordering": "c6.1-step-order",
    "multiple_choice": "c1.1-four-reasons",
    "value": "c1.3-lifetime-value",
    "open": "c3.1-practice-debatable",
    "plan": "capstone-ratings",
}
STATES = ("untouched", "partly-right", "all-right")

# Kernel-side: a partly right answer built from the key (half the rows; two steps swapped; one of
# the options; a wrong number; the start of a model answer). Only the gallery uses it.
PARTLY = '''
def _partly(exercise):
    full = exercise.key()  # key(), not solution(): a gallery answer is not a student's reveal
    if isinstance(full, dict):
        keys = list(full)
        return {key: full[key] for key in keys[: max(1, len(keys) // 2)]}
    if isinstance(full, list):
        return full[1::-1] + full[2:] if exercise.kind == "ordering" else full[:1]
    if isinstance(full, (int, float)):
        return full * 1.5
    return str(full)[: max(20, len(str(full)) // 4)]
'''


@dataclass(frozen=True)
class Explorer:
    """An explorer: the call that shows it, its CSS class and how a person changes it."""

    name: str
    call: str
    selector: str
    change: Callable  # (page, cell) -> None
    figure: bool = True  # draws a plotly figure under its controls


def _type_weeks(page, cell) -> None:
    weeks = cell.locator("input[type=number]").first
    weeks.fill("30")
    weeks.press("Enter")


def _slide_right(page, cell) -> None:
    handle = cell.locator(".noUi-handle").first
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")


def _pick_third(page, cell) -> None:
    cell.locator("select").first.select_option(index=2)


EXPLORERS = {
    "roadmap-planner": Explorer("roadmap-planner", "widgets.roadmap_planner()", ".ckm-roadmap-planner", _type_weeks),
    "capability-assessment": Explorer("capability-assessment", "widgets.capability_assessment()",
                                      ".ckm-capability-assessment", _slide_right),
    "class-explorer": Explorer("class-explorer", "widgets.class_explorer()", ".ckm-class-explorer", _slide_right),
    "comparison-explorer": Explorer("comparison-explorer", "widgets.comparison_explorer()",
                                    ".ckm-comparison-explorer", _pick_third, figure=False),
}
# (chapter notebook, n): the slide holding the deck's n-th figure — the Gantt, the audit flow
# and the CKM/CRM/KM table, the three layouts issue 10 saw broken
SLIDES = (("06_implementation_roadmap.ipynb", 0), ("06_implementation_roadmap.ipynb", 2), ("04_ckm_crm_km.ipynb", 0))
FIGURE = ".reveal .slides section .ckm-figure"


def gallery_notebook(path: Path, kinds: Sequence[str], explorers: Sequence[str]) -> list[str]:
    """Write the notebook the gallery runs; returns the name of each code cell's screenshot (or "")."""
    cells = ["import ckm_course\nfrom ckm_course import widgets\nckm_course.start('both')\n" + PARTLY]
    names = [""]
    for kind in kinds:
        exercise = KINDS[kind]
        cells += [f"w = ckm_course.exercise({exercise!r}).widget()\nw",
                  f"w = ckm_course.exercise({exercise!r}).widget()\nw.set_answer(_partly(w.exercise))\nw.check()\nw",
                  f"w = ckm_course.exercise({exercise!r}).widget()\nw.set_answer(w.exercise.key())\nw.check()\nw"]
        names += [f"exercise-{kind}-{state}" for state in STATES]
    for name in explorers:
        cells.append(EXPLORERS[name].call)
        names.append(f"explorer-{name}")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)
    return names


def set_lab_setting(lab, plugin: str, values: dict) -> None:
    """Store a JupyterLab user setting through the server's settings API (as the Settings menu does)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{lab.port}/lab/api/settings/{plugin}", method="PUT",
        data=json.dumps({"raw": json.dumps(values)}).encode(),
        headers={"Authorization": f"token {lab.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        if response.status not in (200, 204):
            raise RuntimeError(f"setting {plugin} failed: HTTP {response.status}")


def _figure_state(page, cell) -> str:
    """What the cell shows now: the drawn plotly data if there is a figure, else the widget's text."""
    return cell.evaluate("""(cell) => {
        const plot = cell.querySelector('.js-plotly-plot');
        if (plot && plot.data) return JSON.stringify(plot.data);
        return cell.querySelector('.jp-Cell-outputWrapper')?.innerText || '';
    }""")


def _wait_drawn(page, cell, timeout_ms: int) -> None:
    """Wait until the cell's plotly figure is drawn (a redraw briefly swaps it out)."""
    page.wait_for_function("(cell) => { const p = cell.querySelector('.js-plotly-plot'); return p && p._fullLayout && p.data; }",
                           arg=cell.element_handle(), timeout=timeout_ms)


def _wait_settled(page, cell, figure: bool, timeout_ms: int, quiet_ms: int = 800) -> None:
    """Wait until the cell stops changing: two key presses mean two redraws, and a shot taken
    between them catches the placeholder of the second (widgets/figure_output.py)."""
    deadline = time.monotonic() + timeout_ms / 1000
    last = None
    while time.monotonic() < deadline:
        if figure:
            _wait_drawn(page, cell, timeout_ms)
        now = _figure_state(page, cell)
        if now == last:
            return
        last = now
        page.wait_for_timeout(quiet_ms)
    raise TimeoutError("the explorer kept changing")


def _shoot(page, output, path: Path, texts: dict[str, str]) -> None:
    """Screenshot an output whole: JupyterLab scrolls inside its own panel, so a taller output
    than the window would be cut; the window grows to fit it first. Its visible text (and the
    drawn figure's data) goes into ``texts``, for tests to read what the picture shows."""
    texts[path.name] = output.inner_text() + "\n" + output.evaluate(
        "(o) => { const p = o.querySelector('.js-plotly-plot'); return p && p.data ? JSON.stringify(p.data) : ''; }")
    output.scroll_into_view_if_needed()
    box = output.bounding_box()
    size = page.viewport_size
    if box and box["height"] + 250 > size["height"]:
        page.set_viewport_size({"width": size["width"], "height": int(min(box["height"] + 300, 8000))})
        output.scroll_into_view_if_needed()
    output.screenshot(path=str(path))


def capture_lab(page, lab, out: Path, theme: str, kinds: Sequence[str], explorers: Sequence[str],
                timeout_ms: int = 480_000) -> list[Path]:
    """Run the gallery notebook in ``theme`` and screenshot every exercise state and explorer."""
    set_lab_setting(lab, THEME_PLUGIN, {"theme": THEMES[theme]})
    # one notebook (so one kernel) per theme: a kernel kept from the other theme's run would restore
    # its recorded answers into the "untouched" widgets
    notebook = f"gallery-{theme}.ipynb"
    names = gallery_notebook(lab.root / notebook, kinds, explorers)
    try:
        open_and_run_all(page, lab, notebook, timeout_ms)
    except Exception as exc:  # say which cell failed, not only that the run never finished
        errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        raise RuntimeError(f"{notebook} did not run through ({type(exc).__name__}); error outputs: "
                           f"{[e[-600:] for e in errors]}") from exc
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === {THEMES[theme]!r}", timeout=timeout_ms)
    folder = out / theme
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    texts: dict[str, str] = {}
    cells = page.locator(CELLS)
    for index, name in enumerate(names):
        if not name:
            continue
        cell = cells.nth(index)
        cell.scroll_into_view_if_needed()
        output = cell.locator(".jp-Cell-outputWrapper")
        if name.startswith("explorer-"):
            explorer = EXPLORERS[name[len("explorer-"):]]
            cell.locator(explorer.selector).first.wait_for(timeout=timeout_ms)
            if explorer.figure:
                _wait_drawn(page, cell, timeout_ms)
            before = _figure_state(page, cell)
            written.append(folder / f"{name}-before.png")
            _shoot(page, output, written[-1], texts)
            explorer.change(page, cell)
            page.wait_for_function(
                """([cell, old]) => {
                    const plot = cell.querySelector('.js-plotly-plot');
                    const now = plot && plot.data ? JSON.stringify(plot.data)
                        : (cell.querySelector('.jp-Cell-outputWrapper')?.innerText || '');
                    return now !== old && (!plot || plot._fullLayout);
                }""", arg=[cell.element_handle(), before], timeout=timeout_ms)
            _wait_settled(page, cell, explorer.figure, timeout_ms)
            written.append(folder / f"{name}-after.png")
        else:
            cell.locator(".ckm-exercise, .widget-box").first.wait_for(timeout=timeout_ms)
            written.append(folder / f"{name}.png")
        _shoot(page, output, written[-1], texts)
    (folder / "gallery.json").write_text(json.dumps(texts, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def capture_slides(browser, out: Path, theme: str, slides: Sequence[tuple[str, int]]) -> list[Path]:
    """Build the decks of ``slides`` offline and screenshot each slide at 1280×720."""
    from ckm_course.notebooks.slides import build_deck

    from lab import block_network

    folder = out / theme
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="ckm-gallery-decks-") as decks:
        built: dict[str, Path] = {}
        context = browser.new_context(viewport={"width": 1280, "height": 720}, color_scheme=theme)
        page = context.new_page()
        block_network(page)
        for notebook, index in slides:
            if notebook not in built:
                built[notebook] = build_deck(ROOT / "notebooks" / notebook, Path(decks) / notebook[:2])
            page.goto(built[notebook].as_uri())
            page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
            where = page.evaluate("""([selector, n]) => {
                const figure = document.querySelectorAll(selector)[n];
                const at = Reveal.getIndices(figure.closest('section'));
                Reveal.slide(at.h, at.v || 0);
                return at;
            }""", [FIGURE, index])
            page.wait_for_function("([h, v]) => { const at = Reveal.getIndices(); return at.h === h && (at.v || 0) === v; }",
                                   arg=[where["h"], where.get("v") or 0])
            page.locator(".reveal .slides section.present .ckm-figure .main-svg").first.wait_for(state="attached")
            page.wait_for_timeout(800)  # reveal's slide transition (no event to wait on in a static deck)
            written.append(folder / f"slide-{notebook[:2]}-figure-{index}.png")
            page.screenshot(path=str(written[-1]))
        context.close()
    return written


def capture(out: Path = OUT, kinds: Sequence[str] = tuple(KINDS), explorers: Sequence[str] = tuple(EXPLORERS),
            slides: Sequence[tuple[str, int]] = SLIDES, themes: Sequence[str] = tuple(THEMES),
            browser=None, lab=None) -> list[Path]:
    """Write every screenshot; returns the files.

    Starts an offline JupyterLab and chromium unless given ones (the browser tests pass theirs).
    """
    with contextlib.ExitStack() as stack:
        if browser is None:
            browser = stack.enter_context(chromium_browser())
        if lab is None and (kinds or explorers):
            root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="ckm-gallery-"))) / "root"
            root.mkdir()
            lab = stack.enter_context(running_lab(root))
        written: list[Path] = []
        for theme in themes if (kinds or explorers) else ():
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.set_default_timeout(120_000)
            try:
                written += capture_lab(page, lab, out, theme, kinds, explorers)
            finally:
                context.close()
        for theme in themes if slides else ():
            written += capture_slides(browser, out, theme, slides)
        if lab is not None:
            set_lab_setting(lab, THEME_PLUGIN, {"theme": THEMES["light"]})  # leave a shared server as found
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--explorers", nargs="*", default=list(EXPLORERS), choices=list(EXPLORERS))
    parser.add_argument("--themes", nargs="*", default=list(THEMES), choices=list(THEMES))
    parser.add_argument("--no-slides", action="store_true")
    args = parser.parse_args(argv)
    files = capture(args.out, args.kinds, args.explorers, () if args.no_slides else SLIDES, args.themes)
    print(f"{len(files)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
