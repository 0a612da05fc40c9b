"""Which panes are shown, how big, and which one is active.

Wide terminals show every pane the user has not hidden, each at its saved size; below
NARROW_WIDTH x NARROW_HEIGHT (an 80x24 terminal) one pane takes the whole screen at a time and
`tab` moves between them. The choice follows the terminal's size at every resize.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.geometry import Size
    from textual.widget import Widget

    from reader.tui.screens.main import MainScreen

PANES = ("tree", "list", "reader", "quotes")
NARROW_WIDTH = 100  # below this, one pane at a time (80x24 terminals)
NARROW_HEIGHT = 26

# Pane sizes: (setting key, default, smallest, largest)
SIZES = {
    "tree": ("tui.tree_width", 34, 16, 70),
    "list": ("tui.list_height", 11, 4, 40),
    "quotes": ("tui.quotes_width", 34, 24, 90),
}


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


class PaneLayout:
    """The main screen's four panes: shown or hidden, their sizes, the active one, the focus."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.active = "list"
        self.show_tree = True
        self.show_quotes = True
        self.sizes = {name: spec[1] for name, spec in SIZES.items()}
        self.size: Size | None = None  # the terminal's, from the last resize

    def load(self, setting: Callable[[str], str | None]) -> None:
        """Sizes and shown panes from the saved settings (bad values: the defaults)."""
        for name, (key, default, low, high) in SIZES.items():
            self.sizes[name] = max(low, min(high, _int(setting(key), default)))
        self.show_tree = setting("tui.show_tree") != "0"
        self.show_quotes = setting("tui.show_quotes") != "0"

    # -- where things are ---------------------------------------------------------------------

    @property
    def narrow(self) -> bool:
        size = self.size or self.screen.app.size
        return size.width < NARROW_WIDTH or size.height < NARROW_HEIGHT

    def resized(self, size: Size) -> None:
        """The terminal has this size now: one pane or four, as this size wants."""
        self.size = size
        self.apply()

    def widget(self, pane: str) -> Widget:
        """The focusable widget of a pane."""
        screen = self.screen
        return {
            "tree": screen.library_tree,
            "list": screen.article_list,
            "reader": screen.reader,
            "quotes": screen.quotes_pane,
        }[pane]

    def container(self, pane: str) -> Widget:
        """The bordered box of a pane."""
        screen = self.screen
        return {
            "tree": screen.library_tree,
            "list": screen.query_one("#list-pane"),
            "reader": screen.query_one("#reader-col"),
            "quotes": screen.quotes_pane,
        }[pane]

    @staticmethod
    def pane_of(widget: Widget | None) -> str | None:
        """The pane a widget belongs to, or None."""
        node = widget
        while node is not None:
            if node.id == "tree":
                return "tree"
            if node.id in ("articles", "list-pane"):
                return "list"
            if node.id in ("reader", "find", "reader-col"):
                return "reader"
            if node.id == "quotes":
                return "quotes"
            node = node.parent  # type: ignore[assignment]
        return None

    def visible(self) -> list[str]:
        if self.narrow:
            return list(PANES)
        return [
            p
            for p in PANES
            if (p != "tree" or self.show_tree) and (p != "quotes" or self.show_quotes)
        ]

    # -- focus --------------------------------------------------------------------------------

    def activate(self, pane: str, *, focus: bool = True) -> None:
        self.active = pane
        self.apply()
        if focus:
            self.widget(pane).focus()
            # A pane that was hidden until this layout can take the focus only once shown;
            # by then another key may have moved on, so check that it is still wanted.
            self.screen.call_after_refresh(self._focus_if_active, pane)

    def _focus_if_active(self, pane: str) -> None:
        widget = self.widget(pane)
        screen = self.screen
        if (
            self.active == pane
            and screen.focused is not widget
            and self.pane_of(screen.focused) != pane
            and screen.app.screen is screen
        ):
            widget.focus()

    def focus_pane(self, pane: str) -> None:
        """Show (if hidden) and focus a pane."""
        if pane == "tree" and not self.narrow:
            self.show_tree = True
        if pane == "quotes" and not self.narrow:
            self.show_quotes = True
        self.activate(pane)

    def cycle(self, step: int) -> None:
        panes = self.visible()
        current = self.active  # set at once; focus() itself lands a moment later
        index = panes.index(current) if current in panes else 0
        self.activate(panes[(index + step) % len(panes)])

    def focus_changed(self) -> None:
        """The focus moved (a click, a dialog closing): that pane is the active one."""
        pane = self.pane_of(self.screen.focused)
        if pane is not None and pane != self.active:
            self.active = pane
            if self.narrow:
                self.apply()
        for name in PANES:
            self.container(name).set_class(name == self.active, "-active")

    # -- layout -------------------------------------------------------------------------------

    def apply(self) -> None:
        """Wide: every shown pane at its saved size. Narrow (80x24): one pane at a time."""
        screen = self.screen
        try:
            tree, main = screen.library_tree, screen.query_one("#main")
        except Exception:  # not composed yet
            return
        list_pane, read_area = screen.query_one("#list-pane"), screen.query_one("#read-area")
        reader_col, quotes = screen.query_one("#reader-col"), screen.quotes_pane
        active = self.active
        narrow = self.narrow
        screen.set_class(narrow, "-narrow")
        sizes: dict[tuple[Widget, str], int | str]
        if narrow:
            shown = {
                tree: active == "tree",
                main: active != "tree",
                list_pane: active == "list",
                read_area: active in ("reader", "quotes"),
                reader_col: active == "reader",
                quotes: active == "quotes",
            }
            sizes = {(tree, "width"): "1fr", (list_pane, "height"): "1fr", (quotes, "width"): "1fr"}
        else:
            shown = {
                tree: self.show_tree,
                main: True,
                list_pane: True,
                read_area: True,
                reader_col: True,
                quotes: self.show_quotes,
            }
            sizes = {
                (tree, "width"): self.sizes["tree"],
                (list_pane, "height"): self.sizes["list"],
                (quotes, "width"): self.sizes["quotes"],
            }
        if getattr(screen, "reading_view", False) and not narrow:  # `z`: the reading pane alone
            shown.update({tree: False, list_pane: False, quotes: False})
        # Assign only what changed: each assignment costs a style update and a layout.
        for widget, display in shown.items():
            if widget.display != display:
                widget.display = display
        for (widget, rule), value in sizes.items():
            if str(getattr(widget.styles, rule)) != str(value):
                setattr(widget.styles, rule, value)
        for name in PANES:
            self.container(name).set_class(name == active, "-active")

    def toggle(self, pane: str, save: Callable[[str, str], None]) -> None:
        """`[` / `]`: show or hide the tree or the quotes pane (narrow: switch to it and back)."""
        if self.narrow:
            self.activate(pane if self.active != pane else "list")
            return
        attr = "show_tree" if pane == "tree" else "show_quotes"
        shown = not getattr(self, attr)
        setattr(self, attr, shown)
        save(f"tui.{attr}", "1" if shown else "0")
        if not shown and self.pane_of(self.screen.focused) == pane:
            self.activate("reader" if self.screen.reader.article else "list")
        else:
            self.apply()

    def resize(self, step: int, save: Callable[[str, str], None]) -> str | None:
        """`+` / `-` on the focused pane; returns a message when nothing can change."""
        pane = self.pane_of(self.screen.focused) or self.active
        if self.narrow:
            return "Panes take the whole screen at this size"
        if pane == "reader":  # the reading pane grows by taking rows from the list
            pane, step = "list", -step
        key, _, low, high = SIZES[pane]
        size = max(low, min(high, self.sizes[pane] + step * (2 if pane != "list" else 1)))
        if size == self.sizes[pane]:
            return None
        self.sizes[pane] = size
        self.apply()
        save(key, str(size))
        return None
