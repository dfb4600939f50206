"""Show a content point in a notebook: its summary and entries as a bilingual table.

``ckm_course.show("C6.4")`` displays what the content file holds, so chapter notebooks
narrate in their own words around the point instead of retyping its lists.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ckm_course.i18n import render
from ckm_course.model import Point


@dataclass(frozen=True)
class PointView:
    """A content point ready for display (``_repr_html_`` in notebooks, plain text elsewhere)."""

    point: Point
    language: str | None = None

    def _rows(self) -> list[tuple[str, str, str, str]]:
        groups = {g.id: g for g in self.point.groups}
        rows = []
        for number, entry in enumerate(self.point.entries, start=1):
            group = render(groups[entry.group].label, self.language) if entry.group in groups else ""
            detail = render(entry.explanation, self.language) if entry.explanation else ""
            if entry.sides:
                detail = " | ".join(f"{name.upper()}: {render(text, self.language)}" for name, text in entry.sides)
            if entry.examples:
                detail += (" " if detail else "") + "; ".join(render(e, self.language) for e in entry.examples)
            rows.append((str(number), group, render(entry.label, self.language), detail))
        return rows

    def _repr_html_(self) -> str:
        point = self.point
        head = (f'<div class="ckm-point" data-point="{point.id}"><h4>{point.id} '
                f"{html.escape(render(point.title, self.language))}</h4>"
                f"<p>{html.escape(render(point.summary, self.language))}</p>")
        rows = self._rows()
        if not rows:
            return head + "</div>"
        show_group = any(group for _, group, _, _ in rows)
        body = "".join(
            f"<tr><td>{n}</td>" + (f"<td>{html.escape(g)}</td>" if show_group else "")
            + f'<td style="text-align:left"><b>{html.escape(label)}</b></td>'
            f'<td style="text-align:left">{html.escape(detail)}</td></tr>'
            for n, g, label, detail in rows)
        return head + f"<table>{body}</table></div>"

    def __repr__(self) -> str:
        lines = [f"{self.point.id} {render(self.point.title, self.language)}",
                 render(self.point.summary, self.language)]
        lines += [f"  {n}. {(g + ' · ') if g else ''}{label}" + (f" — {d}" if d else "") for n, g, label, d in self._rows()]
        return "\n".join(lines)
