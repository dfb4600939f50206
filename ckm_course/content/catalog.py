"""All the packaged content, loaded once per kernel into one :class:`Catalog` of registries.

The registries, each loaded and validated on first use and then kept for the kernel:

=========== =========================================== ========================================
registry    what                                        ``find(...)``
=========== =========================================== ========================================
course      chapters, points, exercises (``*.toml``)    ``exercises.find(id)`` (near ids named);
                                                        points: ``course.point(id)``
plans       the capstone's forms (``capstone/``)        the form of a plan exercise, by its id
rubrics     marking rubrics (``rubrics/``)              a rubric by id
materials   per-notebook materials (``materials/``)     "C3", "03" or a notebook file name
sections    the Qinghe thread (``case_thread/``)        a chapter, "C3" or "3"
brief       the audit's evidence (``case/``)            one object (title and items)
company     the case company (``case/company.toml``)    one object; ``segments.find(id)``
glossary    terms built from the course                 a term, zh or en (folded)
manifest    dataset checksums (``case/manifest.toml``)  a dataset by file name
key_history every key hash an exercise has had          a mapping by case-folded exercise id
app_home    the Voilà course home's texts (``app/``)    one object
figure_words the figures' sentence templates (figures/) ``text(figure, key, **values)``
=========== =========================================== ========================================

Each file is read by one reader (its module here in ``content/``) and only through this catalog,
so ``company.toml`` is read once, and the course once, whatever asks for them. Registries that a
kernel does not use (materials, the thread, the glossary) are never read: ``start()`` loads the
course alone.
"""

from __future__ import annotations

import difflib
import functools
import tomllib
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ckm_course.content import cache, loader, plans as plans_mod
from ckm_course.content.builder import CONTENT_DIR
from ckm_course.content.model import Course, ExerciseSpec
from ckm_course.i18n import fold

if TYPE_CHECKING:
    from ckm_course.content.app_home import HomeTexts
    from ckm_course.content.figure_words import FigureWords
    from ckm_course.content.brief import AuditBrief
    from ckm_course.content.company_model import CaseCompany, Segment
    from ckm_course.content.glossary import Term
    from ckm_course.content.materials import Materials
    from ckm_course.content.rubrics import Rubric
    from ckm_course.content.thread import Section

# The readers that start() does not need (company, materials, thread, brief, glossary: ~45 ms of
# module and dataclass set-up) are imported by the registry that uses them, on its first use.

T = TypeVar("T")
MANIFEST = CONTENT_DIR.parent / "case" / "manifest.toml"


class Registry(Generic[T]):
    """Content objects of one kind, in file order, and the one way to look one up: :meth:`find`."""

    def __init__(self, items: tuple[T, ...], keys: Callable[[T], tuple[str, ...]],
                 missing: Callable[[str], str], normalise: Callable[[str], str] = str) -> None:
        self.items = tuple(items)
        self._keys = keys
        self._missing = missing
        self._normalise = normalise

    def find(self, key: str) -> T:
        """The object ``key`` names; ``KeyError`` with a message that says what exists."""
        wanted = self._normalise(key)
        for item in self.items:
            if wanted in self._keys(item):
                return item
        raise KeyError(self._missing(key))

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class Exercises(Registry[ExerciseSpec]):
    """The course's exercises; ``find`` is case-insensitive and names the nearest ids when it fails."""

    def __init__(self, specs: tuple[ExerciseSpec, ...]) -> None:
        super().__init__(specs, lambda s: (s.id.casefold(),), self._near, lambda k: str(k).strip().casefold())

    def _near(self, exercise_id: str) -> str:
        """The message for an unknown id: at most 80 of its characters, then "…" (issue 21, item 9)."""
        ids = [s.id for s in self.items]
        text = str(exercise_id)
        near = difflib.get_close_matches(text[:200].strip().casefold(), ids, n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(near)}?" if near else f"; known ids: {', '.join(ids)}"
        shown = repr(text) if len(text) <= 80 else f"{text[:80]!r}… ({len(text):,} characters)"
        return f"no exercise {shown}{hint}"


class Catalog:
    """The packaged content (or that of ``folder``), each registry loaded on first use, then kept."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or CONTENT_DIR

    def _kept(self, name: str, build: Callable[[], Any]) -> Any:
        """``build()``, from the content cache for the packaged content (each kernel reads these registries;
        ~0.12 s of a chapter's first cells, issue 23), built afresh for any other folder."""
        return cache.cached(build, name=name) if self.folder == CONTENT_DIR else build()

    @cached_property
    def _loaded(self) -> loader.Loaded:
        if self.folder == CONTENT_DIR:  # the packaged content: from the cache when it is unchanged (cache.py)
            return cache.cached(lambda: loader.load(self.folder))
        return loader.load(self.folder)

    @cached_property
    def course(self) -> Course:
        """Chapters, points and exercises, validated (the capstone's forms without the case facts)."""
        return self._loaded.course

    @cached_property
    def exercises(self) -> Exercises:
        """The course's exercises (``course.exercises``) with their ``find``."""
        return Exercises(self.course.exercises)

    @cached_property
    def rubrics(self) -> Registry[Rubric]:
        return Registry(self._loaded.rubrics, lambda r: (r.id,), lambda k: f"no rubric {k!r}")

    @cached_property
    def company(self) -> CaseCompany:
        """The case company, checked against the course (the one read of ``company.toml``)."""
        from ckm_course.content.company import load_company

        return self._kept("company", lambda: load_company(self.course))

    @cached_property
    def segments(self) -> Registry[Segment]:
        return Registry(self.company.segments, lambda s: (s.id,), lambda k: f"no segment {k!r}")

    @cached_property
    def case_exercise(self) -> ExerciseSpec:
        """The C3.1 exercise on the case company's touchpoint records (chapter 9)."""
        from ckm_course.content.company import case_exercise_spec

        return case_exercise_spec(self.company, self.course)

    @cached_property
    def plans(self) -> Registry[plans_mod.PlanSpec]:
        """Every plan form, resolved with the case facts and validated, found by exercise id."""
        resolved = plans_mod.resolve_all(self._loaded.plans, self.course, self._loaded.rubrics, self.company)
        return Registry(tuple(resolved.values()), lambda p: (p.exercise,), lambda k: k)

    @cached_property
    def materials(self) -> Registry[Materials]:
        from ckm_course.content import materials as materials_mod

        chapters = {c.id.casefold(): c.notebook for c in self.course.chapters if c.notebook}
        found = self._kept("materials", lambda: materials_mod.load_materials(self.folder / "materials"))
        numbers = ", ".join(m.number for m in found)
        return Registry(found, materials_mod.keys, lambda k: materials_mod.missing(k, numbers),
                        lambda k: materials_mod.normalise(k, chapters))

    @cached_property
    def sections(self) -> Registry[Section]:
        from ckm_course.content import thread as thread_mod

        found = thread_mod.parse(self.folder / "case_thread" / thread_mod.THREAD_FILE.name, self.company, self.course)
        return Registry(found, lambda s: (s.chapter,), thread_mod.missing, thread_mod.normalise)

    @cached_property
    def brief(self) -> AuditBrief:
        """The evidence the capstone audit starts from (``case/audit_brief.toml``)."""
        from ckm_course.content.brief import load_brief

        return load_brief()

    @cached_property
    def glossary(self) -> Registry[Term]:
        from ckm_course.content.glossary import build

        return Registry(self._kept("glossary", lambda: build(self.course)), lambda t: (fold(t.zh), fold(t.en)),
                        lambda k: f"no glossary term {k!r}", lambda k: fold(str(k)))

    @cached_property
    def key_history(self) -> Mapping[str, frozenset[str]]:
        """Every key hash each exercise has had, by case-folded id (``keys/history.toml``, issue 21 item 6)."""
        from ckm_course.content.key_history import FILE, load_key_history

        # kept as a dict (a mappingproxy does not pickle), handed out read-only as before
        return MappingProxyType(self._kept("key-history", lambda: dict(load_key_history(self.folder / FILE))))

    @cached_property
    def app_home(self) -> HomeTexts:
        """The Voilà app home's texts (``app/home.toml``, issue 22 item 6)."""
        from ckm_course.content.app_home import home_texts

        return home_texts(self.folder / "app" / "home.toml")

    @cached_property
    def figure_words(self) -> FigureWords:
        """The figures' sentence templates and table headers (``figures/words.toml``, issue 22 item 10)."""
        from ckm_course.content.figure_words import figure_words

        return figure_words(self.folder / "figures" / "words.toml")

    @cached_property
    def manifest(self) -> Manifest:
        return Manifest(tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["files"])


class Manifest(Registry[tuple[str, dict[str, Any]]]):
    """The expected checksum and row count of every committed dataset, by file name."""

    def __init__(self, files: dict[str, dict[str, Any]]) -> None:
        self._files = files
        super().__init__(tuple(files.items()), lambda pair: (pair[0],), lambda k: f"no dataset {k!r}")

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return self._files


@functools.cache
def catalog() -> Catalog:
    """The packaged content's catalog: one per kernel."""
    return Catalog()


def course() -> Course:
    """The packaged course content, loaded and validated once per kernel (C1-C9)."""
    return catalog().course


def exercise_specs() -> tuple[ExerciseSpec, ...]:
    """Every exercise a student can check, in chapter order: the course's, with the C3.1 case exercise
    (built from the case data, chapter 9) after the last other C3.1 exercise (issue 21, item 9)."""
    specs = list(catalog().exercises)
    last = max((i for i, s in enumerate(specs) if s.point == "C3.1"), default=len(specs) - 1)
    specs.insert(last + 1, catalog().case_exercise)
    return tuple(specs)
