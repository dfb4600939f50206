"""`make bench` never ends in a traceback: a failing benchmark is retried once, then reported noisy (issue 13)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import run_all  # noqa: E402


def _fake(monkeypatch, name: str, failures: int) -> list[int]:
    calls: list[int] = []

    def main() -> None:
        calls.append(1)
        if len(calls) <= failures:
            raise TimeoutError("Timeout 180000ms exceeded")
        print("figure: 1.00")

    monkeypatch.setitem(sys.modules, name, types.SimpleNamespace(main=main))
    monkeypatch.setattr(run_all.time, "sleep", lambda _: None)
    return calls


def test_a_benchmark_that_fails_once_is_retried_and_reports(monkeypatch, capsys):
    calls = _fake(monkeypatch, "bench_flaky", failures=1)
    assert run_all.run_one("bench_flaky") is True
    assert len(calls) == 2
    out = capsys.readouterr().out
    assert "retrying once" in out and "figure: 1.00" in out and "Traceback" not in out


def test_a_benchmark_that_keeps_failing_is_reported_noisy(monkeypatch, capsys):
    calls = _fake(monkeypatch, "bench_broken", failures=5)
    assert run_all.run_one("bench_broken") is False
    assert len(calls) == 2
    out = capsys.readouterr().out
    assert "noisy: bench_broken failed 2 times (TimeoutError: Timeout 180000ms exceeded)" in out


def test_every_benchmark_file_is_run(tmp_path, monkeypatch):
    names = run_all.benchmark_names()
    assert names[:2] == ["bench_import", "bench_checkers"]
    assert set(names) == {p.stem for p in run_all.HERE.glob("bench_*.py")}


def test_make_test_wall_time_is_read_from_the_makefile_record(tmp_path, monkeypatch):
    record = tmp_path / "make-test-seconds.txt"
    monkeypatch.setattr(run_all, "TEST_WALL_TIME", record)
    assert "no run recorded yet" in run_all.test_wall_time()
    record.write_text("171 2026-11-24T23:00:00Z exit=0 workers=2\n", encoding="utf-8")
    assert run_all.test_wall_time().startswith("make test: 171 s wall time at 2026-11-24T23:00:00Z (exit=0 workers=2); 0.95")
