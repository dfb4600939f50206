"""The exercises layer: checking answers and keeping the evidence.

``checks/`` (one checker per kind; a ``Result`` is pure data), ``exercise`` (the student's
``Exercise``: check, hint, solution), ``record`` (the answer-record format), ``journal`` (this
kernel's attempts; one record built per check), ``reader`` (the one reader of saved notebooks and
answer files), ``saved`` (restore after a restart), ``collect`` (read answers back),
``answers`` (Voilà's answer files), ``identity`` (who handed a notebook in), ``settings`` (modes)
and ``feedback`` (a check as HTML). Imports content and the ground, never the case study;
``Exercise.widget()`` is the one import of a front end (docs/ARCHITECTURE.md).
"""
