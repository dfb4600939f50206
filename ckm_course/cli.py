"""The ``ckm-course`` command: validate content, list exercises, re-execute notebooks, collect and grade answers.

Each sub-command imports what it needs when it runs (not at the top): ``ckm-course link`` or
``collect`` must not pay for pandas, nbformat or the content (~1-2 s) that ``grade`` and
``execute`` need.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from ckm_course.content.catalog import catalog
    from ckm_course.content.syllabus import syllabus

    loaded = catalog().course
    chapters = syllabus()  # also loads and validates the materials files (content/materials/)
    terms = catalog().glossary
    print(f"ok: {len(loaded.chapters)} chapters, {len(loaded.points)} points, {len(loaded.exercises)} exercises, "
          f"{len(chapters)} notebooks with materials, {len(terms)} glossary terms")
    return 0


def _exercises(args: argparse.Namespace) -> int:
    """Every exercise id, kind and point (the C3.1 case exercise too); ``| head`` ends it quietly (issue 21, item 9)."""
    import os

    from ckm_course.exercises.exercise import exercise_specs

    try:
        for spec in exercise_specs():
            print(f"{spec.id}\t{spec.kind}\t{spec.point}")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (head, grep -m) has seen enough: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the flush at exit does not raise again
    return 0


def _execute(args: argparse.Namespace) -> int:
    from ckm_course.files import NotebookError
    from ckm_course.notebooks.runner import execute

    failed = 0
    for path in args.notebooks:
        try:
            execute(path, timeout=args.timeout)
            print(f"executed {path} ({Path(path).stat().st_size:,} bytes)")
        except NotebookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _say(text: str, stream: object = None) -> None:
    """Print one line that no text can break (issue 21, item 1): what the stream cannot encode (a lone
    surrogate, a file name that was not UTF-8) is shown as a backslash escape, as in the written files."""
    out = stream or sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding, "replace"), file=out)


def _collect(args: argparse.Namespace) -> int:
    """Raw recorded answers as strict JSON, read by the gradebook's reader (no scores are trusted or made)."""
    from ckm_course.grading.destination import UsageError, check_destination

    try:
        check_destination(args.output, args.notebooks, is_dir=False)
    except UsageError as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    from ckm_course.exercises.collect import export_answers

    try:
        collected = export_answers(args.notebooks, args.output)
    except OSError as exc:
        _say(f"error: cannot write {args.output}: {exc.strerror or exc}", sys.stderr)
        return 2
    for path, answers in collected["notebooks"].items():
        _say(f"{path}: {len(answers)} answer{'' if len(answers) == 1 else 's'}")
    for message in collected["errors"].values():
        _say(f"error: {message}", sys.stderr)
    for path, warnings in collected["warnings"].items():
        for warning in warnings:
            _say(f"warning: {path}: {warning}", sys.stderr)
    _say(f"wrote {args.output}")
    return 1 if collected["errors"] else 0


def _grade(args: argparse.Namespace) -> int:
    """Re-score every submission from its records (never run), write the gradebook into --out.

    A bad or unwritable ``--out`` is refused before grading starts (exit 2, one line); the outputs
    are written together (issue 21, items 1 and 8), students not on the roster listed as problems.
    """
    from ckm_course.collector import collector_paused

    # One pause over grading and writing: resumed in between, the collector's first pass walks the
    # whole class's objects once (~0.1 s for 2,000 students, issue 21 measure).
    with collector_paused():
        return _grade_and_write(args)


def _grade_and_write(args: argparse.Namespace) -> int:
    from ckm_course.grading.destination import UsageError, check_destination

    try:
        check_destination(args.out, [*args.submissions, *([args.roster] if args.roster else [])])
    except UsageError as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    from ckm_course.grading.gradebook import grade
    from ckm_course.grading.roster import RosterError

    try:
        exercises = [e.strip() for e in args.exercises.split(",") if e.strip()] if args.exercises else None
        book = grade(args.submissions, roster=args.roster, due=args.due, exercises=exercises,
                     open_points=args.open_points, salt=args.salt)
        # after grade(), which imports pandas while its second process reads (issue 21 measure)
        from ckm_course.grading.manual import merge
        from ckm_course.grading.outputs import unlisted, write

        grades, merged = book.grades, []
        if args.manual:
            grades, merged = merge(book, args.manual)
    except (UsageError, RosterError, ValueError) as exc:
        _say(f"error: {exc}", sys.stderr)
        return 2
    for problem in [*book.problems.itertuples(index=False), *merged, *unlisted(grades).itertuples(index=False)]:
        _say(f"{problem.severity}: {problem.file}: {problem.reason}", sys.stderr)
    try:
        written = write(book, args.out, grades=grades, assignment=args.assignment, report=not args.no_report,
                        excel=args.excel)
    except OSError as exc:  # the folder was checked; a full disk or a folder where a file goes is left
        _say(f"error: cannot write the gradebook to {args.out}: {exc.strerror or exc}"
             f"{f' ({exc.filename})' if exc.filename else ''}; the outputs there are unchanged", sys.stderr)
        return 2
    handed = int(grades["total"].notna().sum())
    flagged = int((grades["flags"] != "").sum())
    _say(f"graded {handed} of {len(grades)} students ({len(book.exercises)} exercises auto-scored, "
         f"{len(book.open_exercises)} open); {flagged} flagged; {book.read_errors} files not read")
    _say(f"wrote {len(written)} files to {args.out}")
    return 1 if book.read_errors else 0


def _link(args: argparse.Namespace) -> int:
    """Print the nbgitpuller link for the LMS (issue 15); exit 2 with a one-line reason on bad input."""
    from ckm_course.hub.link import LinkError, build_link

    try:
        print(build_link(args.hub, args.repo, branch=args.branch, open_path=args.open, folder=args.folder))
    except LinkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.open and Path.cwd().joinpath("exercises").is_dir() and not Path(args.open).exists():
        print(f"warning: {args.open} is not in this checkout; check the path students will open", file=sys.stderr)
    return 0


def _build_exercises(args: argparse.Namespace) -> int:
    from ckm_course.notebooks.build import BuildError, build, drift

    try:
        if args.check:
            problems = drift(args.solutions, args.exercises)
            for problem in problems:
                print(f"drift: {problem}", file=sys.stderr)
            if problems:
                print("run `ckm-course build-exercises` and commit exercises/", file=sys.stderr)
                return 1
            print(f"ok: {args.exercises}/ matches {args.solutions}/")
            return 0
        if args.assessment and Path(args.exercises).resolve() == Path("exercises").resolve():
            print("error: write assessment notebooks to a folder of their own, e.g. --exercises build/assessment",
                  file=sys.stderr)
            return 2
        for path in build(args.solutions, args.exercises, assessment=args.assessment):
            print(f"wrote {path}")
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _slides(args: argparse.Namespace) -> int:
    from ckm_course.files import NotebookError
    from ckm_course.notebooks.slides import build_deck

    failed = 0
    # By default the lecture notebooks (00 index, 01-09 chapters); 10 (instructor gradebook) and
    # 11 (glossary) are reference notebooks, not talks: name them to get a deck anyway.
    for path in args.notebooks or sorted(Path("notebooks").glob("0[0-9]_*.ipynb")):
        try:
            print(f"wrote {build_deck(path, args.out, show_code=args.show_code)}")
        except (NotebookError, RuntimeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _app(args: argparse.Namespace) -> int:
    """Voila app mode (``make app``): the chapters as pages with no code, answers kept in answer files."""
    from ckm_course.frontends.app import run

    if not Path(args.root).is_dir():
        print(f"error: {args.root} is not a folder of notebooks", file=sys.stderr)
        return 2
    return run(args.root, port=args.port, open_browser=args.browser, student_id=args.student_id,
               student_name=args.student_name)


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand and argument of ``ckm-course``; each argument carries a --help text."""
    parser = argparse.ArgumentParser(prog="ckm-course", description="Helpers for the CKM course workbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="load and validate the packaged content; print a summary").set_defaults(run=_validate)
    sub.add_parser("exercises", help="list the exercise ids").set_defaults(run=_exercises)
    execute = sub.add_parser("execute", help="run notebooks in place and save deterministic outputs")
    execute.add_argument("notebooks", nargs="+", type=Path, help="the .ipynb files to run and overwrite")
    execute.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    execute.set_defaults(run=_execute)
    collect = sub.add_parser(
        "collect", help="read the answers saved in student notebooks into one JSON file",
        description="Read the recorded answers out of saved notebooks (never running them) into one strict JSON "
                    "file. Exit status: 0 every file read, 1 some files reported, 2 usage error (or the file cannot "
                    "be written).")
    collect.add_argument("notebooks", nargs="+", type=Path, help="student notebooks (.ipynb) to read")
    collect.add_argument("-o", "--output", type=Path, default=Path("build/answers.json"),
                         help="the JSON file to write (default build/answers.json, which git ignores; never a "
                              "*.answers.json, *.ipynb or an input)")
    collect.set_defaults(run=_collect)
    grade = sub.add_parser(
        "grade", help="re-score student notebooks without running them; write grades, LMS CSVs and a report",
        description="Re-score every recorded answer with today's key (never trusting the stored score, never "
                    "running the notebook). Folders are searched for *.ipynb. Exit status: 0 every file read, "
                    "1 some files reported (see problems.csv), 2 usage error or --out cannot be written (the "
                    "outputs there are then left as they were).")
    grade.add_argument("submissions", nargs="+", type=Path,
                       help="notebooks, folders of notebooks, or a quoted glob over home folders, e.g. "
                            "'/home/*/ckm-course/exercises/03_*.ipynb' (no name in a file: its home folder's owner)")
    grade.add_argument("--out", type=Path, required=True, help="folder for the outputs (not an input, not *.ipynb)")
    grade.add_argument("--roster", type=Path, help="CSV with id, name and optional email columns")
    grade.add_argument("--due", help="due time, ISO 8601, e.g. 2026-12-01T23:59+08:00 (no offset: UTC)")
    grade.add_argument("--exercises", help="comma-separated ids making up the total (default: all answered)")
    grade.add_argument("--manual", type=Path, help="a filled manual.csv (points for open questions) to merge")
    grade.add_argument("--salt", default=None,
                       help="the variant salt the class drew item sets with (default: CKM_VARIANT_SALT, else none)")
    grade.add_argument("--open-points", type=float, default=5.0, help="points per open question (default 5)")
    grade.add_argument("--assignment", default=None, help="grade column name in the LMS files (default 'CKM exercises')")
    grade.add_argument("--no-report", action="store_true",
                       help="skip report.html (one left there by an earlier run is removed)")
    grade.add_argument("--excel", action="store_true",
                       help="start every CSV with a UTF-8 byte-order mark, so Excel shows Chinese names correctly")
    grade.set_defaults(run=_grade, quick_exit=True)
    generate = sub.add_parser("build-exercises", help="write exercises/ from solutions/ (solutions stripped)")
    generate.add_argument("--solutions", type=Path, default=Path("solutions"),
                          help="folder of solution notebooks to read (default solutions/)")
    generate.add_argument("--exercises", type=Path, default=Path("exercises"),
                          help="folder to write the student notebooks into (default exercises/)")
    generate.add_argument("--check", action="store_true",
                          help="write nothing; report whether --exercises matches what would be written (exit 1 on drift)")
    generate.add_argument("--assessment", action="store_true",
                          help="mark the notebooks for assessment mode (answers saved, no feedback, no key); "
                               "needs --exercises DIR other than exercises/")
    generate.set_defaults(run=_build_exercises)
    link = sub.add_parser(
        "link", help="print the nbgitpuller link that puts the course repo into each student's hub home folder",
        description="Print a JupyterHub link (nbgitpuller) for the LMS: a click clones the repo into the student's "
                    "home folder, or merges updates into it without overwriting their edits, then opens --open.")
    link.add_argument("--hub", required=True, help="the hub's base URL, e.g. https://hub.example.edu")
    link.add_argument("--repo", required=True, help="the git URL students clone, e.g. https://github.com/org/ckm-course.git")
    link.add_argument("--branch", default="main", help="the branch to pull (default main)")
    link.add_argument("--open", default=None,
                      help="a file or folder inside the repo to open in JupyterLab, e.g. exercises/03_..._exercises.ipynb")
    link.add_argument("--folder", default=None,
                      help="the folder in the home directory to clone into (default: the repo's name, e.g. ckm-course)")
    link.set_defaults(run=_link)
    slides = sub.add_parser("slides", help="offline reveal.js decks of the notebooks (default: notebooks/*.ipynb)")
    slides.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to turn into decks (default: the lectures, notebooks/0[0-9]_*.ipynb)")
    slides.add_argument("--out", type=Path, default=Path("build/slides"), help="folder for the decks (default build/slides)")
    slides.add_argument("--show-code", action="store_true",
                        help="keep the code cells' inputs (default: decks show no code, for a non-technical audience)")
    slides.set_defaults(run=_slides)
    app = sub.add_parser(
        "app", help="the chapters as web pages with no code (Voila on 127.0.0.1, offline)",
        description="Serve the notebooks with Voila on 127.0.0.1: narrative, figures and working exercises, no code "
                    "cells, nothing fetched from the network. Voila cannot save a notebook, so each page writes its "
                    "answers to <notebook>.answers.json (or <notebook>.<student id>.answers.json) next to it; "
                    "read_answers, collect and grade read those files.")
    app.add_argument("root", nargs="?", type=Path, default=Path("notebooks"),
                     help="folder of notebooks to serve (default notebooks/)")
    app.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default 8866)")
    app.add_argument("--browser", action="store_true", help="open the page in the default browser")
    app.add_argument("--student-id", help="the student's id: answers go to <notebook>.<id>.answers.json, with the id")
    app.add_argument("--student-name", help="the student's name, stored in the answer files")
    app.set_defaults(run=_app)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one ``ckm-course`` command; its exit status."""
    return _dispatch(build_parser().parse_args(argv))


def _dispatch(args: argparse.Namespace) -> int:
    from ckm_course.content.builder import ContentError

    try:
        return args.run(args)
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1


def run(argv: list[str] | None = None) -> None:
    """Entry point of the ``ckm-course`` console script: :func:`main`, then exit.

    ``grade`` exits at once once its files are written and closed: a class of 2,000 leaves millions
    of small objects that the interpreter would free one by one for ~0.15 s (issue 21 measure). The
    other commands exit normally (``execute`` closes its headless browser at exit).
    """
    args = build_parser().parse_args(argv)
    code = _dispatch(args)
    if getattr(args, "quick_exit", False):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
