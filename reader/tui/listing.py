"""The article list's order and read-state filter, apart from any widget.

`s` cycles the sort (date, title, author, reading progress, date added; kept between runs in
the settings), `u` the read-state filter (unread, started, read, bookmarked, changed, as the
CLI's). Both apply after the tree's facet. Each sort key is computed once per article and
sort (`sorted(key=...)`), and the date order is the catalog's own: it costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

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
) -> list[Article]:
    """The articles in the chosen order; ties keep the catalog's order (newest first)."""
    if sort == "title":
        return sorted(articles, key=lambda a: (a.title or a.id).casefold())
    if sort == "author":
        # Articles without an author last.
        return sorted(articles, key=lambda a: (not a.author, a.author.casefold()))
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
