"""The reading column: the reading pane and, under it, its find bar (`ctrl+f`).

Like toolong's LogView owning its find, the column wires the bar to the pane: typing marks the
matches, `enter` keeps them and goes back to the text, `escape` closes the bar. What it has to
say goes up as the pane's own `Notice` messages.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical

from reader.tui.widgets.find_bar import FindBar
from reader.tui.widgets.reading_pane import ReadingPane


class ReadingColumn(Vertical):
    """A ReadingPane (`#reader`) and the FindBar (`#find`), made when first used."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._find_bar: FindBar | None = None

    def compose(self) -> ComposeResult:
        yield ReadingPane(id="reader")  # and the find bar, once used

    @property
    def reader(self) -> ReadingPane:
        return self.query_one("#reader", ReadingPane)

    @property
    def find_bar(self) -> FindBar:
        """The find bar; it exists once `ctrl+f` has been used."""
        assert self._find_bar is not None, "the find bar is made when ctrl+f is first used"
        return self._find_bar

    def _say(self, text: str) -> None:
        self.post_message(ReadingPane.Notice(text))

    async def open_find(self) -> None:
        """Show the find bar with the last pattern, and focus it."""
        bar = self._find_bar
        if bar is None:
            # Made the first time it is needed: many sessions never search inside an article,
            # and an Input is among the costlier widgets to start.
            bar = self._find_bar = FindBar(id="find")
            await self.mount(bar)
        bar.display = True
        bar.value = self.reader.find_query
        bar.focus()

    def close_find(self, *, keep: bool = False) -> None:
        """Hide the bar and unmark the matches; `keep` keeps the pattern for n/N (escape)."""
        if self._find_bar is not None and self._find_bar.display:
            self._find_bar.display = False
        self.reader.clear_find(keep=keep)

    @on(FindBar.Changed, "#find")
    def _find_changed(self, event: FindBar.Changed) -> None:
        event.stop()
        if not self.find_bar.display:
            return
        count = self.reader.find(event.value)
        if event.value and not count:
            self._say(f"“{event.value}” is not in this article")

    @on(FindBar.Submitted, "#find")
    def _find_submitted(self, event: FindBar.Submitted) -> None:
        event.stop()
        self.find_bar.display = False
        self.reader.focus()
        if event.value:
            count = self.reader.find_count
            self._say(
                f"{count} match{'es' if count != 1 else ''} · n next · N previous"
                if count
                else f"“{event.value}” is not in this article"
            )

    @on(FindBar.Closed)
    def _find_closed(self, event: FindBar.Closed) -> None:
        event.stop()
        self.close_find(keep=True)  # n/N find it again, as in less and vim
        self.reader.focus()
