"""The find bar under the reading pane (ctrl+f): live matches while typing."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from reader.tui.actions import bindings


class FindBar(Input):
    """An Input that closes with escape; the reading column wires it to the reading pane."""

    BINDINGS = bindings("find")

    class Closed(Message):
        """`escape`: the user is done finding."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            placeholder="Find in this article (enter: done, escape: cancel)",
            id=id,
            select_on_focus=True,
        )

    def action_close_find(self) -> None:
        self.post_message(self.Closed())
