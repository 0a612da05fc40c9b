"""The help screen (`?`): every key, built from the same Binding lists the footer shows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

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
    ("Δ", "changed since you read it"),
    ("✂", "excerpt: the full text is at the source"),
    ("unread · 42% · read", "read state (42%: started, read that far)"),
    ("“ ▍ ◌", "quotation · your highlight · orphaned (its text is gone from the article)"),
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


def _as_binding(b: BindingType) -> Binding:
    if isinstance(b, Binding):
        return b
    key, action, description = (list(b) + ["", ""])[:3]
    return Binding(key, action, description)


def help_text(sections: list[tuple[str, list[BindingType]]]) -> Text:
    """One Text for the whole screen (the descriptions are ours, but Text keeps `[` literal)."""
    out = Text()
    width = 18
    for title, bindings in sections:
        out.append(f"{title}\n", style="bold")
        for raw in bindings:
            b = _as_binding(raw)
            if b.description == "" and not b.tooltip:
                continue
            out.append(f"  {key_label(b.key):<{width}}", style="bold")
            out.append(f"{b.tooltip or b.description}\n")
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

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close", id="close_help"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, sections: list[tuple[str, list[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("policyreader — keys", classes="dialog-title", markup=False)
            with VerticalScroll(id="help-body"):
                yield Static(help_text(self.sections), id="help-text")
            yield Static("escape closes · j/k scroll", classes="dialog-hint", markup=False)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        {
            "down": body.scroll_down,
            "up": body.scroll_up,
            "page_down": body.scroll_page_down,
            "page_up": body.scroll_page_up,
        }[where](animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
