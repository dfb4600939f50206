"""Typed, frozen objects for the fictional case company of chapter 9 (``ckm_course/case/company.toml``).

Segments and activities feed the generator (:mod:`ckm_course.case.data`), interaction kinds
the C3.1 case exercise, the audit and the assessment the capstone (issue 12). Read and checked
against the course by :mod:`ckm_course.content.company`; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass

from ckm_course.content.model import Text


@dataclass(frozen=True)
class Segment:
    """A customer segment of the case company and the parameters the generator draws from."""

    id: str
    label: Text
    share: float
    median_revenue: float
    sigma: float
    margin: float
    orders_per_100k: float
    calls_per_order: float
    growth: float
    wallet_share: float


@dataclass(frozen=True)
class Activity:
    """An activity of the case company's activity-based costing: cost ``rate`` per ``driver`` unit."""

    id: str
    column: str
    label: Text
    driver: Text
    rate: float
    grows: bool = True


@dataclass(frozen=True)
class InteractionTemplate:
    """One wording of a kind of touchpoint record: ``{slot}`` placeholders, and its sentiment (issue 12)."""

    text: Text
    sentiment: str


@dataclass(frozen=True)
class Slot:
    """Fillers for a ``{id}`` placeholder in interaction templates (products, issues, numbers)."""

    id: str
    values: tuple[Text, ...]


@dataclass(frozen=True)
class InteractionKind:
    """A kind of touchpoint record; ``category`` holds its C3.1 knowledge category (or two).

    ``text`` is the kind's example (the C3.1 case exercise shows it); generated records use
    ``templates`` and any of ``channel`` and ``other_channels``.
    """

    id: str
    reason: Text
    channel: Text
    type: Text
    text: Text
    category: tuple[str, ...]
    weight: float
    other_channels: tuple[Text, ...] = ()
    templates: tuple[InteractionTemplate, ...] = ()


@dataclass(frozen=True)
class RfmSegment:
    """An RFM segment (C2.3): score bounds (inclusive, 1-5) and the action it calls for."""

    id: str
    label: Text
    action: Text
    r_min: float = 1
    r_max: float = 5
    f_min: float = 1
    f_max: float = 5
    status: str = "active"
    definition: Text | None = None


@dataclass(frozen=True)
class RfmBands:
    """Absolute RFM bands for one cohort, scored at a stated analysis date (C2.3, issue 12).

    ``recency_days``: the most days since the last purchase for R5, R4, R3, R2 (more is R1);
    ``frequency`` and ``monetary``: the least purchase days / spend for score 2, 3, 4, 5;
    ``lapsed_after_days``: a customer who has not bought for longer is lapsed.
    """

    as_of: str
    recency_days: tuple[float, ...]
    frequency: tuple[float, ...]
    monetary: tuple[float, ...]
    lapsed_after_days: float


@dataclass(frozen=True)
class AuditFinding:
    """What the case company finds at one step (a C6.4 entry id) of its knowledge audit."""

    step: str
    finding: Text


@dataclass(frozen=True)
class KnowledgeAsset:
    """One line of the audited group's customer knowledge asset file (C6.4 "asset-file", issue 12).

    ``category``: C3.1 ids; ``form``: C3.4 id (explicit/tacit); ``stage``: the C5.1 stage
    where the knowledge stops today; ``status``: "summarised", "unsummarised" or "missing".
    ``keywords``: words (zh or en) any one of which marks a student's answer as naming it.
    """

    id: str
    knowledge: Text
    category: tuple[str, ...]
    form: str
    location: Text
    holder: Text
    stage: str
    status: str
    gap: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class AuditFact:
    """A checkable fact a complete knowledge audit of the case group records at one C6.4 step (issue 12)."""

    id: str
    step: str
    fact: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeAudit:
    """The facts of the case company's knowledge audit of one customer group (``group``: a segment id)."""

    group: str
    assets: tuple[KnowledgeAsset, ...]
    facts: tuple[AuditFact, ...]


@dataclass(frozen=True)
class Company:
    name: Text
    description: Text


@dataclass(frozen=True)
class OtherClass:
    label: Text


@dataclass(frozen=True)
class CaseCompany:
    """The fictional case company of chapter 9 (``ckm_course/case/company.toml``)."""

    company: Company
    segments: tuple[Segment, ...]
    activities: tuple[Activity, ...]
    interactions: tuple[InteractionKind, ...]
    slots: tuple[Slot, ...]
    other_class: OtherClass
    rfm: RfmBands
    rfm_segments: tuple[RfmSegment, ...]
    audit: tuple[AuditFinding, ...]
    assessment: tuple[tuple[str, float], ...]
    knowledge_audit: KnowledgeAudit
    assessment_evidence: tuple[tuple[str, Text], ...]
