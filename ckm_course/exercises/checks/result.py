"""What every checker returns: a :class:`Result` with per-item :class:`Verdict` s (pure data).

A Result knows nothing of records or HTML: what ``Exercise.check`` returns is a
:class:`~ckm_course.exercises.feedback.Checked`, the Result with the record the check made and
its notebook display.

Marks are shown with symbols as well as words, never by colour alone:
``✓`` correct, ``◐`` partly right, ``✗`` wrong, ``–`` not attempted, ``☐`` for the
reader to review (open questions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ckm_course.exercises.checks.messages import msg
from ckm_course.i18n import render
from ckm_course.content.model import Text

MARKS = {"correct": "✓", "partial": "◐", "wrong": "✗", "missing": "–", "review": "☐"}
STATUSES = ("not_attempted", "correct", "partial", "incorrect", "recorded", "saved", "error")


@dataclass(frozen=True)
class Verdict:
    """The verdict on one item (or option) of an exercise."""

    item_id: str
    label: Text
    mark: str
    score: float
    max_score: float
    reason: Text
    given: tuple[str, ...] = ()

    @property
    def symbol(self) -> str:
        return MARKS[self.mark]


@dataclass(frozen=True)
class Result:
    """Score, per-item verdicts and input messages for one check of one exercise."""

    exercise_id: str
    kind: str
    status: str
    score: float
    max_score: float
    verdicts: tuple[Verdict, ...] = ()
    messages: tuple[Text, ...] = ()
    answer: Any = None

    @property
    def attempted(self) -> bool:
        return self.status != "not_attempted"

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def score_line(self, language: str | None = None) -> str:
        """One line such as "得分 Score: 7/9" in the chosen language."""
        if self.status == "not_attempted":
            return render(msg("not_attempted"), language)
        if self.status in ("recorded", "saved"):
            return render(msg(self.status), language)
        if self.status == "error":
            return render(msg("score", score="?", max=score_text(self.max_score)), language)
        return render(msg("score", score=score_text(self.score), max=score_text(self.max_score)), language)

    def lines(self, language: str | None = None) -> list[str]:
        """The feedback as plain-text lines: score, messages, then one line per item."""
        out = [self.score_line(language)]
        out += [f"! {render(m, language)}" for m in self.messages]
        for v in self.verdicts:
            out.append(f"{v.symbol} {render(v.label, language)} — {render(v.reason, language)}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: status, score and per-item marks (no feedback text, no key)."""
        return {
            "exercise": self.exercise_id,
            "kind": self.kind,
            "status": self.status,
            "score": self.score,
            "max_score": self.max_score,
            "answer": self.answer,
            "verdicts": [
                {"item": v.item_id, "mark": v.mark, "score": v.score, "max_score": v.max_score, "given": list(v.given)}
                for v in self.verdicts
            ],
        }

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def score_text(value: float) -> str:
    """A score as shown: ``7`` or ``1.5`` (no trailing zeros)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")
