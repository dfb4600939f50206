"""One rule for every kind: what shape an answer must have, and what a wrong shape gets (issue 21, item 9).

The rule, the same for every exercise kind:

1. **Plain values first.** A numpy or pandas *scalar*, or a subclass of ``str``/``int``/``float``/
   ``list``/``tuple``/``dict``, is read as the plain Python value it stands for (``numpy.str_("b")`` is
   ``"b"``, ``numpy.int64(3)`` is ``3``, a one-dimensional numpy array is a list). Its own
   ``__eq__``, ``__hash__`` or ``__str__`` is never called, so a broken one cannot change the verdict.
2. **The answer has the template's shape.** Each kind accepts the shapes in :data:`SHAPES`
   (``{item: category}`` is a mapping, ``[step, step]`` a list, one option a text ...). A set is
   never a whole answer (the templates never are sets, and an ordering or a single choice cannot be
   read from one); any other object (a student's own class, ``bytes``, ``complex``, ``True``) is not
   an answer either.
3. **A wrong shape is "not attempted"**: score 0, no verdict on any item (nothing that could probe
   the key), and one message saying what shape is expected and what was given. Never "incorrect".

Inside an answer of the right shape, parts that name nothing (a number where a label belongs, an
unknown label) are reported and skipped, and an answer whose parts all name nothing is again
"not attempted" — that part is the checkers' own (``Resolver.resolve``).
"""

from __future__ import annotations

import decimal
import functools
import numbers
from collections.abc import Callable, Mapping
from typing import Any

from ckm_course.content.model import ExerciseSpec, Text
from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import is_placeholder, short
from ckm_course.exercises.checks.result import Result
from ckm_course.exercises.checks.scoring import max_score_of

MAX_PARTS = 10_000  # elements read from a container (the checkers cut far lower)
MAX_DEPTH = 4  # nesting levels made plain; deeper values are left as given

#: kind -> the top-level shapes an answer of that kind may have (see :func:`shape_of`).
SHAPES: dict[str, tuple[str, ...]] = {
    "multi_label": ("mapping",),
    "single_label": ("mapping",),
    "matching": ("mapping",),
    "ordering": ("list", "text", "mapping"),  # [step, ...], "a > b > c", {1: step, 2: step}
    "multiple_choice": ("text", "list"),  # one option ("b"), or a list of options / "a, c"
    "value": ("number", "text"),  # 3200, "¥3,200"
    "value_table": ("table", "mapping", "list"),  # a DataFrame, {column: [...]}, [row, ...]
    "open": ("text",),
    "plan": ("mapping",),
}

_EXPECTED: dict[str, Text] = {
    "multi_label": Text("一个字典（项目 → 类别）", "a dict (item -> category)"),
    "single_label": Text("一个字典（项目 → 类别）", "a dict (item -> category)"),
    "matching": Text("一个字典（项目 → 对应项）", "a dict (item -> match)"),
    "ordering": Text("一个按顺序排列的列表", "a list in order"),
    "multiple_choice": Text("一个选项（文字）或选项列表 [...]", "an option (text) or a list of options [...]"),
    "value": Text("一个数", "a number"),
    "value_table": Text("一个表格（DataFrame、列字典或行列表）", "a table (DataFrame, dict of columns or list of rows)"),
    "open": Text("一段文字（放在引号里）", "a text (in quotes)"),
    "plan": Text("一个字典：每行 {行: {栏: 值}}", "a dict of rows: {row: {column: value}}"),
}


class _Unreadable:
    """What :func:`plain` gives for an object it cannot read without calling the student's code."""

    def __init__(self, original: Any) -> None:
        self.original = original

    def __repr__(self) -> str:
        return short(self.original)


def plain(value: Any) -> Any:
    """``value`` as plain Python data (rule 1). Never raises; never calls a value's own ``__eq__``.

    Containers are copied with at most :data:`MAX_PARTS` elements in all (the checkers cut far
    lower), so a huge or deeply nested answer costs no more than a small one.
    """
    return _plain(value, 0, [MAX_PARTS])


def _plain(value: Any, depth: int, budget: list[int]) -> Any:
    if value is None or value is Ellipsis or type(value) in (str, int, float, bool):
        return value
    if isinstance(value, str):
        return str.__str__(value)  # an exact str copy, whatever the subclass overrides
    module = type(value).__module__ or ""
    if module.startswith("numpy"):
        return _plain_numpy(value, depth, budget)
    if module.startswith("pandas") or depth >= MAX_DEPTH:
        return value  # tables stay tables (value exercises read them); deep values stay as given
    try:
        if isinstance(value, Mapping):
            pairs = list(value.items())[: max(budget[0], 0)]
            budget[0] -= len(pairs)
            return {_plain(k, depth + 1, budget): _plain(v, depth + 1, budget) for k, v in pairs}
        if isinstance(value, (list, tuple)):
            parts = list(value)[: max(budget[0], 0)]
            budget[0] -= len(parts)
            parts = [_plain(v, depth + 1, budget) for v in parts]
            return parts if isinstance(value, list) else tuple(parts)
        if isinstance(value, int):
            return int.__int__(value)  # an exact int, whatever the subclass overrides
        if isinstance(value, float):
            return float.__float__(value)
    except Exception:  # a container whose items() / iteration is broken, an unhashable key
        return _Unreadable(value)
    return value


def _plain_numpy(value: Any, depth: int, budget: list[int]) -> Any:
    try:
        if getattr(value, "ndim", 0) == 0:
            return _plain(value.item(), depth, budget)  # numpy.str_ -> str, numpy.int64 -> int
        if value.ndim == 1 and depth < MAX_DEPTH:
            parts = value[: max(budget[0], 0)].tolist()
            budget[0] -= len(parts)
            return [_plain(v, depth + 1, budget) for v in parts]
    except Exception:  # an array of objects whose .item() fails
        return _Unreadable(value)
    return _Unreadable(value)


def shape_of(value: Any) -> str:
    """The shape of a (plain) answer: text, number, list, mapping, table, set or other."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool) or isinstance(value, _Unreadable):
        return "other"
    if isinstance(value, (numbers.Real, decimal.Decimal)):  # int, float, Fraction; Decimal is no numbers.Real
        return "number"
    if isinstance(value, Mapping):
        return "mapping"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, (set, frozenset)):
        return "set"
    if type(value).__module__.startswith("pandas") and type(value).__name__ in ("DataFrame", "Series"):
        return "table"
    return "other"


def rule_of(spec: ExerciseSpec) -> str:
    """The key of :data:`SHAPES` for ``spec`` (a value exercise with a table has its own)."""
    if spec.kind == "value" and spec.expected_table is not None:
        return "value_table"
    return spec.kind


def expected(spec: ExerciseSpec) -> Text:
    """What shape ``spec`` expects, in words (both languages)."""
    return _EXPECTED[rule_of(spec)]


def refuse(spec: ExerciseSpec, answer: Any, max_score: float) -> Result | None:
    """The "not attempted" result for an answer that is a placeholder or has the wrong shape, else None."""
    if is_placeholder(answer):
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score)
    if shape_of(answer) in SHAPES[rule_of(spec)]:
        return None
    message = msg("wrong_shape", shape=expected(spec), got=short(answer))
    return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, (), (message,))


def shaped(checker: Callable[..., Result]) -> Callable[..., Result]:
    """Wrap a checker in the rule: plain values first, then a placeholder or a wrong shape is "not attempted".

    Keyword options (a classification checker's ``feedback``) go to the checker unchanged. ``as_data``: the
    answer is already plain (JSON read from a file, with fewer than :data:`MAX_PARTS` parts), so making it
    plain would only copy it (the gradebook, issue 21 measure)."""

    @functools.wraps(checker)
    def run(spec: ExerciseSpec, answer: Any, as_data: bool = False, **options: Any) -> Result:
        answer = answer if as_data else plain(answer)
        refused = refuse(spec, answer, max_score_of(spec))
        return refused if refused is not None else checker(spec, answer, **options)

    return run
