"""Feedback phrases shared by every checker, in Chinese and English.

These are interface strings (like button labels), not course content: the course's
explanations, keys and misconception feedback live in ``ckm_course/content``. ``{name}``
fields are filled by :func:`msg`; a field given as a :class:`Text` is filled language by
language. The feedback policy (README): no phrase here ever carries the correct label,
number or position of an item — only Show answer / ``solution()`` give the key.
"""

from __future__ import annotations

from ckm_course.content.model import Text

_PHRASES: dict[str, tuple[str, str]] = {
    "score": ("得分：{score}/{max}", "Score: {score}/{max}"),
    "not_attempted": ("尚未作答：把 ... 换成你的答案。", "Not attempted yet: replace ... with your answer."),
    "saved": ("已保存你的答案（测评模式：评分后才公布对错）。", "Your answer is saved (assessment mode: results come after grading)."),
    "recorded": ("已记录你的答案（开放题不计分）：对照下面的清单自查。", "Your answer is recorded (open questions are not scored): check it against the list below."),
    "internal_error": ("这次检查没能完成（检查器出了问题），你的答案已保留，请告诉老师：{error}", "This check could not be done (a problem in the checker); your answer is kept. Please tell your instructor: {error}"),
    "items_missing": ("还有 {count} 项未作答。", "{count} more items not answered yet."),
    "item_missing_one": ("还有 1 项未作答。", "1 more item not answered yet."),
    "unknown_label": ("无法识别“{given}”。可选：{valid}。", "“{given}” is not a known label. Valid: {valid}."),
    "unknown_label_near": ("无法识别“{given}”，你是不是想写“{near}”？可选：{valid}。", "“{given}” is not a known label; did you mean “{near}”? Valid: {valid}."),
    "other_scheme": ("“{given}”是另一种分类（{scheme}）的类别，不属于这道题。可选：{valid}。", "“{given}” is a category of another scheme ({scheme}), not of this exercise. Valid: {valid}."),
    "unknown_item": ("题目中没有“{given}”这一项，已忽略。", "There is no item “{given}” in this exercise; it was ignored."),
    "unknown_item_near": ("题目中没有“{given}”这一项（是不是“{near}”？），已忽略。", "There is no item “{given}” in this exercise (did you mean “{near}”?); it was ignored."),
    "too_many_unknown_short": ("其余无法识别的内容已忽略。", "Further unrecognised entries were ignored."),
    "not_text": ("“{given}”不是文字答案，已忽略。", "{given} is not a text answer; it was ignored."),
    "duplicate_item": ("“{item}”答了不止一次，以最后一次为准。", "“{item}” was answered more than once; the last answer counts."),
    "duplicate_step": ("“{item}”出现了不止一次，只计第一次。", "“{item}” appears more than once; only the first counts."),
    "choose_one_option": ("这道题只能选一个选项（没有计为作答）。", "Choose exactly one option for this question (not counted as an attempt)."),
    "choose_one": ("这一项只能选一个类别。", "Choose exactly one category for this item."),
    "wrong_shape": ("答案应当是{shape}，收到的是 {got}：没有计为作答。", "The answer should be {shape}; got {got}, so it was not counted as an attempt."),
    "too_long": ("答案太长，只看了前 {limit} 项。", "The answer is too long; only the first {limit} entries were read."),
    "right": ("正确。{reason}", "Right. {reason}"),
    "wrong_choice": ("“{chosen}”不适合这一项：{why}", "“{chosen}” does not fit this item: {why}"),
    "why_generic": ("再看看“{chosen}”的含义，想一想这一项是否符合。", "look again at what “{chosen}” means and ask whether this item is that."),
    "why_meaning": ("“{chosen}”指的是{meaning}这一项符合吗？", "“{chosen}” means: {meaning} Does this item fit that?"),
    "partial_multi": ("部分正确（{score}）：{detail}", "Partly right ({score}): {detail}"),
    "missed_some": ("它还属于另一个类别，你还没选上。", "It also belongs to another category you have not chosen yet."),
    "extra": ("“{chosen}”不适合：{why}", "“{chosen}” does not fit: {why}"),
    "in_order": ("与其他打 ✓ 的步骤相比，位置正确。", "In the right place relative to the other ✓ steps."),
    "too_late": ("太靠后：有应该在它之后的步骤排在了它前面，把它往上移。", "Too late: a step that should come after it is placed before it. Move it up."),
    "too_early": ("太靠前：它所依赖的步骤还排在它后面，把它往下移。", "Too early: a step it builds on is still below it. Move it down."),
    "option_right": ("应当选。", "Belongs in the answer."),
    "option_wrong": ("不应选：{why}", "Does not belong: {why}"),
    "option_wrong_generic": ("再读一遍题目，想想这一项是否真的符合。", "read the question again and ask whether this option really fits."),
    "options_missing": ("还有应当选的选项没有选上。", "At least one option that belongs is not chosen yet."),
    "value_right": ("正确：{given}{unit}。", "Right: {given}{unit}."),
    "value_wrong": ("{given}{unit} 还不对（允许误差 {tolerance}）。{why}", "{given}{unit} is not right yet (tolerance {tolerance}). {why}"),
    "value_why_generic": ("逐步检查你的计算，需要时看提示。", "Check each step of your computation; the hint can help."),
    "percent_slip": ("看起来把百分数和小数弄混了：这道题要{form}。", "This looks like a percent/fraction mix-up: this answer is {form}."),
    "form_share": ("一个比例，写成小数（0.xx）或百分数（xx%）都可以", "a share, written as a fraction (0.xx) or a percent (xx%)"),
    "form_plain": ("一个普通的数", "a plain number"),
    "plain_not_percent": ("这道题的答案是一个普通的数，不是百分数：请去掉“%”再检查（没有计为作答）。", "This answer is a plain number, not a percent: write it without “%” (not counted as an attempt)."),
    "value_not_number": ("“{given}”不是一个数（没有计为作答）。", "“{given}” is not a number (not counted as an attempt)."),
    "value_not_finite": ("答案不是有限的数（{given}），没有计为作答。", "The answer is not a finite number ({given}); not counted as an attempt."),
    "table_missing_column": ("缺少列“{column}”。", "Column “{column}” is missing."),
    "table_row_right": ("这一行正确。", "This row is right."),
    "table_row_wrong": ("不对的单元格：{cells}。", "Wrong cells: {cells}."),
    "table_row_missing": ("缺少这一行。", "This row is missing."),
    "table_shape": ("表格应有 {rows} 行；收到 {got} 行。", "The table should have {rows} rows; got {got}."),
    "checklist": ("好的答案会包括：", "A good answer covers:"),
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
