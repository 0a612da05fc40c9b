"""Anchoring quotes to article text, the way W3C Web Annotation and Hypothesis do it.

A quote is kept as a TextQuoteSelector (the exact words plus ~32 characters either side) and a
TextPositionSelector (offsets into the article's plain text). When the article changes, the
quote is found again by position, then by exact match (the context picks among repeats), then
by its context with the words between them close to the old ones. A quote that cannot be found
is orphaned: kept and shown, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

CONTEXT = 32
FUZZY_MIN_RATIO = 0.7


@dataclass(frozen=True, slots=True)
class Selector:
    """Where a quote stands, as the W3C's two selectors say it: the words with the context
    around them (TextQuoteSelector) and their character offsets (TextPositionSelector)."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


def selector(text: str, start: int, end: int) -> Selector:
    """Describe text[start:end] with quote and position selectors."""
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def reanchor(
    text: str, exact: str, prefix: str, suffix: str, start: int | None, end: int | None
) -> tuple[int, int] | None:
    """Find the quote in (possibly changed) text; None if it is gone (orphaned)."""
    if not exact:
        return None
    # 1. The position still holds the same words.
    if start is not None and end is not None and text[start:end] == exact:
        return start, end
    # 2. The exact words elsewhere; with repeats, the best context (then nearest) wins.
    hits = [m.start() for m in re.finditer(re.escape(exact), text)]
    if hits:
        best = max(
            hits,
            key=lambda h: (
                _context_score(text, h, h + len(exact), prefix, suffix),
                -abs(h - (start or 0)),
            ),
        )
        return best, best + len(exact)
    # 3. The same words with other spacing or quote marks.
    found = find_loose(text, exact)
    if found is not None:
        return found
    # 4. Context on both sides still there, the words between them close to the old ones.
    return _by_context(text, exact, prefix, suffix)


def locate(
    text: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int | None,
    end: int | None,
    current: str | None = None,
) -> tuple[int, int] | None:
    """Where a quote is now: its quoted words, or else (for a quote already `changed`) the
    words found there last time. None when neither can be found (orphaned)."""
    span = reanchor(text, exact, prefix, suffix, start, end)
    if span is None and current:
        span = reanchor(text, current, prefix, suffix, start, end)
    return span


def same_words(a: str, b: str) -> bool:
    """True when two texts differ at most in whitespace and quote style (not a change)."""
    return _fold(a.strip())[0] == _fold(b.strip())[0]


def _context_score(text: str, s: int, e: int, prefix: str, suffix: str) -> int:
    before = text[max(0, s - len(prefix)) : s]
    after = text[e : e + len(suffix)]
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _by_context(text: str, exact: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    if len(prefix) < 8 or len(suffix) < 8:
        return None
    best: tuple[float, int, int] | None = None
    limit = len(exact) * 2 + 64
    for m in re.finditer(re.escape(prefix), text):
        s = m.end()
        e = text.find(suffix, s, s + limit)
        if e < 0:
            continue
        ratio = SequenceMatcher(None, exact, text[s:e], autojunk=False).ratio()
        if ratio >= FUZZY_MIN_RATIO and (best is None or ratio > best[0]):
            best = (ratio, s, e)
    return (best[1], best[2]) if best else None


# --- whitespace- and quote-style-insensitive matching ----------------------------------------

_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "\u00a0": " ",
        "–": "-",
        "—": "-",
        "…": "...",
    }
)


def _fold(text: str) -> tuple[str, list[int]]:
    """Fold quote styles, collapse whitespace; also map each folded index to the original."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, original in enumerate(text):
        folded = _FOLD.get(ord(original))
        if isinstance(folded, str) and len(folded) > 1:  # "…" folds to "...", all mapped to i
            out.extend(folded)
            where.extend([i] * len(folded))
            space = False
            continue
        ch = folded if isinstance(folded, str) else original
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def find_loose(text: str, wanted: str) -> tuple[int, int] | None:
    """Find `wanted` in `text` ignoring whitespace differences and quote styles."""
    needle, _ = _fold(wanted.strip())
    if not needle:
        return None
    hay, where = _fold(text)
    i = hay.find(needle)
    if i < 0:
        return None
    return where[i], where[i + len(needle) - 1] + 1


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and double quote marks around a span (apostrophes are words' own)."""
    marks = '"“”„«» \n\t'
    while start < end and text[start] in marks:
        start += 1
    while end > start and text[end - 1] in marks:
        end -= 1
    return start, end
