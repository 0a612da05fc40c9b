"""Every key of the reader, in one table: the bindings, the command palette and the help screen
are all made from it, and the user's keymap (see `reader.tui.keymap`) overrides it by id.

A row is one key binding in one scope (a pane, the lists, a dialog, or everywhere). Rows that do
the same thing in several scopes share an id (`bookmark` in the article list and the reading
pane), so one keymap entry moves the key everywhere. A row with no keys is a palette command
only. Harlequin's `actions.py` and posting's binding ids are the models.

To add a key: add a row here (scope, id, keys, the action as the scope's widget runs it, a
word for the footer, a line for the help screen), and `BINDINGS = bindings("scope")` in the
widget picks it up; give it a `command` name to put it in the palette too.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType

from .action_row import Action, moves
from .dialog_rows import DIALOG_ROWS
from .palette_rows import PALETTE_ONLY
from .reading_rows import LINK_NUMBER_ROWS, OUTLINE_ROWS, READING_ROWS
from .tree_rows import TREE_ROWS

__all__ = ["ACTIONS", "SCOPES", "Action", "bindings", "ids", "in_scope", "keys_of"]


# (scope, help screen section title); the other dialogs show their keys themselves.
SCOPES: dict[str, str] = {
    "global": "Everywhere",
    "lists": "Lists (library tree, articles, quotes, search results)",
    "tree": "Library tree",
    "articles": "Article list",
    "reader": "Reading pane",
    "quotes": "Quotes pane",
    "note": "Note editor (n in the quotes pane)",
    **dict.fromkeys(
        (
            "find",
            "search",
            "hits",
            "help",
            "confirm",
            "export",
            "changes",
            "add",
            "picker",
            "outline",
            "follow",
        ),
        "",
    ),
    "all_quotes": "",
}

_BOOKMARK = "bookmark or unbookmark the article"
_READ = "mark the article read, or unread again"
_LINK = "open the article's source in the browser (http and https only)"

ACTIONS: tuple[Action, ...] = (
    # -- everywhere (the App) --------------------------------------------------------------------
    Action(
        "global",
        "search",
        "slash",
        "search",
        "Search",
        "search the whole library, your quotes and notes too, as you type",
        show=True,
        command="Search the library",
        run="app.search",
    ),
    Action(
        "global",
        "help",
        "question_mark",
        "help",
        "Help",
        "this help screen",
        show=True,
        command="Help",
        run="app.help",
    ),
    Action(
        "global",
        "export",
        "e",
        "export",
        "Export",
        "export bookmarked quotes (Markdown, JSON or CSV)",
        show=True,
        command="Export quotes",
        run="app.export",
    ),
    Action(
        "global",
        "all_quotes",
        "Q",
        "all_quotes",
        "Quotes",
        "all your quotes, newest first; filter and search them as you type",
        command="All quotes",
        run="app.all_quotes",
    ),
    Action(
        "global",
        "article_changes",
        "c",
        "screen.article_changes",
        "Changes",
        "what changed in the article since you last read it (Δ), as a word diff",
        command="What changed since last read",
        run="article_changes",
    ),
    Action(
        "global",
        "add_article",
        "a",
        "add_article",
        "Add",
        "add an article: a web address or a saved .html file",
        command="Add article",
        run="app.add_article",
    ),
    Action(
        "global",
        "fetch_feeds",
        "F",
        "fetch_feeds",
        "Fetch",
        "fetch every feed: new posts become articles",
        command="Fetch feeds",
        run="app.fetch_feeds",
    ),
    Action("global", "quit", "q", "quit", "Quit", "quit (everything is already saved)", show=True),
    Action("global", "quit_now", "ctrl+q", "quit", "Quit", "quit, from anywhere", priority=True),
    Action("global", "next_pane", "tab", "focus_next", "Next pane", "next pane"),
    Action(
        "global", "previous_pane", "shift+tab", "focus_previous", "Previous pane", "previous pane"
    ),
    Action(
        "global",
        "toggle_tree",
        "left_square_bracket",
        "toggle_tree",
        "Tree",
        "show or hide the library tree",
        command="Toggle library tree",
        run="app.toggle_tree",
    ),
    Action(
        "global",
        "toggle_quotes",
        "right_square_bracket",
        "toggle_quotes",
        "Quotes",
        "show or hide the quotes pane",
        command="Toggle quotes pane",
        run="app.toggle_quotes",
    ),
    Action(
        "global",
        "grow_pane",
        "plus,equals_sign",
        "grow_pane",
        "Larger",
        "make the focused pane larger (the size is kept)",
        command="Larger pane",
        run="app.grow_pane",
    ),
    Action(
        "global",
        "shrink_pane",
        "minus",
        "shrink_pane",
        "Smaller",
        "make the focused pane smaller",
        command="Smaller pane",
        run="app.shrink_pane",
    ),
    Action(
        "global",
        "reading_view",
        "z",
        "screen.reading_view",
        "Reading view",
        "reading view: the reading pane alone on the screen, and back",
        command="Reading view",
        run="reading_view",
    ),
    Action(
        "global",
        "cycle_sort",
        "s",
        "screen.cycle_sort",
        "Sort",
        "sort the article list by the next order: date, title, author, reading progress, "
        "date added (kept)",
        command="Sort: the next order",
        run="cycle_sort",
    ),
    Action(
        "global",
        "cycle_filter",
        "u",
        "screen.cycle_filter",
        "Filter",
        "show only unread, started, read, bookmarked or changed articles (the next; "
        "then all again), within the tree's entry",
        command="Filter: the next read state",
        run="cycle_filter",
    ),
    # Textual binds the palette itself (App.COMMAND_PALETTE_BINDING): listed, not bound here.
    Action(
        "global",
        "command_palette",
        "ctrl+p",
        "command_palette",
        "Commands",
        "command palette: every action, and the theme",
    ),
    # Palette-only commands (reader/tui/palette_rows.py).
    *PALETTE_ONLY,
    # -- every row list (RowList: tree keys below, article list, quotes, search hits) ----------
    *moves(
        "lists",
        ("cursor_down", "cursor_up", "first", "last", "page_down", "page_up"),
        ("next row", "previous row", "first row", "last row", "page down", "page up"),
    ),
    Action(
        "lists",
        "open",
        "enter",
        "choose",
        "Open",
        "open the article or search hit; in the quotes pane, jump to the quote",
        show=True,
    ),
    # -- the library tree (reader/tui/tree_rows.py) ---------------------------------------------
    *TREE_ROWS,
    # -- the article list ------------------------------------------------------------------------
    Action(
        "articles",
        "open",
        "enter",
        "choose",
        "Open",
        "open the article in the reading pane (where you left off)",
        show=True,
    ),
    Action("articles", "bookmark", "b", "screen.bookmark", "Bookmark", _BOOKMARK, show=True),
    Action("articles", "toggle_read", "r", "screen.toggle_read", "Read/unread", _READ, show=True),
    Action("articles", "open_link", "o", "screen.open_link", "Source link", _LINK),
    # -- the reading pane ------------------------------------------------------------------------
    *moves(
        "reader",
        ("line_down", "line_up", "top", "bottom", "page_down", "page_up"),
        (
            "scroll a line (while selecting: one more sentence)",
            "scroll back a line (while selecting: one sentence less)",
            "the top of the article",
            "the end (reaching the end marks the article read)",
            "page down",
            "page up",
        ),
    ),
    Action(
        "reader",
        "select",
        "v",
        "select_sentences",
        "Select",
        "select from the first sentence in view; j/k grow or shrink it",
        show=True,
        command="Select sentences",
        run="select_sentences",
    ),
    Action(
        "reader",
        "save_selection",
        "enter",
        "save_sentences",
        "Save",
        "save the sentence selection as a highlight",
        show=True,
    ),
    Action(
        "reader",
        "highlight",
        "h",
        "highlight_selection",
        "Highlight",
        "save the text selected with the mouse as a highlight",
        show=True,
        command="Highlight selection",
        run="highlight_selection",
    ),
    Action(
        "reader",
        "bookmark",
        "b",
        "screen.bookmark",
        "Bookmark",
        _BOOKMARK,
        show=True,
        command="Bookmark",
        run="bookmark",
    ),
    Action(
        "reader",
        "toggle_read",
        "r",
        "screen.toggle_read",
        "Read/unread",
        _READ,
        show=True,
        command="Toggle read",
        run="toggle_read",
    ),
    Action(
        "reader",
        "find",
        "ctrl+f",
        "screen.find",
        "Find",
        "find in this article (matches marked as you type)",
        show=True,
        command="Find in article",
        run="find",
    ),
    Action(
        "reader",
        "find_next",
        "n",
        "find_next",
        "Next",
        "next match of the find",
        show=True,
        command="Next match",
        run="find_next",
    ),
    Action(
        "reader",
        "find_previous",
        "N",
        "find_previous",
        "Previous",
        "previous match of the find",
        command="Previous match",
        run="find_previous",
    ),
    Action(
        "reader",
        "open_link",
        "o",
        "screen.open_link",
        "Source link",
        _LINK,
        command="Open source link",
        run="open_link",
    ),
    # outline, following links and back (reader/tui/reading_rows.py)
    *READING_ROWS,
    Action(
        "reader",
        "start_later",
        "J",
        "move_start(1)",
        "Start later",
        "while selecting: the selection starts a sentence later",
    ),
    Action(
        "reader",
        "start_earlier",
        "K",
        "move_start(-1)",
        "Start earlier",
        "while selecting: the selection starts a sentence earlier",
    ),
    Action(
        "reader",
        "word_more",
        "w",
        "move_end_word(1)",
        "Word more",
        "while selecting: one word more at the end",
    ),
    Action(
        "reader",
        "word_less",
        "W",
        "move_end_word(-1)",
        "Word less",
        "while selecting: one word less at the end",
    ),
    Action(
        "reader",
        "back",
        "escape",
        "escape",
        "Back",
        "cancel the selection or find; else back to the article list",
        show=True,
    ),
    # -- the quotes pane -------------------------------------------------------------------------
    Action(
        "quotes",
        "goto",
        "enter",
        "choose",
        "Go to",
        "scroll the reading pane to the quote",
        show=True,
    ),
    Action(
        "quotes",
        "bookmark_quote",
        "b",
        "screen.bookmark",
        "Bookmark",
        "bookmark or unbookmark the quote (bookmarked quotes are exported)",
        show=True,
    ),
    Action(
        "quotes",
        "note",
        "n",
        "screen.note",
        "Note",
        "add or edit the quote's note, on as many lines as it takes",
        show=True,
        command="Edit note",
        run="note",
    ),
    Action(
        "quotes",
        "accept_quote",
        "a",
        "screen.accept_quote",
        "Accept",
        "a changed quote (≠): take the article's new words (enter shows the change)",
        command="Accept new words",
        run="accept_quote",
    ),
    Action(
        "quotes",
        "copy",
        "y",
        "screen.copy_quote",
        "Copy",
        "copy the quote with its citation to the clipboard",
        show=True,
        command="Copy quote",
        run="copy_quote",
    ),
    Action(
        "quotes",
        "delete",
        "d",
        "screen.delete_highlight",
        "Delete",
        "delete the highlight (asks first; quotations stay)",
        show=True,
        command="Delete highlight",
        run="delete_highlight",
    ),
    # -- dialogs (reader/tui/dialog_rows.py) ---------------------------------------------------
    *DIALOG_ROWS,
    # the outline panel and the link number typed after f (reader/tui/reading_rows.py)
    *OUTLINE_ROWS,
    *LINK_NUMBER_ROWS,
)


def in_scope(scope: str) -> list[Action]:
    """The rows of one scope, in table order."""
    assert scope in SCOPES, scope
    return [a for a in ACTIONS if a.scope == scope]


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope (a widget's `BINDINGS`), keys as in the table: the
    user's keymap is applied by Textual, by id (`App.set_keymap`)."""
    skip = {"command_palette"} if scope == "global" else set()
    return [
        Binding(
            a.keys,
            a.action,
            a.description,
            show=a.show,
            priority=a.priority,
            tooltip=a.help,
            id=a.id,
        )
        for a in in_scope(scope)
        if a.keys and a.id not in skip
    ]


def ids() -> set[str]:
    """Every id a keymap may name."""
    return {a.id for a in ACTIONS if a.keys and a.id != "command_palette"}


def keys_of(action: Action, keymap: Mapping[str, str]) -> str:
    """The keys in effect for a row: the keymap's, else the table's."""
    return keymap.get(action.id, action.keys)
