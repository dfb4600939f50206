"""The case-study layer (chapter 9): datasets and the case-company generator (``data``), the
analyses (``analytics``: RFM, CLV, profitability, classes) and the case study's tables (``study``).

The TOML files beside these modules (``company.toml``, ``manifest.toml``, ``audit_brief.toml``)
are content, read by ``ckm_course.content``. Imports content and the ground, never the exercises
(docs/ARCHITECTURE.md).
"""
