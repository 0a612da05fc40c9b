"""Adding from the web in the reader: `a` opens the "Add article" dialog, `F` fetches the feeds.

The work runs in a thread worker with the status line's progress bar; each article is in the
list, unread, as soon as it is written (the library is re-read as they come). The App only
names `WebActions` among its bases; the dialog's module is imported when it first opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from reader.api import ReaderError

if TYPE_CHECKING:
    from reader.api import Session
    from reader.tui.screens.add import AddRequest


class WebActions:
    """The App's `add_article` and `fetch_feeds` actions (mixed into the App)."""

    session: Session

    class WebProgress(Message):
        def __init__(self, done: int, total: int, label: str) -> None:
            super().__init__()
            self.done = done
            self.total = total
            self.label = label

    class WebArticle(Message):
        """An article was written: re-read the library so that it shows."""

    class WebDone(Message):
        def __init__(self, report: str, error: bool) -> None:
            super().__init__()
            self.report = report
            self.error = error

    def action_add_article(self) -> None:
        from reader.tui.screens.add import AddArticleScreen

        def chosen(request: AddRequest | None) -> None:
            if request is not None:
                self._web_work("add", request)

        self.push_screen(AddArticleScreen(), chosen)  # type: ignore[attr-defined]

    def action_fetch_feeds(self) -> None:
        self._web_work("fetch", None)

    def _web_work(self, kind: str, request: AddRequest | None) -> None:
        from reader.api import own_library

        try:
            folder = own_library(self.session)
        except (ReaderError, OSError) as exc:
            self.say(f"Cannot use the library folder: {exc}", error=True)  # type: ignore[attr-defined]
            return
        self.say("Adding…" if kind == "add" else "Fetching feeds…")  # type: ignore[attr-defined]
        self._web_worker(kind, request, folder)

    @work(thread=True, exclusive=True, group="web", exit_on_error=False, name="adding")
    def _web_worker(self, kind: str, request: AddRequest | None, folder: Any) -> None:
        from reader.api import add_sources, fetch_feeds

        post = self.post_message  # type: ignore[attr-defined]

        def progress(done: int, total: int, label: str) -> None:
            post(self.WebProgress(done, total, label))

        def added(_: Any) -> None:
            post(self.WebArticle())

        if kind == "fetch":
            report = fetch_feeds(self.session, folder, progress=progress, on_added=added)
            if report.feeds == 0:
                post(
                    self.WebDone("No feeds yet: subscribe with `policyreader feeds add URL`", False)
                )
            else:
                post(self.WebDone(report.summary(), bool(report.failed)))
            return
        assert request is not None
        results = add_sources(
            self.session,
            folder,
            request.sources,
            categories=request.categories,
            tags=request.tags,
            progress=progress,
            on_added=added,
        )
        lines = []
        for _src, outcome in results:
            if isinstance(outcome, Exception):
                lines.append(str(outcome))
            elif outcome.status == "duplicate":
                lines.append(f"Already in the library: {outcome.title}")
            else:
                lines.append(f"Added: {outcome.title}")
        failed = any(isinstance(o, Exception) for _, o in results)
        post(self.WebDone("; ".join(lines), failed))

    def on_web_actions_web_progress(self, message: WebProgress) -> None:
        self.status_line.progress(message.done, message.total)  # type: ignore[attr-defined]
        self.say(f"{message.done} of {message.total}: {message.label}")  # type: ignore[attr-defined]

    def on_web_actions_web_article(self, message: WebArticle) -> None:
        # One library scan at a time: a thread worker cannot be stopped, so a second scan is
        # not started while one runs; the last article is picked up by the scan at the end.
        running = [
            w
            for w in self.workers  # type: ignore[attr-defined]
            if w.group == "refresh" and not w.is_finished
        ]
        if not running:
            self.refresh_catalog()  # type: ignore[attr-defined]

    def on_web_actions_web_done(self, message: WebDone) -> None:
        self.status_line.progress_done()  # type: ignore[attr-defined]
        self.refresh_catalog()  # type: ignore[attr-defined]
        self.say(message.report, error=message.error)  # type: ignore[attr-defined]
