"""A virtual list with a cursor: rows are drawn on demand, never mounted as widgets.

The base of the article list, the quotes pane and the search results. Like toolong's
`LogLines` (and Textual's own OptionList), it is a ScrollView whose `render_line` draws only the
rows in view, so 100,000 rows cost what 20 do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.actions import bindings
from reader.tui.widgets.cached_styles import CachedStyles


class HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=HasId)


class RowList(CachedStyles, ScrollView, can_focus=True):
    """Rows of `row_height` lines (or each its own: `row_span`, `row_at`, `line_count`);
    subclasses say how many rows there are and draw one line."""

    ALLOW_SELECT = False  # a drag over the list moves nothing; a click picks a row
    row_height = 1

    BINDINGS = bindings("lists")

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    # Plain classes: a dataclass takes half a millisecond to build at import, every start.

    class _RowMessage(Message):
        """Something happened at row `index` of `list`."""

        def __init__(self, list: RowList, index: int) -> None:
            super().__init__()
            self.list = list
            self.index = index

        @property
        def control(self) -> RowList:
            return self.list

    class Highlighted(_RowMessage):
        """The cursor moved to `index`."""

        def can_replace(self, message: Message) -> bool:
            # Holding `j` down need not update the rest of the UI for every row passed.
            return isinstance(message, RowList.Highlighted) and message.list is self.list

    class Chosen(_RowMessage):
        """`enter` (or a double click) on row `index`."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._cache: dict[tuple[int, int], Strip] = {}
        self._cache_width = 0  # the width the cached lines were drawn at

    # -- to override --------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return 0

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        raise NotImplementedError

    # -- geometry: every row `row_height` lines; a subclass may give each row its own ----------

    def row_span(self, index: int) -> tuple[int, int]:
        """The first line of row `index` in the whole list, and its number of lines."""
        return index * self.row_height, self.row_height

    def row_at(self, y: int) -> tuple[int, int]:
        """The row at line `y` of the whole list and the line within it (a row past the last
        one below the end)."""
        return divmod(y, self.row_height)

    @property
    def line_count(self) -> int:
        """The lines of every row."""
        return self.row_count * self.row_height

    # -- rows with ids (the article list, the quotes pane) -------------------------------------

    def row_at_cursor(self, rows: Sequence[R]) -> R | None:
        """The row under the cursor, or None if there are no rows."""
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    @staticmethod
    def index_of_id(rows: Sequence[HasId], row_id: str | None) -> int | None:
        """The index of the first row with this id, or None."""
        if row_id is None:
            return None
        for n, row in enumerate(rows):
            if row.id == row_id:
                return n
        return None

    # -- model changes ------------------------------------------------------------------------

    def rows_changed(self, keep: int | None = None) -> None:
        """The rows were replaced or restyled: size, cursor and cached lines follow."""
        self._cache.clear()
        count = self.row_count
        cursor = self.cursor if keep is None else keep
        self.set_reactive(RowList.cursor, max(0, min(cursor, count - 1)) if count else 0)
        # Width 0: rows are drawn to the list's width, so there is never anything to scroll
        # sideways, and no horizontal scrollbar when a vertical one takes a column. (After the
        # cursor: a row's height may depend on it.)
        self.virtual_size = Size(0, self.line_count)
        self.scroll_to_cursor(animate=False)
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw (e.g. a read state or bookmark changed) without moving anything."""
        self._cache.clear()
        self.refresh()

    # -- rendering ----------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh_rows()  # the cursor row changes colour with the focus

    def on_blur(self) -> None:
        self.refresh_rows()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._cache_width:  # the compositor may draw before on_resize runs
            self._cache.clear()
            self._cache_width = width
        absolute = self.scroll_offset.y + y
        index, line = self.row_at(absolute)
        if index >= self.row_count or width <= 0:
            return Strip.blank(width, self.line_style)
        key = (index, line)
        strip = self._cache.get(key)
        if strip is None:
            strip = self.render_row_line(index, line, width, index == self.cursor)
            strip = strip.crop_extend(0, width, self.line_style)
            # The row number rides along as meta, so a click knows its row (as Tree does).
            meta = Style.from_meta({"row": index})
            strip = Strip([Segment(t, (s + meta) if s else meta, c) for t, s, c in strip], width)
            if len(self._cache) > 400:
                self._cache.clear()
            self._cache[key] = strip
        return strip

    # -- cursor -------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            top, lines = self.row_span(index)
            for line in range(lines):
                self._cache.pop((index, line), None)
            self.refresh_lines(top, lines)
        self.scroll_to_cursor()
        if self.row_count:
            self.post_message(self.Highlighted(self, new))

    def scroll_to_cursor(self, animate: bool = False) -> None:
        top, lines = self.row_span(self.cursor)
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        if top < self.scroll_offset.y:
            self.scroll_lines_to(top, animate)
        elif top + lines > self.scroll_offset.y + height:
            # its end into view, unless that hides its start (a row taller than the list)
            self.scroll_lines_to(min(top, top + lines - height), animate)

    def scroll_lines_to(self, y: int, animate: bool = False) -> None:
        """Line `y` of the whole list at the top, now. Forced: a list that just grew taller
        than itself (rows added, a row shown whole) has no scrollbar until the next layout, and
        Textual scrolls only a widget with one; the list's height bounds it all the same."""
        self.scroll_to(y=y, animate=animate, immediate=True, force=True)

    def move_cursor(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(self.row_count - 1, index))

    @property
    def page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.row_count - 1)

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self.page_rows)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self.page_rows)

    def action_choose(self) -> None:
        if self.row_count:
            self.post_message(self.Chosen(self, self.cursor))

    async def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is None:
            return
        self.focus()
        self.move_cursor(row)
        if event.chain >= 2:
            self.action_choose()
