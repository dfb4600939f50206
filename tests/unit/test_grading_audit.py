"""Grading never executes, compiles or imports student content and starts no process (audit hooks, PEP 578)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import ckm_course
from ckm_course.grading.samples import notebook, record_for

PAYLOAD = "__import__('evil_module').boom()"


def test_grading_hostile_notebooks_runs_nothing_of_theirs(tmp_path):
    (tmp_path / "evil_module.py").write_text("open('PWNED', 'w').write('imported')\n", encoding="utf-8")
    spec = ckm_course.exercise("c3.4-explicit-tacit").spec
    value = ckm_course.exercise("c1.3-lifetime-value").spec
    hostile = [record_for(spec, [{i.id: [PAYLOAD] for i in spec.items}], 60, [], False),
               {**record_for(value, [3200], 60, [], False), "answer": PAYLOAD},
               {**record_for(value, [3200], 60, [], False), "exercise": "evil_module", "kind": "evil_module"}]
    saved = notebook((PAYLOAD, "evil_module"), hostile)
    saved["cells"].append({"cell_type": "code", "source": "import evil_module", "outputs": [], "metadata": {}})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil_module.ipynb").write_text(json.dumps(saved), encoding="utf-8")
    (tmp_path / "warm").mkdir()
    (tmp_path / "warm" / "w.ipynb").write_text(json.dumps(notebook(("a", "1"), hostile[:2])), encoding="utf-8")
    script = textwrap.dedent("""
        import sys
        sys.path.insert(0, ".")
        from ckm_course.grading import grade, write
        write(grade(["warm"]), "warm_out")      # every lazy import of the gradebook itself happens here
        events = []
        WATCH = ("exec", "compile", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
                 "os.fork", "import", "ctypes.dlopen")
        def hook(event, args):
            if event.startswith(WATCH):
                events.append((event, repr(args)[:200]))
        sys.addaudithook(hook)
        book = grade(["in"])
        write(book, "out")
        sys.stdout.write(repr(events))
    """)
    # one process, so the hook sees every event: with two cores, half the class and the report are worked
    # out in a fork of this process running the same code (ckm_course/parallel.py), whose events it misses
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "CKM_WORKERS": "1"})
    assert done.returncode == 0, done.stderr
    events = eval(done.stdout)  # noqa: S307 - our own repr of a list of tuples of str
    assert not (tmp_path / "PWNED").exists()
    assert [e for e in events if "evil_module" in e[1] or "boom" in e[1]] == []
    assert [e for e in events if not e[0] == "import"] == [], "no exec, compile or process while grading"
    assert [e for e in events if e[0] == "import"] == [], "nothing imported while grading, ours or theirs"
