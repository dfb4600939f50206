"""``ckm_course.progress()``: each chapter's points as mastered / in progress / not started, and
"today: practise these 3" (issue 24, "Mastery and what to practise next").

The records come from this kernel (the journal of every exercise, seeded from the saved notebook
after a restart; an exercise not touched since the restart is read from the saved notebook or the
app's answer file), or are given (``progress(records=read_answers("03_....ipynb").values())``).
The rule and the schedule are :mod:`ckm_course.exercises.mastery`'s. Titles come from the content.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckm_course.content.catalog import course, exercise_specs
from ckm_course.content.model import Chapter, Text
from ckm_course.exercises.mastery import PointMastery, mastery, point_items, point_order, practise_next
from ckm_course.i18n import render

# Interface strings (like button labels), not course content.
_LABELS = {
    "heading": Text(zh="学习进度", en="Progress"),
    "mastered": Text(zh="已掌握", en="mastered"),
    "in_progress": Text(zh="学习中", en="in progress"),
    "not_started": Text(zh="未开始", en="not started"),
    "today": Text(zh="今天练习这几个知识点", en="Today: practise these"),
    "due": Text(zh="复习", en="review"),
    "new": Text(zh="新内容", en="new"),
    "none": Text(zh="（暂无）", en="(nothing yet)"),
}
_MARKS = {"mastered": "●", "in_progress": "◐", "not_started": "○"}


@dataclass(frozen=True)
class Progress:
    """The progress of one student: per chapter its points' mastery, and the points to practise today."""

    chapters: tuple[tuple[Chapter, tuple[PointMastery, ...]], ...]
    today: tuple[PointMastery, ...]
    language: str | None = None

    def state(self, point: str) -> str:
        """The state of ``point`` ("mastered", "in_progress" or "not_started")."""
        return next(p.state for _, points in self.chapters for p in points if p.point == point)

    def _title(self, point: str) -> str:
        return render(course().point(point).title, self.language)

    def _label(self, key: str) -> str:
        return render(_LABELS[key], self.language)

    def _today_line(self, found: PointMastery) -> str:
        kind = self._label("new" if found.due is None else "due")
        return f"{found.point} {self._title(found.point)} ({kind})"

    def __repr__(self) -> str:
        lines = [self._label("heading")]
        for chapter, points in self.chapters:
            lines.append(f"{chapter.id} {render(chapter.title, self.language)}")
            lines += [f"  {_MARKS[p.state]} {p.point} {self._title(p.point)}: {self._label(p.state)}" for p in points]
        lines.append(f"{self._label('today')}:")
        lines += [f"  {n}. {self._today_line(p)}" for n, p in enumerate(self.today, 1)] or [f"  {self._label('none')}"]
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = []
        for chapter, points in self.chapters:
            items = "".join(
                f'<li data-point="{esc(p.point)}" data-state="{p.state}">'
                f'<span aria-hidden="true">{_MARKS[p.state]}</span> {esc(p.point)} {esc(self._title(p.point))}: '
                f"<strong>{esc(self._label(p.state))}</strong></li>"
                for p in points)
            rows.append(f"<li><strong>{esc(chapter.id)} {esc(render(chapter.title, self.language))}</strong>"
                        f"<ul>{items}</ul></li>")
        today = "".join(f'<li data-point="{esc(p.point)}">{esc(self._today_line(p))}</li>' for p in self.today)
        today = f"<ol>{today}</ol>" if today else f"<p>{esc(self._label('none'))}</p>"
        return (f'<section class="ckm-progress"><h3>{esc(self._label("heading"))}</h3>'
                f'<p class="ckm-progress-today"><strong>{esc(self._label("today"))}</strong></p>{today}'
                f"<ul>{''.join(rows)}</ul></section>")


def kernel_records() -> list[dict[str, Any]]:
    """Every record this kernel can see: the course's exercise notebooks' (:func:`course_records`), then
    each exercise's journal record, else its saved notebook's (read only); the latest counts."""
    from ckm_course.exercises.journal import current
    from ckm_course.exercises.saved import saved_record

    found = course_records()
    for spec in exercise_specs():
        record = current(spec.id)
        if record is None:
            try:
                record = saved_record(spec.id)
            except Exception:  # noqa: BLE001 - an unreadable saved file only means no saved record
                record = None
        if record is not None:
            found.append(record)
    return found


def course_records() -> list[dict[str, Any]]:
    """The records saved in the course's exercise notebooks, when this kernel's notebook is known
    (JupyterLab): those beside it and in the ``exercises/`` folder beside its folder, so the start
    page's panel shows what the student answered there. None under nbval or a plain script."""
    from ckm_course.exercises.reader import read_submission
    from ckm_course.exercises.saved import notebook_path

    path = notebook_path()
    if path is None:
        return []
    folders = {path.parent.resolve(), (path.parent.parent / "exercises").resolve()}
    found: list[dict[str, Any]] = []
    for folder in sorted(folders):
        for notebook in sorted(folder.glob("*_exercises.ipynb")) if folder.is_dir() else []:
            if notebook.resolve() == path.resolve():
                continue  # this kernel's own notebook: read below, the journal first
            try:
                found += [record for _, record in read_submission(notebook).records]
            except Exception:  # noqa: BLE001 - an unreadable notebook only means no records from it
                continue
    return found


def progress(records: Iterable[dict[str, Any]] | None = None, language: str | None = None,
             count: int = 3) -> Progress:
    """The student's :class:`Progress` from ``records`` (default: this kernel's, :func:`kernel_records`)."""
    chapters = course().chapters
    order = point_order()
    found = {m.point: m for m in mastery(order, kernel_records() if records is None else list(records))}
    per_chapter = tuple((c, tuple(found[p.id] for p in c.points if p.id in found)) for c in chapters)
    return Progress(tuple(x for x in per_chapter if x[1]), tuple(practise_next(list(found.values()), count)),
                    language)
