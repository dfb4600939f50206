"""The ``ckm-course`` command explains itself: every argument has --help text (issue 13, "CLI")."""

from __future__ import annotations

import argparse
from pathlib import Path

from ckm_course.cli import build_parser, main


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_argument_of_every_subcommand_has_help_text():
    missing = [
        f"{name} {action.dest}"
        for name, sub in _subparsers(build_parser()).items()
        for action in sub._actions
        if not isinstance(action, argparse._HelpAction) and not (action.help or "").strip()
    ]
    assert not missing, f"arguments without --help text: {missing}"


def test_the_check_finds_an_argument_without_help():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    sub.add_parser("x").add_argument("bare")
    assert [a.dest for a in _subparsers(parser)["x"]._actions if not a.help and a.dest != "help"] == ["bare"]


def test_build_exercises_check_says_ok_when_nothing_drifted(capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    assert main(["build-exercises", "--check"]) == 0
    assert capsys.readouterr().out.strip() == "ok: exercises/ matches solutions/"
