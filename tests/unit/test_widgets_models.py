"""Issue 23: an exercise widget opens few ipywidgets models and sends no update while it is built.

Every model and every change of one is a message from the kernel to the page (~0.4 ms each in a kernel); a
chapter of exercises opened ~2,400 models and sent ~1,300 updates (one per ``add_class``) before
``shared.py``, which made notebooks 03 and 06 run ~2x the floor notebook.
"""

from __future__ import annotations

import ipywidgets as widgets
import pytest

import ckm_course
from ckm_course.frontends.widgets import exercise_widget, shared

LAYOUT_KINDS = (widgets.Layout, widgets.Style)


def _models(root: widgets.Widget) -> list[widgets.Widget]:
    """Every model the page gets for ``root``: the widgets of its tree, their layouts and styles, once each."""
    seen: dict[str, widgets.Widget] = {}
    todo = [root]
    while todo:
        model = todo.pop()
        if model.model_id in seen:
            continue
        seen[model.model_id] = model
        todo += [v for v in (getattr(model, "layout", None), getattr(model, "style", None)) if isinstance(v, widgets.Widget)]
        todo += [c for c in getattr(model, "children", ()) if isinstance(c, widgets.Widget)]
    return list(seen.values())


@pytest.fixture(autouse=True)
def english(clean_kernel):
    ckm_course.set_language("en")


@pytest.mark.parametrize("exercise_id", ["c3.1-four-categories", "c6.5-technology-process", "c6.1-step-order",
                                         "c6.questionnaire", "c6.2-principles"])
def test_an_exercise_shares_its_layouts_and_styles(exercise_id):
    widget = exercise_widget(exercise_id)
    models = _models(widget)
    looks = [m for m in models if isinstance(m, LAYOUT_KINDS)]
    controls = [m for m in models if not isinstance(m, LAYOUT_KINDS)]
    # before: one Layout per control and one Style per styled control (c3.1: 210 layouts + 149 styles for 215 controls)
    assert len(looks) <= 16 < len(controls), (len(looks), len(controls))


@pytest.mark.parametrize("exercise_id", ["c3.1-four-categories", "c6.1-step-order", "c6.5-technology-process"])
def test_building_an_exercise_sends_almost_no_updates(exercise_id, monkeypatch):
    sent: list[tuple[str, object]] = []
    original = widgets.Widget.send_state

    def counting(self, key=None):
        sent.append((type(self).__name__, key))
        return original(self, key)

    monkeypatch.setattr(widgets.Widget, "send_state", counting)
    exercise_widget(exercise_id)
    # the header's text and the two children lists; before: one update per add_class (~80 in c6.5)
    assert len(sent) <= 4, sent


def test_a_shared_layout_refuses_a_change_and_a_widget_of_its_own_does_not():
    label = shared.html("x", width="1.8em")
    assert shared.html("y", width="1.8em").layout is label.layout
    with pytest.raises(AttributeError, match="shared Layout"):
        label.layout.display = "none"
    with pytest.raises(AttributeError, match="shared HTMLStyle"):
        label.style.font_size = "2em"
    assert label.layout.display is None
    widget = exercise_widget("c6.2-principles")  # a hidden button swaps to the shared hidden layout
    assert widget.buttons["new_set"].layout.display == "none" and widget.buttons["show"].layout.display is None
    assert widget.buttons["check"].layout is widget.buttons["show"].layout is not widget.buttons["new_set"].layout


def test_outside_the_app_an_exercise_has_no_saved_line_model():
    widget = exercise_widget("c6.2-principles")
    assert widget._saved_line is None and widget.saved_line.value == "" and widget.saved_line not in widget.children


def test_a_closed_shared_layout_is_replaced():
    first = shared.layout(width="3.3em")
    first.close()
    again = shared.layout(width="3.3em")
    assert again is not first and again.comm is not None and again.width == "3.3em"


LEAN = """
import sys
import ckm_course
ckm_course.start("en")
for exercise_id in ("quiz-c1-reasons", "c3.1-four-categories", "c6.1-step-order", "capstone-audit", "capstone-plan"):
    widget = ckm_course.exercise(exercise_id).widget()
    widget.set_answer(widget.exercise.solution())
    widget.check()
print(sorted(m for m in ("pandas", "numpy", "plotly") if m in sys.modules))
"""


def test_a_notebook_of_exercises_imports_neither_pandas_nor_plotly():
    """The explorers and the roadmap's Gantt import them when they are built (~0.45 s of a kernel before)."""
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-c", LEAN], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines()[-1] == "[]", shown


@pytest.mark.parametrize("build", ["roadmap_planner", "capability_assessment", "capstone-audit", "capstone-plan"])
def test_explorers_and_plan_forms_share_theirs(build):
    from ckm_course.frontends import widgets as built

    widget = getattr(built, build)() if not build.startswith("capstone") else exercise_widget(build)
    models = _models(widget)
    looks = [m for m in models if isinstance(m, LAYOUT_KINDS)]
    # before: the planner opened 11 rows x (3 layouts + 2 styles), a plan form one layout and style per cell
    assert len(looks) <= 24 < len(models) - len(looks), (len(looks), len(models))  # before: 69 to 379


def test_choice_and_value_controls_share_theirs_across_exercises():
    """Radio buttons, number boxes and answer boxes: one layout and style for all (each had its own before)."""
    def first(kind, **wanted):
        ids = [i for i in ckm_course.exercise_ids() if ckm_course.exercise(i).kind == kind
               and all(getattr(ckm_course.exercise(i).spec, k) == v for k, v in wanted.items())]
        return [exercise_widget(i) for i in ids[:2]]

    radios = first("multiple_choice", multiple=False)
    values = first("value", expected_table=None)
    opens = first("open")
    for a, b in (radios[0].radio, radios[1].radio), (values[0].text, values[1].text), (opens[0].text, opens[1].text):
        assert a.layout is b.layout and a.style is b.style
