"""The Qinghe section of a chapter on the page (issue 12): ``ckm_course.case_thread_view("C3")``.

The sections are content (``content/case_thread/qinghe.toml``, parsed and checked by
:mod:`ckm_course.content.thread`); this module shows one, with the case facts it names drawn
from the case company (``company.toml``, through the catalog), under the marker
"课程补充 Course note". Each part ("text", "facts", "discussion") can be a slide of its own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ckm_course.content.catalog import catalog
from ckm_course.content.model import Text
from ckm_course.content.thread import Section, company_index
from ckm_course.frontends.present import MARKER
from ckm_course.i18n import render

PARTS = ("text", "facts", "discussion")  # a slide each in the decks (issue 10 item 6)
_PART_TITLES = {"facts": Text("案例事实（来自案例文件）", "Case facts (from the case file)"),
                "discussion": Text("讨论", "Discussion")}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def fact_rows(section: Section, language: str | None = None) -> list[tuple[str, str]]:
    """(what, fact) rows drawn from company.toml for the ids the section names (audit rows: the C6.4 step)."""
    index = company_index(catalog().company)
    steps = {e.id: e.label for e in catalog().course.point("C6.4").entries}
    rows: list[tuple[Text, str]] = []
    for sid in section.facts.segments:
        s = index["segments"][sid]
        share = render(Text(f"客户群，占客户的 {round(100 * s.share)}%", f"customer group, {round(100 * s.share)}% of customers"),
                       language)
        rows.append((s.label, share))
    for aid in section.facts.activities:
        a = index["activities"][aid]
        rows.append((a.label, f"¥{a.rate:g} / {render(a.driver, language)}"))
    for cid in section.facts.channels:
        c = index["channels"][cid]
        kinds = ", ".join(dict.fromkeys(render(t, language) for t in c["types"] if t))
        rows.append((c["channel"], kinds))
    for step in section.facts.audit_steps:
        rows.append((steps.get(step, Text(step, step)), render(index["audit_steps"][step].finding, language)))
    return [(render(kind, language), text) for kind, text in rows]


@dataclass(frozen=True)
class CaseThreadView:
    """One chapter's Qinghe section for display (HTML in a notebook, plain text elsewhere).

    ``parts``: any of "text" (title and paragraphs), "facts" (the company.toml facts) and
    "discussion" (the questions); the notebooks show one part per slide so no slide overflows.
    """

    section: Section
    language: str | None = None
    parts: tuple[str, ...] = PARTS

    def _title(self, part: str) -> str:
        title = render(self.section.title, self.language)
        return title if part == "text" else f"{title} · {render(_PART_TITLES[part], self.language)}"

    def _repr_html_(self) -> str:
        lang, s = self.language, self.section
        bold = lambda text: _BOLD.sub(r"<b>\1</b>", html.escape(text))  # noqa: E731
        out = [f'<div class="ckm-case-thread" data-chapter="{s.chapter}" data-points="{" ".join(s.points)}"'
               f' data-parts="{" ".join(self.parts)}">']
        for part in self.parts:
            out.append(f'<p class="ckm-course-note"><i>[{MARKER}]</i> <b>{html.escape(self._title(part))}</b></p>')
            if part == "text":
                out += [f"<p>{bold(render(p, lang))}</p>" for p in s.paragraphs]
            elif part == "facts":
                out.append("<table>")
                out += [f'<tr><th style="text-align:left">{html.escape(k)}</th><td style="text-align:left">{html.escape(v)}</td></tr>'
                        for k, v in fact_rows(s, lang)]
                out.append("</table>")
            else:
                out.append("<ol>" + "".join(f"<li>{bold(render(q, lang))}</li>" for q in s.questions) + "</ol>")
        return "".join(out) + "</div>"

    def __repr__(self) -> str:
        lang, s = self.language, self.section
        lines = []
        for part in self.parts:
            lines.append(f"== {self._title(part)} [{MARKER}] ({' '.join(s.points)})")
            if part == "text":
                lines += [render(p, lang) for p in s.paragraphs]
            elif part == "facts":
                lines += [f"- {k}: {v}" for k, v in fact_rows(s, lang)]
            else:
                lines += [f"{n}. {render(q, lang)}" for n, q in enumerate(s.questions, 1)]
        return "\n".join(lines)


def case_thread_view(chapter: str, part: str = "all", language: str | None = None) -> CaseThreadView:
    """The Qinghe section of ``chapter`` ("C2"-"C8") for display at the end of its notebook.

    ``part``: "all" (default), or one of "text", "facts", "discussion" (one per slide).
    """
    chosen = PARTS if part == "all" else (part,)
    if any(p not in PARTS for p in chosen):
        raise ValueError(f"unknown part {part!r}; use all, {', '.join(PARTS)}")
    return CaseThreadView(catalog().sections.find(chapter), language, chosen)
