"""ipywidgets front ends: one per exercise kind, a language toggle and the explorers.

``exercise_widget("c3.1-four-categories")`` builds the right widget for an exercise;
widgets hold no domain logic (checking is ``checks/``, figures ``charts.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as widgets

from ckm_course.content.catalog import catalog
from ckm_course.exercises.exercise import Exercise, exercise as find_exercise
from ckm_course.i18n import get_language, set_language
from ckm_course.content.model import Text
from ckm_course.frontends.widgets.base import LIVE, ExerciseWidget
from ckm_course.frontends.widgets.choice import MultipleChoice, OpenAnswer, ValueEntry
from ckm_course.frontends.widgets.classification import ClassificationGrid, MatchingDropdowns, RadioRows
from ckm_course.frontends.widgets.ordering import OrderingList
from ckm_course.frontends.widgets.plan import PlanForm, plan_widget

# The explorers draw figures (plotly) from the case data (pandas): imported by the function that builds one, so
# a notebook of exercises only (solutions/, the final quiz) does not import pandas and plotly at its first
# exercise (~0.45 s of a kernel, measured with -X importtime; issue 23).
if TYPE_CHECKING:
    from ckm_course.frontends.widgets.assessment import CapabilityAssessment
    from ckm_course.frontends.widgets.classes import ClassExplorer
    from ckm_course.frontends.widgets.explorers import ComparisonExplorer, RoadmapPlanner

WIDGETS: dict[str, type[ExerciseWidget]] = {
    "multi_label": ClassificationGrid,
    "single_label": RadioRows,
    "matching": MatchingDropdowns,
    "ordering": OrderingList,
    "multiple_choice": MultipleChoice,
    "value": ValueEntry,
    "open": OpenAnswer,
    "plan": PlanForm,  # the capstone's forms (issue 12); the C6.1 plan gets its Gantt via plan_widget
}

__all__ = [
    "WIDGETS", "ExerciseWidget", "capability_assessment", "class_explorer", "comparison_explorer", "exercise_widget",
    "language_toggle", "roadmap_planner", "side_names",
]


def exercise_widget(exercise: Exercise | str) -> ExerciseWidget:
    """The interactive widget for an exercise (object or id)."""
    if isinstance(exercise, str):
        exercise = find_exercise(exercise)
    if exercise.kind == "plan":
        return plan_widget(exercise)
    return WIDGETS[exercise.kind](exercise)


class LanguageToggle(widgets.ToggleButtons):
    """The language buttons; saved without a kernel they read as one line, not a widget repr."""

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = "语言 Language: 中文 / English / 双语 — run this cell to switch / 运行此单元格切换"
        return data


def language_toggle() -> widgets.ToggleButtons:
    """中文 / English / 双语 buttons: switch the language of every live exercise at once."""
    toggle = LanguageToggle(options=[("中文", "zh"), ("English", "en"), ("双语 both", "both")],
                            value=get_language(), description="语言 Language",
                            style={"description_width": "initial"})  # a fixed width overlapped the output prompt
    toggle.add_class("ckm-language")

    def switch(change: dict) -> None:
        set_language(change["new"])
        for widget in list(LIVE):
            widget.refresh()

    toggle.observe(switch, names="value")
    return toggle


def side_names(exercises: list[Exercise]) -> dict[str, Text]:
    """The CKM / CRM / KM names of the comparison explorer (``explorers.side_names``)."""
    from ckm_course.frontends.widgets.explorers import side_names as names  # plotly: see the imports above

    return names(exercises)


def roadmap_planner(default_weeks: float = 2.0) -> RoadmapPlanner:
    """The C6.1 planner: weeks and owner per step, with a live Gantt chart."""
    from ckm_course.frontends.widgets.explorers import RoadmapPlanner  # plotly: see the imports above

    return RoadmapPlanner(catalog().course.point("C6.1"), default_weeks)


def comparison_explorer() -> ComparisonExplorer:
    """The C4 explorer: pick a dimension and see CKM, CRM and KM side by side."""
    from ckm_course.frontends.widgets.explorers import ComparisonExplorer  # plotly: see the imports above

    course = catalog().course
    sides = side_names([Exercise(course.exercise("c4.1-ckm-or-crm")), Exercise(course.exercise("c4.3-ckm-or-km"))])
    return ComparisonExplorer([course.point("C4.1"), course.point("C4.3")], sides)


def capability_assessment(ratings: dict[str, int] | None = None, company: Text | None = None) -> CapabilityAssessment:
    """The C8.1 self-assessment: a 1-5 slider per dimension, a radar and the weakest dimensions."""
    from ckm_course.frontends.widgets.assessment import CapabilityAssessment  # plotly: see the imports above

    course = catalog().course
    return CapabilityAssessment(course.point("C8.1"), course.levels, company, ratings)


def class_explorer() -> ClassExplorer:
    """The C1.3 explorer on the case company: class thresholds as sliders, scatter and summary."""
    from ckm_course.case import analytics, data  # pandas and plotly: see the imports above
    from ckm_course.frontends.widgets.classes import ClassExplorer

    company = catalog().company
    customers = data.load_case("customers").set_index("customer_id")
    profit = analytics.profitability(customers, company.activities)["profit"]
    labels = {e.id: e.label for e in catalog().course.point("C1.3").entries}
    labels["other"] = company.other_class.label
    # negative value by the decks' lifetime rule (resources to invest exceed lifetime value), as notebook 09's table
    lifetime = analytics.lifetime_account(customers, company.activities)["lifetime_profit"]
    return ClassExplorer(customers, profit, labels, lifetime)
