"""Library-wide search (`/`): results as you type; enter opens the hit at its first match."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input, Static

from reader.api import SearchHit, clean_line
from reader.tui.actions import bindings
from reader.tui.screens.dialogs import DialogScreen
from reader.tui.widgets.reading_pane import styled_text
from reader.tui.widgets.rowlist import RowList

SearchFn = Callable[[str], list[SearchHit]]


@dataclass
class SearchResult:
    """What the screen is dismissed with: the article to open and the words to mark in it."""

    article_id: str
    terms: list[str]


class HitList(RowList):
    """Three lines a hit: title and author, the snippet with the matched words marked, a gap."""

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
    """

    row_height = 3
    COMPONENT_CLASSES = {
        "hit-list--cursor",
        "hit-list--title",
        "hit-list--meta",
        "hit-list--mark",
        "hit-list--snippet",
    }
    BINDINGS = bindings("hits")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[SearchHit] = []

    @property
    def row_count(self) -> int:
        return len(self.hits)

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.rows_changed(0)

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        hit = self.hits[index]
        base = self.line_style
        if selected and line < 2:
            base = base + self.get_component_rich_style("hit-list--cursor")
        if line == 2:
            return Strip.blank(width, self.line_style)
        if line == 0:
            title = clean_line(hit.article.title or hit.article.id)
            meta = " · ".join(p for p in (hit.article.author, hit.article.date or "") if p)
            text = styled_text(" ", base)
            text.append(
                title, base + self.get_component_rich_style("hit-list--title", partial=True)
            )
            if meta:
                text.append(
                    "  " + clean_line(meta),
                    base + self.get_component_rich_style("hit-list--meta", partial=True),
                )
            text.truncate(width, overflow="ellipsis")
            return Strip(list(text.render(self.app.console)))
        # The snippet is plain text from the index; `marks` are spans in it (never markup).
        snippet_style = base + self.get_component_rich_style("hit-list--snippet", partial=True)
        text = styled_text("   " + hit.snippet, snippet_style)
        mark = self.get_component_rich_style("hit-list--mark", partial=True)
        for s, e in hit.marks:
            text.stylize(mark, s + 3, e + 3)
        text.truncate(width, overflow="ellipsis")
        return Strip(list(text.render(self.app.console)))


class SearchScreen(DialogScreen[SearchResult | None]):
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
        hits: list[SearchHit]
        error: str = ""

    def __init__(self, search: SearchFn, query: str = "") -> None:
        super().__init__()
        self._search = search
        self._initial = query
        self._latest = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Static("Search the library", classes="dialog-title", markup=False)
            yield Input(
                value=self._initial, placeholder='words, "a phrase", author…', id="search-input"
            )
            yield HitList(id="search-hits")
            yield Static("", id="search-info", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        self._set_info("Type to search titles, authors, tags and text.")
        if self._initial:
            self.run_search(self._initial)

    def _set_info(self, text: str) -> None:
        self.query_one("#search-info", Static).update(text)

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        self._latest = event.value
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        try:
            hits = self._search(query) if query.strip() else []
        except Exception as exc:  # a bad query must never take the screen down
            self.post_message(self.Results(query, [], f"search failed: {exc}"))
            return
        self.post_message(self.Results(query, hits))

    def on_search_screen_results(self, message: Results) -> None:
        if message.query != self._latest:
            return  # an older query finished late; the newer one is on its way
        hits = self.query_one(HitList)
        hits.set_hits(message.hits)
        if message.error:
            self._set_info(message.error)
        elif not message.query.strip():
            self._set_info("Type to search titles, authors, tags and text.")
        elif not message.hits:
            self._set_info("No matches.")
        else:
            n = len(message.hits)
            self._set_info(
                f"{n} result{'s' if n != 1 else ''} · ↑↓ choose · enter opens · escape closes"
            )

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
            self.dismiss(SearchResult(hit.article.id, list(hit.terms)))

    def action_close(self) -> None:
        self.dismiss(None)
