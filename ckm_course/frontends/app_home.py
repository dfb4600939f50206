"""The Voilà app's course home (issue 22.6): chapters and practice sets, the student, their progress.

``ckm-course app`` serves this page at ``/`` instead of Voilà's file list (``app_server.py``). It is
drawn by the server from the content data, with no kernel: chapter titles from the chapters and
``content/materials/``, practice-set titles and every other text from ``content/app/home.toml``,
both languages side by side. Progress is the number of a page's exercises that have an answer in
the student's answer file (``exercises/answers.py``) out of the exercises a student can answer on
that page (those shown as widgets). :func:`pages` is also the list of what the app serves: a
notebook that is not on it (the instructor gradebook, solutions/) is not found.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from pathlib import Path

from ckm_course.content.catalog import catalog
from ckm_course.content.model import Text
from ckm_course.exercises.answers import answer_file, app_student
from ckm_course.exercises.reader import read_submission
from ckm_course.exercises.record import latest

PRACTICE_FOLDER = "exercises"  # the practice sets, beside the chapters' folder
_EXERCISE = re.compile(r"""exercise\(\s*["']([^"']+)["']\s*\)""")


@dataclasses.dataclass(frozen=True)
class Page:
    """One notebook the app serves: its section, its path under the app's root folder, its title."""

    section: str  # "chapters", "practice" or "reference"
    path: str     # e.g. "notebooks/03_classifying_knowledge.ipynb" (URL /voila/render/<path>)
    file: Path
    title: Text

    @property
    def number(self) -> str:
        return self.file.name[:2]


def _join(texts: list[Text]) -> Text:
    return Text(" + ".join(t.zh for t in texts), " + ".join(t.en for t in texts))


def pages(chapters: Path) -> list[Page]:
    """What the app serves from the chapters' folder ``chapters`` and the practice sets beside it.

    Chapters and the case study (materials kind ``chapter``/``case``), the practice set of each
    (``exercises/<stem>_exercises.ipynb``) and the final quiz, the reference notebooks that
    ``content/app/home.toml`` names; only those on disk. Nothing else: not the gradebook, not solutions/.
    """
    chapters = Path(chapters).resolve()
    loaded = catalog()
    texts = loaded.app_home
    practice = chapters.parent / PRACTICE_FOLDER
    found: list[Page] = []
    for materials in sorted(loaded.materials, key=lambda m: m.notebook.name):
        header = materials.notebook
        if header.kind not in ("chapter", "case"):
            continue
        titles = [c.title for c in loaded.course.chapters if c.notebook == header.name]
        title = _join(titles) if titles else header.title
        if title is None:
            continue
        if (chapters / header.name).is_file():
            found.append(Page("chapters", f"{chapters.name}/{header.name}", chapters / header.name, title))
        sheet = practice / f"{Path(header.name).stem}_exercises.ipynb"
        if header.practice_minutes and sheet.is_file():
            name = Text(texts.practice_title.zh.format(chapter=title.zh), texts.practice_title.en.format(chapter=title.en))
            found.append(Page("practice", f"{PRACTICE_FOLDER}/{sheet.name}", sheet, name))
    for extra in texts.extra_practice:
        if (practice / extra.notebook).is_file():
            found.append(Page("practice", f"{PRACTICE_FOLDER}/{extra.notebook}", practice / extra.notebook, extra.title))
    by_name = {m.notebook.name: m.notebook for m in loaded.materials}
    for name in texts.reference_notebooks:
        header = by_name.get(name)
        if header is not None and header.title is not None and (chapters / name).is_file():
            found.append(Page("reference", f"{chapters.name}/{name}", chapters / name, header.title))
    return found


_ids_cache: dict[str, tuple[float, tuple[str, ...]]] = {}


def exercise_ids(notebook: Path) -> tuple[str, ...]:
    """The exercises a student answers on ``notebook``'s page: those its code cells show as widgets."""
    mtime = notebook.stat().st_mtime
    cached = _ids_cache.get(str(notebook))
    if cached and cached[0] == mtime:
        return cached[1]
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    ids: list[str] = []
    for cell in cells:
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "code" and ".widget()" in source:
            ids += [i for i in _EXERCISE.findall(source) if i not in ids]
    _ids_cache[str(notebook)] = (mtime, tuple(ids))
    return tuple(ids)


def progress(page: Page, student_id: str | None) -> tuple[int, int]:
    """``(answered, total)``: the page's exercises with an answer in the student's answer file.

    A record counts once it holds an answer (checked, or shown with Show answer); a hint alone
    does not. An unreadable answer file counts as no answers (the page itself says what is wrong).
    """
    ids = exercise_ids(page.file)
    target = answer_file(page.file, student_id)
    if not ids or not target.is_file():
        return 0, len(ids)
    try:
        records = latest(record for _, record in read_submission(target).records)
    except Exception:  # noqa: BLE001 - a damaged file is kept aside by the page that writes it next
        return 0, len(ids)
    answered = sum(1 for i in ids if i in records and records[i].get("status") not in (None, "not_attempted"))
    return answered, len(ids)


def mastery_panel(found: list[Page], student_id: str | None) -> str:
    """The student's ``ckm_course.progress()`` panel (issue 24): mastery per point and today's points,
    from the records in the answer files of every page (none: every point not started)."""
    from ckm_course.exercises.progress import progress as point_progress

    records: list[dict] = []
    for page in found:
        target = answer_file(page.file, student_id)
        if target.is_file():
            try:
                records += [record for _, record in read_submission(target).records]
            except Exception:  # noqa: BLE001 - a damaged file counts as no answers, as in progress()
                continue
    return point_progress(records=records, language="both")._repr_html_()


def bilingual(text: Text, tag: str = "span", **values: object) -> str:
    """Both sides of ``text`` (placeholders filled), each marked with its language."""
    return "".join(f'<{tag} lang="{lang}" class="ckm-{lang}">{html.escape(getattr(text, lang).format(**values))}</{tag}>'
                   for lang in ("zh", "en"))


STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #1f2328;
       background: #f6f7f9; line-height: 1.5; }
main { max-width: 960px; margin: 0 auto; padding: 1rem; box-sizing: border-box; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h1 .ckm-en { display: block; font-size: 1.1rem; color: #57606a; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; } h2 .ckm-en::before { content: " · "; }
.ckm-intro span { display: block; } .ckm-student .ckm-en::before { content: " "; }
.ckm-student { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: .6rem .8rem; }
ul.ckm-pages { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem;
               grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr)); }
ul.ckm-pages a { display: block; min-height: 44px; padding: .6rem .8rem; background: #fff; color: inherit;
                 border: 1px solid #d0d7de; border-radius: 8px; text-decoration: none; }
ul.ckm-pages a:hover, ul.ckm-pages a:focus-visible { border-color: #0969da; outline: 2px solid #0969da; }
.ckm-title span { display: block; } .ckm-title .ckm-zh { font-weight: 600; } .ckm-title .ckm-en { color: #424a53; }
.ckm-number { float: left; margin-right: .6rem; font-weight: 700; color: #0969da; }
.ckm-progress { display: block; margin-top: .3rem; font-size: .9rem; color: #1a7f37; }
.ckm-progress[data-answered="0"] { color: #57606a; }
.ckm-progress .ckm-en::before { content: " · "; }
meter { width: 100%; height: .5rem; }
section.ckm-progress { color: inherit; font-size: 1rem; background: #fff; border: 1px solid #d0d7de;
                       border-radius: 8px; padding: .2rem .8rem; margin-top: 1rem; }
section.ckm-progress li[data-state="mastered"] strong { color: #1a7f37; }
section.ckm-progress li[data-state="in_progress"] strong { color: #9a6700; }
"""


def render_home(chapters: Path, base_url: str = "/") -> str:
    """The course home's HTML for the app serving ``chapters`` (the student from the environment)."""
    texts = catalog().app_home
    student = app_student()
    student_id = student["id"] if student else None
    if student:
        who = " · ".join(html.escape(v) for v in (student["name"], student["id"]) if v)
        student_html = f'<p class="ckm-student">{bilingual(texts.student)}: <b>{who}</b></p>'
    else:
        student_html = f'<p class="ckm-student">{bilingual(texts.no_student)}</p>'
    sections = []
    found = pages(chapters)
    for section in ("chapters", "practice", "reference"):
        items = []
        for page in (p for p in found if p.section == section):
            answered, total = progress(page, student_id)
            if total:
                line = (f'<span class="ckm-progress" data-answered="{answered}" data-total="{total}">'
                        f'{bilingual(texts.progress, answered=answered, total=total)}'
                        f'<meter min="0" max="{total}" value="{answered}"></meter></span>')
            else:
                line = f'<span class="ckm-progress" data-total="0">{bilingual(texts.no_exercises)}</span>' if section != "reference" else ""
            href = html.escape(f"{base_url}voila/render/{page.path}")
            items.append(f'<li data-path="{html.escape(page.path)}"><a href="{href}"><span class="ckm-number">{page.number}</span>'
                         f'<span class="ckm-title">{bilingual(page.title)}</span>{line}</a></li>')
        if items:
            sections.append(f'<section class="ckm-section-{section}"><h2>{bilingual(getattr(texts, section))}</h2>'
                            f'<ul class="ckm-pages">{"".join(items)}</ul></section>')
    return ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{html.escape(texts.title.zh)} · {html.escape(texts.title.en)}</title><style>{STYLE}</style></head>'
            f'<body><main class="ckm-home"><h1>{bilingual(texts.title)}</h1>'
            f'<p class="ckm-intro">{bilingual(texts.intro)}</p>{student_html}{"".join(sections)}'
            f'{mastery_panel(found, student_id)}</main></body></html>\n')  # issue 24: as ckm_course.progress()


def render_not_found(base_url: str = "/") -> str:
    """A bilingual "not part of the course" page with the way back home."""
    texts = catalog().app_home
    return ('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>404</title><style>{STYLE}</style></head><body><main><h1>{bilingual(texts.not_found)}</h1>'
            f'<p><a href="{html.escape(base_url)}">{bilingual(texts.home_link)}</a></p></main></body></html>\n')
