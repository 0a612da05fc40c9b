"""Small modal dialogs: a note editor and a yes/no confirmation."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from reader.text import clean_line


def excerpt(text: str, limit: int = 240) -> Text:
    """A quote shown in a dialog: one line of plain Text, cut to `limit` characters."""
    line = clean_line(text)
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return Text(f"“{line}”", style="italic")


class NoteScreen(ModalScreen[str | None]):
    """Add or edit the note of a quote; dismissed with the new note, or None if cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_note")]

    def __init__(self, quote_text: str, note: str) -> None:
        super().__init__()
        self.quote_text = quote_text
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static("Note", classes="dialog-title", markup=False)
            yield Static(excerpt(self.quote_text), classes="dialog-quote")
            yield Input(
                value=self.note, placeholder="Your note (empty removes it)", id="note-input"
            )
            yield Static("enter saves · escape cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    @on(Input.Submitted, "#note-input")
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """Ask before something that cannot be undone."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm_no"),
    ]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.body, classes="dialog-quote")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Delete", variant="error", id="confirm-yes")
                yield Button("Keep", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
