"""The bundled synthetic class: regenerates byte for byte, and the gradebook catches every planted case."""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course.grading import grade, samples

SAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "sample_submissions"


def test_the_sample_class_regenerates_byte_for_byte():
    expected = samples.class_files()
    committed = {str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file()}
    assert committed == set(expected), "run: python -m ckm_course.grading.samples"
    for name, text in expected.items():
        assert (SAMPLES / name).read_bytes() == text.encode("utf-8"), f"{name} differs: python -m ckm_course.grading.samples"


@pytest.fixture(scope="module")
def book():
    return grade([SAMPLES / "submissions"], roster=SAMPLES / "roster.csv", due=samples.DUE)


def flagged(book, flag):
    return sorted(book.grades.loc[book.grades["flags"].str.split(";").map(lambda f: flag in f), "student_id"])


def test_every_planted_case_is_caught(book):
    assert len(book.grades) == 61 and book.grades["total"].notna().sum() == 58
    assert flagged(book, "tampered") == ["2026004"]
    assert flagged(book, "duplicate") == ["2026013"]
    assert flagged(book, "unknown_exercise") == ["2026021"]
    assert flagged(book, "fields_missing") == ["2026027"]
    assert flagged(book, "missing") == ["2026008", "2026032", "2026051"]
    assert flagged(book, "no_identity") == ["2026041", "2026042", "2026043"]
    assert flagged(book, "unknown_student") == ["2025117"]
    assert flagged(book, "several_files") == ["2026056"]
    assert flagged(book, "late") == ["2026006", "2026023", "2026040", "2026057"]
    assert list(book.problems.loc[book.problems["severity"] == "error", "file"].map(lambda f: Path(f).name)) == [
        "upload_truncated.ipynb"]


def test_the_class_makes_realistic_mistakes(book):
    items = book.items
    assert len(items) == 6 + 1 + 19 + 6 + 4 + 11 + 12  # + the bank of c3.4-practice-explicit-tacit (issue 24)
    assert 0.3 < items["facility"].mean() < 0.9, "neither all right nor all wrong"
    assert items["discrimination"].dropna().mean() > 0.2, "abler students do better on most items"
    multi = items[items["exercise"] == "c3.1-four-categories"]
    assert (multi["partial"] > 0).sum() >= 4, "a second category forgotten shows as partly right"
    assert book.manual["answer"].str.len().gt(0).all() and len(book.manual) > 40
