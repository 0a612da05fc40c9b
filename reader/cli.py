"""The `policyreader` command: the TUI with no subcommand, a scriptable CLI otherwise.

Only `policyreader` (no subcommand) and `policyreader open` import the TUI, so every other
command starts without loading Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NamedTuple

from reader import __version__
from reader.clean import clean_line
from reader.cli_args import COMMANDS_ARGS, _Parser
from reader.cli_common import UsageError, export_format
from reader.errors import ReaderError
from reader.output import PROG, error_line, output_gone, unexpected, warn

__all__ = ["COMMANDS_ARGS", "UsageError", "build_parser", "execute", "main", "run"]


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the arguments to parse, only the commands they name get their
    own arguments (the rest are listed, for help and for errors)."""
    p = _Parser(
        prog=PROG,
        description="A terminal reader for public-policy articles. With no command, opens the "
        "reader.",
        epilog='Search syntax: words (all must match), "a phrase", prefix*, -exclude, a OR b, '
        "title:/author:/tag:/summary:/text: before a word.",
    )
    p.add_argument(
        "--articles",
        action="append",
        metavar="DIR",
        default=[],
        help="a folder of Markdown articles to add (repeatable)",
    )
    p.add_argument("--no-bundled", action="store_true", help="leave out the bundled articles")
    p.add_argument(
        "--data-dir", metavar="DIR", help="where state is kept (or POLICYREADER_DATA_DIR)"
    )
    p.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # Every command is listed, but only the commands named in argv get their arguments: a
    # one-shot command should not pay for building the parsers of all the others.
    wanted = set(argv) if argv is not None else None
    for name, (help_text, description, add_arguments) in COMMANDS_ARGS.items():
        s = sub.add_parser(name, help=help_text, description=description)
        if wanted is None or name in wanted:
            add_arguments(s)
    return p


def run(args: argparse.Namespace) -> int:
    """Run the parsed command line."""
    if args.command == "check":
        from reader.cli_commands import cmd_check

        return cmd_check(args)
    if args.command in (None, "open"):
        if args.command == "open":
            find_before_reading(args)
        if not has_terminal():
            raise UsageError("the reader needs a terminal: run it with stdin and stdout on one")
        from reader.tui.launch import run as run_tui

        return run_tui(
            articles=args.articles,
            no_bundled=args.no_bundled,
            data_dir=args.data_dir,
            open_id=getattr(args, "id", None),
        )
    if args.command == "search":
        from reader.cli_search import run_search

        return run_search(args)
    if args.command == "export":  # a usage error before any work
        args.format = export_format(args.format, args.output)
    from reader.session import Session

    session = Session.open(
        articles=args.articles, no_bundled=args.no_bundled, data_dir=args.data_dir
    )
    try:
        if session.store.notice:
            warn(session.store.notice)
        for p in session.catalog.problems:
            if p.fatal:
                warn(f"skipped {p.line()}")
        from reader.cli_commands import COMMANDS

        return COMMANDS[args.command](session, args)
    finally:
        session.close()


def has_terminal() -> bool:
    """Whether stdin and stdout are a terminal: without one the reader cannot draw or read
    keys (and Textual would wait for input that never comes)."""
    try:
        return (
            sys.stdin is not None
            and sys.stdout is not None
            and (sys.stdin.isatty() and sys.stdout.isatty())
        )
    except (AttributeError, ValueError):  # replaced or closed streams
        return False


def find_before_reading(args: argparse.Namespace) -> None:
    """`open ID` for an article that does not exist fails here, before the reader starts. An
    id the index does not know (a first start, a file added since) is looked for again after
    the libraries are scanned, so that the reader finds it in the index."""
    from reader.catalog import Catalog
    from reader.paths import Paths, library_folders

    catalog = Catalog(
        library_folders(args.articles, args.no_bundled, args.data_dir),
        Paths.resolve(args.data_dir).index_dir,
    )
    try:
        if catalog.find(args.id) is None:
            catalog.refresh(load=False, quick=True)
            catalog.get(args.id)  # NotFound: one line, exit 1
    finally:
        catalog.close()


class Outcome(NamedTuple):
    """How a run of the command ended."""

    code: int  # the exit code
    ran_reader: bool  # the reader (Textual) ran: the process should end normally


def execute(argv: list[str]) -> Outcome:
    """Run a command; turn every failure into one line on stderr."""
    ran_reader = False
    try:
        args = build_parser(argv).parse_args(argv)
        ran_reader = args.command in (None, "open")
        return Outcome(run(args), ran_reader)
    except UsageError as exc:
        sys.stderr.write(f"{PROG}: error: {clean_line(str(exc))} (see '{PROG} --help')\n")
        code = 2
    except ReaderError as exc:
        sys.stderr.write(error_line(str(exc)))
        code = 1
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        code = output_gone()
    except Exception as exc:  # last resort: never show a traceback to a user
        if os.environ.get("POLICYREADER_DEBUG"):
            raise
        code = unexpected(exc)
    return Outcome(code, ran_reader)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run a command; the exit code."""
    return execute(sys.argv[1:] if argv is None else argv).code
