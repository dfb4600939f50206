"""ckm_course — helpers for the bilingual Customer Knowledge Management (客户知识管理) workbook.

Public API (see README "Public API")::

    import ckm_course
    ckm_course.set_language("both")            # "zh", "en" or "both"
    ex = ckm_course.exercise("c3.1-four-categories")
    ex.check({"客户姓名": "有关客户的知识", ...})  # -> Result, never raises
    ex.hint(); ex.solution(); ex.items

Importing this package is cheap: content files are read on first use, and pandas,
plotly and ipywidgets are imported only by the modules that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ckm_course.i18n import get_language, set_language
from ckm_course.exercises.settings import configure
from ckm_course.frontends.case_thread import case_thread_view  # noqa: F401  the Qinghe section of a chapter (issue 12)

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    import ipywidgets
    import pandas as pd

    from ckm_course.exercises.exercise import Exercise
    from ckm_course.content.model import Course, Point
    from ckm_course.frontends.present import PointView

__version__ = "0.1.0"
__all__ = [
    "configure", "course", "exercise", "exercise_ids", "export_answers", "get_language", "glossary",
    "language_toggle", "materials_view", "point", "read_answers", "set_language", "show", "start", "student", "syllabus",
]


def course() -> Course:
    """All course content (chapters C1-C9, points, exercises), validated and cached."""
    from ckm_course.content.catalog import course as load

    return load()


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
    """The ids of every exercise, in chapter order."""
    return tuple(spec.id for spec in course().exercises)


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id, e.g. ``exercise("c3.1-four-categories")``."""
    from ckm_course.exercises.exercise import Exercise, find

    if str(exercise_id).strip().casefold() == "c3.1-case-interactions":  # built from the case data (chapter 9)
        from ckm_course.content.company import case_exercise_spec

        return Exercise(case_exercise_spec())
    return Exercise(find(exercise_id, course().exercises))


def start(language: str = "both") -> str:
    """Set the language and load the content; returns the one-line "ready" confirmation.

    The first code cell of every notebook calls this, so a broken install or content
    file shows up at the top of the notebook, not halfway through an exercise. In Voilà
    app mode (``app.in_app()``) the returned line is not shown on the page.
    """
    import plotly.io as pio

    chosen = set_language(language)
    loaded = course()
    # The JupyterLab extension draws this MIME type offline; "+notebook" would embed 3 MB of plotly.js.
    pio.renderers.default = "plotly_mimetype"
    # No counts here: every notebook prints this line, so it must not change when content grows.
    line = f"ckm_course {__version__} ready / 已就绪 — language 语言: {chosen} ({len(loaded.chapters)} chapters 章)"
    from ckm_course.exercises.answers import in_app

    return _Unshown(line) if in_app() else line


class _Unshown(str):
    """The "ready" line in Voilà app mode (issue 14): still the string, but a page shows nothing for it
    (the student of the app never sees code, so a set-up line at the top of the page is only noise)."""

    def _ipython_display_(self) -> None:
        return None


def syllabus(language: str | None = None) -> pd.DataFrame:
    """Every notebook of ``notebooks/``, one row each, in one numbering: the notebook's number.

    Columns: notebook file, the content chapters it teaches (notebook 06 holds C6 and the C9
    questions for reflection; the case study, notebook 09, applies earlier chapters and has no
    content chapter of its own), title, minutes (the content's, summed per notebook; the case
    study's from its materials file), points, checked exercises, minutes of its exercise notebook.
    """
    import pandas as pd

    from ckm_course.content.builder import ContentError
    from ckm_course.i18n import render
    from ckm_course.content.materials import materials

    loaded = course()
    by_notebook = {m.notebook.name: m for m in materials()}
    for chapter in loaded.chapters:
        if chapter.notebook and chapter.notebook not in by_notebook:
            raise ContentError(chapter.file, "[chapter]", "notebook",
                               f"{chapter.notebook} has no materials file in content/materials/")
    rows = []
    for name, m in by_notebook.items():
        chapters = [c for c in loaded.chapters if c.notebook == name]
        point_ids = [p.id for c in chapters for p in c.points]
        minutes = [c.minutes for c in chapters if c.minutes is not None] or (
            [m.notebook.minutes] if m.notebook.minutes is not None else [])
        titles = [render(c.title, language) for c in chapters] or (
            [render(m.notebook.title, language)] if m.notebook.title else [])
        rows.append({
            "nb": m.number,
            "notebook": name,
            "chapters": ", ".join(c.id for c in chapters),
            "title": " + ".join(titles),
            "minutes": int(sum(minutes)) if minutes else None,
            "points": ", ".join(point_ids),
            "exercises": sum(1 for spec in loaded.exercises if spec.point in point_ids),
            "practice_minutes": int(m.notebook.practice_minutes) if m.notebook.practice_minutes else None,
        })
    table = pd.DataFrame(rows).set_index("nb")
    return table.astype({"minutes": "Int64", "practice_minutes": "Int64"})


def glossary(query: str | None = None) -> pd.DataFrame:
    """The bilingual glossary (术语表): ``glossary("隐性知识")`` finds terms (zh or en, partial,
    case and full-width forgiven); ``glossary()`` lists every term with its chapter."""
    from ckm_course.content.glossary import search

    return search(query)


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


def export_answers(notebooks: str | Path | list[str | Path], destination: str | Path) -> dict[str, Any]:
    """Collect the recorded answers of one or more notebooks into one JSON file (atomic write)."""
    from ckm_course.exercises.collect import export_answers as export

    return export(notebooks, destination)
