"""The case company through the course: one "青禾办公 Qinghe" section per chapter C2-C8 (issue 12).

The sections live in ``ckm_course/content/case_thread/qinghe.toml``; each applies the chapter's idea to
青禾办公 Qinghe Office Supplies, the fictional firm of notebook 09, and is the course's own
addition (课程补充 Course note). Each names the case facts it relies on by id (segments,
activities, interaction channels, the audit's givens); loading checks those ids against
``ckm_course/case/company.toml`` and the view shows the facts from that file, so the text and the
case data cannot drift apart. The audit's findings and the case's own capability ratings are the
capstone's key (notebook 09, ``tests/unit/test_capstone_leaks.py``): a section may show only the
audit's givens (:data:`AUDIT_GIVENS`), and no ratings. ``ckm_course.case_thread_view("C3")`` displays one.
"""

# No ``from __future__ import annotations``: content._build reads these hints as objects.
import functools
import html
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ckm_course.content.builder import CONTENT_DIR, ContentError, _build, _Where, read_toml
from ckm_course.i18n import render
from ckm_course.content.model import Text
from ckm_course.frontends.present import MARKER

THREAD_FILE = CONTENT_DIR / "case_thread" / "qinghe.toml"
COMPANY_FILE = Path(__file__).resolve().parent / "case" / "company.toml"
CHAPTERS = ("C2", "C3", "C4", "C5", "C6", "C7", "C8")
QUESTIONS = (1, 2)  # at least, at most per section
PARAGRAPHS = (1, 4)
AUDIT_GIVENS = ("team", "constraints")  # what the case fixes before the audit; the rest is the capstone's key
PARTS = ("text", "facts", "discussion")  # a slide each in the decks (issue 10 item 6)
_PART_TITLES = {"facts": Text("案例事实（来自案例文件）", "Case facts (from the case file)"),
                "discussion": Text("讨论", "Discussion")}
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Facts:
    """Ids of the company.toml facts a section relies on (each list may be empty)."""

    segments: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    audit_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """One chapter's Qinghe section: title, paragraphs, discussion questions and the facts used."""

    chapter: str
    points: tuple[str, ...]
    title: Text
    paragraphs: tuple[Text, ...]
    questions: tuple[Text, ...]
    facts: Facts = Facts()


def company_index(path: Path = COMPANY_FILE) -> dict[str, dict[str, Any]]:
    """What a section may refer to in company.toml: ``{kind: {id: raw entry}}``.

    Read straight from the TOML (not the case model), so the thread only depends on the ids.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(path.name, "", "", f"cannot be read: {exc}") from exc
    channels: dict[str, dict[str, Any]] = {}
    for kind in raw.get("interactions", []):
        channel = kind.get("channel", {})
        channels.setdefault(channel.get("zh", ""), {"channel": channel, "types": []})["types"].append(kind.get("type"))
    return {
        "segments": {s["id"]: s for s in raw.get("segments", [])},
        "activities": {a["id"]: a for a in raw.get("activities", [])},
        "channels": channels,
        "audit_steps": {a["step"]: a for a in raw.get("audit", []) if a.get("step") in AUDIT_GIVENS},
    }


@functools.cache
def _packaged_index() -> dict[str, dict[str, Any]]:
    """company_index() of the packaged company.toml, read once (fact_rows runs on every display)."""
    return company_index()


def parse(path: Path = THREAD_FILE, company: Path = COMPANY_FILE) -> tuple[Section, ...]:
    """Load and validate the thread; a broken file raises ContentError naming file, section and field."""
    from ckm_course import course

    where = _Where(path.name)
    raw = read_toml(path, where)
    entries = raw.get("section")
    if not isinstance(entries, list) or not entries:
        where.fail("section", "expected one or more [[section]] tables")
    index = company_index(company)
    chapters = {c.id: {p.id for p in c.points} for c in course().chapters}
    sections = []
    for number, entry in enumerate(entries):
        name = entry.get("chapter") if isinstance(entry, dict) else None
        where.entry = f"section {name!r}" if isinstance(name, str) else f"section #{number + 1}"
        section = _build(Section, entry, "", where)
        if section.chapter not in CHAPTERS:
            where.fail("chapter", f"{section.chapter!r} is not one of {', '.join(CHAPTERS)}")
        if section.chapter in {s.chapter for s in sections}:
            where.fail("chapter", f"{section.chapter} has a section already")
        if not section.points or not set(section.points) <= chapters[section.chapter]:
            where.fail("points", f"{list(section.points)} must be points of {section.chapter}: "
                                 f"{sorted(chapters[section.chapter])}")
        for field, (low, high) in (("paragraphs", PARAGRAPHS), ("questions", QUESTIONS)):
            count = len(getattr(section, field))
            if not low <= count <= high:
                where.fail(field, f"{count} given; a section has {low}-{high}")
        for kind, known in index.items():
            unknown = [i for i in getattr(section.facts, kind) if i not in known]
            if unknown:
                why = " (only the audit's givens: the findings are the capstone's key)" if kind == "audit_steps" else ""
                where.fail(f"facts.{kind}", f"{unknown} not in {company.name}{why}; known: {sorted(known)}")
        sections.append(section)
    where.entry = ""
    missing = [c for c in CHAPTERS if c not in {s.chapter for s in sections}]
    if missing:
        where.fail("section", f"no section for {', '.join(missing)}")
    return tuple(sections)


@functools.cache
def sections() -> tuple[Section, ...]:
    """The validated sections of the packaged thread, cached."""
    return parse()


def find(chapter: str) -> Section:
    """The section of ``chapter`` ("C3" or "3")."""
    key = str(chapter).strip().upper()
    key = key if key.startswith("C") else f"C{int(key)}"
    for section in sections():
        if section.chapter == key:
            return section
    raise KeyError(f"no Qinghe section for {chapter!r}; use one of {', '.join(CHAPTERS)}")


def _text(raw: dict[str, Any]) -> Text:
    """A {zh, en} table of company.toml as Text."""
    return Text(raw.get("zh", "?"), raw.get("en", "?"))


def fact_rows(section: Section, language: str | None = None) -> list[tuple[str, str]]:
    """(what, fact) rows drawn from company.toml for the ids the section names (audit rows: the C6.4 step)."""
    from ckm_course import point

    index = _packaged_index()
    steps = {e.id: e.label for e in point("C6.4").entries}
    rows: list[tuple[Text, str]] = []
    for sid in section.facts.segments:
        s = index["segments"][sid]
        share = render(Text(f"客户群，占客户的 {round(100 * s['share'])}%", f"customer group, {round(100 * s['share'])}% of customers"),
                       language)
        rows.append((_text(s["label"]), share))
    for aid in section.facts.activities:
        a = index["activities"][aid]
        rows.append((_text(a["label"]), f"¥{a['rate']:g} / {render(_text(a['driver']), language)}"))
    for cid in section.facts.channels:
        c = index["channels"][cid]
        kinds = ", ".join(dict.fromkeys(render(_text(t), language) for t in c["types"] if t))
        rows.append((_text(c["channel"]), kinds))
    for step in section.facts.audit_steps:
        rows.append((steps.get(step, Text(step, step)), render(_text(index["audit_steps"][step]["finding"]), language)))
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
    return CaseThreadView(find(chapter), language, chosen)
