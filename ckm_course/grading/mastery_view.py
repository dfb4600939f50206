"""The instructor's mastery view (issue 24, "Mastery and what to practise next"): per student and C-point
the state of :func:`ckm_course.exercises.mastery.mastery` (the same rule a student's own
``ckm_course.progress()`` shows), as a heatmap and a "points the class has not mastered" list in
``report.html``, and as ``mastery.csv`` (student_id, name, point, state, credit).

:func:`collect` runs while the gradebook still holds the records (the latest record of each exercise
per student, the one that is graded) and keeps only each student's point states; the outputs read
them from ``book.students``. The points are those of the graded exercises, each judged over all its
exercises, in course order.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any

from ckm_course.content.catalog import course
from ckm_course.exercises.mastery import MASTERED, PointMastery, mastery, point_order

COLUMNS = ["student_id", "name", "point", "state", "credit"]
LABELS = {"mastered": "已掌握 mastered", "in_progress": "学习中 in progress", "not_started": "未开始 not started"}
COLOURS = {"mastered": "#1a7f37", "in_progress": "#f2c94c", "not_started": "#eeeeee"}
TEXT_COLOURS = {"mastered": "#ffffff", "in_progress": "#000000", "not_started": "#000000"}


def collect(students: dict[str, Any], found: dict[str, dict[str, list]], counted: Iterable[str] | None = None,
            known: dict[str, list[PointMastery]] | None = None) -> None:
    """Set ``student.mastery`` (one :class:`PointMastery` per point, course order) for every student.

    ``found``: the gradebook's ``{student key: {exercise id: [(rank, file, cell, record), ...]}}``;
    the record of highest rank of each exercise counts, as in grading. ``counted``: the graded
    exercise ids; only their points are judged (each over all its exercises). ``known``: the
    students' :func:`states` for the same ``counted``, when already worked out."""
    order = _points_of(counted)
    for key, student in students.items():
        if known is not None and key in known:
            student.mastery = known[key]
        else:
            student.mastery = mastery(order, _graded_records(found.get(key, {})), schedule=False)


def states(found: dict[str, dict[str, list]], counted: Iterable[str] | None = None) -> dict[str, list[PointMastery]]:
    """:func:`collect`'s states of the students in ``found`` (the gradebook works them out for half of a
    class on each core, issue 21 measure)."""
    order = _points_of(counted)
    return {key: mastery(order, _graded_records(per_exercise), schedule=False) for key, per_exercise in found.items()}


def _graded_records(per_exercise: dict[str, list]) -> list[dict[str, Any]]:
    return [max(entries, key=lambda entry: entry[0])[3] for entries in per_exercise.values() if entries]


def _points_of(exercise_ids: Iterable[str] | None) -> list[tuple[str, list[str]]]:
    """``(point, its exercise ids)`` of the points of these exercises (all points for None), course order."""
    if exercise_ids is None:
        return point_order()
    ids = {e.casefold() for e in exercise_ids}
    return [(point, exercises) for point, exercises in point_order() if any(e.casefold() in ids for e in exercises)]


def _graded_points(book: Any) -> list[str]:
    """The points of the graded exercises (auto and open), in course order."""
    return [point for point, _ in _points_of((*book.exercises, *book.open_exercises))]


def _title(point: str) -> str:
    title = course().point(point).title
    return f"{title.zh} {title.en}"


def _states(student: Any, points: Iterable[str]) -> list[PointMastery]:
    found = {m.point: m for m in getattr(student, "mastery", None) or []}
    return [found.get(p) or PointMastery(p, "not_started", 0.0, 0, 0) for p in points]


def rows(book: Any) -> list[list[Any]]:
    """``mastery.csv``'s header and rows: one per student x graded point (credit: the point's mean credit)."""
    points = _graded_points(book)
    lines: list[list[Any]] = [list(COLUMNS)]
    for student in book.students:
        lines += [[student.id, student.name, m.point, m.state, m.score] for m in _states(student, points)]
    return lines


def unmastered(book: Any) -> list[tuple[str, int, int, int, int]]:
    """``(point, mastered, in progress, not started, students)`` of the points fewer than :data:`MASTERED`
    (80 %) of the students who handed in have mastered, least mastered first."""
    points = _graded_points(book)
    handed_in = [s for s in book.students if s.submitted]
    counts = []
    for number, point in enumerate(points):
        states = [_states(s, [point])[0].state for s in handed_in]
        done = states.count("mastered")
        if handed_in and done < MASTERED * len(handed_in):
            counts.append((number, (point, done, states.count("in_progress"), states.count("not_started"),
                                    len(handed_in))))
    return [entry for _, entry in sorted(counts, key=lambda c: (c[1][1] / c[1][4], c[0]))]


def html_section(book: Any) -> str:
    """The report's mastery heatmap (students x points, a number and a colour in every cell, the
    student on every row) and the list of points the class has not mastered."""
    esc = html.escape
    points = _graded_points(book)
    if not points or not book.students:
        return '<h2 id="mastery">掌握程度热图 Mastery heatmap</h2><p>—</p>'
    legend = " · ".join(f'<span class="mastery-{s}" style="background:{COLOURS[s]};color:{TEXT_COLOURS[s]};'
                        f'padding:0 .4em">{esc(LABELS[s])}</span>' for s in LABELS)
    head = "".join(f'<th scope="col" class="data" title="{esc(_title(p))}">{esc(p)}</th>' for p in points)
    body = []
    for student in book.students:
        who = " ".join(x for x in (student.id, student.name) if x) or student.key
        cells = "".join(
            f'<td data-point="{esc(m.point)}" data-state="{m.state}" title="{esc(m.point)}: {esc(LABELS[m.state])}" '
            f'style="background:{COLOURS[m.state]};color:{TEXT_COLOURS[m.state]};text-align:center">{m.score:.2f}</td>'
            for m in _states(student, points))
        body.append(f'<tr><th scope="row" class="data">{esc(who)}</th>{cells}</tr>')
    heatmap = (f'<table class="mastery-heatmap"><caption>学生 × 知识点：平均得分（0–1）Students × points: mean '
               f'credit (0–1)</caption><tr><th scope="col">学生 Student</th>{head}</tr>{"".join(body)}</table>')
    missing = unmastered(book)
    items = "".join(
        f'<li data-point="{esc(p)}">{esc(p)} {esc(_title(p))}: 已掌握 mastered {done}/{total} · 学习中 in progress {progressing} · '
        f"未开始 not started {idle}</li>" for p, done, progressing, idle, total in missing)
    listing = f'<ol class="mastery-unmastered">{items}</ol>' if items else "<p>—</p>"
    return ('<h2 id="mastery">掌握程度热图 Mastery heatmap</h2>'
            f"<p>{legend}</p>{heatmap}"
            '<h2 id="not-mastered">全班尚未掌握的知识点 Points the class has not mastered</h2>'
            f"<p>少于 {MASTERED:.0%} 的已交学生掌握的知识点 Points fewer than {MASTERED:.0%} of the students "
            f"who handed in have mastered</p>{listing}")
