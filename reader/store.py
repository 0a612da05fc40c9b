"""User state in SQLite: read state, reading position, bookmarks, quotes and notes.

This is the precious part. The rules, after lemon24/reader's storage layer:

* `PRAGMA application_id` marks the file as ours, `PRAGMA user_version` is the schema version,
  and numbered migrations move it forward inside one exclusive transaction.
* WAL journal, `synchronous = FULL`, foreign keys on, a busy timeout: several processes (two
  readers, the reader and the CLI) can write at once and every write that returned is on disk.
* Every write is one short `BEGIN IMMEDIATE` transaction; what one action changes together
  (opening an article) is one transaction, and a write that would change nothing makes none.
* A damaged file is never deleted or overwritten: it is moved aside under a new name, what
  SQLite can still read is copied into a fresh database, and the user is told in one line.
* A database written by a newer version is opened read-only and left exactly as it is.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from reader.errors import ReaderError
from reader.quotes import Quote
from reader.store_schema import APPLICATION_ID as APPLICATION_ID
from reader.store_schema import MIGRATIONS as MIGRATIONS
from reader.store_schema import SCHEMA_VERSION as SCHEMA_VERSION
from reader.store_schema import backup, header_version, migrate

READ_STATES = ("unread", "started", "read")

# One change to make inside a write transaction (see `Store.write_all`).
Write = Callable[[sqlite3.Connection], None]


class StoreError(ReaderError):
    """A state operation failed; the message is one line for the user."""


class StoreReadOnly(StoreError):
    """The state database cannot be written (newer schema, read-only folder, ...)."""


@dataclass(slots=True)
class ArticleState:
    read: str = "unread"
    position: int = 0
    progress: int = 0
    bookmarked: bool = False
    read_hash: str | None = None


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_highlight_id() -> str:
    return "h" + secrets.token_hex(6)


# Column -> Quote attribute, in the order of every SELECT and INSERT of a quote.
_QUOTE_FIELDS = {
    "quote_id": "id",
    "article_id": "article_id",
    "kind": "kind",
    "exact": "text",
    "prefix": "prefix",
    "suffix": "suffix",
    "start": "start",
    "end": "end",
    "note": "note",
    "bookmarked": "bookmarked",
    "status": "status",
    "current_text": "current_text",
    "created_at": "created_at",
    "updated_at": "updated_at",
    "anchor_hash": "anchor_hash",
}
_QUOTE_COLS = ", ".join(_QUOTE_FIELDS)


class _ArticleRow(NamedTuple):
    """An article's stored state, as an opening or a position save compares it."""

    read_state: str
    position: int
    progress: int
    read_hash: str | None
    opened_at: str | None
    title: str | None

    def titled(self, title: str | None) -> bool:
        """The row has the title (`_ensure_article` would not change it)."""
        return not title or self.title == title


def _quote(row: tuple) -> Quote:
    values = dict(zip(_QUOTE_FIELDS.values(), row, strict=True))
    values["bookmarked"] = bool(values["bookmarked"])
    values["anchor_hash"] = values["anchor_hash"] or ""
    return Quote(**values)


def _quote_row(q: Quote) -> tuple:
    return tuple(
        int(q.bookmarked) if name == "bookmarked" else getattr(q, name)
        for name in _QUOTE_FIELDS.values()
    )


class Store:
    """The state database. Open it with `Store.open(path)`; `notice` says what happened."""

    def __init__(
        self, db: sqlite3.Connection, path: Path | None, *, readonly: str = "", notice: str = ""
    ) -> None:
        self.db = db
        self.path = path
        self.readonly = readonly  # why writes are refused ("" when they are not)
        self.notice = notice
        self.lock = threading.RLock()
        self.quote_writes = 0  # quotes saved or deleted through this Store (see `quotes_version`)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating, migrating or salvaging as needed) the state database at `path`."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return cls._memory(
                f"cannot create data folder {path.parent} ({exc.strerror}); "
                "changes will not be saved"
            )
        existed = path.exists() and path.stat().st_size > 0
        newer = header_version(path) if existed else 0
        if newer > SCHEMA_VERSION:  # decided before connecting: switching to WAL would write
            return cls._open_readonly(path, _newer_why(newer))
        try:
            db = _connect(path)
            return cls._prepare(db, path, existed)
        except StoreReadOnly:
            raise
        except sqlite3.OperationalError as exc:
            if _is_readonly_error(exc):
                return cls._open_readonly(path, "the data folder is read-only")
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"state database is busy ({exc}); try again") from None
            return cls._salvage(path, str(exc))
        except sqlite3.DatabaseError as exc:
            return cls._salvage(path, str(exc))

    @classmethod
    def _memory(cls, why: str) -> Store:
        db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        migrate(db)
        # Read-only, so that no write pretends to succeed when nothing can be saved.
        return cls(db, None, readonly=why, notice=why)

    @classmethod
    def _prepare(cls, db: sqlite3.Connection, path: Path, existed: bool) -> Store:
        app = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if existed and app != APPLICATION_ID:
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables or app:
                db.close()
                raise sqlite3.DatabaseError("not a policyreader state database")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            db.close()
            raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        if version > SCHEMA_VERSION:
            db.close()
            return cls._open_readonly(path, _newer_why(version))
        notice = ""
        if version < SCHEMA_VERSION:
            if existed and version > 0:
                backup(db, path, version)
                notice = f"state database upgraded from schema {version} to {SCHEMA_VERSION}"
            migrate(db)
        return cls(db, path, notice=notice)

    @classmethod
    def _open_readonly(cls, path: Path, why: str) -> Store:
        uri = path.resolve().as_uri()
        try:
            db = sqlite3.connect(
                f"{uri}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            # A WAL database in a read-only folder cannot make its -shm file: read it as is.
            db = sqlite3.connect(
                f"{uri}?immutable=1", uri=True, check_same_thread=False, isolation_level=None
            )
        msg = f"{why}: opened read-only, changes will not be saved"
        return cls(db, path, readonly=msg, notice=msg)

    @classmethod
    def _salvage(cls, path: Path, reason: str) -> Store:
        """Move a damaged database aside, start a fresh one, copy over what can be read."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        try:
            os.replace(path, aside)
            for suffix in ("-wal", "-shm"):
                side = Path(str(path) + suffix)
                if side.exists():
                    os.replace(side, Path(str(aside) + suffix))
        except OSError as exc:
            return cls._memory(
                f"state database is damaged ({reason}) and cannot be moved aside "
                f"({exc.strerror}); changes will not be saved"
            )
        db = _connect(path)
        migrate(db)
        store = cls(db, path)
        from reader.salvage import copy_readable

        recovered = copy_readable(store, aside)
        store.notice = (
            f"state database was damaged ({_one_line(reason)}); kept it as "
            f"{aside.name} and recovered {recovered} record(s)"
        )
        return store

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- writing ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (`BEGIN IMMEDIATE`); StoreError when it cannot be made."""
        with self._write() as db:
            yield db

    def write_all(self, writes: Iterable[Write | None]) -> bool:
        """Make the writes, in order, in one transaction (None: nothing to write); no
        transaction at all when there is nothing to write. True when one was made."""
        todo = [write for write in writes if write is not None]
        if not todo:
            return False
        with self._write() as db:
            for write in todo:
                write(db)
        return True

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        if self.readonly:
            raise StoreReadOnly(self.readonly)
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _store_error(exc) from None
            try:
                yield self.db
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise _store_error(exc) from None
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
                raise

    def _ensure_article(self, db: sqlite3.Connection, article_id: str, title: str | None) -> None:
        db.execute(
            "INSERT OR IGNORE INTO articles (article_id, title, updated_at) VALUES (?,?,?)",
            (article_id, title, now()),
        )
        if title:
            db.execute(
                "UPDATE articles SET title = ? WHERE article_id = ? AND coalesce(title, '') != ?",
                (title, article_id, title),
            )

    # -- articles -----------------------------------------------------------------------------

    def set_article_source(self, article_id: str, url: str) -> None:
        """Keep the web address of an article that is not in the library (for its quotes)."""
        with self._write() as db:
            self._ensure_article(db, article_id, None)
            db.execute("UPDATE articles SET source_url = ? WHERE article_id = ?", (url, article_id))

    def article_sources(self) -> dict[str, str]:
        """Article id -> the web address kept for it (articles known from imports)."""
        with self.lock:
            rows = self.db.execute(
                "SELECT article_id, source_url FROM articles WHERE source_url IS NOT NULL"
            ).fetchall()
        return dict(rows)

    def article_state(self, article_id: str) -> ArticleState:
        with self.lock:
            row = self.db.execute(
                "SELECT read_state, position, progress, bookmarked, read_hash FROM articles "
                "WHERE article_id = ?",
                (article_id,),
            ).fetchone()
        return ArticleState(row[0], row[1], row[2], bool(row[3]), row[4]) if row else ArticleState()

    def article_states(self) -> dict[str, ArticleState]:
        with self.lock:
            rows = self.db.execute(
                "SELECT article_id, read_state, position, progress, bookmarked, read_hash "
                "FROM articles"
            ).fetchall()
        return {r[0]: ArticleState(r[1], r[2], r[3], bool(r[4]), r[5]) for r in rows}

    def set_read(
        self,
        article_id: str,
        state: str,
        *,
        content_hash: str | None = None,
        title: str | None = None,
    ) -> None:
        if state not in READ_STATES:
            raise StoreError(f"read state must be one of {', '.join(READ_STATES)}")
        with self._write() as db:
            self._ensure_article(db, article_id, title)
            progress_sql = {"read": "100", "unread": "0", "started": "progress"}[state]
            position_sql = "0" if state == "unread" else "position"
            db.execute(
                f"UPDATE articles SET read_state = ?, progress = {progress_sql}, "
                f"position = {position_sql}, read_hash = CASE WHEN ? = 'unread' THEN NULL "
                f"ELSE coalesce(?, read_hash) END, updated_at = ? WHERE article_id = ?",
                (state, state, content_hash, now(), article_id),
            )

    def _article_row(self, article_id: str) -> _ArticleRow | None:
        """(read state, position, progress, read hash, first opened, title) as stored; None
        when there is no row, or it cannot be read (then a write finds out why)."""
        try:
            with self.lock:
                row = self.db.execute(
                    "SELECT read_state, position, progress, read_hash, opened_at, title "
                    "FROM articles WHERE article_id = ?",
                    (article_id,),
                ).fetchone()
        except sqlite3.Error:
            return None
        return _ArticleRow(*row) if row else None

    def opened(self, article_id: str, content_hash: str, title: str | None = None) -> ArticleState:
        """Record that an article was opened (see `opened_write`)."""
        self.write_all([self.opened_write(article_id, content_hash, title)])
        return self.article_state(article_id)

    def opened_write(
        self, article_id: str, content_hash: str, title: str | None = None
    ) -> Write | None:
        """Opening an article: unread becomes started, the hash of the text read is kept, and
        when it was first opened (a citation's access date). None when all that is so already
        (a read-only store refuses the write instead)."""
        row = None if self.readonly else self._article_row(article_id)
        if (
            row
            and row.read_state != "unread"
            and row.read_hash == content_hash
            and row.opened_at
            and row.titled(title)
        ):
            return None

        def write(db: sqlite3.Connection) -> None:
            when = now()
            self._ensure_article(db, article_id, title)
            db.execute(
                "UPDATE articles SET read_state = CASE read_state WHEN 'unread' THEN 'started' "
                "ELSE read_state END, read_hash = ?, opened_at = coalesce(opened_at, ?), "
                "updated_at = ? WHERE article_id = ?",
                (content_hash, when, when, article_id),
            )

        return write

    def set_position(
        self, article_id: str, position: int, progress: int, *, title: str | None = None
    ) -> None:
        self.write_all([self.position_write(article_id, position, progress, title=title)])

    def position_write(
        self, article_id: str, position: int, progress: int, *, title: str | None = None
    ) -> Write | None:
        """Keeping the reading position; None when it is kept already (a read article's
        progress stays 100)."""
        position, progress = max(0, int(position)), max(0, min(100, int(progress)))
        if not self.readonly:
            row = self._article_row(article_id)
            read, now_at, now_progress = row[:3] if row else ("unread", 0, 0)
            kept = max(progress, 100 if read == "read" else 0)
            if (now_at, now_progress) == (position, kept) and (not row or row.titled(title)):
                return None

        def write(db: sqlite3.Connection) -> None:
            self._ensure_article(db, article_id, title)
            db.execute(
                "UPDATE articles SET position = ?, progress = max(?, CASE read_state WHEN 'read' "
                "THEN 100 ELSE 0 END), updated_at = ? WHERE article_id = ?",
                (position, progress, now(), article_id),
            )

        return write

    def set_article_bookmark(
        self, article_id: str, flag: bool, *, title: str | None = None
    ) -> None:
        with self._write() as db:
            self._ensure_article(db, article_id, title)
            db.execute(
                "UPDATE articles SET bookmarked = ?, bookmarked_at = ?, updated_at = ? "
                "WHERE article_id = ?",
                (int(flag), now() if flag else None, now(), article_id),
            )

    # -- quotes -------------------------------------------------------------------------------

    def quotes(self, article_id: str | None = None, *, bookmarked: bool = False) -> list[Quote]:
        sql = f"SELECT {_QUOTE_COLS} FROM quotes"
        where, args = [], []
        if article_id is not None:
            where.append("article_id = ?")
            args.append(article_id)
        if bookmarked:
            where.append("bookmarked = 1")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY article_id, coalesce(start, 0), created_at"
        with self.lock:
            return [_quote(r) for r in self.db.execute(sql, args)]

    def quotes_version(self) -> tuple[int, int]:
        """Moves when a quote is saved or deleted here, or the database is written from
        elsewhere (a command in another terminal); not for `update_anchors`, which follows an
        article's change (the catalog's `generation` tells that)."""
        with self.lock, contextlib.suppress(sqlite3.Error):
            return self.quote_writes, self.db.execute("PRAGMA data_version").fetchone()[0]
        return self.quote_writes, -1

    def quote(self, quote_id: str) -> Quote | None:
        with self.lock:
            row = self.db.execute(
                f"SELECT {_QUOTE_COLS} FROM quotes WHERE quote_id = ?", (quote_id,)
            ).fetchone()
        return _quote(row) if row else None

    def save_quote(self, q: Quote, *, title: str | None = None, stamp: bool = True) -> Quote:
        """Insert or update a quote (its words, anchor, status, note and flags) as one write.

        `stamp=False` keeps the quote's own dates (an import restores them as they were)."""
        when = now()
        q.created_at = q.created_at or when
        q.updated_at = when if stamp or not q.updated_at else q.updated_at
        updated = [c for c in _QUOTE_FIELDS if c not in ("quote_id", "article_id", "created_at")]
        with self._write() as db:
            self._ensure_article(db, q.article_id, title)
            db.execute(
                f"INSERT INTO quotes ({_QUOTE_COLS}, orphaned) "
                f"VALUES ({', '.join('?' * len(_QUOTE_FIELDS))}, ?) "
                "ON CONFLICT (quote_id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in [*updated, "orphaned"]),
                (*_quote_row(q), int(q.orphaned)),
            )
        self._quote_written()
        return q

    def set_note(self, quote_id: str, note: str) -> bool:
        with self._write() as db:
            cur = db.execute(
                "UPDATE quotes SET note = ?, updated_at = ? WHERE quote_id = ?",
                (note, now(), quote_id),
            )
        self._quote_written()
        return cur.rowcount > 0

    def delete_quote(self, quote_id: str) -> bool:
        with self._write() as db:
            cur = db.execute("DELETE FROM quotes WHERE quote_id = ?", (quote_id,))
        self._quote_written()
        return cur.rowcount > 0

    def _quote_written(self) -> None:
        """Counted once made, never before: what was read before that holds the quotes as
        they were, and a `quotes_version` taken then is older than this one."""
        self.quote_writes += 1

    def update_anchors(self, quotes: list[Quote]) -> None:
        """Store where quotes were found again and their status (after the article changed).
        The quoted words are never touched here. Silent when read-only."""
        if not self.readonly:
            self.write_all([self.anchors_write(quotes)])

    def anchors_write(self, quotes: list[Quote]) -> Write | None:
        """`update_anchors` as a write to make with others; None when there are no quotes."""
        if not quotes:
            return None
        rows = [
            (
                q.start,
                q.end,
                q.prefix,
                q.suffix,
                q.status,
                q.current_text,
                int(q.orphaned),
                q.anchor_hash,
                q.id,
            )
            for q in quotes
        ]

        def write(db: sqlite3.Connection) -> None:
            db.executemany(
                "UPDATE quotes SET start = ?, end = ?, prefix = ?, suffix = ?, status = ?, "
                "current_text = ?, orphaned = ?, anchor_hash = ? WHERE quote_id = ?",
                rows,
            )

        return write

    # -- settings -----------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        with self.lock:
            row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) "
                "DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _newer_why(version: int) -> str:
    return (
        f"the state database is from a newer policyreader (schema {version}, this one "
        f"knows {SCHEMA_VERSION})"
    )


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=15)
    db.execute("PRAGMA busy_timeout = 15000")
    db.execute("PRAGMA foreign_keys = ON")
    mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode != "wal":
        raise sqlite3.OperationalError("attempt to write a readonly database")
    db.execute("PRAGMA synchronous = FULL")
    return db


def _is_readonly_error(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _store_error(exc: sqlite3.Error) -> StoreError:
    text = str(exc).lower()
    if "full" in text:
        return StoreError("the disk is full: the change was not saved")
    if "disk i/o error" in text:  # a write failed: a file size limit, a failing disk, ...
        return StoreError(
            "the state database could not be written (disk I/O error: is the "
            "disk full?): the change was not saved"
        )
    if _is_readonly_error(exc):
        return StoreReadOnly("the data folder is read-only: the change was not saved")
    if "locked" in text or "busy" in text:
        return StoreError(
            "the state database is busy (another policyreader is writing); "
            "the change was not saved, try again"
        )
    return StoreError(f"could not save the change ({_one_line(str(exc))})")
