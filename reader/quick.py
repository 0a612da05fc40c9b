"""The lean path of `policyreader search`: answered from the indexes on `os`, `re`, `sqlite3`
and `threading` alone.

A search is a one-shot process that scripts run in loops: importing argparse, pathlib, typing,
platformdirs, the indexer and the article parser costs more than the query itself. This path
parses the plain forms of the command by hand and answers only when the answer needs nothing
else:

    policyreader [--articles DIR]... [--no-bundled] [--data-dir DIR] search QUERY [--limit N]

Everything it cannot answer exactly as the full command would, it leaves to `reader.cli`
by returning None, having written nothing: other forms of the command (`--json`, `--rescan`,
help, abbreviated or unknown options, a query that starts with `-`), a library with no
index of this version, no folder stamp or files skipped for fatal problems (which the full
command warns about), a folder that changed since the index was stamped (the full command
scans it), and any database error (the full command rebuilds or reports it).
"""

from __future__ import annotations

import os
import sqlite3

from reader.output import NO_MATCHES, hits_text
from reader.paths import cache_folder, library_folders
from reader.query import fts_query
from reader.quotefields import uses_quote_fields
from reader.searcher import (
    IndexReader,
    WrongVersion,
    connect,
    index_file,
    ranked_search,
    while_checking,
)

_GLOBAL_VALUES = ("--articles", "--data-dir")


class Args:
    """A plain `search` command line."""

    __slots__ = ("articles", "no_bundled", "data_dir", "query", "limit")

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.data_dir: str | None = None
        self.no_bundled = False
        self.query: str | None = None
        self.limit = 20


def parse(argv: list[str]) -> Args | None:
    """The plain forms of `search` (module docstring), as argparse would read them; None for
    anything else."""
    args = Args()
    words = iter(argv)
    for word in words:  # the program's own options, up to the command
        if word == "search":
            break
        name, eq, value = word.partition("=")
        if word == "--no-bundled":
            args.no_bundled = True
        elif name in _GLOBAL_VALUES:
            if not eq:
                value = next(words, "-")
            if value.startswith("-"):
                return None
            if name == "--articles":
                args.articles.append(value)
            else:
                args.data_dir = value
        else:
            return None
    else:
        return None  # no command, or another one
    for word in words:  # the command's arguments
        name, eq, value = word.partition("=")
        if name == "--limit":
            if not eq:
                value = next(words, "-")
            try:
                args.limit = int(value)
            except ValueError:
                return None
            if args.limit < 1:
                return None
        elif word.startswith("-") or args.query is not None:
            return None
        else:
            args.query = word
    return args if args.query is not None else None


def search(argv: list[str]) -> tuple[str, str] | None:
    """(what to print on stdout, on stderr) for a plain `search`, or None: run the full CLI.
    Nothing on stdout means no hits (exit 1)."""
    args = parse(argv)
    if args is None or args.query is None:
        return None
    if uses_quote_fields(args.query):
        return None  # quotes and notes live in the state database: the full command
    fts, terms = fts_query(args.query)
    if fts is None:
        return None
    index_dir = os.path.join(cache_folder(), "index")
    readers: list[IndexReader] = []
    try:
        for root in library_folders(args.articles, args.no_bundled, args.data_dir):
            path = index_file(index_dir, root)
            if not os.path.isfile(path):
                return None  # never made, or made elsewhere: the full command makes it
            db = connect(path)
            db.execute("BEGIN")  # every read below from one snapshot of the index
            readers.append(IndexReader(root, db, path, on_disk=True, halves=False))
        stamps = [reader.stamp() for reader in readers]
        if any(stamp is None for stamp in stamps):
            return None
        if any(reader.has_fatal_problems() for reader in readers):
            return None

        limit = args.limit
        hits, fresh = while_checking(
            readers, stamps, lambda: ranked_search(readers, fts, terms, limit)
        )
        if not fresh:
            return None
    except (sqlite3.Error, WrongVersion, OSError):
        return None
    finally:
        for reader in readers:
            reader.close()
    out = hits_text([(h.item.article_id, h.item.title, h.score, h.snippet, h.marks) for h in hits])
    return out, "" if hits else NO_MATCHES
