"""Show a content point in a notebook: its summary and entries as a bilingual table.

``ckm_course.show("C6.4")`` displays what the content file holds, so chapter notebooks
narrate in their own words around the point instead of retyping its lists. Whatever the
content marks as the course's own reading (``course_note``) is shown with the marker
"课程补充 Course note", so it never passes for the decks' content.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ckm_course.content.catalog import catalog
from ckm_course.content.materials import Materials
from ckm_course.content.model import Point, Text
from ckm_course.i18n import render

COURSE_NOTE = Text("课程补充", "Course note")
MARKER = "课程补充 Course note"  # the same marker the notebooks' markdown uses


def note_text(note: Text, language: str | None = None) -> str:
    """One course note as displayed: the fixed bilingual marker, then the note."""
    return f"[{MARKER}] {render(note, language)}"


@dataclass(frozen=True)
class PointView:
    """A content point ready for display (``_repr_html_`` in notebooks, plain text elsewhere).

    ``rows=(first, last)`` (1-based, inclusive) shows part of a long point so each part fits one
    slide (issue 10, "slides that fit"); parts after the first show a "continued" heading instead
    of the summary. In HTML, runs of entries of one group that have no explanation (a list of step
    names, say) are set as one compact numbered list in two columns rather than a row each.
    """

    point: Point
    language: str | None = None
    rows: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.rows is not None:
            first, last = self.rows
            if not 1 <= first <= last <= len(self.point.entries):
                raise ValueError(f"rows={self.rows!r}: {self.point.id} has entries 1 to {len(self.point.entries)}")

    def _shown(self, rows: list) -> list:
        if self.rows is None:
            return rows
        first, last = self.rows
        return rows[first - 1:last]

    def _continued(self) -> bool:
        return self.rows is not None and self.rows[0] > 1

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

    def _head_html(self) -> str:
        point = self.point
        title = html.escape(render(point.title, self.language))
        if self._continued():
            more = html.escape(render(Text("续", "continued"), self.language))
            return f'<div class="ckm-point" data-point="{point.id}"><h3 class="ckm-point-title">{point.id} {title} ({more})</h3>'
        head = (f'<div class="ckm-point" data-point="{point.id}"><h3 class="ckm-point-title">{point.id} {title}</h3>'
                f"<p>{html.escape(render(point.summary, self.language))}</p>")
        notes = ([note_text(point.course_note, self.language)] if point.course_note else []) + self._group_notes()
        return head + "".join(f'<p class="ckm-course-note"><i>{html.escape(n)}</i></p>' for n in notes)

    def _repr_html_(self) -> str:
        head = self._head_html()
        rows = self._shown(self._rows())
        if not rows:
            return head + "</div>"
        show_group = any(group for _, group, _, _, _ in rows)
        body = ""
        for group, run in _runs(rows):
            if group and len(run) > 2 and all(not detail and not note for _, _, _, detail, note in run):
                items = "".join(f"<li>{html.escape(label)}</li>" for _, _, label, _, _ in run)
                body += (f'<tr><td>{run[0][0]}–{run[-1][0]}</td><td>{html.escape(group)}</td>'
                         f'<td colspan="2" style="text-align:left"><ol start="{run[0][0]}" '
                         f'style="columns:2;column-gap:2.5em;margin:0;padding-left:2.2em">{items}</ol></td></tr>')
                continue
            body += "".join(
                f"<tr><td>{n}</td>" + (f"<td>{html.escape(g)}</td>" if show_group else "")
                + f'<td style="text-align:left"><b>{html.escape(label)}</b>{" †" if note else ""}</td>'
                f'<td style="text-align:left">{html.escape(detail)}'
                + (f'<br><i class="ckm-course-note">{html.escape(note)}</i>' if note else "") + "</td></tr>"
                for n, g, label, detail, note in run)
        return head + f"<table>{body}</table></div>"

    def __repr__(self) -> str:
        point = self.point
        if self._continued():
            lines = [f"{point.id} {render(point.title, self.language)} ({render(Text('续', 'continued'), self.language)})"]
        else:
            lines = [f"{point.id} {render(point.title, self.language)}", render(point.summary, self.language)]
            if point.course_note:
                lines.append(note_text(point.course_note, self.language))
            lines += self._group_notes()
        lines += [f"  {n}. {(g + ' · ') if g else ''}{label}" + (f" — {d}" if d else "") + (f" {note}" if note else "")
                  for n, g, label, d, note in self._shown(self._rows())]
        return "\n".join(lines)


def _runs(rows: list[tuple[str, str, str, str, str]]) -> list[tuple[str, list[tuple[str, str, str, str, str]]]]:
    """Consecutive rows of the same group, in order: [(group, rows), ...]."""
    runs: list[tuple[str, list[tuple[str, str, str, str, str]]]] = []
    for row in rows:
        if runs and runs[-1][0] == row[1]:
            runs[-1][1].append(row)
        else:
            runs.append((row[1], [row]))
    return runs


_PARTS = ("opening", "worked", "discussion", "reading")
_OWN_CELL = ("questionnaire",)  # shown only when asked for by name, at the chapter's end
_HEADINGS = {
    "opening": Text("开篇案例", "Opening case"),
    "worked": Text("例题详解", "Worked example"),
    "discussion": Text("讨论题", "Discussion"),
    "reading": Text("延伸阅读", "Further reading"),
    "questionnaire": Text("本章问题：开放题", "Questionnaire: open questions"),
}


@dataclass(frozen=True)
class MaterialsView:
    """A notebook's course materials for display: the opening case, or the end sections.

    Model answers and rubrics are for instructors (INSTRUCTORS.md) and are never shown here.
    """

    materials: "Materials"
    parts: tuple[str, ...] = _PARTS
    language: str | None = None

    def _blocks(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(heading, [(kind, text)]) per part; kind is h (sub-heading), p, li or ol."""
        m, lang = self.materials, self.language
        blocks = []
        for part in self.parts:
            rows: list[tuple[str, str]] = []
            if part == "opening" and m.opening is not None:
                o = m.opening
                rows += [("h", f"{render(o.company, lang)}: {render(o.title, lang)}")]
                rows += [("p", para) for para in render(o.text, lang).split("\n") if para.strip()]
                if o.question is not None:
                    rows.append(("p", render(o.question, lang)))
                rows.append(("src", f"{render(Text('来源', 'Source'), lang)}: {o.source.reference()}"))
            elif part == "worked":
                for w in m.worked:
                    rows += [("h", render(w.title, lang)), ("p", render(w.situation, lang))]
                    rows += [("ol", render(step, lang)) for step in w.steps]
                    rows.append(("p", render(w.result, lang)))
            elif part == "discussion":
                rows += [("ol", render(d.question, lang)) for d in m.discussion]
            elif part == "questionnaire":  # the questions only: model answers are in INSTRUCTORS.md
                rows += [("ol", f"{render(q.question, lang)} ({q.point})") for q in m.questionnaire]
            elif part == "reading":
                rows += [("li", f"{c.reference()} — {render(c.note, lang)}" if c.note else c.reference())
                         for c in m.reading]
            if rows:
                blocks.append((render(_HEADINGS[part], lang), rows))
        return blocks

    def _repr_html_(self) -> str:
        out = [f'<div class="ckm-materials" data-notebook="{html.escape(self.materials.notebook.name)}">']
        for heading, rows in self._blocks():
            out.append(f'<h3 class="ckm-block-title">{html.escape(heading)}</h3>'
                       f'<p class="ckm-course-note"><i>[{MARKER}]</i></p>')
            open_list = None
            for kind, text in rows:
                tag = {"ol": "ol", "li": "ul"}.get(kind)
                if tag != open_list:
                    if open_list:
                        out.append(f"</{open_list}>")
                    if tag:
                        out.append(f"<{tag}>")
                    open_list = tag
                if tag:
                    out.append(f"<li>{html.escape(text)}</li>")
                elif kind == "h":
                    out.append(f"<p><b>{html.escape(text)}</b></p>")
                elif kind == "src":
                    out.append(f"<p><small>{html.escape(text)}</small></p>")
                else:
                    out.append(f"<p>{html.escape(text)}</p>")
            if open_list:
                out.append(f"</{open_list}>")
        return "".join(out) + "</div>"

    def __repr__(self) -> str:
        lines = []
        for heading, rows in self._blocks():
            lines.append(f"== {heading} [{MARKER}]")
            number = 0
            for kind, text in rows:
                number = number + 1 if kind == "ol" else 0
                prefix = {"ol": f"  {number}. ", "li": "  - ", "h": "# "}.get(kind, "")
                lines.append(prefix + text)
        return "\n".join(lines)


def materials_view(key: str, part: str = "end", language: str | None = None) -> MaterialsView:
    """The course materials of one notebook (``"C3"``, ``"03"``): ``part`` is "opening", "end"
    (worked examples, discussion, further reading), "all" or one of those section names, or
    "questionnaire" (the open questions of the end-of-chapter questionnaire, without answers)."""
    chosen = {"all": _PARTS, "end": _PARTS[1:]}.get(part, (part,))
    unknown = [p for p in chosen if p not in _PARTS + _OWN_CELL]
    if unknown:
        raise ValueError(f"unknown part {part!r}; use opening, end, all, worked, discussion, reading or questionnaire")
    return MaterialsView(catalog().materials.find(key), chosen, language)
