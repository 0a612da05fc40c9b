"""Key bindings that more than one pane declares, each written once.

A pane's `BINDINGS` list is built from these objects (and its own), so the key, id, footer
description and help-screen tooltip of a shared action cannot drift apart between panes.
`Binding` is a frozen dataclass, so one object can sit in several lists.
"""

from __future__ import annotations

from textual.binding import Binding

# -- the open article (article list and reading pane) ---------------------------------------

BOOKMARK = Binding(
    "b",
    "app.bookmark",
    "Bookmark",
    id="bookmark",
    tooltip="bookmark or unbookmark the article",
)
TOGGLE_READ = Binding(
    "r",
    "app.toggle_read",
    "Read/unread",
    id="toggle_read",
    tooltip="mark the article read, or unread again",
)
OPEN_LINK = Binding(
    "o",
    "app.open_link",
    "Source link",
    id="open_link",
    show=False,
    tooltip="open the article's source in the browser (http and https only)",
)

# -- paging (row lists and reading pane) ----------------------------------------------------

PAGE_DOWN = Binding("space,pagedown", "page_down", "Page down", show=False, tooltip="page down")
PAGE_UP = Binding("pageup", "page_up", "Page up", show=False, tooltip="page up")
