"""What a lecture deck shows of a notebook: no code, no widget fallbacks, exercises as a static question.

Issue 14 ("Decks without code"). ``ckm-course slides`` passes every notebook through
:func:`prepare` before nbconvert turns it into reveal.js slides:

* code inputs are dropped (``show_code=True`` keeps them for a technical audience); a code cell
  left with nothing to show is removed, handing a slide start on to the next cell;
* the text fallbacks of widgets ("interactive exercise: run this cell to answer",
  "run this cell to switch"), answer records and the "not attempted yet: replace ... with your
  answer" message are removed: they only make sense in a running notebook;
* a cell showing an exercise widget gets a static view of the question instead — title,
  prompt, the choices and the items, never the key — with a "do it live in the notebook" note,
  at the slides' body size (issue 22 item 9); a long one continues on a sub-slide with its items;
  an explorer gets a one-line note;
* cells tagged ``notes`` become speaker notes (as slide type "notes" already does), shown in
  reveal.js's speaker view (press S).
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
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


# An exercise estimated taller than this many lines of body text shows its items on a sub-slide of
# their own: at body size (issue 22 item 9) the longest ones (C6.5's 18 technologies, the case
# interactions) no longer fit one 1280x720 slide (tests/e2e/test_slides_fit.py measures the result).
SPLIT_LINES = 20
LINE_COLUMNS = 100  # display columns of one full-width line of body text on a slide (a CJK character is 2)
LIST_COLUMNS = 48  # ... of one line in a two-column list
_CONTINUED = Text("续", "continued")


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def view_lines(ex: Any, language: str = "both") -> int:
    """Estimated lines of an exercise's static view: title, prompt, each list (two columns) and the note."""
    lines = 2 + math.ceil(_columns(render(ex.prompt, language)) / LINE_COLUMNS)
    for group in (ex.choices, ex.items):
        if group:
            rows = sum(math.ceil(_columns(render(x.label, language)) / LIST_COLUMNS) for x in group)
            lines += 1 + math.ceil(rows / 2)
    return lines


def exercise_views(exercise_id: str, language: str = "both", split: bool = True) -> list[str]:
    """Static HTML views of an exercise (title, prompt, choices, items — never the key) and the live note.

    One view, or two when the exercise is estimated longer than :data:`SPLIT_LINES` and ``split`` (the
    items then go to a second view, for a sub-slide of their own, under the title marked "continued").
    """
    ex = exercise(exercise_id)
    title = f"[{html.escape(ex.point)}] {html.escape(render(ex.title, language))}"
    choices = "".join(f"<li>{html.escape(render(c.label, language))}</li>" for c in ex.choices)
    items = "".join(f"<li>{html.escape(render(i.label, language))}</li>" for i in ex.items)
    live = f'<p class="ckm-deck-live">✎ {html.escape(render(LIVE_NOTE, language))}</p>'
    head = [f'<div class="ckm-deck-exercise" data-exercise="{html.escape(ex.id)}">', f"<p><b>{title}</b></p>",
            f"<p>{html.escape(render(ex.prompt, language))}</p>"]
    if choices:
        head.append(f'<p class="ckm-deck-label">{html.escape(render(_CHOOSE, language))}:</p>'
                    f'<ul class="ckm-deck-choices">{choices}</ul>')
    if not items:
        return ["".join(head) + live + "</div>"]
    items_block = (f'<p class="ckm-deck-label">{html.escape(render(_ITEMS, language))}:</p>'
                   f'<ul class="ckm-deck-items">{items}</ul>')
    if not split or not choices or view_lines(ex, language) <= SPLIT_LINES:
        return ["".join(head) + items_block + live + "</div>"]
    more = f"<p><b>{title} ({html.escape(render(_CONTINUED, language))})</b></p>"
    return ["".join(head) + "</div>",
            f'<div class="ckm-deck-exercise" data-exercise="{html.escape(ex.id)}">{more}{items_block}{live}</div>']


def exercise_view(exercise_id: str, language: str = "both") -> str:
    """The whole static view of an exercise in one piece (:func:`exercise_views` joined)."""
    return "".join(exercise_views(exercise_id, language, split=False))


def _note_output(text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={"text/html": text, "text/plain": text})


def _prepare_code_cell(cell: nbformat.NotebookNode, language: str) -> list[nbformat.NotebookNode]:
    """Keep what a deck shows of ``cell``; returns the sub-slide cells that continue a long exercise."""
    outputs = cell.get("outputs", [])
    had_fallback = any(is_classroom_only(o) for o in outputs)
    kept = [o for o in outputs if not is_classroom_only(o)]
    ids = exercise_ids_in(cell.source)
    continued: list[nbformat.NotebookNode] = []
    # a cell left out of the slides (skip, notes) gets no sub-slide of its own
    split = cell.metadata.get("slideshow", {}).get("slide_type") not in ("skip", "notes")
    for ident in ids:
        try:
            first, *rest = exercise_views(ident, language, split)
        except KeyError:  # an unknown id: show the live note alone, the deck still builds
            first, rest = f'<p class="ckm-deck-live">✎ {html.escape(render(LIVE_NOTE, language))}</p>', []
        kept.append(_note_output(first))
        continued += [nbformat.v4.new_code_cell("", outputs=[_note_output(view)],
                                                metadata={"slideshow": {"slide_type": "subslide"}}) for view in rest]
    if had_fallback and not ids and any(m in _text_of(o) for o in outputs for m in _EXPLORER_FALLBACKS):
        kept.append(_note_output(f'<p class="ckm-deck-live">✎ {html.escape(render(EXPLORER_NOTE, language))}</p>'))
    cell.outputs = kept
    return continued


def prepare(notebook: nbformat.NotebookNode, show_code: bool = False, language: str = "both") -> nbformat.NotebookNode:
    """The notebook as a deck shows it (module docstring); ``notebook`` is changed in place and returned."""
    cells = []
    carried: str | None = None  # the slide start of a removed code cell, handed to the next cell
    for cell in notebook.cells:
        slideshow = cell.metadata.setdefault("slideshow", {})
        if "notes" in cell.metadata.get("tags", []):
            slideshow["slide_type"] = "notes"
        continued: list[nbformat.NotebookNode] = []
        if cell.cell_type == "code":
            continued = _prepare_code_cell(cell, language)
            if not show_code and not cell.outputs:
                if slideshow.get("slide_type") in ("slide", "subslide"):
                    carried = carried or slideshow["slide_type"]
                continue
        if carried and slideshow.get("slide_type") in (None, "", "-"):
            slideshow["slide_type"] = carried
        carried = None if slideshow.get("slide_type") != "notes" else carried
        cells.append(cell)
        cells += continued  # a long exercise's items, on their own sub-slide (issue 22 item 9)
    notebook.cells = cells
    return notebook
