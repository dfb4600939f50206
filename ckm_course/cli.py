"""The ``ckm-course`` command: validate content, list exercises, re-execute notebooks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from ckm_course.content import course

    loaded = course()
    print(f"ok: {len(loaded.chapters)} chapters, {len(loaded.points)} points, {len(loaded.exercises)} exercises")
    return 0


def _exercises(args: argparse.Namespace) -> int:
    from ckm_course.content import course

    for spec in course().exercises:
        print(f"{spec.id}\t{spec.kind}\t{spec.point}")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from ckm_course.runner import NotebookError, execute

    failed = 0
    for path in args.notebooks:
        try:
            execute(path, timeout=args.timeout)
            print(f"executed {path} ({Path(path).stat().st_size:,} bytes)")
        except NotebookError as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def _collect(args: argparse.Namespace) -> int:
    from ckm_course.record import export_answers

    collected = export_answers(args.notebooks, args.output)
    for path, answers in collected["notebooks"].items():
        print(f"{path}: {len(answers)} answers")
    for path, problem in collected["errors"].items():
        print(f"error: {problem}", file=sys.stderr)
    print(f"wrote {args.output}")
    return 1 if collected["errors"] else 0


def _build_exercises(args: argparse.Namespace) -> int:
    from ckm_course.build import BuildError, build, drift

    try:
        if args.check:
            problems = drift(args.solutions, args.exercises)
            for problem in problems:
                print(f"drift: {problem}", file=sys.stderr)
            if problems:
                print("run `ckm-course build-exercises` and commit exercises/", file=sys.stderr)
            return 1 if problems else 0
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
    from ckm_course.runner import NotebookError
    from ckm_course.slides import build_deck

    failed = 0
    for path in args.notebooks or sorted(Path("notebooks").glob("*.ipynb")):
        try:
            print(f"wrote {build_deck(path, args.out)}")
        except (NotebookError, RuntimeError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ckm-course`` console script."""
    parser = argparse.ArgumentParser(prog="ckm-course", description="Helpers for the CKM course workbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="load and validate the packaged content; print a summary").set_defaults(run=_validate)
    sub.add_parser("exercises", help="list the exercise ids").set_defaults(run=_exercises)
    execute = sub.add_parser("execute", help="run notebooks in place and save deterministic outputs")
    execute.add_argument("notebooks", nargs="+", type=Path)
    execute.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    execute.set_defaults(run=_execute)
    collect = sub.add_parser("collect", help="read the answers saved in student notebooks into one JSON file")
    collect.add_argument("notebooks", nargs="+", type=Path)
    collect.add_argument("-o", "--output", type=Path, default=Path("answers.json"))
    collect.set_defaults(run=_collect)
    generate = sub.add_parser("build-exercises", help="write exercises/ from solutions/ (solutions stripped)")
    generate.add_argument("--solutions", type=Path, default=Path("solutions"))
    generate.add_argument("--exercises", type=Path, default=Path("exercises"))
    generate.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    generate.add_argument("--assessment", action="store_true",
                          help="mark the notebooks for assessment mode (answers saved, no feedback, no key); "
                               "needs --exercises DIR other than exercises/")
    generate.set_defaults(run=_build_exercises)
    slides = sub.add_parser("slides", help="offline reveal.js decks of the notebooks (default: notebooks/*.ipynb)")
    slides.add_argument("notebooks", nargs="*", type=Path)
    slides.add_argument("--out", type=Path, default=Path("build/slides"))
    slides.set_defaults(run=_slides)
    args = parser.parse_args(argv)

    from ckm_course.content import ContentError

    try:
        return args.run(args)
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
