"""No student input makes a checker raise (hypothesis, >= 10,000 inputs per checker kind).

The checkers are called directly, without the safety net of ``checks.check``, so a bug
that raises fails here. Hypothesis costs ~5 ms per example on the CI machine whatever the
strategy, so each example draws a batch of ``BATCH`` independent answers: 1,000 examples x 10
answers = 10,000 generated inputs per kind in about a third of the time, and a failing batch
still shrinks to the one answer that raises. Inputs mix real labels (to reach the deep paths) with junk:
any scalar, odd Unicode, nested containers, mappings with odd keys.
"""

from __future__ import annotations

import json
import math
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ckm_course
from ckm_course.exercises.checks import CHECKERS, Result
from ckm_course.exercises.checks.normalize import Resolver
from ckm_course.exercises.record import json_safe

# `make test` runs a quick pass (CKM_FUZZ_INPUTS unset: 300 inputs per kind); `make fuzz`, which
# .ci/run also runs, sets CKM_FUZZ_INPUTS=10000 for the full >= 10,000 inputs per kind.
BATCH = 10
REQUIRED_INPUTS = int(os.environ.get("CKM_FUZZ_INPUTS", "300"))
EXAMPLES = max(1, REQUIRED_INPUTS // BATCH)
PER_KIND = {
    "multi_label": "c3.1-four-categories",
    "single_label": "c2.3-data-information-knowledge",
    "matching": "c6.5-technology-process",
    "ordering": "c6.1-step-order",
    "multiple_choice": "c2.4-characteristics",
    "value": "c1.3-lifetime-value",
    "open": "c9.1-implementing-ckm",
}


def spellings(spec) -> list[str]:
    out: list[str] = []
    for thing in (*spec.choices, *spec.items):
        out.extend(Resolver.spellings(thing))
    return out or ["3200", "¥3,200"]


def answers(spec) -> st.SearchStrategy:
    words = st.sampled_from(spellings(spec))
    odd_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.sampled_from(
        ["...", "…", "、", "，", " ", "\u3000", "\x00", "a" * 600, "1e309", "-0", "NaN", "客户", "ｆｒｏｍ"]
    )
    scalars = (
        st.none() | st.just(...) | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
        | st.complex_numbers() | st.binary(max_size=10) | words | odd_text | st.decimals() | st.fractions()
    )
    keys = words | odd_text | st.integers() | st.none() | st.booleans() | st.tuples(words)
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=8) | st.tuples(inner, inner) | st.frozensets(words, max_size=4)
        | st.sets(odd_text, max_size=3) | st.dictionaries(keys, inner, max_size=8),
        max_leaves=15,
    )


@pytest.mark.slow
@pytest.mark.parametrize("kind", sorted(PER_KIND))
def test_no_input_raises(kind):
    spec = ckm_course.course().exercise(PER_KIND[kind])
    checker = CHECKERS[kind]
    assert spec.kind == kind

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(answers(spec), min_size=BATCH, max_size=BATCH))
    def run(batch):
        for answer in batch:
            checked.append(1)
            check_one(spec, checker, kind, answer)

    checked: list[int] = []
    run()
    assert len(checked) >= REQUIRED_INPUTS, f"only {len(checked)} generated inputs for {kind}"


def check_one(spec, checker, kind: str, answer) -> None:
    """One generated answer: a well-formed Result, whatever the input."""
    started = time.perf_counter()
    result = checker(spec, answer)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"a check took {elapsed:.2f} s (cap the work done per answer)"
    assert isinstance(result, Result)
    assert result.kind == kind
    assert 0 <= result.score <= result.max_score or (kind == "open" and result.max_score == 0)
    assert not math.isnan(result.score)
    assert result.status in {"not_attempted", "correct", "partial", "incorrect", "recorded"}
    if result.status == "not_attempted":
        assert result.verdicts == ()  # nothing per item that could reveal the key
    if kind not in ("multiple_choice", "value", "open"):
        assert len(result.verdicts) <= len(spec.items)
    for language in ("zh", "en", "both"):
        assert result.lines(language)
    json.dumps(json_safe(result.to_dict()), ensure_ascii=False, allow_nan=False, default=_reject)


def _reject(value):
    raise TypeError(f"not JSON-ready: {value!r}")
