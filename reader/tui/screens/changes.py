"""What changed, as a word diff: a changed quote (the words quoted against the article's words
there now, with a key to accept them) or an article since it was last read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from reader.api import Run, clean, clean_line
from reader.tui.actions import bindings
from reader.tui.screens.dialogs import DialogScreen

# Removed words struck through in the error colour, added ones underlined in the success
# colour: readable without colour too (strike/underline), as `git diff --word-diff` does.
REMOVED = "strike"
ADDED = "underline bold"


def runs_text(runs: list[Run], *, removed: str = "", added: str = "") -> Text:
    """Diff runs as plain Text with styled spans (never markup: the words are data)."""
    text = Text()
    for run in runs:
        words = clean(run.text)
        if run.op == "removed":
            text.append(words, style=f"{REMOVED} {removed}".strip())
        elif run.op == "added":
            text.append(words, style=f"{ADDED} {added}".strip())
        else:
            text.append(words)
    return text


class ChangesScreen(DialogScreen[bool]):
    """A word diff in a dialog. With `accept`, `a` closes it with True (take the new words)."""

    DEFAULT_CSS = """
    #changes-dialog {
        max-height: 90%;
    }
    #changes-body {
        height: auto;
        max-height: 30;
        scrollbar-size-vertical: 1;
    }
    .changes-part {
        padding: 0 0 1 0;
    }
    """

    BINDINGS = bindings("changes")

    def __init__(
        self,
        title: str,
        parts: list[list[Run]],
        *,
        labels: list[str] | None = None,
        hint: str = "",
        accept: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.parts = parts
        self.labels = labels or []
        self.hint = hint
        self.accept = accept
        self.texts: list[Text] = []  # what the dialog shows, one Text a changed part

    def compose(self) -> ComposeResult:
        colours = self.app.get_css_variables()
        styles = {
            "removed": colours.get("text-error", ""),
            "added": colours.get("text-success", ""),
        }
        with Vertical(id="changes-dialog", classes="dialog"):
            yield Static(Text(clean_line(self.title_text)), classes="dialog-title")
            with VerticalScroll(id="changes-body"):
                for n, part in enumerate(self.parts):
                    if n < len(self.labels):
                        yield Static(Text(self.labels[n]), classes="dialog-label")
                    self.texts.append(runs_text(part, **styles))
                    yield Static(self.texts[-1], classes="changes-part")
            keys = (
                "a accepts the new words · escape keeps the quote as it is"
                if self.accept
                else "escape closes"
            )
            yield Static(Text(f"{self.hint}\n{keys}".strip()), classes="dialog-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return self.accept
        return True

    def action_close(self) -> None:
        self.dismiss(False)

    def action_accept(self) -> None:
        self.dismiss(True)

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#changes-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
