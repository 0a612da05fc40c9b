"""The library tree's rows of the action table (`reader.tui.actions`): the tree is a Textual
Tree, with its own action names; `enter` chooses an entry alone, `space` combines entries."""

from __future__ import annotations

from .action_row import Action

TREE_ROWS: tuple[Action, ...] = (
    Action("tree", "down", "j", "cursor_down", "Down", "next row", listed=False),
    Action("tree", "up", "k", "cursor_up", "Up", "previous row", listed=False),
    Action("tree", "top", "g", "scroll_home", "Top", "first row", listed=False),
    Action("tree", "bottom", "G", "scroll_end", "Bottom", "last row", listed=False),
    Action(
        "tree",
        "filter",
        "enter",
        "select_cursor",
        "Filter",
        "show only that entry's articles (All articles shows every one); "
        "on a group, open or fold it",
        show=True,
    ),
    Action(
        "tree",
        "toggle_filter",
        "space",
        "toggle_entry",
        "Combine",
        "add the entry to the filter, or take it out: all of the chosen categories and "
        "tags, one of the chosen authors, sources, years or libraries (marked ✓; on All "
        "articles, none)",
        show=True,
        command="Filter: add or remove the tree's entry",
        run="toggle_facet",
    ),
)
