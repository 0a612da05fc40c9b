"""OPML, the subscription list every feed reader reads and writes.

Reading takes every outline with an `xmlUrl`, at any depth; the folder outlines around it
become its categories (as newsboat and most readers use folders). The XML is parsed with
entities left unresolved and no network, so a hostile file cannot expand or reach out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from reader.errors import ReaderError
from reader.records import Record

if TYPE_CHECKING:
    from reader.web.feedstore import Subscription

MAX_OPML_BYTES = 5 * 1024 * 1024


class Outline(Record):
    __slots__ = ("url", "title", "link", "categories")

    def __init__(
        self, url: str, title: str = "", link: str = "", categories: list[str] | None = None
    ) -> None:
        self.url = url
        self.title = title
        self.link = link
        self.categories: list[str] = categories or []


def read_opml(path: Path) -> list[Outline]:
    """The feeds of an OPML file; ReaderError with one line when it cannot be read."""
    from lxml import etree

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_OPML_BYTES:
        raise ReaderError(f"{path}: larger than {MAX_OPML_BYTES // (1024 * 1024)} MB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ReaderError(f"{path}: not an OPML file (invalid XML: {exc})") from None
    if root is None or not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise ReaderError(f"{path}: not an OPML file (no <opml> element)")
    body = root.find("body")
    if body is None:
        raise ReaderError(f"{path}: not an OPML file (no <body>)")
    out: list[Outline] = []

    def walk(el: object, folders: list[str]) -> None:
        for child in el:  # type: ignore[attr-defined]
            if not isinstance(child.tag, str) or child.tag != "outline":
                continue
            title = " ".join((child.get("title") or child.get("text") or "").split())
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url.lower().startswith(("http://", "https://")):
                declared = [c.strip() for c in (child.get("category") or "").split(",")]
                cats = list(dict.fromkeys([*folders, *(c.strip("/") for c in declared if c)]))
                out.append(Outline(url, title, (child.get("htmlUrl") or "").strip(), cats))
            walk(child, [*folders, title] if not url and title else folders)

    walk(body, [])
    return out


def write_opml(subs: list[Subscription]) -> str:
    """OPML 2.0 of the subscriptions, one outline per feed."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>policyreader subscriptions</title>",
        "  </head>",
        "  <body>",
    ]
    for s in subs:
        title = s.title or s.url
        attrs = (
            f'type="rss" text={quoteattr(title)} title={quoteattr(title)} xmlUrl={quoteattr(s.url)}'
        )
        if s.link:
            attrs += f" htmlUrl={quoteattr(s.link)}"
        if s.categories:
            attrs += f" category={quoteattr(','.join(s.categories))}"
        lines.append(f"    <outline {attrs}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
