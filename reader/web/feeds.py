"""Parsing a feed (feedparser): RSS 0.9x/1.0/2.0 and Atom, to plain records.

Parsing only: getting the feed is `reader.web.retrieve`, deciding which entries are new is
`reader.web.update`. An entry carrying its full text (`content:encoded`, Atom `content`) keeps
it as HTML; one with only a summary is marked so that its page is fetched and extracted.
"""

from __future__ import annotations

import time
from typing import Any

from reader.errors import ReaderError
from reader.records import Record

# An entry whose content is shorter than this (in characters of text) is taken as a teaser.
FULL_TEXT_MIN = 500


class FeedError(ReaderError):
    """The document is not a feed, or not one that can be read."""


class Entry(Record):
    """One feed entry, as much as the feed says about it."""

    __slots__ = (
        "id",
        "link",
        "title",
        "authors",
        "date",
        "categories",
        "content",
        "summary",
        "full",
    )

    def __init__(
        self,
        id: str = "",  # noqa: A002 - the entry's id/guid
        link: str = "",
        title: str = "",
        authors: list[str] | None = None,
        date: str | None = None,
        categories: list[str] | None = None,
        content: str = "",
        summary: str = "",
        full: bool = False,
    ) -> None:
        self.id = id
        self.link = link
        self.title = title
        self.authors: list[str] = authors or []
        self.date = date
        self.categories: list[str] = categories or []
        self.content = content  # HTML: the full text when `full`
        self.summary = summary  # HTML
        self.full = full


class Feed(Record):
    """A parsed feed: its title and site, and its entries in the feed's order."""

    __slots__ = ("title", "link", "language", "entries")

    def __init__(
        self, title: str, link: str, language: str = "", entries: list[Entry] | None = None
    ) -> None:
        self.title = title
        self.link = link
        self.language = language
        self.entries: list[Entry] = entries or []


def parse(data: bytes, url: str = "", content_type: str = "") -> Feed:
    """The feed in `data`; FeedError when it is not a feed or cannot be read."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    except Exception as exc:  # feedparser's own failures on odd input
        raise FeedError(f"cannot read the feed: {exc}") from None
    broken = parsed.get("bozo") and parsed.get("bozo_exception") is not None
    if not parsed.get("version") or (broken and not parsed.get("entries")):
        # A feed with a slip in its XML is still read (as every feed reader does), as long as
        # entries came out of it; one with nothing readable is an error.
        if broken:
            reason = " ".join(str(parsed["bozo_exception"]).split())[:150]
            raise FeedError(f"not a readable feed (malformed XML: {reason})")
        raise FeedError("not an RSS or Atom feed")
    info = parsed.get("feed", {})
    entries = [_entry(e, url) for e in parsed.get("entries", [])]
    return Feed(
        title=_one_line(info.get("title", "")),
        link=info.get("link", "") or "",
        language=_one_line(info.get("language", "")),
        entries=[e for e in entries if e.id or e.link],
    )


def _entry(e: Any, base: str) -> Entry:
    content = ""
    for part in e.get("content", []) or []:
        if part.get("value"):
            content = part["value"]
            break
    summary = e.get("summary", "") or ""
    full = bool(content) and len(_text_of(content)) >= min(
        FULL_TEXT_MIN, len(_text_of(summary)) + 1
    )
    if not content and summary and len(_text_of(summary)) >= 4 * FULL_TEXT_MIN:
        content, full = summary, True  # RSS 2.0 feeds that put the whole post in <description>
    authors = [_one_line(a.get("name", "")) for a in e.get("authors", []) or [] if a.get("name")]
    if not authors and e.get("author"):
        authors = [_one_line(e["author"])]
    categories = [_one_line(t.get("term", "")) for t in e.get("tags", []) or [] if t.get("term")]
    return Entry(
        id=_one_line(e.get("id", "")),
        link=e.get("link", "") or "",
        title=_one_line(e.get("title", "")),
        authors=[a for a in authors if a],
        date=_date(e.get("published_parsed") or e.get("updated_parsed")),
        categories=list(dict.fromkeys(c for c in categories if c)),
        content=content,
        summary=summary,
        full=full,
    )


def _date(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    return time.strftime("%Y-%m-%d", parsed)


def _one_line(value: Any) -> str:
    from reader.clean import clean_line

    return clean_line(str(value or ""))


def _text_of(html: str) -> str:
    import re

    return re.sub(r"<[^>]*>", " ", html).strip()
