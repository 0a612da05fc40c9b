"""The web commands of the CLI: `add`, `feeds` and `fetch` (their parsers are in reader.cli).

Output follows the rest of the CLI: results on stdout (ids, or JSON with --json), messages on
stderr, one line per failure; progress on stderr only when it is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.clean import clean_line
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.session import Session

PROG = "policyreader"


class Progress:
    """`[3/10] address` on one stderr line, redrawn; nothing when stderr is not a terminal."""

    def __init__(self) -> None:
        self.on = sys.stderr.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.on or not total:
            return
        text = clean_line(f"[{done}/{total}] {label}")[:79]
        sys.stderr.write("\r\x1b[K" + text)
        sys.stderr.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def _say(message: str) -> None:
    sys.stderr.write(f"{PROG}: {clean_line(message)}\n")


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: error: {clean_line(message)}\n")


def _json(obj: Any) -> None:
    import json

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _folder(args: argparse.Namespace) -> Path:
    from reader.paths import user_library_folder

    return Path(user_library_folder(args.data_dir))


def _feed_store(args: argparse.Namespace) -> Any:
    from reader.paths import data_folder
    from reader.web.feedstore import FeedStore

    return FeedStore(Path(data_folder(args.data_dir)) / "feeds.sqlite3")


def cmd_add(session: Session, args: argparse.Namespace) -> int:
    from reader.web.adding import Shelf
    from reader.web.pages import add_pages, sources
    from reader.web.retrieve import Retriever

    items = sources(args.sources, args.url)
    progress = Progress()
    shelf = Shelf(session.catalog, _folder(args))
    with Retriever(args.timeout) as retriever:
        try:
            results = add_pages(
                shelf,
                items,
                retriever,
                categories=args.category,
                tags=args.tag,
                update=args.update,
                progress=progress,
            )
        finally:
            progress.clear()
    failed = 0
    written = [a for _, a in results if not isinstance(a, Exception) and a.status != "duplicate"]
    if written:
        _refresh_session(session, args)
        if args.update:
            for a in written:
                if a.status == "updated":
                    session.quotes(a.article_id)  # re-anchored now, not on next read
    out: list[dict[str, Any]] = []
    for src, outcome in results:
        if isinstance(outcome, Exception):
            failed += 1
            _error(str(outcome) if src.given in str(outcome) else f"{src.given}: {outcome}")
            continue
        if outcome.status == "duplicate":
            _say(f"{src.given}: already in the library as {outcome.article_id} ({outcome.title})")
        elif outcome.status == "updated":
            _say(f"{src.given}: updated {outcome.article_id}")
        if args.json:
            art = session.catalog.by_id.get(outcome.article_id)
            obj = session.article_json(art) if art is not None else {"id": outcome.article_id}
            obj["status"] = outcome.status
            out.append(obj)
        elif outcome.status != "duplicate":
            sys.stdout.write(outcome.article_id + "\n")
    if args.json:
        _json(out)
    return 1 if failed else 0


def _refresh_session(session: Session, args: argparse.Namespace) -> None:
    """Re-read the libraries, the user's own folder included even if it was just created."""
    from reader.catalog import Catalog
    from reader.paths import Paths, library_folders

    roots = library_folders(args.articles, args.no_bundled, args.data_dir)
    if [str(r) for r in roots] != [str(r) for r in session.catalog.roots]:
        session.catalog.close()
        session.catalog = Catalog(
            roots, Paths.resolve(args.data_dir).index_dir, data_dir=args.data_dir
        )
    session.catalog.refresh()


def cmd_feeds(session: Session, args: argparse.Namespace) -> int:
    action = args.feeds_command
    store = _feed_store(args)
    try:
        if action == "list":
            return _feeds_list(store, args)
        if action == "add":
            return _feeds_add(store, args)
        if action == "remove":
            if not store.remove(args.url):
                raise ReaderError(f"not subscribed to {args.url}")
            _say(f"unsubscribed from {args.url} (its articles stay in the library)")
            return 0
        if action == "import":
            return _feeds_import(store, args)
        if action == "export":
            return _feeds_export(store, args)
        raise ReaderError("feeds needs a command: add, list, remove, import or export")
    finally:
        store.close()


def _feeds_list(store: Any, args: argparse.Namespace) -> int:
    subs = store.subscriptions()
    if args.json:
        _json([s.to_json() for s in subs])
        return 0
    if not subs:
        _say("no feeds yet: subscribe with `policyreader feeds add URL`")
    for s in subs:
        fetched = s.last_fetched or "never fetched"
        line = f"{s.title or '(untitled)'}\n    {s.url}\n    {fetched}, {s.articles} article(s)"
        if s.last_error:
            line += f"\n    last error: {s.last_error}"
        sys.stdout.write(clean_line_keep(line) + "\n")
    return 0


def clean_line_keep(text: str) -> str:
    return "\n".join(clean_line(part) if i == 0 else "    " + clean_line(part)
                     for i, part in enumerate(text.split("\n")))  # fmt: skip


def _feeds_add(store: Any, args: argparse.Namespace) -> int:
    from reader.web.adding import url_key
    from reader.web.feeds import parse
    from reader.web.feedstore import Subscription
    from reader.web.retrieve import FEED_ACCEPT, Retriever, check_address
    from reader.web.save import now

    check_address(args.url)
    for s in store.subscriptions():
        if url_key(s.url) == url_key(args.url):
            _say(f"already subscribed to {s.url} ({s.title or 'untitled'})")
            return 0
    with Retriever(args.timeout) as retriever:
        resp = retriever.get(args.url, accept=FEED_ACCEPT)
    feed = parse(resp.body, resp.url, resp.content_type)
    store.add(
        Subscription(
            args.url, feed.title, feed.link, list(args.category), list(args.tag), added=now()
        )
    )
    _say(
        f"subscribed to {feed.title or args.url} ({len(feed.entries)} entries; "
        "`policyreader fetch` brings them in)"
    )
    return 0


def _feeds_import(store: Any, args: argparse.Namespace) -> int:
    from reader.web.adding import url_key
    from reader.web.feedstore import Subscription
    from reader.web.opml import read_opml
    from reader.web.save import now

    outlines = read_opml(Path(args.file))
    known = {url_key(s.url) for s in store.subscriptions()}
    added = 0
    for o in outlines:
        if url_key(o.url) in known:
            continue
        known.add(url_key(o.url))
        store.add(Subscription(o.url, o.title, o.link, o.categories, [], added=now()))
        added += 1
    _say(f"imported {added} feed(s) from {args.file} ({len(outlines) - added} already there)")
    return 0


def _feeds_export(store: Any, args: argparse.Namespace) -> int:
    from reader.web.opml import write_opml

    text = write_opml(store.subscriptions())
    if not args.output:
        sys.stdout.write(text)
        return 0
    from reader.web.save import replace_or_create

    replace_or_create(Path(args.output), text)
    _say(f"wrote {len(store.subscriptions())} feed(s) to {args.output}")
    return 0


def cmd_fetch(session: Session, args: argparse.Namespace) -> int:
    from reader.web.adding import Shelf
    from reader.web.fetching import fetch_all
    from reader.web.retrieve import Retriever
    from reader.web.save import now

    store = _feed_store(args)
    progress = Progress()
    try:
        if not store.subscriptions():
            _say("no feeds yet: subscribe with `policyreader feeds add URL`")
            if args.json:
                _json({"feeds": 0, "new": [], "updated": [], "failed": [], "unchanged": 0})
            return 0
        shelf = Shelf(session.catalog, _folder(args))
        with Retriever(args.timeout) as retriever:
            try:
                report = fetch_all(shelf, store, retriever, now=now(), progress=progress)
            finally:
                progress.clear()
    finally:
        store.close()
    if report.new or report.updated:
        _refresh_session(session, args)
        for a in report.updated:
            session.quotes(a.article_id)
    if args.json:
        _json(report.to_json())
    else:
        for a in report.new:
            sys.stdout.write(a.article_id + "\n")
    sys.stderr.write(f"{PROG}: {clean_line(report.summary())}\n")
    return 1 if report.failed else 0
