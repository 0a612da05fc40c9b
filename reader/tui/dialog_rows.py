"""The dialogs' rows of the action table (`reader.tui.actions`): find, search, the link
list, all quotes, help, confirmations, the note editor, export, changes and adding. Each
dialog shows its own keys; the note editor's are in the help screen too."""

from __future__ import annotations

from .action_row import Action, moves

_SCOPE = "search everything, or articles, quotes or notes alone"
_ONLY = "only bookmarked quotes"
_STATUS = "anchored, changed, orphaned, all"

DIALOG_ROWS: tuple[Action, ...] = (
    Action("find", "close_find", "escape", "close_find", "Close", "close the find bar", show=True),
    Action("search", "close_search", "escape", "close", "Close", "close the search", show=True),
    Action("search", "next_hit", "down", "move(1)", "Next hit", "next hit"),
    Action("search", "previous_hit", "up", "move(-1)", "Previous hit", "previous hit"),
    Action("search", "hits_page_down", "pagedown", "move(5)", "Page down", "page down"),
    Action("search", "hits_page_up", "pageup", "move(-5)", "Page up", "page up"),
    Action("search", "search_scope", "ctrl+t", "cycle_scope", "Scope", _SCOPE, show=True),
    Action("hits", "open_hit", "enter", "choose", "Open", "open the hit", show=True),
    # the link list (a list to pick one row from)
    Action("picker", "close_picker", "escape", "dismiss_none", "Close", "close", show=True),
    Action("picker", "picker_down", "j", "list_down", "Down", "next row"),
    Action("picker", "picker_up", "k", "list_up", "Up", "previous row"),
    # all quotes (Q)
    Action("all_quotes", "close_quotes", "escape", "close", "Close", "close", show=True),
    Action("all_quotes", "quotes_next", "down", "move(1)", "Down", "next quote"),
    Action("all_quotes", "quotes_previous", "up", "move(-1)", "Up", "previous quote"),
    Action("all_quotes", "quotes_page_down", "pagedown", "move(10)", "Page down", "page down"),
    Action("all_quotes", "quotes_page_up", "pageup", "move(-10)", "Page up", "page up"),
    Action(
        "all_quotes", "bookmarked", "ctrl+b", "toggle_bookmarked", "Bookmarked", _ONLY, show=True
    ),
    Action("all_quotes", "quote_status", "ctrl+t", "cycle_status", "Status", _STATUS, show=True),
    Action("help", "close_help", "escape,q,question_mark", "close", "Close", "close", show=True),
    *moves(
        "help",
        tuple(f"scroll('{to}')" for to in ("down", "up", "home", "end", "page_down", "page_up")),
        ("scroll down", "scroll up", "top", "bottom", "page down", "page up"),
        prefix="help_",
    ),
    Action("confirm", "confirm_yes", "y", "answer(True)", "Yes", "yes", show=True),
    Action("confirm", "confirm_no", "n,escape", "answer(False)", "No", "no", show=True),
    Action("confirm", "confirm_left", "left", "app.focus_previous", "Left", "the other button"),
    Action("confirm", "confirm_right", "right", "app.focus_next", "Right", "the other button"),
    Action(
        "note", "save_note", "ctrl+s", "save", "Save", "save the note (empty: remove it)", show=True
    ),
    Action(
        "note",
        "cancel_note",
        "escape",
        "cancel",
        "Cancel",
        "close without saving (asks first if the note was changed)",
        show=True,
    ),
    Action("export", "cancel_export", "escape", "cancel", "Cancel", "cancel", show=True),
    Action("export", "do_export", "ctrl+s", "export", "Export", "export", show=True),
    Action("changes", "changes_close", "escape,q", "close", "Close", "close", show=True),
    Action("changes", "changes_accept", "a", "accept", "Accept", "take the new words", show=True),
    Action("changes", "changes_down", "j,down", "scroll('down')", "Down", "scroll down"),
    Action("changes", "changes_up", "k,up", "scroll('up')", "Up", "scroll up"),
    Action("add", "cancel_add", "escape", "cancel", "Cancel", "cancel", show=True),
)
