"""The texts an exercise widget shows about item sets (issue 24, "Variants"): ``app/widgets.toml``.

Loaded and validated once per content folder (every text in zh and en, ``{n}`` kept where a set
number goes); a broken file is a :class:`ckm_course.content.builder.ContentError` naming the
file and field. :mod:`ckm_course.frontends.widgets.base` renders them.

No ``from __future__ import annotations`` here: the content builder reads these type hints
as objects.
"""

import dataclasses
import functools
from pathlib import Path

from ckm_course.content.builder import _build, _Where, read_toml
from ckm_course.content.model import Text

FILE = Path("app") / "widgets.toml"


@dataclasses.dataclass(frozen=True)
class WidgetWords:
    """The set line above a bank exercise's items, the New set button and what it says once pressed."""

    set_label: Text
    question_label: Text  # the same for a question bank: a set is one whole question
    new_set: Text
    new_set_tooltip: Text
    new_set_drawn: Text
    new_question_drawn: Text
    new_set_unchecked: Text  # below the widget after New set, before a check (issue 24 item 4)
    new_set_unchecked_first: Text  # the same when no set was checked before
    new_set_not_kept: Text  # the app could not keep the drawn set in the answer file ({reason})
    new_set_code: Text  # under a code cell that called ex.new_set()

    def numbered(self, field: str, n: int) -> Text:
        """``field`` with its ``{n}`` filled in, in both languages."""
        text = getattr(self, field)
        return Text(text.zh.replace("{n}", str(n)), text.en.replace("{n}", str(n)))


_PLACEHOLDERS = {"set_label": "{n}", "question_label": "{n}", "new_set_drawn": "{n}", "new_question_drawn": "{n}", "new_set_unchecked": "{n}",
                 "new_set_unchecked_first": "{n}", "new_set_not_kept": "{reason}", "new_set_code": "{n}"}


@functools.lru_cache(maxsize=4)
def load_widget_words(path: Path) -> WidgetWords:
    """The widget texts at ``path``, validated (``{n}`` present in both languages of the numbered ones)."""
    where = _Where(f"content/app/{path.name}")
    words = _build(WidgetWords, read_toml(path, where), "", where)
    for field, needed in _PLACEHOLDERS.items():
        for language in ("zh", "en"):
            if needed not in getattr(getattr(words, field), language):
                where.fail(f"{field}.{language}", f"must contain {needed}")
    return words


def widget_words() -> WidgetWords:
    """The course's widget texts (``content/app/widgets.toml`` of the catalog's content folder)."""
    from ckm_course.content.catalog import catalog

    return load_widget_words(catalog().folder / FILE)
