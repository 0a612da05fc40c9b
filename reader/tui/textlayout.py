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

from reader.api import Block, Document, Link, link_list, links, superscript

# A line's parts when it is more than one slice of the text (tables, link numbers, the link
# list): (start, end) is `doc.text[start:end]`, (text, style) is drawn and is not article text.
Part = tuple[int, int] | tuple[str, str]
TABLE_SEP = " │ "

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
    parts: list[Part] | None = None  # set when the line is not just doc.text[start:end]


@dataclass(slots=True)
class Layout:
    width: int  # the measure the text was wrapped to
    margin: int  # blank columns to the left of the measure
    lines: list[Line]
    starts: list[int]  # lines[i].start, for bisecting
    body_top: int  # index of the first line of the article body (after the header)
    wide: int = 0  # cells of the widest line when a table cannot fit (scrolls sideways)
    links: list[Link] | None = None  # the numbered link list drawn at the end

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
    elif block.kind == "footnote":
        number = superscript(int(block.marker)) + " "
        first, cont = first + number, cont + " " * len(number)
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
    numbers = {(lk.start, lk.end): lk.number for lk in links(doc)}
    wide = 0
    prev: Block | None = None
    for n, block in enumerate(doc.blocks):
        if prev is not None:
            tight = bool(block.marker) and prev.indent > 0 and block.indent > 0
            tight = tight or (block.kind == "footnote" and prev.kind == "footnote")
            if not tight:
                lines.append(Line("blank", prev.end, prev.end))
        if block.kind == "footnote" and (prev is None or prev.kind != "footnote"):
            _section(lines, "Notes", block.start)
        prev = block
        first, cont = _prefixes(block)
        if block.kind == "rule":
            lines.append(Line("rule", block.start, block.start, first, n))
            continue
        if block.kind == "table" and block.cells:
            wide = max(wide, _table(lines, doc, block, n, measure, first))
            continue
        hard = block.kind == "code"
        kind = {
            "heading": "heading",
            "code": "code",
            "table": "table",
            "figure": "figure",
            "footnote": "note-text",
        }.get(block.kind, "text")
        inserts = [] if hard else _inserts(block, numbers)
        text = doc.text[block.start : block.end]
        first_line = True
        pos = 0
        for piece in text.split("\n"):
            base = block.start + pos
            pos += len(piece) + 1
            prefix_w = text_cells(first if first_line else cont)
            room = max(4, measure - prefix_w)
            here = [x for x in inserts if base <= x[0] <= base + len(piece)] if inserts else []
            if here:
                for s, e, parts in _wrap_parts(piece, base, room, here):
                    lines.append(Line(kind, s, e, first if first_line else cont, n, parts=parts))
                    first_line = False
                continue
            spans = _hard(piece, base, room) if hard else wrap(piece, base, room)
            for s, e in spans:
                lines.append(Line(kind, s, e, first if first_line else cont, n))
                first_line = False
                prefix_w = text_cells(cont)
                room = max(4, measure - prefix_w)
        if first_line:  # an empty block (an empty list item) still shows its marker
            lines.append(Line(kind, block.start, block.start, first, n))
    listed = link_list(doc)
    if listed:
        end = len(doc.text)
        lines.append(Line("blank", end, end))
        _section(lines, "Links", end)
        for link in listed:
            label = f"[{link.number}] "
            room = max(4, measure - len(label))
            href = link.href
            if len(href) > 3 * room:  # a huge address is cut: `show` prints it whole
                href = href[: 3 * room - 1] + "…"
            for k, (s, e) in enumerate(wrap(href, 0, room)):
                lead = label if k == 0 else " " * len(label)
                drawn: list[Part] = [(lead, "link-number"), (href[s:e], "meta")]
                lines.append(Line("links", end, end, parts=drawn))
    layout = Layout(measure, margin, lines, [ln.start for ln in lines], body_top, wide)
    layout.links = listed
    return layout


def _section(lines: list[Line], title: str, at: int) -> None:
    """A rule and a title before the notes or the link list (drawn, not article text)."""
    lines.append(Line("rule", at, at))
    lines.append(Line("blank", at, at))
    lines.append(Line("section", at, at, literal=title))
    lines.append(Line("blank", at, at))


def _inserts(block: Block, numbers: dict[tuple[int, int], int]) -> list[tuple[int, str, str]]:
    """What is drawn inside the text: `[3]` after a link, a superscript at a footnote mark."""
    out = []
    for span in block.spans:
        if span.style == "link" and (span.start, span.end) in numbers:
            out.append((span.end, f"[{numbers[(span.start, span.end)]}]", "link-number"))
        elif span.style == "footref":
            out.append((span.start, superscript(int(span.href)), "footref"))
    out.sort(key=lambda x: x[0])
    return out


def _wrap_parts(
    piece: str, base: int, room: int, inserts: list[tuple[int, str, str]]
) -> list[tuple[int, int, list[Part]]]:
    """Wrap a run with drawn inserts: they take room on the line but are not text."""
    shown: list[str] = []
    segments: list[tuple[int, int, Part]] = []  # (shown start, shown end, part)
    at = 0
    pos = base
    for offset, label, style in inserts:
        if offset > pos:
            shown.append(piece[pos - base : offset - base])
            segments.append((at, at + offset - pos, (pos, offset)))
            at += offset - pos
            pos = offset
        shown.append(label)
        segments.append((at, at + len(label), (label, style)))
        at += len(label)
    if pos < base + len(piece):
        shown.append(piece[pos - base :])
        segments.append((at, at + base + len(piece) - pos, (pos, base + len(piece))))
    out: list[tuple[int, int, list[Part]]] = []
    for ds, de in wrap("".join(shown), 0, room):
        parts: list[Part] = []
        first = last = -1
        for ss, se, part in segments:
            a, b = max(ds, ss), min(de, se)
            if a >= b and not (ss == se == a):
                continue
            if isinstance(part[0], int):
                s = int(part[0]) + a - ss
                e = int(part[0]) + b - ss
                parts.append((s, e))
                first = s if first < 0 else first
                last = e
            else:
                parts.append((str(part[0])[a - ss : b - ss], str(part[1])))
        if first < 0:  # a line of inserts only: it sits where the text around it is
            first = last = _offset_near(segments, ds, base)
        out.append((first, last, parts))
    return out


def _offset_near(segments: list[tuple[int, int, Part]], shown: int, base: int) -> int:
    near = base
    for ss, _se, part in segments:
        if ss > shown:
            break
        if isinstance(part[0], int):
            near = int(part[1])
    return near


def _words_cells(text: str) -> int:
    return max((text_cells(w) for w in text.split()), default=0)


def column_widths(mins: list[int], maxs: list[int], room: int) -> list[int]:
    """Column widths for a table: natural widths if they fit; else every column gets its
    longest word and the room left is shared out, the columns that need least filled first;
    if even the longest words do not fit, those (the table is then wider than the pane)."""
    if sum(maxs) <= room:
        return maxs
    widths = list(mins)
    spare = room - sum(mins)
    if spare <= 0:
        return widths
    order = sorted(range(len(mins)), key=lambda k: maxs[k] - mins[k])
    for i, k in enumerate(order):
        take = min(maxs[k] - mins[k], spare // (len(order) - i))
        widths[k] += take
        spare -= take
    return widths


def _table(
    lines: list[Line], doc: Document, block: Block, n: int, measure: int, prefix: str
) -> int:
    """Draw a table: header row, a rule, aligned columns, cells wrapped inside their column.

    Returns the widest line's cells when even every column at its longest word cannot fit
    (the pane then scrolls sideways), else 0.
    """
    ncols = max(len(row) for row in block.cells)
    texts = [[doc.text[s:e] for s, e in row] for row in block.cells]
    mins = [1] * ncols
    maxs = [1] * ncols
    for texts_row in texts:
        for c, cell in enumerate(texts_row):
            mins[c] = max(mins[c], _words_cells(cell))
            maxs[c] = max(maxs[c], text_cells(cell))
    room = measure - text_cells(prefix) - len(TABLE_SEP) * (ncols - 1)
    widths = column_widths(mins, maxs, max(ncols, room))
    total = text_cells(prefix) + sum(widths) + len(TABLE_SEP) * (ncols - 1)
    last = block.start
    for r, row in enumerate(block.cells):
        wrapped: list[list[tuple[int, int]]] = []
        for c in range(ncols):
            if c < len(row):
                s, e = row[c]
                wrapped.append(wrap(doc.text[s:e], s, widths[c]) if e > s else [(s, s)])
            else:
                wrapped.append([])
        height = max(len(w) for w in wrapped)
        for k in range(height):
            parts: list[Part] = []
            first = -1
            end = last
            for c in range(ncols):
                if c:
                    parts.append((TABLE_SEP, "table-rule"))
                piece = wrapped[c][k] if k < len(wrapped[c]) else None
                used = text_cells(doc.text[piece[0] : piece[1]]) if piece else 0
                pad = widths[c] - used
                align = block.align[c] if c < len(block.align) else ""
                before = pad if align == "right" else pad // 2 if align == "center" else 0
                if before:
                    parts.append((" " * before, "table-rule"))
                if piece:
                    parts.append(piece)
                    first = piece[0] if first < 0 else first
                    end = max(end, piece[1])
                if pad - before and c < ncols - 1:
                    parts.append((" " * (pad - before), "table-rule"))
            start = max(last, first if first >= 0 else last)
            kind = "table-head" if r == 0 else "table"
            lines.append(Line(kind, start, end, prefix, n, parts=parts))
            last = start
        if r == 0 and len(block.cells) > 1:
            rule = "─┼─".join("─" * w for w in widths)
            lines.append(Line("table-rule", last, last, prefix, n, parts=[(rule, "table-rule")]))
    return total if total > measure else 0
