"""``report.html``: one self-contained offline page (plotly.js inlined from the installed package, no CDN).

Class distribution, per-exercise facility, a misconception heatmap per classification exercise,
the flagged submissions and per-student feedback. Every string a student could have written
(names, ids, answers, file names, notes quoting them) goes through :func:`esc`; figures carry
only the course's own labels, and their JSON is embedded with ``<``, ``>`` and ``&`` escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from ckm_course.grading import mastery_view
from ckm_course.grading.items import label_of, misconceptions
from ckm_course.grading.report_figure import report_figure
from ckm_course.grading.rescore import FLAGS
from ckm_course.i18n import render

# plotly is imported by the figure functions, not here: ``ckm-course grade`` writes report.html through
# this module, and plotly.graph_objects costs ~0.5 s that the CSV files do not need.

MARK = {"correct": "✓", "partial": "◐", "wrong": "✗", "not_answered": "–"}
SHARES = [("facility", "对 right", "#2e7d32"), ("partial", "部分对 partly", "#f9a825"),
          ("wrong", "错 wrong", "#c62828"), ("not_answered", "未答 not answered", "#9e9e9e")]
# Tables never push the page sideways (issue 22.8): fixed layout at the page's width, long file names and
# flag lists wrap anywhere.
CSS = """body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;
color:#222}table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%;table-layout:fixed}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:.9rem;
overflow-wrap:anywhere}th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
.flag{color:#8a4b00}details{margin:.3rem 0}summary{cursor:pointer}pre{white-space:pre-wrap;margin:0}
.figure{max-width:100%;overflow:hidden}"""
# Bilingual column headers of every table in the page; a column without one shows its CSV name.
HEADERS = {
    "student_id": "学号 ID", "name": "姓名 Name", "files": "文件 Files", "file": "文件 File",
    "flags": "标记 Flags", "notes": "说明 Notes", "exercise": "练习 Exercise", "label": "题目 Item",
    "facility": "答对 Right", "partial": "部分对 Partly", "wrong": "答错 Wrong",
    "not_answered": "未答 Not answered", "discrimination": "区分度 Discrimination",
    "top_wrong_label": "最常见的错答 Most common wrong answer", "top_wrong_share": "选它的人 Chose it",
    "severity": "严重程度 Severity", "reason": "原因 Reason", "n": "人数 n", "item": "编号 Item id",
}
PERCENT_COLUMNS = {"facility", "partial", "wrong", "not_answered", "top_wrong_share"}
SEVERITY = {"error": "错误 error", "warning": "警告 warning"}
# Relative column widths in the fixed-layout tables: text columns wide, numbers narrow.
WIDTHS = {"label": 6, "top_wrong_label": 4, "files": 5, "file": 5, "notes": 4, "reason": 6, "flags": 3,
          "exercise": 3, "name": 2, "student_id": 2, "severity": 2}
VALUES = {"not chosen": "未选 not chosen"}


def esc(value: Any) -> str:
    """HTML-escaped text (quotes too); ``None`` and NaN become empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return html.escape(str(value), quote=True)


def _title(book: Any, exercise_id: str) -> str:
    return render(book.specs[exercise_id.casefold()].title)


def distribution(book: Any):
    """Histogram of the class's percent scores (students who handed something in)."""
    import plotly.graph_objects as go

    percent = book.grades.loc[book.grades["total"].notna(), "percent"].dropna()
    figure = report_figure()(go.Histogram(x=list(percent), xbins={"start": 0, "end": 100.001, "size": 5},
                                    marker_color="#1565c0", name="students 学生"))
    figure.update_layout(title="成绩分布 Class distribution (%)", xaxis_title="得分率 percent",
                         yaxis_title="学生数 students", bargap=0.05, height=360, template="plotly_white")
    return figure


def facility(book: Any):
    """Per exercise: the mean share of items right, partly right, wrong and not answered."""
    import plotly.graph_objects as go

    means = book.items.groupby("exercise", sort=False)[[s for s, _, _ in SHARES]].mean() if len(book.items) \
        else pd.DataFrame(columns=[s for s, _, _ in SHARES])
    figure = report_figure()()
    for column, name, colour in SHARES:
        values = [float(v) for v in means[column]] if len(means) else []
        figure.add_bar(y=list(means.index), x=values, name=name, orientation="h", marker_color=colour,
                       text=[f"{v:.0%}" for v in values], textposition="inside")
    figure.update_layout(barmode="stack", title="各题正确率 Per-exercise facility", xaxis_tickformat=".0%",
                         height=120 + 40 * max(1, len(means)), template="plotly_white", yaxis_autorange="reversed")
    return figure


def heatmap(book: Any, exercise_id: str):
    """Items x categories: where the class files each item; ✓ marks the key."""
    import plotly.graph_objects as go

    table = misconceptions(book, exercise_id)
    key = set(map(tuple, table.attrs.get("key", [])))
    # by position: two questions of a questionnaire may offer options of one label (a label is no key)
    text = [[("✓ " if (row, col) in key else "") + f"{table.iat[r, c]:.0%}" for c, col in enumerate(table.columns)]
            for r, row in enumerate(table.index)]
    rows = [_wrap(label) for label in table.index]
    figure = report_figure()(go.Heatmap(z=table.values.tolist(), x=[_wrap(c, 24) for c in table.columns], y=rows,
                                  text=text, texttemplate="%{text}", colorscale="Blues", zmin=0, zmax=1,
                                  colorbar={"tickformat": ".0%"}))
    # Every row labelled (issue 22.8): plotly thins category ticks it thinks too dense, so the ticks are
    # given explicitly and each row gets the height its wrapped label needs.
    lines = sum(max(2, row.count("<br>") + 1) for row in rows) + 2 * len(rows)  # a little air per row
    figure.update_layout(title=f"误区热图 Misconceptions: {_title(book, exercise_id)}", template="plotly_white",
                         height=200 + 16 * lines, yaxis={"autorange": "reversed", "tickmode": "array",
                                                         "tickvals": rows, "ticktext": rows, "automargin": True},
                         xaxis={"tickangle": 0, "automargin": True}, margin={"l": 20})
    return figure


def _wrap(label: str, width: int = 40) -> str:
    """A heatmap label on lines of about ``width`` columns (a CJK character counts 2), joined by ``<br>``."""
    lines: list[str] = []
    for part in str(label).split(" / "):
        line, used = "", 0
        for word in part.replace(" ", " \0").split("\0"):
            cost = sum(2 if ord(ch) > 0x2E80 else 1 for ch in word)
            if line and used + cost > width:
                lines.append(line.rstrip())
                line, used = "", 0
            line, used = line + word, used + cost
        lines.append(line.rstrip())
    return "<br>".join(html.escape(line) for line in lines if line)


def classifying(book: Any) -> list[str]:
    return [e for e in book.exercises if book.specs[e.casefold()].kind in ("multi_label", "single_label", "matching")]


class Figures(Mapping):
    """Every figure of the report by name, each made when first asked for (the notebook shows three of
    them; building all six took most of its figure cell, issue 23). Names in the report's order."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._makers: dict[str, Any] = {"distribution": lambda: distribution(book), "facility": lambda: facility(book)}
        for exercise_id in classifying(book):
            self._makers[f"heatmap:{exercise_id}"] = lambda exercise_id=exercise_id: heatmap(book, exercise_id)
        self._made: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._made:
            self._made[name] = self._makers[name]()  # KeyError for a name the report has not
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)

    def __repr__(self) -> str:
        return f"Figures({', '.join(self._makers)})"


def figures(book: Any) -> Figures:
    """Every figure of the report, by name (the notebook shows them inline), each made on first use."""
    return Figures(book)


def _cell(column: str, value: Any) -> str:
    """One table cell: shares as whole percents, discrimination to two places, lists split for wrapping."""
    if isinstance(value, float) and value == value and column in PERCENT_COLUMNS:
        return f'<td class="n">{value:.0%}</td>'
    if isinstance(value, float) and value == value and column == "discrimination":
        return f'<td class="n">{value:.2f}</td>'
    if column == "severity":
        return f"<td>{esc(SEVERITY.get(str(value), value))}</td>"
    if column in ("flags", "files"):
        return f"<td>{esc(str(value).replace(';', '; ')) if value == value else ''}</td>"
    return f"<td>{esc(VALUES.get(value, value) if isinstance(value, str) else value)}</td>"


def _table(frame: pd.DataFrame, columns: list[str] | None = None, caption: str = "") -> str:
    columns = columns or list(frame.columns)
    head = "".join(f'<th scope="col">{esc(HEADERS.get(c, c))}</th>' for c in columns)
    body = "".join("<tr>" + "".join(_cell(c, row[c]) for c in columns) + "</tr>" for _, row in frame.iterrows())
    caption = f"<caption>{esc(caption)}</caption>" if caption else ""
    total = sum(WIDTHS.get(c, 1) for c in columns)
    cols = "".join(f'<col style="width:{100 * WIDTHS.get(c, 1) / total:.1f}%">' for c in columns)
    return f"<table>{caption}<colgroup>{cols}</colgroup><tr>{head}</tr>{body}</table>"


def _figure_json(figure: Any) -> str:
    text = figure.to_json()
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _student(book: Any, student: Any, row: Any, memo: dict | None = None) -> str:
    """One student's block; ``row``: their grades row (a mapping), ``memo``: escaped texts shared by the
    blocks of one report (a class repeats the same item labels and answers; issue 21 measure)."""
    memo = {} if memo is None else memo
    total = None if row is None else row["total"]
    score = "" if total is None or pd.isna(total) else f" — {total:g}/{row['max_total']:g} ({row['percent']:.1f}%)"
    flags = f' <span class="flag">⚑ {esc(", ".join(sorted(student.flags)))}</span>' if student.flags else ""
    parts = [f"<details><summary>{esc(student.id)} {esc(student.name)}{esc(score)}{flags}</summary>",
             f"<p>文件 Files: {esc('; '.join(student.files) or '—')}</p>"]
    for exercise_id, outcome in student.outcomes.items():
        spec = book.specs.get(exercise_id.casefold())
        title = render(spec.title) if spec else exercise_id
        head = f"{outcome.score:g}/{outcome.max_score:g} · {outcome.status}"
        lines = []
        for item, (mark, _, given) in outcome.marks.items():
            if mark != "correct" and spec is not None:
                line = memo.get((spec.id, item, mark, given))
                if line is None:
                    line = memo[(spec.id, item, mark, given)] = \
                        f"<li>{MARK.get(mark, '?')} {esc(label_of(spec, item))}: {esc(', '.join(given))}</li>"
                lines.append(line)
        if spec is not None and spec.kind == "open" and isinstance(outcome.answer, str):
            lines.append(f"<li><pre>{esc(outcome.answer)}</pre></li>")
        notes = f' <span class="flag">{esc("; ".join(outcome.flags + outcome.notes))}</span>' if outcome.flags else ""
        parts.append(f"<p><b>{esc(title)}</b> ({esc(exercise_id)}): {esc(head)}{notes}</p>"
                     + (f"<ul>{''.join(lines)}</ul>" if lines else ""))
    parts.append("</details>")
    return "".join(parts)


def dubious_section(book: Any) -> str:
    """可疑题目 Dubious items (issue 24 item 2): bank items with negative discrimination or a facility
    below 0.1 or above 0.95, seen by at least 20 students; an instructor may retire them."""
    items = book.items
    if "dubious" not in items or not items["dubious"].fillna(False).astype(bool).any():
        return ""
    found = items[items["dubious"].fillna(False).astype(bool)].sort_values(["exercise", "discrimination"])
    return "<h2>可疑题目 Dubious items</h2>" + _table(
        found, ["exercise", "item", "label", "n", "facility", "discrimination", "top_wrong_label"],
        "题库题目：区分度为负，或正确率低于 0.1 或高于 0.95（至少 20 人作答） Bank items: negative discrimination, "
        "or facility below 0.1 or above 0.95 (n >= 20)")


def html_report(book: Any, grades: pd.DataFrame | None = None, problems: pd.DataFrame | None = None,
                as_bytes: bool = False, chunks: bool = False) -> str | bytes | Iterator[bytes]:
    """The whole page as text (about 4.7 MB, nearly all of it plotly.js); ``problems``: the rows of
    ``problems.csv`` when they add to ``book.problems`` (students not on the roster, issue 21.7).

    ``as_bytes``: the page as the writer encodes it (UTF-8, ``backslashreplace``), each part encoded as it
    is made, so the whole page is never held as text too (a class of 2,000: ~12 MB; issue 21 measure).
    ``chunks``: those encoded parts one by one, to be written as they come (the writer's way)."""
    pieces = _pieces(book, grades, problems)
    if chunks:
        return (piece.encode("utf-8", "backslashreplace") for piece in pieces)
    if as_bytes:
        return b"".join(piece.encode("utf-8", "backslashreplace") for piece in pieces)
    return "".join(pieces)


def _pieces(book: Any, grades: pd.DataFrame | None, problems: pd.DataFrame | None) -> Iterator[str]:
    """The page's text, in order, a section or a student at a time."""
    from plotly.offline import get_plotlyjs

    grades = book.grades if grades is None else grades
    problems = book.problems if problems is None else problems
    submitted = grades[grades["total"].notna()]
    mean = f"{submitted['percent'].mean():.1f}%" if len(submitted) and submitted["percent"].notna().any() else "—"
    errors = problems[problems["severity"] == "error"] if len(problems) else problems
    flagged = book.outcomes[book.outcomes["flags"] != ""]
    people = grades[grades["flags"].fillna("") != ""]
    by_id = {str(sid): {"total": total, "max_total": top, "percent": percent}  # plain rows: iterrows is slow
             for sid, total, top, percent in zip(*(grades[c].tolist() for c in
                                                   ("student_id", "total", "max_total", "percent")))}
    memo: dict = {}
    figure_blocks = []
    for number, (name, figure) in enumerate(figures(book).items()):
        figure_blocks.append(f'<div id="figure-{number}" class="figure" data-name="{esc(name)}"></div>'
                             f'<script type="application/json" data-figure="figure-{number}">'
                             f"{_figure_json(figure)}</script>")
    legend = "".join(f"<li><b>{esc(flag)}</b>: {esc(text)}</li>" for flag, text in FLAGS.items())
    # Problems first (issue 22.8): files not read and flagged submissions are what an instructor acts on
    # before reading any figure. The larger sections are functions, made when their turn comes (memory).
    sections: list[Any] = [
        "<h1>成绩报告 Gradebook report</h1>",
        f"<p>学生 Students: {len(grades)} · 已交 handed in: {len(submitted)} · 平均 mean: {esc(mean)} · "
        f"截止 due: {esc(book.due or '—')} · 未能读取的文件 files not read: {len(errors)} · "
        f"被标记的学生 flagged students: {len(people)}</p>",
        '<h2 id="not-read">未能读取的文件 Files not read</h2>',
        (lambda: _table(problems, ["file", "severity", "reason"])) if len(problems) else "<p>—</p>",
        '<h2 id="flagged">被标记的提交 Flagged submissions</h2>',
        f"<details><summary>标记说明 What the flags mean</summary><ul>{legend}</ul></details>",
        (lambda: _table(people, ["student_id", "name", "flags", "files"], "学生 Students")) if len(people) else "",
        (lambda: _table(flagged, ["student_id", "name", "exercise", "flags", "notes", "file"], "记录 Records"))
        if len(flagged) else "<p>—</p>",
        "<h2>成绩分布与各题正确率 Distribution and facility</h2>", *figure_blocks[:2],
        "<h2>最难的题目 Hardest items</h2>",
        _table(book.items.sort_values("facility").head(12),
               ["exercise", "label", "facility", "partial", "wrong", "not_answered", "discrimination",
                "top_wrong_label", "top_wrong_share"]) if len(book.items) else "<p>—</p>",
        dubious_section(book),  # issue 24 item 2: bank items worth retiring
        "<h2>误区热图 Misconception heatmaps</h2>" if len(figure_blocks) > 2 else "", *figure_blocks[2:],
        lambda: mastery_view.html_section(book),  # issue 24: mastery heatmap, points the class has not mastered
        "<h2>每位学生 Per student</h2>",
    ]
    yield ("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:\">"
           f"<title>Gradebook report</title><style>{CSS}</style><script>")
    yield get_plotlyjs().replace("</script", "<\\/script")
    yield "</script></head><body>"
    for section in sections:
        yield section() if callable(section) else section
    yield from (_student(book, s, by_id.get(str(s.id)), memo) for s in book.students if s.submitted or s.id)
    yield ("<script>for (const s of document.querySelectorAll('script[data-figure]')) {"
           "const f = JSON.parse(s.textContent); Plotly.newPlot(s.dataset.figure, f.data, f.layout, "
           "{displaylogo: false, responsive: true});}</script></body></html>\n")
