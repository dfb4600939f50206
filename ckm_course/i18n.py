"""Language choice ("zh", "en", "both") and bilingual rendering.

The course is taught in Chinese and English side by side; a student may narrow it to
one language with :func:`set_language`. The default is "both", or the value of the
``CKM_COURSE_LANG`` environment variable when it names a valid language.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Protocol


class Bilingual(Protocol):
    """Anything with a Chinese and an English side, such as :class:`ckm_course.content.model.Text`."""

    zh: str
    en: str

LANGUAGES: tuple[str, ...] = ("zh", "en", "both")
_ALIASES = {
    "zh": "zh", "cn": "zh", "zh-cn": "zh", "zh_cn": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh",
    "en": "en", "english": "en", "英文": "en", "英语": "en",
    "both": "both", "bilingual": "both", "zh+en": "both", "双语": "both", "all": "both",
}
_state: dict[str, str] = {}


def fold(text: str) -> str:
    """Fold a student's spelling for comparison: NFKC (full-width -> half-width), case, spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _parse_language(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return _ALIASES.get(fold(value))


def get_language() -> str:
    """The language feedback and labels are shown in: "zh", "en" or "both"."""
    if "language" not in _state:
        _state["language"] = _parse_language(os.environ.get("CKM_COURSE_LANG", "")) or "both"
    return _state["language"]


def set_language(language: str) -> str:
    """Choose "zh" (中文), "en" (English) or "both" (双语) for this session; returns the choice.

    Unknown values raise ``ValueError`` listing the valid ones (this is a setting, not an
    exercise answer, so a loud error is the helpful answer).
    """
    parsed = _parse_language(language)
    if parsed is None:
        raise ValueError(f"unknown language {language!r}; use one of: zh (中文), en (English), both (双语)")
    _state["language"] = parsed
    return parsed


def render(text: Bilingual, language: str | None = None) -> str:
    """Render a bilingual :class:`~ckm_course.content.model.Text` in one language or both."""
    lang = _parse_language(language) if language is not None else get_language()
    lang = lang or get_language()
    if lang == "zh":
        return text.zh
    if lang == "en":
        return text.en
    if text.zh == text.en:
        return text.zh
    return f"{text.zh} / {text.en}"
