"""The outline (`t`): the article's headings in a box drawn by the reading pane over its text.

The box is part of the pane's own lines (its top right corner on the pane's), not a widget: the
pane keeps its size, its wrapped lines and the focus, and showing or moving the outline redraws
the pane and nothing else. The box is as wide as the longest heading, up to OUTLINE_MAX_WIDTH
and the pane's width, and as high as the headings, up to the pane's height (it scrolls within
itself beyond). Headings are indented by level; the cursor starts on the section being read.

Its keys are the `outline` scope's rows of the action table (the user's keymap applied): the
moves, `enter` jumps to a heading, `escape` or `t` leave the outline. Any other key leaves it
and does what it always does; so does losing the focus.

Article text is data, never markup: every row is a `rich.text.Text`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual.strip import Strip

if TYPE_CHECKING:
    from reader.api import Heading

OUTLINE_MAX_WIDTH = 100  # the outline is as wide as its longest heading, up to this
MIN_WIDTH = 24
INDENT = "  "
TITLE = "Outline"
SUBTITLE = "enter: go · escape: close"
OUTLINE_CLASSES = {
    "reading-pane--outline",
    "reading-pane--outline-border",
    "reading-pane--outline-title",
    "reading-pane--outline-subtitle",
    "reading-pane--outline-cursor",
}


class Outline:
    """What the outline shows: the headings as rows, the cursor, the first row in view."""

    def __init__(self, headings: list[Heading], current: int) -> None:
        self.headings = headings
        self.rows = [Text(INDENT * (h.level - 1) + " ".join(h.text.split())) for h in headings]
        self.cursor = max(0, min(current, len(headings) - 1))
        self.top = 0
        self.strips: dict[int, Strip] = {}  # the box's lines by pane line, drawn once each
        self.drawn_for: tuple[int, int] = (-1, -1)  # (width, height) the strips are for

    def geometry(self, width: int, height: int) -> tuple[int, int, int]:
        """(x, width, height) of the box in a pane's view this size."""
        longest = max((r.cell_len for r in self.rows), default=MIN_WIDTH)
        box_w = min(OUTLINE_MAX_WIDTH, max(MIN_WIDTH, longest + 5), width)
        box_h = min(len(self.rows) + 2, height)
        return width - box_w, box_w, box_h

    def move_to(self, index: int, height: int) -> None:
        self.cursor = max(0, min(index, len(self.rows) - 1))
        inner = max(1, height - 2)
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + inner:
            self.top = self.cursor - inner + 1
        self.strips.clear()


def _border(left: str, label: Text, right: str, width: int, edge: Style, end: bool) -> Text:
    """A top or bottom border with its label, one line in from a corner: the left one, or
    the right one (`end`)."""
    label = label.copy()
    label.truncate(max(0, width - 6), overflow="ellipsis")
    fill = "─" * max(0, width - label.cell_len - 5)
    line = Text(left + ("" if end else "─"), style=edge)
    if end:
        line.append(fill, style=edge)
    line.append(" ", style=edge)
    line.append_text(label)
    line.append(" ", style=edge)
    line.append(("─" if end else fill) + right, style=edge)
    return line


class OutlineMode:
    """Mixed into the reading pane (before its Textual base): the outline over its text."""

    outline: Outline | None = None

    # -- shown and left -----------------------------------------------------------------------

    def headings(self) -> list[Heading]:
        """The open article's headings (its outline)."""
        pane: Any = self
        if pane._headings is None:
            from reader.api import outline

            pane._headings = outline(pane.doc) if pane.doc is not None else []
            pane._heading_starts = [h.start for h in pane._headings]
        return pane._headings  # type: ignore[no-any-return]

    def open_outline(self, headings: list[Heading], current: int) -> None:
        pane: Any = self
        self.outline = Outline(headings, current)
        self.outline.move_to(self.outline.cursor, pane.scrollable_content_region.height)
        pane.refresh()

    def close_outline(self) -> None:
        if self.outline is not None:
            self.outline = None
            pane: Any = self
            pane.refresh()

    def _forget_headings(self) -> None:
        """A new article: its headings are read again when asked for; no outline over it."""
        pane: Any = self
        pane._headings = None
        self.close_outline()

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        if self.outline is not None:
            self.outline.strips.clear()

    def on_blur(self) -> None:
        self.close_outline()  # a click elsewhere, a dialog: the outline goes, as a menu does

    # -- keys ---------------------------------------------------------------------------------

    def on_key(self, event: Any) -> None:
        outline = self.outline
        if outline is None:
            return
        pane: Any = self
        action = _outline_keys(pane.app).get(event.key)
        if action is None:
            self.close_outline()  # the key does what it always does
            return
        event.stop()
        event.prevent_default()
        height = pane.scrollable_content_region.height
        page = max(1, min(len(outline.rows) + 2, height) - 2)
        moves = {
            "down": outline.cursor + 1,
            "up": outline.cursor - 1,
            "top": 0,
            "bottom": len(outline.rows) - 1,
            "page_down": outline.cursor + page,
            "page_up": outline.cursor - page,
        }
        if action in moves:
            outline.move_to(moves[action], height)
            pane.refresh()
        elif action == "go":
            start = outline.headings[outline.cursor].start
            self.close_outline()
            pane.scroll_to_offset(start, context=0)
        else:
            self.close_outline()

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        pane: Any = self
        strip: Strip = pane.render_text_line(y)
        outline = self.outline
        if outline is None:
            return strip
        region = pane.scrollable_content_region
        width, height = region.width, region.height
        if height < 3 or width < 8:
            return strip
        if outline.drawn_for != (width, height):
            outline.drawn_for = (width, height)
            outline.move_to(outline.cursor, height)
        x, box_w, box_h = outline.geometry(width, height)
        if y >= box_h:
            return strip
        box = outline.strips.get(y)
        if box is None:
            box = self._outline_line(outline, y, box_w, box_h)
            outline.strips[y] = box
        return Strip.join([strip.crop(0, x), box]).simplify()

    def _outline_line(self, outline: Outline, y: int, width: int, height: int) -> Strip:
        pane: Any = self
        base: Style = pane.line_style + pane._style("outline")
        edge = base + pane._style("outline-border")
        if y == 0:
            title = Text(TITLE, style=base + pane._style("outline-title"))
            line = _border("╭", title, "╮", width, edge, end=False)
        elif y == height - 1:
            subtitle = Text(SUBTITLE, style=base + pane._style("outline-subtitle"))
            line = _border("╰", subtitle, "╯", width, edge, end=True)
        else:
            index = outline.top + y - 1
            inner = height - 2
            row = outline.rows[index].copy() if index < len(outline.rows) else Text()
            row.style = base
            row.truncate(width - 4, overflow="ellipsis", pad=True)
            if index == outline.cursor:
                row.stylize(pane._style("outline-cursor"))
            row.pad_left(1)
            row.pad_right(1)
            right = "│"
            total = len(outline.rows)
            if total > inner:  # the right edge shows where the rows in view are
                start = outline.top * inner // total
                size = max(1, inner * inner // total)
                if start <= y - 1 < start + size:
                    right = "┃"
            line = Text("│", style=edge)
            line.append_text(row)
            line.append(right, style=edge)
        return Strip(line.render(pane.app.console), width)


def _outline_keys(app: Any) -> dict[str, str]:
    """Key -> what it does in the outline (`down`, `go`, `close`...), the keymap applied."""
    overrides = getattr(app, "keymap_overrides", {})
    cached = getattr(app, "_outline_keys", None)
    if cached is not None and cached[0] == overrides:
        return cached[1]  # type: ignore[no-any-return]
    from reader.tui.actions import in_scope, keys_of

    keys: dict[str, str] = {}
    for row in in_scope("outline"):
        for key in keys_of(row, overrides).split(","):
            if key.strip():
                keys.setdefault(key.strip(), row.action)
    app._outline_keys = (dict(overrides), keys)
    return keys
