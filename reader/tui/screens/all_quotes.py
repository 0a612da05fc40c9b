"""Every quote of the library (`Q`): newest first, filtered as you type, enter opens it.

The list is a RowList (virtual: no widget per row), so 10,000 quotes cost what 20 do. The box
at the top takes words (matched in the quote's text and its note) and filters:
`is:bookmarked`, `status:anchored|changed|orphaned`, `article:ID-OR-TITLE-WORDS`,
`category:NAME`, `tag:NAME` (a value with spaces in double quotes). Words match anywhere in a
word (as you type, a word is often half written), all of them, case aside. `ctrl+b` and `ctrl+t` add or change the first two.
"""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.api import Article, Cancelled, Quote, clean, clean_line
from reader.tui.actions import bindings
from reader.tui.screens.dialogs import DialogScreen
from reader.tui.widgets.rowlist import RowList

STATUSES = ("anchored", "changed", "orphaned")
NOTE_BREAK = " ⏎ "  # where a note's line breaks, in a row that shows it on one line
_FILTER = re.compile(r"^(is|status|article|category|tag):(.+)$", re.I)


def styled_text(plain: str, style: Style) -> Text:
    """A Text whose whole length carries `style` (`Text.render` adds no base style)."""
    text = Text(plain, end="")
    text.stylize(style)
    return text


def note_line(note: str) -> str:
    """A note on one line: its lines, blank ones left out, with a visible break between."""
    return NOTE_BREAK.join(line for line in map(clean_line, clean(note).split("\n")) if line)


class QuoteChoice(NamedTuple):
    """What the screen is dismissed with: the quote to open its article at."""

    article_id: str
    quote_id: str
    start: int | None


class Query(NamedTuple):
    words: list[str]
    bookmarked: bool
    status: str
    article: str
    category: str
    tag: str


def parse_query(text: str) -> Query:
    """The box's text as words and filters (unknown `x:y` is just words)."""
    try:
        tokens = shlex.split(text)
    except ValueError:  # an unclosed quote: split on spaces
        tokens = text.split()
    words: list[str] = []
    found = {"is": "", "status": "", "article": "", "category": "", "tag": ""}
    for token in tokens:
        m = _FILTER.match(token)
        if m is None:
            words.append(token.casefold())
        else:
            found[m.group(1).lower()] = m.group(2).strip()
    return Query(
        words,
        found["is"].lower() == "bookmarked",
        found["status"].lower(),
        found["article"].casefold(),
        found["category"].casefold(),
        found["tag"].casefold(),
    )


def newest_first(quotes: list[Quote], order: dict[str, int]) -> list[Quote]:
    """Quotes you made or touched first, newest first; then the quotations found in the text,
    by article (the list's order) and place."""
    touched = sorted((q for q in quotes if q.created_at), key=lambda q: q.created_at, reverse=True)
    found = sorted(
        (q for q in quotes if not q.created_at),
        key=lambda q: (order.get(q.article_id, len(order)), q.start or 0),
    )
    return touched + found


def matching(quotes: list[Quote], query: Query, articles: dict[str, Article]) -> list[Quote]:
    """The quotes that pass every filter and contain every word (in their text or note)."""
    out = []
    for q in quotes:
        if query.bookmarked and not q.bookmarked:
            continue
        if query.status and q.status != query.status:
            continue
        art = articles.get(q.article_id)
        if query.article and not (
            q.article_id.casefold() == query.article
            or (art is not None and query.article in art.title.casefold())
        ):
            continue
        if query.category or query.tag:
            if art is None:
                continue
            if query.category and query.category not in (c.casefold() for c in art.categories):
                continue
            if query.tag and query.tag not in (t.casefold() for t in art.tags):
                continue
        if query.words:
            hay = (q.text + "\n" + q.note).casefold()
            if not all(w in hay for w in query.words):
                continue
        out.append(q)
    return out


class QuoteRows(RowList):
    """Two lines a quote: marks and its text; the article's title and the note (on one line,
    its line breaks shown as ⏎)."""

    row_height = 2
    COMPONENT_CLASSES = {"quote-rows--cursor", "quote-rows--mark", "quote-rows--meta"}
    DEFAULT_CSS = """
    QuoteRows { height: 1fr; background: $surface; }
    QuoteRows > .quote-rows--cursor { background: $block-cursor-background; }
    QuoteRows > .quote-rows--mark { color: $text-warning; }
    QuoteRows > .quote-rows--meta { color: $text-muted; }
    """

    def __init__(self, titles: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self.titles = titles

    @property
    def row_count(self) -> int:
        return len(self.quotes)

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.rows_changed(0)

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        q = self.quotes[index]
        base = self.line_style
        if selected:
            base = base + self.get_component_rich_style("quote-rows--cursor")
        mark = base + self.get_component_rich_style("quote-rows--mark", partial=True)
        meta = base + self.get_component_rich_style("quote-rows--meta", partial=True)
        if line == 0:
            marks = (
                ("★" if q.bookmarked else " ")
                + ("▍" if q.kind == "highlight" else "“")
                + {"changed": "≠", "orphaned": "◌"}.get(q.status, " ")
                + ("✎" if q.note else " ")
            )
            text = styled_text(" " + marks + " ", mark)
            text.append(clean_line(q.text), base)
        else:
            text = styled_text(
                "      " + clean_line(self.titles.get(q.article_id, q.article_id)), meta
            )
            if q.note:
                text.append("  ✎ " + note_line(q.note), meta)
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(list(text.render(self.app.console)))


class AllQuotesScreen(DialogScreen[QuoteChoice | None]):
    """Every quote; a box to filter them as you type; enter opens the article at the quote."""

    BINDINGS = bindings("all_quotes")
    DEFAULT_CSS = """
    #quotes-dialog { height: 90%; max-width: 120; }
    #quotes-filter { margin: 0 0 1 0; }
    """

    class Loaded(Message):
        def __init__(self, quotes: list[Quote]) -> None:
            super().__init__()
            self.quotes = quotes

    def __init__(
        self,
        load: Callable[[threading.Event], list[Quote]],
        articles: list[Article],
    ) -> None:
        super().__init__()
        self._load = load
        self._articles = {a.id: a for a in articles}
        self._order = {a.id: n for n, a in enumerate(articles)}
        self.all_quotes: list[Quote] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-dialog", classes="dialog"):
            yield Static("All quotes", classes="dialog-title", markup=False)
            yield Input(
                placeholder="words · is:bookmarked · status:changed · tag:… category:… article:…",
                id="quotes-filter",
            )
            yield QuoteRows({aid: a.title for aid, a in self._articles.items()}, id="quote-rows")
            yield Static("Loading quotes…", id="quotes-info", classes="dialog-hint", markup=False)

    @property
    def rows(self) -> QuoteRows:
        return self.query_one(QuoteRows)

    @property
    def box(self) -> Input:
        return self.query_one("#quotes-filter", Input)

    def on_mount(self) -> None:
        self.box.focus()
        self.load_quotes()

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def load_quotes(self) -> None:
        # Finding every quotation may parse every article once (then they are cached); the
        # screen closed cancels the worker, which stops that between two articles.
        try:
            quotes = self._load(get_current_worker().cancelled_event)
        except Cancelled:
            return
        self.post_message(self.Loaded(newest_first(quotes, self._order)))

    def on_all_quotes_screen_loaded(self, message: Loaded) -> None:
        self.all_quotes = message.quotes
        self._apply()

    @on(Input.Changed, "#quotes-filter")
    def _changed(self) -> None:
        self._apply()

    def _apply(self) -> None:
        query = parse_query(self.box.value)
        shown = matching(self.all_quotes, query, self._articles)
        self.rows.set_quotes(shown)
        n, total = len(shown), len(self.all_quotes)
        info = f"{n:,} of {total:,} quotes" if n != total else f"{total:,} quotes"
        self.query_one("#quotes-info", Static).update(
            Text(info + " · enter opens · ctrl+b bookmarked · ctrl+t status")
        )

    def _set_filter(self, name: str, value: str) -> None:
        """Replace (or drop, for "") the `name:` token in the box."""
        tokens = [t for t in self.box.value.split() if not t.lower().startswith(name + ":")]
        if value:
            tokens.append(f"{name}:{value}")
        self.box.value = " ".join(tokens) + (" " if tokens else "")
        self.box.cursor_position = len(self.box.value)

    def action_toggle_bookmarked(self) -> None:
        self._set_filter("is", "" if parse_query(self.box.value).bookmarked else "bookmarked")

    def action_cycle_status(self) -> None:
        current = parse_query(self.box.value).status
        order = ("", *STATUSES)
        following = order[(order.index(current) + 1) % len(order)] if current in order else ""
        self._set_filter("status", following)

    def action_move(self, step: int) -> None:
        self.rows.move_cursor(self.rows.cursor + step)

    @on(Input.Submitted, "#quotes-filter")
    def _submitted(self) -> None:
        self._open(self.rows.cursor)

    @on(RowList.Chosen, "#quote-rows")
    def _chosen(self, event: RowList.Chosen) -> None:
        self._open(event.index)

    def _open(self, index: int) -> None:
        quotes = self.rows.quotes
        if 0 <= index < len(quotes):
            q = quotes[index]
            self.dismiss(QuoteChoice(q.article_id, q.id, q.start))

    def action_close(self) -> None:
        self.dismiss(None)


def open_at_quote(app: Any, choice: QuoteChoice) -> None:
    """The article open in the reader at the quote, the quote selected in the quotes pane
    (from `Q`, and from a quote or note hit of `/`)."""
    app.open_article(choice.article_id, offset=choice.start, quote_id=choice.quote_id)


def open_all_quotes(app: Any) -> None:
    """`Q`: the screen over the app's session; enter opens the article at the quote."""

    def chosen(choice: QuoteChoice | None) -> None:
        if choice is not None:
            open_at_quote(app, choice)

    def load(cancel: threading.Event) -> list[Quote]:
        return app.session.quotes(cancel=cancel)  # type: ignore[no-any-return]

    app.push_screen(AllQuotesScreen(load, app.session.catalog.articles), chosen)
