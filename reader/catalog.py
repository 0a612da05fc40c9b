"""The catalog: every article of every library in use, from their indexes.

Start-up reads only the indexes (no article file is opened); `refresh()` scans the folders and
re-reads what changed. Ids are unique across libraries: the first file found keeps an id (the
bundled library first, then `--articles` folders in order, files in sorted path order) and every
later file with that id is reported and skipped.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.errors import Cancelled, ReaderError
from reader.facets import article_facets, facet_counts, matches
from reader.index import LibraryIndex, UpdateReport
from reader.index_rows import facet_values, row_problems, row_to_article
from reader.library import (
    Article,
    FileEntry,
    LoadProblem,
    parse_file,
    scan_tree,
)
from reader.query import fts_query
from reader.searcher import owner, ranked_search, while_checking
from reader.types import ALL_OF, FACET_KINDS, FacetChoice, FacetCount, FacetKind, Facets, SearchHit

if TYPE_CHECKING:
    import threading

    from reader.text import Document


class NotFound(ReaderError, LookupError):
    """No article (or quote) with that id."""


class Detected(NamedTuple):
    """A quotation found by the indexer."""

    id: str
    article_id: str
    start: int
    end: int
    text: str


class Catalog:
    """All libraries in use, each with its own index."""

    def __init__(
        self,
        roots: Sequence[str | os.PathLike[str]],
        index_dir: Path | None,
        *,
        data_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        """`roots`: the library folders in priority order (`reader.paths.library_folders`);
        `index_dir`: where their indexes are kept (None: in memory); `data_dir`: the data
        folder given (which tells the user's own library folder, for its name)."""
        self.roots = [Path(root) for root in roots]
        self.data_dir = data_dir
        self._names: list[str] | None = None
        self._counts: list[int] | None = None
        self.indexes = [LibraryIndex(root, index_dir) for root in self.roots]
        self.articles: list[Article] = []
        self._folded_for: dict[FacetKind, tuple[list[Article], list[frozenset[str]]]] = {}
        self.by_id: dict[str, Article] = {}
        self.problems: list[LoadProblem] = []
        self.scan_problems: list[LoadProblem] = []
        self._file_ids: dict[str, tuple[int, int]] = {}  # article id -> (library no., file id)
        self._by_file: dict[tuple[int, int], str] = {}  # the reverse, built once per load
        self._winner: set[tuple[int, int]] = set()
        self._documents: dict[str, tuple[str, Document]] = {}
        self.loaded = False
        self._total: int | None = None
        # Counts the (re)loads of the in-memory catalog: what was read from it before is
        # stale once this moves (`Session.quote_index` keys its index on it).
        self.generation = 0

    # -- loading ------------------------------------------------------------------------------

    def load(self) -> None:
        """(Re)build the in-memory catalog from the indexes. Opens no article file."""
        articles: list[Article] = []
        by_id: dict[str, Article] = {}
        file_ids: dict[str, tuple[int, int]] = {}
        problems: list[LoadProblem] = list(self.scan_problems)
        shared: tuple[dict[str, str], dict[str, tuple[str, ...]]] = ({}, {})
        # Hundreds of thousands of objects are made here and none of them is garbage: the
        # cycle collector would only walk them again and again (a tenth of the load at 100,000).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for lib_no, index in enumerate(self.indexes):
                root = str(index.root)
                prefix = os.path.join(root, "")  # root plus separator, as os.path.join puts it
                for row in index.rows():
                    if row.problem:
                        problems.extend(row_problems(row, root))
                    if row.fatal or row.article_id is None:  # fatal problem: no article
                        continue
                    art = row_to_article(row, root, prefix, shared)
                    first = by_id.get(art.id)
                    if first is not None:
                        problems.append(
                            LoadProblem(
                                art.path,
                                f"duplicate id {art.id!r} (already used by {first.path}); skipped",
                            )
                        )
                        continue
                    by_id[art.id] = art
                    file_ids[art.id] = (lib_no, row.id)
                    articles.append(art)
            articles.sort(key=lambda a: a.title.casefold())
            articles.sort(key=lambda a: a.date or "", reverse=True)
        finally:
            if collecting:
                gc.enable()
        self.articles = articles
        self.by_id = by_id
        self._file_ids = file_ids
        self._by_file = {v: k for k, v in file_ids.items()}
        self._winner = set(file_ids.values())
        self.problems = problems
        self.loaded = True
        self.generation += 1

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        load: bool = True,
        quick: bool = False,
    ) -> list[UpdateReport]:
        """Scan every library folder, update its index where files changed, then reload.

        With `load=False` the in-memory catalog is not built: enough for `search` (which then
        looks up only its hits), and much cheaper for a one-shot command on a big library.
        With `quick=True` a library whose folders are as the last full scan left them (see
        `LibraryIndex.stamp_current`) is not scanned file by file.
        """
        reports = []
        scan_problems: list[LoadProblem] = []
        for index in self.indexes:
            if quick and index.stamp_current():
                reports.append(UpdateReport(rebuilt=index.rebuilt))
                continue
            found = scan_tree(index.root)
            scan_problems.extend(found.problems)
            reports.append(index.update(found, progress))
        self.scan_problems = scan_problems
        self._total = self._counts = None  # the indexes may have changed: count again
        if load:
            self.load()
        else:
            self._index_problems()
        return reports

    def _index_problems(self) -> None:
        self.problems = list(self.scan_problems)
        for index in self.indexes:
            for row in index.problem_rows():
                self.problems.extend(row_problems(row, str(index.root)))

    def search_fresh(self, query: str, limit: int = 20) -> list[SearchHit]:
        """`refresh(load=False, quick=True)` and then `search`, for a one-shot command.

        The two overlap: the folders' times are checked on another thread while the query
        runs (both mostly wait outside Python), and only if a folder changed is the library
        scanned and the query asked again.
        """
        stamps = [index.stamp() for index in self.indexes]
        for index in self.indexes:
            index.halves = False  # one query, cold caches, and a core busy with the check
        hits, fresh = while_checking(self.indexes, stamps, lambda: self.search(query, limit))
        if fresh:
            self.scan_problems = []
            self._index_problems()
            return hits
        self.refresh(load=False, quick=True)
        return self.search(query, limit)

    @property
    def rebuilt(self) -> list[str]:
        return [f"{i.root}: {i.rebuilt}" for i in self.indexes if i.rebuilt]

    # -- articles -----------------------------------------------------------------------------

    def load_preview(self, limit: int = 400) -> None:
        """Just enough for a first screen of a big library: the newest `limit` articles.

        Everything that looks an article up (`get`, `find`, search, quotes) also works before
        `load()` has built the whole catalog: it asks the indexes for that one article.
        """
        owner: dict[str, tuple[int, str, Article]] = {}  # id -> the file that keeps it
        for lib_no, index in enumerate(self.indexes):
            root = str(index.root)
            for row in index.newest(limit):
                art = row_to_article(row, root)
                key = (lib_no, row.rel, art)
                if art.id not in owner or key[:2] < owner[art.id][:2]:
                    owner[art.id] = key
        articles = [t[2] for t in owner.values()]
        articles.sort(key=lambda a: a.title.casefold())
        articles.sort(key=lambda a: a.date or "", reverse=True)
        del articles[limit:]
        self.articles = articles
        self.by_id = {a.id: a for a in articles}
        self._file_ids = {}
        self._by_file = {}
        self._winner = set()
        self.problems = list(self.scan_problems)
        self.loaded = False
        self.generation += 1

    @property
    def total(self) -> int:
        """How many articles the library has (also before the whole catalog is loaded)."""
        if self.loaded:
            return len(self.articles)
        if self._total is None:  # counted once, from the indexes
            self._total = sum(self._library_counts())
        return max(self._total, len(self.articles))

    def _library_counts(self) -> list[int]:
        """Each library's articles as its index counts them (repeated ids included)."""
        if self._counts is None:
            self._counts = [index.count() for index in self.indexes]
        return self._counts

    @property
    def library_names(self) -> list[str]:
        """Each library's name, in the order of `roots` (see `reader.paths.library_names`)."""
        if self._names is None:
            from reader.paths import library_names

            self._names = library_names([str(root) for root in self.roots], self.data_dir)
        return self._names

    def _library_by_root(self) -> dict[str, str]:
        return dict(zip((str(root) for root in self.roots), self.library_names, strict=True))

    def _locate_in_indexes(self, article_id: str) -> tuple[int, int] | None:
        """(library no., file id) of the file that owns this id, asked of the indexes."""
        return owner(self.indexes, article_id)

    def _locate(self, article_id: str) -> tuple[int, int] | None:
        where = self._file_ids.get(article_id)
        if where is None and not self.loaded:
            where = self._locate_in_indexes(article_id)
        return where

    def find(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        art = self.by_id.get(article_id)
        if art is None and not self.loaded:
            where = self._locate_in_indexes(article_id)
            if where is not None:
                index = self.indexes[where[0]]
                row = index.row_by_id(where[1])
                if row is not None:
                    art = row_to_article(row, str(index.root))
        return art

    def get(self, article_id: str) -> Article:
        art = self.find(article_id)
        if art is None:
            raise NotFound(f"no article with id {article_id!r}")
        return art

    def document(self, article_id: str) -> tuple[Article, Document]:
        """Read and parse an article's text as its file holds it now.

        A read: the index is not updated here (its cached quotations aside). When the file
        changed since it was indexed, the article returned is the file's (with its new
        content hash) and the catalog keeps the indexed one until `refresh_article` or
        `refresh` is called: a command that needs the index current says so.
        """
        art = self.get(article_id)
        parsed = parse_file(art.path, art.library)
        if parsed.article is None:
            reason = parsed.problems[0].message if parsed.problems else "cannot be read"
            raise NotFound(f"article {article_id!r} cannot be read: {art.path}: {reason}")
        indexed = parsed.article.content_hash == art.content_hash
        if not indexed:
            art = parsed.article
        cached = self._documents.get(article_id)
        if cached is not None and cached[0] == art.content_hash:
            doc = cached[1]
        else:
            from reader.text import parse  # Markdown is parsed only when an article is read

            doc = parse(parsed.body)
            if len(self._documents) > 8:
                self._documents.pop(next(iter(self._documents)))
            self._documents[article_id] = (art.content_hash, doc)
        if indexed:
            self._cache_quotations(art, doc)
        return art, doc

    def refresh_article(self, article_id: str, doc: Document | None = None) -> Article | None:
        """Index this article's file again (found changed when it was read) and reload the
        catalog; with its `doc` (parsed from the file as it is now), its quotations are
        cached too. The article as now indexed, or None if its file is gone or no longer
        has this id."""
        where = self._locate(article_id)
        art = self.find(article_id)
        if where is None or art is None:
            return None
        index = self.indexes[where[0]]
        try:
            st = os.stat(art.path)
        except OSError:
            return None
        rel = os.path.relpath(art.path, index.root)
        index.update_some([FileEntry(rel, art.path, st.st_size, st.st_mtime_ns)])
        self.load()
        new = self.find(article_id)
        if new is not None and doc is not None:
            cached = self._documents.get(article_id)
            if cached is not None and cached[0] == new.content_hash and cached[1] is doc:
                self._cache_quotations(new, doc)
        return new

    def filter(
        self,
        *,
        category: str | Sequence[str] | None = None,
        tag: str | Sequence[str] | None = None,
        author: str | Sequence[str] | None = None,
        source: str | Sequence[str] | None = None,
        year: str | Sequence[str] | None = None,
        library: str | Sequence[str] | None = None,
    ) -> list[Article]:
        """The articles in every given entry (one value, or several: see `select`)."""
        given: dict[FacetKind, str | Sequence[str] | None] = {
            "category": category,
            "tag": tag,
            "author": author,
            "source": source,
            "year": year,
            "library": library,
        }
        chosen: list[FacetChoice] = []
        for kind, values in given.items():
            if values is not None:
                chosen += [(kind, v) for v in ([values] if isinstance(values, str) else values)]
        return self.select(chosen)

    def select(self, chosen: Iterable[FacetChoice]) -> list[Article]:
        """The articles (in the catalog's order) with all of the chosen categories and tags
        and one of the chosen values of each other kind (see `matches`); every article when
        nothing is chosen."""
        chosen = list(chosen)
        if not chosen:
            return self.articles
        matches(chosen)  # checks the kinds
        keep: Sequence[int] = range(len(self.articles))
        for kind in dict.fromkeys(kind for kind, _ in chosen):
            wanted = {value.casefold() for k, value in chosen if k == kind}
            have = self._folded(kind)
            if kind in ALL_OF:
                keep = [i for i in keep if wanted <= have[i]]
            else:
                keep = [i for i in keep if wanted & have[i]]
        return [self.articles[i] for i in keep]

    def _folded(self, kind: FacetKind) -> list[frozenset[str]]:
        """Each article's entries of one kind, case-folded, in the catalog's order: made once
        per load and kind (a list of a few hundred distinct sets), so choosing and combining
        tree entries is set tests, not string work, on every article."""
        kept = self._folded_for.get(kind)
        if kept is not None and kept[0] is self.articles:
            return kept[1]
        libraries = self._library_by_root()
        distinct: dict[tuple[str, ...], frozenset[str]] = {}
        out = []
        for a in self.articles:
            names = article_facets(a, kind, libraries)
            got = distinct.get(names)
            if got is None:
                got = distinct[names] = frozenset(n.casefold() for n in names)
            out.append(got)
        self._folded_for[kind] = (self.articles, out)
        return out

    def facets(self, read_state: Callable[[Article], str] | None = None) -> Facets:
        """Per facet kind: (value, article count, unread count, started count), by name (years
        newest first). `read_state` gives an article's read state; without it every article
        counts as unread."""
        total: Counter[tuple[FacetKind, str]] = Counter()
        fresh: Counter[tuple[FacetKind, str]] = Counter()
        started: Counter[tuple[FacetKind, str]] = Counter()
        # `read_state` (a state lookup) once per article, not once per article and kind.
        states = [read_state(a) for a in self.articles] if read_state else None
        libraries = self._library_by_root()
        for kind in FACET_KINDS:
            for n, art in enumerate(self.articles):
                state = states[n] if states is not None else "unread"
                for v in article_facets(art, kind, libraries):
                    total[(kind, v)] += 1
                    if state == "unread":
                        fresh[(kind, v)] += 1
                    elif state == "started":
                        started[(kind, v)] += 1
        return facet_counts(total, fresh, started, self.library_names)

    def counted_facets(self, states: Mapping[str, str]) -> tuple[Facets, FacetCount]:
        """`facets` and the count of all articles together, from the counts the indexes keep:
        what a big library's first frame shows before the whole catalog is loaded. Only the
        articles in `states` (article id -> read state, for those opened) are looked up."""
        total: Counter[tuple[FacetKind, str]] = Counter()
        names = self.library_names
        for n, index in enumerate(self.indexes):
            for kind, value, count in index.facet_counts():
                total[(kind, value)] += count  # type: ignore[index]  # kinds are FACET_KINDS
            total[("library", names[n])] += self._library_counts()[n]
        articles = self.total
        for lib_no, columns in self._shadowed():  # files whose article another file keeps
            articles -= 1
            total[("library", names[lib_no])] -= 1
            for key in facet_values(*columns):
                total[key] -= 1  # type: ignore[index]
        fresh = Counter(total)
        started: Counter[tuple[FacetKind, str]] = Counter()
        opened: Counter[str] = Counter()
        libraries = self._library_by_root()
        for article_id, state in states.items():
            art = self.find(article_id) if state != "unread" else None
            if art is None:
                continue
            opened[state] += 1
            for kind in FACET_KINDS:
                for v in article_facets(art, kind, libraries):
                    fresh[(kind, v)] -= 1
                    if state == "started":
                        started[(kind, v)] += 1
        unread = articles - sum(opened.values())
        everything = FacetCount("", articles, unread, opened["started"])
        return facet_counts(+total, fresh, started, names), everything

    def _shadowed(self) -> list[tuple[int, tuple[str | None, ...]]]:
        """(library no., facet columns) of every file whose article id an earlier file keeps:
        later in its own library, or in an earlier library. Only the smaller libraries' ids
        are read: the biggest is asked about those alone."""
        if len(self.indexes) < 2:
            return [(n, row) for n, index in enumerate(self.indexes) for row in index.shadowed()]
        counts = [index.count() for index in self.indexes]
        big = counts.index(max(counts))
        ids = [None if n == big else index.article_ids() for n, index in enumerate(self.indexes)]
        seen: set[str] = set()  # ids kept by an earlier library other than the biggest
        out: list[tuple[int, tuple[str | None, ...]]] = []
        for n, index in enumerate(self.indexes):
            mine = ids[n]
            if mine is None:  # the biggest: which of the earlier ids does it repeat?
                clash = index.having_ids(sorted(seen))
            else:
                clash = [i for i in mine if i in seen]
                if n > big:
                    clash += self.indexes[big].having_ids(mine)
                seen.update(mine)
            out += [(n, row) for row in index.shadowed(sorted(set(clash)))]
        return out

    # -- search -------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Ranked hits (BM25, title above body) with highlighted snippets; [] for no terms."""
        fts, terms = fts_query(query)
        if fts is None or limit <= 0:
            return []
        if not self.loaded:  # the indexes look up only the hits (`winning_rows`)
            return [
                SearchHit(
                    row_to_article(hit.item, str(self.indexes[hit.library].root)),
                    hit.score,
                    hit.snippet,
                    hit.marks,
                    terms,
                )
                for hit in ranked_search(self.indexes, fts, terms, limit)
            ]
        winner, by_file, by_id = self._winner, self._by_file, self.by_id

        def shown(scored: list[tuple[float, int, int]], limit: int) -> list[tuple]:
            kept = [t for t in scored if (t[1], t[2]) in winner][:limit]
            return [(s, lib, fid, by_id[by_file[(lib, fid)]]) for s, lib, fid in kept]

        return [
            SearchHit(hit.item, hit.score, hit.snippet, hit.marks, terms)
            for hit in ranked_search(self.indexes, fts, terms, limit, shown)
        ]

    # -- quotations ---------------------------------------------------------------------------
    # Finding quotations needs the parsed text, so it is not part of the (fast) index build:
    # they are found when an article is first read and cached in its library's index, keyed
    # by the content hash they were found in.

    def _cache_quotations(self, art: Article, doc: Document) -> None:
        from reader.text import quotation_ids, quotations

        where = self._locate(art.id)
        if where is None:
            return
        index = self.indexes[where[0]]
        if index.quotations_current(where[1], art.content_hash):
            return
        found = quotations(doc)
        ids = quotation_ids(art.id, found)
        index.store_quotations(
            where[1],
            art.content_hash,
            [(qid, q.start, q.end, q.text) for qid, q in zip(ids, found, strict=True)],
        )

    def _fill_quotations(self, cancel: threading.Event | None = None) -> None:
        """Find the quotations of every article whose quotations are not cached yet. With
        `cancel` set this stops before the next article (raising Cancelled); the quotations
        found until then stay cached, so the next fill starts where this one stopped."""
        by_file = self._by_file
        for lib_no, index in enumerate(self.indexes):
            for fid in index.files_without_quotations():
                if cancel is not None and cancel.is_set():
                    raise Cancelled("finding the quotations was stopped")
                aid = by_file.get((lib_no, fid))
                if aid is not None:
                    with contextlib.suppress(NotFound):
                        self.document(aid)

    def quotations(
        self, article_id: str | None = None, *, cancel: threading.Event | None = None
    ) -> list[Detected]:
        """Detected quotations of one article, or of all, in text order. Those of all may
        mean reading every article not read yet: `cancel` (set from another thread) stops
        that between two articles, raising Cancelled."""
        if article_id is not None:
            art = self.find(article_id)
            where = self._locate(article_id)
            if art is None or where is None:
                return []
            if not self.indexes[where[0]].quotations_current(where[1], art.content_hash):
                try:
                    self.document(article_id)
                except NotFound:
                    return []
                where = self._locate(article_id)
                if where is None:
                    return []
            rows = self.indexes[where[0]].quotations([where[1]])
            return [Detected(q, article_id, s, e, t) for _, q, s, e, t in rows]
        self._fill_quotations(cancel)
        out: list[Detected] = []
        by_file = self._by_file
        for lib_no, index in enumerate(self.indexes):
            for fid, q, s, e, t in index.quotations():
                aid = by_file.get((lib_no, fid))
                if aid is not None:
                    out.append(Detected(q, aid, s, e, t))
        return out

    def find_quotation(self, quote_id: str) -> Detected | None:
        for attempt in range(2):
            by_file = self._by_file
            for lib_no, index in enumerate(self.indexes):
                row = index.quotation(quote_id)
                if row is not None and (lib_no, row.file_id) in by_file:
                    aid = by_file[(lib_no, row.file_id)]
                    return Detected(row.quote_id, aid, row.start, row.end, row.text)
            if attempt == 0:
                self._fill_quotations()
        return None

    def close(self) -> None:
        for index in self.indexes:
            index.close()
