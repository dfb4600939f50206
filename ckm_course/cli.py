"""The ``ckm-course`` command."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ckm-course`` console script."""
    parser = argparse.ArgumentParser(prog="ckm-course", description="Helpers for the CKM course workbook.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="load and validate the packaged content; print a summary")
    sub.add_parser("exercises", help="list the exercise ids")
    args = parser.parse_args(argv)

    from ckm_course.content import ContentError, course

    try:
        loaded = course()
    except ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1
    if args.command == "validate":
        print(f"ok: {len(loaded.chapters)} chapters, {len(loaded.points)} points, {len(loaded.exercises)} exercises")
    elif args.command == "exercises":
        for spec in loaded.exercises:
            print(f"{spec.id}\t{spec.kind}\t{spec.point}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
