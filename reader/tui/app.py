"""policyreader's terminal interface: the App.

The App owns the Session, the settings (theme, pane sizes, the user's keymap), the background
work (the library scan, the unread counts) and the keys that work everywhere. The panes live on
the main screen (`reader.tui.screens.main`), their layout in `reader.tui.layout`, and what the
start-up does to draw the first frame sooner in `reader.tui.launch`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader.api import Session, StoreError
from reader.tui.actions import bindings
from reader.tui.commands import ReaderCommands
from reader.tui.keys import AFTER_ESCAPE, split_escape
from reader.tui.screens.main import MainScreen
from reader.tui.web_actions import WebActions

if TYPE_CHECKING:  # the screens are imported when first opened: not needed for the first frame
    from reader.api import FacetCount, Facets
    from reader.tui.widgets.article_list import ArticleList
    from reader.tui.widgets.library_tree import Facet, LibraryTree
    from reader.tui.widgets.quotes_pane import QuotesPane
    from reader.tui.widgets.reading_pane import ReadingPane
    from reader.tui.widgets.status import StatusLine


class PolicyReaderApp(WebActions, App[int]):
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
            everything: FacetCount,
            problems: int,
            rebuilt: list[str],
        ) -> None:
            super().__init__()
            self.facets = facets
            self.everything = everything
            self.problems = problems
            self.rebuilt = rebuilt

    class FacetsReady(Message):
        def __init__(self, facets: Facets, everything: FacetCount) -> None:
            super().__init__()
            self.facets = facets
            self.everything = everything

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
        starts (`launch.run` uses it for what the start-up puts off)."""
        super().__init__()
        self.session = session
        self.open_id = open_id
        self._refresh_on_start = refresh_catalog
        self._after_first_frame = after_first_frame
        self._progress_shown = False
        self.keymap_overrides: dict[str, str] = {}
        self._keymap_warning: str | None = None
        self.main = MainScreen(session)

    def get_default_screen(self) -> Screen:
        return self.main

    def main_screen_ready(self) -> None:
        """The main screen is composed: settings, keys, its first content, then the rest."""
        self._load_settings()
        self._load_keymap()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.main.start(self.open_id)
        if self._keymap_warning:
            self.say(self._keymap_warning, error=True)
        notice = self.session.store.notice
        if notice:
            # Last, so that nothing said on the way (such as "Opened ...") hides it.
            self.say(notice, error=True)
            self.notify(notice, title="State", severity="warning", timeout=10, markup=False)
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

    # -- the main screen's panes, for scripts and tests ---------------------------------------

    @property
    def library_tree(self) -> LibraryTree:
        return self.main.library_tree

    @property
    def article_list(self) -> ArticleList:
        return self.main.article_list

    @property
    def reader(self) -> ReadingPane:
        return self.main.reader

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.main.quotes_pane

    @property
    def status_line(self) -> StatusLine:
        return self.main.status_line

    @property
    def active_pane(self) -> str:
        return self.main.panes.active

    @property
    def sizes(self) -> dict[str, int]:
        return self.main.panes.sizes

    @property
    def facet(self) -> Facet:
        return self.main.facet

    def open_article(self, article_id: str, **kwargs: Any) -> bool:
        return self.main.open_article(article_id, **kwargs)

    # -- settings (theme, pane sizes, keys) ---------------------------------------------------

    def setting(self, key: str) -> str | None:
        try:
            return self.session.store.setting(key)
        except StoreError:
            return None
        except Exception:  # a damaged settings table must not stop the reader starting
            return None

    def set_setting(self, key: str, value: str) -> None:
        try:
            self.session.store.set_setting(key, value)
        except StoreError as exc:
            self.say(str(exc), error=True)

    def _load_settings(self) -> None:
        theme = self.setting("tui.theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        self.main.panes.load(self.setting)

    def _load_keymap(self) -> None:
        """The user's key overrides (config.yaml's `keymap`), or the defaults and one line why."""
        from reader.tui.keymap import load_keymap

        self.keymap_overrides, self._keymap_warning = load_keymap()
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)

    def _theme_changed(self, theme: Any) -> None:
        if self.setting("tui.theme") != self.theme:
            self.set_setting("tui.theme", self.theme)

    def say(self, text: str, *, error: bool = False) -> None:
        """One line in the status line (text is data: never markup)."""
        self.main.say(text, error=error)

    def action_citation_style(self, style: str) -> None:
        """Make `style` the default citation style (kept in config.yaml)."""
        from reader.api import ReaderError, set_default_style

        try:
            set_default_style(style)
        except ReaderError as exc:
            self.say(str(exc), error=True)
            return
        self.say(f"Citation style: {style} (copying a quote, the Markdown export, cite)")

    # -- background work ----------------------------------------------------------------------

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
        facets, everything = self.session.facet_counts()
        problems = sum(1 for p in catalog.problems if p.fatal)
        self.post_message(self.CatalogRefreshed(facets, everything, problems, catalog.rebuilt))

    def on_policy_reader_app_index_progress(self, message: IndexProgress) -> None:
        if message.total >= 50 and message.done < message.total:
            self._progress_shown = True
            self.status_line.progress(message.done, message.total)
            self.say(f"Indexing the library: {message.done:,} of {message.total:,} files")

    def on_policy_reader_app_catalog_refreshed(self, message: CatalogRefreshed) -> None:
        main = self.main
        self.status_line.progress_done()
        main.show_articles()
        main.fill_tree(message.facets, message.everything)
        main.article_list.refresh_rows()
        if self.session.store.notice:
            return  # the store's notice (damaged or read-only state) matters more
        status = self.status_line.message
        if message.problems:
            self.say(
                f"{message.problems} file(s) could not be read; `policyreader check` lists them"
            )
        elif message.rebuilt:
            self.say("Search index rebuilt: " + "; ".join(message.rebuilt))
        elif (
            self._progress_shown
            or not status
            or status.startswith(("Reading the library", "Indexing"))
        ):
            self.say(f"Library ready: {len(self.session.catalog.articles):,} articles")
        self._progress_shown = False

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False, name="counts")
    def refresh_facets(self) -> None:
        """Read states changed: recount off the UI thread (100,000 articles take a while)."""
        self.post_message(self.FacetsReady(*self.session.facet_counts()))

    def on_policy_reader_app_facets_ready(self, message: FacetsReady) -> None:
        self.main.fill_tree(message.facets, message.everything)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker failures surface: a status line, the app carries on."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.status_line.progress_done()
            self.say(f"{event.worker.name or 'background task'} failed: {error}", error=True)

    # -- keys that work everywhere ------------------------------------------------------------

    def action_search(self) -> None:
        from reader.tui.screens.search import open_search

        open_search(self)

    def action_all_quotes(self) -> None:
        from reader.tui.screens.all_quotes import open_all_quotes

        open_all_quotes(self)

    def action_export(self) -> None:
        from reader.tui.screens.export import export_dialog

        def done(report: str | None) -> None:
            if report:
                self.say(report)

        screen = export_dialog(
            self.session,
            self.setting,
            facet=next((c for c in self.main.chosen if c[0] in ("category", "tag")), None),
            article=self.reader.article,
        )
        self.push_screen(screen, done)

    def action_help(self) -> None:
        from reader.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.keymap_overrides))

    def action_focus_next(self) -> None:
        if self.screen is self.main:
            self.main.panes.cycle(+1)
        else:
            super().action_focus_next()

    def action_focus_previous(self) -> None:
        if self.screen is self.main:
            self.main.panes.cycle(-1)
        else:
            super().action_focus_previous()

    def action_toggle_tree(self) -> None:
        self.main.panes.toggle("tree", self.set_setting)

    def action_toggle_quotes(self) -> None:
        self.main.panes.toggle("quotes", self.set_setting)

    def _resize_pane(self, step: int) -> None:
        message = self.main.panes.resize(step, self.set_setting)
        if message:
            self.say(message)

    def action_grow_pane(self) -> None:
        self._resize_pane(+1)

    def action_shrink_pane(self) -> None:
        self._resize_pane(-1)

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's "Screenshot": to ~/Downloads, else the current folder; says where."""
        if path is None:
            from platformdirs import user_downloads_dir

            downloads = user_downloads_dir()
            path = downloads if os.path.isdir(downloads) else os.getcwd()
        try:
            saved = self.save_screenshot(filename, path, time_format)
        except OSError as exc:
            self.say(f"Screenshot not saved: {exc.strerror or exc}", error=True)
            return None
        self.say(f"Screenshot saved to {saved}")
        return None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            after = split_escape(event.key, self.keymap_overrides.values())
            if after is not None:
                # Escape and the key right after it came as one alt+key (see reader.tui.keys):
                # escape first, the key once escape has done its work (moved the focus...).
                await super().on_event(events.Key("escape", "\x1b"))
                self.set_timer(AFTER_ESCAPE, lambda: self.post_message(events.Key(after, after)))
                return
        await super().on_event(event)

    # -- leaving ------------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.main.save_position()
        self.exit(0)

    def on_unmount(self) -> None:
        # Closing the terminal (SIGHUP) ends the app without `q`: keep the position anyway.
        with contextlib.suppress(Exception):
            self.main.save_position()
