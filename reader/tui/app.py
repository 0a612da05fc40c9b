"""policyreader's terminal interface: library tree, article list, reading pane, quotes pane.

The app talks to the core through one `Session` only. Every change of state (read, position,
bookmark, highlight, note) is written through it at once, so quitting any way loses nothing;
a failed write (`StoreError`) becomes one line in the status line, never a crash.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from reader.api import Article, NotFound, Quote, Session, StoreError, clean_line
from reader.tui.actions import bindings
from reader.tui.commands import ReaderCommands
from reader.tui.widgets.article_list import ArticleHeader, ArticleList
from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.key_hints import KeyHints
from reader.tui.widgets.library_tree import Facet, LibraryTree
from reader.tui.widgets.quotes_pane import QuotesPane
from reader.tui.widgets.reading_pane import ReadingPane
from reader.tui.widgets.rowlist import RowList
from reader.tui.widgets.status import StatusLine

if TYPE_CHECKING:  # the screens are imported when first opened: not needed for the first frame
    from reader.api import Facets
    from reader.tui.screens.export import ExportRequest
    from reader.tui.screens.search import SearchResult

T = TypeVar("T")
W = TypeVar("W", bound=Widget)

PANES = ("tree", "list", "reader", "quotes")
NARROW_WIDTH = 100  # below this, one pane at a time (80x24 terminals)
NARROW_HEIGHT = 26
COLLECTOR_DELAY = 0.25  # seconds after the first frame before the garbage collector resumes

# Pane sizes: (setting key, default, smallest, largest)
SIZES = {
    "tree": ("tui.tree_width", 34, 16, 70),
    "list": ("tui.list_height", 11, 4, 40),
    "quotes": ("tui.quotes_width", 34, 24, 90),
}
FACET_TITLES = {"category": "Category", "tag": "Tag", "author": "Author", "year": "Year"}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class PolicyReaderApp(App[int]):
    """The reader. Construct it with an open Session (tests do this directly)."""

    CSS_PATH = "app.tcss"
    TITLE = "policyreader"
    COMMANDS: ClassVar = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = bindings("global")

    # -- messages posted by workers -----------------------------------------------------------
    # Plain classes: a dataclass takes half a millisecond to build at import, every start.

    class IndexProgress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PolicyReaderApp.IndexProgress)

    class CatalogRefreshed(Message):
        def __init__(
            self,
            facets: Facets,
            unread: int,
            problems: int,
            rebuilt: list[str],
        ) -> None:
            super().__init__()
            self.facets = facets
            self.unread = unread
            self.problems = problems
            self.rebuilt = rebuilt

    class FacetsReady(Message):
        def __init__(self, facets: Facets, unread: int) -> None:
            super().__init__()
            self.facets = facets
            self.unread = unread

    # -- set-up -------------------------------------------------------------------------------

    def __init__(
        self,
        session: Session,
        open_id: str | None = None,
        *,
        refresh_catalog: bool = True,
        after_first_frame: Callable[[], None] | None = None,
    ) -> None:
        """`after_first_frame` runs once the first frame is on screen, before the library scan
        starts (`run` uses it for what the start-up puts off)."""
        super().__init__()
        self.session = session
        self.open_id = open_id
        self._refresh_on_start = refresh_catalog
        self._after_first_frame = after_first_frame
        self.facet: Facet = None
        self.active_pane = "list"
        self.show_tree = True
        self.show_quotes = True
        self.sizes = {name: spec[1] for name, spec in SIZES.items()}
        self._progress_shown = False
        self._find_bar: FindBar | None = None
        self.keymap_overrides: dict[str, str] = {}
        self._keymap_warning: str | None = None

    def get_default_screen(self) -> Screen:
        screen = super().get_default_screen()
        if self.open_id is None:
            # Textual focuses the first focusable widget (the library tree) once the screen is
            # composed, and the reader then moves the focus to the list: start on the list, so
            # the first frame is drawn with the focus where it stays. on_mount restores the
            # default for the rest of the run.
            screen.AUTO_FOCUS = "#articles"  # type: ignore[misc]
        return screen

    def compose(self) -> ComposeResult:
        def pane(widget: W, name: str, title: str) -> W:
            # The title and the active pane's class, given before mounting, so that the first
            # styling of each pane is its last (a class added later restyles the whole pane).
            widget.border_title = title
            widget.set_class(name == self.active_pane, "-active", update=False)
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
                    with pane(Vertical(id="reader-col"), "reader", "Reading"):
                        yield ReadingPane(id="reader")  # and the find bar, once used
                    yield pane(QuotesPane(id="quotes"), "quotes", "Quotes")
        yield StatusLine(id="status")
        yield KeyHints()

    @property
    def library_tree(self) -> LibraryTree:
        return self.query_one("#tree", LibraryTree)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.query_one("#quotes", QuotesPane)

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the reading pane; it exists once `ctrl+f` has been used."""
        assert self._find_bar is not None, "the find bar is made when ctrl+f is first used"
        return self._find_bar

    @property
    def status_line(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def on_mount(self) -> None:
        self.screen.AUTO_FOCUS = None  # type: ignore[misc]  # Textual's default from now on (see get_default_screen)
        self._load_settings()
        self._load_keymap()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._show_articles()
        if not self.session.catalog.articles:
            self.say("Reading the library…")
        if self.open_id:
            self.open_article(self.open_id)
        else:
            self._activate("list")
        if self._keymap_warning:
            self.say(self._keymap_warning, error=True)
        if self.session.store.notice:
            # Last, so that nothing said on the way (such as "Opened ...") hides it.
            self.say(self.session.store.notice, error=True)
            self.notify(
                self.session.store.notice,
                title="State",
                severity="warning",
                timeout=10,
                markup=False,
            )
        # The list shows from the index at once; the scan for changed files (a cold build of
        # a big library) and the tree's counts come from a worker, after the first frame, and
        # one refresh later still: what else waits for that frame goes first, not behind a
        # process being started and a worker thread taking turns with the UI.
        self.call_after_refresh(self.call_after_refresh, self._start_background)

    def _start_background(self) -> None:
        if self._after_first_frame is not None:
            self._after_first_frame()
        if self._refresh_on_start:
            self.refresh_catalog()
        else:
            self.refresh_facets()

    # -- settings (theme, pane sizes) ---------------------------------------------------------

    def _setting(self, key: str) -> str | None:
        try:
            return self.session.store.setting(key)
        except StoreError:
            return None
        except Exception:  # a damaged settings table must not stop the reader starting
            return None

    def _set_setting(self, key: str, value: str) -> None:
        try:
            self.session.store.set_setting(key, value)
        except StoreError as exc:
            self.say(str(exc), error=True)

    def _load_settings(self) -> None:
        theme = self._setting("tui.theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        for name, (key, default, low, high) in SIZES.items():
            self.sizes[name] = max(low, min(high, _int(self._setting(key), default)))
        self.show_tree = self._setting("tui.show_tree") != "0"
        self.show_quotes = self._setting("tui.show_quotes") != "0"

    def _load_keymap(self) -> None:
        """The user's key overrides (config.yaml's `keymap`), or the defaults and one line why."""
        from reader.tui.keymap import load_keymap

        self.keymap_overrides, self._keymap_warning = load_keymap()
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)

    def _theme_changed(self, theme: Any) -> None:
        if self._setting("tui.theme") != self.theme:
            self._set_setting("tui.theme", self.theme)

    # -- status -------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """One line in the status line (text is data: never markup)."""
        with contextlib.suppress(Exception):
            self.status_line.say(text, error=error)

    def _write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a Session write; a StoreError becomes a status message and None."""
        try:
            return fn(*args, **kwargs)
        except StoreError as exc:
            self.say(str(exc), error=True)
        except NotFound as exc:
            self.say(str(exc), error=True)
        return None

    def _update_summary(self, shown: int, total: int) -> None:
        text = f"{shown:,} of {total:,} articles" if shown != total else f"{total:,} articles"
        if self.session.store.readonly:
            text += " · read-only"
        self.status_line.summary(text)

    # -- the library --------------------------------------------------------------------------

    def _filtered(self) -> list[Article]:
        if self.facet is None:
            return self.session.catalog.articles
        kind, value = self.facet
        return self.session.catalog.filter(**{kind: value})

    def _show_articles(self, keep_id: str | None = None) -> None:
        articles = self._filtered()
        self.article_list.set_articles(articles, keep_id)
        total = self.session.catalog.total
        # A preview of a big library lists some of its articles; it has them all a moment later.
        shown = total if self.facet is None else len(articles)
        self._update_header(shown)
        self._update_summary(shown, total)

    def _update_header(self, count: int) -> None:
        if self.facet is None:
            scope = "All articles"
        else:
            scope = f"{FACET_TITLES[self.facet[0]]}: {self.facet[1]}"
        self.query_one("#list-header", ArticleHeader).set_scope(scope, count)

    def on_resize(self) -> None:
        self._apply_layout()

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False, name="library scan")
    def refresh_catalog(self) -> None:
        """Scan the library folders (reading only changed files), off the UI thread."""
        step = [0]

        def progress(done: int, total: int) -> None:
            # At most ~100 updates per build: the UI thread has better things to do.
            if total and (done >= total or done - step[0] >= max(1, total // 100)):
                step[0] = done
                self.post_message(self.IndexProgress(done, total))

        catalog = self.session.catalog
        catalog.refresh(progress)
        self.session.forget_states()
        facets = catalog.facets(unread=self.session.is_unread)
        unread = sum(1 for a in catalog.articles if self.session.is_unread(a))
        problems = sum(1 for p in catalog.problems if p.fatal)
        self.post_message(self.CatalogRefreshed(facets, unread, problems, catalog.rebuilt))

    def on_policy_reader_app_index_progress(self, message: IndexProgress) -> None:
        if message.total >= 50 and message.done < message.total:
            self._progress_shown = True
            self.status_line.progress(message.done, message.total)
            self.say(f"Indexing the library: {message.done:,} of {message.total:,} files")

    def on_policy_reader_app_catalog_refreshed(self, message: CatalogRefreshed) -> None:
        self.status_line.progress_done()
        self._show_articles()
        self.library_tree.fill(
            message.facets, len(self.session.catalog.articles), message.unread, self.facet
        )
        self.article_list.refresh_rows()
        if self.session.store.notice:
            return  # the store's notice (damaged or read-only state) matters more
        if message.problems:
            self.say(
                f"{message.problems} file(s) could not be read; `policyreader check` lists them"
            )
        elif message.rebuilt:
            self.say("Search index rebuilt: " + "; ".join(message.rebuilt))
        elif (
            self._progress_shown
            or not self.status_line.message
            or self.status_line.message.startswith(("Reading the library", "Indexing"))
        ):
            self.say(f"Library ready: {len(self.session.catalog.articles):,} articles")
        self._progress_shown = False

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False, name="counts")
    def refresh_facets(self) -> None:
        """Unread counts changed: recount off the UI thread (100,000 articles take a while)."""
        catalog = self.session.catalog
        facets = catalog.facets(unread=self.session.is_unread)
        unread = sum(1 for a in catalog.articles if self.session.is_unread(a))
        self.post_message(self.FacetsReady(facets, unread))

    def on_policy_reader_app_facets_ready(self, message: FacetsReady) -> None:
        self.library_tree.fill(
            message.facets, len(self.session.catalog.articles), message.unread, self.facet
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures surface: a status line, the app carries on."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.status_line.progress_done()
            self.say(f"{event.worker.name or 'background task'} failed: {error}", error=True)

    @on(LibraryTree.FilterChosen)
    def _filter_chosen(self, message: LibraryTree.FilterChosen) -> None:
        self.facet = message.facet
        self._show_articles()
        label = "all articles" if message.facet is None else clean_line(message.facet[1])
        self.say(f"Showing {label}: {len(self.article_list.articles):,}")

    def action_show_all(self) -> None:
        self.facet = None
        self._show_articles()

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
        """Show an article in the reading pane and give that pane the focus."""
        self._save_position()
        try:
            article, doc, state = self.session.open_article(article_id)
        except NotFound as exc:
            self.say(str(exc), error=True)
            return False
        quotes = self._quotes(article.id)
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
        self.close_find()
        if not self.article_list.select_id(article.id):
            self.article_list.refresh_rows()
        self.article_list.refresh_rows()
        self._activate("reader")
        message = f"Opened “{article.title}”"
        if self.session.store.readonly:
            message += " (read-only: nothing is saved)"
        self.say(message)
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

    def _save_position(self) -> None:
        taken = self.reader.take_position()
        if taken is not None:
            article_id, offset, progress = taken
            self._write(self.session.save_position, article_id, offset, progress)

    @on(ReadingPane.PositionChanged)
    def _position_changed(self, message: ReadingPane.PositionChanged) -> None:
        if (
            self._write(
                self.session.save_position, message.article_id, message.offset, message.progress
            )
            is not None
        ):
            self.article_list.refresh_rows()

    @on(ReadingPane.ReachedEnd)
    def _reached_end(self, message: ReadingPane.ReachedEnd) -> None:
        if self.session.state(message.article_id).read == "read":
            return
        if self._write(self.session.mark, message.article_id, "read") is not None:
            self.article_list.refresh_rows()
            self.refresh_facets()
            self.say("Read to the end: marked as read")

    @on(ReadingPane.Notice)
    def _reader_notice(self, message: ReadingPane.Notice) -> None:
        self.say(message.text)

    @on(ReadingPane.Left)
    def _reader_left(self) -> None:
        self._save_position()
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
            self.say("This highlight's words are no longer in the article (kept, orphaned)")
            return
        self.reader.scroll_to_offset(quote.start)
        if self._narrow:
            self._activate("reader")

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
            saved = self._write(self.session.bookmark_quote, quote.id, not quote.bookmarked)
            if saved is not None:
                self._reload_quotes(select=quote.id)
                self.say("Quote bookmarked" if saved.bookmarked else "Quote bookmark removed")
            return
        article = self._target_article()
        if article is None:
            self.say("No article selected")
            return
        flag = not self.session.state(article.id).bookmarked
        if self._write(self.session.bookmark_article, article.id, flag) is not None:
            self.article_list.refresh_rows()
            self.say("Article bookmarked" if flag else "Article bookmark removed")

    def action_toggle_read(self) -> None:
        article = self._target_article()
        if article is None:
            self.say("No article selected")
            return
        new = "unread" if self.session.state(article.id).read == "read" else "read"
        if self._write(self.session.mark, article.id, new) is not None:
            self.article_list.refresh_rows()
            self.refresh_facets()
            self.say(f"Marked as {new}")

    def action_open_link(self) -> None:
        article = self._target_article()
        url = article.source_url if article else ""
        if not url:
            self.say("This article has no source link")
            return
        from reader.api import is_safe_url

        if not is_safe_url(url):
            self.say("Only http and https links are opened", error=True)
            return
        self.open_url(url)
        self.say(f"Opening {url}")

    def _current_quote(self) -> Quote | None:
        quote = self.quotes_pane.current
        if quote is None:
            self.say("No quote selected: choose one in the quotes pane")
        return quote

    def action_note(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return

        def saved(note: str | None) -> None:
            if note is None:
                return
            if self._write(self.session.set_note, quote.id, note) is not None:
                self._reload_quotes(select=quote.id)
                self.say("Note saved" if note.strip() else "Note removed")

        from reader.tui.screens.dialogs import NoteScreen

        self.push_screen(NoteScreen(quote.text, quote.note), saved)

    def action_copy_quote(self) -> None:
        quote = self._current_quote()
        if quote is None:
            return
        article = self.session.catalog.find(quote.article_id)
        self.copy_to_clipboard(citation(quote, article))
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

        self.push_screen(ConfirmScreen("Delete this highlight?", excerpt(quote.text)), answered)

    # -- find in the article ------------------------------------------------------------------

    async def action_find(self) -> None:
        if self.reader.article is None:
            self.say("Open an article first")
            return
        self._activate("reader", focus=False)
        bar = self._find_bar
        if bar is None:
            # Made the first time it is needed: many sessions never search inside an article,
            # and an Input is among the costlier widgets to start.
            bar = self._find_bar = FindBar(id="find")
            await self.query_one("#reader-col").mount(bar)
        bar.display = True
        bar.value = self.reader.find_query
        bar.focus()

    @on(FindBar.Changed, "#find")
    def _find_changed(self, event: FindBar.Changed) -> None:
        if not self.find_bar.display:
            return
        count = self.reader.find(event.value)
        if event.value and not count:
            self.say(f"“{event.value}” is not in this article")

    @on(FindBar.Submitted, "#find")
    def _find_submitted(self, event: FindBar.Submitted) -> None:
        self.find_bar.display = False
        self.reader.focus()
        if event.value:
            count = self.reader.find_count
            self.say(
                f"{count} match{'es' if count != 1 else ''} · n next · N previous"
                if count
                else f"“{event.value}” is not in this article"
            )

    def action_close_find(self) -> None:
        self.close_find()
        self.reader.focus()

    def close_find(self) -> None:
        if self._find_bar is not None and self._find_bar.display:
            self._find_bar.display = False
        self.reader.clear_find()

    def action_find_next(self) -> None:
        self.reader.action_find_next()

    def action_find_previous(self) -> None:
        self.reader.action_find_previous()

    def action_select_sentences(self) -> None:
        self.focus_pane("reader")
        self.reader.action_select_sentences()

    def action_highlight_selection(self) -> None:
        self.reader.action_highlight_selection()

    # -- search -------------------------------------------------------------------------------

    def action_search(self) -> None:
        def chosen(result: SearchResult | None) -> None:
            if result is not None:
                self.open_article(
                    result.article_id,
                    terms=result.terms or None,
                    offset=0 if result.terms else None,
                )

        from reader.tui.screens.search import SearchScreen

        self.push_screen(SearchScreen(self.session.catalog.search), chosen)

    # -- export -------------------------------------------------------------------------------

    def action_export(self) -> None:
        facets = self.session.catalog.facets()
        categories = [v for v, _, _ in facets.get("category", [])]
        tags = [v for v, _, _ in facets.get("tag", [])]
        article = self.reader.article
        current = self.facet or (None, None)
        from reader.api import default_export_dir
        from reader.tui.screens.export import ExportScreen

        screen = ExportScreen(
            self._export,
            folder=default_export_dir(),
            article=(article.id, article.title) if article else None,
            categories=categories,
            tags=tags,
            category=current[1]
            if current[0] == "category"
            else (article.categories[0] if article and article.categories else None),
            tag=current[1]
            if current[0] == "tag"
            else (article.tags[0] if article and article.tags else None),
        )

        def done(report: str | None) -> None:
            if report:
                self.say(report)

        self.push_screen(screen, done)

    def _export(self, request: ExportRequest) -> str:
        from reader.api import export_quotes

        scope = {request.scope: request.value} if request.scope != "all" else {}
        _, count = export_quotes(self.session, request.fmt, request.path, **scope)
        return f"Exported {count} quote{'s' if count != 1 else ''} to {request.path}"

    # -- help ---------------------------------------------------------------------------------

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap_overrides))

    # -- panes --------------------------------------------------------------------------------

    @property
    def _narrow(self) -> bool:
        return self.size.width < NARROW_WIDTH or self.size.height < NARROW_HEIGHT

    def _pane_widget(self, name: str) -> Widget:
        return {
            "tree": self.library_tree,
            "list": self.article_list,
            "reader": self.reader,
            "quotes": self.quotes_pane,
        }[name]

    def _pane_of(self, widget: Widget | None) -> str | None:
        while widget is not None:
            if widget.id in ("tree",):
                return "tree"
            if widget.id in ("articles", "list-pane"):
                return "list"
            if widget.id in ("reader", "find", "reader-col"):
                return "reader"
            if widget.id == "quotes":
                return "quotes"
            widget = widget.parent  # type: ignore[assignment]
        return None

    def _visible_panes(self) -> list[str]:
        if self._narrow:
            return list(PANES)
        return [
            p
            for p in PANES
            if (p != "tree" or self.show_tree) and (p != "quotes" or self.show_quotes)
        ]

    def _activate(self, pane: str, *, focus: bool = True) -> None:
        self.active_pane = pane
        self._apply_layout()
        if focus:
            widget = self._pane_widget(pane)
            widget.focus()
            # A pane that was hidden until this layout can take the focus only once shown;
            # by then another key may have moved on, so check that it is still wanted.
            self.call_after_refresh(self._focus_if_active, pane)

    def _focus_if_active(self, pane: str) -> None:
        widget = self._pane_widget(pane)
        if (
            self.active_pane == pane
            and self.focused is not widget
            and self._pane_of(self.focused) != pane
            and self.screen is self.screen_stack[0]
        ):
            widget.focus()

    def focus_pane(self, pane: str) -> None:
        if pane == "tree" and not self._narrow:
            self.show_tree = True
        if pane == "quotes" and not self._narrow:
            self.show_quotes = True
        self._activate(pane)

    def action_focus_pane(self, pane: str) -> None:
        self.focus_pane(pane)

    def _cycle(self, step: int) -> None:
        panes = self._visible_panes()
        current = self.active_pane  # set at once; focus() itself lands a moment later
        index = panes.index(current) if current in panes else 0
        self._activate(panes[(index + step) % len(panes)])

    def action_focus_next(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle(+1)
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.screen is self.screen_stack[0]:
            self._cycle(-1)
        else:
            super().action_focus_previous()

    def on_descendant_focus(self, event: Any) -> None:
        pane = self._pane_of(self.focused)
        if pane is not None and pane != self.active_pane:
            self.active_pane = pane
            if self._narrow:
                self._apply_layout()
        for name in PANES:
            container = self._container(name)
            container.set_class(name == self.active_pane, "-active")

    def _container(self, pane: str) -> Widget:
        return {
            "tree": self.library_tree,
            "list": self.query_one("#list-pane"),
            "reader": self.query_one("#reader-col"),
            "quotes": self.quotes_pane,
        }[pane]

    def _apply_layout(self) -> None:
        """Wide: every shown pane at its saved size. Narrow (80x24): one pane at a time."""
        try:
            tree, main = self.library_tree, self.query_one("#main")
        except Exception:
            return
        list_pane, read_area = self.query_one("#list-pane"), self.query_one("#read-area")
        reader_col, quotes = self.query_one("#reader-col"), self.quotes_pane
        active = self.active_pane
        narrow = self._narrow
        self.screen.set_class(narrow, "-narrow")
        if narrow:
            shown = {
                tree: active == "tree",
                main: active != "tree",
                list_pane: active == "list",
                read_area: active in ("reader", "quotes"),
                reader_col: active == "reader",
                quotes: active == "quotes",
            }
            sizes: dict[tuple[Widget, str], int | str] = {
                (tree, "width"): "1fr",
                (list_pane, "height"): "1fr",
                (quotes, "width"): "1fr",
            }
        else:
            shown = {
                tree: self.show_tree,
                main: True,
                list_pane: True,
                read_area: True,
                reader_col: True,
                quotes: self.show_quotes,
            }
            sizes = {
                (tree, "width"): self.sizes["tree"],
                (list_pane, "height"): self.sizes["list"],
                (quotes, "width"): self.sizes["quotes"],
            }
        # Assign only what changed: each assignment costs a style update and a layout.
        for widget, display in shown.items():
            if widget.display != display:
                widget.display = display
        for (widget, rule), value in sizes.items():
            if str(getattr(widget.styles, rule)) != str(
                value if isinstance(value, str) else f"{value}"
            ):
                setattr(widget.styles, rule, value)
        for name in PANES:
            self._container(name).set_class(name == active, "-active")

    def _toggle(self, pane: str) -> None:
        if self._narrow:
            self._activate(pane if self.active_pane != pane else "list")
            return
        attr = "show_tree" if pane == "tree" else "show_quotes"
        shown = not getattr(self, attr)
        setattr(self, attr, shown)
        self._set_setting(f"tui.{attr}", "1" if shown else "0")
        if not shown and self._pane_of(self.focused) == pane:
            self._activate("reader" if self.reader.article else "list")
        else:
            self._apply_layout()

    def action_toggle_tree(self) -> None:
        self._toggle("tree")

    def action_toggle_quotes(self) -> None:
        self._toggle("quotes")

    def _resize_pane(self, step: int) -> None:
        pane = self._pane_of(self.focused) or self.active_pane
        if self._narrow:
            self.say("Panes take the whole screen at this size")
            return
        if pane == "reader":  # the reading pane grows by taking rows from the list
            pane, step = "list", -step
        key, _, low, high = SIZES[pane]
        size = max(low, min(high, self.sizes[pane] + step * (2 if pane != "list" else 1)))
        if size == self.sizes[pane]:
            return
        self.sizes[pane] = size
        self._apply_layout()
        self._set_setting(key, str(size))

    def action_grow_pane(self) -> None:
        self._resize_pane(+1)

    def action_shrink_pane(self) -> None:
        self._resize_pane(-1)

    # -- leaving ------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self._save_position()
        self.exit(0)

    def on_unmount(self) -> None:
        # Closing the terminal (SIGHUP) ends the app without `q`: keep the position anyway.
        with contextlib.suppress(Exception):
            self._save_position()


def citation(quote: Quote, article: Article | None) -> str:
    """The quote with its citation, from reader.export (the same words the export writes)."""
    from reader.api import citation as export_citation

    return export_citation(quote, article, "" if article else quote.article_id)


def run(
    *,
    articles: list[str] | None,
    no_bundled: bool,
    data_dir: str | None,
    open_id: str | None = None,
) -> int:
    """Open the library (index only: fast), run the reader, return the exit code."""
    # Starting up allocates tens of thousands of objects that live as long as the app (the
    # library's articles, widgets, styles, drawn lines) and frees few of them in cycles: the
    # garbage collector's passes over them (a full one takes tens of milliseconds) find next
    # to nothing. It is paused until the first frame is on screen.
    paused = gc.isenabled()
    gc.disable()

    def after_first_frame() -> None:
        # A big first index build (the scan that starts next) parses in worker processes,
        # and multiprocessing starts its resource tracker with sys.stderr's file descriptor,
        # which Textual replaces while it runs ("bad value(s) in fds_to_keep"): start it here,
        # with the real stderr for that moment. (Not before the app: starting a second Python
        # process competes with drawing the first frame on a small machine.)
        with contextlib.suppress(Exception), contextlib.redirect_stderr(sys.__stderr__):
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
        if paused:
            app.set_timer(COLLECTOR_DELAY, gc.enable)  # a moment later: not mid-frame

    try:
        session = Session.open(
            articles=articles, no_bundled=no_bundled, data_dir=data_dir, refresh=False
        )
        try:
            app = PolicyReaderApp(session, open_id=open_id, after_first_frame=after_first_frame)
            result = app.run()
            return result if isinstance(result, int) else (app.return_code or 0)
        finally:
            session.close()
    finally:
        if paused:
            gc.enable()
