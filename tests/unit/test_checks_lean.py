"""The gradebook's lean check (``check(spec, answer, feedback=False)``, issue 21 measure) always agrees
with the full check a student sees: status, score, max score, messages and every verdict's item,
mark, score and what was given; only the verdicts' feedback texts are left out.

An answer read from JSON is checked as it is (``as_data=True``) with the same result as after making
it plain. Two sources of answers: every answer and history answer of the sample class (each re-checked on the
item set its record names, as the gradebook does), and generated answers (hypothesis) for every
classifying exercise, bank exercises' sets among them, mixing real spellings with junk.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ckm_course import data
from ckm_course.exercises import reader
from ckm_course.exercises import variant as variants
from ckm_course.exercises.checks import LEAN, check
from ckm_course.exercises.checks.classification import NO_TEXT
from ckm_course.exercises.checks.normalize import Resolver
from ckm_course.grading.gradebook import catalog

SPECS = catalog()
CLASSIFYING = sorted(s.id for s in SPECS.values() if s.kind in LEAN)


def _same(spec, answer) -> None:
    full, lean = check(spec, answer), check(spec, answer, feedback=False)
    assert (lean.status, lean.score, lean.max_score, lean.answer, lean.messages) == \
        (full.status, full.score, full.max_score, full.answer, full.messages)
    assert [(v.item_id, v.label, v.mark, v.score, v.max_score, v.given) for v in lean.verdicts] == \
        [(v.item_id, v.label, v.mark, v.score, v.max_score, v.given) for v in full.verdicts]
    assert all(v.reason == NO_TEXT for v in lean.verdicts)
    read = json.loads(json.dumps(answer))  # as the gradebook has it: JSON from a file, checked as it is
    assert check(spec, read, feedback=False, as_data=True) == check(spec, read, feedback=False)


def _sample_answers():
    folder = data.datasets_dir() / "sample_submissions" / "submissions"
    for path in sorted(folder.glob("*.ipynb")):
        try:
            submission = reader.read_submission(path)
        except reader.ReadError:
            continue  # the class's truncated upload
        for _, record in submission.records:
            spec = SPECS.get(str(record.get("exercise")).casefold())
            if spec is None or spec.kind not in LEAN:
                continue
            shown = record.get("variant")
            if isinstance(shown, dict) and isinstance(shown.get("items"), list):
                try:
                    spec = variants.restrict(spec, tuple(shown["items"]))
                except Exception:  # noqa: BLE001 - a forged set is the gradebook's to flag
                    continue
            yield spec, record.get("answer")
            for entry in record.get("history") or []:
                if isinstance(entry, dict) and "answer" in entry:
                    yield spec, entry["answer"]


def test_the_sample_class_gets_the_same_verdicts_lean_and_full():
    pairs = list(_sample_answers())
    assert len(pairs) > 300  # the class's classifying answers and their histories
    for spec, answer in pairs:
        _same(spec, answer)


def _answers(spec) -> st.SearchStrategy:
    words = [s for thing in (*spec.choices, *spec.items) for s in Resolver.spellings(thing)]
    label = st.sampled_from(words) | st.text(max_size=8) | st.integers(-2, 30) | st.none() | st.just("...")
    value = label | st.lists(label, max_size=4) | st.just(", ".join(words[:3]))
    key = st.sampled_from([i.id for i in spec.items] + words) | st.integers(0, 8) | st.text(max_size=5)
    return st.dictionaries(key, value, max_size=len(spec.items) + 3) | value


@pytest.mark.parametrize("exercise_id", CLASSIFYING)
def test_generated_answers_get_the_same_verdicts_lean_and_full(exercise_id):
    spec = SPECS[exercise_id.casefold()]
    if variants.has_bank(spec):  # a set of the bank, as a student on it sees it
        spec = variants.restrict(spec, variants.draw(spec, variants.seed_of("2026001", spec.id)))

    @settings(max_examples=40, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(_answers(spec))
    def run(answer):
        _same(spec, answer)

    run()
