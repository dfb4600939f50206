"""The front-end layer: what a student sees and clicks.

``widgets/`` (ipywidgets, one per exercise kind, and the explorers), ``charts`` (plotly figure
builders: data in, figure out), ``present`` (content points and materials as tables),
``case_thread`` (the Qinghe section of a chapter) and ``app`` (the Voilà server). Imports the
exercises, the case study, the content and the ground (docs/ARCHITECTURE.md).
"""
