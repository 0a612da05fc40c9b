"""The reader's main screen: the four panes, and what happens between them.

It composes the library tree, the article list, the reading column and the quotes pane, and
handles their messages (a filter chosen, an article opened, a position to save, a highlight to
make) and the keys that act on what they show. Every change of state goes through the Session
at once; a failed write (`StoreError`) becomes one line in the status line, never a crash.
Posting's `MainScreen` and frogmouth's `screens/main.py` are the models.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from reader.api import Article, NotFound, Quote, ReaderError, Session, StoreError
from reader.tui.filters import FilterActions
from reader.tui.layout import PaneLayout
from reader.tui.list_actions import ListActions
from reader.tui.listing import SortOrders
from reader.tui.reading import ReadingActions
from reader.tui.widgets.article_list import ArticleHeader, ArticleList
from reader.tui.widgets.key_hints import KeyHints
from reader.tui.widgets.library_tree import LibraryTree
from reader.tui.widgets.quotes_pane import QuotesPane
from reader.tui.widgets.reading_column import ReadingColumn
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.rowlist import RowList
from reader.tui.widgets.status import StatusLine

if TYPE_CHECKING:
    from reader.api import FacetChoice, FacetCount, Facets
    from reader.tui.app import PolicyReaderApp
    from reader.tui.widgets.find_bar import FindBar

T = TypeVar("T")
W = TypeVar("W", bound=Widget)


def citation(quote: Quote, article: Article | None) -> str:
    """The quote with its citation, from reader.export (the same words the export writes)."""
    from reader.api import citation as export_citation

    return export_citation(quote, article, "" if article else quote.article_id)


class MainScreen(FilterActions, ListActions, ReadingActions, Screen[None]):
    """Library tree, article list, reading column and quotes pane; status line and key hints."""

    # The first focus goes straight to the list (Textual would focus the tree first, and the
    # reader would move it: the first frame is drawn with the focus where it stays).
    AUTO_FOCUS = "#articles"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.chosen: tuple[FacetChoice, ...] = ()  # the tree's entries the list shows
        self.sort = "date"  # one of listing.SORTS; the saved choice is read at start
        self.state_filter = ""  # one of listing.STATE_FILTERS; "" shows every read state
        self._added: dict[str, float] = {}  # the files' modification times, by path
        self._orders = SortOrders()  # the catalog's title, author and date-added orders
        self.panes = PaneLayout(self)

    def compose(self) -> ComposeResult:
        def pane(widget: W, name: str, title: str) -> W:
            # The title and the active pane's class, given before mounting, so that the first
            # styling of each pane is its last (a class added later restyles the whole pane).
            widget.border_title = title
            widget.set_class(name == self.panes.active, "-active", update=False)
            return widget

        with Horizontal(id="body"):
            yield pane(LibraryTree(id="tree"), "tree", "Library")
            with Vertical(id="main"):
                with pane(Vertical(id="list-pane"), "list", "Articles"):
                    yield ArticleHeader(id="list-header")
                    yield ArticleList(
                        lambda a: self.session.state(a.id), self.session.is_changed, id="articles"
                    )
                with Horizontal(id="read-area"):
                    yield pane(ReadingColumn(id="reader-col"), "reader", "Reading")
                    yield pane(QuotesPane(id="quotes"), "quotes", "Quotes")
        yield StatusLine(id="status")
        yield KeyHints()

    def on_mount(self) -> None:
        # The App starts once the panes exist (settings, keys, the first content).
        self.reader_app.main_screen_ready()

    # -- the panes ----------------------------------------------------------------------------

    @property
    def reader_app(self) -> PolicyReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def library_tree(self) -> LibraryTree:
        return self.query_one("#tree", LibraryTree)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reading_column(self) -> ReadingColumn:
        return self.query_one("#reader-col", ReadingColumn)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def find_bar(self) -> FindBar:
        return self.reading_column.find_bar

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.query_one("#quotes", QuotesPane)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def start(self, open_id: str | None) -> None:
        """The first frame's content: the list, the tree with every facet and its counts (a
        big library's from the counts its index keeps: no article is built for them), and the
        article asked for."""
        from reader.tui.listing import SORTS

        saved = self.reader_app.setting("tui.sort")
        if saved in SORTS:
            self.sort = saved
        self.show_articles()
        self.fill_tree(*self.session.facet_counts())
        if not self.session.catalog.articles:
            self.say("Reading the library…")
        if open_id:
            self.open_article(open_id)
        else:
            self.panes.activate("list")

    # -- status -------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """One line in the status line (text is data: never markup)."""
        with contextlib.suppress(Exception):
            self.status_line.say(text, error=error)

    def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a Session write; a StoreError or NotFound becomes a status message and None."""
        try:
            return fn(*args, **kwargs)
        except (StoreError, NotFound) as exc:
            self.say(str(exc), error=True)
        return None

    def update_summary(self, shown: int, total: int) -> None:
        text = f"{shown:,} of {total:,} articles" if shown != total else f"{total:,} articles"
        if self.session.store.readonly:
            text += " · read-only"
        self.status_line.summary(text)

    # -- the library --------------------------------------------------------------------------

    def show_articles(self, keep_id: str | None = None) -> None:
        articles = self._filtered()
        lst = self.article_list
        lst.date_of = self._added_date if self.sort == "added" else None
        lst.set_articles(articles, keep_id, self._orders.places(articles))
        total = self.session.catalog.total
        # A preview of a big library lists some of its articles; it has them all a moment later.
        everything = not self.chosen and not self.state_filter
        shown = total if everything else len(articles)
        self._update_header(shown)
        self.update_summary(shown, total)

    def _update_header(self, count: int) -> None:
        header = self.query_one("#list-header", ArticleHeader)
        header.set_scope(self.list_title(), count, self.sort)

    def fill_tree(self, facets: Facets, everything: FacetCount) -> None:
        self.library_tree.fill(facets, everything, self.chosen)

    def on_resize(self, event: events.Resize) -> None:
        # The event's size, not the App's: the App learns its new size after this runs.
        self.panes.resized(event.size)

    # -- opening and reading ------------------------------------------------------------------

    @on(RowList.Chosen, "#articles")
    def _article_chosen(self, message: RowList.Chosen) -> None:
        article = self.article_list.current
        if article is not None:
            self.open_article(article.id)

    def open_article(
        self,
        article_id: str,
        *,
        offset: int | None = None,
        terms: list[str] | None = None,
        quote_id: str | None = None,
    ) -> bool:
        """Show an article in the reading pane and give that pane the focus. What that
        changes, with the position in the article left, is saved in one write."""
        leaving = self.reader.take_position()
        was = self.session.state(article_id).read
        try:
            opened = self.session.open_for_reading(article_id, leaving=leaving)
        except NotFound as exc:
            if leaving is not None:
                self.write(self.session.save_position, *leaving)
            self.say(str(exc), error=True)
            return False
        article, doc, state, quotes = opened.article, opened.doc, opened.state, opened.quotes
        if state.read != was:  # first opened: one fewer unread, one more started
            self.reader_app.refresh_facets()
        self.reading_column.close_find()
        self.reader.show(
            article,
            doc,
            offset=state.position if offset is None else offset,
            quotes=quotes,
            terms=terms,
        )
        self.quotes_pane.set_quotes(quotes)
        self.quotes_pane.border_title = f"Quotes ({len(quotes)})"
        if quote_id is not None:
            self.quotes_pane.select_id(quote_id)
        if not self.article_list.select_id(article.id):
            if self.chosen or self.state_filter:
                # The list's filter hides the open article (a search hit): show them all.
                self.chosen = ()
                self.library_tree.mark(())
                self.state_filter = ""
                self.show_articles(keep_id=article.id)
            self.article_list.refresh_rows()
        self.article_list.refresh_rows()
        self.panes.activate("reader")
        message = f"Opened “{article.title}”"
        if self.session.store.readonly:
            message += " (read-only: nothing is saved)"
        self.say(
            f"{message}: {opened.error}" if opened.error else message, error=bool(opened.error)
        )
        return True

    def _quotes(self, article_id: str) -> list[Quote]:
        try:
            return self.session.quotes(article_id)
        except (StoreError, NotFound) as exc:
            self.say(str(exc), error=True)
            return []

    def _reload_quotes(self, select: str | None = None) -> None:
        article_id = self.reader.article_id
        if article_id is None:
            return
        quotes = self._quotes(article_id)
        self.reader.set_quotes(quotes)
        self.quotes_pane.set_quotes(quotes, keep_id=select)
        self.quotes_pane.border_title = f"Quotes ({len(quotes)})"

    def save_position(self) -> None:
        taken = self.reader.take_position()
        if taken is not None:
            article_id, offset, progress = taken
            self.write(self.session.save_position, article_id, offset, progress)

    @on(ReadingPane.PositionChanged)
    def _position_changed(self, message: ReadingPane.PositionChanged) -> None:
        saved = self.write(
            self.session.save_position, message.article_id, message.offset, message.progress
        )
        if saved is not None:
            self.article_list.refresh_rows()

    @on(ReadingPane.ReachedEnd)
    def _reached_end(self, message: ReadingPane.ReachedEnd) -> None:
        if self.session.state(message.article_id).read == "read":
            return
        if self.write(self.session.mark, message.article_id, "read") is not None:
            self.article_list.refresh_rows()
            self.reader_app.refresh_facets()
            self.say("Read to the end: marked as read")

    @on(ReadingPane.Notice)
    def _reader_notice(self, message: ReadingPane.Notice) -> None:
        self.say(message.text)

    @on(ReadingPane.Left)
    def _reader_left(self) -> None:
        self.save_position()
        self.focus_pane("list")

    @on(ReadingPane.HighlightRequested)
    def _highlight(self, message: ReadingPane.HighlightRequested) -> None:
        try:
            quote = self.session.add_highlight(message.article_id, message.start, message.end)
        except (StoreError, NotFound, ValueError) as exc:
            self.say(str(exc), error=True)
            return
        self._reload_quotes(select=quote.id)
        words = len(quote.text.split())
        self.say(f"Highlight saved and bookmarked ({words} word{'s' if words != 1 else ''})")

    @on(RowList.Chosen, "#quotes")
    def _quote_chosen(self, message: RowList.Chosen) -> None:
        quote = self.quotes_pane.current
        if quote is None:
            return
        if quote.orphaned or quote.start is None:
            self.say("This quote's words are no longer in the article (kept, orphaned)")
            return
        self.reader.scroll_to_offset(quote.start)
        if self.panes.narrow:
            self.panes.activate("reader")
        if quote.changed:
            self._show_quote_change(quote)

    # -- changed quotes and articles ----------------------------------------------------------

    def _show_quote_change(self, quote: Quote) -> None:
        """The words quoted against the article's words there now, with `a` to accept."""
        from reader.api import word_diff
        from reader.tui.screens.changes import ChangesScreen

        def answered(accept: bool | None) -> None:
            if accept:
                self._accept(quote)

        runs = word_diff(quote.text, quote.current_text or "")
        screen = ChangesScreen(
            "The article's words changed since you quoted them",
            [[r for r in runs if r.op != "added"], [r for r in runs if r.op != "removed"]],
            labels=["You quoted", "The article now reads"],
            hint="Struck out: words that are gone; underlined: the new words. The quote keeps "
            "the words you quoted until you accept the new ones.",
            accept=True,
        )
        self.app.push_screen(screen, answered)

    def action_accept_quote(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        if not quote.changed:
            self.say(
                "This quote's words are no longer in the article: nothing to accept"
                if quote.orphaned
                else "This quote's words are unchanged: nothing to accept"
            )
            return
        self._accept(quote)

    def _accept(self, quote: Quote) -> None:
        if self.write(self.session.accept_quote, quote.id) is not None:
            self._reload_quotes(select=quote.id)
            self.say("The quote now has the article's new words")

    def action_article_changes(self) -> None:
        """What changed in the open article since it was last read, as a word diff."""
        article = self.reader.article or self.article_list.current
        if article is None:
            self.say("Open an article first")
            return
        try:
            versions = self.session.changes_since_read(article.id)
        except (NotFound, StoreError) as exc:
            self.say(str(exc), error=True)
            return
        from reader.api import text_changes

        parts = text_changes(*versions) if versions else []
        if not parts:
            self.say(
                "No earlier version of this article is kept"
                if versions is None
                else "No change in the words since you last read it"
            )
            return
        from reader.tui.screens.changes import ChangesScreen

        self.app.push_screen(
            ChangesScreen(
                f"What changed in “{article.title}” since you last read it",
                parts,
                hint="Struck out: removed; underlined: added.",
            )
        )

    # -- panes --------------------------------------------------------------------------------

    def focus_pane(self, pane: str) -> None:
        self.panes.focus_pane(pane)

    def action_focus_pane(self, pane: str) -> None:
        self.focus_pane(pane)

    def on_descendant_focus(self, event: Any) -> None:
        self.panes.focus_changed()

    # -- actions on articles and quotes -------------------------------------------------------

    def _target_article(self) -> Article | None:
        """The article a key acts on: the list's cursor in the list, else the open one."""
        if self.focused is self.article_list:
            return self.article_list.current
        if self.reader.article is not None:
            return self.reader.article
        return self.article_list.current

    def action_bookmark(self) -> None:
        if self.focused is self.quotes_pane:
            quote = self.quotes_pane.current
            if quote is None:
                self.say("No quote selected")
                return
            saved = self.write(self.session.bookmark_quote, quote.id, not quote.bookmarked)
            if saved is not None:
                self._reload_quotes(select=quote.id)
                self.say("Quote bookmarked" if saved.bookmarked else "Quote bookmark removed")
            return
        article = self._target_article()
        if article is None:
            self.say("No article selected")
            return
        flag = not self.session.state(article.id).bookmarked
        if self.write(self.session.bookmark_article, article.id, flag) is not None:
            self.article_list.refresh_rows()
            self.say("Article bookmarked" if flag else "Article bookmark removed")

    def action_toggle_read(self) -> None:
        article = self._target_article()
        if article is None:
            self.say("No article selected")
            return
        new = "unread" if self.session.state(article.id).read == "read" else "read"
        if self.write(self.session.mark, article.id, new) is not None:
            self.article_list.refresh_rows()
            self.reader_app.refresh_facets()
            self.say(f"Marked as {new}")

    def action_open_link(self) -> None:
        article = self._target_article()
        url = article.source_url if article else ""
        if not url:
            self.say("This article has no source link")
            return
        from reader.api import browser_available, is_safe_url

        if not is_safe_url(url):
            self.say("Only http and https links are opened", error=True)
            return
        if not self.app.is_web and not browser_available():
            self._offer_to_copy(url)
            return
        self.app.open_url(url)
        self.say(f"Opening {url}")

    def _offer_to_copy(self, url: str) -> None:
        """No browser to open the link in: offer to copy it instead."""
        from rich.text import Text

        from reader.tui.screens.dialogs import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.copy_to_clipboard(url)
                self.say("Link copied")

        self.say("No web browser was found to open the link", error=True)
        self.app.push_screen(
            ConfirmScreen(
                "No web browser found. Copy the link?",
                Text(url),
                yes="Copy",
                no="Cancel",
                danger=False,
            ),
            answered,
        )

    def _current_quote(self) -> Quote | None:
        quote = self.quotes_pane.current
        if quote is None:
            self.say("No quote selected: choose one in the quotes pane")
        return quote

    def action_note(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return

        def saved(note: str | None) -> None:  # the editor wrote it (or None: nothing to do)
            if note is not None:
                self._reload_quotes(select=quote.id)
                self.say("Note saved" if note else "Note removed")

        from reader.tui.screens.note import NoteScreen

        save = functools.partial(self.session.set_note, quote.id)
        self.app.push_screen(NoteScreen(quote.text, quote.note, save), saved)

    def action_copy_quote(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        article = self.session.catalog.find(quote.article_id)
        try:
            text = citation(quote, article)
        except ReaderError as exc:  # the chosen citation style cannot be used (a missing file)
            self.say(str(exc), error=True)
            return
        self.app.copy_to_clipboard(text)
        self.say("Quote copied with its citation")

    def action_delete_highlight(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        if quote.kind != "highlight":
            self.say("Only your own highlights can be deleted (this is a quotation)")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say("Kept")
                return
            try:
                self.session.delete_highlight(quote.id)
            except (StoreError, NotFound) as exc:
                self.say(str(exc), error=True)
                return
            self._reload_quotes()
            self.say("Highlight deleted")

        from reader.tui.screens.dialogs import ConfirmScreen, excerpt

        self.app.push_screen(ConfirmScreen("Delete this highlight?", excerpt(quote.text)), answered)

    # -- find, selections ---------------------------------------------------------------------

    async def action_find(self) -> None:
        if self.reader.article is None:
            self.say("Open an article first")
            return
        self.panes.activate("reader", focus=False)
        await self.reading_column.open_find()

    def action_find_next(self) -> None:
        self.reader.action_find_next()

    def action_find_previous(self) -> None:
        self.reader.action_find_previous()

    def action_select_sentences(self) -> None:
        self.focus_pane("reader")
        self.reader.action_select_sentences()

    def action_highlight_selection(self) -> None:
        self.reader.action_highlight_selection()
