"""The parts of an article beyond its running text: links, footnotes, raw HTML, the outline.

`reader.text` builds the plain text; this module holds what that needs for footnotes and raw
HTML before and during the parse, and the views over a parsed Document afterwards (its link
list and its outline). Everything is offsets into the plain text, so quotes keep working.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.text import Document

# --- raw HTML --------------------------------------------------------------------------------

# Comments are dropped; a script's or style's content stays (as text): a block left open by
# mistake must not swallow the article's words after it.
_DROP = re.compile(r"<!--.*?-->", re.S)
_BREAK = re.compile(
    r"<(?:br|hr|/?p|/div|/li|/tr|/h[1-6]|/blockquote|/pre|/table|/ul|/ol)\b[^>]*>", re.I
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>|<![^>]*>|<\?[^>]*>")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def html_text(source: str) -> str:
    """Raw HTML as text: tags and comments out, entities decoded, line breaks kept.

    Line breaks in the source stay, and `<br>`, `<p>` and block ends become one; runs of
    blank lines shrink to a single line break.
    """
    text = _DROP.sub("", source)
    text = _BREAK.sub("\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANKS.sub("\n", text).strip("\n")


def inline_html(tag: str) -> str:
    """What an inline HTML tag becomes in the text: a line break for `<br>`, else nothing."""
    return "\n" if re.match(r"<br\b", tag, re.I) else ""


# --- footnotes -------------------------------------------------------------------------------

# A reference in the text becomes this placeholder before the Markdown parse (private-use
# characters, so no article text can forge one), and a zero-width span after it.
REF_OPEN, REF_MID, REF_CLOSE = "\ue000", "\ue002", "\ue001"
_DEF = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_REF = re.compile(r"\[\^([^\]\s]+)\]")
_PLACEHOLDER = re.compile(REF_OPEN + r"(\d+)" + REF_MID + "([^" + REF_CLOSE + "]*)" + REF_CLOSE)


@dataclass(frozen=True, slots=True)
class Footnotes:
    """Footnote definitions taken out of a source, numbered by first reference."""

    source: str  # the Markdown without definitions, references replaced by placeholders
    notes: list[tuple[str, str]]  # (label, Markdown text) in number order (1, 2, ...)


def extract_footnotes(source: str) -> Footnotes:
    """Take `[^label]: text` definitions out and number the `[^label]` references.

    A definition runs on over indented lines (and blank lines followed by one). References to
    labels nobody defines stay as they were. Definitions no reference uses come last.
    """
    if "[^" not in source:
        return Footnotes(source, [])
    lines = source.split("\n")
    kept: list[str] = []
    defs: dict[str, str] = {}
    fence = ""
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            mark = stripped[:3]
            fence = "" if fence == mark else (fence or mark)
        m = None if fence else _DEF.match(line)
        if m is None:
            kept.append(line)
            i += 1
            continue
        body = [m.group(2)]
        i += 1
        while i < len(lines):
            nxt = lines[i]
            if nxt.startswith(("    ", "\t")):
                body.append(nxt.strip())
            elif not nxt.strip() and i + 1 < len(lines) and lines[i + 1].startswith(("    ", "\t")):
                body.append("")
            else:
                break
            i += 1
        defs.setdefault(m.group(1), "\n".join(body).strip())
    if not defs:
        return Footnotes(source, [])
    numbers: dict[str, int] = {}

    def number(m: re.Match[str]) -> str:
        label = m.group(1)
        if label not in defs:
            return m.group(0)
        n = numbers.setdefault(label, len(numbers) + 1)
        return f"{REF_OPEN}{n}{REF_MID}{label}{REF_CLOSE}"

    text = _REF.sub(number, "\n".join(kept))
    for label in defs:
        numbers.setdefault(label, len(numbers) + 1)
    order = sorted(numbers, key=numbers.__getitem__)
    return Footnotes(text, [(label, defs[label]) for label in order])


def split_refs(piece: str) -> list[str | int]:
    """A text run as text pieces and footnote numbers (from the placeholders)."""
    out: list[str | int] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(piece):
        if m.start() > pos:
            out.append(piece[pos : m.start()])
        out.append(int(m.group(1)))
        pos = m.end()
    if pos < len(piece):
        out.append(piece[pos:])
    return out


def restore_refs(text: str) -> str:
    """Placeholders back to `[^label]` (inside code, where Markdown is shown as written)."""
    if REF_OPEN not in text:
        return text
    return _PLACEHOLDER.sub(lambda m: f"[^{m.group(2)}]", text)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    return str(n).translate(_SUPERSCRIPT)


# --- views over a parsed Document ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the text: its number (shared by every link to the same address)."""

    number: int
    text: str
    href: str
    start: int
    end: int


def links(doc: Document) -> list[Link]:
    """Every link in text order; one number per address, in order of first appearance."""
    numbers: dict[str, int] = {}
    out: list[Link] = []
    for block in doc.blocks:
        for span in block.spans:
            if span.style != "link" or not span.href:
                continue
            n = numbers.setdefault(span.href, len(numbers) + 1)
            out.append(Link(n, doc.text[span.start : span.end], span.href, span.start, span.end))
    return out


def link_list(doc: Document) -> list[Link]:
    """One entry per number (the first link with it): what is listed at the end."""
    seen: set[int] = set()
    out = []
    for link in links(doc):
        if link.number not in seen:
            seen.add(link.number)
            out.append(link)
    return out


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    start: int


def outline(doc: Document) -> list[Heading]:
    """The article's headings in order, for a table of contents."""
    return [
        Heading(b.level, " ".join(doc.text[b.start : b.end].split()), b.start)
        for b in doc.blocks
        if b.kind == "heading" and b.end > b.start
    ]


def section_at(headings: list[Heading], offset: int) -> Heading | None:
    """The heading whose section holds `offset` (None before the first heading)."""
    from bisect import bisect_right

    i = bisect_right([h.start for h in headings], offset) - 1
    return headings[i] if i >= 0 else None
