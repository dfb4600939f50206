"""Feedback phrases shared by every checker, in Chinese and English.

These are interface strings (like button labels), not course content: the course's
explanations and keys live in ``ckm_course/content``. ``{name}`` fields are filled by
:func:`msg`; a field given as a :class:`Text` is filled language by language.
"""

from __future__ import annotations

from ckm_course.model import Text

_PHRASES: dict[str, tuple[str, str]] = {
    "score": ("得分：{score}/{max}", "Score: {score}/{max}"),
    "not_attempted": ("尚未作答：把 ... 换成你的答案。", "Not attempted yet: replace ... with your answer."),
    "recorded": ("已记录你的答案（开放题不计分）：对照下面的清单自查。", "Your answer is recorded (open questions are not scored): check it against the list below."),
    "item_missing": ("未作答。", "Not answered."),
    "unknown_label": ("无法识别“{given}”。可选：{valid}。", "“{given}” is not a known label. Valid: {valid}."),
    "unknown_label_near": ("无法识别“{given}”，你是不是想写“{near}”？可选：{valid}。", "“{given}” is not a known label; did you mean “{near}”? Valid: {valid}."),
    "unknown_item": ("题目中没有“{given}”这一项，已忽略。", "There is no item “{given}” in this exercise; it was ignored."),
    "unknown_item_near": ("题目中没有“{given}”这一项（是不是“{near}”？），已忽略。", "There is no item “{given}” in this exercise (did you mean “{near}”?); it was ignored."),
    "not_text": ("“{given}”不是文字答案，已忽略。", "{given} is not a text answer; it was ignored."),
    "duplicate_item": ("“{item}”答了不止一次，以最后一次为准。", "“{item}” was answered more than once; the last answer counts."),
    "duplicate_step": ("“{item}”出现了不止一次，只计第一次。", "“{item}” appears more than once; only the first counts."),
    "choose_one": ("这一项只能选一个类别。", "Choose exactly one category for this item."),
    "wrong_shape": ("答案应当是{shape}，收到的是 {got}。", "The answer should be {shape}; got {got}."),
    "too_long": ("答案太长，只看了前 {limit} 项。", "The answer is too long; only the first {limit} entries were read."),
    "right": ("正确。{reason}", "Right. {reason}"),
    "wrong_single": ("应为“{expected}”。{reason}", "It is “{expected}”. {reason}"),
    "partial_multi": ("部分正确（{score}）：{detail}{reason}", "Partly right ({score}): {detail}{reason}"),
    "wrong_multi": ("应为“{expected}”。{reason}", "It is “{expected}”. {reason}"),
    "missed": ("漏选“{labels}”。", "missed “{labels}”. "),
    "extra": ("多选了“{labels}”。", "“{labels}” does not belong. "),
    "in_order": ("顺序正确。", "In the right order."),
    "out_of_order": ("位置不对：它是第 {position} 步{after}。", "Out of place: it is step {position}{after}."),
    "after": ("，应在“{prev}”之后", ", right after “{prev}”"),
    "order_missing": ("没有排进去：它是第 {position} 步。", "Left out: it is step {position}."),
    "option_chosen_right": ("应当选，你选了。", "Belongs in the answer, and you chose it."),
    "option_skipped_right": ("不应选，你没选。", "Does not belong, and you left it out."),
    "option_chosen_wrong": ("不应选这一项。", "Should not be chosen."),
    "option_skipped_wrong": ("漏选了这一项。", "Should have been chosen."),
    "value_right": ("正确：{expected}{unit}。", "Right: {expected}{unit}."),
    "value_wrong": ("你的答案是 {given}，正确答案是 {expected}{unit}（容差 {tolerance}）。", "You gave {given}; the answer is {expected}{unit} (tolerance {tolerance})."),
    "value_not_number": ("“{given}”不是一个数。", "“{given}” is not a number."),
    "value_not_finite": ("答案不是有限的数（{given}）。", "The answer is not a finite number ({given})."),
    "table_missing_column": ("缺少列“{column}”。", "Column “{column}” is missing."),
    "table_row_right": ("这一行正确。", "This row is right."),
    "table_row_wrong": ("不对的单元格：{cells}。", "Wrong cells: {cells}."),
    "table_row_missing": ("缺少这一行。", "This row is missing."),
    "table_shape": ("表格应有 {rows} 行；收到 {got} 行。", "The table should have {rows} rows; got {got}."),
    "checklist": ("好的答案会包括：", "A good answer covers:"),
    "internal_error": ("检查时出现意外问题，你的答案没有丢失：{error}", "The checker hit an unexpected problem; your answer is kept: {error}"),
}


def msg(key: str, **fields: object) -> Text:
    """The phrase ``key`` with ``fields`` filled in, in both languages."""
    zh, en = _PHRASES[key]
    zh_fields = {k: (v.zh if isinstance(v, Text) else v) for k, v in fields.items()}
    en_fields = {k: (v.en if isinstance(v, Text) else v) for k, v in fields.items()}
    return Text(zh=zh.format(**zh_fields), en=en.format(**en_fields))


def join(texts: list[Text], zh_sep: str = "、", en_sep: str = ", ") -> Text:
    """Join several texts language by language."""
    return Text(zh=zh_sep.join(t.zh for t in texts), en=en_sep.join(t.en for t in texts))
