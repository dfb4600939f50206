"""What a lecture deck shows of a notebook: no code, no widget fallbacks, exercises as a static question.

Issue 14 ("Decks without code"). ``ckm-course slides`` passes every notebook through
:func:`prepare` before nbconvert turns it into reveal.js slides:

* code inputs are dropped (``show_code=True`` keeps them for a technical audience); a code cell
  left with nothing to show is removed, handing a slide start on to the next cell;
* the text fallbacks of widgets ("interactive exercise: run this cell to answer",
  "run this cell to switch"), answer records and the "not attempted yet: replace ... with your
  answer" message are removed: they only make sense in a running notebook;
* a cell showing an exercise widget gets a static view of the question instead — title,
  prompt, the choices and the items, never the key — with a "do it live in the notebook" note;
  an explorer gets a one-line note;
* cells tagged ``notes`` become speaker notes (as slide type "notes" already does), shown in
  reveal.js's speaker view (press S).
"""

from __future__ import annotations

import html
import re
from typing import Any

import nbformat

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.exercise import exercise
from ckm_course.i18n import render
from ckm_course.content.model import Text
from ckm_course.exercises.record import MIME as RECORD_MIME

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_EXERCISE_CALL = re.compile(r"""exercise(?:_widget)?\(\s*["']([^"']+)["']\s*\)""")
_FALLBACKS = ("run this cell", "运行此单元格")
_EXPLORER_FALLBACKS = ("run this cell to use it", "运行此单元格使用")  # explorers; the language toggle just goes
LIVE_NOTE = Text("请在笔记本中作答（现场互动）。", "Do it live in the notebook.")
EXPLORER_NOTE = Text("互动工具：请在笔记本中现场使用。", "Interactive tool: use it live in the notebook.")
_CHOOSE = Text("可选", "Choose from")
_ITEMS = Text("题目", "Items")


def not_attempted_texts() -> tuple[str, ...]:
    """The "not attempted yet: replace ... with your answer" message in both languages (from checks/messages.py)."""
    text = msg("not_attempted")
    return (text.zh, text.en)


def _text_of(output: dict[str, Any]) -> str:
    data = output.get("data") or {}
    value = data.get("text/plain", output.get("text", ""))
    value = "".join(value) if isinstance(value, list) else str(value)
    shown = data.get("text/html", "")
    return value + ("".join(shown) if isinstance(shown, list) else str(shown))


def is_classroom_only(output: dict[str, Any]) -> bool:
    """True for an output that means something only in a running notebook (see the module docstring)."""
    data = output.get("data") or {}
    if RECORD_MIME in data or WIDGET_MIME in data:
        return True
    if "application/javascript" in data:  # the widgets' keyboard script (widgets/look.py): no widgets on a slide
        return True
    text = _text_of(output)
    if 'class="ckm-saved"' in text:  # the static record view shown below every exercise widget
        return True
    if any(marker in text for marker in (*_FALLBACKS, *not_attempted_texts())):
        return True
    plain = data.get("text/plain", "")
    plain = "".join(plain) if isinstance(plain, list) else str(plain)
    return plain.startswith("'ckm_course ") and "ready" in plain  # the start() line


def exercise_ids_in(source: str) -> list[str]:
    """The exercise ids a code cell shows as widgets (``exercise("id").widget()``, ``exercise_widget("id")``)."""
    if ".widget()" not in source and "exercise_widget(" not in source:
        return []
    return _EXERCISE_CALL.findall(source)


def exercise_view(exercise_id: str, language: str = "both") -> str:
    """A static HTML view of an exercise: title, prompt, choices and items (never the key), and the live note."""
    ex = exercise(exercise_id)
    choices = "".join(f"<li>{html.escape(render(c.label, language))}</li>" for c in ex.choices)
    items = "".join(f"<li>{html.escape(render(i.label, language))}</li>" for i in ex.items)
    parts = [f'<div class="ckm-deck-exercise" data-exercise="{html.escape(ex.id)}">',
             f"<p><b>[{html.escape(ex.point)}] {html.escape(render(ex.title, language))}</b></p>",
             f"<p>{html.escape(render(ex.prompt, language))}</p>"]
    if choices:
        parts.append(f'<p class="ckm-deck-label">{html.escape(render(_CHOOSE, language))}:</p>'
                     f'<ul class="ckm-deck-choices">{choices}</ul>')
    if items:
        parts.append(f'<p class="ckm-deck-label">{html.escape(render(_ITEMS, language))}:</p>'
                     f'<ul class="ckm-deck-items">{items}</ul>')
    parts.append(f'<p class="ckm-deck-live">✎ {html.escape(render(LIVE_NOTE, language))}</p></div>')
    return "".join(parts)


def _note_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": text, "text/plain": text})


def _prepare_code_cell(cell: nbformat.NotebookNode, language: str) -> None:
    outputs = cell.get("outputs", [])
    had_fallback = any(is_classroom_only(o) for o in outputs)
    kept = [o for o in outputs if not is_classroom_only(o)]
    ids = exercise_ids_in(cell.source)
    for ident in ids:
        try:
            view = exercise_view(ident, language)
        except KeyError:  # an unknown id: show the live note alone, the deck still builds
            view = f'<p class="ckm-deck-live">✎ {html.escape(render(LIVE_NOTE, language))}</p>'
        kept.append(_note_output(view))
    if had_fallback and not ids and any(m in _text_of(o) for o in outputs for m in _EXPLORER_FALLBACKS):
        kept.append(_note_output(f'<p class="ckm-deck-live">✎ {html.escape(render(EXPLORER_NOTE, language))}</p>'))
    cell.outputs = kept


def prepare(notebook: nbformat.NotebookNode, show_code: bool = False, language: str = "both") -> nbformat.NotebookNode:
    """The notebook as a deck shows it (module docstring); ``notebook`` is changed in place and returned."""
    cells = []
    carried: str | None = None  # the slide start of a removed code cell, handed to the next cell
    for cell in notebook.cells:
        slideshow = cell.metadata.setdefault("slideshow", {})
        if "notes" in cell.metadata.get("tags", []):
            slideshow["slide_type"] = "notes"
        if cell.cell_type == "code":
            _prepare_code_cell(cell, language)
            if not show_code and not cell.outputs:
                if slideshow.get("slide_type") in ("slide", "subslide"):
                    carried = carried or slideshow["slide_type"]
                continue
        if carried and slideshow.get("slide_type") in (None, "", "-"):
            slideshow["slide_type"] = carried
        carried = None if slideshow.get("slide_type") != "notes" else carried
        cells.append(cell)
    notebook.cells = cells
    return notebook
