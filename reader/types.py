"""The core's data types that cross a module: search hits, facet counts, states and kinds.

The records the core hands out are defined where they are made (`Article` in
`reader.library`, `Quote` in `reader.quotes`, `FileRow` in
`reader.searcher`); `reader.api` lists them all. The ones here belong to no single module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias, get_args

from reader.records import Record

if TYPE_CHECKING:
    from reader.library import Article

ReadState: TypeAlias = Literal["unread", "started", "read"]
"""An article's read state: never opened, opened (with a progress), read to its end."""
READ_STATES: tuple[ReadState, ...] = get_args(ReadState)

QuoteKind: TypeAlias = Literal["quotation", "highlight"]
"""A quotation found in the text, or a highlight the user made."""
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)

QuoteStatus: TypeAlias = Literal["anchored", "changed", "orphaned"]
"""Whether a quote's words are still in the article: found (spacing and quote style aside),
found at their place but worded differently now, or no longer found."""
QUOTE_STATUSES: tuple[QuoteStatus, ...] = get_args(QuoteStatus)

FacetKind: TypeAlias = Literal["category", "tag", "author", "source", "year", "library"]
"""What the library tree groups articles by: their categories, tags, author, source (the
publisher, which for a feed's article is the feed's title), year (`UNDATED` for an article
with no date) and the library folder they come from (`Catalog.library_names`)."""
FACET_KINDS: tuple[FacetKind, ...] = get_args(FacetKind)

UNDATED = "Undated"
"""The year entry of the articles with no date (a year is four digits: it never clashes)."""

FacetChoice: TypeAlias = tuple[FacetKind, str]
"""One facet entry: (kind, value)."""

ALL_OF: frozenset[FacetKind] = frozenset({"category", "tag"})
"""The kinds an article has several of: chosen together, an article must have every one
(as Zotero's tag selector does). An article has one value of each other kind, so two chosen
values of those are alternatives: it must have one of them."""


class FacetCount(NamedTuple):
    """One entry of a facet: a value with its article, unread (never opened) and started
    (opened, not yet read) counts."""

    value: str
    total: int
    unread: int
    started: int = 0


Facets: TypeAlias = dict[FacetKind, list[FacetCount]]
"""Per facet kind, its entries by name (years newest first, then Undated; libraries in their
order of priority, an empty one with 0)."""


class SearchHit(Record):
    """One search result: the snippet is plain text, `marks` are the matched spans in it,
    `terms` the query's words (for highlighting the article when it is opened)."""

    __slots__ = ("article", "score", "snippet", "marks", "terms")

    def __init__(
        self,
        article: Article,
        score: float,
        snippet: str,
        marks: list[tuple[int, int]] | None = None,
        terms: list[str] | None = None,
    ) -> None:
        self.article = article
        self.score = score
        self.snippet = snippet
        self.marks: list[tuple[int, int]] = marks if marks is not None else []
        self.terms: list[str] = terms if terms is not None else []
