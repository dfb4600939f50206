"""The content layer: the course's data files (beside these modules) and what reads them.

``*.toml`` (chapters, points, exercises), ``feedback/``, ``materials/``, ``capstone/``,
``case_thread/`` and ``rubrics/`` live here; ``ckm_course/case/*.toml`` hold the case company.
Modules: ``model`` / ``company_model`` (frozen dataclasses), ``builder`` (TOML -> objects, the
``ContentError`` that names file, entry and field), ``loader`` (chapters + feedback + capstone
forms + rubrics, validated by ``validate`` and ``derive``), one reader per other kind of file
(``plans``, ``rubrics``, ``materials``, ``thread``, ``brief``, ``company``, ``glossary``), and
``catalog``: everything loaded once per kernel, with one ``find()`` per registry.
Imports only the ground (``i18n``, ``files``); see docs/ARCHITECTURE.md.
"""
