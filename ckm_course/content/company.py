"""The case company's facts (``ckm_course/case/company.toml``): read once, checked against the course.

The file holds the fictional case company of chapter 9 (C1.3, C2.3, C3.1, C6.4, C8.1): segments and
activities for the generator (:mod:`ckm_course.case.data`), interaction kinds and their C3.1
categories, the RFM bands, the audit and the capability ratings (the capstone's key, issue 12).
:func:`load_company` is its one reader; :func:`case_exercise_spec` builds the C3.1 case exercise
from it. A broken file is a :class:`~ckm_course.content.builder.ContentError` naming the field.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from pathlib import Path

from ckm_course.content.builder import ContentError, _build, _Where
from ckm_course.content.company_model import CaseCompany
from ckm_course.content.model import Course, ExerciseSpec, Item, Text

COMPANY = Path(__file__).resolve().parent.parent / "case" / "company.toml"


def load_company(course: Course, path: Path = COMPANY) -> CaseCompany:
    """The case company's description, segments, activities and interaction kinds, checked against ``course``.

    The one reader of ``company.toml``: everything else asks the catalog
    (``ckm_course.content.catalog.catalog().company``), which calls this once per kernel.
    """
    where = _Where(path.name)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ContentError(path.name, "", "", f"cannot be read: {exc}") from exc
    company = _build(CaseCompany, raw, "", where)
    _check_case(company, course)
    return company


def _check_case(case: CaseCompany, course: Course) -> None:
    """Cross-references from the case file into the course content (C3.1, C6.4, C8.1)."""
    def fail(entry: str, field: str, problem: str) -> None:
        raise ContentError(COMPANY.name, entry, field, problem)

    if abs(sum(s.share for s in case.segments) - 1) > 1e-9:
        fail("segments", "share", "segment shares must add up to 1")
    categories = {c.id for c in course.exercise("c3.1-four-categories").choices}
    slots = {slot.id for slot in case.slots}
    for kind in case.interactions:
        if not set(kind.category) <= categories:
            fail(f"interaction {kind.id!r}", "category", f"{kind.category} not among {sorted(categories)}")
        if not kind.templates:
            fail(f"interaction {kind.id!r}", "templates", "give at least one template")
        for index, template in enumerate(kind.templates):
            field = f"templates[{index}]"
            zh, en = set(PLACEHOLDER.findall(template.text.zh)), set(PLACEHOLDER.findall(template.text.en))
            if zh != en:
                fail(f"interaction {kind.id!r}", f"{field}.text", f"zh uses {sorted(zh)} but en uses {sorted(en)}")
            if not zh <= slots:
                fail(f"interaction {kind.id!r}", f"{field}.text", f"no [[slots]] for {sorted(zh - slots)}")
            if template.sentiment not in SENTIMENTS:
                fail(f"interaction {kind.id!r}", f"{field}.sentiment", f"{template.sentiment!r} not among {list(SENTIMENTS)}")
    for slot in case.slots:
        if not slot.values:
            fail(f"slot {slot.id!r}", "values", "give at least one value")
    _check_rfm(case, fail)
    steps = {e.id for e in course.point("C6.4").entries}
    for finding in case.audit:
        if finding.step not in steps:
            fail(f"audit {finding.step!r}", "step", f"not a C6.4 step; steps: {sorted(steps)}")
    dimensions = {e.id for e in course.point("C8.1").entries}
    if {d for d, _ in case.assessment} != dimensions:
        fail("[assessment]", "", f"must rate exactly the C8.1 dimensions: {sorted(dimensions)}")
    columns = {"orders", "deliveries", "service_calls", "sales_visits", "returns"}
    for activity in case.activities:
        if activity.column not in columns:
            fail(f"activity {activity.id!r}", "column", f"not a driver column; columns: {sorted(columns)}")
    evidence = {d for d, _ in case.assessment_evidence}
    if evidence != dimensions:
        fail("[assessment_evidence]", "", f"must give a reason for exactly the C8.1 dimensions: {sorted(dimensions)}")
    for dimension, rating in case.assessment:
        if rating not in (1, 2, 3, 4, 5):
            fail("[assessment]", dimension, f"rating {rating} is not a whole number from 1 to 5")
    _check_knowledge_audit(case, course, fail, categories, steps)


STATUSES = ("summarised", "unsummarised", "missing")
SENTIMENTS = ("positive", "neutral", "negative")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
RFM_STATUSES = ("active", "at-risk", "lapsed")


def _check_rfm(case: CaseCompany, fail) -> None:
    """[rfm] bands rise, and each segment's status fits its recency bounds (C2.3, issue 12)."""
    bands = case.rfm
    for field in ("recency_days", "frequency", "monetary"):
        edges = list(getattr(bands, field))
        if len(edges) != 4 or edges != sorted(set(edges)):
            fail("[rfm]", field, f"need four strictly rising band edges, got {edges}")
    try:
        datetime.date.fromisoformat(bands.as_of)
    except ValueError:
        fail("[rfm]", "as_of", f"{bands.as_of!r} is not a date (YYYY-MM-DD)")
    # R1 is "over recency_days[-1] days"; a lapsed segment must not reach into R2, an active one not into R1.
    if bands.recency_days[-1] != bands.lapsed_after_days:
        fail("[rfm]", "lapsed_after_days", "must equal the last recency edge (the R2/R1 boundary)")
    for segment in case.rfm_segments:
        entry = f"rfm segment {segment.id!r}"
        if segment.status not in RFM_STATUSES:
            fail(entry, "status", f"{segment.status!r} not among {list(RFM_STATUSES)}")
        if segment.status == "lapsed" and segment.r_max > 1:
            fail(entry, "r_max", "a lapsed segment holds only R=1 (over lapsed_after_days)")
        if segment.status != "lapsed" and segment.r_min < 2:
            fail(entry, "r_min", f"a {segment.status} segment must not take R=1 customers (lapsed)")
        if segment.status == "active" and segment.r_min < 3:
            fail(entry, "r_min", "an active segment takes only R>=3 (bought in the last "
                                 f"{int(bands.recency_days[2])} days)")
        if segment.definition is None:
            fail(entry, "definition", "say in words which customers the segment holds")


def _check_knowledge_audit(case: CaseCompany, course: Course, fail, categories: set[str], steps: set[str]) -> None:
    """The audit facts of [knowledge_audit] (issue 12): known group, categories, forms, stages, steps."""
    audit = case.knowledge_audit
    if audit.group not in {s.id for s in case.segments}:
        fail("[knowledge_audit]", "group", f"{audit.group!r} is not a segment id")
    forms = {e.id for e in course.point("C3.4").entries}
    stages = {e.id for e in course.point("C5.1").entries if not e.id.startswith("knowledge-")}
    seen: set[str] = set()
    for asset in audit.assets:
        entry = f"knowledge_audit asset {asset.id!r}"
        if asset.id in seen:
            fail(entry, "id", "duplicate id")
        seen.add(asset.id)
        if not set(asset.category) <= categories:
            fail(entry, "category", f"{list(asset.category)} not among {sorted(categories)}")
        if asset.form not in forms:
            fail(entry, "form", f"{asset.form!r} not among {sorted(forms)}")
        if asset.stage not in stages:
            fail(entry, "stage", f"{asset.stage!r} not a C5.1 stage; stages: {sorted(stages)}")
        if asset.status not in STATUSES:
            fail(entry, "status", f"{asset.status!r} not among {list(STATUSES)}")
        if not asset.keywords:
            fail(entry, "keywords", "give at least one keyword")
    if len(audit.assets) < 3:
        fail("[knowledge_audit]", "assets", "the asset file needs at least three assets")
    covered = set()
    for fact in audit.facts:
        entry = f"knowledge_audit fact {fact.id!r}"
        if fact.id in seen:
            fail(entry, "id", "duplicate id (asset and fact ids share one namespace)")
        seen.add(fact.id)
        if fact.step not in steps:
            fail(entry, "step", f"not a C6.4 step; steps: {sorted(steps)}")
        if not fact.keywords:
            fail(entry, "keywords", "give at least one keyword")
        covered.add(fact.step)
    missing = steps - covered - {"asset-file"}
    if missing:
        fail("[knowledge_audit]", "facts", f"no fact for the C6.4 steps {sorted(missing)} (asset-file is the assets)")


CASE_EXERCISE = "c3.1-case-interactions"


def case_exercise_spec(case: CaseCompany, course: Course) -> ExerciseSpec:
    """C3.1 on the case company: classify each kind of touchpoint record into the four categories."""
    four = course.exercise("c3.1-four-categories")
    items = tuple(Item(id=k.id, label=Text(f"[{k.type.zh}] {k.text.zh}", f"[{k.type.en}] {k.text.en}"),
                       answer=k.category, reason=k.reason) for k in case.interactions)
    return ExerciseSpec(
        id=CASE_EXERCISE, kind="multi_label", point="C3.1",
        title=Text(f"{case.company.name.zh}的接触记录", f"{case.company.name.en}'s touchpoint records"),
        prompt=Text("把每一类接触记录归入四类客户知识（可多选）。",
                    "Put each kind of touchpoint record into the four categories of customer knowledge (one or more)."),
        hint=four.hint, hints=four.hints, choices=four.choices, items=items, file=COMPANY.name)
