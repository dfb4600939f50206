"""Issue 22 item 10 follow-up: the figures' sentences are content (content/figures/words.toml),
validated when loaded — zh and en for every template, the same placeholders in both — and a broken
file gives one ContentError naming the file, the [figure] table and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course.content.builder import ContentError
from ckm_course.content.figure_words import WORDS, figure_words, parse, placeholders
from ckm_course.frontends import figure_alt


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = WORDS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "words.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def error(path: Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse(path, "words.toml")
    return caught.value


def test_the_course_file_loads_and_every_template_matches_across_languages():
    words = parse(WORDS)
    for figure, texts in words._texts.items():
        for key, text in texts.items():
            assert text.zh and text.en, (figure, key)
            assert placeholders(text.zh) == placeholders(text.en), (figure, key)
    assert len(words.columns("gantt")) == 5


def test_a_template_without_english_names_file_figure_and_key(tmp_path):
    found = error(broken(tmp_path, ', en = "Strongest: {best} ({high}); weakest: {worst} ({low})"', ""))
    assert (found.file, found.entry, found.field) == ("words.toml", "[radar]", "finding.en")
    assert "missing the English text" in found.problem


def test_placeholders_that_differ_between_zh_and_en_are_refused(tmp_path):
    found = error(broken(tmp_path, "weakest: {worst} ({low})", "weakest: {worst} ({lowest})"))
    assert (found.file, found.entry, found.field) == ("words.toml", "[radar]", "finding")
    assert "placeholders differ" in found.problem and "lowest" in found.problem
    assert str(found).startswith("words.toml: [radar] > finding: ")


def test_a_broken_template_and_a_column_without_chinese_are_refused(tmp_path):
    found = error(broken(tmp_path, '{ zh = "最强：{best}（{high}）', '{ zh = "最强：{best（{high}）'))
    assert (found.entry, found.field) == ("[radar]", "finding.zh")  # "{best（" is not a placeholder
    assert "not a valid template" in found.problem
    found = error(broken(tmp_path, '{ zh = "得分", en = "Score" }', '{ en = "Score" }'))
    assert (found.entry, found.field[:8]) == ("[radar]", "columns[")


def test_a_template_the_code_needs_but_the_file_lacks_is_named(tmp_path):
    words = parse(broken(tmp_path, "[whale]", "[whale_renamed]"), "words.toml")
    with pytest.raises(ContentError) as caught:
        words.text("whale", "shows", title="t", customers=3)
    assert (caught.value.file, caught.value.entry, caught.value.field) == ("words.toml", "[whale]", "shows")
    with pytest.raises(ContentError, match=r"\[radar\] > finding: unknown placeholder\(s\) low"):
        words.text("radar", "finding", best="a", high=1, worst="b")


def test_the_figure_sentences_come_from_the_file(monkeypatch, tmp_path):
    words = parse(broken(tmp_path, '"Strongest: {best}', '"Best of all: {best}'), "words.toml")
    monkeypatch.setattr(figure_alt, "figure_words", lambda: words)
    from ckm_course.content.model import Text
    text = figure_alt.radar([Text("甲", "A"), Text("乙", "B")], [1, 4], 5, Text("标题", "Title"))
    assert text.finding.en == "Best of all: B (4); weakest: A (1)"
    assert figure_words() is not words  # the course's own file is untouched
