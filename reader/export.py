"""Export bookmarked quotes: citation-ready Markdown, W3C Web Annotation JSON, Readwise CSV.

Writers build a string; `write_atomic` puts it on disk the safe way (a temporary file in the
same folder, then a rename), never creating folders and never writing anywhere else.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.library import Article

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.session import Session

FORMATS = ("md", "json", "csv")
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


def citation_line(article: Article | None, title: str = "") -> str:
    """Author, “Title”, Publisher, date. <link> — the parts that are known."""
    if article is None:
        return f"“{title}”" if title else "(article no longer in the library)"
    parts = []
    if article.author:
        parts.append(article.author)
    parts.append(f"“{article.title}”")
    if article.publisher:
        parts.append(article.publisher)
    if article.date:
        parts.append(human_date(article.date))
    line = ", ".join(parts) + "."
    if article.source_url:
        line += f" <{article.source_url}>"
    return line


def citation(quote: Quote, article: Article | None, title: str = "") -> str:
    """A quote with its citation, as plain text (for the clipboard)."""
    text = f"“{quote.text}”\n— {citation_line(article, title)}"
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
    if any(session.catalog.find(q.article_id) is None for q in quotes):
        titles = {
            aid: t for aid, t in session.store.db.execute("SELECT article_id, title FROM articles")
        }
    out = []
    for q in quotes:
        art = session.catalog.find(q.article_id)
        if category and (
            art is None or category.casefold() not in {c.casefold() for c in art.categories}
        ):
            continue
        if tag and (art is None or tag.casefold() not in {t.casefold() for t in art.tags}):
            continue
        out.append(Entry(q, art, art.title if art else (titles.get(q.article_id) or q.article_id)))
    return out


def to_markdown(entries: list[Entry], exported: str) -> str:
    lines = [
        "# Quotes",
        "",
        f"Exported from policyreader on {exported}: "
        f"{_count(len(entries), 'quote')} from "
        f"{_count(len({e.quote.article_id for e in entries}), 'article')}.",
        "",
    ]
    current = None
    for e in entries:
        if e.quote.article_id != current:
            current = e.quote.article_id
            lines += [f"## {e.title}", ""]
        for text_line in e.quote.text.splitlines() or [""]:
            lines.append(f"> {text_line}".rstrip())
        lines += ["", f"— {citation_line(e.article, e.title)}"]
        if e.quote.orphaned:
            lines.append("(This quote could no longer be found in the article's current text.)")
        if e.quote.note:
            lines += ["", f"**Note:** {e.quote.note}"]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _article_json(e: Entry) -> dict[str, Any]:
    a = e.article
    if a is None:
        return {"id": e.quote.article_id, "title": e.title}
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
    """A W3C Web Annotation collection (JSON-LD) of the quotes."""
    items = []
    for e in entries:
        q = e.quote
        selectors: list[dict[str, Any]] = [
            {"type": "TextQuoteSelector", "exact": q.text, "prefix": q.prefix, "suffix": q.suffix}
        ]
        if q.start is not None and q.end is not None and not q.orphaned:
            selectors.append({"type": "TextPositionSelector", "start": q.start, "end": q.end})
        source = (
            e.article.source_url
            if e.article and e.article.source_url
            else f"urn:policyreader:article:{q.article_id}"
        )
        ann: dict[str, Any] = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:policyreader:quote:{q.id}",
            "type": "Annotation",
            "motivation": "commenting" if q.note else "highlighting",
            "created": q.created_at or None,
            "modified": q.updated_at or None,
            "target": {"source": source, "selector": selectors},
            "article": _article_json(e),
            "kind": q.kind,
            "orphaned": q.orphaned,
        }
        if q.note:
            ann["body"] = {
                "type": "TextualBody",
                "value": q.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        items.append(ann)
    collection = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "policyreader quotes",
        "generated": exported,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return json.dumps(collection, ensure_ascii=False, indent=2) + "\n"


def to_readwise_csv(entries: list[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(READWISE_COLUMNS)
    for e in entries:
        q = e.quote
        author = e.article.author if e.article else ""
        url = e.article.source_url if e.article else ""
        when = q.created_at[:19].replace("T", " ") if q.created_at else ""
        location = "" if q.start is None else q.start
        writer.writerow([q.text, e.title, author, url, q.note, location, when])
    return buf.getvalue()


def render(entries: list[Entry], fmt: str, exported: str | None = None) -> str:
    exported = exported or dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    if fmt == "md":
        return to_markdown(entries, exported)
    if fmt == "json":
        return to_annotations(entries, exported)
    if fmt == "csv":
        return to_readwise_csv(entries)
    raise ExportError(f"unknown format {fmt!r} (use md, json or csv)")


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
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)  # replacing a file: keep its permissions
    except OSError:
        mode = 0o666 & ~_umask()  # a new file: what the user's umask gives any new file
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot write here ({exc.strerror})") from None
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600 files
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _refuse_state_files(session: Session, path: Path) -> None:
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
) -> tuple[str, int]:
    """Render bookmarked quotes; write them to `path` if given. Returns (text, count)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (use md, json or csv)")
    entries = collect(session, article=article, category=category, tag=tag)
    data = render(entries, fmt)
    if path is not None:
        _refuse_state_files(session, path)
        write_atomic(path, data)
    return data, len(entries)
