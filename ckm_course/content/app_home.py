"""The texts and the notebook list of the Voilà app's course home (issue 22.6): ``app/home.toml``.

Loaded and validated on first use (every text in zh and en, placeholders intact, notebook names
that look like notebooks); a broken file is a :class:`ckm_course.content.builder.ContentError`
naming the file and field. Which chapters exist, and their titles, come from the chapters and
the materials files (:mod:`ckm_course.frontends.app_home` puts them together).

No ``from __future__ import annotations`` here: the content builder reads these type hints
as objects.
"""

import dataclasses
from pathlib import Path

from ckm_course.content.builder import _build, _Where, read_toml
from ckm_course.content.model import Text

HOME = Path(__file__).resolve().parent / "app" / "home.toml"


@dataclasses.dataclass(frozen=True)
class ExtraPractice:
    """A practice set in exercises/ that belongs to no one chapter (the final quiz)."""

    notebook: str
    title: Text


@dataclasses.dataclass(frozen=True)
class HomeTexts:
    """Everything the course home and the app's page header say, in zh and en."""

    title: Text
    intro: Text
    student: Text
    no_student: Text
    chapters: Text
    practice: Text
    practice_title: Text
    reference: Text
    progress: Text
    no_exercises: Text
    home_link: Text
    not_found: Text
    reference_notebooks: tuple[str, ...] = ()
    extra_practice: tuple[ExtraPractice, ...] = ()


_PLACEHOLDERS = {"practice_title": ("{chapter}",), "progress": ("{answered}", "{total}")}


def home_texts(path: Path = HOME) -> HomeTexts:
    """The app home's texts at ``path``, validated (placeholders present in both languages); read once per
    kernel through ``catalog().app_home``."""
    where = _Where(f"content/app/{path.name}")
    texts = _build(HomeTexts, read_toml(path, where), "", where)
    for field, needed in _PLACEHOLDERS.items():
        value = getattr(texts, field)
        for language in ("zh", "en"):
            missing = [p for p in needed if p not in getattr(value, language)]
            if missing:
                where.fail(f"{field}.{language}", f"must contain {', '.join(missing)}")
    for name in (*texts.reference_notebooks, *(e.notebook for e in texts.extra_practice)):
        if not name.endswith(".ipynb") or "/" in name or not name[:2].isdigit():
            where.fail("notebook", f"expected a notebook file name like '11_glossary.ipynb', got {name!r}")
    return texts
