"""The status line: one message at a time, the indexing progress, and where the reader is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.api import clean_line

if TYPE_CHECKING:
    from textual.widgets import ProgressBar


class StatusLine(Horizontal):
    """Messages are data (store errors, file names): shown as Content, never as markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._bar: ProgressBar | None = None

    def compose(self) -> ComposeResult:
        # The progress bar (between the two) is mounted when first needed: see progress.
        yield Static("", id="status-message", markup=False)
        yield Static("", id="status-summary", markup=False)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#status-message", Static)
        style = "$text-error" if error else ""
        message.update(Content.styled(clean_line(text), style))
        message.set_class(error, "-error")

    @property
    def message(self) -> str:
        return str(self.query_one("#status-message", Static).visual)

    def summary(self, text: str) -> None:
        self.query_one("#status-summary", Static).update(Content(clean_line(text)))

    def progress(self, done: int, total: int) -> None:
        bar = self._bar
        if bar is None:
            # Only a long index build shows progress: most starts never need the bar (a
            # container of three widgets, with a timer), so it is made the first time.
            from textual.widgets import ProgressBar

            bar = self._bar = ProgressBar(
                id="status-progress", show_eta=False, show_percentage=True
            )
            self.mount(bar, before="#status-summary")
        bar.display = True
        bar.update(total=max(1, total), progress=done)

    def progress_done(self) -> None:
        if self._bar is not None:
            self._bar.display = False
