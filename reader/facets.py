"""The library tree's facets: which entries an article counts in, which articles a
combination of entries keeps, and the counts in the order the tree shows them."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from reader.types import ALL_OF, FACET_KINDS, UNDATED, FacetChoice, FacetCount, FacetKind, Facets

if TYPE_CHECKING:
    from reader.library import Article


def article_facets(
    article: Article, kind: FacetKind, libraries: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The entries of one facet kind an article counts in. `libraries`: the name of each
    library folder (`Catalog.library_names`); without it a library is its folder's name."""
    if kind == "category":
        return article.categories
    if kind == "tag":
        return article.tags
    if kind == "author":
        return (article.author,) if article.author else ()
    if kind == "source":
        return (article.publisher,) if article.publisher else ()
    if kind == "year":
        return (article.year or UNDATED,)
    if kind == "library":
        if libraries is not None and article.library in libraries:
            return (libraries[article.library],)
        return (os.path.basename(article.library),)
    raise ValueError(kind)


def matches(
    chosen: Iterable[FacetChoice], libraries: Mapping[str, str] | None = None
) -> Callable[[Article], bool]:
    """Whether an article is in every chosen entry's kind: all of the chosen categories and
    tags (`ALL_OF`), one of the chosen values of any other kind. Names match whatever their
    case."""
    wanted: dict[FacetKind, set[str]] = {}
    for kind, value in chosen:
        if kind not in FACET_KINDS:
            raise ValueError(kind)
        wanted.setdefault(kind, set()).add(value.casefold())
    tests = list(wanted.items())

    def match(article: Article) -> bool:
        for kind, values in tests:
            have = {v.casefold() for v in article_facets(article, kind, libraries)}
            if not (values <= have if kind in ALL_OF else values & have):
                return False
        return True

    return match


def facet_counts(
    total: Counter[tuple[FacetKind, str]],
    fresh: Counter[tuple[FacetKind, str]],
    started: Counter[tuple[FacetKind, str]],
    libraries: Sequence[str] = (),
) -> Facets:
    """Counts by (kind, value) as `Catalog.facets` gives them: every kind, its values by
    name (years newest first, then Undated; the libraries in `libraries`' order, each of them
    even with no article). Values that differ only in case are one entry, as choosing one
    keeps them all (`matches`): its counts summed, named as most of its articles spell it
    (on a tie, the spelling first in sorted order)."""
    spellings: dict[tuple[FacetKind, str], list[str]] = {}
    for kind, value in total:
        spellings.setdefault((kind, value.casefold()), []).append(value)
    by_kind: dict[FacetKind, list[FacetCount]] = {kind: [] for kind in FACET_KINDS}
    for (kind, _), values in spellings.items():
        keys = [(kind, v) for v in values]
        name = min(values, key=lambda v: (-total[(kind, v)], v))
        by_kind[kind].append(
            FacetCount(
                name,
                sum(total[k] for k in keys),
                sum(fresh[k] for k in keys),
                sum(started[k] for k in keys),
            )
        )
    out: Facets = {}
    for kind, entries in by_kind.items():
        if kind == "year":
            entries.sort(key=lambda e: e.value, reverse=True)
            entries.sort(key=lambda e: e.value == UNDATED)
        elif kind == "library":
            named = {e.value: e for e in entries}
            order = list(dict.fromkeys(libraries)) + [v for v in named if v not in libraries]
            entries = [named.get(v) or FacetCount(v, 0, 0, 0) for v in order]
        else:
            entries.sort(key=lambda e: (e.value.casefold(), e.value))
        out[kind] = entries
    return out
