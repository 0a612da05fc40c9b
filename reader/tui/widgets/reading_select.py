"""The reading pane's selections and find: sentences (v), the mouse's (h), and ctrl+f, n, N.

A mixin of `ReadingPane` (which holds the state it reads and writes), kept apart so that the
pane's scrolling and drawing read on their own.

Mouse selection works the Textual 8 way: each line carries `offset` meta (`Strip.apply_offsets`),
the screen turns a drag into a `Selection` of (column, line) pairs, and `doc_offset` maps those
back to offsets in `doc.text`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from textual.selection import Selection

if TYPE_CHECKING:
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    from reader.api import Article, Document
    from reader.tui.textlayout import Layout

    _Base = ScrollView
else:
    _Base = object

FIND_LIMIT = 10_000
_WORD = re.compile(r"\S+")  # a word with the punctuation around it
_NEXT_WORD = re.compile(r"\s*\S+")


class SpanSet:
    """Sorted, non-overlapping (start, end) spans with a fast "which touch [a, b)" query."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.spans = spans
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, a: int, b: int) -> list[tuple[int, int]]:
        lo = bisect_right(self.ends, a)
        hi = bisect_left(self.starts, b)
        return self.spans[lo:hi]


def disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping spans so SpanSet's bisecting stays correct."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class Selecting(_Base):
    """Mix in before the Textual widget class, as `CachedStyles` is (not a DOMNode itself)."""

    article: Article | None
    doc: Document | None
    text_layout: Layout | None
    _cache: dict[int, Strip]
    _find: SpanSet
    _find_query: str
    _find_index: int
    _last_find: str
    _sentences: list[tuple[int, int]] | None
    _selection: tuple[int, int] | None

    # What the pane provides: its position, its scrolling and its messages.
    def top_offset(self) -> int:
        raise NotImplementedError

    def scroll_to_offset(self, offset: int, context: int = 2) -> None:
        raise NotImplementedError

    def _ensure_visible(self, offset: int) -> None:
        raise NotImplementedError

    def _invalidate(self) -> None:
        raise NotImplementedError

    def _notice(self, text: str) -> None:
        raise NotImplementedError

    def _request_highlight(self, article_id: str, start: int, end: int) -> None:
        raise NotImplementedError

    # -- sentence selection (v) ---------------------------------------------------------------

    def _sentence_spans(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            from reader.api import sentences

            self._sentences = sentences(self.doc) if self.doc else []
        return self._sentences

    # The selection is a span of offsets: its start moves by sentence (J/K), its end by
    # sentence (j/k) or by word (w/W). `sentence_selection` gives the sentences it touches.

    @property
    def sentence_selection(self) -> tuple[int, int] | None:
        """(first, last) sentence index the selection touches; None when not selecting."""
        if self._selection is None:
            return None
        return self._sentence_at(self._selection[0]), self._sentence_at(
            max(self._selection[0], self._selection[1] - 1)
        )

    @sentence_selection.setter
    def sentence_selection(self, value: tuple[int, int] | None) -> None:
        if value is None:
            self._selection = None
            return
        spans = self._sentence_spans()
        self._selection = (spans[value[0]][0], spans[value[1]][1])

    def _sentence_at(self, offset: int) -> int:
        """The index of the sentence holding `offset` (or the last one starting before it)."""
        spans = self._sentence_spans()
        starts = [s for s, _ in spans]
        return max(0, min(len(spans) - 1, bisect_right(starts, offset) - 1))

    def action_select_sentences(self) -> None:
        spans = self._sentence_spans()
        if self.article is None or not spans:
            self._notice("Nothing to select here")
            return
        top = self.top_offset()
        starts = [s for s, _ in spans]
        i = min(bisect_left(starts, top), len(spans) - 1)
        self._selection = spans[i]
        self._ensure_visible(spans[i][0])
        self._notice(
            "Selecting: j/k a sentence more/less, w/W a word more/less, "
            "J/K move the start, enter saves, escape cancels"
        )
        self._invalidate()

    def _grow_selection(self, step: int) -> None:
        """The end, one sentence on (or back, never before the start's sentence)."""
        assert self._selection is not None
        spans = self._sentence_spans()
        start, end = self._selection
        last = self._sentence_at(max(start, end - 1))
        first = self._sentence_at(start)
        last = max(first, min(len(spans) - 1, last + step))
        self._selection = (start, max(start + 1, spans[last][1]))
        self._ensure_visible(self._selection[1])
        self._invalidate()

    def action_move_start(self, step: int) -> None:
        """The start, one sentence later (never past the end's sentence) or earlier."""
        if self._selection is None:
            return
        spans = self._sentence_spans()
        start, end = self._selection
        last = self._sentence_at(max(start, end - 1))
        i = self._sentence_at(start)
        if step < 0 and spans[i][0] < start:
            step = 0  # a start inside a sentence goes back to that sentence's beginning first
        i = max(0, min(last, i + step))
        self._selection = (spans[i][0], end)
        self._ensure_visible(spans[i][0])
        self._invalidate()

    def action_move_end_word(self, step: int) -> None:
        """The end, one word on or one word back (never before the start's first word)."""
        if self._selection is None or self.doc is None:
            return
        text = self.doc.text
        start, end = self._selection
        if step > 0:
            m = _NEXT_WORD.match(text, end)
            if m is None:
                return
            end = m.end()
        else:
            words = list(_WORD.finditer(text, start, end))
            if len(words) < 2:
                return
            end = words[-2].end()
        self._selection = (start, end)
        self._ensure_visible(end)
        self._invalidate()

    def selected_span(self) -> tuple[int, int] | None:
        return self._selection

    def action_save_sentences(self) -> None:
        span = self.selected_span()
        if span is None or self.article is None:
            return
        self.sentence_selection = None
        self._invalidate()
        self._request_highlight(self.article.id, *span)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save_sentences", "move_start", "move_end_word"):
            return self._selection is not None
        if action in ("find_next", "find_previous"):
            return True if self._find_query or self._last_find else None
        return True

    # -- mouse selection (h) ------------------------------------------------------------------

    def doc_offset(self, x: int, y: int) -> int:
        """Map a (column, line) selection point to an offset in `doc.text`."""
        assert self.text_layout is not None
        lines = self.text_layout.lines
        if not lines:
            return 0
        if y >= len(lines):
            return lines[-1].end
        line = lines[max(0, y)]
        if line.literal is not None or line.kind in ("blank", "rule"):
            return line.start
        col = x - self.text_layout.margin - len(line.prefix)
        if line.parts is not None:
            at = line.start
            for part in line.parts:
                if isinstance(part[0], int):
                    s, e = int(part[0]), int(part[1])
                    if col < e - s:
                        return s + max(0, col)
                    col -= e - s
                    at = e
                else:
                    if col < len(part[0]):
                        return at
                    col -= len(part[0])
            return at
        return line.start + max(0, min(col, line.end - line.start))

    def selection_span(self, selection: Selection) -> tuple[int, int] | None:
        if self.text_layout is None or self.doc is None:
            return None
        start = 0 if selection.start is None else self.doc_offset(*selection.start)
        end = len(self.doc.text) if selection.end is None else self.doc_offset(*selection.end)
        if end < start:
            start, end = end, start
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self.selection_span(selection)
        if span is None or self.doc is None:
            return None
        return self.doc.text[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()

    def action_highlight_selection(self) -> None:
        if self.article is None:
            return
        if self.sentence_selection is not None:
            self.action_save_sentences()
            return
        selection = self.text_selection
        span = self.selection_span(selection) if selection is not None else None
        if span is None:
            self._notice("Select text with the mouse first (or press v to select sentences)")
            return
        self.screen.clear_selection()
        self._request_highlight(self.article.id, *span)

    # -- find (ctrl+f, n, N) ------------------------------------------------------------------

    def find(self, query: str, *, jump: bool = True) -> int:
        """Mark every occurrence of `query` (case-insensitive); returns how many there are."""
        self._find_query = query
        spans: list[tuple[int, int]] = []
        if query and self.doc is not None:
            for m in re.finditer(re.escape(query), self.doc.text, re.IGNORECASE):
                spans.append((m.start(), m.end()))
                if len(spans) >= FIND_LIMIT:
                    break
        self._find = SpanSet(spans)
        self._find_index = -1
        if spans and jump:
            top = self.top_offset()
            starts = self._find.starts
            self._find_index = min(bisect_left(starts, top), len(spans) - 1)
            self._show_match()
        self._invalidate()
        return len(spans)

    def clear_find(self, *, keep: bool = False) -> None:
        """Unmark the matches; `keep` keeps the pattern for n/N (escape, as in less and vim)."""
        self._last_find = self._find_query if keep and self._find_query else ""
        self._find_query = ""
        self._find = SpanSet([])
        self._find_index = -1
        self.refresh_bindings()
        self._invalidate()

    @property
    def find_query(self) -> str:
        return self._find_query

    @property
    def find_count(self) -> int:
        return len(self._find)

    @property
    def find_index(self) -> int:
        return self._find_index

    def _show_match(self, wrapped: str = "") -> None:
        s, _ = self._find.spans[self._find_index]
        y = self.text_layout.line_at_offset(s) if self.text_layout else 0
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        if not top <= y < top + height - 1:
            self.scroll_to_offset(s, context=3)
        where = f"“{self._find_query}”: match {self._find_index + 1} of {len(self._find)}"
        self._notice(f"{where} · {wrapped}" if wrapped else where)
        self._invalidate()

    def _step_find(self, step: int) -> None:
        if not self._find_query and self._last_find:
            # The find was closed: n/N find its pattern again, from where the reader is.
            self.find(self._last_find, jump=False)
            if self._find.spans:
                at = bisect_left(self._find.starts, self.top_offset())
                self._find_index = at - 1 if step > 0 else at
        if not self._find_query:
            self._notice("Nothing to find: press ctrl+f first")
        elif not self._find.spans:
            self._notice(f"“{self._find_query}” is not in this article")
        else:
            old = self._find_index
            new = (old + step) % len(self._find)
            wrapped = ""
            if old >= 0 and step > 0 and new <= old:
                wrapped = "passed the end, back at the top"
            elif 0 <= old <= new and step < 0:
                wrapped = "passed the top, back at the end"
            self._find_index = new
            self._show_match(wrapped)

    def action_find_next(self) -> None:
        self._step_find(1)

    def action_find_previous(self) -> None:
        self._step_find(-1)
