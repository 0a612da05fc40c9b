"""The command palette (`ctrl+p`): every action of the reader, by name.

Textual's own SystemCommandsProvider stays in the palette too, which brings "Theme" (and the
theme picked there is saved by the app).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from reader.tui.app import PolicyReaderApp

# (name, help, action): the action runs on the app, like a key binding would.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Search the library", "Find articles by words, title, author or tag (/)", "search"),
    ("Find in article", "Find words in the open article (ctrl+f)", "find"),
    ("Next match", "Go to the next match of the find (n)", "find_next"),
    ("Previous match", "Go to the previous match of the find (N)", "find_previous"),
    ("Select sentences", "Start a sentence selection in the reading pane (v)", "select_sentences"),
    ("Highlight selection", "Save the mouse selection as a highlight (h)", "highlight_selection"),
    (
        "Bookmark",
        "Bookmark or unbookmark the article, or the quote in the quotes pane (b)",
        "bookmark",
    ),
    ("Toggle read", "Mark the article read or unread (r)", "toggle_read"),
    ("Edit note", "Add or edit the note of the selected quote (n in the quotes pane)", "note"),
    ("Copy quote", "Copy the selected quote with its citation (y)", "copy_quote"),
    ("Delete highlight", "Delete the selected highlight (d)", "delete_highlight"),
    ("Export quotes", "Export bookmarked quotes to Markdown, JSON or CSV (e)", "export"),
    ("Open source link", "Open the article's source in the browser (o)", "open_link"),
    ("Show all articles", "Clear the library filter", "show_all"),
    ("Toggle library tree", "Show or hide the library tree ([)", "toggle_tree"),
    ("Toggle quotes pane", "Show or hide the quotes pane (])", "toggle_quotes"),
    ("Larger pane", "Make the focused pane larger (+)", "grow_pane"),
    ("Smaller pane", "Make the focused pane smaller (-)", "shrink_pane"),
    ("Go to library tree", "Focus the library tree", "focus_pane('tree')"),
    ("Go to article list", "Focus the article list", "focus_pane('list')"),
    ("Go to reading pane", "Focus the reading pane", "focus_pane('reader')"),
    ("Go to quotes pane", "Focus the quotes pane", "focus_pane('quotes')"),
    ("Help", "All keys, and what the marks mean (?)", "help"),
)


class ReaderCommands(Provider):
    """Commands for every reader action (posting's commands.py is the model)."""

    @property
    def _app(self) -> PolicyReaderApp:
        return self.app  # type: ignore[return-value]

    def _run(self, action: str) -> None:
        self.app.call_later(self.app.run_action, action)

    async def discover(self) -> Hits:
        for name, help_text, action in COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._run, action),
                    text=name,
                    help=help_text,
                )
