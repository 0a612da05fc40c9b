"""The find bar under the reading pane (ctrl+f): live matches while typing."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class FindBar(Input):
    """An Input that closes with escape; the app wires it to the reading pane."""

    BINDINGS = [Binding("escape", "app.close_find", "Close", id="close_find")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Find in this article (enter: done, escape: cancel)",
            id=id,
            select_on_focus=True,
        )
