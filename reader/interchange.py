"""Quotes in other tools' formats: reading policyreader's W3C Web Annotation export, a
Hypothesis export and a Readwise CSV (for `import`), and writing the JSON the Hypothesis
client imports.

Reading gives `Incoming` quotes: what the file says, before anything is matched to the
library (`reader.importer` does that).
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.records import Record

if TYPE_CHECKING:
    from reader.export import Entry

MAX_IMPORT_BYTES = 64 * 1024 * 1024
QUOTE_URN = "urn:policyreader:quote:"
ARTICLE_URN = "urn:policyreader:article:"


class ImportFormatError(ReaderError):
    """The file is not one of the formats `import` reads (one line, for the user)."""


class Incoming(Record):
    """One quote as a file gives it."""

    # The words and their note first; then where they come from and where they stand.
    __slots__ = (
        "text",
        "note",
        "kind",
        "status",
        "id",
        "article_id",
        "source",
        "title",
        "prefix",
        "suffix",
        "start",
        "end",
        "created",
        "modified",
        "article",
    )

    def __init__(self, text: str, **fields: Any) -> None:
        self.text = text
        self.id: str | None = fields.get("id")
        self.article_id: str | None = fields.get("article_id")
        self.source: str = fields.get("source") or ""  # the article's web address
        self.title: str = fields.get("title") or ""
        self.prefix: str = fields.get("prefix") or ""
        self.suffix: str = fields.get("suffix") or ""
        self.start: int | None = fields.get("start")
        self.end: int | None = fields.get("end")
        self.note: str = fields.get("note") or ""
        self.kind: str = fields.get("kind") or "highlight"
        self.status: str = fields.get("status") or "anchored"
        self.created: str = fields.get("created") or ""
        self.modified: str = fields.get("modified") or ""
        self.article: dict[str, Any] = fields.get("article") or {}


def read(data: bytes, name: str = "") -> tuple[str, list[Incoming]]:
    """(format, quotes) of an import file: policyreader's W3C JSON, a Hypothesis export or a
    Readwise CSV, told apart by their content."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFormatError(f"{name}: larger than {MAX_IMPORT_BYTES // 2**20} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(f"{name}: not UTF-8 text") from None
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise ImportFormatError(f"{name}: not valid JSON ({exc})") from None
        if isinstance(doc, dict) and doc.get("type") == "AnnotationCollection":
            return "w3c", from_w3c(doc, name)
        if isinstance(doc, dict) and isinstance(doc.get("annotations"), list):
            return "hypothesis", from_hypothesis(doc["annotations"], name)
        if isinstance(doc, list) and all(isinstance(a, dict) and "uri" in a for a in doc):
            return "hypothesis", from_hypothesis(doc, name)
        raise ImportFormatError(
            f"{name}: JSON, but neither a W3C AnnotationCollection nor a Hypothesis export"
        )
    first = stripped.split("\n", 1)[0]
    if "Highlight" in first and "Title" in first:
        return "readwise", from_readwise(text, name)
    raise ImportFormatError(
        f"{name}: not a format import reads (policyreader's JSON export, a Hypothesis "
        "export or a Readwise CSV)"
    )


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _selectors(target: Any) -> list[dict[str, Any]]:
    if isinstance(target, list):
        target = target[0] if target else {}
    if not isinstance(target, dict):
        return []
    sel = target.get("selector", [])
    if isinstance(sel, dict):
        sel = [sel]
    return [s for s in sel if isinstance(s, dict)] if isinstance(sel, list) else []


def _source(target: Any) -> str:
    if isinstance(target, list):
        target = target[0] if target else {}
    if isinstance(target, str):
        return target
    return _str(target.get("source")) if isinstance(target, dict) else ""


def _quote_selector(sels: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((s for s in sels if s.get("type") == "TextQuoteSelector"), None)


def from_w3c(doc: dict[str, Any], name: str = "") -> list[Incoming]:
    first = doc.get("first")
    items = first.get("items") if isinstance(first, dict) else doc.get("items")
    if not isinstance(items, list):
        raise ImportFormatError(f"{name}: an AnnotationCollection without items")
    out = []
    for ann in items:
        if not isinstance(ann, dict):
            continue
        target = ann.get("target")
        sels = _selectors(target)
        quote = _quote_selector(sels)
        if quote is None or not _str(quote.get("exact")):
            continue
        pr = _dict(ann.get("policyreader"))
        article = _dict(pr.get("article")) or _dict(ann.get("article"))
        source = _source(target)
        article_id = _str(article.get("id"))
        for iri in (source, _str(pr.get("source"))):
            if iri.startswith(ARTICLE_URN):
                article_id = article_id or iri[len(ARTICLE_URN) :]
        if source.startswith(ARTICLE_URN):
            source = _str(article.get("source_url"))
        position = _dict(pr.get("position")) or next(
            (s for s in sels if s.get("type") == "TextPositionSelector"), {}
        )
        body = ann.get("body")
        if isinstance(body, list):
            body = body[0] if body else None
        qid = _str(pr.get("quote_id")) or _str(ann.get("id")).removeprefix(QUOTE_URN)
        status = _str(pr.get("status")) or ("orphaned" if ann.get("orphaned") else "anchored")
        out.append(
            Incoming(
                _str(quote.get("exact")),
                id=qid or None,
                article_id=article_id or None,
                source=source,
                title=_str(article.get("title")),
                prefix=_str(quote.get("prefix")),
                suffix=_str(quote.get("suffix")),
                start=_int(position.get("start")),
                end=_int(position.get("end")),
                note=_str(body.get("value")) if isinstance(body, dict) else "",
                kind=_str(pr.get("kind") or ann.get("kind")) or "highlight",
                status=status,
                created=_str(ann.get("created")),
                modified=_str(ann.get("modified")),
                article=article,
            )
        )
    return out


def from_hypothesis(annotations: list[Any], name: str = "") -> list[Incoming]:
    out = []
    for ann in annotations:
        if not isinstance(ann, dict):
            continue
        sels = _selectors(ann.get("target"))
        quote = _quote_selector(sels)
        if quote is None or not _str(quote.get("exact")):
            continue  # a page note, not a quote
        title = (
            ann.get("document", {}).get("title") if isinstance(ann.get("document"), dict) else ""
        )
        if isinstance(title, list):
            title = title[0] if title else ""
        hid = _str(ann.get("id"))
        out.append(
            Incoming(
                _str(quote.get("exact")),
                id=_hypothesis_quote_id(hid) if hid else None,
                source=_str(ann.get("uri")) or _source(ann.get("target")),
                title=_str(title),
                prefix=_str(quote.get("prefix")),
                suffix=_str(quote.get("suffix")),
                note=_str(ann.get("text")),
                created=_str(ann.get("created")),
                modified=_str(ann.get("updated")),
            )
        )
    return out


def _hypothesis_quote_id(hid: str) -> str:
    """A policyreader id for a Hypothesis annotation: the same on every import."""
    if hid.startswith("h") and len(hid) == 13:  # one of ours, sent there and back
        return hid
    return "hyp-" + "".join(c for c in hid if c.isalnum() or c in "-_")[:40]


def from_readwise(text: str, name: str = "") -> list[Incoming]:
    from reader.library import content_hash

    rows = csv.DictReader(io.StringIO(text))
    if not rows.fieldnames or "Highlight" not in rows.fieldnames:
        raise ImportFormatError(f"{name}: a CSV without a Highlight column")
    out = []
    for row in rows:
        quote = (row.get("Highlight") or "").strip()
        if not quote:
            continue
        title = (row.get("Title") or row.get("Book Title") or "").strip()
        url = (row.get("URL") or "").strip()
        location = (row.get("Location") or "").strip()
        key = f"{title}\n{url}\n{quote}".encode()
        out.append(
            Incoming(
                quote,
                id="rw-" + content_hash(key)[:12],
                source=url,
                title=title,
                note=(row.get("Note") or "").strip(),
                start=int(location) if location.isdigit() else None,
                created=_readwise_date(row.get("Date") or row.get("Highlighted at") or ""),
            )
        )
    return out


def _readwise_date(value: str) -> str:
    value = value.strip()
    if len(value) >= 19 and value[10] in " T":
        return value[:10] + "T" + value[11:19] + ".000000Z"
    return value


def on_pages(entries: list[Entry]) -> list[Entry]:
    """The quotes a Hypothesis export holds: those of articles with a web address (Hypothesis
    anchors on pages)."""
    return [e for e in entries if e.article is not None and e.article.source_url]


def to_hypothesis(entries: list[Entry], exported: str) -> str:
    """The JSON the Hypothesis client imports: one annotation per quote of an article with a
    web address (the others are left out: Hypothesis anchors on pages)."""
    annotations = []
    for e in on_pages(entries):
        art = e.article
        assert art is not None  # on_pages keeps only articles with a web address
        q = e.quote
        annotations.append(
            {
                "id": q.id,
                "created": q.created_at or None,
                "updated": q.updated_at or None,
                "uri": art.source_url,
                "text": q.note,
                "tags": list(art.tags),
                "target": [
                    {
                        "source": art.source_url,
                        # The quote alone: policyreader's positions count characters of its
                        # own plain text, not of the page Hypothesis anchors on.
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": q.text,
                                "prefix": q.prefix,
                                "suffix": q.suffix,
                            }
                        ],
                    }
                ],
                "document": {"title": [art.title]},
            }
        )
    doc = {
        "export_date": exported,
        "client_version": "policyreader",
        "annotations": annotations,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
