"""Feedback as HTML: a score line, input messages, then one row per item.

Marks are symbols with words in their tooltip (✓ ◐ ✗ – ☐), never colour alone; colour
only repeats what the symbol says. Shared by ``Result`` display in code cells and by
the exercise widgets.
"""

from __future__ import annotations

import html

from ckm_course.checks.result import MARKS, Result
from ckm_course.i18n import render

_COLOURS = {"correct": "#1b7837", "partial": "#b35806", "wrong": "#b2182b", "missing": "#555555", "review": "#2166ac"}
_WORDS = {"correct": "正确 correct", "partial": "部分正确 partly right", "wrong": "错误 wrong",
          "missing": "未作答 not answered", "review": "自查 review"}


def mark_html(mark: str) -> str:
    """The symbol for a verdict mark, with its meaning as tooltip and for screen readers."""
    word = html.escape(_WORDS[mark])
    return (f'<span class="ckm-mark ckm-{mark}" title="{word}" aria-label="{word}" '
            f'style="color:{_COLOURS[mark]};font-weight:bold">{MARKS[mark]}</span>')


def to_html(result: Result, language: str | None = None) -> str:
    """The whole feedback of one check as an HTML fragment."""
    parts = [f'<div class="ckm-feedback" data-exercise="{html.escape(result.exercise_id)}" '
             f'data-status="{result.status}">',
             f'<p class="ckm-score"><b>{html.escape(result.score_line(language))}</b></p>']
    if result.messages:
        parts.append('<ul class="ckm-messages">')
        parts += [f"<li>{html.escape(render(m, language))}</li>" for m in result.messages]
        parts.append("</ul>")
    if result.verdicts:
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
