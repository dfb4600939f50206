"""Grading on two cores (issue 21 measure): the same outputs as on one, and a failed copy loses nothing.

``ckm_course.parallel`` forks only in a process with no other thread; pytest's workers have threads,
so the forking runs happen in a fresh interpreter here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from ckm_course import parallel
from ckm_course.grading import samples

SCRIPT = textwrap.dedent("""
    import os, sys, time
    from ckm_course import parallel

    parent = os.getpid()

    def mine():
        return os.getpid()

    def fails_in_a_copy():
        if os.getpid() != parent:
            raise RuntimeError("only in the copy")
        return "done here"

    def unpicklable():
        return (lambda: None) if os.getpid() != parent else "made here"

    def dies():
        if os.getpid() != parent:
            os._exit(3)
        return "after the copy died"

    print(parallel.can_fork())
    print(parallel.Pending(mine).result() != parent)
    print([parallel.Pending(task).result() for task in (fails_in_a_copy, unpicklable, dies)])

    def slow(n):
        time.sleep(0.05)
        return n, os.getpid()

    ran = []
    shared = parallel.share(8, slow, before=lambda: ran.append(os.getpid()))
    print([n for n, _ in shared], len({pid for _, pid in shared}), ran == [parent])

    def fails_after_two(n):
        if os.getpid() != parent and n > 2:
            raise RuntimeError("only in the copy")
        return slow(n)[0]

    def dies_in_chunk_three(n):
        if os.getpid() != parent and n == 3:
            os._exit(3)
        return slow(n)[0]

    print(parallel.share(8, fails_after_two), parallel.share(8, dies_in_chunk_three))

    real_take = parallel._take

    def dies_holding_the_counter(lock, taken, other_alive=None):
        if os.getpid() != parent and taken.value >= 3:
            lock.acquire()
            os._exit(9)  # as if killed between taking the lock and giving it back
        return real_take(lock, taken, other_alive)

    parallel._take = dies_holding_the_counter
    started = time.monotonic()
    print(parallel.share(8, lambda n: slow(n)[0]), time.monotonic() - started < 10)
""")


def test_pieces_run_in_a_copy_and_a_failed_copy_is_redone_here() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "CKM_WORKERS": "2"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:6] == [
        "True", "True", "['done here', 'made here', 'after the copy died']",
        "[0, 1, 2, 3, 4, 5, 6, 7] 2 True",  # chunks in order, both processes took some, before() ran here only
        "[0, 1, 2, 3, 4, 5, 6, 7] [0, 1, 2, 3, 4, 5, 6, 7]",  # a copy that failed or died: its chunks done here
        "[0, 1, 2, 3, 4, 5, 6, 7] True"]  # one that died holding the chunk counter's lock: no wait for ever


def test_one_core_or_threads_run_every_piece_here(monkeypatch) -> None:
    monkeypatch.setenv("CKM_WORKERS", "1")
    assert not parallel.can_fork()
    assert parallel.Pending(os.getpid).result() == os.getpid()
    ran = []
    assert parallel.share(3, lambda n: (n, os.getpid()), before=lambda: ran.append(1)) == [(n, os.getpid()) for n in range(3)]
    assert ran == [1] and parallel.share(0, str) == []


def _grade(folder: Path, out: Path, workers: str) -> dict[str, bytes]:
    done = subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade", str(folder), "--out", str(out)],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "CKM_WORKERS": workers})
    assert done.returncode in (0, 1), done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def test_two_cores_write_the_same_gradebook_as_one(tmp_path) -> None:
    """A class large enough (208 students) to be read, scored, analysed and written on two cores (parallel.CLASS_FROM
    for reading, analysing and writing, gradebook.PARALLEL_FROM for scoring), oddities included: byte-identical outputs."""
    folder = tmp_path / "class"
    for name, text in samples.class_files(210, seed=5).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    one = _grade(folder, tmp_path / "one", "1")
    two = _grade(folder, tmp_path / "two", "2")
    assert one.keys() == two.keys() and "report.html" in one
    assert [name for name in one if one[name] != two[name]] == []
