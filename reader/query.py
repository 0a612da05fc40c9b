"""The search language and the text of snippets: what the user types, turned into an FTS5
query, and what FTS5 returns, turned into plain text with highlighted spans.

Pure text work, on `re` alone: the `search` command's lean path imports it (see
`reader.quick`), so it must stay free of the rest of the core.
"""

from __future__ import annotations

import re


def window_snippet(text: str, terms: list[str], tokens: int = 14) -> str:
    """About `tokens` words around the first match of any term, matches marked STX/ETX."""
    stems = [re.escape(t[: max(3, len(t) - 2)]) for t in terms if t.strip()]
    if not stems:
        return " ".join(text[:200].split()[:tokens]) + "…"
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(stems) + r")\w*", re.I)
    first = pattern.search(text)
    at = first.start() if first else 0
    before = text[max(0, at - 120) : at].split()[-(tokens // 3) :]
    after = text[at : at + 400].split()[: tokens - len(before)]
    window = " ".join(before + after)
    marked = pattern.sub(lambda m: f"\x02{m.group()}\x03", window)
    return ("…" if at > 0 else "") + marked + "…"


# --- turning what the user typed into an FTS5 query ------------------------------------------

_TOKEN = re.compile(r'(-?)(?:(\w+):)?"([^"]*)"?(\*?)|(\S+)')
_WORDS = re.compile(r"\w+")
_COLUMNS = {
    "title": "title",
    "author": "author",
    "tag": "tags",
    "tags": "tags",
    "summary": "summary",
    "text": "body",
    "body": "body",
}


# Words so common that, alone and unquoted, they only make a search slow and its ranking
# noisy. They stay in the index (phrases such as "the state" still match exactly) and a query
# made only of them still searches for them.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)


def fts_query(text: str) -> tuple[str | None, list[str]]:
    """Translate plain user text into (FTS5 query or None, the words to highlight).

    Documented syntax: words (all must match), "a phrase", prefix*, -word to exclude, OR
    between two terms, and title:/author:/tag:/summary:/text: before a word or phrase. Any
    other punctuation is just a word boundary, so no input can make a syntax error.
    """
    text = text.replace("“", '"').replace("”", '"').replace("„", '"')
    groups: list[list[str]] = []  # each inner list is OR-ed
    negatives: list[str] = []
    terms: list[str] = []
    want_or = False
    negate_next = False
    for m in _TOKEN.finditer(text):
        neg, col, phrase, star, word = m.groups()
        negate = bool(neg) or negate_next
        negate_next = False
        if word is not None:
            if word in ("OR", "|"):
                want_or = bool(groups)
                continue
            if word == "AND":
                continue
            if word == "NOT":
                negate_next = True
                continue
            negate = negate or (word.startswith("-") and len(word) > 1)
            word = word.lstrip("-") if negate else word
            col, _, rest = word.partition(":") if ":" in word else ("", "", word)
            if col.lower() not in _COLUMNS:
                col, rest = "", word
            star = "*" if rest.endswith("*") else ""
            pieces = _WORDS.findall(rest)
        else:
            pieces = _WORDS.findall(phrase or "")
        if not pieces:
            continue
        term = '"' + " ".join(pieces) + '"' + ("*" if star else "")
        column = _COLUMNS.get((col or "").lower())
        if column:
            term = f"{column} : {term}"
        if negate:
            negatives.append(term)
            continue
        terms.extend(pieces)
        if want_or and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        want_or = False
    if not groups:
        return None, []
    content = [g for g in groups if not (len(g) == 1 and g[0].strip('"').lower() in STOPWORDS)]
    if content and len(content) < len(groups):
        groups = content
        terms = [t for t in terms if t.lower() not in STOPWORDS]
    parts = [g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in groups]
    query = " AND ".join(parts)
    for n in negatives:
        query += f" NOT {n}"
    return query, terms


_MARK = re.compile("[\x02\x03]")


# Markdown syntax left in the indexed text (emphasis, code, heading, quote and list marks).
_SYNTAX = re.compile(
    r"\*+|`+|(?<![\w\x02\x03])_+|_+(?![\w\x02\x03])|(?:^|(?<=[\s…]))(?:#{1,6}|>+|[-+])(?=\s)"
)


def unmark(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """Turn FTS5 snippet markers (STX/ETX) into plain text plus spans; drop Markdown marks."""
    snippet = " ".join(_SYNTAX.sub("", snippet).split())
    out: list[str] = []
    marks: list[tuple[int, int]] = []
    pos = 0
    start = -1
    last = 0
    for m in _MARK.finditer(snippet):
        piece = snippet[last : m.start()]
        out.append(piece)
        pos += len(piece)
        if m.group() == "\x02":
            start = pos
        elif start >= 0:
            marks.append((start, pos))
            start = -1
        last = m.end()
    out.append(snippet[last:])
    return "".join(out), marks
