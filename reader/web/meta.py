"""Citation metadata a page declares, read as declared.

trafilatura's metadata is good but normalises in two ways a citation must not: it splits and
trims author names (so "Institute for Fiscal Studies" loses words) and writes every date as a
full day. So authors and the publication date are first looked for here, in the page's own
declarations (Highwire `citation_*`, JSON-LD, `article:*`/`author` meta tags), kept whole and at
the precision given; trafilatura's values are the fallback.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_META = re.compile(rb"<meta\b[^>]*>", re.I)
_ATTR = re.compile(rb"""([a-zA-Z:_.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_LD = re.compile(
    rb"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>", re.I | re.S
)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ].*)?$")
_BY = re.compile(r"^\s*by\s+", re.I)
_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "report",
    "scholarlyarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reportagenewsarticle",
    "techarticle",
    "webpage",
    "posting",
    "socialmediaposting",
}
AUTHOR_KEYS = ("citation_author", "dc.creator", "dcterms.creator", "author", "article:author",
               "parsely-author", "sailthru.author")  # fmt: skip
DATE_KEYS = ("citation_publication_date", "citation_date", "article:published_time",
             "dc.date", "dcterms.issued", "dcterms.date", "date", "pubdate")  # fmt: skip
MAX_SCAN = 512 * 1024  # declarations live in the head: no need to read a whole huge page


class Declared:
    """Authors and date as the page declares them (empty when it does not)."""

    __slots__ = ("authors", "date")

    def __init__(self, authors: list[str], date: str | None) -> None:
        self.authors = authors
        self.date = date


def declared(raw: bytes) -> Declared:
    head = raw[:MAX_SCAN]
    metas: dict[str, list[str]] = {}
    for m in _META.finditer(head):
        attrs = {}
        for a in _ATTR.finditer(m.group(0)):
            value = a.group(2) if a.group(2) is not None else a.group(3) or a.group(4) or b""
            attrs[a.group(1).lower()] = value
        key = (attrs.get(b"name") or attrs.get(b"property") or b"").decode("utf-8", "replace")
        content = attrs.get(b"content")
        if key and content:
            text = " ".join(html.unescape(content.decode("utf-8", "replace")).split())
            if text:
                metas.setdefault(key.lower(), []).append(text)
    ld = _json_ld(head)
    authors: list[str] = []
    if metas.get("citation_author"):
        authors = metas["citation_author"]
    elif ld.get("authors"):
        authors = ld["authors"]
    else:
        for key in AUTHOR_KEYS[1:]:
            names = [n for n in metas.get(key, []) if not n.lower().startswith("http")]
            if names:
                authors = names
                break
    authors = list(dict.fromkeys(_BY.sub("", a).strip() for a in authors if _BY.sub("", a).strip()))
    date = None
    for candidate in [*(metas.get(k, [""])[0] for k in DATE_KEYS[:2]), ld.get("date", "")] + [
        metas.get(k, [""])[0] for k in DATE_KEYS[2:]
    ]:
        date = _precise(candidate)
        if date:
            break
    return Declared(authors, date)


_LINK = re.compile(rb"<link\b[^>]*>", re.I)


def canonical(raw: bytes, base: str | None) -> str:
    """The canonical address the page declares (absolute), or ''."""
    from urllib.parse import urljoin

    for m in _LINK.finditer(raw[:MAX_SCAN]):
        attrs = {}
        for a in _ATTR.finditer(m.group(0)):
            value = a.group(2) if a.group(2) is not None else a.group(3) or a.group(4) or b""
            attrs[a.group(1).lower()] = value
        if attrs.get(b"rel", b"").lower() == b"canonical" and attrs.get(b"href"):
            href = html.unescape(attrs[b"href"].decode("utf-8", "replace")).strip()
            try:
                absolute = urljoin(base or "", href)
            except ValueError:
                return ""
            return absolute if absolute.startswith(("http://", "https://")) else ""
    return ""


def _precise(value: str) -> str | None:
    """`YYYY`, `YYYY-MM` or `YYYY-MM-DD` from a declared date, at its own precision."""
    m = _DATE.match(value.strip().replace("/", "-"))
    if not m:
        return None
    year, month, day = m.groups()
    if month and not 1 <= int(month) <= 12:
        return None
    if day and not 1 <= int(day) <= 31:
        return None
    return "-".join(p for p in (year, month, day) if p)


def _json_ld(head: bytes) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for m in _LD.finditer(head):
        try:
            data = json.loads(m.group(1).decode("utf-8", "replace"))
        except ValueError:
            continue
        for obj in _objects(data, 0):
            types = obj.get("@type")
            names = {
                t.lower()
                for t in (types if isinstance(types, list) else [types])
                if isinstance(t, str)
            }
            if not names & _ARTICLE_TYPES:
                continue
            if "authors" not in found:
                authors = _names(obj.get("author") or obj.get("creator"))
                if authors:
                    found["authors"] = authors
            if "date" not in found and isinstance(obj.get("datePublished"), str):
                found["date"] = obj["datePublished"]
    return found


def _objects(data: Any, depth: int) -> list[dict[str, Any]]:
    if depth > 6:
        return []
    if isinstance(data, list):
        return [o for item in data for o in _objects(item, depth + 1)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph", []), depth + 1)]
    return []


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [" ".join(value.split())] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        name = value.get("name")
        return [" ".join(name.split())] if isinstance(name, str) and name.strip() else []
    if isinstance(value, list):
        return [n for item in value[:50] for n in _names(item)]
    return []
