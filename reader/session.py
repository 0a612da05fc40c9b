"""The core's front: a catalog of articles plus the user's state, and what can be done to them.

The CLI and the TUI both go through a Session, so they cannot disagree about what a bookmark,
a highlight or "read" means.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader import anchors, readtexts
from reader.catalog import Catalog, Detected, NotFound
from reader.clean import clean
from reader.errors import Cancelled
from reader.library import Article
from reader.paths import Paths, library_folders
from reader.quotes import Quote
from reader.store import ArticleState, Store, StoreError, Write, new_highlight_id
from reader.types import FacetChoice, FacetCount, Facets

if TYPE_CHECKING:
    from reader.quotesearch import QuoteIndex
    from reader.text import Document
    from reader.types import Facets, ReadState


Position = tuple[str, int, int]  # (article id, offset, progress): where the reader is


@dataclass(slots=True)
class Opened:
    """An article opened for reading: what the reader shows of it."""

    article: Article
    doc: Document
    state: ArticleState
    quotes: list[Quote]
    error: str = ""  # why what opening it changed was not saved ("" when it was)


PREVIEW_FROM = 2_000  # articles; bigger libraries open on a preview (see Catalog.load_preview)
PREVIEW_SIZE = 400  # articles in that preview: a screenful and then some


class Session:
    """Articles and state together."""

    def __init__(self, catalog: Catalog, store: Store) -> None:
        self.catalog = catalog
        self.store = store
        self.data_dir: str | None = None  # as given to `open` (None: the default)
        self._states: dict[str, ArticleState] | None = None
        # The last whole QuoteIndex built, with what it was built from (see `quote_index`).
        self._quote_index: tuple[tuple[int, int, int], QuoteIndex] | None = None
        self._quote_index_lock = threading.Lock()
        # What a write that failed (the database busy) did not save, saved with the next one:
        # positions left, and articles opened (the hash of the text read, the title).
        self._unsaved_positions: dict[str, Position] = {}
        self._unsaved_opens: dict[str, tuple[str, str]] = {}

    @classmethod
    def open(
        cls,
        *,
        articles: list[str] | None = None,
        no_bundled: bool = False,
        data_dir: str | None = None,
        refresh: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> Session:
        paths = Paths.resolve(data_dir)
        catalog = Catalog(
            library_folders(articles, no_bundled, data_dir), paths.index_dir, data_dir=data_dir
        )
        if refresh:
            catalog.refresh(progress)
        elif catalog.total > PREVIEW_FROM:
            # The reader's first frame needs a screenful, not 100,000 articles: the whole
            # catalog is built by its background refresh a moment later.
            catalog.load_preview(PREVIEW_SIZE)
        else:
            catalog.load()
        session = cls(catalog, Store.open(paths.state_db))
        session.data_dir = data_dir
        return session

    def close(self) -> None:
        if self._quote_index is not None:
            self._quote_index[1].close()
            self._quote_index = None
        self.catalog.close()
        self.store.close()

    # -- articles -----------------------------------------------------------------------------

    def states(self) -> dict[str, ArticleState]:
        if self._states is None:
            self._states = self.store.article_states()
        return self._states

    def forget_states(self) -> None:
        self._states = None

    def state(self, article_id: str) -> ArticleState:
        return self.states().get(article_id) or ArticleState()

    def is_changed(self, article: Article, state: ArticleState | None = None) -> bool:
        """True when the article's text changed since it was last read."""
        state = state or self.state(article.id)
        return bool(state.read_hash) and state.read_hash != article.content_hash

    def is_unread(self, article: Article) -> bool:
        """Never opened: what the list shows as unread, `list --unread` lists and the library
        tree counts (a started article is counted as started)."""
        return self.state(article.id).read == "unread"

    def facet_counts(self) -> tuple[Facets, FacetCount]:
        """The library tree's counts: per facet entry, and for all articles together. From
        the articles once the whole catalog is loaded; before that (a big library's first
        frame) from the counts its indexes keep, without building the articles."""
        catalog = self.catalog
        if not catalog.loaded:
            return catalog.counted_facets({aid: st.read for aid, st in self.states().items()})
        facets = catalog.facets(read_state=lambda a: self.state(a.id).read)
        reads = Counter(self.state(a.id).read for a in catalog.articles)
        everything = FacetCount("", len(catalog.articles), reads["unread"], reads["started"])
        return facets, everything

    def list_articles(
        self,
        *,
        category: str | None = None,
        tag: str | None = None,
        chosen: Iterable[FacetChoice] = (),
        unread: bool = False,
        bookmarked: bool = False,
    ) -> list[Article]:
        """The articles in the category, with the tag and in every `chosen` entry (see
        `Catalog.select`: all of the chosen categories and tags, one of each other kind's)."""
        chosen = list(chosen)
        chosen += [("category", category)] if category is not None else []
        chosen += [("tag", tag)] if tag is not None else []
        arts = self.catalog.select(chosen)
        if unread:
            arts = [a for a in arts if self.is_unread(a)]
        if bookmarked:
            arts = [a for a in arts if self.state(a.id).bookmarked]
        return arts

    def article_json(self, art: Article) -> dict[str, Any]:
        st = self.state(art.id)
        return {
            "id": art.id,
            "title": art.title,
            "author": art.author,
            "date": art.date,
            "categories": list(art.categories),
            "tags": list(art.tags),
            "summary": art.summary,
            "publisher": art.publisher,
            "excerpt": art.excerpt,
            "source_url": art.source_url,
            "words": art.words,
            "path": art.path,
            "read": st.read,
            "progress": st.progress,
            "bookmarked": st.bookmarked,
            "changed": self.is_changed(art, st),
        }

    def open_article(self, article_id: str) -> tuple[Article, Document, ArticleState]:
        """Read an article for display and mark it started (unless already read). If its
        file changed since it was indexed, the index is brought up to date with it first:
        the reader shows the article as it is now, in the list as in the reading pane."""
        opened = self._open(article_id, None, with_quotes=False)
        return opened.article, opened.doc, opened.state

    def open_for_reading(self, article_id: str, *, leaving: Position | None = None) -> Opened:
        """`open_article` with the article's quotes (found again if it changed), saving the
        position (article id, offset, progress) in the article the reader leaves with it."""
        return self._open(article_id, leaving, with_quotes=True)

    def _open(self, article_id: str, leaving: Position | None, *, with_quotes: bool) -> Opened:
        """What opening changes (started, the text read and when first opened, the quotes'
        new anchors, the position left) is one write, and none when it changes nothing."""
        art, doc = self.catalog.document(article_id)
        indexed = self.catalog.find(article_id)
        if indexed is None or indexed.content_hash != art.content_hash:
            art = self.catalog.refresh_article(article_id, doc) or art
        stale: list[Quote] = []
        quotes: list[Quote] = []
        if with_quotes:
            with contextlib.suppress(NotFound):  # gone from the index meanwhile: no quotes
                quotes = self._quotes(art.id, False, None, stale)
        store, error = self.store, ""
        left = self.catalog.find(leaving[0]) if leaving is not None else None
        if not store.readonly:  # else nothing can be saved (and the reader says so)
            try:
                store.write_all(
                    [
                        *self._unsaved_writes(leaving[0] if leaving is not None else None),
                        self._position_write(left, leaving),
                        store.opened_write(art.id, art.content_hash, art.title),
                        readtexts.keep_write(store, art.id, art.content_hash, doc.text),
                        store.anchors_write(stale),
                    ]
                )
                self._saved_unsaved()
            except StoreError as exc:  # the quotes show their new anchors: saved next time
                error = str(exc)
                if left is not None and leaving is not None:
                    self._unsaved_positions[left.id] = leaving
                self._unsaved_opens[art.id] = (art.content_hash, art.title)
        if left is not None:
            self._remember(left.id, store.article_state(left.id))
        state = self._remember(art.id, store.article_state(art.id))
        return Opened(art, doc, state, quotes, error)

    def _position_write(self, art: Article | None, at: Position | None) -> Write | None:
        if art is None or at is None:
            return None
        return self.store.position_write(art.id, at[1], at[2], title=art.title)

    def _unsaved_writes(self, but: str | None) -> list[Write | None]:
        """The writes a failed one did not make, planned again (not the position in `but`:
        a newer one is saved with them)."""
        store = self.store
        writes = [
            self._position_write(self.catalog.find(aid), at)
            for aid, at in self._unsaved_positions.items()
            if aid != but
        ]
        for aid, (content_hash, title) in self._unsaved_opens.items():
            writes.append(store.opened_write(aid, content_hash, title))
        return writes

    def _saved_unsaved(self) -> None:
        """The unsaved writes were made: the list shows their articles as stored now."""
        for aid in {*self._unsaved_positions, *self._unsaved_opens}:
            self._remember(aid, self.store.article_state(aid))
        self._unsaved_positions.clear()
        self._unsaved_opens.clear()

    def changes_since_read(self, article_id: str) -> tuple[str, str] | None:
        """(the text as read before it last changed, the text now), or None when no earlier
        version is kept or nothing changed."""
        art, doc = self.catalog.document(article_id)
        kept_hash, kept, previous = readtexts.kept(self.store, art.id)
        # Changed since it was last opened here (marked read with the CLI, say): the text
        # kept is the one to compare with; else the version kept before the last change.
        old = kept if kept_hash != art.content_hash and kept is not None else previous
        if old is None or old == doc.text:
            return None
        return old, doc.text

    def mark(self, article_id: str, state: ReadState) -> ArticleState:
        art = self.catalog.get(article_id)
        self.store.set_read(art.id, state, content_hash=art.content_hash, title=art.title)
        if state == "unread":  # an opening or a position not saved yet would undo that
            self._unsaved_opens.pop(art.id, None)
            self._unsaved_positions.pop(art.id, None)
        return self._remember(art.id, self.store.article_state(art.id))

    def save_position(self, article_id: str, position: int, progress: int) -> ArticleState:
        """Keep the reading position, with what a write that failed before did not save (a
        position this write cannot save is kept for the next one)."""
        art = self.catalog.get(article_id)
        write = self.store.position_write(art.id, position, progress, title=art.title)
        try:
            self.store.write_all([*self._unsaved_writes(art.id), write])
        except StoreError:
            if not self.store.readonly:
                self._unsaved_positions[art.id] = (art.id, position, progress)
            raise
        self._unsaved_positions.pop(art.id, None)
        self._saved_unsaved()
        return self._remember(art.id, self.store.article_state(art.id))

    def bookmark_article(self, article_id: str, flag: bool) -> ArticleState:
        art = self.catalog.get(article_id)
        self.store.set_article_bookmark(art.id, flag, title=art.title)
        return self._remember(art.id, self.store.article_state(art.id))

    def _remember(self, article_id: str, state: ArticleState) -> ArticleState:
        if self._states is not None:
            self._states[article_id] = state
        return state

    # -- quotes -------------------------------------------------------------------------------

    def quotes(
        self,
        article_id: str | None = None,
        *,
        bookmarked: bool = False,
        cancel: threading.Event | None = None,
    ) -> list[Quote]:
        """Quotations and highlights, of one article or all, in text order per article.
        Those of all may mean reading every article not read yet: `cancel` (set from another
        thread) stops that between two articles, raising Cancelled (the quotations found
        until then stay cached in the index)."""
        return self._quotes(article_id, bookmarked, cancel, None)

    def _quotes(
        self,
        article_id: str | None,
        bookmarked: bool,
        cancel: threading.Event | None,
        stale: list[Quote] | None,
    ) -> list[Quote]:
        """`quotes`; the quotes found again are saved, or added to `stale` to save."""
        if article_id is not None:
            self.catalog.get(article_id)
        records = self.store.quotes(article_id)
        if article_id is None and bookmarked:
            # Only quotes the user touched can be bookmarked: no need to find every quotation.
            touched = sorted({r.article_id for r in records if r.bookmarked})
            detected = [d for aid in touched for d in self.catalog.quotations(aid)]
        else:
            detected = self.catalog.quotations(article_id, cancel=cancel)
        by_article: dict[str, tuple[list[Detected], list[Quote]]] = {}
        for d in detected:
            by_article.setdefault(d.article_id, ([], []))[0].append(d)
        for r in records:
            by_article.setdefault(r.article_id, ([], []))[1].append(r)
        # The catalog's order, for the quotes of several articles (one article's need none).
        order = (
            {a.id: n for n, a in enumerate(self.catalog.articles)} if len(by_article) > 1 else {}
        )
        out: list[Quote] = []
        for aid in sorted(by_article, key=lambda a: (order.get(a, len(order)), a)):
            if cancel is not None and cancel.is_set():
                raise Cancelled("reading the quotes was stopped")
            dets, recs = by_article[aid]
            out.extend(self._merge(aid, dets, recs, stale))
        if bookmarked:
            out = [q for q in out if q.bookmarked]
        return out

    def quote_index(self, cancel: threading.Event | None = None) -> QuoteIndex:
        """Every quote of the library in a QuoteIndex, for searching them as you type. Built
        once and given again while nothing it holds changed (no quote or note saved or
        deleted, no catalog reload); a new one is built when something did. `cancel` stops a
        build between two articles, raising Cancelled: a stopped build is never kept or
        given, but the quotations it found stay cached, so the next build does less. One
        build at a time: a second caller waits for the first, then takes its index. The
        index belongs to the session (do not close it); one replaced is left to its users."""
        lock = self._quote_index_lock
        while not lock.acquire(timeout=0.05):
            if cancel is not None and cancel.is_set():
                raise Cancelled("reading the quotes was stopped")
        try:
            # Taken before reading: a change made while the quotes are read moves it, and the
            # index read is then built again next time.
            key = (self.catalog.generation, *self.store.quotes_version())
            kept = self._quote_index
            if kept is not None and kept[0] == key:
                return kept[1]
            from reader.quotesearch import QuoteIndex

            index = QuoteIndex(self.quotes(cancel=cancel))
            self._quote_index = (key, index)
            return index
        finally:
            lock.release()

    def _merge(
        self,
        article_id: str,
        detected: list[Detected],
        records: list[Quote],
        pending: list[Quote] | None,
    ) -> list[Quote]:
        """The stored quotes (found again if the article changed) and the detected quotations
        no stored quote covers."""
        art = self.catalog.find(article_id)
        if art is None:  # the article is gone: keep its quotes, orphaned
            for r in records:
                r.status, r.current_text = "orphaned", None
            return records
        stale = [r for r in records if r.anchor_hash != art.content_hash]
        if stale:
            self._relocate(art, stale, {d.id: d for d in detected}, pending)
        detected_ids = {d.id for d in detected}
        out: list[Quote] = []
        taken: list[tuple[int, int]] = []
        stored = {r.id: r for r in records}
        for r in records:
            if r.kind == "highlight" or r.id not in detected_ids:
                out.append(r)
                if r.kind == "quotation" and not r.orphaned and r.start is not None:
                    taken.append((r.start, r.end or r.start))
        for d in detected:
            if any(s < d.end and d.start < e for s, e in taken):
                continue
            rec = stored.get(d.id)
            if rec is not None:
                rec.start, rec.end = d.start, d.end
                out.append(rec)
            else:
                out.append(Quote(d.id, article_id, "quotation", d.text, start=d.start, end=d.end))
        out.sort(key=lambda q: (q.orphaned, q.start if q.start is not None else 0))
        return out

    def _relocate(
        self,
        art: Article,
        stale: list[Quote],
        detected: dict[str, Detected],
        pending: list[Quote] | None,
    ) -> None:
        """The article changed since these quotes were anchored: find each again and work out
        its status (the quoted words are never replaced), then save (or add them to `pending`
        to save)."""
        try:
            art2, doc = self.catalog.document(art.id)
        except NotFound:
            return
        for r in stale:
            d = detected.get(r.id)
            span = (
                (d.start, d.end)
                if d
                else anchors.locate(
                    doc.text, r.text, r.prefix, r.suffix, r.start, r.end, r.current_text
                )
            )
            if span is None:
                r.status, r.current_text = "orphaned", None
            else:
                sel = anchors.selector(doc.text, *span)
                r.start, r.end, r.prefix, r.suffix = sel.start, sel.end, sel.prefix, sel.suffix
                same = anchors.same_words(r.text, sel.exact)
                r.status = "anchored" if same else "changed"
                r.current_text = None if same else sel.exact
            r.anchor_hash = art2.content_hash
        if pending is not None:
            pending.extend(stale)
            return
        # Shown with the new status now either way; if the store cannot be written, saved
        # next time.
        with contextlib.suppress(StoreError):
            self.store.update_anchors(stale)

    def quote(self, quote_id: str) -> Quote:
        """A quote by id: a stored one, or a detected quotation."""
        rec = self.store.quote(quote_id)
        aid = rec.article_id if rec else None
        if aid is None:
            d = self.catalog.find_quotation(quote_id)
            if d is None:
                raise NotFound(f"no quote with id {quote_id!r}")
            aid = d.article_id
        for q in self.quotes(aid) if self.catalog.find(aid) is not None else []:
            if q.id == quote_id:
                return q
        if rec is not None:
            rec.status, rec.current_text = "orphaned", None
            return rec
        raise NotFound(f"no quote with id {quote_id!r}")

    def _record_for(self, quote_id: str) -> Quote:
        """The stored record of a quote, creating it (anchored) for a detected quotation."""
        rec = self.store.quote(quote_id)
        if rec is not None:
            return rec
        d = self.catalog.find_quotation(quote_id)
        if d is None:
            raise NotFound(f"no quote with id {quote_id!r}")
        art, doc = self.catalog.document(d.article_id)
        sel = anchors.selector(doc.text, d.start, d.end)
        return Quote(
            d.id,
            d.article_id,
            "quotation",
            sel.exact,
            sel.prefix,
            sel.suffix,
            sel.start,
            sel.end,
            anchor_hash=art.content_hash,
        )

    def bookmark_quote(self, quote_id: str, flag: bool) -> Quote:
        rec = self._record_for(quote_id)
        rec.bookmarked = flag
        self.store.save_quote(rec, title=self._title(rec.article_id))
        return self.quote(quote_id)

    def set_note(self, quote_id: str, note: str) -> Quote:
        rec = self._record_for(quote_id)
        rec.note = _clean_note(note)
        self.store.save_quote(rec, title=self._title(rec.article_id))
        return self.quote(quote_id)

    def accept_quote(self, quote_id: str) -> Quote:
        """Take the article's current words for a `changed` quote: it is anchored there again.
        An anchored quote is returned as it is; an orphaned one cannot be accepted."""
        q = self.quote(quote_id)
        if q.status == "anchored":
            return q
        if q.status == "orphaned" or q.start is None or q.end is None:
            raise ValueError(
                f"quote {quote_id} is no longer found in the article: there are no new words "
                "to accept"
            )
        rec = self._record_for(quote_id)
        art, doc = self.catalog.document(q.article_id)
        sel = anchors.selector(doc.text, q.start, q.end)
        rec.text, rec.prefix, rec.suffix, rec.start, rec.end = (
            sel.exact,
            sel.prefix,
            sel.suffix,
            sel.start,
            sel.end,
        )
        rec.status, rec.current_text, rec.anchor_hash = "anchored", None, art.content_hash
        self.store.save_quote(rec, title=art.title)
        return self.quote(quote_id)

    def delete_highlight(self, quote_id: str) -> None:
        rec = self.store.quote(quote_id)
        if rec is None or rec.kind != "highlight":
            raise NotFound(f"no highlight with id {quote_id!r} (only highlights can be deleted)")
        self.store.delete_quote(quote_id)

    def add_highlight(self, article_id: str, start: int, end: int, note: str = "") -> Quote:
        """Save text[start:end] of the article as a bookmarked highlight."""
        art, doc = self.catalog.document(article_id)
        return self._highlight(article_id, art, doc, start, end, note)

    def _highlight(
        self, article_id: str, art: Article, doc: Document, start: int, end: int, note: str
    ) -> Quote:
        """`add_highlight` on an article already read (each command reads it once)."""
        start, end = anchors.strip_marks(doc.text, max(0, start), min(len(doc.text), end))
        if end <= start:
            raise ValueError("the selection is empty")
        for q in self.quotes(article_id):
            if q.start == start and q.end == end and not q.orphaned:
                if q.kind == "quotation":  # it is a quotation already: collect that
                    if note:
                        self.set_note(q.id, note)
                    return self.bookmark_quote(q.id, True)
                if note:
                    return self.set_note(q.id, note)
                return q
        sel = anchors.selector(doc.text, start, end)
        rec = Quote(
            new_highlight_id(),
            art.id,
            "highlight",
            sel.exact,
            sel.prefix,
            sel.suffix,
            sel.start,
            sel.end,
            note=_clean_note(note),
            bookmarked=True,
            anchor_hash=art.content_hash,
        )
        self.store.save_quote(rec, title=art.title)
        return rec

    def highlight_text(self, article_id: str, text: str, note: str = "") -> Quote:
        """Make a highlight from text that must occur in the article (spacing and quote style
        do not matter)."""
        art, doc = self.catalog.document(article_id)
        wanted = text.strip()
        if not wanted:
            raise ValueError("the text to quote is empty")
        i = doc.text.find(wanted)
        span = (i, i + len(wanted)) if i >= 0 else anchors.find_loose(doc.text, wanted)
        if span is None:
            raise ValueError(f"the text does not occur in article {art.id!r}")
        return self._highlight(article_id, art, doc, span[0], span[1], note)

    def _title(self, article_id: str) -> str | None:
        art = self.catalog.find(article_id)
        return art.title if art else None


def _clean_note(note: str) -> str:
    """A note as stored: no control characters (it is printed and exported), trimmed."""
    return clean(note).strip()
