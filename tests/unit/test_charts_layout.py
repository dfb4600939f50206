"""Figure layouts fit their labels (issue 10, items 6): margins measured against label widths.

Widths are counted in display columns (a CJK character is 2) and turned into pixels with
``charts.text_px``; a margin smaller than a label means the label is clipped ("rategy",
"n team"), labels in one row wider than their slots overlap (the audit flow).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ckm_course
from ckm_course.frontends import chart_layout, charts, widgets
from ckm_course.content.model import Text

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("both", "zh", "en")
STATIC_WIDTH = 860  # ckm_course.notebooks.static_figures.WIDTH


def plot_width(figure, width: float = STATIC_WIDTH) -> float:
    return width - figure.layout.margin.l - figure.layout.margin.r


def assert_title_fits(figure) -> None:
    assert figure.layout.margin.t >= charts.text_height_px(figure.layout.title.text, 17), figure.layout.title.text


def test_display_columns_count_cjk_twice_and_ignore_markup():
    assert charts.columns("abc") == 3
    assert charts.columns("客户abc") == 7
    assert charts.columns("<b>客户</b><br>Customer knowledge") == 18
    assert charts.text_px("客户知识") > charts.text_px("abcd")


@pytest.mark.parametrize("width", [8, 12, 20, 36])
def test_wrap_breaks_cjk_at_the_width_and_keeps_every_character(width):
    text = "综合运用信息技术与知识管理工具，帮助企业理解客户、服务客户。 / A process and method that combines IT"
    wrapped = charts.wrap(text, width)
    for line in charts.lines(wrapped):
        assert charts.columns(line) <= width or " " not in line.strip() and not re.search(r"[\u4e00-\u9fff]", line)
    assert re.sub(r"<br>|\s", "", wrapped) == re.sub(r"\s", "", text)
    assert "<br>，" not in wrapped and "<br>、" not in wrapped  # closing punctuation stays with its character


def test_wrap_keeps_existing_breaks():
    assert charts.wrap("客户<br>知识", 40) == "客户<br>知识"


@pytest.mark.parametrize("language", LANGUAGES)
def test_gantt_row_labels_fit_the_left_margin_and_the_legend_is_away_from_the_axis_title(language):
    point = ckm_course.point("C6.1")
    figure = charts.roadmap_gantt(point, language=language)
    labels = [y for trace in figure.data for y in trace.y]
    assert len(labels) == len(point.entries)
    assert figure.layout.margin.l >= max(charts.text_px(y) for y in labels) + 8
    # the week axis title is at the bottom; the legend sits above the plot, under the title
    assert figure.layout.legend.yanchor == "bottom" and figure.layout.legend.y >= 1
    assert figure.layout.xaxis.title.text and figure.layout.xaxis.side in (None, "bottom")
    legend_px = len(figure.data) * chart_layout.LEGEND_ROW_PX
    assert figure.layout.margin.t >= charts.text_height_px(figure.layout.title.text, 17) + legend_px
    rows = (figure.layout.height - figure.layout.margin.t - figure.layout.margin.b) / len(labels)
    assert rows >= max(charts.text_height_px(y) for y in labels)


@pytest.mark.parametrize("language", LANGUAGES)
def test_audit_flow_labels_each_have_their_own_row_and_fit_its_width(language):
    point = ckm_course.point("C6.4")
    figure = charts.audit_flow(point, language=language)
    rows = [y for trace in figure.data for y in trace.y]
    assert sorted(rows) == list(range(len(point.entries)))  # one box per row: nothing side by side
    texts = [t for trace in figure.data for t in trace.text]
    assert max(charts.text_px(t) for t in texts) <= plot_width(figure, 700)  # fits even a narrow notebook
    row_px = (figure.layout.height - figure.layout.margin.t - figure.layout.margin.b) / len(rows)
    box_px = row_px * (1 - figure.layout.bargap)
    assert box_px >= max(charts.text_height_px(t) for t in texts)
    assert_title_fits(figure)


@pytest.mark.parametrize("language", LANGUAGES)
def test_comparison_table_wraps_chinese_within_its_columns(language):
    figure = charts.comparison_table(
        [ckm_course.point("C4.1"), ckm_course.point("C4.3")],
        widgets.side_names([ckm_course.exercise("c4.1-ckm-or-crm"), ckm_course.exercise("c4.3-ckm-or-km")]),
        ckm_course.course().chapters[3].title, language)
    table = figure.data[0]
    widths = list(table.columnwidth)
    assert figure.layout.width == charts.TABLE_WIDTH == STATIC_WIDTH  # wrapped for the width it is drawn at
    usable = charts.TABLE_WIDTH - figure.layout.margin.l - figure.layout.margin.r
    for column, width in zip(table.cells.values, widths):
        room = usable * width / sum(widths)
        for cell in column:
            for line in charts.lines(cell):
                if charts.COURSE_NOTE_MARKER in line:
                    continue
                cjk = "".join(re.findall(r"[\u2e80-\uffef]", line))
                assert charts.columns(cjk) * charts.FONT_SIZE / 2 <= room, line  # CJK has no spaces to wrap at
    chinese = [c for column in table.cells.values for c in column if re.search(r"[\u4e00-\u9fff]{12}", c)]
    assert language == "en" or any("<br>" in c for c in chinese)
    lines = sum(max(len(charts.lines(c)) for c in row) for row in zip(*table.cells.values))
    assert figure.layout.height >= figure.layout.margin.t + lines * charts.FONT_SIZE * 1.3


@pytest.mark.parametrize("language", LANGUAGES)
def test_matrix_and_pyramid_labels_fit_their_margins(language):
    matrix = charts.process_technology_matrix(ckm_course.point("C6.5"), language)
    heat = matrix.data[0]
    assert matrix.layout.margin.l >= max(charts.text_px(y) for y in heat.y) + 8
    assert matrix.layout.margin.b >= 0.64 * max(charts.text_px(x) for x in heat.x)  # slanted 40°
    assert_title_fits(matrix)
    pyramid = charts.dikw_pyramid(ckm_course.point("C2.3"), language)
    assert pyramid.layout.margin.l >= max(charts.text_px(y) for y in pyramid.data[0].y) + 8
    assert_title_fits(pyramid)


def test_a_long_title_gets_a_taller_top_margin():
    short = chart_layout.themed_figure(Text("短", "Short"), "both", height=300)
    tall = chart_layout.themed_figure(Text("一<br>二<br>三", "one<br>two<br>three"), "both", height=300)
    assert tall.layout.margin.t > short.layout.margin.t
    assert_title_fits(tall)


SOURCES = ("*.py", "*.toml", "*.css", "*.js", "*.j2", "*.html", "*.md")


def test_no_emoji_outside_the_basic_plane_in_the_package_or_notebooks():
    """A character above U+FFFF (💡, 🎯, …) needs a colour emoji font a classroom machine may lack."""
    files = [p for pattern in SOURCES for p in (ROOT / "ckm_course").rglob(pattern)]
    files += [p for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb")]
    assert len(files) > 30
    found = {f"{path.relative_to(ROOT)}: {ch!r} U+{ord(ch):X}"
             for path in files for ch in set(path.read_text(encoding="utf-8", errors="replace")) if ord(ch) > 0xFFFF}
    assert not found, sorted(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_radar_labels_at_the_sides_fit_the_margins(language):
    dimensions = [e.label for e in ckm_course.point("C8.1").entries]
    figure = charts.capability_radar(dimensions, [3] * len(dimensions), language=language)
    widest = max(charts.text_px(t) for t in figure.data[0].theta)
    assert min(figure.layout.margin.l, figure.layout.margin.r) >= widest
    assert_title_fits(figure)


def test_axes_grow_their_margins_and_long_axis_titles_fit_the_plot():
    """Tick labels and axis titles push the margins (plotly automargin) instead of overlapping
    (the whale curve's y title ran over its ticks); a rotated title fits the plot's height."""
    assert charts.THEME.layout.xaxis.automargin is True and charts.THEME.layout.yaxis.automargin is True
    curve = __import__("pandas").DataFrame({"customer_share": [0.5, 1.0], "cumulative_profit_share": [1.5, 1.0]})
    for language in LANGUAGES:
        figure = charts.whale_curve(curve, language=language)
        plot_height = figure.layout.height - figure.layout.margin.t - figure.layout.margin.b
        assert charts.text_px(figure.layout.yaxis.title.text) <= plot_height, language
        assert charts.text_px(figure.layout.xaxis.title.text) <= plot_width(figure, 700), language


def test_a_comparison_table_can_be_drawn_in_parts_that_fit_a_slide():
    """rows=(a, b) splits C4.1's table over two sub-slides (notebook 04), each shorter than the whole."""
    import ckm_course
    from ckm_course.frontends import widgets

    point = ckm_course.point("C4.1")
    sides = widgets.side_names([ckm_course.exercise("c4.1-ckm-or-crm")])
    whole = charts.comparison_table([point], sides, point.title)
    parts = [charts.comparison_table([point], sides, point.title, rows=r) for r in ((1, 3), (4, len(point.entries)))]
    assert [len(p.data[0].cells.values[0]) for p in parts] == [3, len(point.entries) - 3]
    assert all(p.layout.height < whole.layout.height for p in parts)
    with pytest.raises(ValueError, match="the table has rows 1 to"):
        charts.comparison_table([point], sides, point.title, rows=(0, 2))


# --- the roadmap Gantt's start weeks (issue 12: the capstone plan form draws the planned starts) ---

def _bases(figure) -> dict[str, tuple[float, float]]:
    """``{step number: (start, weeks)}`` of the drawn bars, by the "N." that opens each row label."""
    return {re.match(r"\d+", y).group(): (float(b), float(x))
            for trace in figure.data for y, b, x in zip(trace.y, trace.base, trace.x)}


def test_gantt_bars_start_at_the_given_weeks_so_parallel_steps_overlap():
    point = ckm_course.point("C6.1")
    weeks = {e.id: 3.0 for e in point.entries}
    starts = {"step-1": 0, "step-2": 1.5, "step-3": 1.5, "step-6": "20", "step-7": 20.0}
    bars = _bases(charts.roadmap_gantt(point, weeks, starts=starts, language="en"))
    assert bars["1"] == (0.0, 3.0) and bars["2"] == (1.5, 3.0) and bars["3"] == (1.5, 3.0)  # steps 2 and 3 in parallel
    assert bars["4"][0] == 4.5 and bars["5"][0] == 7.5  # no start given: where the step above ends
    assert bars["6"][0] == 20.0 and bars["7"][0] == 20.0 and bars["8"][0] == 23.0


def test_gantt_without_starts_is_drawn_one_step_after_another_as_before():
    point = ckm_course.point("C6.1")
    weeks = {e.id: float(n) for n, e in enumerate(point.entries, start=1)}
    plain = _bases(charts.roadmap_gantt(point, weeks, language="en"))
    ends = 0.0
    for number, entry in enumerate(point.entries, start=1):
        assert plain[str(number)] == (ends, float(number))
        ends += number
    assert _bases(charts.roadmap_gantt(point, weeks, starts={}, language="en")) == plain
    assert _bases(charts.roadmap_gantt(point)) == {str(n): (2.0 * (n - 1), 2.0) for n in range(1, 12)}


@pytest.mark.parametrize("bad", [None, "", "  ", "week three", -4, float("nan"), float("inf"), True, [], {}, ...])
def test_gantt_blank_or_invalid_starts_fall_back_to_sequential(bad):
    point = ckm_course.point("C6.1")
    sequential = _bases(charts.roadmap_gantt(point, language="en"))
    assert _bases(charts.roadmap_gantt(point, starts={e.id: bad for e in point.entries}, language="en")) == sequential
    mixed = _bases(charts.roadmap_gantt(point, starts={"step-1": bad, "step-2": 10, "step-3": bad}, language="en"))
    assert mixed["1"][0] == 0.0 and mixed["2"][0] == 10.0 and mixed["3"][0] == 12.0
