"""The quotes pane: the open article's quotations and highlights, in text order."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip

from reader.api import Quote, clean_line
from reader.tui.actions import bindings
from reader.tui.widgets.article_list import MARK_BOOKMARK, fit
from reader.tui.widgets.rowlist import RowList

MARK_QUOTATION = "“"
MARK_HIGHLIGHT = "▍"
MARK_ORPHAN = "◌"
MARK_CHANGED = "≠"  # the article's words there now differ from the words quoted
# What an empty pane shows, by line.
EMPTY_LINES = {1: " No quotations or highlights yet.", 2: " Press v in the text to select some."}


class QuotesPane(RowList):
    """Three lines a quote: two of its words, one for its note."""

    row_height = 3

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

    @property
    def row_count(self) -> int:
        return len(self.quotes)

    @property
    def current(self) -> Quote | None:
        return self.row_at_cursor(self.quotes)

    def set_quotes(self, quotes: list[Quote], keep_id: str | None = None) -> None:
        keep_id = keep_id or (self.current.id if self.current else None)
        self.quotes = quotes
        self.rows_changed(self.index_of_id(quotes, keep_id) or 0)

    def select_id(self, quote_id: str) -> None:
        index = self.index_of_id(self.quotes, quote_id)
        if index is not None:
            self.move_cursor(index)

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
        q = self.quotes[index]
        base = self.line_style
        if selected and line < 2:
            cursor = self.get_component_rich_style("quotes-pane--cursor")
            base = base + cursor
        room = max(4, width - 4)
        text = clean_line(q.text)
        if line == 2:
            if q.note:
                note_class, third = "quotes-pane--note", "✎ " + clean_line(q.note)
            elif q.changed:  # no note to show: say what the article reads now
                note_class, third = (
                    "quotes-pane--changed",
                    "now: " + clean_line(q.current_text or ""),
                )
            else:
                return Strip.blank(width, self.line_style)
            note_style = self.line_style + self.get_component_rich_style(note_class, partial=True)
            return Strip(
                [
                    Segment("    ", self.line_style),
                    Segment(fit(third, room), note_style),
                ]
            )
        from reader.tui.textlayout import wrap  # not needed before a quote is shown

        pieces = wrap(text, 0, room)
        if line == 0:
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
            s, e = pieces[0]
            return Strip(
                [
                    Segment(" ", base),
                    Segment(MARK_BOOKMARK if q.bookmarked else " ", mark_style),
                    Segment(kind_mark, kind_style),
                    Segment(" ", base),
                    Segment(fit(text[s:e], room), base),
                ]
            )
        if len(pieces) < 2:
            return Strip([Segment(" " * width, base)])
        s = pieces[1][0]
        rest = text[s:]
        return Strip([Segment("    ", base), Segment(fit(rest, room), base)])
