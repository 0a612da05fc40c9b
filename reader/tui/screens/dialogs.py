"""The dialogs' common base and styles; a yes/no confirmation."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.api import clean_line
from reader.tui.actions import bindings

R = TypeVar("R")


class DialogScreen(ModalScreen[R]):
    """A dialog of the reader: a bordered box over the dimmed screen (help, search, export...).

    The styles every dialog shares live here, and each dialog's own in its DEFAULT_CSS, rather
    than in app.tcss: default CSS is read when the first dialog opens, while app.tcss is read
    (and all of it parsed) before the first frame. Each rule is more specific than the Textual
    defaults it meets (a class or an id against a widget type), so these rules win as they did
    from app.tcss.
    """

    DEFAULT_CSS = """
    .dialog {
        width: 80%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: round $border;
        background: $surface;
        padding: 0 1;
    }

    .dialog-title {
        text-style: bold;
        color: $text-primary;
        padding: 0 0 1 0;
    }

    .dialog-hint {
        color: $text-muted;
        padding: 1 0 0 0;
    }

    .dialog-label {
        text-style: bold;
        padding: 1 0 0 0;
    }

    .dialog-quote {
        color: $text-secondary;
        padding: 0 0 1 0;
    }

    .dialog-buttons {
        height: auto;
        align-horizontal: right;
        padding: 1 0 0 0;
    }
    .dialog-buttons Button {
        margin: 0 0 0 2;
    }
    """


def excerpt(text: str, limit: int = 240) -> Text:
    """A quote shown in a dialog: one line of plain Text, cut to `limit` characters."""
    line = clean_line(text)
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return Text(f"“{line}”", style="italic")


class ConfirmScreen(DialogScreen[bool]):
    """Ask before something that cannot be undone, or offer something (`yes` and `no` name
    the buttons; an offer is not `danger`)."""

    BINDINGS = bindings("confirm")

    def __init__(
        self, title: str, body: Text, *, yes: str = "Delete", no: str = "Keep", danger: bool = True
    ) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.labels = (yes, no)
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, classes="dialog-quote")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    self.labels[0], variant="error" if self.danger else "primary", id="confirm-yes"
                )
                yield Button(self.labels[1], id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
