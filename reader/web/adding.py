"""From an extracted page to an article in the user's library: front matter, duplicates,
the file.

A page is already in the library when an article has its canonical address (or the address it
was fetched from) as `source_url`, or has the same title and the same text. Adding it again
adds nothing and names that article; `update` rewrites that article's file instead (same id,
same file, `added` kept), and its quotes are re-anchored the next time they are read.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from reader.records import Record
from reader.web import save

if TYPE_CHECKING:
    from reader.catalog import Catalog
    from reader.library import Article
    from reader.web.extract import Extracted

_WORDS = re.compile(r"\w+")


class Added(Record):
    """What adding one source did: `status` is new, duplicate or updated."""

    __slots__ = ("source", "status", "article_id", "path", "title")

    def __init__(self, source: str, status: str, article_id: str, path: str, title: str) -> None:
        self.source = source
        self.status = status
        self.article_id = article_id
        self.path = path
        self.title = title


def url_key(url: str) -> str:
    """An address compared loosely: scheme, `www.`, fragment and a final slash do not count."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host += f":{parts.port}"
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def text_key(markdown: str) -> str:
    """The words of a text, for telling whether two articles say the same."""
    return " ".join(_WORDS.findall(markdown.lower()))


def title_of(ex: Extracted, fallback: str) -> str:
    """The page's title; else its first heading; else the address or file name."""
    if ex.title.strip():
        return ex.title.strip()
    for line in ex.markdown.split("\n"):
        if line.startswith("#"):
            return line.lstrip("#").strip().replace("\\", "")
    return fallback


class Shelf:
    """The articles already in the library, and those added since it was loaded: what a
    new page is checked against, and the ids it must not take."""

    def __init__(self, catalog: Catalog, folder: Path) -> None:
        self.folder = folder
        self.articles: list[Article] = list(catalog.articles)
        self.ids: set[str] = set(catalog.by_id)
        self._by_url: dict[str, Article] = {}
        for art in self.articles:
            if art.source_url:
                self._by_url.setdefault(url_key(art.source_url), art)

    def remember(self, art: Article) -> None:
        self.articles.append(art)
        self.ids.add(art.id)
        if art.source_url:
            self._by_url.setdefault(url_key(art.source_url), art)

    def find(self, ex: Extracted, addresses: list[str], title: str) -> Article | None:
        """The article already holding this page, by address, else by title and text."""
        for a in addresses:
            if a and url_key(a) in self._by_url:
                return self._by_url[url_key(a)]
        words = None
        lowered = title.casefold()
        for art in self.articles:
            if art.title.casefold() != lowered:
                continue
            if words is None:
                words = text_key(ex.markdown)
            if text_key(_body(art.path)) == words:
                return art
        return None


def _body(path: str) -> str:
    from reader.library import parse_file

    return parse_file(path).body  # '' for a file that cannot be read


def metadata(
    ex: Extracted,
    *,
    article_id: str,
    title: str,
    fetched_from: str = "",
    feed: str = "",
    categories: list[str] | tuple[str, ...] = (),
    tags: list[str] | tuple[str, ...] = (),
    added: str | None = None,
) -> dict[str, Any]:
    """The front matter of an added article, in the order a reader of the file expects."""
    source_url = ex.url or fetched_from
    authors: Any = ex.authors[0] if len(ex.authors) == 1 else list(ex.authors)
    return {
        "title": title,
        "id": article_id,
        "author": authors,
        "date": ex.date,
        "publisher": ex.publisher,
        "source_url": source_url,
        "fetched_from": fetched_from if fetched_from and fetched_from != source_url else "",
        "feed": feed,
        "language": ex.language,
        "categories": _merge(ex.categories, categories),
        "tags": _merge(ex.tags, tags),
        "summary": ex.summary,
        "added": added or save.now(),
    }


def _merge(*groups: Any) -> list[str]:
    out: list[str] = []
    for group in groups:
        for item in group:
            if item and item.casefold() not in (o.casefold() for o in out):
                out.append(item)
    return out


def store(
    shelf: Shelf,
    ex: Extracted,
    *,
    source: str,
    fetched_from: str = "",
    feed: str = "",
    categories: list[str] | tuple[str, ...] = (),
    tags: list[str] | tuple[str, ...] = (),
    update: bool = False,
    existing: Article | None = None,
) -> Added:
    """Write `ex` into the library folder (or find it already there); what happened."""
    title = title_of(ex, fetched_from or source)
    if existing is None:
        existing = shelf.find(ex, [ex.url, fetched_from], title)
    if existing is not None and not update:
        return Added(source, "duplicate", existing.id, existing.path, existing.title)
    if existing is not None:
        if not _inside(existing.path, shelf.folder):
            raise save.SaveError(
                f"{existing.id} is not in your library folder ({existing.path}): "
                "only articles policyreader added are rewritten"
            )
        added = _added_of(existing.path)
        meta = metadata(
            ex,
            article_id=existing.id,
            title=title,
            fetched_from=fetched_from,
            feed=feed,
            categories=_merge(existing.categories, categories),
            tags=_merge(existing.tags, tags),
            added=added,
        )
        save.replace(Path(existing.path), save.article_text(meta, ex.markdown))
        return Added(source, "updated", existing.id, existing.path, title)
    article_id = save.unique_id(save.slug(title), shelf.ids)
    meta = metadata(
        ex,
        article_id=article_id,
        title=title,
        fetched_from=fetched_from,
        feed=feed,
        categories=categories,
        tags=tags,
    )
    path = save.write_new(shelf.folder, title, save.article_text(meta, ex.markdown))
    from reader.library import Article

    shelf.remember(Article(article_id, title, str(path), source_url=meta["source_url"]))
    return Added(source, "new", article_id, str(path), title)


def _added_of(path: str) -> str | None:
    """The `added` time of an existing file, kept when it is rewritten."""
    from reader import frontmatter

    try:
        with open(path, encoding="utf-8") as fh:
            source, _ = frontmatter.split(fh.read())
        data = frontmatter.load(source or "")
    except (OSError, ValueError):
        return None
    value = data.get("added")
    return str(value) if value else None


def _inside(path: str, folder: Path) -> bool:
    import os

    real = os.path.realpath(path)
    return real.startswith(os.path.join(os.path.realpath(folder), ""))
