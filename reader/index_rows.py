"""The index's rows and what is made of them: a file's columns as a worker reads them, and
articles, problems and facet values from `files` rows (`reader.index` writes them)."""

from __future__ import annotations

import os
from typing import NamedTuple

from reader.library import Article, LoadProblem, parse_file
from reader.searcher import SEP, FileRow
from reader.types import UNDATED


class ArticleColumns(NamedTuple):
    """The article's columns of a `files` row, as `index_job` reads them from the file."""

    article_id: str
    title: str
    author: str
    date: str | None
    categories: str  # joined with SEP
    tags: str  # joined with SEP
    summary: str
    source_url: str
    publisher: str
    excerpt: int
    words: int


class IndexedFile(NamedTuple):
    """What `index_job` found in one file (made in a worker process: a plain tuple)."""

    rel: str
    digest: str | None  # content hash; None: the file could not be read
    problem: str | None  # the problems found, one per line
    fatal: int  # 1: no article could be made of it
    unchanged: bool  # the same content as indexed: only its size and mtime are new
    article: ArticleColumns | None  # None when fatal or unchanged
    body: str  # the words to index


def index_job(args: tuple[str, str, str, str | None]) -> IndexedFile:
    """Read and parse one file for the index (runs in a worker process for big builds)."""
    rel, path, root, old_hash = args
    from reader.library import content_hash, parse_bytes, read_bytes

    try:
        data = read_bytes(path)
    except (OSError, ValueError):
        parsed = parse_file(path, root)  # reports the reason in the usual words
        return IndexedFile(rel, None, parsed.problems[0].message, 1, False, None, "")
    digest = content_hash(data)
    if digest == old_hash:
        return IndexedFile(rel, digest, None, 0, True, None, "")
    parsed = parse_bytes(path, data, root)
    if parsed.article is None:
        return IndexedFile(rel, digest, parsed.problems[0].message, 1, False, None, "")
    # The index needs words, not layout: a regex pass instead of a full Markdown parse.
    # Quotations need the parsed text, so they are found (and cached here) the first time an
    # article is read.
    from reader.text import index_body

    art = parsed.article
    warnings = "\n".join(p.message for p in parsed.problems)
    columns = ArticleColumns(
        art.id,
        art.title,
        art.author,
        art.date,
        SEP.join(art.categories),
        SEP.join(art.tags),
        art.summary,
        art.source_url,
        art.publisher,
        int(art.excerpt),
        art.words,
    )
    return IndexedFile(rel, digest, warnings or None, 0, False, columns, index_body(parsed.body))


FACET_COLUMNS = "categories, tags, author, date, publisher"
"""The `files` columns `facet_values` takes, in its order."""


def facet_values(
    categories: str | None,
    tags: str | None,
    author: str | None,
    date: str | None,
    publisher: str | None,
) -> list[tuple[str, str]]:
    """(kind, value) of each facet entry an article with these columns counts in, as
    `reader.facets.article_facets` gives them for its Article (but the library: an index
    is one library, counted by `Catalog.counted_facets`)."""
    out = [("category", v) for v in categories.split(SEP)] if categories else []
    if tags:
        out += [("tag", v) for v in tags.split(SEP)]
    if author:
        out.append(("author", author))
    if publisher:
        out.append(("source", publisher))
    out.append(("year", date[:4] if date else UNDATED))
    return out


def row_to_article(
    row: FileRow,
    root: str,
    prefix: str | None = None,
    shared: tuple[dict[str, str], dict[str, tuple[str, ...]]] | None = None,
) -> Article:
    """A `files` row (an article's, not a fatal problem's) to an Article.

    Called once per article on every start, so it is written for speed: the row unpacked at
    once, positional arguments (Article's field order) and the path joined by concatenation
    (`prefix` is root with a trailing separator, as `os.path.join` would put it). With `shared` (two dicts the caller
    keeps for one load), repeated values (author, date, publisher, category and tag lists)
    become one object each: 100,000 articles have a few hundred authors and tag lists.
    """
    (
        _fid,
        rel,
        digest,
        _problem,
        _fatal,
        article_id,
        title,
        author,
        date,
        cats,
        tags,
        summary,
        url,
        publisher,
        excerpt,
        words,
    ) = row
    assert article_id is not None and title is not None  # an article's row, not a problem's
    if prefix is None:
        prefix = os.path.join(root, "")
    if shared is None:
        return Article(
            article_id,
            title,
            prefix + rel,
            author or "",
            date,
            tuple(cats.split(SEP)) if cats else (),
            tuple(tags.split(SEP)) if tags else (),
            summary or "",
            url or "",
            publisher or "",
            bool(excerpt),
            digest or "",
            words or 0,
            root,
        )
    strings, lists = shared
    one = strings.setdefault
    author = one(author, author) if author else ""
    if date:
        date = one(date, date)
    publisher = one(publisher, publisher) if publisher else ""

    def terms(joined: str | None) -> tuple[str, ...]:
        if not joined:
            return ()
        found = lists.get(joined)
        if found is None:
            parts = joined.split(SEP)
            found = lists[joined] = tuple(map(one, parts, parts))
        return found

    return Article(
        article_id,
        title,
        prefix + rel,
        author,
        date,
        terms(cats),
        terms(tags),
        summary or "",
        url or "",
        publisher,
        bool(excerpt),
        digest or "",
        words or 0,
        root,
    )


def row_problems(row: FileRow, root: str) -> list[LoadProblem]:
    if not row.problem:
        return []
    path = os.path.join(root, row.rel)
    return [LoadProblem(path, line, bool(row.fatal)) for line in row.problem.split("\n")]
