"""One row of the reader's action table (`reader.tui.actions`)."""

from __future__ import annotations

from typing import NamedTuple


class Action(NamedTuple):
    """One key binding of the reader (plain NamedTuple: cheap to build at every start)."""

    scope: str  # one of SCOPES
    id: str  # the Binding id, and the keymap's name for it
    keys: str  # default keys, Textual style: "j,down"; "" for a palette-only command
    action: str  # what the binding runs, in the namespace of the scope's widget
    description: str  # the footer's word
    help: str  # the help screen's line (and the palette's)
    show: bool = False  # in the footer
    command: str = ""  # the palette's name for it; "" keeps it out of the palette
    run: str = ""  # what the palette runs on the main screen ("app." for the App), else action
    priority: bool = False
    listed: bool = True  # on the help screen


# The six moves every scrolling scope has: (id, default keys, footer word).
MOVES = (
    ("down", "j,down", "Down"),
    ("up", "k,up", "Up"),
    ("top", "g,home", "Top"),
    ("bottom", "G,end", "Bottom"),
    ("page_down", "space,pagedown", "Page down"),
    ("page_up", "pageup", "Page up"),
)


def moves(
    scope: str, actions: tuple[str, ...], helps: tuple[str, ...], prefix: str = ""
) -> tuple[Action, ...]:
    """The scope's rows for `MOVES`: its own action and help line for each, in that order."""
    return tuple(
        Action(scope, prefix + ident, keys, action, word, help_line)
        for (ident, keys, word), action, help_line in zip(MOVES, actions, helps, strict=True)
    )
