"""The capstone's keys stay out of what students see before ``solution()`` (issue 12): notebook 09
and the exercise notebook show the case's evidence, never the audit's per-step findings nor the
case's own capability ratings; a changed plan key changes the record's key hash."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

import ckm_course
from ckm_course.case import study as case_study
from ckm_course.case.data import case_company
from ckm_course.content.catalog import Registry, catalog

REPO = Path(__file__).resolve().parents[2]
CHAPTER = REPO / "notebooks" / "09_case_study.ipynb"
EXERCISES = REPO / "exercises" / "09_case_study_exercises.ipynb"
SOLUTION = REPO / "solutions" / "09_case_study_exercises.ipynb"


def _outputs(cells: list[dict]) -> str:
    parts = []
    for cell in cells:
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for mime, body in output.get("data", {}).items():
                if mime.startswith("text/") or mime.endswith("json"):
                    parts.append(body if isinstance(body, str) else "".join(body) if isinstance(body, list) else json.dumps(body, ensure_ascii=False))
    return "\n".join(parts)


def _sources(cells: list[dict]) -> str:
    return "\n".join("".join(cell["source"]) for cell in cells)


def _before_solutions(path: Path) -> list[dict]:
    """The cells of the exercise notebook up to the first capstone exercise cell (the case material)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    first = next(i for i, c in enumerate(cells) if "capstone-audit" in "".join(c["source"]) and c["cell_type"] == "code")
    return cells[:first]


GIVENS = ("team", "constraints")  # the CEO's brief states who serves and the limits: the case's givens


def _findings() -> list[str]:
    """Every concluding text of the audit: each step's finding, each fact's text (but the givens'),
    each asset's gap, in zh and en."""
    case = case_company()
    texts = [t for f in case.audit for t in (f.finding.zh, f.finding.en)]
    texts += [t for f in case.knowledge_audit.facts if f.step not in GIVENS for t in (f.fact.zh, f.fact.en)]
    texts += [t for a in case.knowledge_audit.assets for t in (a.gap.zh, a.gap.en)]
    return texts


def _fragments(text: str) -> list[str]:
    """The clauses of a finding long enough to be telling (a fact's text is often a single clause):
    English ones of five words or more, Chinese ones of twelve characters or more; shorter ones are
    the names of things ("micro businesses", "order records") that the evidence must name too."""
    parts = [p.strip() for p in re.split(r"[；;：:。，,（）()]", text)]
    return [p for p in parts if (len(p.split()) >= 5 if p.isascii() else len(p) >= 12)]


def _shown(path: Path) -> str:
    return _outputs(json.loads(path.read_text(encoding="utf-8"))["cells"])


def _leaks(shown: str) -> list[str]:
    shown = shown.casefold()
    return sorted({frag for text in _findings() for frag in _fragments(text) if frag.casefold() in shown})


@pytest.mark.parametrize("where", ["chapter", "exercise material", "solution material"])
def test_no_audit_finding_is_shown_before_the_solution(where):
    if where == "chapter":
        cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    else:
        cells = _before_solutions(EXERCISES if where == "exercise material" else SOLUTION)
    shown = _outputs(cells) + _sources(cells)
    assert "■" in _outputs(_before_solutions(SOLUTION)) and "■" in _shown(CHAPTER), "the brief is not shown"
    leaked = _leaks(shown)
    assert not leaked, f"{where} shows audit findings: {leaked[:5]}"


def test_the_leak_check_can_fail():
    """The old material (the per-step findings table) is caught."""
    findings = "\n".join(f"{f.step}: {f.finding.en}" for f in case_company().audit)
    assert len(_leaks(findings)) >= len(case_company().audit)
    assert _leaks("Result: " + case_company().knowledge_audit.facts[-1].fact.zh)


def test_the_evidence_is_there_without_the_findings():
    """The students still get the raw case: each asset's knowledge, where it is and who holds it."""
    shown = _shown(CHAPTER) + _outputs(_before_solutions(SOLUTION))
    for asset in case_company().knowledge_audit.assets:
        assert asset.knowledge.en in shown and asset.location.en in shown and asset.holder.en in shown
    for language in ("zh", "en"):
        table = case_study.asset_evidence(language)
        assert len(table.columns) == 4
        assert not _leaks(case_study.audit_brief(language))


def test_the_case_ratings_are_not_shown():
    """Capstone 3 accepts one level either side of the case's rating: notebook 09 shows the evidence
    for each dimension without a level (no "Defined, 3", no rating column, no preset radar)."""
    levels = [render for level in ckm_course.course().levels for render in (level.label.zh, level.label.en)]
    evidence = case_study.assessment_evidence("en")
    assert list(evidence.columns) == ["dimension", "evidence"]
    text = " ".join(evidence["evidence"])
    assert not re.search(r"\(\s*\w+,\s*[1-5]\s*\)|（\S+，\s*[1-5]）", text)
    assert not any(re.search(rf"\b{re.escape(level)}\b", text) for level in levels if level.isascii())
    shown = _shown(CHAPTER)
    for zh, en in [(e.zh, e.en) for _, e in case_company().assessment_evidence]:
        assert case_study.without_level(en) in shown or case_study.without_level(zh) in shown
        assert en not in shown and zh not in shown
    source = _sources(json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"])
    assert "case_study.assessment()" not in source


def test_the_level_is_stripped_only_at_the_end():
    assert case_study.without_level("Order data sit in one system. (Defined, 3)") == "Order data sit in one system."
    assert case_study.without_level("订单数据集中。（规范，3）") == "订单数据集中。"
    assert case_study.without_level("A rating of 3 stays (here).") == "A rating of 3 stays (here)."


def _use_plans(monkeypatch, *forms):
    """This kernel's catalog with ``forms`` as its plan forms (put back after the test)."""
    monkeypatch.setattr(catalog(), "plans", Registry(forms, lambda p: (p.exercise,), lambda k: k))


def test_a_changed_plan_key_changes_the_key_hash(monkeypatch):
    from ckm_course.exercises.record import key_hash

    spec = ckm_course.exercise("capstone-plan").spec
    before = key_hash(spec)
    plan = catalog().plans.find(spec.id)
    row = plan.rows[0]
    changed_owner = dataclasses.replace(row, accept=(("owner", ("executives",)),))
    changed_range = dataclasses.replace(row, ranges=(("weeks", (1.0, 9.0)),))
    hashes = set()
    for new_row in (changed_owner, changed_range):
        changed = dataclasses.replace(plan, rows=(new_row, *plan.rows[1:]))
        _use_plans(monkeypatch, changed)
        hashes.add(key_hash(spec))
    monkeypatch.undo()
    assert key_hash(spec) == before and before not in hashes and len(hashes) == 2

    audit = ckm_course.exercise("capstone-audit").spec
    plan = catalog().plans.find(audit.id)
    row = plan.rows[0]
    fewer = dataclasses.replace(row, facts=row.facts[1:])
    before = key_hash(audit)
    _use_plans(monkeypatch, dataclasses.replace(plan, rows=(fewer, *plan.rows[1:])))
    assert key_hash(audit) != before


def test_the_model_texts_are_not_part_of_the_key_hash(monkeypatch):
    """Show answer's model texts are wording, not what the answer is checked against: rewording them
    (or the Course note) keeps every record's key hash; a changed scoring key still changes it (above)."""
    from ckm_course.content.model import Text
    from ckm_course.exercises.record import key_hash

    spec = ckm_course.exercise("capstone-plan").spec
    before = key_hash(spec)
    plan = catalog().plans.find(spec.id)
    reworded = dataclasses.replace(plan.rows[0], models=(("deliverable", Text("另一种写法。", "Another wording.")),
                                                         ("kpi", Text("另一个指标。", "Another measure."))))
    changed = dataclasses.replace(plan, rows=(reworded, *plan.rows[1:]), model_note=Text("注", "note"))
    _use_plans(monkeypatch, changed)
    assert ckm_course.exercise("capstone-plan").key("en")["Build a customer-centric KM strategy"]["KPI (one measure)"] \
        == "Another measure."
    assert key_hash(spec) == before


@pytest.mark.parametrize("old, new, message", [
    ('source = { zh = "总经理的委托", en = "The CEO\'s brief" }', 'source = { zh = "总经理的委托" }', "items[0].source"),
    ("[[items]]\nsource", "[[items]]\nsorce", "sorce"),
])
def test_a_broken_brief_names_its_file_and_field(tmp_path, old, new, message):
    from ckm_course.content.brief import BRIEF, load_brief
    from ckm_course.content.builder import ContentError

    text = BRIEF.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "audit_brief.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_brief(broken)
    assert "audit_brief.toml" in str(error.value) and message in str(error.value)
