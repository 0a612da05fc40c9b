"""Markdown to plain text with offsets: the one text every other part agrees on.

An article's *plain text* is its blocks' texts joined by blank lines. Quotes, highlights,
search terms and the reading position are all offsets into it, and the reading pane draws the
same blocks, so a span found here lands on the right words on screen. Decorations (bullets,
quote bars, heading marks) are drawn by the renderer and are not part of the text.

Text is data: control characters are removed here, once, before anything else sees it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from reader.clean import clean
from reader.textparts import (
    REF_OPEN,
    extract_footnotes,
    html_text,
    inline_html,
    restore_refs,
    split_refs,
)

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


_FIGURE_LINE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")


def index_body(markdown: str) -> str:
    """The words search should see, without a full Markdown parse (fast, for the index).

    Figure lines (captions) are left out, link and image addresses dropped, HTML tags removed;
    emphasis and heading marks stay, as the tokenizer ignores punctuation anyway.
    """
    text = clean(markdown)
    if "](" in text:  # each pass only when its syntax can be there: this runs per file
        if "![" in text:
            text = "\n".join(
                line
                for line in text.split("\n")
                if not (line.lstrip().startswith("![") and _FIGURE_LINE.fullmatch(line.strip()))
            )
            text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "]:" in text:
        text = _REF_DEF.sub("", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    return text


@dataclass(frozen=True, slots=True)
class Span:
    """A styled run inside the plain text (absolute offsets)."""

    start: int
    end: int
    style: str  # "em", "strong", "code", "link", "strike", "image", "footref"
    href: str = ""  # a link's address; a footnote reference's number (its span is empty)


@dataclass(slots=True)
class Block:
    """One block of the article as drawn: its text is `doc.text[start:end]`."""

    kind: str  # heading, paragraph, code, figure, html, rule, table, footnote
    start: int
    end: int
    level: int = 0  # heading level
    indent: int = 0  # list nesting depth
    quote: int = 0  # blockquote depth
    marker: str = ""  # list marker drawn before the first line ("•", "3."); a note's number
    spans: list[Span] = field(default_factory=list)
    # A table's cells, row by row (the first row is the header), as (start, end) offsets; the
    # plain text of a table is its rows joined by newlines, cells by " │ ".
    cells: list[list[tuple[int, int]]] = field(default_factory=list)
    align: list[str] = field(default_factory=list)  # per column: "", "left", "center", "right"


@dataclass
class Document:
    """An article body as plain text plus the blocks that draw it."""

    text: str
    blocks: list[Block]

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    @property
    def words(self) -> int:
        return len(self.text.split())


# markdown-it silently drops everything inside a block nested deeper than its `maxNesting`.
MAX_NESTING = 50


@cache
def _parser(flat: bool = False) -> MarkdownIt:
    from markdown_it import MarkdownIt  # only when an article is parsed: `list` never needs it

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    if flat:  # for absurdly deep nesting: no lists or quotes, but every word kept
        md.disable(["blockquote", "list"])
    return md


_INLINE_STYLES = {"em": "em", "strong": "strong", "s": "strike", "link": "link"}
_BULLETS = "•◦▪"


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.blocks: list[Block] = []

    def add(
        self,
        kind: str,
        text: str,
        spans: list[Span] | None = None,
        cells: list[list[tuple[int, int]]] | None = None,
        **kw: object,
    ) -> None:
        if self.blocks:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        moved = [Span(s.start + start, s.end + start, s.style, s.href) for s in spans or ()]
        rows = [[(s + start, e + start) for s, e in row] for row in cells or ()]
        self.blocks.append(
            Block(kind, start, self.pos, spans=moved, cells=rows, **kw)  # type: ignore[arg-type]
        )


def _inline(children: list[Token]) -> tuple[str, list[Span], bool]:
    """Flatten inline tokens to (text, spans, only_images)."""
    out: list[str] = []
    pos = 0
    spans: list[Span] = []
    open_at: dict[str, list[tuple[int, str]]] = {}
    only_images = True
    for tok in children:
        t = tok.type
        piece = ""
        if t == "text":
            piece = tok.content
            if REF_OPEN in piece:  # footnote references: zero-width spans, numbers drawn
                for part in split_refs(piece):
                    if isinstance(part, int):
                        spans.append(Span(pos, pos, "footref", str(part)))
                    else:
                        out.append(part)
                        pos += len(part)
                only_images = False
                continue
            if piece.strip():
                only_images = False
        elif t == "softbreak":
            piece = " "
        elif t == "hardbreak":
            piece = "\n"
            only_images = False
        elif t == "code_inline":
            piece = restore_refs(tok.content)
            spans.append(Span(pos, pos + len(piece), "code"))
            only_images = False
        elif t == "html_inline":  # tags are not shown; a <br> is a line break
            piece = inline_html(tok.content)
            only_images = False
        elif t == "image":
            alt = "".join(
                c.content for c in tok.children or [] if c.type in ("text", "code_inline")
            )
            piece = alt
            spans.append(Span(pos, pos + len(piece), "image"))
        elif t.endswith("_open"):
            style = _INLINE_STYLES.get(t[:-5])
            if style:
                href = str(tok.attrGet("href") or "") if style == "link" else ""
                open_at.setdefault(style, []).append((pos, href))
        elif t.endswith("_close"):
            style = _INLINE_STYLES.get(t[:-6])
            if style and open_at.get(style):
                start, href = open_at[style].pop()
                if pos > start:
                    spans.append(Span(start, pos, style, href))
        if piece:
            out.append(piece)
            pos += len(piece)
    return "".join(out), spans, only_images and pos > 0


def parse(markdown: str) -> Document:
    """Convert an article body (Markdown, already cleaned or not) to a Document.

    Footnotes become numbered notes at the end (their references are zero-width spans), raw
    HTML shows as its text, and a table keeps its cells' offsets.
    """
    found = extract_footnotes(clean(markdown))
    source = found.source
    tokens = _parser().parse(source)
    if any(t.nesting == 1 and t.level >= MAX_NESTING - 1 for t in tokens):
        tokens = _parser(True).parse(source)  # the nesting limit was hit: text would be lost
    b = _Builder()
    quote = 0
    lists: list[list[int | None]] = []  # per open list: [next number or None for bullets]
    marker_pending = ""
    table_rows: list[str] | None = None
    row: list[str] = []
    table_cells: list[list[tuple[int, int]]] = []
    table_len = 0
    align: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t == "blockquote_open":
            quote += 1
        elif t == "blockquote_close":
            quote -= 1
        elif t in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            lists.append(
                [int(start) if start is not None else 1] if t == "ordered_list_open" else [None]
            )
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            current = lists[-1] if lists else [None]
            if current[0] is None:
                marker_pending = _BULLETS[(len(lists) - 1) % len(_BULLETS)]
            else:
                marker_pending = f"{current[0]}."
                current[0] += 1
        elif t == "list_item_close":
            if marker_pending:  # an empty item still shows its marker
                b.add("paragraph", "", indent=len(lists), quote=quote, marker=marker_pending)
                marker_pending = ""
        elif t in ("heading_open", "paragraph_open") and table_rows is None:
            inline = tokens[i + 1] if i + 1 < n else None
            text, spans, only_images = _inline(inline.children or []) if inline else ("", [], False)
            if t == "heading_open":
                b.add(
                    "heading",
                    text.strip(),
                    [s for s in spans if s.end <= len(text.strip())],
                    level=int(tok.tag[1:]),
                    indent=len(lists),
                    quote=quote,
                )
            else:
                kind = "figure" if only_images and not marker_pending else "paragraph"
                b.add(kind, text, spans, indent=len(lists), quote=quote, marker=marker_pending)
                marker_pending = ""
            i += 3  # open, inline, close
            continue
        elif t in ("fence", "code_block"):
            b.add(
                "code",
                restore_refs(tok.content.rstrip("\n")),
                indent=len(lists),
                quote=quote,
                marker=marker_pending,
            )
            marker_pending = ""
        elif t == "html_block":
            shown = html_text(restore_refs(tok.content))
            if shown.strip():
                b.add("html", shown, indent=len(lists), quote=quote)
        elif t == "hr":
            b.add("rule", "", indent=len(lists), quote=quote)
        elif t == "table_open":
            table_rows, table_cells, table_len, align = [], [], 0, []
        elif t == "tr_open":
            row = []
        elif t in ("th_open", "td_open") and table_rows is not None and not table_rows:
            style = str(tok.attrGet("style") or "")
            align.append(style.partition("text-align:")[2].strip())
        elif t == "inline" and table_rows is not None:
            row.append(" ".join(_inline(tok.children or [])[0].split()))
        elif t == "tr_close" and table_rows is not None:
            pos = table_len + (1 if table_rows else 0)
            where: list[tuple[int, int]] = []
            for k, cell in enumerate(row):
                where.append((pos, pos + len(cell)))
                pos += len(cell) + (3 if k < len(row) - 1 else 0)
            table_cells.append(where)
            table_rows.append(" │ ".join(row))
            table_len = pos
        elif t == "table_close" and table_rows is not None:
            b.add(
                "table",
                "\n".join(table_rows),
                cells=table_cells,
                indent=len(lists),
                quote=quote,
                align=align,
            )
            table_rows = None
        i += 1
    for number, (_label, note) in enumerate(found.notes, 1):
        text, spans = _note(note)
        b.add("footnote", text, spans, marker=str(number))
    return Document("".join(b.parts), b.blocks)


def _note(markdown: str) -> tuple[str, list[Span]]:
    """A footnote's Markdown as one run of text with its inline styles (links kept)."""
    tokens = _parser().parseInline(markdown.replace("\n\n", "\n"))
    children = tokens[0].children if tokens else None
    text, spans, _ = _inline(children or [])
    return text.strip(), [s for s in spans if s.end <= len(text.strip())]


# --- sentences -------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n")
_PROSE = frozenset({"heading", "paragraph", "footnote"})


def sentences(doc: Document) -> list[tuple[int, int]]:
    """Sentence spans over the prose blocks, in text order (figure captions and code left out)."""
    out: list[tuple[int, int]] = []
    for block in doc.blocks:
        if block.kind not in _PROSE or block.start == block.end:
            continue
        text = doc.text[block.start : block.end]
        start = 0
        for m in _SENTENCE_END.finditer(text):
            end = m.end()
            _append_trimmed(out, text, block.start, start, end)
            start = end
        _append_trimmed(out, text, block.start, start, len(text))
    return out


def _append_trimmed(out: list[tuple[int, int]], text: str, base: int, start: int, end: int) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail > lead:
        out.append((base + start + lead, base + start + trail))


# --- quotations ------------------------------------------------------------------------------

_OPENERS = {"“": "”", "„": "”", "«": "»", '"': '"'}
_CLOSERS = frozenset({"”", "»", '"'})
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
MIN_QUOTE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation found in the text: offsets exclude the quote marks."""

    start: int
    end: int
    text: str
    closed: bool = True


def quotations(doc: Document) -> list[Quotation]:
    """The quotations an article contains, in text order.

    Double quotes (curly, straight, guillemets) of three words or more, and Markdown
    blockquotes. Apostrophes and single quotes are never quote marks. A quotation still open at
    the end of its paragraph ends there.
    """
    found: list[Quotation] = []
    for block in doc.blocks:
        if block.kind not in _PROSE or block.start == block.end:
            continue
        text = doc.text[block.start : block.end]
        if block.quote > 0:
            s, e = _unwrap(text)
            if _is_quote(text[s:e]):
                found.append(Quotation(block.start + s, block.start + e, text[s:e]))
            continue
        for start, end, closed in _scan_quotes(text):
            piece = text[start:end]
            stripped_start = start + (len(piece) - len(piece.lstrip()))
            stripped_end = start + len(piece.rstrip())
            piece = text[stripped_start:stripped_end]
            if _is_quote(piece):
                found.append(
                    Quotation(
                        block.start + stripped_start, block.start + stripped_end, piece, closed
                    )
                )
    return found


def _unwrap(text: str) -> tuple[int, int]:
    """A blockquote wrapped whole in one pair of quote marks (“...”): the span inside them."""
    close = _OPENERS.get(text[:1])
    if close and len(text) > 2 and text[-1] == close and close not in text[1:-1]:
        return 1, len(text) - 1
    return 0, len(text)


def _is_quote(text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_QUOTE_WORDS


_QUOTE_MARKS = re.compile('[“„«"”»]')  # every character the scan below acts on


def _scan_quotes(text: str) -> Iterator[tuple[int, int, bool]]:
    # Visits only quote marks (found by a regex) rather than every character: the same
    # states in the same order, at a small fraction of the cost for long articles.
    open_at = -1
    depth = 0
    for m in _QUOTE_MARKS.finditer(text):
        i = m.start()
        ch = text[i]
        if open_at < 0:
            if ch in _OPENERS and (ch != '"' or _straight_opens(text, i)):
                open_at, depth = i + 1, 0
            continue
        if ch == '"' and depth == 0:
            yield open_at, i, True
            open_at = -1
        elif ch in _CLOSERS:
            if depth:
                depth -= 1
            else:
                yield open_at, i, True
                open_at = -1
        elif ch in ("“", "„", "«"):
            depth += 1
    if open_at >= 0:
        yield open_at, len(text), False


def _straight_opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def quotation_ids(article_id: str, found: list[Quotation]) -> list[str]:
    """Stable ids for an article's quotations (a repeated quotation counts its occurrences)."""
    seen: dict[str, int] = {}
    ids = []
    for q in found:
        key = " ".join(q.text.split())
        ids.append(quotation_id(article_id, key, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return ids


def quotation_id(article_id: str, text: str, occurrence: int = 0) -> str:
    """A stable id for a detected quotation: same article and words, same id."""
    digest = hashlib.blake2b(
        f"{article_id}\x00{' '.join(text.split())}\x00{occurrence}".encode(), digest_size=6
    )
    return "q" + digest.hexdigest()


# --- search-term spans -----------------------------------------------------------------------


# The search index's tokenizer (reader/index.py): the words it matches are the words marked.
TOKENIZER = "porter unicode61 remove_diacritics 2"
_MARKS = ("\ue000", "\ue001")  # private-use characters: never in an article's plain text


def term_spans(text: str, terms: list[str], limit: int = 10_000) -> list[tuple[int, int]]:
    """Where search terms occur in `text`: every word the search would match for them, stems
    and accents included ("charities" for "charity"), and every word a term starts."""
    words = [t for t in terms if t.strip()]
    if not words:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\w*",
        re.I,
    )
    spans = [(m.start(), m.end()) for m in pattern.finditer(text)]
    spans += _stem_spans(text, words)
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out[:limit]


def _stem_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The words SQLite's FTS5 matches, with the index's tokenizer, as (start, end) spans."""
    if any(mark in text for mark in _MARKS):
        return []
    import sqlite3

    query = " OR ".join(
        '"' + w.rstrip("*").replace('"', '""') + '"' + ("*" if w.endswith("*") else "")
        for w in words
        if w.rstrip("*").strip()
    )
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute(f"CREATE VIRTUAL TABLE t USING fts5(body, tokenize='{TOKENIZER}')")
        connection.execute("INSERT INTO t(body) VALUES (?)", (text,))
        row = connection.execute(
            "SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ?", (*_MARKS, query)
        ).fetchone()
    except sqlite3.Error:  # no FTS5, or a term it cannot parse: the prefix matches stand
        return []
    finally:
        connection.close()
    if row is None:
        return []
    spans = []
    offset = 0
    start = 0
    for char in row[0]:
        if char == _MARKS[0]:
            start = offset
        elif char == _MARKS[1]:
            spans.append((start, offset))
        else:
            offset += 1
    return spans
