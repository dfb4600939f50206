"""Issue 22 item 10: every figure speaks — a text alternative computed from its data and a small
"数据 Data" table — and shows both right after the figure when displayed."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from IPython.utils.capture import capture_output

import ckm_course
from ckm_course.content.model import Text
from ckm_course.frontends import charts, figure_alt
from ckm_course.frontends.figure_text import DATA, MAX_ROWS, FigureText, SpeakingFigure

PLOTLY = "application/vnd.plotly.v1+json"


@pytest.fixture(autouse=True)
def _plotly_mimetype(monkeypatch):
    """As in a notebook: a shell to display into, plotly's mimetype renderer (ckm_course.start)."""
    import plotly.io as pio
    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()
    monkeypatch.setattr(pio.renderers, "default", "plotly_mimetype")


def dims(n: int) -> list[Text]:
    return [Text(f"维度{i}", f"dimension {i}") for i in range(n)]


def test_radar_finding_follows_the_scores():
    a = charts.capability_radar(dims(3), [5, 1, 3]).text
    b = charts.capability_radar(dims(3), [1, 5, 3]).text
    assert "Strongest: dimension 0 (5)" in a.alt("en") and "weakest: dimension 1 (1)" in a.alt("en")
    assert "Strongest: dimension 1 (5)" in b.alt("en") and "weakest: dimension 0 (1)" in b.alt("en")
    assert "最强：维度0（5）" in a.alt("zh")
    assert a.rows == (("维度0 dimension 0", "5"), ("维度1 dimension 1", "1"), ("维度2 dimension 2", "3"))


def test_whale_finding_is_the_curves_peak():
    curve = pd.DataFrame({"customer_share": [0.25, 0.5, 0.75, 1.0], "cumulative_profit_share": [0.9, 1.6, 1.3, 1.0]})
    other = curve.assign(cumulative_profit_share=[1.2, 1.1, 1.05, 1.0])
    assert "most profitable 50% of customers earn 160% of total profit" in charts.whale_curve(curve).text.alt("en")
    assert "most profitable 25% of customers earn 120%" in charts.whale_curve(other).text.alt("en")
    assert "back to 100%" in charts.whale_curve(curve).text.alt("en")
    rising = curve.assign(cumulative_profit_share=[0.4, 0.7, 0.9, 1.0])  # no customer loses money
    assert charts.whale_curve(rising).text.alt("en").endswith("earn 100% of total profit")


def test_customer_classes_names_the_largest_class():
    frame = pd.DataFrame({"r": [1, 2, 3, 4], "p": [1, 2, 3, 4], "cls": ["a", "b", "b", "b"]})
    labels = {"a": Text("甲", "Alpha"), "b": Text("乙", "Beta")}
    text = charts.customer_classes(frame, "r", "p", "cls", labels).text
    assert "largest class is Beta: 3 customers (75%)" in text.alt("en")
    flipped = charts.customer_classes(frame.assign(cls=["a", "a", "a", "b"]), "r", "p", "cls", labels).text
    assert "largest class is Alpha: 3 customers (75%)" in flipped.alt("en")


def test_gantt_finding_follows_the_weeks():
    point = ckm_course.point("C6.1")
    even = charts.roadmap_gantt(point).text.alt("en")
    assert f"takes {2 * len(point.entries)} weeks; every step takes 2 weeks" in even
    first = point.entries[0]
    longer = charts.roadmap_gantt(point, {first.id: 7}).text.alt("en")
    assert f"takes {2 * len(point.entries) + 5} weeks; the longest step is {first.label.en} (7 weeks)" in longer


def test_content_figures_say_their_counts_from_the_content():
    point = ckm_course.point("C6.4")
    text = charts.audit_flow(point).text
    assert f"{len(point.entries)} steps in {len(point.groups)} stages" in text.alt("en")
    assert [row[1] for row in text.rows] == [f"{e.label.zh} {e.label.en}" for e in point.entries]
    fewer = dataclasses.replace(point, entries=point.entries[:3])
    assert f"3 steps in {len(point.groups)} stages" in charts.audit_flow(fewer).text.alt("en")
    matrix = charts.process_technology_matrix(ckm_course.point("C6.5")).text
    top = max(matrix.rows, key=lambda row: int(row[1]))
    assert f"supports the most processes ({top[1]})" in matrix.alt("en")


@pytest.mark.parametrize("build", [
    lambda: charts.dikw_pyramid(ckm_course.point("C2.3")),
    lambda: charts.taxonomy_sunburst([ckm_course.point(p) for p in ("C3.1", "C3.2")], Text("根", "root")),
    lambda: charts.lifecycle_cycle(ckm_course.point("C5.1")),
    lambda: charts.process_technology_matrix(ckm_course.point("C6.5")),
])
def test_every_content_figure_speaks_both_languages(build):
    figure = build()
    assert isinstance(figure, SpeakingFigure) and figure.text is not None
    both = figure.text.alt("both")
    assert " / " in both and any("\u4e00" <= ch <= "\u9fff" for ch in both)
    assert 0 < len(figure.text.rows) <= MAX_ROWS


def test_display_puts_the_words_right_after_the_figure():
    figure = charts.capability_radar(dims(2), [2, 4])
    with capture_output() as shown:
        figure._ipython_display_()
    kinds = [list(o.data) for o in shown.outputs]
    assert PLOTLY in kinds[0] and "text/html" in kinds[1]
    page = shown.outputs[1].data["text/html"]
    assert f"<details><summary>{DATA}</summary>" in page and '<th scope="col">' in page
    assert "dimension 1 (4)" in page and 'data-jp-theme-light="false"' in page  # the dark-theme style


def test_the_data_table_is_capped():
    rows = tuple((str(i),) for i in range(MAX_ROWS + 12))
    page = FigureText(Text("图", "fig"), Text("多", "many"), (Text("行", "row"),), rows).html("en")
    assert page.count("<tr>") == MAX_ROWS + 1  # the header row and MAX_ROWS rows
    assert f"First {MAX_ROWS} of {MAX_ROWS + 12} rows." in page


def test_the_sunburst_offers_its_table_on_narrow_screens():
    page = charts.taxonomy_sunburst([ckm_course.point("C3.1")], Text("根", "root")).text.html("en")
    assert 'data-narrow="table"' in page and 'class="ckm-figure-narrow"' in page
    assert "@media (max-width: 600px)" in page


def test_explorer_figures_update_their_words_with_the_figure():
    from ckm_course.frontends import widgets

    assessment = widgets.capability_assessment()
    first = assessment.point.entries[0]
    with capture_output() as shown:
        assessment._ipython_display_()
    assert "text/html" in shown.outputs[-1].data and PLOTLY in shown.outputs[-2].data
    with capture_output() as updated:
        assessment.sliders[first.id].value = assessment.sliders[first.id].max
    words = [o.data["text/html"] for o in updated.outputs if "ckm-figure-text" in o.data.get("text/html", "")]
    assert words and f"Strongest: {first.label.en} ({assessment.sliders[first.id].max})" in words[-1]


def test_figure_alt_has_a_function_for_every_builder():
    names = {"dikw", "sunburst", "comparison", "lifecycle", "audit", "matrix", "gantt", "classes", "radar", "whale"}
    assert names <= set(dir(figure_alt))
