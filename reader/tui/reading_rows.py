"""The reading pane's rows of the action table (`reader.tui.actions`) for the outline and links:
`t` shows the article's headings in a box the reading pane draws over its text (`outline`
scope: the keys its key handler reads while the box is shown); `f` waits for a link's number, typed as digits (`follow`
scope: the keys that mean something while it waits; the status line names them)."""

from __future__ import annotations

from .action_row import Action, moves

READING_ROWS: tuple[Action, ...] = (
    Action(
        "reader",
        "outline",
        "t",
        "screen.outline",
        "Outline",
        "the article's headings over the text; enter goes to one, escape or t closes them",
        # not in the footer: it is full at 120 columns; help and the palette list it
        command="Outline",
        run="outline",
    ),
    Action(
        "reader",
        "follow_link",
        "f",
        "screen.follow_link",
        "Follow link",
        "follow a link: f, then its number as shown [n] in the text (enter after f: the "
        "list of links); library articles open here",
        # not in the footer: it is full at 120 columns; help and the palette list it
        command="Follow a link",
        run="follow_link_list",  # from the palette: the list, to pick one from
    ),
    Action(
        "reader",
        "link_back",
        "backspace,alt+left",
        "screen.link_back",
        "Back",
        "back to the article you followed a link from",
        command="Back to the previous article",
        run="link_back",
    ),
)

# Read by the reading pane's key handler while it shows the outline (reading_outline.py).
OUTLINE_ROWS: tuple[Action, ...] = (
    *moves(
        "outline",
        ("down", "up", "top", "bottom", "page_down", "page_up"),
        (
            "next heading",
            "previous heading",
            "first heading",
            "last heading",
            "a page on",
            "a page back",
        ),
    ),
    Action("outline", "outline_go", "enter", "go", "Go", "go to the heading under the cursor"),
    Action("outline", "close_outline", "escape", "close", "Close", "close the outline", show=True),
    Action("outline", "outline", "t", "close", "Close", "close the outline"),
)

# Read by the main screen's key handler while a link's number is typed (no widget binds them).
LINK_NUMBER_ROWS: tuple[Action, ...] = (
    Action("follow", "follow_go", "enter", "", "Follow", "follow the typed link; none: the list"),
    Action("follow", "follow_erase", "backspace", "", "Erase", "take the last digit back"),
    Action("follow", "follow_cancel", "escape", "", "Cancel", "stop typing a link's number"),
)
