"""Library-wide search (`/`): results as you type; enter opens the hit at its first match.

Articles and your quotes and notes are searched together, in the same language (`note:` and
`quote:` name the two fields, as `title:` names an article's). The articles come first, by
their relevance, then the quotes and notes, by theirs: the two rankings are of different
texts and not comparable. A quote or note hit opens its article at the quote, the quote
selected in the quotes pane, as the all-quotes list (`Q`) does. `ctrl+t` chooses what is
searched: everything, articles, quotes or notes.

The quotes are read when the screen opens (finding every quotation of the library may parse
articles: off the UI thread), into an in-memory index that each keystroke asks; the session
keeps it for the next `/` while nothing changed. Closing the screen before they are read
stops the reading between two articles (what it found stays cached for the next time).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.api import (
    Cancelled,
    QuoteHit,
    QuoteIndex,
    SearchHit,
    clean_line,
    scopes_for,
    uses_quote_fields,
)
from reader.tui.actions import bindings
from reader.tui.screens.all_quotes import QuoteChoice, open_at_quote
from reader.tui.screens.dialogs import DialogScreen
from reader.tui.widgets.reading_pane import styled_text
from reader.tui.widgets.rowlist import RowList

SearchFn = Callable[[str], list[SearchHit]]
# Gives the index of every quote (`Session.quote_index`); the event set stops it (Cancelled).
QuotesFn = Callable[[threading.Event], QuoteIndex]
Hit = SearchHit | QuoteHit

ARTICLE_LIMIT = 20  # article hits listed
QUOTE_LIMIT = 20  # quote and note hits listed (a library can hold tens of thousands)
# What `ctrl+t` steps through: (its name in the title, what it searches).
SCOPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("articles, quotes and notes", frozenset({"articles", "quotes", "notes"})),
    ("articles", frozenset({"articles"})),
    ("quotes", frozenset({"quotes"})),
    ("notes", frozenset({"notes"})),
)


def hit_mark(hit: QuoteHit) -> tuple[str, str]:
    """The mark and word a quote or note hit is listed with (the quotes pane's marks)."""
    if hit.field == "note":
        return "✎", "note"
    if hit.quote.kind == "highlight":
        return "▍", "highlight"
    return "“", "quote"


@dataclass
class SearchResult:
    """What the screen is dismissed with: the article to open and the words to mark in it."""

    article_id: str
    terms: list[str]


class HitList(RowList):
    """Three lines a hit: title and author (a quote or note hit: its mark, then the article's
    title), the snippet with the matched words marked, a gap."""

    DEFAULT_CSS = """
    HitList {
        height: 1fr;
        background: $surface;
    }
    HitList > .hit-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    HitList > .hit-list--title { text-style: bold; }
    HitList > .hit-list--meta { color: $text-muted; }
    HitList > .hit-list--snippet { color: $text-muted; }
    HitList > .hit-list--mark { background: $warning-muted; color: $text; text-style: bold; }
    HitList > .hit-list--kind { color: $text-accent; text-style: bold; }
    """

    row_height = 3
    COMPONENT_CLASSES = {
        "hit-list--cursor",
        "hit-list--title",
        "hit-list--meta",
        "hit-list--mark",
        "hit-list--snippet",
        "hit-list--kind",
    }
    BINDINGS = bindings("hits")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.titles: dict[str, str] = {}  # article id -> title, for the quote and note hits

    @property
    def row_count(self) -> int:
        return len(self.hits)

    def set_hits(self, hits: list[Hit], titles: dict[str, str] | None = None) -> None:
        self.hits = hits
        self.titles = titles or {}
        self.rows_changed(0)

    def _part(self, name: str, base: Any) -> Any:
        return base + self.get_component_rich_style(name, partial=True)

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        hit = self.hits[index]
        base = self.line_style
        if selected and line < 2:
            base = base + self.get_component_rich_style("hit-list--cursor")
        if line == 2:
            return Strip.blank(width, self.line_style)
        if line == 0:
            text = styled_text(" ", base)
            if isinstance(hit, QuoteHit):
                glyph, word = hit_mark(hit)
                text.append(f"{glyph} {word}", self._part("hit-list--kind", base))
                text.append("  ", base)
                aid = hit.quote.article_id
                title, meta = self.titles.get(aid) or aid, ""
            else:
                title = hit.article.title or hit.article.id
                meta = " · ".join(p for p in (hit.article.author, hit.article.date or "") if p)
            text.append(clean_line(title), self._part("hit-list--title", base))
            if meta:
                text.append("  " + clean_line(meta), self._part("hit-list--meta", base))
            text.truncate(width, overflow="ellipsis")
            return Strip(list(text.render(self.app.console)))
        # The snippet is plain text (from the index, or a quote's words or note); `marks` are
        # spans in it (never markup), dropped if cleaning it moved anything.
        snippet = clean_line(hit.snippet)
        text = styled_text("   " + snippet, self._part("hit-list--snippet", base))
        if snippet == hit.snippet:
            mark = self._part("hit-list--mark", base)
            for s, e in hit.marks:
                text.stylize(mark, s + 3, e + 3)
        text.truncate(width, overflow="ellipsis")
        return Strip(list(text.render(self.app.console)))


class SearchScreen(DialogScreen[SearchResult | QuoteChoice | None]):
    """An Input over a HitList; searching runs in a worker so typing never waits."""

    DEFAULT_CSS = """
    #search-dialog {
        height: 90%;
        max-width: 110;
    }
    #search-input {
        margin: 0 0 1 0;
    }
    """

    BINDINGS = bindings("search")

    @dataclass
    class Results(Message):
        query: str
        hits: list[Hit]
        error: str = ""
        generation: int = 0
        titles: dict[str, str] = field(default_factory=dict)

    class QuotesReady(Message):
        def __init__(self, index: QuoteIndex, error: str = "") -> None:
            super().__init__()
            self.index = index
            self.error = error

    def __init__(
        self,
        search: SearchFn,
        query: str = "",
        *,
        quotes: QuotesFn | None = None,
        title: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__()
        self._search = search
        self._load_quotes = quotes
        self._title = title or (lambda aid: aid)
        self._index: QuoteIndex | None = None
        self._quotes_error = ""
        self._initial = query
        self._latest = query
        self._generation = 0
        self.scope = 0  # an index into SCOPES; the query's `note:` and `quote:` come first

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Static(
                self._title_text(), id="search-title", classes="dialog-title", markup=False
            )
            yield Input(
                value=self._initial,
                placeholder='words, "a phrase", author:…, note:…, quote:…',
                id="search-input",
            )
            yield HitList(id="search-hits")
            yield Static("", id="search-info", classes="dialog-hint", markup=False)

    def _title_text(self) -> str:
        if self._load_quotes is None:
            return "Search the library"
        return f"Search the library: {SCOPES[self.scope][0]}"

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self._set_info(self._hint())
        if self._load_quotes is not None:
            self.load_quotes()
        if self._initial:
            self._start(self._initial)

    def _hint(self) -> str:
        if self._load_quotes is None:
            return "Type to search titles, authors, tags and text."
        return "Type to search titles, authors, tags, text, your quotes and notes · ctrl+t scope"

    def _set_info(self, text: str) -> None:
        self.query_one("#search-info", Static).update(text)

    def scopes(self, query: str) -> set[str]:
        """What `query` searches: the fields it names, else what `ctrl+t` chose."""
        if self._load_quotes is None:
            return {"articles"}
        if uses_quote_fields(query):
            return scopes_for(query, None)
        return set(SCOPES[self.scope][1])

    def _start(self, query: str) -> None:
        """Search for `query` off the UI thread; an older search still running is ignored."""
        self._generation += 1
        self.run_search(query, self.scopes(query), self._generation)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self) -> None:
        """The quotes' index, off the UI thread. Closing the screen cancels this worker, and
        the worker's cancel event stops the reading between two articles."""
        assert self._load_quotes is not None
        try:
            index = self._load_quotes(get_current_worker().cancelled_event)
        except Cancelled:  # the screen was closed: nobody waits for them
            return
        except Exception as exc:  # articles are still searched; the reason is shown
            self.post_message(self.QuotesReady(QuoteIndex([]), f"quotes not searched: {exc}"))
            return
        self.post_message(self.QuotesReady(index))

    def on_search_screen_quotes_ready(self, message: QuotesReady) -> None:
        self._index = message.index
        self._quotes_error = message.error
        if self._latest.strip() and self.scopes(self._latest) & {"quotes", "notes"}:
            self._start(self._latest)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._latest = event.value
        self._start(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str, scopes: set[str], generation: int) -> None:
        if not query.strip():
            self.post_message(self.Results(query, [], generation=generation))
            return
        index = self._index
        try:
            hits: list[Hit] = []
            if "articles" in scopes:
                hits.extend(self._search(query))
            if generation != self._generation:
                return  # typed on meanwhile: a newer search is running, skip the quotes
            if index is not None and scopes & {"quotes", "notes"}:
                hits.extend(index.search(query, scopes, QUOTE_LIMIT))
            titles = {
                h.quote.article_id: self._title(h.quote.article_id)
                for h in hits
                if isinstance(h, QuoteHit)
            }
        except Exception as exc:  # a bad query must never take the screen down
            self.post_message(
                self.Results(query, [], f"search failed: {exc}", generation=generation)
            )
            return
        self.post_message(self.Results(query, hits, generation=generation, titles=titles))

    def on_search_screen_results(self, message: Results) -> None:
        if message.generation != self._generation:
            return  # an older search finished late; the newer one is on its way
        hits = self.query_one(HitList)
        hits.set_hits(message.hits, message.titles)
        loading = (
            self._load_quotes is not None
            and self._index is None
            and bool(self.scopes(message.query) & {"quotes", "notes"})
        )
        if message.error:
            self._set_info(message.error)
        elif not message.query.strip():
            self._set_info(self._hint())
        elif not message.hits:
            self._set_info(
                "Finding your quotes…" if loading else self._quotes_error or "No matches."
            )
        else:
            counts = _counts(message.hits)
            if loading:
                counts += " · finding your quotes…"
            elif self._quotes_error:
                counts += " · " + self._quotes_error
            if self._load_quotes is None:
                self._set_info(f"{counts} · enter opens · escape closes")
            else:  # one line in 80 columns: escape closes every dialog
                self._set_info(f"{counts} · enter opens · ctrl+t scope")

    def action_cycle_scope(self) -> None:
        """`ctrl+t`: search everything, then articles, quotes or notes alone."""
        if self._load_quotes is None:
            return
        self.scope = (self.scope + 1) % len(SCOPES)
        self.query_one("#search-title", Static).update(self._title_text())
        self._start(self._latest)

    def action_move(self, step: int) -> None:
        hits = self.query_one(HitList)
        hits.move_cursor(hits.cursor + step)

    @on(Input.Submitted, "#search-input")
    def _submitted(self) -> None:
        self._open(self.query_one(HitList).cursor)

    @on(RowList.Chosen, "#search-hits")
    def _chosen(self, event: RowList.Chosen) -> None:
        self._open(event.index)

    def _open(self, index: int) -> None:
        hits = self.query_one(HitList).hits
        if 0 <= index < len(hits):
            hit = hits[index]
            if isinstance(hit, QuoteHit):
                q = hit.quote
                self.dismiss(QuoteChoice(q.article_id, q.id, q.start))
            else:
                self.dismiss(SearchResult(hit.article.id, list(hit.terms)))

    def action_close(self) -> None:
        self.dismiss(None)


def _counts(hits: list[Hit]) -> str:
    """`3 articles · 1 quote · 2 notes`: how many hits of each kind."""
    n = {"article": 0, "quote": 0, "note": 0}
    for h in hits:
        n["article" if isinstance(h, SearchHit) else h.field] += 1
    return " · ".join(f"{c} {k}{'s' if c != 1 else ''}" for k, c in n.items() if c)


def open_search(app: Any) -> None:
    """`/` over the app's session: an article hit opens at its first match, a quote or note
    hit at the quote (as `Q` opens one)."""
    session = app.session

    def title(article_id: str) -> str:
        art = session.catalog.find(article_id)
        return (art.title if art is not None else "") or article_id

    def chosen(result: SearchResult | QuoteChoice | None) -> None:
        if isinstance(result, QuoteChoice):
            open_at_quote(app, result)
        elif result is not None:
            app.main.open_article(
                result.article_id,
                terms=result.terms or None,
                offset=0 if result.terms else None,
            )

    screen = SearchScreen(
        lambda query: session.catalog.search(query, ARTICLE_LIMIT),
        quotes=session.quote_index,
        title=title,
    )
    app.push_screen(screen, chosen)
