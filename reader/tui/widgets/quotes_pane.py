"""The quotes pane: the open article's quotations and highlights, in text order.

An entry is its quote's words, its note right under them (line breaks kept), and a blank
line. The words and the note of the selected entry are shown whole, wrapped to the pane;
every other entry shows two lines of each at most, so the rows have heights of their own:
the first line of each is kept in `_tops`, worked out again when the quotes, the cursor or
the width change (a sum over the quotes; only the selected one is wrapped whole).

The selected entry may be taller than the pane: then the moves read it first, as a pager does.
`j`/down scrolls a line while its end is below the pane and selects the next entry only once
the end is in view; `k`/up scrolls back while its top is above the pane; the page keys page
within it. A newly selected entry is scrolled to its top.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.strip import Strip

from reader.api import Quote, clean, clean_line
from reader.tui.actions import bindings
from reader.tui.widgets.article_list import MARK_BOOKMARK, fit
from reader.tui.widgets.rowlist import RowList

MARK_QUOTATION = "“"
MARK_HIGHLIGHT = "▍"
MARK_ORPHAN = "◌"
MARK_CHANGED = "≠"  # the article's words there now differ from the words quoted
MARK_NOTE = "✎ "
# What an empty pane shows, by line.
EMPTY_LINES = {1: " No quotations or highlights yet.", 2: " Press v in the text to select some."}
INDENT = 4  # the marks' columns before the words
CLAMP = 2  # lines of the words, and of the note, of an entry that is not selected


class QuotesPane(RowList):
    """An entry a quote: its words, its note under them, a blank line."""

    row_height = 3  # a typical entry: what a page up or down counts in

    COMPONENT_CLASSES = {
        "quotes-pane--cursor",
        "quotes-pane--quotation",
        "quotes-pane--highlight",
        "quotes-pane--orphan",
        "quotes-pane--changed",
        "quotes-pane--mark",
        "quotes-pane--note",
        "quotes-pane--empty",
    }

    BINDINGS = bindings("quotes")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self._texts: list[str] = []  # each quote's words on one line
        self._notes: list[list[str]] = []  # each quote's note (or what it reads now), by line
        self._tops: list[int] = [0]  # the first line of each entry, then the line count
        self._laid_out: tuple[int, int] | None = None  # (width, cursor) of `_tops`
        self._scrolled_to: str | None = None  # the quote `scroll_to_cursor` last showed

    @property
    def row_count(self) -> int:
        return len(self.quotes)

    @property
    def current(self) -> Quote | None:
        return self.row_at_cursor(self.quotes)

    def set_quotes(self, quotes: list[Quote], keep_id: str | None = None) -> None:
        keep_id = keep_id or (self.current.id if self.current else None)
        self.quotes = quotes
        self._texts = [clean_line(q.text) for q in quotes]
        self._notes = [_note_lines(q) for q in quotes]
        self._laid_out = None
        self.rows_changed(self.index_of_id(quotes, keep_id) or 0)

    def select_id(self, quote_id: str) -> None:
        index = self.index_of_id(self.quotes, quote_id)
        if index is not None:
            self.move_cursor(index)

    # -- geometry -----------------------------------------------------------------------------

    @property
    def room(self) -> int:
        """The cells for the words on a line."""
        return max(4, self.scrollable_content_region.width - INDENT)

    def _layout(self) -> list[int]:
        key = (self.room, self.cursor)
        if key != self._laid_out:
            tops = [0]
            for index in range(len(self.quotes)):
                tops.append(tops[-1] + self._height(index, index == self.cursor))
            self._tops, self._laid_out = tops, key
        return self._tops

    def _height(self, index: int, selected: bool) -> int:
        """An entry's lines (its words, its note, the blank line), without drawing it."""
        from reader.tui.textlayout import text_cells, wrap  # not needed before a quote is shown

        room, text = self.room, self._texts[index]
        # The words whole; else one line, or two cut with an ellipsis (wider than a line of a
        # `wrap` always makes two or more: the text has no spaces at its ends).
        fits = text_cells(text) <= room
        words = len(wrap(text, 0, room)) if selected else 1 if fits else CLAMP
        return words + len(_wrap_note(self._notes[index], room - 2, selected)) + 1

    def row_span(self, index: int) -> tuple[int, int]:
        tops = self._layout()
        if index >= len(self.quotes):
            return tops[-1], 0
        return tops[index], tops[index + 1] - tops[index]

    def row_at(self, y: int) -> tuple[int, int]:
        tops = self._layout()
        if y >= tops[-1]:
            return len(self.quotes), 0
        index = bisect_right(tops, y) - 1
        return index, y - tops[index]

    @property
    def line_count(self) -> int:
        return self._layout()[-1]

    def watch_cursor(self, old: int, new: int) -> None:
        # The entry left is clamped again and the new one shown whole: every entry below moves.
        self.virtual_size = Size(0, self.line_count)
        self.refresh_rows()
        super().watch_cursor(old, new)

    def on_resize(self, event: events.Resize) -> None:
        if self.quotes:  # the words wrap anew
            self.virtual_size = Size(0, self.line_count)
            self.refresh_rows()
            self.scroll_to_cursor()

    # -- moves: an entry taller than the pane is read through first ------------------------------

    def _hidden(self) -> tuple[int, int]:
        """The selected entry's lines above the pane's top and below its bottom (its words and
        note; the blank line after them is not read). (0, 0) when none of it is in view: the
        moves then select the next entry and bring it into view."""
        if not self.quotes:
            return 0, 0
        top, lines = self.row_span(self.cursor)
        end = top + lines - 1
        y, height = self.scroll_offset.y, self.scrollable_content_region.height
        if height <= 0 or end <= y or top >= y + height:
            return 0, 0
        return max(0, y - top), max(0, end - (y + height))

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # a line of the last page kept

    def action_cursor_down(self) -> None:
        if self._hidden()[1]:
            self.scroll_lines_to(self.scroll_offset.y + 1)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self._hidden()[0]:
            self.scroll_lines_to(self.scroll_offset.y - 1)
        else:
            super().action_cursor_up()

    def action_page_down(self) -> None:
        below = self._hidden()[1]
        if below:
            self.scroll_lines_to(self.scroll_offset.y + min(below, self._page))
        else:
            super().action_page_down()

    def action_page_up(self) -> None:
        above = self._hidden()[0]
        if above:
            self.scroll_lines_to(self.scroll_offset.y - min(above, self._page))
        else:
            super().action_page_up()

    def scroll_to_cursor(self, animate: bool = False) -> None:
        current = self.current
        shown, self._scrolled_to = self._scrolled_to, current.id if current else None
        if current is not None and current.id == shown:
            # The same entry again (its quotes reloaded, the pane resized, a click on it): one
            # taller than the pane, in view, stays where it was read to.
            taller = self.row_span(self.cursor)[1] - 1 > self.scrollable_content_region.height
            if taller and any(self._hidden()):
                return
        super().scroll_to_cursor(animate)

    # -- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        if not self.quotes:
            width = self.scrollable_content_region.width
            if y in EMPTY_LINES:
                style = self.line_style + self.get_component_rich_style(
                    "quotes-pane--empty", partial=True
                )
                return Strip([Segment(fit(EMPTY_LINES[y], width), style)])
            return Strip.blank(width, self.line_style)
        return super().render_line(y)

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        from reader.tui.textlayout import wrap  # not needed before a quote is shown

        q = self.quotes[index]
        room, text = self.room, self._texts[index]
        pieces = wrap(text, 0, room)
        if not selected and len(pieces) > CLAMP:
            pieces = [pieces[0], (pieces[1][0], len(text))]  # the rest, cut with an ellipsis
        if line >= len(pieces):
            note = _wrap_note(self._notes[index], room - 2, selected)
            at = line - len(pieces)
            if at >= len(note):
                return Strip.blank(width, self.line_style)  # between entries
            note_class = "quotes-pane--note" if q.note else "quotes-pane--changed"
            style = self.line_style + self.get_component_rich_style(note_class, partial=True)
            lead = MARK_NOTE if at == 0 and q.note else "  "
            return Strip(
                [
                    Segment(" " * INDENT, self.line_style),
                    Segment(lead + fit(note[at], room - 2), style),
                ]
            )
        base = self.line_style
        if selected:
            base = base + self.get_component_rich_style("quotes-pane--cursor")
        s, e = pieces[line]
        words = Segment(fit(text[s:e], room), base)
        if line > 0:
            return Strip([Segment(" " * INDENT, base), words])
        mark_style = base + self.get_component_rich_style("quotes-pane--mark", partial=True)
        if q.orphaned:
            kind_mark, kind_class = MARK_ORPHAN, "quotes-pane--orphan"
        elif q.changed:
            kind_mark, kind_class = MARK_CHANGED, "quotes-pane--changed"
        elif q.kind == "highlight":
            kind_mark, kind_class = MARK_HIGHLIGHT, "quotes-pane--highlight"
        else:
            kind_mark, kind_class = MARK_QUOTATION, "quotes-pane--quotation"
        kind_style = base + self.get_component_rich_style(kind_class, partial=True)
        return Strip(
            [
                Segment(" ", base),
                Segment(MARK_BOOKMARK if q.bookmarked else " ", mark_style),
                Segment(kind_mark, kind_style),
                Segment(" ", base),
                words,
            ]
        )


def _note_lines(q: Quote) -> list[str]:
    """What goes under a quote, by line: its note; or, with none, what a changed quote's place
    in the article reads now; or nothing."""
    if q.note:
        return [" ".join(line.split()) for line in clean(q.note).split("\n")]
    if q.changed:
        return ["now: " + clean_line(q.current_text or "")]
    return []


def _wrap_note(lines: list[str], room: int, whole: bool) -> list[str]:
    """The note's lines wrapped to `room` cells: all of them, or the first two, the second
    ending in an ellipsis when more was left out."""
    from reader.tui.textlayout import wrap

    out: list[str] = []
    for line in lines:
        for s, e in wrap(line, 0, room):
            if not whole and len(out) == CLAMP:
                out[-1] = fit(out[-1] + "…", room).rstrip()
                return out
            out.append(line[s:e])
    return out
