"""The state database's schema: its id, its version and the migrations between versions.

Migration N takes a database from version N-1 to N, inside one exclusive transaction; one
that has shipped is never edited. Before a migration the file is copied, so that an upgrade
can always be undone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

APPLICATION_ID = 0x50525354  # "PRST"
SCHEMA_VERSION = 4

# Migration N takes a database from version N-1 to N. Never edit one that has shipped.
MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        article_id TEXT PRIMARY KEY,
        read_state TEXT NOT NULL DEFAULT 'unread'
            CHECK (read_state IN ('unread', 'started', 'read')),
        position INTEGER NOT NULL DEFAULT 0,
        progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        bookmarked INTEGER NOT NULL DEFAULT 0,
        read_hash TEXT,
        title TEXT,
        updated_at TEXT
    );
    CREATE TABLE quotes (
        quote_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (article_id),
        kind TEXT NOT NULL CHECK (kind IN ('quotation', 'highlight')),
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start INTEGER,
        end INTEGER,
        note TEXT NOT NULL DEFAULT '',
        bookmarked INTEGER NOT NULL DEFAULT 0,
        orphaned INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX quotes_by_article ON quotes (article_id);
    """,
    2: """
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    ALTER TABLE articles ADD COLUMN opened_at TEXT;
    ALTER TABLE articles ADD COLUMN bookmarked_at TEXT;
    ALTER TABLE quotes ADD COLUMN anchor_hash TEXT;
    """,
    3: """
    ALTER TABLE quotes ADD COLUMN status TEXT NOT NULL DEFAULT 'anchored'
        CHECK (status IN ('anchored', 'changed', 'orphaned'));
    ALTER TABLE quotes ADD COLUMN current_text TEXT;
    UPDATE quotes SET status = 'orphaned' WHERE orphaned = 1;
    CREATE TABLE read_texts (
        article_id TEXT PRIMARY KEY REFERENCES articles (article_id),
        text_hash TEXT NOT NULL,
        text BLOB NOT NULL,
        previous_hash TEXT,
        previous_text BLOB,
        updated_at TEXT NOT NULL
    );
    """,
    # The web address of an article known only from imported quotes (not in the library).
    4: """
    ALTER TABLE articles ADD COLUMN source_url TEXT;
    """,
}


def header_version(path: Path) -> int:
    """The schema version (`user_version`) from a SQLite file's header, read as plain bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError:
        return 0
    if len(head) < 64 or not head.startswith(b"SQLite format 3\0"):
        return 0
    return int.from_bytes(head[60:64], "big", signed=True)


def migrate(db: sqlite3.Connection) -> None:
    """Apply pending migrations in one exclusive transaction (safe against a racing process)."""
    db.execute("BEGIN EXCLUSIVE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[target].split(";"):
                if statement.strip():
                    db.execute(statement)
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def backup(db: sqlite3.Connection, path: Path, version: int) -> None:
    """Copy the database before migrating it, so an upgrade can always be undone."""
    target = path.with_name(f"{path.name}.schema-{version}.bak")
    if target.exists():
        return
    dest = sqlite3.connect(target)
    with contextlib.closing(dest):
        db.backup(dest)
