"""The link list dialog (`f` then `enter`, or the palette's "Follow a link"): a list of
plain-text rows to pick one from. (The outline, `t`, is drawn by the reading pane:
`widgets.reading_outline`.)

Article text is data, never markup: every row is a `rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.actions import bindings
from reader.tui.screens.dialogs import DialogScreen
from reader.tui.widgets.reading_outline import OUTLINE_MAX_WIDTH

if TYPE_CHECKING:
    from reader.api import Link


class _Picker(DialogScreen[Any]):
    """A titled list to pick one row from; escape closes it with None."""

    BINDINGS = bindings("picker")
    DEFAULT_CSS = """
    #picker, #picker:focus {
        height: auto;
        max-height: 30;
        border: none;
        padding: 0;
        background: $surface;
    }
    """

    def __init__(self, title: str, hint: str, options: list[Text], width: int) -> None:
        super().__init__()
        self._title = title
        self._hint = hint
        self._options = options
        self._width = width

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as box:
            box.styles.width = self._width
            box.styles.max_width = self._width
            yield Static(Text(self._title), classes="dialog-title")
            yield OptionList(*[Option(o) for o in self._options], id="picker")
            yield Static(Text(self._hint), classes="dialog-hint")

    @property
    def options(self) -> OptionList:
        return self.query_one("#picker", OptionList)

    def on_mount(self) -> None:
        self.options.focus()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_list_down(self) -> None:
        self.options.action_cursor_down()

    def action_list_up(self) -> None:
        self.options.action_cursor_up()


class LinksScreen(_Picker):
    """The article's links by number: type the number (or move to one) and enter follows it."""

    def __init__(self, links: list[Link], screen_width: int) -> None:
        rows = []
        for link in links:
            row = Text(f"[{link.number}] ", style="bold")
            row.append(" ".join(link.text.split()) or link.href)
            row.append(f"  {link.href}", style="dim")
            rows.append(row)
        width = min(OUTLINE_MAX_WIDTH, max(50, screen_width - 8))
        hint = "a number, or enter: follow the link · escape: close"
        super().__init__("Follow a link", hint, rows, width)
        self.links = links
        self._typed = ""

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.links[event.option_index])

    def on_key(self, event: Any) -> None:
        if not (event.character and event.character.isdigit()):
            return
        event.stop()
        self._typed += event.character
        number = int(self._typed)
        numbers = [link.number for link in self.links]
        if number not in numbers:
            self._typed = event.character  # start again from this digit
            number = int(self._typed)
        if number in numbers:
            self.options.highlighted = numbers.index(number)
            # Follow at once unless a longer number could still be meant ("1" of "12").
            if not any(str(n).startswith(self._typed) and n != number for n in numbers):
                self.dismiss(self.links[numbers.index(number)])
