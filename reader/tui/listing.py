"""The article list's order and read-state filter, apart from any widget.

`s` cycles the sort (date, title, author, reading progress, date added; kept between runs in
the settings), `u` the read-state filter (unread, started, read, bookmarked, changed, as the
CLI's). Both apply after the tree's facet. The date order is the catalog's own: it costs
nothing. The title, author and date-added orders of the whole catalog are made once per catalog
load (`SortOrders`), each sort key computed once per article; a filtered list is put in that
order by each article's place in it, and the whole list is the order itself. Reading progress
changes as one reads: its order is made each time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.api import Article, ArticleState

SORTS = ("date", "title", "author", "progress", "added")
SORT_NAMES = {
    "date": "date",
    "title": "title",
    "author": "author",
    "progress": "reading progress",
    "added": "date added",
}
STATE_FILTERS = ("", "unread", "started", "read", "bookmarked", "changed")
# Reading progress: the articles being read first (furthest on first), then unread, then read.
_READ_ORDER = {"started": 0, "unread": 1, "read": 2}


def added_at(article: Article, cache: dict[str, float]) -> float:
    """When the article's file arrived (its modification time), cached by path."""
    found = cache.get(article.path)
    if found is None:
        try:
            found = os.stat(article.path).st_mtime
        except OSError:
            found = 0.0
        cache[article.path] = found
    return found


def title_key(article: Article) -> str:
    return (article.title or article.id).casefold()


def author_key(article: Article) -> tuple[bool, str]:
    # Articles without an author last.
    return not article.author, article.author.casefold()


class SortOrders:
    """Each catalog-only sort's order of the whole catalog, with each article's place in it,
    made at the first use after the catalog's articles were loaded (a new list) and kept."""

    def __init__(self) -> None:
        # sort -> (the catalog's articles it was made from, their order, id -> place)
        self._made: dict[str, tuple[list[Article], list[Article], dict[str, int]]] = {}

    def order(
        self,
        catalog: list[Article],
        sort: str,
        key: Callable[[Article], Any],
        reverse: bool = False,
    ) -> tuple[list[Article], dict[str, int]]:
        made = self._made.get(sort)
        if made is None or made[0] is not catalog:
            ordered = sorted(catalog, key=key, reverse=reverse)
            made = (catalog, ordered, {a.id: n for n, a in enumerate(ordered)})
            self._made[sort] = made
        return made[1], made[2]

    def places(self, articles: list[Article]) -> dict[str, int] | None:
        """Each article's place, when `articles` is one of the kept orders itself."""
        return next((made[2] for made in self._made.values() if made[1] is articles), None)

    def sort(
        self,
        articles: list[Article],
        catalog: list[Article],
        sort: str,
        key: Callable[[Article], Any],
        reverse: bool = False,
    ) -> list[Article]:
        """`articles` (the catalog's, or some of them in its order) in this sort's order."""
        ordered, place = self.order(catalog, sort, key, reverse)
        if articles is catalog:
            return ordered
        try:
            return sorted(articles, key=lambda a: place[a.id])
        except KeyError:  # not from this catalog: sorted on their own
            return sorted(articles, key=key, reverse=reverse)


def keep_state(
    articles: list[Article],
    state_filter: str,
    state_of: Callable[[Article], ArticleState],
    changed: Callable[[Article, ArticleState], bool],
) -> list[Article]:
    """The articles the read-state filter keeps ("" keeps them all)."""
    if not state_filter:
        return articles
    if state_filter == "bookmarked":
        return [a for a in articles if state_of(a).bookmarked]
    if state_filter == "changed":
        return [a for a in articles if changed(a, state_of(a))]
    return [a for a in articles if state_of(a).read == state_filter]


def sort_articles(
    articles: list[Article],
    sort: str,
    state_of: Callable[[Article], ArticleState],
    added: Callable[[Article], float],
    orders: SortOrders | None = None,
    catalog: list[Article] | None = None,
) -> list[Article]:
    """The articles in the chosen order; ties keep the catalog's order (newest first). With
    `orders` and the `catalog` the articles come from, the kept orders are used."""
    if orders is not None and catalog is not None and sort in ("title", "author", "added"):
        key = {"title": title_key, "author": author_key, "added": added}[sort]
        return orders.sort(articles, catalog, sort, key, reverse=sort == "added")
    if sort == "title":
        return sorted(articles, key=title_key)
    if sort == "author":
        return sorted(articles, key=author_key)
    if sort == "progress":

        def progress(a: Article) -> tuple[int, int]:
            st = state_of(a)
            return _READ_ORDER.get(st.read, 1), -st.progress

        return sorted(articles, key=progress)
    if sort == "added":
        return sorted(articles, key=added, reverse=True)
    return articles  # date: the catalog's order


def next_in(options: tuple[str, ...], current: str) -> str:
    """The option after `current`, wrapping round (the first when `current` is unknown)."""
    if current not in options:
        return options[0]
    return options[(options.index(current) + 1) % len(options)]
