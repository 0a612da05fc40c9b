"""The `policyreader` command: the TUI with no subcommand, a scriptable CLI otherwise.

Only `policyreader` (no subcommand) and `policyreader open` import the TUI, so every other
command starts without loading Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from reader import __version__
from reader.clean import clean, clean_line
from reader.errors import ReaderError
from reader.output import NO_MATCHES, PROG, error_line, hits_text, output_gone, unexpected, warn

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.session import Session
    from reader.types import SearchHit


class UsageError(Exception):
    pass


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


_ID_HELP = "an article's id (its file name without .md, or `id:` in its front matter)"


def _list_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--category", help="only articles in this category")
    s.add_argument("--tag", help="only articles with this tag")
    s.add_argument("--unread", action="store_true", help="only articles never opened")
    s.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    s.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _show_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", help=_ID_HELP)
    s.add_argument("--json", action="store_true", help="print JSON, with the plain text")


def _search_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("query", help="what to look for (the syntax is in `policyreader --help`)")
    s.add_argument(
        "--limit", type=_positive, default=20, help="at most this many hits (default 20)"
    )
    s.add_argument("--json", action="store_true", help="print JSON, with each hit's score")
    s.add_argument(
        "--rescan",
        action="store_true",
        help="check every article file for changes first (slower on a big library)",
    )
    s.add_argument(
        "--in",
        dest="scope",
        metavar="articles|quotes|notes",
        help="what to search (comma-separated); note: and quote: in the query also choose",
    )


def _quotes_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", nargs="?", help=f"{_ID_HELP}; without it, every article's quotes")
    s.add_argument("--bookmarked", action="store_true", help="only bookmarked quotes")
    s.add_argument(
        "--search", metavar="TEXT", help="only quotes whose text or note match, best first"
    )
    s.add_argument("--json", action="store_true", help="print JSON instead of text")


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
    s.add_argument("text", metavar="TEXT", help='the note; empty ("") removes it')


def _import_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "file",
        metavar="FILE",
        help="policyreader's JSON export, a Hypothesis export or a Readwise CSV",
    )


def _bookmark_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("id", nargs="?", help=f"the article to bookmark: {_ID_HELP}")
    s.add_argument("--quote", metavar="QID", help="bookmark this quote instead (see `quotes`)")
    s.add_argument("--remove", action="store_true", help="remove the bookmark")


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
    s.add_argument(
        "--dry-run", action="store_true", help="obsidian: list what would change, write nothing"
    )
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
    s.add_argument(
        "--bookmarked",
        action="store_true",
        help="the bookmarked articles and the articles of bookmarked quotes",
    )
    s.add_argument(
        "--quotes", action="store_true", help="each bookmarked quote with its in-text citation"
    )
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


def _check_args(s: argparse.ArgumentParser) -> None:
    s.add_argument(
        "dirs",
        nargs="*",
        metavar="DIR",
        help="folders to check (default: the libraries in use)",
    )


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
    s.add_argument(
        "--update", action="store_true", help="fetch a page already added again and rewrite it"
    )
    s.add_argument("--json", action="store_true", help="print the articles as JSON")
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
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    sub.add_parser("remove", help="unsubscribe (the articles stay)").add_argument(
        "url", help="the feed's address"
    )
    sub.add_parser("import", help="subscribe to the feeds of an OPML file").add_argument(
        "file", metavar="FILE.opml", help="an OPML file"
    )
    export = sub.add_parser("export", help="the subscriptions as OPML")
    export.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")


def _fetch_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--json", action="store_true", help="print the report as JSON")
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


# Export formats by file extension, for `export --output FILE` without --format.
EXPORT_FORMATS = {"md": (".md", ".markdown"), "json": (".json", ".jsonld"), "csv": (".csv",)}


def export_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names (md without a file).
    An extension that names no format is a usage error: guessing would write the wrong kind."""
    if fmt is not None:
        return fmt
    if output is None:
        return "md"
    suffix = os.path.splitext(output)[1].lower()
    for name, suffixes in EXPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    raise UsageError(
        f"cannot tell the format from {output!r}: name it .md, .json or .csv, "
        "or give --format md, json or csv"
    )


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


# --- output helpers --------------------------------------------------------------------------


def _json(obj: Any) -> None:
    import json  # only the --json commands pay for it

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _state_label(read: str, progress: int) -> str:
    if read == "started":
        return f"{progress}%"
    return read


# --- commands --------------------------------------------------------------------------------


def cmd_list(session: Session, args: argparse.Namespace) -> int:
    arts = session.list_articles(
        category=args.category, tag=args.tag, unread=args.unread, bookmarked=args.bookmarked
    )
    if args.json:
        _json([session.article_json(a) for a in arts])
        return 0
    width = max((len(a.id) for a in arts), default=0)
    for a in arts:
        st = session.state(a.id)
        marks = (
            ("★" if st.bookmarked else " ")
            + ("Δ" if session.is_changed(a, st) else " ")
            + ("…" if a.excerpt else " ")
        )
        author = f" — {a.author}" if a.author else ""
        sys.stdout.write(
            f"{clean_line(a.id):<{width}}  {a.date or 'undated':<10}  "
            f"{_state_label(st.read, st.progress):<7} {marks} {a.title}{author}\n"
        )
    return 0


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    art, doc = session.catalog.document(args.id)
    if args.json:
        obj = session.article_json(art)
        obj["text"] = doc.text
        from reader.textparts import link_list

        obj["links"] = [
            {"number": lk.number, "text": lk.text, "address": lk.href} for lk in link_list(doc)
        ]
        _json(obj)
        return 0
    out = [art.title, "=" * min(len(art.title), 78)]
    for label, value in (
        ("Author", art.author),
        ("Date", art.date or ""),
        ("Publisher", art.publisher),
        ("Categories", ", ".join(art.categories)),
        ("Tags", ", ".join(art.tags)),
        ("Source", art.source_url),
    ):
        if value:
            out.append(f"{label}: {value}")
    if art.excerpt:
        out.append(
            "Excerpt: this is the opening of a longer article"
            + (f"; read it all at {art.source_url}" if art.source_url else ".")
        )
    out.append("")
    out.append(render_plain(doc))
    sys.stdout.write(clean("\n".join(out)).rstrip("\n") + "\n")
    return 0


def render_plain(doc: Any) -> str:
    """A Document as readable plain text for the terminal: links numbered `[3]` and listed at
    the end with their addresses, footnote references `[^1]` and the notes after the text."""
    from reader.textparts import link_list, links

    numbers = {(lk.start, lk.end): lk.number for lk in links(doc)}
    parts = []
    notes = False
    for b in doc.blocks:
        text = _marked(doc, b, numbers)
        pad = "  " * b.indent + "> " * b.quote
        if b.kind == "heading":
            parts.append(f"{pad}{text}\n{pad}{'-' * min(len(text), 78)}")
        elif b.kind == "figure":
            parts.append(f"{pad}[Figure: {text}]")
        elif b.kind == "rule":
            parts.append(f"{pad}{'─' * 20}")
        elif b.kind in ("code", "table"):
            parts.append("\n".join(f"{pad}    {ln}" for ln in text.split("\n")))
        elif b.kind == "footnote":
            if not notes:
                parts.append("Notes\n-----")
                notes = True
            parts.append(f"[^{b.marker}] {text}")
        else:
            marker = f"{b.marker} " if b.marker else ""
            parts.append(f"{pad}{marker}{text}")
    listed = link_list(doc)
    if listed:
        parts.append("Links\n-----\n" + "\n".join(f"[{lk.number}] {lk.href}" for lk in listed))
    return "\n\n".join(parts)


def _marked(doc: Any, block: Any, numbers: dict[tuple[int, int], int]) -> str:
    """A block's text with `[n]` after each link and `[^n]` at each footnote reference."""
    marks = sorted(
        (s.end, f"[{numbers[(s.start, s.end)]}]")
        if s.style == "link"
        else (s.start, f"[^{s.href}]")
        for s in block.spans
        if (s.style == "link" and (s.start, s.end) in numbers) or s.style == "footref"
    )
    out, pos = [], block.start
    for at, mark in marks:
        out.append(doc.text[pos:at] + mark)
        pos = at
    out.append(doc.text[pos : block.end])
    return "".join(out)


def cmd_search(hits: list[SearchHit], args: argparse.Namespace) -> int:
    if args.json:
        _json(
            [
                {
                    "id": h.article.id,
                    "title": h.article.title,
                    "author": h.article.author,
                    "date": h.article.date,
                    "snippet": h.snippet,
                    "highlights": h.marks,
                    "score": h.score,
                    "rank": rank,
                }
                for rank, h in enumerate(hits, 1)
            ]
        )
        if not hits:
            sys.stderr.write(NO_MATCHES)
        return 0 if hits else 1
    sys.stdout.write(
        hits_text([(h.article.id, h.article.title, h.score, h.snippet, h.marks) for h in hits])
    )
    if not hits:
        sys.stderr.write(NO_MATCHES)
        return 1
    return 0


def _quote_json(q: Quote) -> dict[str, Any]:
    return q.to_json()


def cmd_quotes(session: Session, args: argparse.Namespace) -> int:
    quotes = session.quotes(args.id, bookmarked=args.bookmarked)
    if args.search is not None:
        from reader.quotesearch import search_quotes

        quotes = [h.quote for h in search_quotes(quotes, args.search, {"quotes", "notes"})]
    if args.json:
        _json([_quote_json(q) for q in quotes])
        return 0
    for q in quotes:
        flags = ("★" if q.bookmarked else " ") + {"orphaned": "!", "changed": "≠"}.get(
            q.status, " "
        )
        sys.stdout.write(
            f"{q.id}  {q.kind:<9} {flags} {q.article_id}\n    “{clean_line(q.text)}”\n"
        )
        if q.note:
            sys.stdout.write(f"    note: {clean_line(q.note)}\n")
        if q.orphaned:
            sys.stdout.write("    (orphaned: no longer found in the article's text)\n")
        elif q.changed:
            sys.stdout.write(
                f"    (changed: the article now reads “{clean_line(q.current_text or '')}”; "
                f"`quote --accept {q.id}` takes the new words)\n"
            )
    return 0


def cmd_quote(session: Session, args: argparse.Namespace) -> int:
    if args.delete:
        if args.id or args.text or args.note or args.accept:
            raise UsageError("--delete QID goes alone")
        session.delete_highlight(args.delete)
        sys.stderr.write(f"{PROG}: highlight {args.delete} deleted\n")
        return 0
    if args.accept:
        if args.id or args.text or args.note:
            raise UsageError("give either --accept QID or an article ID and TEXT, not both")
        try:
            q = session.accept_quote(args.accept)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        sys.stdout.write(f"{q.id}\n")
        sys.stderr.write(f"{PROG}: {q.kind} {q.id} now quotes “{clean_line(q.text)}”\n")
        return 0
    if not args.id or args.text is None:
        raise UsageError("quote needs an article ID and TEXT (or --accept QID)")
    try:
        q = session.highlight_text(args.id, args.text, args.note)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    sys.stdout.write(f"{q.id}\n")
    sys.stderr.write(f"{PROG}: saved {q.kind} {q.id} in {q.article_id} (bookmarked)\n")
    return 0


def cmd_note(session: Session, args: argparse.Namespace) -> int:
    q = session.set_note(args.qid, args.text)
    done = "note saved" if q.note else "note removed"
    sys.stderr.write(f"{PROG}: {done} on quote {q.id}\n")
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    from reader.importer import import_file

    summary = import_file(session, Path(args.file))
    for conflict in summary.conflicts:
        sys.stderr.write(f"{PROG}: conflict: {clean_line(conflict)}\n")
    sys.stdout.write(summary.line() + "\n")
    return 0


def cmd_bookmark(session: Session, args: argparse.Namespace) -> int:
    flag = not args.remove
    if args.quote and args.id:
        raise UsageError("give an article ID or --quote QID, not both")
    if args.quote:
        q = session.bookmark_quote(args.quote, flag)
        sys.stderr.write(f"{PROG}: quote {q.id} {'bookmarked' if flag else 'unbookmarked'}\n")
        return 0
    if not args.id:
        raise UsageError("bookmark needs an article ID or --quote QID")
    session.bookmark_article(args.id, flag)
    sys.stderr.write(f"{PROG}: article {args.id} {'bookmarked' if flag else 'unbookmarked'}\n")
    return 0


def cmd_mark(session: Session, args: argparse.Namespace) -> int:
    session.mark(args.id, args.state)
    sys.stderr.write(f"{PROG}: {args.id} marked {args.state}\n")
    return 0


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from reader.export import export_quotes

    if args.format == "obsidian":
        return cmd_export_obsidian(session, args)
    if args.dry_run:
        raise UsageError("--dry-run goes with --format obsidian")

    path = Path(args.output) if args.output else None
    data, count = export_quotes(
        session,
        export_format(args.format, args.output),
        path,
        article=args.article,
        category=args.category,
        tag=args.tag,
        style=args.style,
    )
    if path is None:
        sys.stdout.write(data)
    else:
        sys.stderr.write(f"{PROG}: wrote {count} quote(s) to {path}\n")
    return 0


def cmd_export_obsidian(session: Session, args: argparse.Namespace) -> int:
    from reader import obsidian

    if not args.output:
        raise UsageError("--format obsidian needs --output VAULT_FOLDER")
    vault = Path(args.output).expanduser()
    changes = obsidian.export(
        session,
        vault,
        dry_run=args.dry_run,
        article=args.article,
        category=args.category,
        tag=args.tag,
    )
    for c in changes:
        if c.action != "unchanged" or args.dry_run:
            sys.stdout.write(clean_line(c.line(vault)) + "\n")
    written = sum(c.action != "unchanged" for c in changes)
    verb = "would change" if args.dry_run else "changed"
    sys.stderr.write(f"{PROG}: {verb} {written} of {len(changes)} note(s) in {vault}\n")
    return 0


def cmd_cite(session: Session, args: argparse.Namespace) -> int:
    from reader import citations

    if args.set_default_style:
        from reader.userconfig import set_default_style

        citations.style_path(args.set_default_style)  # an unknown style is refused, not saved
        where = set_default_style(args.set_default_style)
        sys.stderr.write(
            f"{PROG}: default citation style is now {args.set_default_style} ({where})\n"
        )
        if not args.ids and not args.bookmarked:
            return 0
    if not args.ids and not args.bookmarked:
        raise UsageError("cite needs article IDs or --bookmarked")
    if args.quotes and args.format != "text":
        raise UsageError("--quotes goes with --format text")
    if args.style and args.format != "text":
        raise UsageError("--style goes with --format text")
    arts = citations.chosen_articles(session, args.ids, args.bookmarked)
    if not arts:
        raise CommandError("nothing to cite: no bookmarked articles or quotes")
    data = citations.cite(session, arts, args.format, args.style, args.quotes)
    if args.output:
        from reader.export import refuse_state_files, write_atomic

        path = Path(args.output)
        refuse_state_files(session, path)
        write_atomic(path, data)
        sys.stderr.write(f"{PROG}: wrote {len(arts)} citation(s) to {path}\n")
    else:
        sys.stdout.write(data)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from reader.library import parse_file, scan_tree
    from reader.paths import library_folders, resolve_folders

    dirs = [
        Path(d)
        for d in (
            resolve_folders(args.dirs)
            if args.dirs
            else library_folders(args.articles, args.no_bundled, args.data_dir)
        )
    ]
    problems = 0
    files = 0
    seen: dict[str, str] = {}
    for root in dirs:
        entries, scan_problems, _, _ = scan_tree(root)
        for p in scan_problems:
            problems += 1
            sys.stdout.write(clean_line(p.line()) + "\n")
        for e in entries:
            files += 1
            parsed = parse_file(e.path, str(root))
            for p in parsed.problems:
                problems += 1
                sys.stdout.write(clean_line(p.line()) + "\n")
            art = parsed.article
            if art is not None:
                if art.id in seen:
                    problems += 1
                    sys.stdout.write(
                        clean_line(
                            f"{e.path}: duplicate id {art.id!r} (already used by "
                            f"{seen[art.id]}); skipped"
                        )
                        + "\n"
                    )
                else:
                    seen[art.id] = e.path
    summary = f"{files} file(s) checked in {len(dirs)} folder(s): "
    sys.stderr.write(summary + (f"{problems} problem(s)\n" if problems else "no problems\n"))
    return 1 if problems else 0


def cmd_add(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_add as add

    if args.url is not None and len(args.sources) != 1:
        raise UsageError("--url is the original address of one saved file: give one SOURCE")
    return add(session, args)


def cmd_feeds(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_feeds as feeds

    if args.feeds_command is None:
        raise UsageError("feeds needs an action: add, list, remove, import or export")
    return feeds(session, args)


def cmd_fetch(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_fetch as fetch

    return fetch(session, args)


COMMANDS = {
    "add": cmd_add,
    "feeds": cmd_feeds,
    "fetch": cmd_fetch,
    "list": cmd_list,
    "show": cmd_show,
    "quotes": cmd_quotes,
    "quote": cmd_quote,
    "bookmark": cmd_bookmark,
    "mark": cmd_mark,
    "export": cmd_export,
    "cite": cmd_cite,
    "note": cmd_note,
    "import": cmd_import,
}


class CommandError(ReaderError):
    pass


def run(args: argparse.Namespace) -> int:
    """Run the parsed command line."""
    if args.command == "check":
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


def run_search(args: argparse.Namespace) -> int:
    """`search` needs no user state and no in-memory catalog: the index answers it alone
    (a search of quotes or notes goes to `run_quote_search`)."""
    from reader.quotefields import parse_scopes, scopes_for

    try:
        wanted = parse_scopes(args.scope) if args.scope is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    scopes = scopes_for(args.query, wanted)
    if scopes != {"articles"}:
        return run_quote_search(args, scopes)
    from reader.catalog import Catalog
    from reader.paths import cache_folder, library_folders

    catalog = Catalog(
        library_folders(args.articles, args.no_bundled, args.data_dir),
        Path(cache_folder(), "index"),
    )
    try:
        if args.rescan:
            catalog.refresh(load=False)
            hits = catalog.search(args.query, args.limit)
        else:
            hits = catalog.search_fresh(args.query, args.limit)
        for p in catalog.problems:
            if p.fatal:
                warn(f"skipped {p.line()}")
        return cmd_search(hits, args)
    finally:
        catalog.close()


def run_quote_search(args: argparse.Namespace, scopes: set[str]) -> int:
    """`search` over quotes and notes (and articles too when `--in` names them)."""
    from reader.quotesearch import search_quotes
    from reader.session import Session

    session = Session.open(
        articles=args.articles, no_bundled=args.no_bundled, data_dir=args.data_dir
    )
    try:
        articles = session.catalog.search(args.query, args.limit) if "articles" in scopes else []
        # Every quote, or only the user's own records when notes alone are wanted (cheaper).
        quotes = session.quotes() if "quotes" in scopes else _noted_quotes(session)
        found = search_quotes(quotes, args.query, scopes, args.limit)
        titles = {a.id: a.title for a in session.catalog.articles}
        if args.json:
            rows = [
                {
                    "in": "article",
                    "id": h.article.id,
                    "title": h.article.title,
                    "snippet": h.snippet,
                    "highlights": h.marks,
                    "score": h.score,
                }
                for h in articles
            ] + [
                {
                    "in": h.field,
                    "id": h.quote.article_id,
                    "title": titles.get(h.quote.article_id, ""),
                    "quote_id": h.quote.id,
                    "kind": h.quote.kind,
                    "text": h.quote.text,
                    "note": h.quote.note,
                    "snippet": h.snippet,
                    "highlights": h.marks,
                    "score": h.score,
                }
                for h in found
            ]
            _json(rows)
            if not rows:  # as for articles: nothing found is exit 1, like grep
                sys.stderr.write(NO_MATCHES)
            return 0 if rows else 1
        if articles:
            cmd_search(articles, args)
        from reader.output import emphasise

        bold = sys.stdout.isatty()
        for h in found:
            mark = "✎ note" if h.field == "note" else "“ quote"
            title = clean_line(titles.get(h.quote.article_id, ""))
            shown = clean_line(h.snippet)  # already clean; marks only if nothing moved
            snippet = emphasise(shown, h.marks if shown == h.snippet else [], bold)
            sys.stdout.write(
                f"{h.quote.article_id}  {mark} {h.quote.id}  {title}  (score {h.score:.3g})\n"
                f"    {snippet}\n"
            )
        if not found and not articles:
            sys.stderr.write(NO_MATCHES)
            return 1
        return 0
    finally:
        session.close()


def _noted_quotes(session: Session) -> list[Quote]:
    """The quotes that have a note: only their articles' quotations need finding."""
    from reader.catalog import NotFound

    out: list[Quote] = []
    for aid in sorted({r.article_id for r in session.store.quotes() if r.note}):
        try:
            out.extend(q for q in session.quotes(aid) if q.note)
        except NotFound:  # the article is gone: its notes stay in the database
            continue
    return out


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
