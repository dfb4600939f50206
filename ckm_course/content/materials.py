"""Course materials per notebook (``ckm_course/content/materials/*.toml``), loaded and validated.

Issue 11, "Course materials": each chapter notebook opens with a real-company example
(with its source), has worked examples, 3-5 discussion questions (model answer and rubric
for instructors) and a further-reading list of real works. Everything here is the course's
own addition to the decks, shown under the marker "课程补充 Course note". The files also
say which notebook they describe, so :func:`ckm_course.syllabus` can list every notebook.

Built with the same field-by-field builder as :mod:`ckm_course.content.loader`, so a broken file
raises one :class:`~ckm_course.content.builder.ContentError` naming file, entry and field.
"""

# No ``from __future__ import annotations``: content._build reads these hints as objects.
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ckm_course.content.builder import CONTENT_DIR, ContentError, _build, _describe, _Where, read_sections
from ckm_course.content.model import Text

MATERIALS_DIR = CONTENT_DIR / "materials"
KINDS = ("chapter", "case", "reference")
DISCUSSIONS = (3, 5)  # at least, at most per teaching notebook
MIN_READINGS = 2
_POINT_ID = re.compile(r"^C[1-9]\.[1-9]$")


@dataclass(frozen=True)
class Citation:
    """A real work, cited in full: authors, year, title, then journal (volume, issue, pages) or publisher."""

    authors: str
    title: str
    year: float | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publisher: str | None = None
    url: str | None = None
    note: Text | None = None  # why read it (bilingual)

    def reference(self) -> str:
        """APA-like one-line reference."""
        year = f" ({int(self.year)})" if self.year is not None else ""
        parts = [f"{self.authors}{year}. {self.title}."]
        if self.journal:
            venue = self.journal
            if self.volume:
                venue += f", {self.volume}" + (f"({self.issue})" if self.issue else "")
            if self.pages:
                venue += f", {self.pages}"
            parts.append(venue + ".")
        if self.publisher:
            parts.append(self.publisher + ".")
        if self.url:
            parts.append(self.url)
        return " ".join(parts)


@dataclass(frozen=True)
class Opening:
    """A short case from a real firm that opens the chapter; ``source`` says where the facts are from."""

    company: Text
    title: Text
    text: Text
    source: Citation
    question: Text | None = None  # what to keep in mind while reading the chapter


@dataclass(frozen=True)
class Worked:
    """A worked example: a concrete situation and the chapter's idea applied step by step."""

    id: str
    title: Text
    situation: Text
    steps: tuple[Text, ...]
    result: Text


@dataclass(frozen=True)
class Discussion:
    """A discussion question; ``model_answer`` and ``rubric`` are for instructors only."""

    id: str
    question: Text
    model_answer: Text
    rubric: tuple[Text, ...]


@dataclass(frozen=True)
class Question:
    """An open end-of-chapter question; ``model_answer`` and ``checklist`` are for instructors only.

    The closed questions of the same questionnaire are the checked exercise ``cN.questionnaire``.
    """

    id: str
    point: str
    question: Text
    model_answer: Text
    checklist: tuple[Text, ...]


@dataclass(frozen=True)
class Header:
    """Which notebook a file describes. ``title``/``minutes`` only where no content chapter gives them."""

    name: str  # the notebook's file name, e.g. "03_classifying_knowledge.ipynb"
    kind: str
    title: Text | None = None
    minutes: float | None = None
    practice_minutes: float | None = None  # its exercise notebook in exercises/


@dataclass(frozen=True)
class Materials:
    """Everything one notebook adds to the decks."""

    notebook: Header
    opening: Opening | None = None
    worked: tuple[Worked, ...] = ()
    discussion: tuple[Discussion, ...] = ()
    reading: tuple[Citation, ...] = ()
    questionnaire: tuple[Question, ...] = ()  # the open questions of the end-of-chapter questionnaire
    file: str = ""

    @property
    def number(self) -> str:
        """The notebook's two-digit number, e.g. ``"03"``."""
        return self.notebook.name[:2]


def _check(materials: Materials, where: _Where) -> None:
    header = materials.notebook
    where.entry = "[notebook]"
    if header.kind not in KINDS:
        where.fail("kind", f"expected one of {', '.join(KINDS)}, got {header.kind!r}")
    if not header.name.endswith(".ipynb") or not header.name[:2].isdigit():
        where.fail("name", f"expected a notebook name like '03_topic.ipynb', got {header.name!r}")
    if header.kind == "reference":
        for name in ("opening", "worked", "discussion", "reading", "questionnaire"):
            if getattr(materials, name):
                where.entry = f"[{name}]" if name == "opening" else f"[[{name}]]"
                where.fail("", "reference notebooks (start page, glossary, gradebook) carry no teaching materials")
        return
    if materials.opening is None:
        where.entry = "[opening]"
        where.fail("", "missing the opening real-company example")
    if not materials.worked:
        where.entry = "[[worked]]"
        where.fail("", "at least one worked example is needed")
    low, high = DISCUSSIONS
    if not low <= len(materials.discussion) <= high:
        where.entry = "[[discussion]]"
        where.fail("", f"expected {low}-{high} discussion questions, found {len(materials.discussion)}")
    if len(materials.reading) < MIN_READINGS:
        where.entry = "[[reading]]"
        where.fail("", f"expected at least {MIN_READINGS} further-reading entries, found {len(materials.reading)}")
    for kind, things in (("worked", materials.worked), ("discussion", materials.discussion),
                         ("questionnaire", materials.questionnaire)):
        seen: set[str] = set()
        for thing in things:
            where.entry = f"{kind} {thing.id!r}"
            if thing.id in seen:
                where.fail("id", "duplicate id in this file")
            seen.add(thing.id)
    for thing in materials.discussion:
        where.entry = f"discussion {thing.id!r}"
        if len(thing.rubric) < 2:
            where.fail("rubric", "a rubric lists at least 2 points a good answer covers")
    for thing in materials.questionnaire:
        where.entry = f"questionnaire {thing.id!r}"
        if not _POINT_ID.match(thing.point):
            where.fail("point", f"expected a CONTENT.md point id such as 'C5.2', got {thing.point!r}")
        if len(thing.checklist) < 2:
            where.fail("checklist", "a checklist lists at least 2 points a good answer covers")
    for i, cite in enumerate(materials.reading):
        where.entry = f"reading #{i + 1}"
        _check_citation(cite, where, full=True)
    where.entry = "[opening]"
    _check_citation(materials.opening.source, where, full=False, prefix="source.")


def _check_citation(cite: Citation, where: _Where, full: bool, prefix: str = "") -> None:
    if full and cite.year is None:
        where.fail(prefix + "year", "missing required field (a further-reading entry gives its year)")
    if cite.year is not None and not 1900 <= cite.year <= 2100:
        where.fail(prefix + "year", f"not a plausible year: {cite.year:g}")
    if not (cite.journal or cite.publisher or cite.url):
        where.fail(prefix + "journal", "give a journal, a publisher or a url")
    if cite.journal and cite.publisher:
        where.fail(prefix + "publisher", "an article has a journal, a book a publisher: not both")
    if (cite.volume or cite.issue or cite.pages) and not cite.journal:
        where.fail(prefix + "volume", "volume, issue and pages belong to a journal article")
    if full and cite.note is None:
        where.fail(prefix + "note", "missing required field (why read it, zh and en)")


def parse_materials(path: Path) -> Materials:
    """Parse and check one materials file; raises ContentError naming file, entry and field."""
    where = _Where(f"materials/{path.name}")
    raw = read_sections(path, where, [f.name for f in dataclasses.fields(Materials) if f.name != "file"])
    if "notebook" not in raw:
        where.fail("notebook", "missing the [notebook] table (name and kind)")
    hints = {"notebook": Header, "opening": Opening, "worked": Worked, "discussion": Discussion,
             "reading": Citation, "questionnaire": Question}
    built: dict[str, object] = {}
    for key, cls in hints.items():
        if key not in raw:
            continue
        value = raw[key]
        if key in ("notebook", "opening"):
            where.entry = f"[{key}]"
            built[key] = _build(cls, value, "", where)
            continue
        if not isinstance(value, list):
            where.entry = ""
            where.fail(key, f"expected an array of tables ([[{key}]]), got {_describe(value)}")
        items = []
        for i, item in enumerate(value):
            ident = item.get("id") if isinstance(item, dict) else None
            where.entry = f"{key} {ident!r}" if isinstance(ident, str) else f"{key} #{i + 1}"
            items.append(_build(cls, item, "", where))
        built[key] = tuple(items)
    materials = Materials(**built, file=path.name)
    _check(materials, where)
    return materials


def load_materials(directory: Path | str | None = None) -> tuple[Materials, ...]:
    """Every materials file of ``directory`` (default: the packaged ones), in notebook order."""
    folder = Path(directory) if directory is not None else MATERIALS_DIR
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ContentError(str(folder), "", "", "no materials files (*.toml) found")
    loaded = [parse_materials(path) for path in files]
    seen: dict[str, str] = {}
    for m in loaded:
        if m.notebook.name in seen:
            raise ContentError(f"materials/{m.file}", "[notebook]", "name",
                               f"{m.notebook.name} is already described by materials/{seen[m.notebook.name]}")
        seen[m.notebook.name] = m.file
    return tuple(sorted(loaded, key=lambda m: m.notebook.name))


def keys(m: Materials) -> tuple[str, ...]:
    """What finds a notebook's materials: its file name, with or without ``.ipynb``, or its number."""
    return (m.notebook.name, m.number, m.notebook.name.removesuffix(".ipynb"))


def normalise(key: str, chapters: dict[str, str]) -> str:
    """``"C3"`` (a content chapter: ``chapters`` maps folded ids to notebooks) or ``"3"`` -> a :func:`keys` key.

    ``"C9"`` (the questions for reflection) lives in notebook 06, so it finds notebook 06.
    """
    text = str(key).strip()
    wanted = chapters.get(text.casefold(), text)
    return wanted.zfill(2) if wanted.isdigit() else wanted


def missing(key: str, numbers: str) -> str:
    return f"no materials for {key!r}; use a chapter id (C1-C9) or a notebook number ({numbers})"
