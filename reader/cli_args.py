"""The command line's arguments: one function per command, and the table that names them."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

from reader.cli_common import EXPORT_FORMATS, UsageError


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, measuring the terminal as `shutil.get_terminal_size` does but
    without importing shutil (and its archive modules): argparse makes a formatter for every
    argument it defines, so every command would pay for that import."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (exit 2) instead of a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


_ID_HELP = "an article's id (its file name without .md, or `id:` in its front matter)"


def _flag(s: argparse.ArgumentParser, name: str, help_line: str) -> None:
    """An option that is on or off."""
    s.add_argument(name, action="store_true", help=help_line)


def _list_args(s: argparse.ArgumentParser) -> None:
    each = "; repeat it for several: an article must have every one"
    either = "; repeat it for several: an article must have one of them"
    for option, what, joined in (
        ("--category", "only articles in this category", each),
        ("--tag", "only articles with this tag", each),
        ("--author", "only articles by this author", either),
        ("--source", "only articles from this source (the publisher, or the feed)", either),
        ("--year", "only articles of this year (`undated`: those with no date)", either),
        (
            "--library",
            "only articles of this library: `Bundled`, `My library` or a folder's "
            "name, as the reader's tree names them",
            either,
        ),
    ):
        s.add_argument(
            option, action="append", default=[], metavar=option[2:].upper(), help=what + joined
        )
    _flag(s, "--unread", "only articles never opened")
    _flag(s, "--bookmarked", "only bookmarked articles")
    _flag(s, "--json", "print JSON instead of a table")


def _show_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", help=_ID_HELP)
    _flag(s, "--json", "print JSON, with the plain text")


_IN_HELP = "what to search (comma-separated); note: and quote: in the query also choose"


def _search_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("query", help="what to look for (the syntax is in `policyreader --help`)")
    s.add_argument(
        "--limit", type=_positive, default=20, help="at most this many hits (default 20)"
    )
    _flag(s, "--json", "print JSON, with each hit's score")
    _flag(s, "--rescan", "check every article file for changes first (slower on a big library)")
    s.add_argument("--in", dest="scope", metavar="articles|quotes|notes", help=_IN_HELP)


def _quotes_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", nargs="?", help=f"{_ID_HELP}; without it, every article's quotes")
    _flag(s, "--bookmarked", "only bookmarked quotes")
    s.add_argument(
        "--search", metavar="TEXT", help="only quotes whose text or note match, best first"
    )
    _flag(s, "--json", "print JSON instead of text")


def _quote_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", nargs="?", help=_ID_HELP)
    s.add_argument(
        "text",
        nargs="?",
        help="the words to highlight, as they are in the article (spacing and quote marks "
        "may differ); the highlight is saved bookmarked",
    )
    s.add_argument("--note", default="", help="a note to keep with the highlight")
    s.add_argument(
        "--accept",
        metavar="QID",
        help="take the article's current words for a changed quote (it is anchored again)",
    )
    s.add_argument("--delete", metavar="QID", help="delete a highlight")


def _note_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("qid", metavar="QID", help="the quote's id (as `quotes` shows it)")
    s.add_argument(
        "text", metavar="TEXT", nargs="?", help='the note (its lines kept); empty ("") removes it'
    )
    s.add_argument(
        "--file",
        metavar="FILE",
        help="read the note from FILE (UTF-8), or from stdin with `-`: for notes of several "
        "lines; an empty file removes the note",
    )


def _import_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "file",
        metavar="FILE",
        help="policyreader's JSON export, a Hypothesis export or a Readwise CSV",
    )


def _bookmark_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", nargs="?", help=f"the article to bookmark: {_ID_HELP}")
    s.add_argument("--quote", metavar="QID", help="bookmark this quote instead (see `quotes`)")
    _flag(s, "--remove", "remove the bookmark")


def _mark_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", help=_ID_HELP)
    s.add_argument("state", choices=["read", "unread"], help="read, or unread (as if never opened)")


def _export_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--format",
        choices=[*EXPORT_FORMATS, "hypothesis", "obsidian"],
        help="md (Markdown), json (W3C Web Annotation), csv (Readwise), hypothesis (the JSON "
        "the Hypothesis client imports) or obsidian (notes in the --output folder); by default "
        "the output file's extension (.md, .json, .csv), else md",
    )
    s.add_argument(
        "--output",
        metavar="FILE",
        help="write to FILE instead of the screen (for obsidian: the notes folder)",
    )
    _flag(s, "--dry-run", "obsidian: list what would change, write nothing")
    s.add_argument("--article", metavar="ID", help="only this article's quotes")
    s.add_argument("--category", help="only quotes from articles in this category")
    s.add_argument("--tag", help="only quotes from articles with this tag")
    s.add_argument(
        "--style", metavar="S", help="citation style of the md format (default: your setting)"
    )


def _cite_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "ids", nargs="*", metavar="ID", help="the articles to cite (article ids, as `list` shows)"
    )
    _flag(s, "--bookmarked", "the bookmarked articles and the articles of bookmarked quotes")
    _flag(s, "--quotes", "each bookmarked quote with its in-text citation")
    s.add_argument(
        "--style", metavar="S", help="apa, harvard, chicago, mla or a .csl file (text format)"
    )
    s.add_argument(
        "--format",
        choices=["text", "csl", "bibtex", "ris"],
        default="text",
        help="text (formatted citations), csl (CSL-JSON), bibtex (BibLaTeX) or ris",
    )
    s.add_argument("--output", metavar="FILE", help="write to FILE instead of the screen")
    s.add_argument(
        "--set-default-style",
        metavar="S",
        help="make S the default style (of cite, the Markdown export and copying a quote)",
    )


_DIRS_HELP = "folders to check (default: the libraries in use)"


def _check_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("dirs", nargs="*", metavar="DIR", help=_DIRS_HELP)


def _open_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", help=f"the article to open: {_ID_HELP}")


def _timeout_arg(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "--timeout",
        type=_seconds,
        default=30.0,
        metavar="S",
        help="seconds to wait for each response (default 30)",
    )


def _terms_args(s: argparse.ArgumentParser, what: str) -> None:
    s.add_argument(
        "--category", action="append", default=[], metavar="C", help=f"a category for {what}"
    )
    s.add_argument("--tag", action="append", default=[], metavar="T", help=f"a tag for {what}")


def _add_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="an http(s) address or a saved .html file"
    )
    s.add_argument("--url", help="the original address of a saved page (one file)")
    _terms_args(s, "the articles added (repeatable)")
    _flag(s, "--update", "fetch a page already added again and rewrite it")
    _flag(s, "--json", "print the articles as JSON")
    _timeout_arg(s)


def _feeds_args(s: argparse.ArgumentParser) -> None:
    sub = s.add_subparsers(
        dest="feeds_command", metavar="ACTION", parser_class=_Parser, help="what to do"
    )
    add = sub.add_parser("add", help="subscribe to an RSS or Atom feed")
    add.add_argument("url", help="the feed's address")
    _terms_args(add, "the feed's articles (repeatable)")
    _timeout_arg(add)
    listing = sub.add_parser("list", help="the subscriptions")
    _flag(listing, "--json", "print them as JSON")
    sub.add_parser("remove", help="unsubscribe (the articles stay)").add_argument(
        "url", help="the feed's address"
    )
    sub.add_parser("import", help="subscribe to the feeds of an OPML file").add_argument(
        "file", metavar="FILE.opml", help="an OPML file"
    )
    export = sub.add_parser("export", help="the subscriptions as OPML")
    export.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")


def _fetch_args(s: argparse.ArgumentParser) -> None:
    _flag(s, "--json", "print the report as JSON")
    _timeout_arg(s)


# name: (help in the command list, description in the command's own help, its arguments)
COMMANDS_ARGS: dict[str, tuple[str, str | None, Callable[[argparse.ArgumentParser], None]]] = {
    "list": ("the articles, newest first", None, _list_args),
    "show": ("one article: metadata and text", None, _show_args),
    "search": (
        "ranked hits with snippets",
        "Search every library. Articles added, removed or renamed since the last run are "
        "found at once; --rescan also checks every file for edits made in place.",
        _search_args,
    ),
    "quotes": ("quotations and highlights (of one article, or all)", None, _quotes_args),
    "quote": (
        "make a highlight from text in an article, or accept a changed quote's new words",
        None,
        _quote_args,
    ),
    "bookmark": ("bookmark an article (ID) or a quote (--quote QID)", None, _bookmark_args),
    "mark": ("set an article's read state", None, _mark_args),
    "note": ("set or remove (empty TEXT) a quote's note", None, _note_args),
    "import": (
        "quotes back in: policyreader's JSON export, Hypothesis, Readwise CSV",
        "Import quotes, merging with the ones here: matched by id, then by the article's "
        "web address, then by the quoted words. Importing a file twice changes nothing.",
        _import_args,
    ),
    "export": (
        "bookmarked quotes as md, json, csv, hypothesis or into an Obsidian folder",
        None,
        _export_args,
    ),
    "cite": (
        "citations of articles: a style, CSL-JSON, BibLaTeX or RIS",
        "Cite articles in a style (apa, harvard, chicago, mla, or a .csl file) or as "
        "CSL-JSON, BibLaTeX or RIS for a reference manager.",
        _cite_args,
    ),
    "check": ("validate article files; exit 1 on any problem", None, _check_args),
    "open": ("open the reader on an article", None, _open_args),
    "add": ("add web pages or saved .html files as articles", None, _add_args),
    "feeds": ("RSS/Atom subscriptions: add, list, remove, import, export", None, _feeds_args),
    "fetch": ("fetch every feed: new entries become articles", None, _fetch_args),
}


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("must be more than 0 and at most 3600 seconds")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
