"""A broken or incomplete content file gives one clear error naming file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ckm_course.content.builder import CONTENT_DIR, ContentError
from ckm_course.content.loader import load_course

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "broken_content"


def load_fixture(name: str, tmp_path: Path):
    shutil.copy(FIXTURES / name, tmp_path / name)
    return load_course(tmp_path)


@pytest.mark.parametrize(
    ("fixture", "entry", "field", "problem"),
    [
        ("missing_english.toml", "point 'C1.1'", "entries[0].label.en", "missing the English text"),
        ("missing_empty_zh.toml", "point 'C2.1'", "summary.zh", "expected a non-empty string"),
        ("unknown_field.toml", "point 'C1.1'", "entries[0].explantion", "did you mean 'explanation'?"),
        ("answer_not_a_choice.toml", "exercise 'broken-key'", "items[1].answer", "'form' is not a choice"),
        ("wrong_type.toml", "point 'C1.1'", "title", "expected a table with 'zh' and 'en'"),
        ("dangling_group.toml", "point 'C6.1'", "entries[0].group", "unknown group 'stratgy'"),
        ("ambiguous_labels.toml", "exercise 'ambiguous'", "choices[1]", "shared with 'explicit'"),
        ("unknown_header_field.toml", "[chapter]", "notebok", "unknown field; allowed: id, title, notebook"),
    ],
)
def test_error_names_file_entry_and_field(tmp_path, fixture, entry, field, problem):
    with pytest.raises(ContentError) as caught:
        load_fixture(fixture, tmp_path)
    error = caught.value
    assert (error.file, error.entry, error.field) == (fixture, entry, field)
    assert problem in error.problem
    assert str(error).startswith(f"{fixture}: {entry} > {field}: ")


def test_broken_toml_syntax_names_the_file_and_line(tmp_path):
    with pytest.raises(ContentError) as caught:
        load_fixture("not_toml.toml", tmp_path)
    assert caught.value.file == "not_toml.toml"
    assert "not valid TOML" in caught.value.problem and "line" in caught.value.problem


def test_a_missing_content_folder_is_reported(tmp_path):
    with pytest.raises(ContentError, match="no content files"):
        load_course(tmp_path / "nowhere")


def test_a_defect_in_the_real_content_is_caught(tmp_path):
    """Break one real file the way an editor might: a dropped translation."""
    for path in CONTENT_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    target = tmp_path / "c5_lifecycle.toml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(', en = "Reciprocity" }', " }", 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course(tmp_path)
    assert caught.value.file == "c5_lifecycle.toml"
    assert caught.value.entry == "point 'C5.3'"
    assert caught.value.field.endswith(".label.en")


def test_the_packaged_content_loads(tmp_path):
    for path in CONTENT_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    assert len(load_course(tmp_path).points) == 28
