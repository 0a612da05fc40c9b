"""Line layout for the reading pane: a Document wrapped to a width, once per width.

The reading pane draws only the lines in view (`render_line`), so all it needs is a list of
`Line`s: which slice of `doc.text` each one shows and what decoration (indent, quote bars, list
marker) comes before it. Decorations are never part of the text, so offsets stay those of
`reader.text` and every span (quotation, highlight, search term, selection) lands where it should.

No Textual here: the layout is plain data and is tested without a screen.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

from reader.api import Block, Document

QUOTE_BAR = "▎ "
MAX_MEASURE = 88  # a comfortable reading width; wider panes get a margin instead
_WORD = re.compile(r"\S+\s*")


@dataclass(slots=True)
class Line:
    """One screen line. Its text is `doc.text[start:end]` unless `literal` is set."""

    kind: str  # text, heading, code, table, figure, rule, blank, title, meta, note
    start: int
    end: int
    prefix: str = ""
    block: int = -1  # index into doc.blocks, -1 for header and blank lines
    literal: str | None = None  # header lines show text that is not part of the article


@dataclass(slots=True)
class Layout:
    width: int  # the measure the text was wrapped to
    margin: int  # blank columns to the left of the measure
    lines: list[Line]
    starts: list[int]  # lines[i].start, for bisecting
    body_top: int  # index of the first line of the article body (after the header)

    def line_at_offset(self, offset: int) -> int:
        """The line showing `offset` (the nearest line at or before it)."""
        if offset <= 0 or not self.lines:
            return 0
        i = bisect_right(self.starts, offset, lo=self.body_top) - 1
        i = max(self.body_top, min(i, len(self.lines) - 1))
        # A blank line between blocks carries the offset of the block after it; prefer the text.
        while (
            i + 1 < len(self.lines)
            and self.lines[i].kind == "blank"
            and self.lines[i + 1].start <= offset
        ):
            i += 1
        return i


def text_cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


def _split_long(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Hard-split a run with no break opportunity into pieces of at most `width` cells."""
    out: list[tuple[int, int]] = []
    if text.isascii():
        for i in range(0, len(text), width):
            out.append((base + i, base + min(len(text), i + width)))
        return out
    start = 0
    cells = 0
    for i, ch in enumerate(text):
        w = get_character_cell_size(ch)
        if cells + w > width and i > start:
            out.append((base + start, base + i))
            start, cells = i, 0
        cells += w
    out.append((base + start, base + len(text)))
    return out


def _wrap_narrow(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Greedy wrap for text of one cell per character: a `rfind` per line, not a loop per word.

    This is the common case (Latin text with curly quotes and dashes) and what keeps a
    100,000-word article's layout in tens of milliseconds.
    """
    out: list[tuple[int, int]] = []
    n = len(text)
    pos = 0
    while pos < n and text[pos] == " ":
        pos += 1
    while pos < n:
        if n - pos <= width:
            end = n
            while end > pos and text[end - 1] == " ":
                end -= 1
            out.append((base + pos, base + end))
            break
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # one word longer than the line: split it
            out.append((base + pos, base + pos + width))
            pos += width
            continue
        end = cut
        while end > pos and text[end - 1] == " ":
            end -= 1
        out.append((base + pos, base + end))
        pos = cut + 1
        while pos < n and text[pos] == " ":
            pos += 1
    return out or [(base, base)]


def wrap(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph line; (start, end) offsets, trailing spaces left out."""
    width = max(1, width)
    cells = text_cells(text)
    if cells <= width:
        stripped = len(text.rstrip())
        return [(base, base + stripped)]
    if cells == len(text) and "\t" not in text and "\u00a0" not in text:
        return _wrap_narrow(text, base, width)
    ascii_text = text.isascii()
    out: list[tuple[int, int]] = []
    line_start = -1
    line_end = 0
    col = 0
    for m in _WORD.finditer(text):
        word = m.group()
        bare = word.rstrip()
        w = len(bare) if ascii_text else cell_len(bare)
        spaces = len(word) - len(bare)
        ws = m.start()
        if line_start >= 0 and col + w > width:
            out.append((base + line_start, base + line_end))
            line_start = -1
            col = 0
        if w > width:  # a word wider than the measure: split it, keep the tail as a line start
            pieces = _split_long(bare, base + ws, width)
            out.extend(pieces[:-1])
            last_s, last_e = pieces[-1]
            line_start, line_end = last_s - base, last_e - base
            col = text_cells(text[line_start:line_end]) + spaces
            continue
        if line_start < 0:
            line_start = ws
        line_end = ws + len(bare)
        col += w + spaces
    if line_start >= 0:
        out.append((base + line_start, base + line_end))
    return out or [(base, base)]


def _hard(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Code and table lines keep their spacing: split by cells, not words."""
    if text_cells(text) <= width:
        return [(base, base + len(text.rstrip()))]
    return _split_long(text, base, width)


def _prefixes(block: Block) -> tuple[str, str]:
    """(first-line prefix, continuation prefix) for a block: quote bars, indent, list marker."""
    bars = QUOTE_BAR * block.quote
    if block.indent <= 0:
        first = cont = bars
    else:
        base = "   " * (block.indent - 1)
        if block.marker:
            field = block.marker + " "
            field = field.ljust(3)
            first = bars + base + field
            cont = bars + base + " " * len(field)
        else:
            first = cont = bars + base + "   "
    if block.kind == "figure":
        first, cont = first + "Image: ", cont + "       "
    return first, cont


def layout_document(doc: Document, pane_width: int, header: list[tuple[str, str]]) -> Layout:
    """Wrap `doc` to fit `pane_width` cells; `header` is (kind, text) lines drawn first."""
    measure = max(10, min(MAX_MEASURE, pane_width))
    margin = max(0, (pane_width - measure) // 2) if pane_width > MAX_MEASURE + 8 else 0
    lines: list[Line] = []
    for kind, text in header:
        if kind == "blank":
            lines.append(Line("blank", 0, 0))
            continue
        for s, e in wrap(text, 0, measure):
            lines.append(Line(kind, 0, 0, literal=text[s:e]))
    body_top = len(lines)
    prev: Block | None = None
    for n, block in enumerate(doc.blocks):
        if prev is not None:
            tight = bool(block.marker) and prev.indent > 0 and block.indent > 0
            if not tight:
                lines.append(Line("blank", prev.end, prev.end))
        prev = block
        first, cont = _prefixes(block)
        if block.kind == "rule":
            lines.append(Line("rule", block.start, block.start, first, n))
            continue
        hard = block.kind in ("code", "table", "html")
        kind = {
            "heading": "heading",
            "code": "code",
            "table": "table",
            "html": "code",
            "figure": "figure",
        }.get(block.kind, "text")
        text = doc.text[block.start : block.end]
        first_line = True
        pos = 0
        for piece in text.split("\n"):
            base = block.start + pos
            pos += len(piece) + 1
            prefix_w = text_cells(first if first_line else cont)
            room = max(4, measure - prefix_w)
            spans = _hard(piece, base, room) if hard else wrap(piece, base, room)
            for s, e in spans:
                lines.append(Line(kind, s, e, first if first_line else cont, n))
                first_line = False
                prefix_w = text_cells(cont)
                room = max(4, measure - prefix_w)
        if first_line:  # an empty block (an empty list item) still shows its marker
            lines.append(Line(kind, block.start, block.start, first, n))
    return Layout(measure, margin, lines, [ln.start for ln in lines], body_top)
