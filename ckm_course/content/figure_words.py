"""The words of the course figures (issue 22 item 10): ``figures/words.toml``.

Sentence templates for each figure's text alternative (what it shows, its main finding) and the
headers of its data table, in zh and en; :mod:`ckm_course.frontends.figure_alt` fills them from the
figure's data. Loaded and validated on first use: every text has zh and en, and both languages use
the same ``{placeholders}``; a broken file, or a template the code asks for that is not there, is a
:class:`ckm_course.content.builder.ContentError` naming the file, the ``[figure]`` table and the key.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

from ckm_course.content.builder import _build, _Where, read_toml
from ckm_course.content.model import Text

WORDS = Path(__file__).resolve().parent / "figures" / "words.toml"
COLUMNS = "columns"


def placeholders(template: str) -> set[str]:
    """The ``{names}`` in ``template`` (format specs such as ``:.0%`` left out)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class FigureWords:
    """Every figure's templates, by ``[figure]`` table and key."""

    def __init__(self, texts: dict[str, dict[str, Text]], columns: dict[str, tuple[Text, ...]], file: str) -> None:
        self._texts, self._columns, self._file = texts, columns, file

    def _where(self, figure: str) -> _Where:
        return _Where(self._file, f"[{figure}]")

    def text(self, figure: str, key: str, **values: Any) -> Text:
        """The template ``key`` of ``[figure]`` with its placeholders filled from ``values``."""
        template = self._texts.get(figure, {}).get(key)
        if template is None:
            self._where(figure).fail(key, "missing: the figure's words need this template")
        unknown = placeholders(template.zh) - set(values)
        if unknown:
            self._where(figure).fail(key, f"unknown placeholder(s) {', '.join(sorted(unknown))}; "
                                          f"this template may use {', '.join(sorted(values)) or 'none'}")
        return Text(template.zh.format(**values), template.en.format(**values))

    def columns(self, figure: str) -> tuple[Text, ...]:
        """The data table headers of ``[figure]``."""
        if figure not in self._columns:
            self._where(figure).fail(COLUMNS, "missing: the figure's data table needs its column headers")
        return self._columns[figure]


def _check(text: Text, key: str, where: _Where) -> Text:
    names = {}
    for language, template in (("zh", text.zh), ("en", text.en)):
        try:
            names[language] = placeholders(template)
            template.format(**{name: 0 for name in names[language]})
        except (ValueError, IndexError, KeyError) as exc:
            where.fail(f"{key}.{language}", f"not a valid template ({exc}); a literal brace is written {{{{ or }}}}")
    if names["zh"] != names["en"]:
        where.fail(key, f"placeholders differ: zh has {sorted(names['zh'])}, en has {sorted(names['en'])}")
    return text


def parse(path: Path, name: str | None = None) -> FigureWords:
    """The figure words at ``path``, validated; ``name`` is how errors name the file."""
    file = name or f"content/figures/{path.name}"
    data = read_toml(path, _Where(file))
    texts: dict[str, dict[str, Text]] = {}
    columns: dict[str, tuple[Text, ...]] = {}
    for figure, table in data.items():
        where = _Where(file, f"[{figure}]")
        if not isinstance(table, dict):
            where.fail("", "expected a table of templates")
        texts[figure] = {}
        for key, value in table.items():
            if key == COLUMNS:
                columns[figure] = _build(tuple[Text, ...], value, key, where)
            else:
                texts[figure][key] = _check(_build(Text, value, key, where), key, where)
    return FigureWords(texts, columns, file)


def figure_words(path: Path = WORDS) -> FigureWords:
    """The course's figure words (``content/figures/words.toml``); read once per kernel through
    ``catalog().figure_words``."""
    return parse(path)
