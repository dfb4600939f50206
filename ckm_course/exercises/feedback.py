"""Feedback and saved answers as HTML (for code-cell results, widgets and kernel-less readers).

Marks are symbols with words in their tooltip (✓ ◐ ✗ – ☐), never colour alone; colour
only repeats what the symbol says. :func:`to_html` renders one check; :func:`record_html`
renders a saved answer record with its question, so a notebook opened without a kernel
(GitHub, nbviewer, JupyterLab before Run) still shows the student's work.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import offered
from ckm_course.exercises.checks.result import MARKS, Result, score_text
from ckm_course.exercises.record import MIME
from ckm_course.i18n import render
from ckm_course.content.model import ExerciseSpec, Item, Text


class Question(Protocol):
    """What the static views need of an exercise (:class:`~ckm_course.exercises.exercise.Exercise` has it)."""

    id: str
    kind: str
    point: str
    title: Text
    prompt: Text
    spec: ExerciseSpec

    @property
    def items(self) -> tuple[Item, ...]: ...


# JupyterLab's theme variables first (light, dark and high-contrast themes define them), with the
# light-theme colour as the fallback for static renderers (GitHub, nbviewer, nbconvert).
# Each state colour is mixed with the theme's text colour, which darkens it on light themes and lightens
# it on dark ones, so every mark meets WCAG AA (4.5:1) in both (JupyterLab's orange alone is 2.2:1 on white).
def _toward_text(colour: str) -> str:
    return f"color-mix(in srgb, {colour} 55%, var(--jp-content-font-color1, #000))"


_COLOURS = {"correct": _toward_text("var(--jp-success-color1, #1b7837)"),
            "partial": _toward_text("var(--jp-warn-color1, #b35806)"),
            "wrong": _toward_text("var(--jp-error-color1, #b2182b)"), "missing": "var(--jp-ui-font-color1, #333333)",
            "review": _toward_text("var(--jp-info-color1, #2166ac)")}
_WORDS = {"correct": "正确 correct", "partial": "部分正确 partly right", "wrong": "错误 wrong",
          "missing": "未作答 not answered", "review": "自查 review"}


def mark_html(mark: str) -> str:
    """The symbol for a verdict mark, with its meaning as tooltip and for screen readers."""
    word = html.escape(_WORDS[mark])
    return (f'<span class="ckm-mark ckm-{mark}" title="{word}" aria-label="{word}" '
            f'style="color:{_COLOURS[mark]};font-weight:bold">{MARKS[mark]}</span>')


def reason_html(verdict) -> str:
    """One verdict's reason, for the line beside its row in a widget."""
    return (f'<span class="ckm-reason ckm-{verdict.mark}" data-mark="{verdict.mark}">'
            f"{html.escape(render(verdict.reason))}</span>")


def to_html(result: Result, language: str | None = None, verdicts: bool = True) -> str:
    """The whole feedback of one check as an HTML fragment (``verdicts=False``: score and messages only,
    for widgets that show each verdict beside its own row)."""
    parts = [f'<div class="ckm-feedback" data-exercise="{html.escape(result.exercise_id)}" '
             f'data-status="{result.status}" aria-live="polite">',
             f'<p class="ckm-score"><b>{html.escape(result.score_line(language))}</b></p>']
    if result.messages:
        parts.append('<ul class="ckm-messages">')
        parts += [f"<li>{html.escape(render(m, language))}</li>" for m in result.messages]
        parts.append("</ul>")
    if result.verdicts and verdicts:
        parts.append('<table class="ckm-verdicts">')
        for verdict in result.verdicts:
            parts.append(
                f'<tr class="ckm-verdict" data-item="{html.escape(verdict.item_id)}" data-mark="{verdict.mark}">'
                f"<td>{mark_html(verdict.mark)}</td>"
                f'<td style="text-align:left"><b>{html.escape(render(verdict.label, language))}</b></td>'
                f'<td style="text-align:left">{html.escape(render(verdict.reason, language))}</td></tr>'
            )
        parts.append("</table>")
    parts.append("</div>")
    return "".join(parts)


_SAVED = Text("已保存的答案", "Saved answer")
_STATIC = Text("静态视图：在 Jupyter 中运行此单元格即可作答。", "Static view: run this cell in Jupyter to answer.")
_KINDS_WITH_GRID = ("multi_label", "single_label", "matching")
_NOT_CHECKED = Text("尚未检查：作答后点“检查”，答案会保存在这里。",
                    "Not checked yet: answer, then press Check; your answer is saved here.")
_ATTEMPT = Text("第 {n} 次检查", "attempt {n}")
_REVEALED = Text("已查看参考答案", "answer was shown")


NOT_SCORED = Text("记录（不计分）", "Recorded (not scored)")
_SAVED_TO = Text("已保存到", "Saved to")
_WILL_SAVE = Text("尚未检查 · 检查后答案保存到", "Not checked yet · answers are saved to")
_NOT_SAVED = Text(
    "⚠ 答案没有保存：无法写入答案文件 {name}（{reason}）。你的答案仍保留在本页中：请不要关闭或刷新此页面，"
    "告诉老师（或检查文件夹 {folder} 是否可以写入），然后再点一次“检查”。",
    "⚠ Your answer was NOT saved: the answer file {name} could not be written ({reason}). Your answer is still "
    "held in this page: keep the page open (do not reload it), tell your instructor (or check that the folder "
    "{folder} can be written to), then press Check again.")


_REASONS = {"EACCES": Text("没有写入权限", "permission denied"), "EPERM": Text("没有写入权限", "permission denied"),
            "EROFS": Text("只读文件系统", "read-only file system"), "ENOSPC": Text("磁盘已满", "disk full"),
            "EDQUOT": Text("磁盘配额已满", "disk quota exceeded"),
            "EISDIR": Text("有一个同名的文件夹", "a folder has the answer file's name"),
            "EEXIST": Text("有一个同名的链接或特殊文件，没有读取它", "a link or special file has its name; it was not read"),
            "ETIMEDOUT": Text("另一个页面一直占用着答案文件", "another page kept the answer file busy")}
_SET_ASIDE = Text("注意：原来的答案文件已损坏，已原样另存为 {name}，并新建了答案文件；请告诉老师。",
                  "Note: the answer file was damaged; it was kept as it was, as {name}, and a new one was started. "
                  "Tell your instructor.")


def score_summary(record: dict[str, Any], language: str | None = None) -> str | None:
    """The score part of a record's one-line summary: "Score: 3/19", or "Recorded (not scored)" for an
    open question (its 0/0 is no score; the gradebook reads the record itself, not this line); None when
    the record holds no score (assessment mode, or only hints seen)."""
    if record.get("status") == "recorded":
        return render(NOT_SCORED, language)
    score, max_score = record.get("score"), record.get("max_score")
    if isinstance(score, (int, float)) and isinstance(max_score, (int, float)):
        return render(msg("score", score=score_text(score), max=score_text(max_score)), language)
    return None


def app_saved_html(record: dict[str, Any] | None, path: Path | None, error: str | None,
                   language: str | None = None, code: str | None = None, set_aside: Path | None = None) -> str:
    """Voilà app mode's line under an exercise's feedback (issue 14): where the answer was saved and its
    score, or, when the answer file could not be written, what failed and what to do.

    The failure is always in both languages (it must not be missed); the answer stays in the page's
    kernel. ``path`` is the answer file (a :class:`~pathlib.Path`) or None; ``code`` the failure's errno
    name (``"EACCES"``), said in each language when known, else ``error`` as the system worded it.
    ``set_aside``: a damaged answer file this page kept aside (issue 21 item 5), said in both languages."""
    if set_aside is not None:
        notes = "<br>".join(html.escape(render(_fmt(_SET_ASIDE, name=Path(set_aside).name), lang)) for lang in ("zh", "en"))
        note = (f'<p class="ckm-set-aside" role="status" data-state="set-aside" style="margin:0.2em 0;'
                f'border-left:3px solid {_COLOURS["wrong"]};padding-left:0.5em">{notes}</p>')
        return note + app_saved_html(record, path, error, language, code)
    name = html.escape(Path(path).name) if path else "?"
    if error is not None:
        folder = str(Path(path).parent) if path else "?"
        fields = {"name": Path(path).name if path else "?", "folder": folder}
        reason = _REASONS.get(code or "", Text(error, error))
        lines = "<br>".join(html.escape(render(_fmt(_NOT_SAVED, reason=render(reason, lang), **fields), lang))
                            for lang in ("zh", "en"))
        return (f'<div class="ckm-not-saved" role="alert" data-state="failed" style="border:2px solid '
                f'{_COLOURS["wrong"]};border-radius:4px;padding:0.4em 0.6em;margin:0.3em 0">{lines}</div>')
    if record is None:
        return (f'<p class="ckm-app-saved" data-state="none" style="margin:0.2em 0;opacity:0.8">'
                f"{html.escape(render(_WILL_SAVE, language))} <code>{name}</code></p>")
    parts = [f"{html.escape(render(_SAVED_TO, language))} <code>{name}</code>"]
    summary = score_summary(record, language)
    if summary is not None:
        parts.append(html.escape(summary))
    if isinstance(record.get("attempt"), int) and record["attempt"] > 0:
        parts.append(html.escape(render(_fmt(_ATTEMPT, n=record["attempt"]), language)))
    return (f'<p class="ckm-app-saved" data-state="saved" aria-live="polite" style="margin:0.2em 0">'
            f"{' · '.join(parts)}</p>")


def _fmt(text: Text, **fields: object) -> Text:
    return Text(text.zh.format(**fields), text.en.format(**fields))


def _label_of(things: dict[str, Text], ident: Any, language: str | None) -> str:
    return render(things[ident], language) if isinstance(ident, str) and ident in things else str(ident)


def _answer_rows(record: dict[str, Any], exercise: Question, language: str | None) -> list[tuple[str, str, str]]:
    """(item, the student's answer, mark) rows of a saved record, in the order students see items."""
    answer = record.get("answer")
    marks = {v.get("item"): v.get("mark") for v in record.get("verdicts") or [] if isinstance(v, dict)}
    items = {i.id: i.label for i in exercise.spec.items}
    choices = {c.id: c.label for c in exercise.spec.choices}
    rows: list[tuple[str, str, str]] = []
    if exercise.kind in ("multi_label", "single_label", "matching") and isinstance(answer, dict):
        for item in exercise.items:
            if item.id in answer:
                given = answer[item.id]
                given = given if isinstance(given, list) else [given]
                text = "、".join(_label_of(choices, g, language) for g in given)
                rows.append((render(item.label, language), text, marks.get(item.id, "")))
    elif exercise.kind == "ordering" and isinstance(answer, list):
        for position, ident in enumerate(answer, 1):
            rows.append((f"{position}.", _label_of(items, ident, language), marks.get(ident, "")))
    elif exercise.kind == "multiple_choice" and isinstance(answer, list):
        for ident in answer:
            rows.append(("•", _label_of(choices, ident, language), marks.get(ident, "")))
    elif answer is not None:
        rows.append(("", str(answer)[:2000], next(iter(marks.values()), "")))
    return rows


def record_html(record: dict[str, Any] | None, exercise: Question, language: str | None = None) -> str:
    """A static view of a saved answer: one summary line, expandable to the question and the answer."""
    ident = html.escape(exercise.id)
    title = html.escape(render(exercise.title, language))
    question = (f'<p class="ckm-question"><b>[{html.escape(exercise.point)}] {title}</b><br>'
                f"{html.escape(render(exercise.prompt, language))}</p>")
    if not record:
        return (f'<details class="ckm-saved" data-exercise="{ident}" data-status="none"><summary>[{ident}] '
                f"{html.escape(render(_NOT_CHECKED, language))}</summary>{question}</details>")
    status = str(record.get("status", ""))
    parts = [f"[{ident}]"]
    summary = score_summary(record, language)
    if summary is not None:
        parts.append(summary)
    elif status == "saved":
        parts.append(render(msg(status), language))
    parts.append(render(_SAVED, language))
    if isinstance(record.get("attempt"), int):
        parts.append(render(_fmt(_ATTEMPT, n=record["attempt"]), language))
    if isinstance(record.get("checked_at"), str):
        parts.append(record["checked_at"].replace("T", " ").replace("Z", " UTC"))
    if record.get("revealed"):
        parts.append(render(_REVEALED, language))
    rows = "".join(
        f'<tr data-mark="{html.escape(mark or "")}"><td>{mark_html(mark) if mark in MARKS else ""}</td>'
        f"<td>{html.escape(item)}</td><td>{html.escape(given)}</td></tr>"
        for item, given, mark in _answer_rows(record, exercise, language))
    table = f'<table class="ckm-saved-answer">{rows}</table>' if rows else ""
    return (f'<details class="ckm-saved" data-exercise="{ident}" data-status="{html.escape(status)}">'
            f"<summary>{html.escape(' · '.join(parts))}</summary>{question}{table}</details>")



def question_html(exercise: Question, language: str | None = None) -> str:
    """The question as static HTML (title, prompt, items and choices, empty boxes), for readers without a
    kernel: GitHub, nbviewer and ``nbconvert --to html`` show this where JupyterLab shows the widget
    (issue 10, "static views"). Item order is the one students see, never the key's."""
    ident = html.escape(exercise.id)
    esc = lambda text: html.escape(render(text, language))  # noqa: E731
    parts = [f'<div class="ckm-static-question" data-exercise="{ident}" data-kind="{exercise.kind}">',
             f"<p><b>[{html.escape(exercise.point)}] {esc(exercise.title)}</b><br>{esc(exercise.prompt)}</p>"]
    items, choices = exercise.items, exercise.spec.choices
    if items and items[0].options:  # a questionnaire: each question with its own lettered options
        parts.append("<ol>" + "".join(
            f"<li>{esc(i.label)}<ul style=\"list-style:none\">"
            + "".join(f"<li>○ {c.aliases[-1]}. {esc(c.label)}</li>" for c in offered(exercise.spec, i))
            + "</ul></li>" for i in items) + "</ol>")
    elif exercise.kind in _KINDS_WITH_GRID and items and choices:
        box = "☐" if exercise.kind == "multi_label" else "○"
        head = "".join(f'<th scope="col">{esc(c.label)}</th>' for c in choices)
        rows = "".join(f'<tr><th scope="row" style="text-align:left">{esc(i.label)}</th>'
                       + f"<td>{box}</td>" * len(choices) + "</tr>" for i in items)
        parts.append(f'<table class="ckm-static-grid"><thead><tr><th></th>{head}</tr></thead>'
                     f"<tbody>{rows}</tbody></table>")
    elif exercise.kind == "ordering" and items:
        parts.append("<ol>" + "".join(f"<li>{esc(i.label)}</li>" for i in items) + "</ol>")
    elif choices:
        box = "☐" if exercise.spec.multiple else "○"
        parts.append('<ul style="list-style:none">' + "".join(f"<li>{box} {esc(c.label)}</li>" for c in choices)
                     + "</ul>")
    parts.append(f'<p class="ckm-static-note"><i>{esc(_STATIC)}</i></p></div>')
    return "".join(parts)


@dataclass(frozen=True)
class Checked(Result):
    """What ``Exercise.check`` returns: the checker's :class:`Result`, the record the check made (None
    when nothing was recorded) and their display in a notebook: feedback as HTML and text, plus the
    record under its own MIME type (the notebook is then its own evidence, README "Answer records")."""

    record: dict[str, Any] | None = field(default=None, compare=False)

    @classmethod
    def of(cls, result: Result, record: dict[str, Any] | None = None) -> Checked:
        return cls(**{f.name: getattr(result, f.name) for f in dataclasses.fields(Result)}, record=record)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = {"text/plain": str(self), "text/html": to_html(self)}
        if self.record is not None:
            bundle[MIME] = self.record
        return bundle

