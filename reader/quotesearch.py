"""Search over quotes and notes, in the same language as article search.

`note:` and `quote:` name the two fields (as `title:` names an article's title); words with
no field match either, or only the fields `--in` asks for. The quotes are few next to the
articles and live in the state database, so they are ranked in a throwaway in-memory FTS5
table with the index's tokenizer: the same stemming, phrases, prefixes, OR and exclusions.

Which fields a query names, and what `--in` means, are in `reader.quotefields` (lean).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.quotefields import AS_COLUMN, FIELD, uses_quote_fields

if TYPE_CHECKING:
    from reader.quotes import Quote


@dataclass(slots=True)
class QuoteHit:
    """A quote found by a search: in its text (`field` "quote") or in its note ("note")."""

    quote: Quote
    field: str
    score: float
    snippet: str
    marks: list[tuple[int, int]]


def search_quotes(
    quotes: list[Quote], query: str, scopes: set[str], limit: int | None = None
) -> list[QuoteHit]:
    """The quotes matching `query`, best first (BM25); `scopes` holds "quotes" and/or "notes"."""
    if not quotes or not (scopes & {"quotes", "notes"}):
        return []
    index = QuoteIndex(quotes)
    try:
        return index.search(query, scopes, limit)
    finally:
        index.close()


class QuoteIndex:
    """Quotes in an in-memory FTS5 table, built once and searched many times: the reader's `/`
    searches on every key typed, and a library's quotes can be tens of thousands. Safe to
    search from any thread (one search at a time)."""

    def __init__(self, quotes: list[Quote]) -> None:
        import sqlite3
        import threading

        self.quotes = quotes
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE q USING fts5(body, summary,"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO q (rowid, body, summary) VALUES (?, ?, ?)",
            ((n, q.text, q.note) for n, q in enumerate(quotes)),
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def search(self, query: str, scopes: set[str], limit: int | None = None) -> list[QuoteHit]:
        """The quotes matching `query`, best first (BM25), at most `limit`; `scopes` holds
        "quotes" and/or "notes"."""
        import sqlite3

        from reader.query import fts_query

        fts, terms = fts_query(
            FIELD.sub(lambda m: m.group(1) + AS_COLUMN[m.group(2).lower()], query)
        )
        if fts is None or not self.quotes or not (scopes & {"quotes", "notes"}):
            return []
        if not uses_quote_fields(query) and scopes & {"quotes", "notes"} != {"quotes", "notes"}:
            fts = "{" + ("body" if "quotes" in scopes else "summary") + "} : (" + fts + ")"
        sql = "SELECT rowid, bm25(q, 1.0, 1.0) FROM q WHERE q MATCH ? ORDER BY 2, rowid"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            with self._lock:
                rows = self._db.execute(sql, (fts,)).fetchall()
                # Which hits the note alone answers: they are listed as note hits.
                in_notes = {
                    r[0]
                    for r in self._db.execute(
                        "SELECT rowid FROM q WHERE q MATCH ?", (_only_notes(fts),)
                    )
                }
        except sqlite3.Error:  # fts_query never makes a syntax error; be safe
            return []
        stems = [t[: max(3, len(t) - 2)] for t in terms]  # marks: the stemmed words' beginnings
        hits = []
        for rowid, score in rows:
            q = self.quotes[rowid]
            field = "note" if rowid in in_notes and "notes" in scopes else "quote"
            snippet, marks = _snippet(q.note if field == "note" else q.text, stems)
            hits.append(QuoteHit(q, field, round(-score, 3), snippet, marks))
        return hits


def _only_notes(fts: str) -> str:
    return "{summary} : (" + fts + ")"


def _snippet(text: str, terms: list[str], width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """The text on one line, cut to about `width` characters around the first match."""
    from reader.text import term_spans

    flat = " ".join(text.split())
    spans = term_spans(flat, terms, 50)
    start = 0
    if len(flat) > width and spans and spans[0][0] > width // 3:
        start = flat.rfind(" ", 0, spans[0][0] - width // 4) + 1
    piece = flat[start : start + width]
    cut = len(piece) < len(flat) - start
    if cut and " " in piece:
        piece = piece[: piece.rfind(" ")]
    lead = "…" if start else ""
    shown = lead + piece + ("…" if start + len(piece) < len(flat) else "")
    marks = [
        (s - start + len(lead), e - start + len(lead))
        for s, e in spans
        if s >= start and e <= start + len(piece)
    ]
    return shown, marks
