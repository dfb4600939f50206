"""Checker for plan forms (kind ``plan``, issue 12 capstone): rows x fields, see :mod:`ckm_course.content.plans`.

Answer: ``{row: {field: value}}``; rows and fields by id, Chinese or English name; a choice by
any spelling of the choice; a number as a number or text ("4", "4 周"). Scoring, one point per
check, only in rows the student filled in (an untouched row is "not attempted", counted once):

* a choice field with accepted choices for the row: right if the choice is accepted;
* a number field with a range for the row: right if inside it (feedback: too short / too long);
* an ``ordered`` number field: right if not lower than the nearest filled row above;
* a ``required`` text field: right if written;
* a ``covers`` text field: one point per case fact the text names (any keyword).

Feedback never names the key: a wrong choice gets the field's or row's nudge, a fact not named
is only counted, never shown. Free text is recorded as written; its quality is marked by hand
with the field's rubric (the gradebook's manual sheet).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ckm_course.content.catalog import catalog
from ckm_course.exercises.checks.normalize import Resolver, is_placeholder, short
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.scoring import plan_max_score as max_score  # noqa: F401 - its old home
from ckm_course.exercises.checks.shape import shaped
from ckm_course.content.model import Choice, ExerciseSpec, Item, Text
from ckm_course.i18n import render

MAX_TEXT = 4_000
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")

_T = {
    "right_choice": Text("合理。", "Plausible."),
    "choice_generic": Text("这个选择与案例不符，再想一想。", "This choice does not fit the case; think again."),
    "in_range": Text("时长现实。", "A realistic duration."),
    "too_short": Text("太短：按青禾的规模和限制，这一步做不完。", "Too short: at Qinghe's size and within its constraints the step cannot be done in that time."),
    "too_long": Text("太长：这一步不需要这么久，会拖慢后面的步骤。", "Too long: the step does not need that much time and holds up the steps after it."),
    "in_order": Text("开始时间符合步骤顺序。", "Starts in step order."),
    "out_of_order": Text("开始得比上面的步骤还早：后面的步骤不能先于前面的步骤开始。", "Starts before the step above it: a later step cannot begin before an earlier one."),
    "present": Text("已填写（内容由老师按评分标准评阅）。", "Written (your teacher marks its content with the rubric)."),
    "absent": Text("还没有填写。", "Not written yet."),
    "named": Text("已写到：{fact}", "Named: {fact}"),
    "not_named": Text("案例中这一步还有一项事实，你的记录还没有写到。", "The case holds a fact for this step that your record does not name yet."),
    "no_number": Text("“{given}”不是一个数。", "“{given}” is not a number."),
    "rows_missing": Text("还有 {count} 行未填写。", "{count} more rows not filled in yet."),
    "unknown_field": Text("表格中没有“{given}”这一栏，已忽略。", "There is no column “{given}” in this form; it was ignored."),
    "free_text": Text("文字部分已记录，由老师按评分标准评阅。", "The written parts are recorded for your teacher to mark with the rubric."),
}


def _t(key: str, **fields: Any) -> Text:
    text = _T[key]
    return Text(text.zh.format(**{k: v.zh if isinstance(v, Text) else v for k, v in fields.items()}),
                text.en.format(**{k: v.en if isinstance(v, Text) else v for k, v in fields.items()}))


def _plan(spec: ExerciseSpec):
    return catalog().plans.find(spec.id)


def _row_items(plan) -> tuple[Item, ...]:
    return tuple(Item(id=r.id, label=r.label, aliases=r.aliases) for r in plan.rows)


def _field_items(plan) -> tuple[Choice, ...]:
    return tuple(Choice(id=f.id, label=f.label, aliases=f.aliases) for f in plan.fields)


def names(text: str, keywords: tuple[str, ...]) -> bool:
    """Whether ``text`` names a fact: any keyword, case-insensitive; Latin/number keywords as whole words."""
    folded = text.casefold()
    for keyword in keywords:
        word = keyword.casefold().strip()
        if not word:
            continue
        if word.isascii():
            if re.search(rf"(?<![0-9a-z]){re.escape(word)}(?![0-9a-z])", folded):
                return True
        elif word in folded:
            return True
    return False


def number(value: Any) -> float | None:
    """A number from a number or a text such as "4 周"; None when there is none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value and abs(value) < 1e12 else None
    if isinstance(value, str):
        match = _NUMBER.search(value[:100].replace("，", ","))
        return float(match.group()) if match else None
    return None


def normalise(spec: ExerciseSpec, answer: Any, messages: list[Text]) -> dict[str, dict[str, Any]]:
    """``{row id: {field id: value}}`` from a student's answer, values as given (text trimmed); empty rows dropped."""
    plan = _plan(spec)
    if not isinstance(answer, Mapping):
        return {}
    rows, fields = Resolver(_row_items(plan)), Resolver(_field_items(plan))
    out: dict[str, dict[str, Any]] = {}
    for row_key, cells in list(answer.items())[:200]:
        if is_placeholder(cells) or not isinstance(cells, Mapping):
            continue
        row_id = rows.resolve(row_key, messages, item_like=True)
        if row_id is None:
            continue
        filled: dict[str, Any] = {}
        for field_key, value in list(cells.items())[:50]:
            if is_placeholder(value):
                continue
            field_id = fields.lookup(field_key)
            if field_id is None:
                messages.append(_t("unknown_field", given=short(field_key)))
                continue
            filled[field_id] = value.strip()[:MAX_TEXT] if isinstance(value, str) else value
        if filled:
            out[row_id] = filled
    return out


@shaped
def check_plan(spec: ExerciseSpec, answer: Any) -> Result:
    """Check a plan form; never raises (see the module docstring for the scoring rule)."""
    plan = _plan(spec)
    messages: list[Text] = []
    given = normalise(spec, answer, messages)
    if not given:
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score(spec), (), tuple(messages))
    verdicts: list[Verdict] = []
    stored: dict[str, dict[str, Any]] = {}
    previous: dict[str, float] = {}  # ordered field -> the value in the nearest filled row above
    for row in plan.rows:
        cells = given.get(row.id)
        if cells is None:
            continue
        stored[row.id] = {}
        nudges = dict(row.nudges)
        for field in plan.fields:
            value = cells.get(field.id)
            label = Text(f"{row.label.zh} · {field.label.zh}", f"{row.label.en} · {field.label.en}")
            item = f"{row.id}:{field.id}"
            if field.type == "choice":
                choice = Resolver(field.choices).resolve(value, messages) if value is not None else None
                stored[row.id][field.id] = choice if choice is not None else (short(value, 80) if value is not None else None)
                accepted = row.accepted(field.id)
                if not accepted:
                    continue
                if choice is None:
                    verdicts.append(Verdict(item, label, "missing", 0.0, 1.0, _t("absent")))
                elif choice in accepted:
                    verdicts.append(Verdict(item, label, "correct", 1.0, 1.0, _t("right_choice"), (choice,)))
                else:
                    why = nudges.get(field.id) or field.wrong or _T["choice_generic"]
                    verdicts.append(Verdict(item, label, "wrong", 0.0, 1.0, why, (choice,)))
            elif field.type == "number":
                amount = number(value)
                if value is not None and amount is None:
                    messages.append(_t("no_number", given=short(value)))
                stored[row.id][field.id] = amount
                bounds = row.range(field.id)
                if bounds is not None:
                    if amount is None:
                        verdicts.append(Verdict(item, label, "missing", 0.0, 1.0, _t("absent")))
                    elif bounds[0] <= amount <= bounds[1]:
                        verdicts.append(Verdict(item, label, "correct", 1.0, 1.0, _t("in_range"), (f"{amount:g}",)))
                    else:
                        why = nudges.get(field.id) or _t("too_short" if amount < bounds[0] else "too_long")
                        verdicts.append(Verdict(item, label, "wrong", 0.0, 1.0, why, (f"{amount:g}",)))
                if field.ordered:
                    if amount is None:
                        verdicts.append(Verdict(item, label, "missing", 0.0, 1.0, _t("absent")))
                    elif amount >= previous.get(field.id, float("-inf")):
                        verdicts.append(Verdict(item, label, "correct", 1.0, 1.0, _t("in_order"), (f"{amount:g}",)))
                        previous[field.id] = amount
                    else:
                        verdicts.append(Verdict(item, label, "wrong", 0.0, 1.0, _t("out_of_order"), (f"{amount:g}",)))
            else:
                text = value if isinstance(value, str) else ("" if value is None else short(value, MAX_TEXT))
                stored[row.id][field.id] = text
                if field.required:
                    mark, points = ("correct", 1.0) if text.strip() else ("missing", 0.0)
                    verdicts.append(Verdict(item, label, mark, points, 1.0, _t("present" if points else "absent")))
                for number_, fact in enumerate(row.facts, start=1):
                    fact_label = Text(f"{row.label.zh} · 事实 {number_}", f"{row.label.en} · fact {number_}")
                    if text and names(text, fact.keywords):
                        verdicts.append(Verdict(f"{row.id}:{fact.id}", fact_label, "correct", 1.0, 1.0,
                                                _t("named", fact=fact.label)))
                    else:
                        verdicts.append(Verdict(f"{row.id}:{fact.id}", fact_label, "missing", 0.0, 1.0, _t("not_named")))
    untouched = sum(1 for row in plan.rows if row.id not in given)
    if untouched:
        messages.append(_t("rows_missing", count=untouched))
    if any(f.rubric for f in plan.fields):
        messages.append(_T["free_text"])
    score = sum(v.score for v in verdicts)
    top = max_score(spec)
    status = "correct" if score >= top > 0 else "partial" if score > 0 else "incorrect"
    return Result(spec.id, spec.kind, status, float(score), top, tuple(verdicts), tuple(messages), stored)



def template(spec: ExerciseSpec, language: str | None = None) -> dict[str, dict[str, Any]]:
    """``{row label: {field label: ...}}`` in the form order, for the exercise notebook."""
    plan = _plan(spec)
    return {render(r.label, language): {render(f.label, language): ... for f in plan.fields} for r in plan.rows}


def key(spec: ExerciseSpec, language: str | None = None) -> dict[str, dict[str, Any]]:
    """A model form that scores full marks: the first accepted choice, the middle of each range,
    start weeks one after another; a text field names the row's case facts (``covers``) or holds
    the row's model text from the content (``models``, the course's own: a Course note)."""
    plan = _plan(spec)
    out: dict[str, dict[str, Any]] = {}
    start = 0.0
    for row in plan.rows:
        cells: dict[str, Any] = {}
        for field in plan.fields:
            name = render(field.label, language)
            if field.type == "choice" and row.accepted(field.id):
                accepted = row.accepted(field.id)
                chosen = accepted[len(accepted) // 2] if plan.accept_from else accepted[0]  # a rating: the middle
                cells[name] = render(next(c.label for c in field.choices if c.id == chosen), language)
            elif field.type == "number":
                bounds = row.range(field.id)
                cells[name] = (bounds[0] + bounds[1]) / 2 if bounds else start
            elif field.type == "text" and field.covers:
                cells[name] = "; ".join(render(f.label, language) + ("" if names(render(f.label, language), f.keywords)
                                                                      else f" ({f.keywords[0]})") for f in row.facts)
            elif field.type == "text":
                cells[name] = render(row.model(field.id), language)  # required on load (plans.validate)
        weeks = [cells[render(f.label, language)] for f in plan.fields if f.type == "number" and row.range(f.id)]
        start += weeks[0] if weeks else 0.0
        out[render(row.label, language)] = cells
    return out
