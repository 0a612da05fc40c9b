"""The note editor (`n` in the quotes pane): a quote's note, on as many lines as it takes.

`ctrl+s` saves and closes (an empty note removes the note); a save that fails (a read-only
state file, the quote gone) is said in the dialog, which stays open with the text. `escape`
closes at once when nothing was changed, and asks before throwing changes away. Quitting the
reader with the editor open saves the changes, as the reader saves everything else.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from reader.api import NotFound, StoreError, clean, clean_line
from reader.tui.actions import bindings, in_scope, keys_of
from reader.tui.screens.dialogs import ConfirmScreen, DialogScreen, excerpt

TITLE_WORDS = 60  # cells of the quote's words in the title


def title_for(quote_text: str) -> tuple[str, bool]:
    """`Note on “the start of the quote…”`, and whether the quote had to be cut."""
    words = clean_line(quote_text)
    cut = cell_len(words) > TITLE_WORDS
    if cut:
        words = set_cell_size(words, TITLE_WORDS - 1).rstrip() + "…"
    return f"Note on “{words}”", cut


class NoteScreen(DialogScreen[str | None]):
    """Dismissed with the note as saved ("" when removed), or None when nothing was saved."""

    DEFAULT_CSS = """
    #note-dialog {
        max-width: 90;
    }
    #note-text {
        height: 12;
        border: round $border-blurred;
        background: $surface;
    }
    #note-text:focus {
        border: round $border;
    }
    #note-error {
        color: $text-error;
        padding: 1 0 0 0;
    }
    """

    BINDINGS = bindings("note")

    def __init__(self, quote_text: str, note: str, save: Callable[[str], object]) -> None:
        super().__init__()
        self.quote_text = quote_text
        self.note = note
        self.save = save  # writes the note; raises StoreError or NotFound when it cannot
        self.closed = False
        self.area = TextArea(note, soft_wrap=True, tab_behavior="focus", id="note-text")

    def compose(self) -> ComposeResult:
        title, cut = title_for(self.quote_text)
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            if cut:  # the whole quote, to write about
                yield Static(excerpt(self.quote_text), classes="dialog-quote")
            yield self.area
            error = Static("", id="note-error", markup=False)
            error.display = False
            yield error
            yield Static(self.hint(), classes="dialog-hint", markup=False)

    def hint(self) -> str:
        """The keys, as the user's keymap has them."""
        keymap: dict[str, str] = getattr(self.app, "keymap_overrides", {})
        key = {a.id: keys_of(a, keymap).split(",")[0] for a in in_scope("note")}
        return (
            f"{key['save_note']} saves · {key['cancel_note']} cancels · "
            "enter starts a new line · an empty note removes it"
        )

    def on_mount(self) -> None:
        self.area.focus()
        self.area.move_cursor(self.area.document.end)  # to go on writing

    @property
    def text(self) -> str:
        """The note as it would be saved."""
        return clean(self.area.text).strip()

    @property
    def changed(self) -> bool:
        return self.text != self.note

    def action_save(self) -> None:
        if not self.changed:
            self._close(None)
            return
        text = self.text
        try:
            self.save(text)
        except (StoreError, NotFound) as exc:
            error = self.query_one("#note-error", Static)
            error.update(Text(f"Not saved: {clean_line(str(exc))}"))
            error.display = True
            return
        self._close(text)

    def action_cancel(self) -> None:
        if not self.changed:
            self._close(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self._close(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard your changes to the note?",
                Text("Discarding keeps the note as it was saved."),
                yes="Discard",
                no="Keep editing",
            ),
            answered,
        )

    def _close(self, result: str | None) -> None:
        self.closed = True
        self.dismiss(result)

    def on_unmount(self) -> None:
        # The reader is quitting with the editor open: keep what was written.
        if not self.closed:
            with contextlib.suppress(Exception):
                if self.changed:
                    self.save(self.text)
