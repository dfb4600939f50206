"""The notebooks layer: running and transforming notebook files.

``runner`` (execute notebooks with deterministic outputs), ``build`` (solutions/ -> exercises/),
``deck`` and ``slides`` (offline reveal.js decks), ``static_figures`` (PNGs of plotly figures).
Imports the layers below it, never the grading (docs/ARCHITECTURE.md).
"""
