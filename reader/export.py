"""Export bookmarked quotes: citation-ready Markdown, W3C Web Annotation JSON, Readwise CSV.

Writers build a string; `write_atomic` puts it on disk the safe way (a temporary file in the
same folder, then a rename), never creating folders and never writing anywhere else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.atomic import replace_file
from reader.errors import ReaderError
from reader.library import Article

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.session import Session

FORMATS = ("md", "json", "csv", "hypothesis")
READWISE_COLUMNS = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


class ExportError(ReaderError):
    """Export failed; the message is one line for the user."""


@dataclass(slots=True)
class Entry:
    """One quote with what is known about its article (the article may be gone)."""

    quote: Quote
    article: Article | None
    title: str
    source: str = ""  # the web address kept for an article that is gone (from an import)


def human_date(date: str | None) -> str:
    """'2014-03-26' -> '26 March 2014'; '2015-11' -> 'November 2015'; '2019' -> '2019'."""
    if not date:
        return ""
    parts = date.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def citation_line(
    article: Article | None,
    title: str = "",
    style: str | None = None,
    *,
    markdown: bool = False,
) -> str:
    """The article's reference in a citation style (the user's default when None); Markdown
    (italics, the text escaped, the address an autolink) with `markdown=True`."""
    if article is None:
        esc = md_escape if markdown else _same
        return f"“{esc(title)}”" if title else "(article no longer in the library)"
    from reader.citations import citation_for

    return citation_for(article, style, "markdown" if markdown else "text")


def _same(text: str) -> str:
    return text


def status_line(quote: Quote) -> str:
    """What an export says under a quote whose words are no longer the article's ("" when
    they are)."""
    if quote.status == "changed":
        return f"The article now reads: “{quote.current_text or ''}”"
    if quote.status == "orphaned":
        return "No longer found in the article"
    return ""


# Characters Markdown (CommonMark, GFM, and the common extensions: ~~strike~~, $math$,
# ==mark==) would take as formatting anywhere in a line; each is escaped with a backslash.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])|(==)")
# ...and what starts a block at the beginning of a line: headings, lists, quotes, rules.
_MD_LINE_START = re.compile(r"^([#+=>-])|^(\d+)([.)])")


def md_escape(text: str) -> str:
    """Text as Markdown that reads exactly as the text: `*not italic*`, `[^1]:` stay as typed.
    Leading spaces are dropped (four would make a code block)."""
    lines = []
    for line in text.split("\n"):
        line = _MD_INLINE.sub(lambda m: "\\" + m.group(1) if m.group(1) else "\\=\\=", line)
        line = _MD_LINE_START.sub(
            lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3),
            line.strip(),
        )
        lines.append(line)
    return "\n".join(lines)


def citation(
    quote: Quote, article: Article | None, title: str = "", style: str | None = None
) -> str:
    """A quote with its citation, as plain text (for the clipboard)."""
    text = f"“{quote.text}”\n— {citation_line(article, title, style)}"
    if status_line(quote):
        text += f"\n({status_line(quote)})"
    if quote.note:
        text += f"\nNote: {quote.note}"
    return text


def collect(
    session: Session,
    *,
    article: str | None = None,
    category: str | None = None,
    tag: str | None = None,
) -> list[Entry]:
    """Bookmarked quotes matching the filters, grouped by article in library order."""
    if article is not None:
        session.catalog.get(article)
    quotes = session.quotes(article, bookmarked=True)
    titles = {}
    sources: dict[str, str] = {}
    if any(session.catalog.find(q.article_id) is None for q in quotes):
        titles = {
            aid: t for aid, t in session.store.db.execute("SELECT article_id, title FROM articles")
        }
        sources = session.store.article_sources()
    out = []
    for q in quotes:
        art = session.catalog.find(q.article_id)
        if category and (
            art is None or category.casefold() not in {c.casefold() for c in art.categories}
        ):
            continue
        if tag and (art is None or tag.casefold() not in {t.casefold() for t in art.tags}):
            continue
        if art is not None:
            out.append(Entry(q, art, art.title))
        else:
            title = titles.get(q.article_id) or q.article_id
            out.append(Entry(q, None, title, sources.get(q.article_id, "")))
    return out


def to_markdown(entries: list[Entry], exported: str, style: str | None = None) -> str:
    """Quotes as Markdown: per article a heading, each quote a blockquote with its citation
    (in `style`, the user's default when None), what the article reads now when that
    differs, and the note. User text is escaped."""
    lines = [
        "# Quotes",
        "",
        f"Exported from policyreader on {exported[:10]}: "
        f"{_count(len(entries), 'quote')} from "
        f"{_count(len({e.quote.article_id for e in entries}), 'article')}.",
        "",
    ]
    current = None
    for e in entries:
        q = e.quote
        if q.article_id != current:
            current = q.article_id
            lines += [f"## {md_escape(' '.join(e.title.split()))}", ""]
        for text_line in md_escape(q.text).splitlines() or [""]:
            lines.append(f"> {text_line}".rstrip())
        lines += ["", f"— {citation_line(e.article, e.title, style, markdown=True)}"]
        if q.status == "changed":
            lines += ["", f"The article now reads: “{md_escape(q.current_text or '')}”"]
        elif q.status == "orphaned":
            lines += ["", "No longer found in the article."]
        if q.note:
            # One paragraph, its lines kept by hard line breaks (a backslash at the end): a
            # blank line in the note would end the paragraph and leave the rest unlabelled.
            lines += ["", "**Note:** " + "\\\n".join(md_escape(q.note).split("\n"))]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _article_json(e: Entry) -> dict[str, Any]:
    a = e.article
    if a is None:
        gone = {"id": e.quote.article_id, "title": e.title}
        return {**gone, "source_url": e.source} if e.source else gone
    return {
        "id": a.id,
        "title": a.title,
        "author": a.author or None,
        "date": a.date,
        "publisher": a.publisher or None,
        "categories": list(a.categories),
        "tags": list(a.tags),
        "source_url": a.source_url or None,
        "excerpt": a.excerpt,
    }


def to_annotations(entries: list[Entry], exported: str) -> str:
    """A W3C Web Annotation collection (JSON-LD) of the quotes.

    The TextQuoteSelector always holds the words as quoted. A TextPositionSelector counts
    characters of policyreader's plain text of the article, so it goes only with that text
    as the source (`urn:policyreader:article:ID`), and only while the words there are the
    quoted ones; for an article with a web address the target is the page with the quote
    selector alone (as Hypothesis does). The position, status and article are kept in the
    `policyreader` property either way, so nothing is lost for an import.
    """
    items = [_annotation(e) for e in entries]
    key = exported + "\n" + "\n".join(str(item["id"]) for item in items)
    collection_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'policyreader:export:' + key)}"
    page_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, collection_id + ':page:0')}"
    collection = {
        "@context": ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "policyreader quotes",
        "generated": exported,
        "total": len(items),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def article_urn(article_id: str) -> str:
    """The IRI of policyreader's plain text of an article (what positions count in)."""
    return f"urn:policyreader:article:{article_id}"


def _annotation(e: Entry) -> dict[str, Any]:
    q = e.quote
    quote_selector = {
        "type": "TextQuoteSelector",
        "exact": q.text,
        "prefix": q.prefix,
        "suffix": q.suffix,
    }
    position = (
        {"start": q.start, "end": q.end} if q.start is not None and q.end is not None else None
    )
    url = e.article.source_url if e.article else e.source
    target: dict[str, Any]
    if url:
        target = {"source": url, "selector": [quote_selector]}
    else:
        selectors: list[dict[str, Any]] = [quote_selector]
        if position is not None and q.status == "anchored":
            selectors.append({"type": "TextPositionSelector", **position})
        target = {"source": article_urn(q.article_id), "selector": selectors}
    ann: dict[str, Any] = {
        "@context": ANNO_CONTEXT,
        "id": f"urn:policyreader:quote:{q.id}",
        "type": "Annotation",
        "motivation": "commenting" if q.note else "highlighting",
    }
    if q.created_at:
        ann["created"] = q.created_at
    if q.updated_at:
        ann["modified"] = q.updated_at
    if q.note:
        ann["body"] = {
            "type": "TextualBody",
            "value": q.note,
            "format": "text/plain",
            "purpose": "commenting",
        }
    ann["target"] = target
    ann["policyreader"] = {
        "quote_id": q.id,
        "kind": q.kind,
        "status": q.status,
        "current_text": q.current_text,
        # characters of policyreader's plain text of the article where the quote was last
        # found (for a changed quote, where the current words are)
        "position": position,
        "source": article_urn(q.article_id),
        "article": _article_json(e),
    }
    return ann


def to_readwise_csv(entries: list[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(READWISE_COLUMNS)
    for e in entries:
        q = e.quote
        author = e.article.author if e.article else ""
        url = e.article.source_url if e.article else e.source
        when = q.created_at[:19].replace("T", " ") if q.created_at else ""
        location = "" if q.start is None else q.start
        note = "\n\n".join(part for part in (status_line(q), q.note) if part)
        writer.writerow([q.text, e.title, author, url, note, location, when])
    return buf.getvalue()


def render(
    entries: list[Entry], fmt: str, exported: str | None = None, style: str | None = None
) -> str:
    """One format's text. `exported` is the export's date-time (UTC, ISO 8601; now if None);
    `style` the citation style of the Markdown (the user's default when None)."""
    exported = exported or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "md":
        return to_markdown(entries, exported, style)
    if fmt == "json":
        return to_annotations(entries, exported)
    if fmt == "csv":
        return to_readwise_csv(entries)
    if fmt == "hypothesis":
        from reader.interchange import to_hypothesis

        return to_hypothesis(entries, exported)
    raise ExportError(f"unknown format {fmt!r} (use md, json, csv or hypothesis)")


def write_atomic(path: Path, data: str) -> None:
    """Write data to path via a temporary file in the same folder and a rename.

    The folder must exist (it is never created); an existing directory at `path` is an error.
    """
    path = Path(path).expanduser()
    folder = path.parent
    if not path.name or path.name in (".", ".."):
        raise ExportError(f"{path}: not a file name")
    if not folder.is_dir():
        raise ExportError(f"{folder}: folder does not exist (it is not created for you)")
    if path.is_dir():
        raise ExportError(f"{path}: is a folder, not a file")
    replace_file(path, data, ExportError, newline="")


def refuse_state_files(session: Session, path: Path) -> None:
    """An export must never replace the state database, its journal files or its backups."""
    db = session.store.path
    if db is None:
        return
    try:
        target = Path(path).expanduser().resolve()
        state = db.resolve()
    except OSError:
        return
    if target.parent == state.parent and target.name.startswith(state.name):
        raise ExportError(
            f"{path}: that is the state database (or one of its files), where "
            "your quotes are kept; choose another file"
        )


def export_quotes(
    session: Session,
    fmt: str,
    path: Path | None,
    *,
    article: str | None = None,
    category: str | None = None,
    tag: str | None = None,
    style: str | None = None,
) -> tuple[str, int]:
    """Render bookmarked quotes; write them to `path` if given. Returns (text, count).

    `style` is the citation style of the Markdown export (the user's default when None)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (use md, json, csv or hypothesis)")
    entries = collect(session, article=article, category=category, tag=tag)
    data = render(entries, fmt, style=style)
    if path is not None:
        refuse_state_files(session, path)
        write_atomic(path, data)
    return data, len(written(entries, fmt))


def written(entries: list[Entry], fmt: str) -> list[Entry]:
    """The quotes a format writes: all of them, but for Hypothesis only those of articles with
    a web address (Hypothesis anchors on pages)."""
    if fmt != "hypothesis":
        return entries
    from reader.interchange import on_pages

    return on_pages(entries)


def export_count(
    session: Session,
    fmt: str,
    *,
    article: str | None = None,
    category: str | None = None,
    tag: str | None = None,
) -> int:
    """How many bookmarked quotes an export in `fmt` would write (nothing is written)."""
    return len(written(collect(session, article=article, category=category, tag=tag), fmt))
