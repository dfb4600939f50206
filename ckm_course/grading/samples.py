"""A synthetic class for the instructor notebook and the tests: ``datasets/sample_submissions/``.

Seeded and with fixed time stamps, so ``python -m ckm_course.grading.samples`` rewrites the
committed files byte for byte (a test checks this). Every answer goes through the real
checker, so the records look exactly like ones a kernel writes. The class has realistic
mistakes (a tempting wrong category per item, a dropped second category, adjacent steps
swapped, the usual CLV slips) and the cases a gradebook must catch: a forged score, a pasted
second record, an old exercise id, a deleted ``revealed``, late work, a missing identity, an
unknown student, one student handing in two files, two on the roster with no file, and a
truncated upload. Names are invented.

Item banks (issue 24 item 3): each exercise of :data:`BANKED` is answered on the student's own
set, drawn for the identity the notebook gives (``variant.variant_for``, the kernel's draw), with
its own random stream, so the records of :data:`EXERCISES` stay the same whatever is banked.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

from ckm_course.exercises import variant as variants
from ckm_course.exercises.checks import check
from ckm_course.exercises.feedback import score_summary
from ckm_course.exercises.identity import Student
from ckm_course.exercises.record import json_safe, key_hash
from ckm_course.files import write_text_atomic
from ckm_course.grading.gradebook import catalog as exercise_specs
from ckm_course.version import VERSION

SEED = 20261124
COUNT = 60
EXERCISES = ("c1.1-four-reasons", "c1.3-lifetime-value", "c3.1-four-categories", "c3.2-process-view",
             "c3.4-explicit-tacit", "c6.1-step-order", "c9.1-lifecycle-management")
BANKED = ("c3.4-practice-explicit-tacit",)  # bank exercises: every student their own set (issue 24)
DUE = "2026-12-01T23:59+08:00"
START = 1795507200  # 2026-11-24T08:00:00Z
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["思远", "雨桐", "子涵", "浩然", "欣怡", "宇轩", "梓萱", "俊杰", "诗琪", "明哲", "佳怡", "天佑", "若曦", "志强",
         "晓东", "静怡", "嘉懿", "博文", "一诺", "可欣"]
OPEN_SENTENCES = [
    "客户知识周期包括获取、保存、转移、提供、共享、合作开发和应用。",
    "企业要建立把企业和客户连在一起的生命管理模型。",
    "共享需要文化和激励的支持。",
    "例如一家家电企业从售后电话中获取故障信息，录入知识库，再推送给研发。",
    "应用的结果又回到获取，周期不断循环。",
    "The cycle runs acquire, store, transfer, provide, share, co-develop and apply.",
    "Knowledge flows in from customers, out to them, and is co-developed with them.",
]


def _stable(text: str) -> float:
    """A number in [0, 1) from ``text``, the same on every machine (not Python's salted hash)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16) / 16**12


def _when(minutes: float) -> str:
    import datetime as dt

    moment = dt.datetime.fromtimestamp(START + int(minutes) * 60, dt.timezone.utc)
    return moment.isoformat().replace("+00:00", "Z")


def _right(ability: float, item: str, rng: random.Random) -> bool:
    difficulty = 2.2 * _stable(item) - 0.9
    return rng.random() < 1 / (1 + math.exp(-(1.1 + 1.3 * ability - difficulty * 1.6)))


def answer_for(spec: Any, ability: float, rng: random.Random) -> Any:
    """A plausible answer of a student of ``ability`` (about -2..2) in the canonical record form."""
    if spec.kind in ("multi_label", "single_label", "matching"):
        choices = [c.id for c in spec.choices]
        answer = {}
        for item in spec.items:
            if _right(ability, spec.id + item.id, rng):
                answer[item.id] = list(item.answer)
                continue
            others = [c for c in choices if c not in item.answer]
            tempting = others[int(_stable("tempt" + item.id) * len(others))]
            if len(item.answer) > 1 and rng.random() < 0.6:
                answer[item.id] = [item.answer[0]]  # the second category forgotten
            elif rng.random() < 0.08:
                continue  # left blank
            else:
                answer[item.id] = [tempting if rng.random() < 0.75 else rng.choice(others)]
        return answer
    if spec.kind == "ordering":
        order = [item.id for item in spec.items]
        for _ in range(sum(1 for _ in range(3) if not _right(ability, spec.id + str(_), rng))):
            at = rng.randrange(len(order) - 1)
            order[at], order[at + 1] = order[at + 1], order[at]
        return order
    if spec.kind == "multiple_choice":
        chosen = [c for c in spec.correct if _right(ability + 0.8, spec.id + c, rng)]
        if not _right(ability, spec.id + "distractor", rng):
            chosen.append(rng.choice([c.id for c in spec.choices if c.id not in spec.correct]))
        return chosen
    if spec.kind == "value":
        if _right(ability + 0.3, spec.id, rng):
            return spec.expected
        return rng.choice([4800.0, 4000.0, 960.0])  # forgot the discount rate, used m not m·r, stopped at m·r
    sentences = [s for s in OPEN_SENTENCES if _right(ability, s, rng)]
    return "\n".join(sentences) if sentences else ""


def record_for(spec: Any, answers: list[Any], minutes: float, hints: list[int], revealed: bool,
               variant: variants.Variant | None = None) -> dict[str, Any]:
    """A schema-2 record as ``record.record_check`` writes it after ``len(answers)`` checks; with a
    ``variant``, of that set of the bank exercise ``spec`` (answers by item id)."""
    if variant is not None:
        spec = variants.restrict(spec, variant.items)
    history = []
    for attempt, answer in enumerate(answers, start=1):
        result = check(spec, answer)
        when = _when(minutes - 7 * (len(answers) - attempt))
        history.append({"attempt": attempt, "checked_at": when, "status": result.status, "score": result.score,
                        "answer": json_safe(result.answer), **({"set": variant.set} if variant else {})})
    return {
        "schema": 2, "exercise": spec.id, "kind": spec.kind, "point": spec.point,
        "package_version": VERSION, "key_hash": key_hash(spec), "mode": "practice",
        "attempt": len(answers), "checked_at": history[-1]["checked_at"], "answer": history[-1]["answer"],
        "status": result.status, "score": result.score, "max_score": result.max_score,
        "verdicts": json_safe(result.to_dict()["verdicts"]), "history": history[-20:],
        "hints_seen": hints, "revealed": revealed, "revealed_at": _when(minutes - 3) if revealed else None,
        **({"variant": variant.as_record()} if variant else {}),
    }


def _cell(number: int, source: str, outputs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"cell_type": "code", "execution_count": number, "id": f"cell-{number}", "metadata": {},
            "outputs": outputs, "source": source}


def notebook(student: tuple[str, str] | None, records: list[dict[str, Any]]) -> dict[str, Any]:
    """A saved exercise notebook: a ``ckm_course.student(...)`` cell, then one widget cell per record."""
    cells: list[dict[str, Any]] = [{"cell_type": "markdown", "id": "title", "metadata": {},
                                    "source": "# 练习 Exercises (sample submission)"}]
    if student is not None:
        shown = Student(*student)._repr_mimebundle_()
        cells.append(_cell(1, f"import ckm_course\nckm_course.student({student[0]!r}, {student[1]!r})",
                           [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": shown}]))
    for record in records:
        number = len(cells)
        score = score_summary(record, "en") or "saved"  # as the widget writes it ("Recorded (not scored)" for open)
        text = f"[{record.get('exercise')}] {score} · attempt {record.get('attempt', 1)}"
        cells.append(_cell(number, f"ckm_course.exercise({record['exercise']!r}).widget()", [
            {"output_type": "display_data", "metadata": {},
             "data": {"application/vnd.ckm-course.answer+json": record, "text/plain": text}}]))
    return {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                         "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


def people(count: int = COUNT) -> list[tuple[str, str]]:
    rng = random.Random(SEED)
    return [(rng.choice(SURNAMES) + rng.choice(GIVEN), f"2026{n:03d}") for n in range(1, count + 1)]


def class_files(count: int = COUNT, exercises: tuple[str, ...] = EXERCISES, seed: int = SEED,
                oddities: bool = True, banked: tuple[str, ...] = BANKED, own_sets: bool = True) -> dict[str, str]:
    """``{file name: text}`` of the whole class (and ``roster.csv``); ``oddities``: add the forged and odd cases.

    ``banked``: bank exercises answered after ``exercises``; ``own_sets``: each student on the set drawn
    for them (else everyone on the default set, as before identifying: a class without variants).
    """
    rng = random.Random(seed)
    known = exercise_specs()
    specs = [known[e.casefold()] for e in exercises]
    banks = [known[e.casefold()] for e in banked]
    roster = people(count)
    files: dict[str, str] = {"roster.csv": "id,name,email\n" + "".join(
        f"{i},{n},s{i}@example.edu\n" for n, i in roster)}
    for index, (name, ident) in enumerate(roster):
        if oddities and index in (7, 31):
            continue  # on the roster, no file
        ability = rng.gauss(0.2, 0.9)
        base = 60 * 24 * rng.random() * 6 + (60 * 24 * 8.5 if oddities and index % 17 == 5 else 0)
        records = []
        for number, spec in enumerate(specs):
            if rng.random() < 0.04:
                continue  # skipped this exercise
            tries = 1 + int(rng.random() * 3)
            answers = [answer_for(spec, ability - 0.6 * (tries - t), rng) for t in range(1, tries + 1)]
            hints = [1] if rng.random() < 0.25 else []
            revealed = oddities and rng.random() < 0.03
            records.append(record_for(spec, answers, base + 11 * number, hints, revealed))
        drawn_for = None if oddities and index in (40, 41, 42) else "2025117" if oddities and index == 50 else ident
        for number, spec in enumerate(banks, start=len(specs)):
            records.append(_on_own_set(spec, drawn_for if own_sets else None, ability, base + 11 * number, seed))
        who: tuple[str, str] | None = (name, ident)
        file_name = f"{ident}.ipynb"
        if oddities:
            records, who, file_name = _oddity(index, records, specs, who, file_name, files)
        files[f"submissions/{file_name}"] = _text(notebook(who, records))
    if oddities:
        files["submissions/upload_truncated.ipynb"] = _text(notebook(("赵一诺", "2026099"), []))[:300]
    return files


def _on_own_set(spec: Any, drawn_for: str | None, ability: float, minutes: float, seed: int) -> dict[str, Any]:
    """One student's record of a bank exercise, answered on the set drawn for ``drawn_for`` (issue 24)."""
    rng = random.Random(f"{seed}:{drawn_for}:{spec.id}")
    variant = variants.variant_for(spec, drawn_for, 1, "")
    shown = variants.restrict(spec, variant.items)
    tries = 1 + int(rng.random() * 2)
    answers = [answer_for(shown, ability - 0.6 * (tries - t), rng) for t in range(1, tries + 1)]
    return record_for(spec, answers, minutes, [], False, variant)


def _oddity(index: int, records: list, specs: list, who: tuple[str, str] | None, file_name: str,
            files: dict[str, str]) -> tuple[list, tuple[str, str] | None, str]:
    """The cases a gradebook must catch, each on one student."""
    by_id = {r["exercise"]: r for r in records}
    if index == 3 and "c3.1-four-categories" in by_id:  # edited the saved file: full marks by hand
        by_id["c3.1-four-categories"].update(score=999, status="correct")
    if index == 12 and "c3.1-four-categories" in by_id:  # pasted a classmate's later, perfect record
        pasted = copy.deepcopy(by_id["c3.1-four-categories"])
        spec = next(s for s in specs if s.id == "c3.1-four-categories")
        pasted.update(record_for(spec, [{i.id: list(i.answer) for i in spec.items}], 60 * 24 * 6, [], False))
        records = [*records, pasted]
    if index == 20 and records:  # a notebook from last term: the old id of C1.1
        records[0] = {**records[0], "exercise": "c1.1-five-reasons"}
    if index == 26 and records:  # showed the answer, then deleted the trace
        records[-1] = {k: v for k, v in records[-1].items() if k not in ("revealed", "revealed_at")}
    if index in (40, 41, 42):  # forgot the student() cell: the file name is the identity
        who, file_name = None, f"homework_{who[1]}.ipynb"
    if index == 50:  # not on the roster
        who, file_name = (who[0], "2025117"), "2025117.ipynb"
    if index == 55:  # handed in the open question again in a second file
        open_records = [r for r in records if r["kind"] == "open"]
        files[f"submissions/{who[1]}_resubmitted.ipynb"] = _text(notebook(who, open_records))
    return records, who, file_name


def write(target: Path | str) -> list[Path]:
    """Write the sample class into ``target`` (``datasets/sample_submissions`` by default)."""
    target = Path(target)
    written = []
    for name, text in class_files().items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path, text)
        written.append(path)
    return written


def default_target() -> Path:
    return Path(__file__).resolve().parents[2] / "datasets" / "sample_submissions"


if __name__ == "__main__":  # python -m ckm_course.grading.samples [TARGET]
    for path in write(sys.argv[1] if len(sys.argv) > 1 else default_target()):
        print(path)
