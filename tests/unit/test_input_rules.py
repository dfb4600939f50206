"""Issue 21, item 9: one rule for wrong-shape input over every kind, every exercise listed, short
errors for unknown ids, and paraphrased C3.1 categories read (and suggested) by their meaning."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import ckm_course
from ckm_course.content.builder import ContentError
from ckm_course.content.loader import load_course
from ckm_course.exercises.checks import CHECKERS
from ckm_course.exercises.checks.normalize import Resolver, compact
from ckm_course.exercises.checks.shape import SHAPES, plain, shape_of
from ckm_course.exercises.exercise import exercise_specs
from ckm_course.content.validate import loose

SPECS = exercise_specs()
IDS = [s.id for s in SPECS]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "broken_content"


@pytest.fixture(autouse=True)
def english():
    ckm_course.set_language("en")
    yield
    ckm_course.set_language("both")


class BrokenEq:
    """A student's object whose comparison, hash and text all fail."""

    def __eq__(self, other):
        raise RuntimeError("broken __eq__")

    def __hash__(self):
        raise RuntimeError("broken __hash__")

    def __repr__(self):
        raise RuntimeError("broken __repr__")


class BrokenStr(str):
    """A text whose own methods fail: it must still read as the text it holds."""

    def __eq__(self, other):
        raise RuntimeError("broken __eq__")

    __hash__ = str.__hash__

    def __str__(self):
        raise RuntimeError("broken __str__")

    def strip(self, *args):
        raise RuntimeError("broken strip")


def key_of(spec):
    return ckm_course.exercise(spec.id).key("en")


def as_set(key):
    """The key itself, squeezed into a set: the most tempting wrong shape."""
    if isinstance(key, dict):
        return frozenset(key)
    if isinstance(key, list):
        return set(key)
    if isinstance(key, pd.DataFrame):
        return set(key.columns)
    return {key}


def run(spec, answer):
    return CHECKERS[spec.kind](spec, answer)  # the checker itself, without check()'s safety net


WRONG_SHAPES = {
    "set of the key": as_set,
    "broken __eq__": lambda key: BrokenEq(),
    "bytes": lambda key: b"about",
    "complex": lambda key: 3 + 4j,
    "bool": lambda key: True,
    "2-d numpy array": lambda key: np.array([["a", "b"], ["c", "d"]]),
    "generator": lambda key: (x for x in ["a"]),
}


@pytest.mark.parametrize("shape", sorted(WRONG_SHAPES))
@pytest.mark.parametrize("exercise_id", IDS)
def test_a_wrong_shape_is_not_attempted_in_every_kind(exercise_id, shape):
    spec = SPECS[IDS.index(exercise_id)]
    result = run(spec, WRONG_SHAPES[shape](key_of(spec)))
    assert result.status == "not_attempted", (shape, str(result))
    assert result.score == 0 and result.verdicts == ()
    assert any(m.en.startswith("The answer should be") for m in result.messages), result.messages


def test_the_rule_covers_every_kind_and_never_takes_a_set():
    assert set(SHAPES) >= set(CHECKERS) | {"value_table"}
    assert not any("set" in shapes for shapes in SHAPES.values())


def test_multiple_choice_says_it_wants_a_list():
    spec = ckm_course.course().exercise("c2.4-characteristics")
    result = run(spec, set(key_of(spec)))
    assert "a list of options" in result.messages[0].en


def numpy_form(value):
    if isinstance(value, dict):
        return {k: numpy_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return np.array(value) if value and all(isinstance(v, str) for v in value) else [numpy_form(v) for v in value]
    if isinstance(value, str):
        return np.str_(value)
    if isinstance(value, bool):
        return np.bool_(value)
    if isinstance(value, int):
        return np.int64(value)
    if isinstance(value, float):
        return np.float64(value)
    return value


def broken_form(value):
    if isinstance(value, dict):
        return {k: broken_form(v) for k, v in value.items()}
    if isinstance(value, list):
        return [broken_form(v) for v in value]
    return BrokenStr(value) if isinstance(value, str) else value


@pytest.mark.parametrize("form", [numpy_form, broken_form], ids=["numpy", "str-subclass-broken-eq"])
@pytest.mark.parametrize("exercise_id", IDS)
def test_numpy_values_and_odd_strings_read_as_the_python_values_they_hold(exercise_id, form):
    """Rule 1: numpy.str_("b") is "b", in every kind, right or wrong alike."""
    spec = SPECS[IDS.index(exercise_id)]
    key = key_of(spec)
    if isinstance(key, pd.DataFrame):
        pytest.skip("a table is read by pandas, not made plain")
    expected = run(spec, key)
    got = run(spec, form(key))
    assert (got.status, got.score) == (expected.status, expected.score), str(got)


def test_numpy_strings_of_a_wrong_option_are_wrong_like_python_strings():
    spec = ckm_course.course().exercise("quiz-c1-negative-value")
    wrong = next(c for c in spec.choices if c.id not in spec.correct).label.en
    assert run(spec, np.str_(wrong)).status == run(spec, wrong).status == "incorrect"
    assert run(spec, np.str_("zzz")).status == run(spec, "zzz").status == "not_attempted"


@pytest.mark.parametrize("exercise_id", ["c2.4-characteristics", "c6.1-step-order", "c3.1-four-categories"])
def test_parts_that_name_nothing_are_reported_and_never_graded(exercise_id):
    spec = ckm_course.course().exercise(exercise_id)
    junk = [BrokenEq(), b"x", 3 + 4j]
    answer = {item.label.en: junk for item in spec.items} if spec.kind == "multi_label" else junk
    result = run(spec, answer)
    assert result.status == "not_attempted" and result.verdicts == ()
    assert result.messages


def test_every_kind_of_number_is_a_number():
    from decimal import Decimal
    from fractions import Fraction

    spec = ckm_course.course().exercise("c1.3-lifetime-value")
    expected = run(spec, key_of(spec))
    for number in (Decimal(str(spec.expected)), Fraction(spec.expected), np.float32(spec.expected), float(spec.expected)):
        assert run(spec, number).status == expected.status == "correct", type(number)


def test_plain_never_calls_the_students_code_and_caps_its_work():
    assert plain(BrokenStr("about")) == "about" and type(plain(BrokenStr("about"))) is str
    assert shape_of(plain(BrokenEq())) == "other"
    assert shape_of(plain(np.array(["a", "c"]))) == "list"
    huge = [[0] * 1000 for _ in range(1000)]
    assert sum(len(row) if isinstance(row, list) else 0 for row in plain(huge)) <= 10_000


# --- every exercise listed -----------------------------------------------------------------


def test_exercise_ids_list_the_case_exercise_that_check_finds():
    ids = ckm_course.exercise_ids()
    assert "c3.1-case-interactions" in ids
    assert len(ids) == len(set(ids))
    for exercise_id in ids:
        assert ckm_course.exercise(exercise_id).id == exercise_id
    c31 = [i for i in ids if ckm_course.exercise(i).point == "C3.1"]
    assert c31[-1] == "c3.1-case-interactions" or ids.index("c3.1-case-interactions") > ids.index(c31[0])


def test_the_command_lists_the_case_exercise_and_ends_quietly_under_head():
    command = [sys.executable, "-m", "ckm_course.cli", "exercises"]
    listing = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True).stdout
    assert "c3.1-case-interactions\tmulti_label\tC3.1" in listing.splitlines()
    assert len(listing.splitlines()) == len(ckm_course.exercise_ids())
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line, as `| head -1` is by the second: no race
    try:
        piped = subprocess.run(command, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert piped.returncode == 0, piped.stderr
    assert "BrokenPipe" not in piped.stderr and "Traceback" not in piped.stderr


def test_an_unknown_id_is_echoed_short():
    with pytest.raises(KeyError) as caught:
        ckm_course.exercise("x" * 11_523)
    text = str(caught.value)
    assert "x" * 81 not in text and "x" * 80 + "'…" in text and "11,523 characters" in text
    with pytest.raises(KeyError, match="did you mean c3.1-four-categories"):
        ckm_course.exercise("c3.1-four-categorie")


# --- paraphrased categories ----------------------------------------------------------------

PARAPHRASES = [
    ("与客户共同创造的知识", "co-created"), ("共同创造的知识", "co-created"), ("knowledge co-created with customers", "co-created"),
    ("jointly created knowledge", "co-created"), ("关于客户的知识", "about"), ("knowledge about the customer", "about"),
    ("客户所需的知识", "need"), ("knowledge customers require", "need"), ("源自客户的知识", "from"),
    ("knowledge provided by customers", "from"),
]
FOUR = [s for s in SPECS if {c.id for c in s.choices} == {"about", "need", "from", "co-created"}]


@pytest.mark.parametrize("exercise_id", [s.id for s in FOUR])
@pytest.mark.parametrize(("paraphrase", "category"), PARAPHRASES)
def test_common_paraphrases_of_the_four_categories_are_read(exercise_id, paraphrase, category):
    spec = SPECS[IDS.index(exercise_id)]
    item = spec.items[0]
    result = run(spec, {item.label.en: paraphrase})
    assert result.verdicts and result.verdicts[0].given == (category,), str(result)


@pytest.mark.parametrize(("typed", "category"), [
    ("和客户一起创造的知识", "co-created"), ("客户与企业一起创造的知识", "co-created"),
    ("knowledge co-produced by customers", "co-created"), ("Knowledge from customer", "from"), ("abuot", "about"),
])
def test_the_suggestion_for_an_unknown_spelling_prefers_the_meaning(typed, category):
    spec = ckm_course.course().exercise("c3.1-four-categories")
    assert Resolver(spec.choices).lookup(typed) is None  # not an alias: this is about the suggestion
    assert Resolver(spec.choices).nearest(typed) == category


def test_the_four_category_exercises_share_one_alias_list_and_keep_the_decks_names():
    first = {c.id: (c.label, set(c.aliases) - {"about", "合作"}) for c in FOUR[0].choices}
    for spec in FOUR[1:]:
        assert {c.id: (c.label, set(c.aliases) - {"about", "合作"}) for c in spec.choices} == first, spec.id
    assert {c.id: c.label.zh for c in FOUR[0].choices} == {
        "about": "有关客户的知识", "need": "客户需要的知识", "from": "来自于客户的知识", "co-created": "合作创造的知识"}


def test_no_c31_alias_is_a_spelling_of_the_process_view_scheme():
    """C3.2's knowledge of / for / customers hold is another scheme: a C3.1 alias must not take it."""
    c32 = {loose(s) for spec in SPECS if spec.point == "C3.2" for c in spec.choices for s in (c.label.en, *c.aliases)}
    c32 |= {"knowledgeofcustomers", "knowledgeforcustomers", "knowledgecustomershold"}
    aliases = {loose(a) for c in FOUR[0].choices for a in c.aliases}
    assert not aliases & c32


def test_the_validators_loose_key_is_the_checkers():
    for spec in FOUR:
        for choice in spec.choices:
            for spelling in Resolver.spellings(choice):
                assert loose(spelling) == compact(spelling)


@pytest.mark.parametrize(("alias", "problem"), [
    ("co created", None),  # fine on its own choice (see below); placed on another it is ambiguous
    ("Ex-plicit", "shared with 'explicit'"),  # loosely the same as another category's id
    ("FAQ", "also an item of this exercise"),
])
def test_an_ambiguous_alias_is_a_content_error(tmp_path, alias, problem):
    text = (FIXTURES / "ambiguous_labels.toml").read_text(encoding="utf-8")
    target = tmp_path / "aliases.toml"
    target.write_text(re.sub(r'aliases = \["explicit"\]', f'aliases = ["{alias}"]', text), encoding="utf-8")
    if problem is None:
        assert load_course(tmp_path).exercise("ambiguous")
        return
    with pytest.raises(ContentError) as caught:
        load_course(tmp_path)
    assert caught.value.entry == "exercise 'ambiguous'" and problem in caught.value.problem


def test_the_packaged_content_with_its_aliases_loads(tmp_path):
    for path in (Path(ckm_course.__file__).parent / "content").glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    assert load_course(tmp_path).exercise("c3.1-four-categories")
