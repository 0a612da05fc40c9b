"""Every command's help describes each of its arguments."""

from __future__ import annotations

import argparse

import pytest

from reader.cli import COMMANDS_ARGS, build_parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


@pytest.mark.parametrize("command", sorted(COMMANDS_ARGS))
def test_every_argument_is_described(command: str) -> None:
    parser = _subparsers(build_parser([command]))[command]
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help, f"{command}: {action.dest} has no help"


def test_quote_help_says_what_id_and_text_are(run_main) -> None:
    r = run_main("quote", "-h")
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    start = lines.index("positional arguments:")
    described = " ".join(lines[start:]).split()
    assert "article's" in described and "words" in described
    for name in ("id", "text"):
        (line,) = [ln for ln in lines[start:] if ln.strip().startswith(name + " ")]
        assert len(line.split()) > 2, line  # the name, then what it is
