"""Reading a library's index: ranking, snippets, article rows and the folder stamp.

`IndexReader` is the read side of `reader.index.LibraryIndex`, which adds creating, updating
and the cached quotations. It is kept apart, on `os`, `sqlite3` and `reader.query` alone, so
that the `search` command's lean path (`reader.quick`) can answer from an index without
importing the indexer, the article parser or the catalog.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections import namedtuple

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without loading OpenSSL first
except ImportError:  # pragma: no cover - every CPython build has it
    from hashlib import blake2b

from reader.query import unmark, window_snippet

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TypeVar

    Kept = TypeVar("Kept", bound=tuple)  # (score, library no., file id, item)
    T = TypeVar("T")

# 11: a category or tag repeated in one front matter in another case counted once;
# 10: facet counts of sources and undated articles; 9: footnotes and raw HTML change the
# plain text cached quotations are found in; 8: facet counts; 7: the folder stamp;
# 4: lenient YAML dates, blockquote marks
SCHEMA_VERSION = 11
APPLICATION_ID = 0x50524958  # "PRIX"
SEP = "\x1f"  # joins categories/tags; control characters never survive cleaning
SPLIT_FROM = 2000  # files in an index from which a query runs as two halves, one per core
# A folder or file modified this close to (or after) the scan that stamped it may have changed
# again within the same tick of the filesystem's clock: its stamp is not trusted.
RACY_NS = 2_000_000_000
BIG_DOCUMENT = 200_000  # characters of indexed text above which snippets are cut in Python

# Column weights (title, author, tags, summary, body). Queries call bm25() with them directly:
# ORDER BY bm25(...) costs about a third less per matching row than the configured `rank`.
BM25 = "bm25(fts, 10.0, 4.0, 5.0, 3.0, 1.0)"

# The columns of a `files` row as `FileRow` names them.
FIELDS = (
    "id, rel, hash, problem, fatal, article_id, title, author, date, categories, tags, "
    "summary, source_url, publisher, excerpt, words"
)

if TYPE_CHECKING:
    from typing import NamedTuple

    class FileRow(NamedTuple):
        """One file of a library's index: an article's metadata, or why it has none."""

        id: int  # the file id: the rowid of its full-text entry too
        rel: str  # path relative to the library folder
        hash: str | None  # content hash (None: unreadable)
        problem: str | None  # problems found loading it, one per line
        fatal: int  # 1: skipped, no article (the metadata columns are NULL)
        article_id: str | None
        title: str | None
        author: str | None
        date: str | None
        categories: str | None  # joined with SEP
        tags: str | None  # joined with SEP
        summary: str | None
        source_url: str | None
        publisher: str | None
        excerpt: int | None
        words: int | None

else:
    # collections' namedtuple, not typing's: `typing` costs the lean `search` path an import.
    FileRow = namedtuple("FileRow", FIELDS)

_new_row = tuple.__new__


def _file_row(_cursor: sqlite3.Cursor, row: tuple) -> FileRow:
    """Row factory for `SELECT {FIELDS} FROM files` queries."""
    return _new_row(FileRow, row)


def file_rows(db: sqlite3.Connection, sql: str, args: tuple | list = ()) -> list[FileRow]:
    """Every row of a `SELECT {FIELDS} FROM files ...` query, as FileRows."""
    cursor = db.execute(sql, args)
    cursor.row_factory = _file_row
    return cursor.fetchall()


Stamp = tuple[int, list[tuple[str, str, int, int]]]  # (when the scan began, its rows)


class WrongVersion(Exception):
    """An index written by another version of policyreader (or not an index at all)."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def index_file(index_dir: str | os.PathLike[str], root: str | os.PathLike[str]) -> str:
    """Where the index of the library folder `root` is kept: a readable name and a hash of
    the whole path, so that two folders with one name never share an index."""
    root = os.fspath(root)
    digest = blake2b(os.fsencode(root), digest_size=8).hexdigest()
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", os.path.basename(root))[:40] or "library"
    return os.path.join(index_dir, f"{slug}-{digest}.sqlite3")


BUSY_MS = 10_000  # how long a query waits for another process's write to finish


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Open an existing index of this version. Raises WrongVersion, or sqlite3.DatabaseError
    for a file that is damaged or not a database (or busy: see `busy`)."""
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app = db.execute("PRAGMA application_id").fetchone()[0]
        if version != SCHEMA_VERSION or app != APPLICATION_ID:
            raise WrongVersion(version)
    except BaseException:
        db.close()
        raise
    return db


def busy(exc: sqlite3.Error) -> bool:
    """Did this fail because another process held the database for longer than BUSY_MS (not
    because the file is damaged)?"""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class IndexReader:
    """Queries on one library's index. Every method may be called from any thread."""

    def __init__(
        self,
        root: str | os.PathLike[str],
        db: sqlite3.Connection,
        path: str | os.PathLike[str] | None,
        *,
        on_disk: bool,
        halves: bool,
    ) -> None:
        self.root = root
        self.db = db
        self.path = path
        self.lock = threading.RLock()
        # False: kept in memory, or a second connection failed (no halves then)
        self.on_disk = on_disk
        self._other: sqlite3.Connection | None = None  # the second connection, for halves
        self._other_lock = threading.Lock()
        self._middle: int | None = None  # the file id that splits the index in two halves
        # Halves pay once both connections' page caches are warm (a reader searching as the
        # user types); a one-shot command's single query on cold caches is faster whole.
        self.halves = halves

    def close(self) -> None:
        with self.lock:
            self.db.close()
        with self._other_lock:
            if self._other is not None:
                self._other.close()
                self._other = None

    # -- rows ---------------------------------------------------------------------------------

    def row_by_id(self, file_id: int) -> FileRow | None:
        with self.lock:
            rows = file_rows(self.db, f"SELECT {FIELDS} FROM files WHERE id = ?", (file_id,))
        return rows[0] if rows else None

    def owner_of(self, article_id: str) -> int | None:
        """The file id of the first loadable file (in path order) with this article id."""
        with self.lock:
            row = self.db.execute(
                "SELECT id FROM files WHERE article_id = ? AND fatal = 0 ORDER BY rel LIMIT 1",
                (article_id,),
            ).fetchone()
        return row[0] if row else None

    def problem_rows(self) -> list[FileRow]:
        with self.lock:
            return file_rows(
                self.db, f"SELECT {FIELDS} FROM files WHERE problem IS NOT NULL ORDER BY rel"
            )

    def has_fatal_problems(self) -> bool:
        """Is any file of this library skipped (no article made of it)?"""
        with self.lock:
            return (
                self.db.execute(
                    "SELECT 1 FROM files WHERE problem IS NOT NULL AND fatal LIMIT 1"
                ).fetchone()
                is not None
            )

    # -- search -------------------------------------------------------------------------------

    def search(self, fts_query: str, limit: int) -> list[tuple[int, float]]:
        """(file id, score) best first (ties by file id); score is -bm25, higher is better.

        Ranking costs a few microseconds per matching file, so a word found in most of a big
        library costs tens of milliseconds. A big index is therefore searched as two halves
        (file ids up to the middle one, and after it) on two connections at once: SQLite
        releases the GIL while it works, so each half gets a core. Every half's scores are the
        same as the whole query's (BM25's statistics are the whole index's), so merging the
        two best-`limit` lists gives exactly the whole query's best `limit`.
        """
        sql = (
            f"SELECT rowid, -{BM25} AS score FROM fts WHERE fts MATCH ? {{}} "
            "ORDER BY score DESC, rowid LIMIT ?"
        )
        middle = self._split()
        if middle is None:
            with self.lock:
                return self.db.execute(sql.format(""), (fts_query, limit)).fetchall()
        low, high = self._halves(
            sql.format("AND rowid <= ?"),
            (fts_query, middle, limit),
            sql.format("AND rowid > ?"),
            (fts_query, middle, limit),
        )
        return sorted(low + high, key=_best_first)[:limit]

    def snippets(
        self, fts_query: str, ids: list[int], tokens: int = 14, terms: list[str] | None = None
    ) -> dict[int, str]:
        """Snippets with matches between STX and ETX.

        One pass over the query's matches between the lowest and highest id wanted, making a
        snippet only for the wanted ones: asking for each id on its own sets the query up once
        per id, which costs more than the pass (most for prefix queries, which gather every
        matching word each time). FTS5's snippet() slows down with the square of a document's
        matches (minutes for a common word in a 1 MB article), so very long documents get a
        plain window around their first match instead.
        """
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self.lock:
            sizes = dict(
                self.db.execute(
                    f"SELECT rowid, length(body) FROM fts WHERE rowid IN ({marks})", ids
                )
            )
        small = sorted(i for i in ids if (sizes.get(i) or 0) <= BIG_DOCUMENT)
        out: dict[int, str] = {}
        if small:
            parts = [small]
            if len(small) > 1 and self._split() is not None:
                parts = [small[: len(small) // 2], small[len(small) // 2 :]]
            queries = [self._snippet_sql(part, fts_query, tokens) for part in parts]
            if len(queries) == 1:
                with self.lock:
                    out.update(self.db.execute(*queries[0]).fetchall())
            else:
                low, high = self._halves(*queries[0], *queries[1])
                out.update(low)
                out.update(high)
        missing = [i for i in ids if i not in out]
        for i in missing:
            with self.lock:
                text = self.db.execute("SELECT body FROM fts WHERE rowid = ?", (i,)).fetchone()
            out[i] = window_snippet(text[0] if text else "", terms or [], tokens)
        return out

    @staticmethod
    def _snippet_sql(ids: list[int], fts_query: str, tokens: int) -> tuple[str, tuple]:
        # LIMIT keeps SQLite from flattening the inner query into the outer one (snippet()
        # must run where the full-text cursor is), so `s IS NOT NULL` filters its output.
        marks = ",".join("?" * len(ids))
        return (
            "SELECT r, s FROM (SELECT rowid AS r, CASE WHEN rowid IN "
            f"({marks}) THEN snippet(fts, -1, char(2), char(3), '…', ?) END AS s FROM fts "
            "WHERE fts MATCH ? AND rowid BETWEEN ? AND ? LIMIT -1 OFFSET 0) WHERE s IS NOT NULL",
            (*ids, tokens, fts_query, ids[0], ids[-1]),
        )

    # -- two halves at once -------------------------------------------------------------------

    def _split(self) -> int | None:
        """The middle file id of a big index kept on disk; None: query it whole.

        The middle of the id range, not the median id: two reads of the primary key instead
        of a walk over half the table (ids are given in order, so the halves stay close)."""
        if not (self.on_disk and self.halves):
            return None
        with self.lock:
            if self._middle is None:
                low, high = self.db.execute("SELECT min(id), max(id) FROM files").fetchone()
                big = low is not None and high - low >= SPLIT_FROM
                self._middle = (low + high) // 2 if big else 0
            return self._middle or None

    def _second(self) -> sqlite3.Connection | None:
        """A second connection to this index, only ever read through (opened when first
        needed; None if it cannot be, and then the index is queried whole from now on)."""
        if self._other is None and self.path is not None and self.on_disk:
            try:
                db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
                db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                self._other = db
            except sqlite3.Error:
                self.on_disk = False
        return self._other

    def _halves(self, sql_a: str, args_a: tuple, sql_b: str, args_b: tuple) -> tuple[list, list]:
        """Run two queries at once: the first on this thread, the second on another."""
        with self._other_lock:
            other_db = self._second()
        if other_db is None:
            with self.lock:
                return (
                    self.db.execute(sql_a, args_a).fetchall(),
                    self.db.execute(sql_b, args_b).fetchall(),
                )
        other: list = []
        failed: list[BaseException] = []

        def second_half() -> None:
            try:
                with self._other_lock:
                    other.extend(other_db.execute(sql_b, args_b).fetchall())
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                failed.append(exc)

        worker = threading.Thread(target=second_half, name="index-half", daemon=True)
        worker.start()
        try:
            with self.lock:
                first = self.db.execute(sql_a, args_a).fetchall()
        finally:
            worker.join()
        if failed:
            raise failed[0]
        return first, other

    # -- the folder stamp -----------------------------------------------------------------------

    def stamp_current(self) -> bool:
        """True when the folders look exactly as the last full scan saw them: no article file
        added, removed or renamed since, and no linked file changed. Costs one stat per folder
        instead of one per file. A file rewritten in place (same name, same folder) is not
        noticed: that takes a full scan."""
        stamp = self.stamp()
        return stamp is not None and self.stamp_matches(stamp)

    def stamp(self) -> Stamp | None:
        """The stamp kept by the last full scan: (when it began, the rows), or None."""
        with self.lock:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'stamp_ns'").fetchone()
            if row is None:
                return None
            rows = self.db.execute("SELECT kind, rel, size, mtime_ns FROM stamp").fetchall()
        return (row[0], rows) if rows else None

    def stamp_matches(self, stamp: Stamp) -> bool:
        """Do the folders (and linked files) still have the stamp's times? No database work:
        this can run beside a query on the index."""
        started, rows = stamp
        racy = started - RACY_NS
        root = os.fspath(self.root)
        prefix = root + os.sep  # concatenated: os.path.join costs as much as the stat
        for kind, rel, size, mtime in rows:
            if mtime >= racy:
                return False
            try:
                st = os.stat(prefix + rel if rel else root, follow_symlinks=kind == "l")
            except OSError:
                return False
            if st.st_mtime_ns != mtime or (kind == "l" and st.st_size != size):
                return False
        return True


def _best_first(row: tuple[int, float]) -> tuple[float, int]:
    return (-row[1], row[0])


# --- over every library ----------------------------------------------------------------------


def best_hits(
    readers: Sequence[IndexReader],
    fts_query: str,
    limit: int,
    choose: Callable[[list[tuple[float, int, int]], int], list[Kept]],
) -> list[Kept]:
    """The best `limit` hits over every library, as `choose` keeps them.

    `choose(scored, limit)` gets (score, library no., file id) best first and returns the
    first `limit` it keeps, as tuples that start with those three: it drops files whose
    article is shown from another file (a duplicate id). Each library first gives its best
    `limit + 16`. That is exactly enough when nothing is dropped; when something is, a file
    a library did not give might belong in the list, so unless every kept hit scores above
    the best score a library may have left out, every library is asked for four times as many.
    """
    fetch = limit + 16
    while True:
        scored: list[tuple[float, int, int]] = []
        left_out: float | None = None  # the best score some library may not have given
        for lib_no, reader in enumerate(readers):
            rows = reader.search(fts_query, fetch)
            scored.extend((score, lib_no, fid) for fid, score in rows)
            if len(rows) == fetch:
                left_out = rows[-1][1] if left_out is None else max(left_out, rows[-1][1])
        scored.sort(key=lambda t: -t[0])
        kept = choose(scored, limit)
        if left_out is None or (
            len(kept) >= limit
            and (
                [k[1:3] for k in kept] == [s[1:3] for s in scored[:limit]]
                or kept[limit - 1][0] > left_out
            )
        ):
            return kept
        fetch *= 4


def while_checking(
    readers: Sequence[IndexReader], stamps: Sequence[Stamp | None], work: Callable[[], T]
) -> tuple[T, bool]:
    """`work()` on this thread while another checks the readers' folders against their
    stamps (both mostly wait outside Python): its result, and whether every stamp still
    holds (a missing stamp does not)."""
    fresh: list[bool] = []

    def check() -> None:
        fresh.append(
            all(
                stamp is not None and reader.stamp_matches(stamp)
                for reader, stamp in zip(readers, stamps, strict=True)
            )
        )

    checker = threading.Thread(target=check, name="stamp-check", daemon=True)
    checker.start()
    try:
        result = work()
    finally:
        checker.join()
    return result, fresh == [True]


def owner(readers: Sequence[IndexReader], article_id: str) -> tuple[int, int] | None:
    """(library no., file id) of the file that keeps this article id: the first library's,
    and in it the first loadable file in path order."""
    for lib_no, reader in enumerate(readers):
        file_id = reader.owner_of(article_id)
        if file_id is not None:
            return (lib_no, file_id)
    return None


def winning_rows(
    readers: Sequence[IndexReader], scored: list[tuple[float, int, int]], limit: int
) -> list[tuple[float, int, int, FileRow]]:
    """Without a loaded catalog: the first `limit` hits whose file keeps its article id, with
    their `files` rows, looking up only the hits themselves."""
    kept = []
    for score, lib_no, fid in scored:
        row = readers[lib_no].row_by_id(fid)
        if row is None or row.fatal or row.article_id is None:
            continue  # gone, or a file with a fatal problem
        if owner(readers, row.article_id) != (lib_no, fid):
            continue  # another file keeps this id
        kept.append((score, lib_no, fid, row))
        if len(kept) >= limit:
            break
    return kept


def snippets(
    readers: Sequence[IndexReader],
    fts_query: str,
    terms: list[str],
    hits: Sequence[tuple],
) -> dict[tuple[int, int], str]:
    """Snippets (STX/ETX marked) of hits given as (score, library no., file id, ...)."""
    out: dict[tuple[int, int], str] = {}
    for lib_no, reader in enumerate(readers):
        ids = [hit[2] for hit in hits if hit[1] == lib_no]
        for fid, snip in reader.snippets(fts_query, ids, terms=terms).items():
            out[(lib_no, fid)] = snip
    return out


def round_score(score: float) -> float:
    """Scores as shown: four significant digits."""
    return float(f"{score:.4g}")


if TYPE_CHECKING:
    from typing import Generic

    class Ranked(NamedTuple, Generic[T]):
        """One hit of `ranked_search`: what `choose` kept, with its snippet."""

        score: float  # rounded as shown (`round_score`)
        library: int  # library no. (position in the readers given)
        file_id: int
        item: T  # a FileRow, or what the caller's `choose` gave
        snippet: str  # plain text
        marks: list[tuple[int, int]]  # the matched spans in `snippet`

else:
    Ranked = namedtuple("Ranked", "score library file_id item snippet marks")


def ranked_search(
    readers: Sequence[IndexReader],
    fts_query: str,
    terms: list[str],
    limit: int,
    choose: Callable[[list[tuple[float, int, int]], int], list[Kept]] | None = None,
) -> list[Ranked]:
    """The search pipeline: the best `limit` hits over every library, exact (`best_hits`),
    each with its snippet. Both the lean `search` command and the catalog answer with it.

    `choose` (see `best_hits`) decides which files are shown; by default a file whose
    article id another file keeps is dropped, looking up only the hits (`winning_rows`),
    and each hit's item is its FileRow.
    """
    if choose is None:

        def choose(scored: list[tuple[float, int, int]], limit: int) -> list:
            return winning_rows(readers, scored, limit)

    kept = best_hits(readers, fts_query, limit, choose)
    marked = snippets(readers, fts_query, terms, kept)
    out = []
    for hit in kept:
        text, marks = unmark(marked.get((hit[1], hit[2]), ""))
        out.append(Ranked(round_score(hit[0]), hit[1], hit[2], hit[3], text, marks))
    return out
