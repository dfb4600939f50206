"""Issue 21, items 1, 7 and 8: the gradebook's outputs hold under hostile names and text.

Item 1: a file name that is not UTF-8 or a lone surrogate in a name or an answer never crashes the
writer of ``grade`` or ``collect``, and the outputs of a run replace the last run's all together.
Item 7: every CSV field is quoted, formula starts are defused after ``;`` and ``,`` too, ``--excel``
adds a BOM, students not on the roster go to problems.csv instead of the LMS import files.
Item 8: bad ``--out`` / ``-o`` paths end with exit 2 and one line; names match after NFC and
full-width folding.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from pathlib import Path

import pytest

import ckm_course
from ckm_course.cli import main
from ckm_course.files import write_together
from ckm_course.grading import grade, write
from ckm_course.grading.outputs import cell
from ckm_course.grading.samples import notebook, record_for

C34 = "c3.4-explicit-tacit"


def _record(right: bool = True) -> dict:
    spec = ckm_course.exercise(C34).spec
    return record_for(spec, [{i.id: list(i.answer) if right else [] for i in spec.items}], 60, [], False)


def _save(path: Path | bytes, who: tuple[str, str] | None, answer: object = None) -> None:
    record = _record()
    if answer is not None:
        record["answer"] = answer
    with open(path, "wb") as handle:  # ensure_ascii: a lone surrogate is written as the JSON escape \ud800
        handle.write(json.dumps(notebook(who, [record]), ensure_ascii=True).encode("ascii"))


def _hostile_class(folder: Path) -> Path:
    """Good files beside a GBK-named file and one whose identity and answer hold lone surrogates."""
    folder.mkdir(parents=True, exist_ok=True)
    _save(folder / "good.ipynb", ("Good", "s001"))
    _save(os.fsencode(folder) + b"/" + "作业".encode("gbk") + b".ipynb", ("Dave", "s004"))
    _save(folder / "surrogate.ipynb", ("Eve\ud800", "s005\udfff"), answer="\ud800")
    return folder


def _strict(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # raises on anything that is not strict UTF-8


def test_grade_writes_every_output_despite_gbk_names_and_lone_surrogates(tmp_path, capsys):
    folder = _hostile_class(tmp_path / "in")
    assert main(["grade", str(folder), "--out", str(tmp_path / "out")]) in (0, 1)
    capsys.readouterr()
    out = tmp_path / "out"
    for name in ("grades.csv", "moodle.csv", "canvas.csv", "problems.csv", "gradebook.json", "report.html"):
        _strict(out / name)
    grades = {r["student_id"]: r for r in csv.DictReader(io.StringIO(_strict(out / "grades.csv")))}
    assert {"s001", "s004"} <= set(grades) and float(grades["s001"]["percent"]) == 100.0
    gbk = os.fsdecode("作业".encode("gbk") + b".ipynb")  # Python keeps the bytes that are not UTF-8 as U+DCxx
    assert gbk.startswith("\udcd7\udcf7") and gbk.encode("utf-8", "backslashreplace").decode() in grades["s004"]["files"]
    assert "Eve\\ud800" in _strict(out / "grades.csv")
    book = json.loads(_strict(out / "gradebook.json"))  # JSON keeps the \uXXXX escape: it reads back
    assert any(row["name"] == "Eve\ud800" for row in book["grades"])
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def test_collect_writes_the_good_files_despite_gbk_names_and_lone_surrogates(tmp_path, capsys):
    folder = _hostile_class(tmp_path / "in")
    assert main(["collect", str(folder), "-o", str(tmp_path / "answers.json")]) in (0, 1)
    shown = capsys.readouterr().out
    assert "good.ipynb: 1 answer" in shown and "\\udcd7" in shown
    collected = json.loads(_strict(tmp_path / "answers.json"))
    assert len(collected["notebooks"]) == 3
    assert any(r[C34]["answer"] == "\ud800" for r in collected["notebooks"].values())


def test_a_failed_rerun_leaves_the_last_runs_outputs_untouched(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    _save(folder / "a.ipynb", ("A", "1"))
    out = tmp_path / "out"
    write(grade([folder]), out, report=False)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    _save(folder / "b.ipynb", ("B", "2"))
    book = grade([folder])
    real, failed = os.replace, []

    def full_disk_at_moodle(source, target):
        if Path(target) == out / "moodle.csv" and not failed:  # grades.csv is in place by now
            failed.append(target)
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr("ckm_course.files.os.replace", full_disk_at_moodle)
    with pytest.raises(OSError):
        write(book, out, report=False)
    assert failed and {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failure_while_moving_into_place_puts_the_old_files_back(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_together(out, {"a.csv": "old a", "b.csv": "old b", "c.csv": "old c"})
    calls = []
    real = os.replace

    def flaky(source, target):
        calls.append(target)
        if len(calls) == 5:  # a.csv and b.csv moved; b.csv's replacement ... fails half-way
            raise OSError(28, "No space left on device")
        return real(source, target)

    monkeypatch.setattr("ckm_course.files.os.replace", flaky)
    with pytest.raises(OSError):
        write_together(out, {"a.csv": "new a", "b.csv": "new b", "c.csv": "new c"})
    monkeypatch.undo()
    assert {p.name: p.read_text() for p in out.iterdir()} == {"a.csv": "old a", "b.csv": "old b", "c.csv": "old c"}


def test_outputs_left_from_an_earlier_run_are_not_kept_beside_new_ones(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _save(folder / "a.ipynb", ("A", "1"))
    out = tmp_path / "out"
    write(grade([folder]), out)
    assert (out / "report.html").exists()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    write(grade([folder]), out, report=False)
    assert not (out / "report.html").exists(), "a report of the earlier run beside the new grades.csv"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_writer_refuses_a_folder_where_an_output_goes_before_writing_anything(tmp_path):
    out = tmp_path / "out"
    write_together(out, {"a.csv": "old a"})
    (out / "b.csv").mkdir()
    with pytest.raises(IsADirectoryError):
        write_together(out, {"a.csv": "new a", "b.csv": "new b"})
    assert (out / "a.csv").read_text() == "old a" and (out / "b.csv").is_dir()


@pytest.mark.parametrize(("text", "safe"), [
    ("=1+1", "'=1+1"), ("ok;=cmd|' /C calc'!A0", "ok;'=cmd|' /C calc'!A0"), ("a,+1", "a,'+1"),
    ('x;"@SUM(A1)', "x;'\"@SUM(A1)"), ("x; -2", "x;' -2"), ("line\n=evil", "line\n'=evil"), ("\t=x", "'\t=x"),
    ("plain; text, here", "plain; text, here"), ("2026-12-01T23:59+08:00", "2026-12-01T23:59+08:00"),
])
def test_formula_starts_are_defused_after_semicolons_and_commas(text, safe):
    assert cell(text) == safe


def test_every_csv_field_is_quoted_and_no_field_after_a_semicolon_starts_a_formula(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _save(folder / "f.ipynb", ('Mallory;=HYPERLINK("http://x";"y")', "s9"))
    write(grade([folder]), tmp_path / "out", report=False)
    for name in ("grades.csv", "moodle.csv", "canvas.csv", "outcomes.csv", "problems.csv"):
        text = (tmp_path / "out" / name).read_text(encoding="utf-8")
        assert not text.startswith("\ufeff"), "no BOM unless --excel"
        for line in text.splitlines():
            assert line.startswith('"') and line.endswith('"'), (name, line)
        # Excel with ';' as the list separator: split every line on ';' and look at each field.
        for line in text.splitlines():
            for field in line.split(";"):
                assert not field.lstrip(' "').startswith(("=", "+", "@")), (name, field)


def test_excel_flag_adds_a_bom_to_every_csv(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    _save(folder / "a.ipynb", ("王小明", "2024001"))
    assert main(["grade", str(folder), "--out", str(tmp_path / "out"), "--excel", "--no-report"]) == 0
    capsys.readouterr()
    for name in ("grades.csv", "moodle.csv", "canvas.csv", "manual.csv", "problems.csv"):
        assert (tmp_path / "out" / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    assert not (tmp_path / "out" / "gradebook.json").read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "moodle.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "ID number" and rows[1][2] == "王小明"


def test_students_not_on_the_roster_go_to_problems_not_to_the_lms_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "roster.csv").write_text("id,name\n2024001,Ann\n", encoding="utf-8")
    _save(folder / "ann.ipynb", ("Ann", "2024001"))
    _save(folder / "x.ipynb", ("Stranger", "9999999"))
    write(grade([folder], roster=tmp_path / "roster.csv"), tmp_path / "out", report=False)
    out = tmp_path / "out"
    moodle = out.joinpath("moodle.csv").read_text(encoding="utf-8")
    canvas = out.joinpath("canvas.csv").read_text(encoding="utf-8")
    assert "2024001" in moodle and "9999999" not in moodle and "9999999" not in canvas
    problems = list(csv.DictReader(io.StringIO(out.joinpath("problems.csv").read_text(encoding="utf-8"))))
    assert [p["file"] for p in problems if "9999999" in p["reason"]] == [str(folder / "x.ipynb")]
    assert "9999999" in out.joinpath("grades.csv").read_text(encoding="utf-8")  # still graded, still shown


def _one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize("existing", [True, False])
def test_an_out_folder_through_a_notebook_is_a_one_line_usage_error(tmp_path, capsys, monkeypatch, existing):
    folder = tmp_path / "in"
    folder.mkdir()
    _save(folder / "a.ipynb", ("A", "1"))
    monkeypatch.chdir(tmp_path)
    if existing:
        _save(tmp_path / "nb.ipynb", ("B", "2"))
    assert main(["grade", "in", "--out", "nb.ipynb/out"]) == 2
    assert "nb.ipynb" in _one_line_error(capsys)
    assert not existing or (tmp_path / "nb.ipynb").is_file()
    assert not (tmp_path / "nb.ipynb" / "out").exists()


def test_an_out_folder_below_a_file_is_a_one_line_usage_error(tmp_path, capsys):
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    _save(tmp_path / "a.ipynb", ("A", "1"))
    assert main(["grade", str(tmp_path / "a.ipynb"), "--out", str(tmp_path / "plain.txt" / "out")]) == 2
    assert "plain.txt" in _one_line_error(capsys)


def _unwritable(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        return locked / "out"
    if not Path("/sys").is_dir():
        pytest.skip("running as root with no read-only /sys to write into")
    return Path("/sys/ckm-course-out")  # root may write anywhere else


def test_an_unwritable_out_folder_is_a_one_line_usage_error_before_grading(tmp_path, capsys, monkeypatch):
    _save(tmp_path / "a.ipynb", ("A", "1"))
    import ckm_course.grading.gradebook as gradebook

    monkeypatch.setattr(gradebook, "grade", lambda *a, **k: pytest.fail("graded before the --out check"))
    assert main(["grade", str(tmp_path / "a.ipynb"), "--out", str(_unwritable(tmp_path))]) == 2
    assert "cannot write" in _one_line_error(capsys)


def test_collect_to_an_unwritable_place_is_a_one_line_usage_error(tmp_path, capsys):
    _save(tmp_path / "a.ipynb", ("A", "1"))
    assert main(["collect", str(tmp_path / "a.ipynb"), "-o", str(_unwritable(tmp_path) / "x.json")]) == 2
    assert "cannot write" in _one_line_error(capsys)


@pytest.mark.parametrize("name", ["notebook.answers.json", "nb.2024001.answers.json", "NB.Answers.JSON"])
def test_collect_refuses_to_overwrite_an_answer_file(tmp_path, capsys, name):
    _save(tmp_path / "a.ipynb", ("A", "1"))
    target = tmp_path / name
    target.write_text('{"keep": 1}', encoding="utf-8")
    assert main(["collect", str(tmp_path / "a.ipynb"), "-o", str(target)]) == 2
    assert "answers.json" in _one_line_error(capsys).casefold()
    assert target.read_text(encoding="utf-8") == '{"keep": 1}'


def test_names_and_ids_match_the_roster_after_nfc_and_full_width_folding(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "roster.csv").write_text("id,name\n2024001,José Núñez\n2024002,李雷\nA17,Zoë\n", encoding="utf-8")
    _save(folder / "jose.ipynb", (unicodedata.normalize("NFD", "José Núñez"), ""))  # a Mac keyboard: NFD
    _save(folder / "lilei.ipynb", ("李雷", "２０２４００２"))  # a Chinese input method in full-width mode
    _save(folder / "homework_Ａ１７.ipynb", None)  # a full-width id in the file name
    book = grade([folder], roster=tmp_path / "roster.csv")
    rows = book.grades.set_index("student_id")
    assert sorted(rows.index) == ["2024001", "2024002", "A17"]
    assert not rows["flags"].str.contains("unknown_student|name_mismatch").any(), rows["flags"].to_dict()
    assert rows["total"].notna().all()


def test_a_roster_with_one_id_twice_after_folding_is_refused(tmp_path):
    from ckm_course.grading.roster import RosterError, read_roster

    (tmp_path / "roster.csv").write_text("id,name\n2024001,A\n２０２４００１,B\n", encoding="utf-8")
    with pytest.raises(RosterError, match="twice"):
        read_roster(tmp_path / "roster.csv")
