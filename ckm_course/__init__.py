"""ckm_course — helpers for the bilingual Customer Knowledge Management (客户知识管理) workbook.

Public API (see README "Public API")::

    import ckm_course
    ckm_course.set_language("both")            # "zh", "en" or "both"
    ex = ckm_course.exercise("c3.1-four-categories")
    ex.check({"客户姓名": "有关客户的知识", ...})  # -> Result, never raises
    ex.hint(); ex.solution(); ex.items

This module is the public facade and nothing else: nothing inside the package imports it
(docs/ARCHITECTURE.md). Importing it is cheap: content files are read on first use, and pandas,
plotly and ipywidgets are imported only by the modules that need them; that is why the functions
below import their module when called (``import ckm_course`` ~ 3 ms instead of ~ 60 ms).
The old flat module names that notebooks use (``from ckm_course import charts, widgets, data,
analytics, case_study``) are the layer modules, handed out by :func:`__getattr__`.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING

from ckm_course.i18n import get_language, set_language
from ckm_course.version import VERSION

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import ipywidgets
    import pandas as pd

    from ckm_course.exercises.exercise import Exercise
    from ckm_course.content.model import Course, Point
    from ckm_course.frontends.case_thread import CaseThreadView
    from ckm_course.frontends.present import PointView
    from ckm_course.exercises.progress import Progress

__version__ = VERSION
__all__ = [
    "case_thread_view", "configure", "course", "exercise", "exercise_ids", "export_answers", "get_language", "glossary",
    "language_toggle", "materials_view", "point", "progress", "read_answers", "set_language", "show", "start", "student",
    "syllabus",
]


def configure(show_answers: bool | None = None, mode: str | None = None) -> dict[str, object]:
    """Change settings for this kernel; returns them (see :func:`ckm_course.exercises.settings.configure`).

    ``mode``: "practice" or "assessment"; ``show_answers``: whether Show answer gives the key.
    """
    from ckm_course.exercises.settings import configure as change

    return change(show_answers, mode)


def course() -> Course:
    """All course content (chapters C1-C9, points, exercises), validated and cached."""
    from ckm_course.content.catalog import course as load

    return load()


def case_thread_view(chapter: str, part: str = "all", language: str | None = None) -> CaseThreadView:
    """The Qinghe section of ``chapter`` ("C2"-"C8") for display at the end of its notebook (issue 12).

    ``part``: "all" (default), or one of "text", "facts", "discussion" (one per slide).
    """
    from ckm_course.frontends.case_thread import case_thread_view as view

    return view(chapter, part, language)


def point(point_id: str) -> Point:
    """One CONTENT.md point, e.g. ``point("C6.1")``."""
    return course().point(point_id)


def show(point_id: str, language: str | None = None, rows: tuple[int, int] | None = None) -> PointView:
    """Display one content point (title, summary, entries) as a bilingual table in a notebook.

    ``rows=(first, last)`` shows entries first..last (1-based) so a long point can span sub-slides.
    """
    from ckm_course.frontends.present import PointView

    return PointView(point(point_id), language, rows)


def exercise_ids() -> tuple[str, ...]:
    """The ids of every exercise ``exercise()`` finds, in chapter order (the C3.1 case exercise too)."""
    from ckm_course.exercises.exercise import exercise_specs

    return tuple(spec.id for spec in exercise_specs())


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, e.g. ``exercise("c3.1-four-categories")``."""
    from ckm_course.exercises.exercise import exercise as find

    return find(exercise_id)


def start(language: str = "both") -> str:
    """Set the language and load the content; returns the one-line "ready" confirmation.

    The first code cell of every notebook calls this, so a broken install or content
    file shows up at the top of the notebook, not halfway through an exercise. In Voilà
    app mode (``app.in_app()``) the returned line is not shown on the page.
    """
    chosen = set_language(language)
    loaded = course()
    _freeze_start_up()
    # The JupyterLab extension draws this MIME type offline; "+notebook" would embed 3 MB of plotly.js.
    # plotly.io's renderers cost ~0.3 s to import (nbformat, jsonschema): when they are not loaded yet,
    # plotly reads the same choice from PLOTLY_RENDERER when the first figure is shown.
    if "plotly.io._renderers" in sys.modules:
        sys.modules["plotly.io"].renderers.default = "plotly_mimetype"
    else:
        os.environ["PLOTLY_RENDERER"] = "plotly_mimetype"
    # No counts here: every notebook prints this line, so it must not change when content grows.
    line = f"ckm_course {__version__} ready / 已就绪 — language 语言: {chosen} ({len(loaded.chapters)} chapters 章)"
    from ckm_course.exercises.answers import in_app

    return _Unshown(line) if in_app() else line


@functools.cache  # once per process
def _freeze_start_up() -> None:
    """Leave what is loaded by now (modules, classes, the content: ~115,000 objects, all kept for the whole
    session) out of the cyclic collector's later passes, once per process (``gc.freeze``). Each full pass
    walked them all again: 50-80 ms a pass in a chapter notebook, at random moments (issue 23 measure).
    They are still freed as usual when nothing refers to them; only cycles among them would stay."""
    gc.freeze()


class _Unshown(str):
    """The "ready" line in Voilà app mode (issue 14): still the string, but a page shows nothing for it
    (the student of the app never sees code, so a set-up line at the top of the page is only noise)."""

    def _ipython_display_(self) -> None:
        # Nothing to read, but the figures' style goes on the page before the first figure is drawn
        # (issue 22 item 1: a chart first drawn on a phone kept a squeezed layout otherwise).
        from IPython.display import display

        from ckm_course.frontends.figure_text import page_style

        display({"text/html": page_style()}, raw=True)


def syllabus(language: str | None = None) -> pd.DataFrame:
    """Every notebook of ``notebooks/``, one row each, in one numbering: the notebook's number.

    Columns: notebook file, the content chapters it teaches (notebook 06 holds C6 and the C9
    questions for reflection; the case study, notebook 09, applies earlier chapters and has no
    content chapter of its own), title, minutes (the content's, summed per notebook; the case
    study's from its materials file), points, checked exercises, minutes of its exercise notebook.
    """
    from ckm_course.content.syllabus import syllabus as table

    return table(language)


def glossary(query: str | None = None) -> pd.DataFrame:
    """The bilingual glossary (术语表): ``glossary("隐性知识")`` finds terms (zh or en, partial,
    case and full-width forgiven); ``glossary()`` lists every term with its chapter."""
    from ckm_course.content.catalog import catalog
    from ckm_course.content.glossary import search

    return search(catalog().glossary, query)


def materials_view(key: str, part: str = "end", language: str | None = None) -> Any:
    """A notebook's course materials (``"C3"`` or ``"03"``): ``part="opening"`` for the opening
    case, ``"end"`` for worked examples, discussion questions and further reading."""
    from ckm_course.frontends.present import materials_view as view

    return view(key, part, language)


def language_toggle() -> ipywidgets.ToggleButtons:
    """中文 / English / 双语 buttons that switch every exercise widget on the page live."""
    from ckm_course.frontends.widgets import language_toggle as toggle

    return toggle()


def read_answers(notebook: str | Path) -> dict[str, dict[str, Any]]:
    """The answers recorded in a saved notebook, ``{exercise id: record}``; needs no kernel."""
    from ckm_course.exercises.collect import read_answers as read

    return read(notebook)


def student(name: str | None = None, student_id: str | None = None) -> Any:
    """Identify the student of this notebook (first cell): ``ckm_course.student("王小明", "2024001")``.

    Shows "学生 Student: 王小明 (2024001)" and carries the identity in the cell's output for the
    gradebook (``ckm-course grade``); with no arguments it shows how to call it.
    """
    from ckm_course.exercises.identity import student as make

    return make(name, student_id)


def progress(records: Any = None, language: str | None = None) -> Progress:
    """Each chapter's points as mastered / in progress / not started, and "today: practise these 3" (issue 24).

    Reads this kernel's answer records (or the ``records`` given, e.g. ``read_answers(nb).values()``);
    the rule is README "Mastery" (``ckm_course.exercises.mastery``).
    """
    from ckm_course.exercises.progress import progress as make

    return make(records, language)


def export_answers(notebooks: str | Path | list[str | Path], destination: str | Path) -> dict[str, Any]:
    """Collect the recorded answers of one or more notebooks into one JSON file (atomic write)."""
    from ckm_course.exercises.collect import export_answers as export

    return export(notebooks, destination)


# The flat names of before the layers (issue 23), for notebooks and README: the same module objects.
_MODULES = {
    "analytics": "ckm_course.case.analytics", "case_study": "ckm_course.case.study", "data": "ckm_course.case.data",
    "charts": "ckm_course.frontends.charts", "widgets": "ckm_course.frontends.widgets",
}


def __getattr__(name: str) -> Any:
    """``ckm_course.charts`` and ``from ckm_course import charts, widgets``: the module of its layer."""
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'ckm_course' has no attribute {name!r}")
