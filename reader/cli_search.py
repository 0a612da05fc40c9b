"""The `search` command: articles from the index alone, quotes and notes from a session."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.clean import clean_line
from reader.cli_common import UsageError, print_json
from reader.output import NO_MATCHES, hits_text, warn

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.session import Session
    from reader.types import SearchHit


def cmd_search(hits: list[SearchHit], args: argparse.Namespace) -> int:
    if args.json:
        print_json(
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
            print_json(rows)
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
