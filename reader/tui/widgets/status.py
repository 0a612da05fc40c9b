"""The status line: one message at a time, the indexing progress, and where the reader is."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from reader.text import clean_line


class StatusLine(Horizontal):
    """Messages are data (store errors, file names): shown as Content, never as markup."""

    def compose(self) -> ComposeResult:
        yield Static("", id="status-message", markup=False)
        yield ProgressBar(id="status-progress", show_eta=False, show_percentage=True)
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
        bar = self.query_one("#status-progress", ProgressBar)
        bar.display = True
        bar.update(total=max(1, total), progress=done)

    def progress_done(self) -> None:
        self.query_one("#status-progress", ProgressBar).display = False
