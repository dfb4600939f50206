"""Show a content point in a notebook: its summary and entries as a bilingual table.

``ckm_course.show("C6.4")`` displays what the content file holds, so chapter notebooks
narrate in their own words around the point instead of retyping its lists. Whatever the
content marks as the course's own reading (``course_note``) is shown with the marker
"课程补充 Course note", so it never passes for the decks' content.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ckm_course.i18n import render
from ckm_course.model import Point, Text

COURSE_NOTE = Text("课程补充", "Course note")
MARKER = "课程补充 Course note"  # the same marker the notebooks' markdown uses


def note_text(note: Text, language: str | None = None) -> str:
    """One course note as displayed: the fixed bilingual marker, then the note."""
    return f"[{MARKER}] {render(note, language)}"


@dataclass(frozen=True)
class PointView:
    """A content point ready for display (``_repr_html_`` in notebooks, plain text elsewhere)."""

    point: Point
    language: str | None = None

    def _numbers(self) -> list[str]:
        """1..n down the point, or 1..k within each group for parallel lists (``number_per_group``)."""
        if not self.point.number_per_group:
            return [str(n) for n in range(1, len(self.point.entries) + 1)]
        counts: dict[str | None, int] = {}
        numbers = []
        for entry in self.point.entries:
            counts[entry.group] = counts.get(entry.group, 0) + 1
            numbers.append(str(counts[entry.group]))
        return numbers

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        groups = {g.id: g for g in self.point.groups}
        rows = []
        for number, entry in zip(self._numbers(), self.point.entries):
            group_obj = groups.get(entry.group) if entry.group else None
            group = render(group_obj.label, self.language) if group_obj else ""
            detail = render(entry.explanation, self.language) if entry.explanation else ""
            if entry.sides:
                detail = " | ".join(f"{name.upper()}: {render(text, self.language)}" for name, text in entry.sides)
            if entry.examples:
                detail += (" " if detail else "") + "; ".join(render(e, self.language) for e in entry.examples)
            notes = [n for n in (entry.course_note,) if n is not None]
            note = " ".join(note_text(n, self.language) for n in notes)
            rows.append((number, group, render(entry.label, self.language), detail, note))
        return rows

    def _group_notes(self) -> list[str]:
        return [f"{render(g.label, self.language)}: {note_text(g.course_note, self.language)}"
                for g in self.point.groups if g.course_note is not None]

    def _repr_html_(self) -> str:
        point = self.point
        head = (f'<div class="ckm-point" data-point="{point.id}"><h4>{point.id} '
                f"{html.escape(render(point.title, self.language))}</h4>"
                f"<p>{html.escape(render(point.summary, self.language))}</p>")
        notes = ([note_text(point.course_note, self.language)] if point.course_note else []) + self._group_notes()
        head += "".join(f'<p class="ckm-course-note"><i>{html.escape(n)}</i></p>' for n in notes)
        rows = self._rows()
        if not rows:
            return head + "</div>"
        show_group = any(group for _, group, _, _, _ in rows)
        body = "".join(
            f"<tr><td>{n}</td>" + (f"<td>{html.escape(g)}</td>" if show_group else "")
            + f'<td style="text-align:left"><b>{html.escape(label)}</b>{" †" if note else ""}</td>'
            f'<td style="text-align:left">{html.escape(detail)}'
            + (f'<br><i class="ckm-course-note">{html.escape(note)}</i>' if note else "") + "</td></tr>"
            for n, g, label, detail, note in rows)
        return head + f"<table>{body}</table></div>"

    def __repr__(self) -> str:
        point = self.point
        lines = [f"{point.id} {render(point.title, self.language)}", render(point.summary, self.language)]
        if point.course_note:
            lines.append(note_text(point.course_note, self.language))
        lines += self._group_notes()
        lines += [f"  {n}. {(g + ' · ') if g else ''}{label}" + (f" — {d}" if d else "") + (f" {note}" if note else "")
                  for n, g, label, d, note in self._rows()]
        return "\n".join(lines)
