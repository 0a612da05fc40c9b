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
