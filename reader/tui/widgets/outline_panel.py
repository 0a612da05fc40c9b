"""The outline (`t`): the article's headings in a panel over the reading pane.

The panel floats over the screen (`position: absolute`), its top right corner on the reading
pane's, so the reading pane under it keeps its size and its wrapped lines: opening the outline
draws the panel and nothing else. A heading longer than the reading pane is wide widens it to
the left, over the article list, up to OUTLINE_MAX_WIDTH. It is made the first time it is used, then shown and hidden. Headings are
indented by level; the cursor starts on the section being read; `enter` jumps to a heading
(the panel posts `Picked` with its text offset), `escape` or `t` closes it (`Closed`).

Article text is data, never markup: every row is a `rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.geometry import Offset, Region
from textual.message import Message
from textual.strip import Strip

from reader.tui.actions import bindings
from reader.tui.widgets.rowlist import RowList

if TYPE_CHECKING:
    from reader.api import Heading

OUTLINE_MAX_WIDTH = 100  # the outline is as wide as its longest heading, up to this
MIN_WIDTH = 24
INDENT = "  "


class OutlinePanel(RowList):
    """The headings of the open article, one row each; hidden until `t`."""

    COMPONENT_CLASSES = {"outline-panel--cursor", "outline-panel--title"}
    BINDINGS = bindings("outline")
    DEFAULT_CSS = """
    OutlinePanel {
        position: absolute;
        overlay: screen;
        display: none;
        height: 3;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
        overflow-y: auto;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    OutlinePanel > .outline-panel--cursor {
        background: $block-cursor-blurred-background;
    }
    OutlinePanel:focus > .outline-panel--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
    }
    """

    class Closed(Message):
        """`escape` or `t`: the panel hid itself."""

    class Picked(Message):
        """`enter` (or a double click) on a heading: go to its text offset."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.headings: list[Heading] = []
        self._rows: list[Text] = []
        self.border_title = "Outline"
        self.border_subtitle = "enter: go · escape: close"

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        row = self._rows[index].copy()
        row.truncate(width, overflow="ellipsis", pad=True)
        style = self.line_style
        if selected:
            style = style + self.get_component_rich_style("outline-panel--cursor")
        return Strip(row.render(self.app.console), row.cell_len).apply_style(style)

    def show(self, headings: list[Heading], current: int, area: Region) -> None:
        """Show these headings over `area` (the reading pane's, on the screen), the cursor on
        row `current`."""
        self.headings = headings
        self._rows = [Text(INDENT * (h.level - 1) + " ".join(h.text.split())) for h in headings]
        longest = max((r.cell_len for r in self._rows), default=MIN_WIDTH)
        # border and padding take 4 cells, the scrollbar one more
        right = area.right
        width = min(OUTLINE_MAX_WIDTH, max(MIN_WIDTH, longest + 5), max(10, right))
        height = min(len(self._rows) + 2, max(3, area.height))
        styles = self.styles
        styles.width = width
        styles.height = height
        styles.offset = Offset(max(0, right - width), area.y)
        self.display = True
        self.rows_changed(keep=max(0, current))
        self.focus()

    def hide(self) -> None:
        self.display = False

    def on_blur(self) -> None:
        super().on_blur()
        self.hide()  # a click elsewhere, a dialog: the outline goes, as a menu does

    def action_choose(self) -> None:
        if 0 <= self.cursor < len(self.headings):
            self.hide()
            self.post_message(self.Picked(self.headings[self.cursor].start))

    def action_close(self) -> None:
        self.hide()
        self.post_message(self.Closed())
