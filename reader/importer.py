"""`policyreader import FILE`: quotes back in from an export (this machine's or another's), a
Hypothesis export or a Readwise CSV.

Each quote is matched to an article by its id, then by the article's web address, then by
finding the quoted words in the library; it is saved with its note, bookmark and dates, and
its status worked out against the article's text as it is now. A quote already here is
matched by its id (or, for files without ids, by its article and words): the newer note wins,
by `modified`, and a note changed on both sides is reported as a conflict. A quote whose
article is not in the library is kept, orphaned, with the article's address and title.
Importing the same file twice changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import anchors
from reader.errors import ReaderError
from reader.interchange import Incoming, read
from reader.library import Article, content_hash
from reader.quotes import Quote

if TYPE_CHECKING:
    from reader.session import Session


class ImportFailed(ReaderError):
    """The file cannot be imported (one line, for the user)."""


class Summary:
    """What an import did: counts for the one summary line, and the conflicts to report."""

    __slots__ = ("total", "added", "updated", "unchanged", "orphaned", "conflicts", "fmt")

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.total = self.added = self.updated = self.unchanged = self.orphaned = 0
        self.conflicts: list[str] = []

    def line(self) -> str:
        c = len(self.conflicts)
        return (
            f"{self.total} quote{'' if self.total == 1 else 's'}: {self.added} added, "
            f"{self.updated} updated, {self.unchanged} unchanged, {self.orphaned} orphaned, "
            f"{c} conflict{'' if c == 1 else 's'}"
        )


def _norm_url(url: str) -> str:
    """An address compared loosely: no scheme, `www.`, fragment or trailing slash; case of
    the host ignored."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^[a-z]+://", "", url, flags=re.I)
    host, _, rest = url.partition("/")
    host = host.casefold().removeprefix("www.")
    return (host + "/" + rest).rstrip("/")


class _Library:
    """The ways an imported quote finds its article."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_url: dict[str, Article] = {}
        for art in session.catalog.articles:
            if art.source_url:
                self.by_url.setdefault(_norm_url(art.source_url), art)
        self.texts: dict[str, str] = {}

    def text(self, art: Article) -> str:
        if art.id not in self.texts:
            _, doc = self.session.catalog.document(art.id)
            self.texts[art.id] = doc.text
        return self.texts[art.id]

    def find(self, inc: Incoming) -> Article | None:
        cat = self.session.catalog
        if inc.article_id:
            art = cat.find(inc.article_id)
            if art is not None:
                return art
        if inc.source:
            art = self.by_url.get(_norm_url(inc.source))
            if art is not None:
                return art
        return self._by_text(inc)

    def _by_text(self, inc: Incoming) -> Article | None:
        """The article whose text holds the quoted words (the search index narrows it down)."""
        words = re.findall(r"\w+", inc.text)
        if not words:
            return None
        # A phrase of the longest words; the whole quote is then checked in each candidate.
        query = " ".join(sorted(set(words), key=len, reverse=True)[:6])
        try:
            hits = self.session.catalog.search(query, 20)
        except Exception:  # the index could not answer: the quote stays unmatched
            return None
        titled = [h for h in hits if inc.title and h.article.title == inc.title]
        for hit in titled + [h for h in hits if h not in titled]:
            if anchors.find_loose(self.text(hit.article), inc.text) is not None:
                return hit.article
        return None


def _missing_id(inc: Incoming) -> str:
    """An article id for quotes whose article is not in the library: the one the file gives,
    else one made from its address (or title), the same on every import."""
    if inc.article_id:
        return inc.article_id
    key = inc.source or inc.title or inc.text
    return "missing-" + content_hash(key.encode())[:12]


def _newer(a: str, b: str) -> bool:
    """True when time stamp a is later than b (ISO 8601 strings; empty is oldest)."""
    return _stamp(a) > _stamp(b)


def _stamp(value: str) -> str:
    # "2026-01-02T10:00:00Z" and "...00.000000Z" and "+00:00" compare as the same instant.
    value = value.strip().replace(" ", "T")
    value = re.sub(r"(\+00:00|Z)$", "", value)
    if "." not in value[19:]:
        value = value[:19] + ".000000"
    return value[:26].ljust(26, "0")


def import_file(session: Session, path: Path) -> Summary:
    """Import a file of quotes; returns what happened."""
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot read ({exc.strerror})") from None
    fmt, incoming = read(data, str(path))
    return import_quotes(session, incoming, fmt)


def import_quotes(session: Session, incoming: list[Incoming], fmt: str = "") -> Summary:
    summary = Summary(fmt)
    lib = _Library(session)
    touched: dict[str, list[str]] = {}  # article id -> quote ids whose status is worked out
    outcome: list[str] = []
    for inc in incoming:
        summary.total += 1
        art = lib.find(inc)
        aid = art.id if art is not None else _missing_id(inc)
        old = session.store.quote(inc.id) if inc.id else None
        if old is None:
            old = _same_words(session, aid, inc)
        if old is None:
            q = _new_quote(inc, aid, art, lib)
            if art is not None and q.kind == "highlight" and _foreign(inc):
                # Words that are one of the article's detected quotations: that quotation is
                # collected (as `quote TEXT` does), not a second quote over the same words.
                d = _quotation_at(session, art.id, q.start, q.end)
                if d is not None:
                    old = session.store.quote(d.id)
                    if old is None:
                        q.id, q.kind = d.id, "quotation"
        if old is None:
            session.store.save_quote(q, title=art.title if art else inc.title, stamp=False)
            _remember_source(session, aid, art, inc)
            outcome.append("added")
        else:
            q = old
            if _merge(old, inc, summary):
                session.store.save_quote(q, title=art.title if art else None, stamp=False)
                outcome.append("updated")
            else:
                outcome.append("unchanged")
        touched.setdefault(q.article_id, []).append(q.id)  # once per quote in the file
    # Statuses against the articles as they are now (the session finds each quote again).
    for aid, qids in touched.items():
        if session.catalog.find(aid) is None:
            summary.orphaned += len(qids)
            continue
        status = {q.id: q.status for q in session.quotes(aid)}
        summary.orphaned += sum(status.get(qid) == "orphaned" for qid in qids)
    for what in outcome:
        setattr(summary, what, getattr(summary, what) + 1)
    return summary


def _foreign(inc: Incoming) -> bool:
    """A quote from Hypothesis or Readwise (not one of policyreader's own ids)."""
    return not inc.id or inc.id.startswith(("rw-", "hyp-"))


def _same_words(session: Session, article_id: str, inc: Incoming) -> Quote | None:
    """A quote already here with the same words in the same article (files without ids)."""
    if not _foreign(inc):
        return None
    for q in session.store.quotes(article_id):
        if anchors.same_words(q.text, inc.text):
            return q
    return None


def _quotation_at(session: Session, article_id: str, start: int | None, end: int | None) -> Any:
    if start is None or end is None:
        return None
    return next(
        (d for d in session.catalog.quotations(article_id) if (d.start, d.end) == (start, end)),
        None,
    )


def _new_quote(inc: Incoming, aid: str, art: Article | None, lib: _Library) -> Quote:
    kind = inc.kind if inc.kind in ("quotation", "highlight") else "highlight"
    qid = inc.id or ("h" + content_hash(f"{aid}\n{inc.text}".encode())[:12])
    start, end, prefix, suffix = inc.start, inc.end, inc.prefix, inc.suffix
    if art is not None and (start is None or end is None):
        span = anchors.find_loose(lib.text(art), inc.text)
        if span is not None:
            sel = anchors.selector(lib.text(art), *span)
            start, end = sel.start, sel.end
            prefix, suffix = prefix or sel.prefix, suffix or sel.suffix
    return Quote(
        qid,
        aid,
        kind,  # type: ignore[arg-type]
        inc.text,
        prefix,
        suffix,
        start,
        end,
        note=inc.note,
        bookmarked=True,
        status="orphaned" if art is None else "anchored",
        created_at=inc.created or inc.modified,
        updated_at=inc.modified or inc.created,
        anchor_hash="",  # found again (and its status set) when its article is next read
    )


def _merge(q: Quote, inc: Incoming, summary: Summary) -> bool:
    """Bring a quote here up to date with the imported one; True if anything changed."""
    changed = False
    theirs_newer = _newer(inc.modified or inc.created, q.updated_at)
    if inc.note != q.note:
        if q.note and inc.note:
            kept, other = ("the imported", q.note) if theirs_newer else ("this machine's", inc.note)
            lost = "this machine's" if theirs_newer else "the imported"
            summary.conflicts.append(
                f"quote {q.id}: the note differs on both sides; kept {kept} (newer), "
                f"{lost} was: {' '.join(other.split())[:200]}"
            )
        if theirs_newer:
            q.note = inc.note
            changed = True
    if theirs_newer and not q.bookmarked:
        q.bookmarked = True
        changed = True
    if changed:
        q.updated_at = inc.modified or q.updated_at
    return changed


def _remember_source(session: Session, aid: str, art: Article | None, inc: Incoming) -> None:
    """The web address of an article that is not in the library, kept for its quotes."""
    if art is None and inc.source:
        session.store.set_article_source(aid, inc.source)
