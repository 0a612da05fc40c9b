"""The search index: one SQLite FTS5 database per library folder, in the cache directory.

It is a cache. A missing, damaged or other-version index is rebuilt; nothing in it is user data.
On each start the library folder is scanned (size and mtime only); a file is read again only
when those differ, and parsed again only when its content hash differs too. One index per
folder means that adding or removing an `--articles` folder rebuilds nothing.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from reader.index_rows import FACET_COLUMNS, IndexedFile, facet_values, index_job
from reader.library import FileEntry, Scan
from reader.records import Record
from reader.searcher import (
    APPLICATION_ID,
    BUSY_MS,
    FIELDS,
    RACY_NS,
    SCHEMA_VERSION,
    SEP,
    FileRow,
    IndexReader,
    WrongVersion,
    busy,
    connect,
    file_rows,
    index_file,
)

POOL_THRESHOLD = 400  # files to parse before a cold build uses worker processes
BATCH = 500

ProgressFn = Callable[[int, int], None]

_SCHEMA = f"""
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    rel TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT,
    problem TEXT,
    fatal INTEGER NOT NULL DEFAULT 0,
    article_id TEXT,
    title TEXT,
    author TEXT,
    date TEXT,
    categories TEXT,
    tags TEXT,
    summary TEXT,
    source_url TEXT,
    publisher TEXT,
    excerpt INTEGER,
    words INTEGER,
    quotes_hash TEXT  -- content hash the cached quotations were found in (NULL: not yet)
);
CREATE VIRTUAL TABLE fts USING fts5(
    title, author, tags, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE quotations (
    file_id INTEGER NOT NULL,
    quote_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE stamp (  -- the folders as last seen by a full scan (library.Scan)
    kind TEXT NOT NULL,
    rel TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    PRIMARY KEY (kind, rel)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
CREATE TABLE facets (  -- articles per facet value, kept as files are indexed (facet_delta)
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX files_by_article ON files (article_id);
-- the articles alone, by id then path: counting them, the file that keeps an id, repeated ids
CREATE INDEX files_articles ON files (article_id, rel) WHERE fatal = 0 AND article_id IS NOT NULL;
CREATE INDEX files_by_date ON files (date);
CREATE INDEX files_with_problems ON files (rel) WHERE problem IS NOT NULL;
CREATE INDEX quotations_by_file ON quotations (file_id);
CREATE INDEX quotations_by_id ON quotations (quote_id);
INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 5.0, 3.0, 1.0)');
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {SCHEMA_VERSION};
"""


class UpdateReport(Record):
    """What an update did; `read` counts article files opened."""

    __slots__ = ("scanned", "read", "parsed", "added", "changed", "removed", "rebuilt")

    def __init__(self, scanned: int = 0, rebuilt: str = "") -> None:
        self.scanned = scanned
        self.read = 0
        self.parsed = 0
        self.added = 0
        self.changed = 0
        self.removed = 0
        self.rebuilt = rebuilt  # why the index was rebuilt from nothing, if it was


class QuotationRow(NamedTuple):
    """A detected quotation as cached in the index."""

    file_id: int
    quote_id: str
    start: int
    end: int
    text: str


class LibraryIndex(IndexReader):
    """The index of one library folder: `IndexReader` plus creating, updating and the cached
    quotations."""

    root: Path
    path: Path | None

    def __init__(self, root: Path, index_dir: Path | None) -> None:
        self.root = root
        self.path = Path(index_file(index_dir, root)) if index_dir is not None else None
        self.rebuilt = ""
        self.on_disk = False  # False: kept in memory (no second connection possible)
        db = self._open()
        super().__init__(root, db, self.path, on_disk=self.on_disk, halves=True)

    # -- opening -----------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        if self.path is None:
            return self._create(":memory:")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            self.rebuilt = "cache folder not writable; index kept in memory"
            return self._create(":memory:")
        if self.path.exists():
            try:
                db = connect(self.path)
                try:
                    db.execute("SELECT count(*) FROM files").fetchone()
                    db.execute("SELECT count(*) FROM fts WHERE fts MATCH 'x'").fetchone()
                    self._tune(db)
                except BaseException:
                    db.close()
                    raise
                self.on_disk = True
                return db
            except WrongVersion as exc:
                self.rebuilt = f"index of another version ({exc.version}) rebuilt"
            except sqlite3.DatabaseError as exc:
                if busy(exc):  # another process is writing it: not damage, nothing to delete
                    self.rebuilt = "index busy in another process; kept in memory this time"
                    return self._create(":memory:")
                self.rebuilt = f"damaged index rebuilt ({exc})"
            self._remove_files()
        try:
            db = self._create(str(self.path))
            self.on_disk = True
            return db
        except sqlite3.DatabaseError:
            self.rebuilt = "cache not writable; index kept in memory"
            return self._create(":memory:")

    def _remove_files(self) -> None:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm", "-journal"):
            try:
                os.unlink(str(self.path) + suffix)
            except FileNotFoundError:
                pass
            except OSError:
                pass

    def _create(self, where: str) -> sqlite3.Connection:
        db = sqlite3.connect(where, check_same_thread=False, isolation_level=None)
        self._tune(db)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            db.executescript(f"BEGIN; {_SCHEMA} COMMIT;")
        return db

    @staticmethod
    def _tune(db: sqlite3.Connection) -> None:
        # A cache: speed over durability (a crash at worst costs a rebuild of this index).
        db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = OFF")

    # -- reading ------------------------------------------------------------------------------

    def rows(self) -> list[FileRow]:
        with self.lock:
            return file_rows(self.db, f"SELECT {FIELDS} FROM files ORDER BY rel")

    def newest(self, limit: int) -> list[FileRow]:
        """The `limit` newest article rows (by date; ties are sorted by the caller)."""
        with self.lock:
            return file_rows(
                self.db,
                f"SELECT {FIELDS} FROM files WHERE fatal = 0 AND article_id IS NOT NULL "
                "ORDER BY date DESC LIMIT ?",
                (limit,),
            )

    def facet_counts(self) -> list[tuple[str, str, int]]:
        """(kind, value, articles) over every loadable file of this library, as kept when it
        was indexed (files that repeat an article id included: see `shadowed`)."""
        with self.lock:
            return self.db.execute("SELECT kind, value, count FROM facets").fetchall()

    def article_ids(self) -> list[str]:
        """The article ids this library's loadable files have (each once)."""
        with self.lock:
            return [
                r[0]
                for r in self.db.execute(
                    "SELECT DISTINCT article_id FROM files "
                    "WHERE fatal = 0 AND article_id IS NOT NULL"
                )
            ]

    def having_ids(self, ids: list[str]) -> list[str]:
        """Which of these article ids this library has."""
        found: list[str] = []
        with self.lock:
            for at in range(0, len(ids), 500):  # SQLite's limit on ? per statement
                part = ids[at : at + 500]
                found += [
                    r[0]
                    for r in self.db.execute(
                        "SELECT DISTINCT article_id FROM files WHERE fatal = 0 AND article_id "
                        f"IN ({','.join('?' * len(part))})",
                        part,
                    )
                ]
        return found

    def shadowed(self, ids: Iterable[str] = ()) -> list[tuple[str | None, ...]]:
        """The facet columns (`FACET_COLUMNS`) of the files whose article is
        not this library's: every later file (by path) repeating an article id, and for each
        of `ids` (kept by an earlier library) its first file."""
        with self.lock:
            rows = self.db.execute(
                f"SELECT article_id, {FACET_COLUMNS} FROM files "
                "WHERE fatal = 0 AND article_id IN (SELECT article_id FROM files "
                "WHERE fatal = 0 AND article_id IS NOT NULL "
                "GROUP BY article_id HAVING count(*) > 1) ORDER BY article_id, rel"
            ).fetchall()
            out: list[tuple[str | None, ...]] = []
            seen: set[str] = set()
            for aid, *columns in rows:
                if aid in seen:
                    out.append(tuple(columns))
                seen.add(aid)
            for aid in ids:
                row = self.db.execute(
                    f"SELECT {FACET_COLUMNS} FROM files "
                    "WHERE fatal = 0 AND article_id = ? ORDER BY rel LIMIT 1",
                    (aid,),
                ).fetchone()
                if row is not None:
                    out.append(tuple(row))
        return out

    def count(self) -> int:
        with self.lock:
            return self.db.execute(
                "SELECT count(*) FROM files WHERE fatal = 0 AND article_id IS NOT NULL"
            ).fetchone()[0]

    def quotations(self, file_ids: list[int] | None = None) -> list[QuotationRow]:
        """Detected quotations, in text order."""
        sql = "SELECT file_id, quote_id, start, end, text FROM quotations"
        args: list[int] = []
        if file_ids is not None:
            sql += f" WHERE file_id IN ({','.join('?' * len(file_ids))})"
            args = file_ids
        with self.lock:
            rows = self.db.execute(sql + " ORDER BY file_id, start", args).fetchall()
        return [QuotationRow._make(row) for row in rows]

    def quotations_current(self, file_id: int, digest: str) -> bool:
        """Are the cached quotations of this file from its current text?"""
        with self.lock:
            row = self.db.execute(
                "SELECT quotes_hash FROM files WHERE id = ?", (file_id,)
            ).fetchone()
        return row is not None and row[0] == digest

    def files_without_quotations(self) -> list[int]:
        with self.lock:
            return [
                r[0]
                for r in self.db.execute(
                    "SELECT id FROM files WHERE fatal = 0 AND article_id IS NOT NULL AND "
                    "(quotes_hash IS NULL OR quotes_hash != hash)"
                )
            ]

    def store_quotations(
        self, file_id: int, digest: str, quotes: list[tuple[str, int, int, str]]
    ) -> None:
        """Cache an article's detected quotations (found in the text with this hash)."""
        with self.lock:
            db = self.db
            db.execute("BEGIN")
            try:
                db.execute("DELETE FROM quotations WHERE file_id = ?", (file_id,))
                db.executemany(
                    "INSERT INTO quotations (file_id, quote_id, start, end, text) VALUES (?,?,?,?,?)",
                    [(file_id, *q) for q in quotes],
                )
                db.execute("UPDATE files SET quotes_hash = ? WHERE id = ?", (digest, file_id))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def quotation(self, quote_id: str) -> QuotationRow | None:
        with self.lock:
            row = self.db.execute(
                "SELECT file_id, quote_id, start, end, text FROM quotations WHERE quote_id = ?",
                (quote_id,),
            ).fetchone()
        return QuotationRow._make(row) if row else None

    # -- updating -----------------------------------------------------------------------------

    def update(self, found: Scan, progress: ProgressFn | None = None) -> UpdateReport:
        """Bring the index in line with a full scan; re-read only what changed. The scan's
        folder stamp is kept too (when it had no problems), for `stamp_current`."""
        report = self._update(found.entries, progress, complete=True)
        if not found.problems:
            self._keep_stamp(found)
        return report

    def update_some(self, entries: list[FileEntry]) -> UpdateReport:
        """Update just these files (an article found changed when it was opened)."""
        return self._update(entries, None, complete=False)

    def _update(
        self, entries: list[FileEntry], progress: ProgressFn | None, complete: bool
    ) -> UpdateReport:
        report = UpdateReport(scanned=len(entries), rebuilt=self.rebuilt)
        if complete and self._unchanged(entries):
            return report
        with self.lock:
            known = {
                rel: (fid, size, mtime, digest)
                for fid, rel, size, mtime, digest in self.db.execute(
                    "SELECT id, rel, size, mtime_ns, hash FROM files"
                )
            }
        present = {e.rel for e in entries}
        gone = [known[rel][0] for rel in known if rel not in present] if complete else []
        todo = []
        for e in entries:
            old = known.get(e.rel)
            if old is None or old[1] != e.size or old[2] != e.mtime_ns:
                todo.append(e)
        if gone:
            with self.lock:
                self.db.execute("BEGIN")
                self.db.execute("DELETE FROM meta WHERE key = 'stamp_ns'")
                self._middle = None
                delta: Counter[tuple[str, str]] = Counter()
                for i in gone:
                    _count_facets(delta, self.db, i, -1)
                _save_facets(self.db, delta)
                self.db.executemany("DELETE FROM files WHERE id = ?", [(i,) for i in gone])
                self.db.executemany("DELETE FROM fts WHERE rowid = ?", [(i,) for i in gone])
                self.db.executemany(
                    "DELETE FROM quotations WHERE file_id = ?", [(i,) for i in gone]
                )
                self.db.execute("COMMIT")
            report.removed = len(gone)
        if not todo:
            return report
        jobs = [(e.rel, e.path, str(self.root), known.get(e.rel, (0, 0, 0, None))[3]) for e in todo]
        by_rel = {e.rel: e for e in todo}
        total = len(jobs)
        if progress:
            progress(0, total)
        pending: list[IndexedFile] = []
        for done, result in enumerate(_run_jobs(jobs), start=1):
            pending.append(result)
            if len(pending) >= BATCH:
                self._write(pending, by_rel, known, report)
                pending = []
                if progress:
                    progress(done, total)
        if pending:
            self._write(pending, by_rel, known, report)
        if progress:
            progress(total, total)
        report.read = total
        return report

    # -- the folder stamp -----------------------------------------------------------------------

    def _keep_stamp(self, found: Scan) -> None:
        """Store the scan's stamp, if the index now holds exactly the scanned files (another
        process may have written meanwhile: then no stamp, and the next check scans fully)."""
        wanted = sorted(found.stamp)
        with self.lock:
            stored = self.stamp()
            if stored is not None:
                racy = stored[0] - RACY_NS
                if sorted(stored[1]) == wanted and all(t[3] < racy for t in wanted):
                    return  # the same stamp is there already, and trusted
            db = self.db
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return  # busy: no stamp this time
            try:
                db.execute("DELETE FROM stamp")
                db.execute("DELETE FROM meta WHERE key = 'stamp_ns'")
                if self._unchanged(found.entries):  # read again, inside the transaction
                    db.executemany("INSERT INTO stamp VALUES (?, ?, ?, ?)", wanted)
                    db.execute(
                        "INSERT INTO meta (key, value) VALUES ('stamp_ns', ?)", (found.started_ns,)
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _unchanged(self, entries: list[FileEntry]) -> bool:
        """True when the index holds exactly these files with these sizes and mtimes.

        The common start: one ordered read of three columns and a list comparison, instead of
        building a dict of every known file. `entries` is sorted by rel, as `scan` returns it;
        any difference (even in order) just means the full comparison runs.
        """
        with self.lock:
            known = self.db.execute("SELECT rel, size, mtime_ns FROM files ORDER BY rel").fetchall()
        return len(known) == len(entries) and known == [
            (e.rel, e.size, e.mtime_ns) for e in entries
        ]

    def _write(
        self,
        results: list[IndexedFile],
        by_rel: dict[str, FileEntry],
        known: dict[str, tuple],
        report: UpdateReport,
    ) -> None:
        with self.lock:
            db = self.db
            # IMMEDIATE, and each file's row looked up again inside the transaction: another
            # process (a second reader, the CLI) may have indexed the same files meanwhile.
            db.execute("BEGIN IMMEDIATE")
            self._middle = None
            try:
                # Files change: the folder stamp no longer vouches for the index.
                db.execute("DELETE FROM meta WHERE key = 'stamp_ns'")
                delta: Counter[tuple[str, str]] = Counter()
                for rel, digest, problem, fatal, unchanged, columns, body in results:
                    entry = by_rel[rel]
                    old = db.execute("SELECT id FROM files WHERE rel = ?", (rel,)).fetchone()
                    if unchanged and old is not None:
                        db.execute(
                            "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?",
                            (entry.size, entry.mtime_ns, old[0]),
                        )
                        continue
                    report.parsed += 1
                    if old is not None:
                        _count_facets(delta, db, old[0], -1)
                        db.execute("DELETE FROM fts WHERE rowid = ?", (old[0],))
                        db.execute("DELETE FROM files WHERE id = ?", (old[0],))
                        db.execute("DELETE FROM quotations WHERE file_id = ?", (old[0],))
                        report.changed += 1
                    else:
                        report.added += 1
                    values = columns if columns is not None else (None,) * 11
                    cur = db.execute(
                        "INSERT INTO files (rel, size, mtime_ns, hash, problem, fatal, article_id,"
                        " title, author, date, categories, tags, summary, source_url, publisher,"
                        " excerpt, words) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (rel, entry.size, entry.mtime_ns, digest, problem, fatal, *values),
                    )
                    if columns is not None:
                        for key in facet_values(
                            columns.categories,
                            columns.tags,
                            columns.author,
                            columns.date,
                            columns.publisher,
                        ):
                            delta[key] += 1
                        db.execute(
                            "INSERT INTO fts (rowid, title, author, tags, summary, body)"
                            " VALUES (?,?,?,?,?,?)",
                            (
                                cur.lastrowid,
                                columns.title,
                                columns.author,
                                columns.tags.replace(SEP, " "),
                                columns.summary,
                                body,
                            ),
                        )
                _save_facets(db, delta)
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise


def _count_facets(
    delta: Counter[tuple[str, str]], db: sqlite3.Connection, file_id: int, sign: int
) -> None:
    """Add a file's facet entries to `delta` (sign -1: it is being removed)."""
    row = db.execute(
        f"SELECT {FACET_COLUMNS} FROM files WHERE id = ? AND fatal = 0 AND article_id IS NOT NULL",
        (file_id,),
    ).fetchone()
    if row is not None:
        for key in facet_values(*row):
            delta[key] += sign


def _save_facets(db: sqlite3.Connection, delta: Counter[tuple[str, str]]) -> None:
    changes = [(kind, value, n) for (kind, value), n in delta.items() if n]
    if not changes:
        return
    db.executemany(
        "INSERT INTO facets (kind, value, count) VALUES (?, ?, ?) "
        "ON CONFLICT (kind, value) DO UPDATE SET count = count + excluded.count",
        changes,
    )
    if any(n < 0 for _, _, n in changes):
        db.execute("DELETE FROM facets WHERE count <= 0")


def _run_jobs(jobs: list[tuple[str, str, str, str | None]]) -> Iterable[IndexedFile]:
    """Parse files in this process, or across worker processes for a big (cold) build."""
    # The main process is busy too (every insert into the index is its own work), so the
    # pool leaves it a core: on 2 cores, 1 parsing worker + the writer beats 2 + the writer.
    workers = min((os.cpu_count() or 1) - 1, 8)
    if len(jobs) < POOL_THRESHOLD or workers < 1:
        for job in jobs:
            yield index_job(job)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # "spawn": the TUI runs this from a thread, and forking a threaded process is unsafe.
    ctx = multiprocessing.get_context("spawn")
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            for result in pool.map(index_job, jobs, chunksize=64):
                yield result
                done += 1
    except (OSError, RuntimeError, ValueError):
        # No worker processes here (or they died, e.g. a __main__ that cannot be re-imported;
        # ValueError: "bad value(s) in fds_to_keep" when sys.stderr has no real file, as
        # inside a Textual app): finish the rest in this process; never yield one file twice.
        for job in jobs[done:]:
            yield index_job(job)
