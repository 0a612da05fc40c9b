"""The reading pane: an article's Document, wrapped once per width, drawn a line at a time.

Like toolong's `LogLines`, this is a ScrollView with `render_line`: a 100,000-word article costs
one layout pass (plain string offsets, no Rich objects) and then only the lines in view are
styled. Text is data: every line is built as a `rich.text.Text` from `doc.text` slices and spans,
never through markup.

Its selections and find are in `reading_select`, the outline over its text (`t`) in `reading_outline`.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from reader.api import Article, Quote
from reader.tui.actions import bindings
from reader.tui.widgets.cached_styles import CachedStyles, selection_style
from reader.tui.widgets.reading_lines import INLINE, header_lines, styled_text
from reader.tui.widgets.reading_outline import OUTLINE_CLASSES, OutlineMode
from reader.tui.widgets.reading_select import Selecting, SpanSet, disjoint

# The text and layout modules (and reader.export's dates) are imported with the first article
# shown, not for the first frame.
if TYPE_CHECKING:
    from reader.api import Document, Heading, Link
    from reader.tui.textlayout import Layout, Line

SAVE_DELAY = 0.5  # seconds of stillness before the reading position is written
# Seconds the end must stay in view after a jump (`G`, a search hit) to count as read: a peek
# at the end is not reading it. Reaching the end line by line or page by page counts at once.
END_DWELL = 2.0


class ReadingPane(OutlineMode, CachedStyles, Selecting, ScrollView, can_focus=True):
    """Shows one article; knows its reading position, decorations and selections."""

    COMPONENT_CLASSES = {
        "reading-pane--title",
        "reading-pane--meta",
        "reading-pane--note",
        "reading-pane--h1",
        "reading-pane--h2",
        "reading-pane--h3",
        "reading-pane--code",
        "reading-pane--figure",
        "reading-pane--rule",
        "reading-pane--decoration",
        "reading-pane--link",
        "reading-pane--link-number",
        "reading-pane--footref",
        "reading-pane--section",
        "reading-pane--table-head",
        "reading-pane--table-rule",
        "reading-pane--quotation",
        "reading-pane--highlight",
        "reading-pane--changed",
        "reading-pane--term",
        "reading-pane--find-current",
        "reading-pane--sentence",
        "reading-pane--empty",
    } | OUTLINE_CLASSES

    BINDINGS = bindings("reader")

    # -- messages -----------------------------------------------------------------------------
    # Plain classes: a dataclass takes half a millisecond to build at import, every start.

    class PositionChanged(Message):
        """The reader stopped scrolling here (debounced): save it."""

        def __init__(self, article_id: str, offset: int, progress: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.offset = offset
            self.progress = progress

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReadingPane.PositionChanged)

    class ReachedEnd(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class HighlightRequested(Message):
        def __init__(self, article_id: str, start: int, end: int) -> None:
            super().__init__()
            self.article_id = article_id
            self.start = start
            self.end = end

    class Notice(Message):
        """A one-line message for the status line."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class SectionChanged(Message):
        """The heading of the section at the top of the view changed ("" before any)."""

        def __init__(self, title: str) -> None:
            super().__init__()
            self.title = title

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ReadingPane.SectionChanged)

    class Left(Message):
        """`escape` with nothing to cancel: the reader wants to go back to the list."""

    # -- state --------------------------------------------------------------------------------

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.doc: Document | None = None
        self.text_layout: Layout | None = None
        self._layout_for = -1
        self._cache: dict[int, Strip] = {}
        self._anchor = 0  # doc offset to show at the top once a layout exists
        self._anchor_pending = False
        self._quotations = SpanSet([])
        self._highlights: list[tuple[int, int]] = []
        self._changed: list[tuple[int, int]] = []  # quotes whose words there now differ
        self._terms = SpanSet([])
        self._find = SpanSet([])
        self._find_query = ""
        self._find_index = -1
        self._sentences: list[tuple[int, int]] | None = None
        self._selection: tuple[int, int] | None = None  # the v selection, as offsets
        self._headings: list[Heading] | None = None
        self._heading_starts: list[int] = []
        self._section: str | None = None
        self._save_timer: Timer | None = None
        self._end_reported = False
        self._dwell_timer: Timer | None = None
        self._last_find = ""  # the pattern n/N use once the find is closed (as less and vim)
        self._styles: dict[str, Style] = {}

    @property
    def article_id(self) -> str | None:
        return self.article.id if self.article else None

    def show(
        self,
        article: Article,
        doc: Document,
        *,
        offset: int = 0,
        quotes: list[Quote] | None = None,
        terms: list[str] | None = None,
    ) -> None:
        """Display an article with its top line at `offset` (a doc offset)."""
        self.article = article
        self.doc = doc
        self.text_layout = None
        self._layout_for = -1
        self._sentences = None
        self.sentence_selection = None
        self._forget_headings()
        if self._section:
            self.post_message(self.SectionChanged(""))
        self._section = None
        self._find = SpanSet([])
        self._find_query = ""
        self._find_index = -1
        self._last_find = ""
        self._end_reported = False
        self._cancel_dwell()
        self.set_quotes(quotes or [])
        from reader.api import term_spans

        self._terms = SpanSet(term_spans(doc.text, terms) if terms else [])
        if self._terms.spans:
            # A search hit: n/N step through what the search matched, as after a find.
            self._find = self._terms
            self._find_query = " ".join(terms or [])
            self._find_index = 0
            if offset <= 0:
                offset = self._terms.spans[0][0]
        self._anchor = max(0, offset)
        self._anchor_pending = True
        self._cancel_save()
        if self.is_attached:
            self.screen.clear_selection()
        self._ensure_layout()
        self.refresh()
        self.call_after_refresh(self._report_section)

    def clear(self) -> None:
        self.article = None
        self.doc = None
        self.text_layout = None
        self._layout_for = -1
        self._cancel_save()
        self._cancel_dwell()
        self.virtual_size = Size(0, 0)
        self._invalidate()

    def set_quotes(self, quotes: list[Quote]) -> None:
        spans = {
            kind: [
                (q.start, q.end)
                for q in quotes
                if q.kind == kind and q.status == "anchored" and q.start is not None and q.end
            ]
            for kind in ("quotation", "highlight")
        }
        self._quotations = SpanSet(disjoint(spans["quotation"]))
        self._highlights = sorted(spans["highlight"])
        self._changed = sorted(
            (q.start, q.end) for q in quotes if q.changed and q.start is not None and q.end
        )
        self._invalidate()

    # -- layout -------------------------------------------------------------------------------

    @property
    def _pane_width(self) -> int:
        return self.scrollable_content_region.width

    def _ensure_layout(self) -> None:
        width = self._pane_width
        if self.doc is None or self.article is None or width <= 0:
            return
        if self.text_layout is not None and self._layout_for == width:
            return
        if self.text_layout is not None and not self._anchor_pending:
            self._anchor = self.top_offset()  # keep the same words at the top on a resize
            self._anchor_pending = True
        from reader.tui.textlayout import layout_document

        self.text_layout = layout_document(self.doc, width, header_lines(self.article))
        self._layout_for = width
        self._cache.clear()
        # A table too wide for even its narrowest layout makes the pane scroll sideways.
        wide = self.text_layout.wide + self.text_layout.margin
        self.virtual_size = Size(max(width, wide), len(self.text_layout.lines))
        if self._anchor_pending:
            self._anchor_pending = False
            y = self.text_layout.line_at_offset(self._anchor) if self._anchor > 0 else 0
            self.scroll_to(y=y, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._ensure_layout()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._ensure_layout()
        return super().render_lines(crop)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._cache.clear()

    def _notice(self, text: str) -> None:
        self.post_message(self.Notice(text))

    def _request_highlight(self, article_id: str, start: int, end: int) -> None:
        self.post_message(self.HighlightRequested(article_id, start, end))

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- positions ----------------------------------------------------------------------------

    def top_offset(self) -> int:
        """Doc offset of the first visible line (0 while the header is in view)."""
        if self.text_layout is None or not self.text_layout.lines:
            return self._anchor
        y = min(int(self.scroll_offset.y), len(self.text_layout.lines) - 1)
        if y < self.text_layout.body_top:
            return 0
        return self.text_layout.lines[y].start

    def progress(self) -> int:
        """How far into the text the reader is, in percent: the offset at the top of the view.

        A text offset, not lines of the layout, so the figure does not change when the pane
        or the terminal changes size. Reaching the end is the article's read state, not 100%.
        """
        if self.doc is None:
            return 0
        total = max(1, len(self.doc.text))
        return max(0, min(100, self.top_offset() * 100 // total))

    def scroll_to_offset(self, offset: int, context: int = 2) -> None:
        """Bring the line holding `offset` into view, a little below the top."""
        if self.text_layout is None:
            self._anchor = offset
            self._anchor_pending = True
            return
        y = self.text_layout.line_at_offset(offset)
        self.scroll_to(y=max(0, y - context), animate=False, immediate=True)

    def _ensure_visible(self, offset: int) -> None:
        if self.text_layout is None:
            return
        y = self.text_layout.line_at_offset(offset)
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if y < top:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif y >= top + height:
            self.scroll_to(y=y - height + 2, animate=False, immediate=True)

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self._cache.clear()  # cached lines are cropped to the old sideways position

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.article is None or round(old_value) == round(new_value):
            return
        self._report_section()
        self._schedule_save()
        if self.max_scroll_y > 0 and new_value >= self.max_scroll_y:
            # Scrolled there (a line or a page at a time, the wheel): read. Jumped there
            # (`G`, a search hit, the scrollbar): read once the end has stayed in view.
            if new_value - old_value <= self.scrollable_content_region.height:
                self._report_end()
            else:
                self._start_dwell()
        else:
            self._cancel_dwell()

    def _start_dwell(self) -> None:
        if self._dwell_timer is None and not self._end_reported:
            self._dwell_timer = self.set_timer(END_DWELL, self._dwell_done)

    def _cancel_dwell(self) -> None:
        if self._dwell_timer is not None:
            self._dwell_timer.stop()
            self._dwell_timer = None

    def _dwell_done(self) -> None:
        self._dwell_timer = None
        if self.article is not None and self.scroll_offset.y >= self.max_scroll_y:
            self._report_end()

    def _report_end(self) -> None:
        if self.article is not None and not self._end_reported:
            self._end_reported = True
            self.post_message(self.ReachedEnd(self.article.id))

    def _schedule_save(self) -> None:
        self._cancel_save()
        self._save_timer = self.set_timer(SAVE_DELAY, self._post_position)

    def _cancel_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None

    def _post_position(self) -> None:
        self._save_timer = None
        if self.article is not None:
            self.post_message(
                self.PositionChanged(self.article.id, self.top_offset(), self.progress())
            )

    def take_position(self) -> tuple[str, int, int] | None:
        """(article id, offset, progress) now, cancelling the pending debounced save."""
        self._cancel_save()
        if self.article is None:
            return None
        return self.article.id, self.top_offset(), self.progress()

    # -- outline and links -------------------------------------------------------------------

    def current_section(self) -> Heading | None:
        """The heading of the section at the top of the view (None before the first)."""
        headings = self.headings()
        if not headings:
            return None
        top = self.top_offset()
        if self.text_layout is not None and self.scroll_offset.y >= self.max_scroll_y > 0:
            top = len(self.doc.text) if self.doc else top  # at the end: the last section
        i = bisect_right(self._heading_starts, top) - 1
        return headings[i] if i >= 0 else None

    def _report_section(self) -> None:
        if not self.headings() and self._section is None:
            return
        section = self.current_section()
        title = section.text if section is not None else ""
        if title != self._section:
            self._section = title
            self.post_message(self.SectionChanged(title))

    def link_list(self) -> list[Link]:
        """The article's links, one per number, as listed at its end."""
        if self.doc is None:
            return []
        from reader.api import link_list

        return link_list(self.doc)

    # -- movement -----------------------------------------------------------------------------

    def _moved_at_end(self, jump: bool = False) -> None:
        # A short article that fits the pane never scrolls: asking to move on is "read to the end".
        if self.article is not None and self.max_scroll_y == 0 and self.text_layout is not None:
            if jump:
                self._start_dwell()
            else:
                self._report_end()

    def action_line_down(self) -> None:
        if self.sentence_selection is not None:
            self._grow_selection(+1)
            return
        self.scroll_to(y=self.scroll_offset.y + 1, animate=False, immediate=True)
        self._moved_at_end()

    def action_line_up(self) -> None:
        if self.sentence_selection is not None:
            self._grow_selection(-1)
            return
        self.scroll_to(y=self.scroll_offset.y - 1, animate=False, immediate=True)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)
        self._moved_at_end(jump=True)

    def action_page_down(self) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_offset.y + page, animate=False, immediate=True)
        self._moved_at_end()

    def action_page_up(self) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_offset.y - page, animate=False, immediate=True)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._moved_at_end()

    def action_escape(self) -> None:
        if self.sentence_selection is not None:
            self.sentence_selection = None
            self.post_message(self.Notice("Selection cancelled"))
            self._invalidate()
        elif self.text_selection is not None:
            self.screen.clear_selection()
        elif self._find_query:
            self.clear_find(keep=True)
        else:
            self.post_message(self.Left())

    # -- rendering ----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"reading-pane--{name}", partial=True)
            self._styles[name] = style
        return style

    def render_text_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        absolute = int(self.scroll_offset.y) + y
        base = self.line_style
        if self.text_layout is None or self.doc is None:
            if y == 1 and self.article is None:
                message = "  Choose an article: enter opens it, / searches the library."
                text = styled_text(message, base + self._style("empty"))
                return Strip(text.render(self.app.console)).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if absolute >= len(self.text_layout.lines):
            return Strip.blank(width, base)
        selection = self.text_selection
        strip = self._cache.get(absolute) if selection is None else None
        if strip is None:
            text = self._line_text(absolute, base)
            if selection is not None:
                span = selection.get_span(absolute)
                if span is not None:
                    start, end = span
                    end = len(text) if end == -1 else end
                    sel_style = selection_style(self)
                    text.stylize(sel_style, max(0, start), max(0, end))
            strip = Strip(list(text.render(self.app.console)), cell_len(text.plain))
            x = int(self.scroll_offset.x)
            strip = strip.apply_offsets(0, absolute).crop_extend(x, x + width, base)
            if selection is None:
                if len(self._cache) > 300:
                    self._cache.clear()
                self._cache[absolute] = strip
        return strip

    def _line_text(self, y: int, base: Style) -> Text:
        """One line as styled Text: margin, decoration, then the article's own characters."""
        assert self.text_layout is not None and self.doc is not None
        line: Line = self.text_layout.lines[y]
        margin = " " * self.text_layout.margin
        if line.kind == "rule":
            rule_w = self.text_layout.width - len(line.prefix)
            return styled_text(margin + line.prefix + "─" * rule_w, base + self._style("rule"))
        if line.literal is not None:
            style = {"title": "title", "meta": "meta", "note": "note", "section": "section"}.get(
                line.kind, "meta"
            )
            text = styled_text(margin + line.literal, base)
            text.stylize(self._style(style), len(margin))
            return text
        lead = len(margin) + len(line.prefix)
        # segments: (doc start, doc end, index in `text`) of each slice of the article shown
        if line.parts is None:
            text = styled_text(margin + line.prefix + self.doc.text[line.start : line.end], base)
            segments = [(line.start, line.end, lead)]
        else:
            text = styled_text(margin + line.prefix, base)
            segments = []
            for part in line.parts:
                if isinstance(part[0], int):
                    s, e = int(part[0]), int(part[1])
                    segments.append((s, e, len(text)))
                    text.append(self.doc.text[s:e])
                else:
                    text.append(str(part[0]), self._style(str(part[1])))
        if line.prefix:
            text.stylize(self._style("decoration"), len(margin), lead)
            if line.kind == "figure":
                text.stylize(self._style("figure"), len(margin), lead)
        kind_style = None
        if line.kind == "heading":
            level = self.doc.blocks[line.block].level
            kind_style = self._style("h1" if level <= 1 else "h2" if level == 2 else "h3")
        elif line.kind == "code":
            kind_style = self._style("code")
        elif line.kind == "table-head":
            kind_style = self._style("table-head")
        elif line.kind == "figure":
            kind_style = self._style("figure")
        if kind_style is not None:
            for s, e, at in segments:
                text.stylize(kind_style, at, at + e - s)

        def paint(style: Style, a: int, b: int) -> None:
            for s, e, at in segments:
                if a < e and b > s:
                    text.stylize(style, at + max(a, s) - s, at + min(b, e) - s)

        a, b = line.start, line.end
        if line.parts is not None and segments:
            a, b = min(s for s, _, _ in segments), max(e for _, e, _ in segments)
        if line.block >= 0 and b > a:
            for inline in self.doc.blocks[line.block].spans:
                if inline.end <= a or inline.start >= b:
                    continue
                look = INLINE.get(inline.style)
                if inline.style in ("code", "link"):
                    look = self._style(inline.style)
                if look is not None:
                    paint(look, inline.start, inline.end)
        if b > a:
            layers: list[tuple[list[tuple[int, int]], str]] = [
                (self._quotations.overlapping(a, b), "quotation"),
                ([h for h in self._highlights if h[0] < b and h[1] > a], "highlight"),
                ([c for c in self._changed if c[0] < b and c[1] > a], "changed"),
                (self._terms.overlapping(a, b), "term"),
                (self._find.overlapping(a, b), "term"),
            ]
            for spans, name in layers:
                layer = self._style(name)
                for s, e in spans:
                    paint(layer, s, e)
            if self._find_index >= 0 and self._find.spans:
                s, e = self._find.spans[self._find_index]
                if s < b and e > a:
                    paint(self._style("find-current"), s, e)
            chosen = self.selected_span()
            if chosen is not None and chosen[0] < b and chosen[1] > a:
                paint(self._style("sentence"), chosen[0], chosen[1])
        return text
