"""Notebook 09 (issue 12): speaker notes for every slide, CDNOW and Qinghe connected, the new
analytics used, and the generated data called generated."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO / "notebooks" / "09_case_study.ipynb"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def _kind(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def test_every_slide_and_subslide_ends_with_speaker_notes():
    cells = _cells()
    starts = [i for i, c in enumerate(cells) if _kind(c) in ("slide", "subslide")]
    assert len(starts) >= 20
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(cells)
        block = [c for c in cells[start:end] if _kind(c) != "skip"]  # the setup cell shows on no slide
        notes = [c for c in block if _kind(c) == "notes"]
        title = block[0].source.splitlines()[0]
        assert len(notes) == 1, f"{title}: {len(notes)} notes cells"
        assert block[-1] is notes[0], f"{title}: the notes come after the slide's content"
        points = [line for line in notes[0].source.splitlines() if line.startswith("- ")]
        assert 2 <= len(points) <= 4, f"{title}: {len(points)} talking points"
        for point in points:
            assert CJK.search(point) and re.search(r"[A-Za-z]{3,}", point), f"{title}: {point} (zh + en)"


def test_notes_are_markdown_and_skipped_cells_are_only_setup():
    """Skipped in slides: the set-up cell, and the questionnaire (a student's self-check, not a talk)."""
    questionnaire = False
    for cell in _cells():
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            questionnaire = cell.source.startswith("## 本章问题 Questionnaire")
        if _kind(cell) == "notes":
            assert cell.cell_type == "markdown"
        if _kind(cell) == "skip":
            assert "ckm_course.start(" in cell.source or questionnaire


def test_cdnow_and_qinghe_are_connected_and_the_data_called_generated():
    text = "\n".join(c.source for c in _cells() if c.cell_type == "markdown" and _kind(c) != "notes")
    assert "practise the methods" in text and "the firm whose CKM you plan" in text
    assert "练习方法" in text and "规划客户知识管理的企业" in text
    section = text[text.index("<!-- C3.1 -->"):]
    assert "生成" in section[:300] and "generated" in section[:900] and "seed" in section[:900]


def test_the_new_analytics_are_used():
    code = "\n".join(c.source for c in _cells() if c.cell_type == "code")
    for call in ("analytics.rfm(cdnow, data.case_company().rfm)", "analytics.lifetime_account(",
                 "case_study.negative_value_cases(", "case_study.order_shape(", "case_study.asset_evidence(", "case_study.audit_brief(",
                 "case_study.assessment_evidence(", "lifetime_profit="):
        assert call in code, call
