"""The help screen (`?`): every key, from the action table the bindings are made from."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from reader.tui.actions import SCOPES, bindings, in_scope, keys_of
from reader.tui.screens.dialogs import DialogScreen

KEY_NAMES = {
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "minus": "-",
    "plus": "+",
    "equals_sign": "=",
    "full_stop": ".",
}

LEGEND = [
    ("★", "bookmarked (article or quote)"),
    ("Δ", "changed since you read it (c shows what changed)"),
    ("✂", "excerpt: the full text is at the source"),
    ("unread · 42% · read", "read state (42%: started, read that far)"),
    ("“ ▍ ◌", "quotation · your highlight · orphaned (its text is gone from the article)"),
    (
        "≠",
        "changed: the article's words there now differ from the quote (enter shows them, a accepts)",
    ),
    ("✎", "note"),
]

MOUSE = [
    ("click", "choose a row; double click opens it"),
    ("drag", "select text in the reading pane; then h saves it as a highlight"),
    ("wheel", "scroll"),
]


def key_label(keys: str) -> str:
    """`j,down` -> `j / ↓`."""
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def help_sections(keymap: Mapping[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(keys, what they do)]) from the action table, with the user's keys."""
    sections = []
    for scope, title in SCOPES.items():
        rows = [
            (keys_of(a, keymap), a.help or a.description)
            for a in in_scope(scope)
            if a.keys and a.listed
        ]
        if title and rows:
            sections.append((title, rows))
    return sections


def help_text(keymap: Mapping[str, str]) -> Text:
    """One Text for the whole screen (the descriptions are ours, but Text keeps `[` literal)."""
    out = Text()
    width = 18
    for title, rows in help_sections(keymap):
        out.append(f"{title}\n", style="bold")
        for keys, does in rows:
            out.append(f"  {key_label(keys):<{width}}", style="bold")
            out.append(f"{does}\n")
        out.append("\n")
    out.append("Mouse\n", style="bold")
    for key, does in MOUSE:
        out.append(f"  {key:<{width}}", style="bold")
        out.append(f"{does}\n")
    out.append("\nMarks\n", style="bold")
    for mark, means in LEGEND:
        out.append(f"  {mark:<{width}}", style="bold")
        out.append(f"{means}\n")
    return out


class HelpScreen(DialogScreen[None]):
    """Keys by pane, the mouse, and what the marks mean."""

    DEFAULT_CSS = """
    #help-dialog {
        height: 90%;
        max-width: 96;
    }
    #help-body {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    """

    BINDINGS = bindings("help")

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("policyreader — keys", classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                yield Static(help_text(self.keymap), id="help-text")
            yield Static("escape closes · j/k scroll", classes="dialog-hint", markup=False)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
            "home": body.scroll_home,
            "end": body.scroll_end,
        }[where](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
