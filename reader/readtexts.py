"""The text of an article as the user last read it, kept compressed in the state database.

Kept when an article is opened in the reader, with the version kept before it when the text
changed, so that the reader can show what changed since it was last read. Only the text, as
zlib-compressed UTF-8: a few kilobytes an article.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

    from reader.store import Store, Write

MAX_CHARS = 4_000_000  # longer texts are not kept (no "what changed" for them)


def keep(store: Store, article_id: str, content_hash: str, text: str) -> None:
    """Remember an article's text as read. When it differs from the text kept before, that one
    becomes the previous version. Nothing is written when the same text is kept already."""
    store.write_all([keep_write(store, article_id, content_hash, text)])


def keep_write(store: Store, article_id: str, content_hash: str, text: str) -> Write | None:
    """`keep` as a write to make with others (see `Store.write_all`); None when the text is
    kept already, or too long to keep."""
    if len(text) > MAX_CHARS:
        return None
    with store.lock:
        row = store.db.execute(
            "SELECT text_hash FROM read_texts WHERE article_id = ?", (article_id,)
        ).fetchone()
    if row is not None and row[0] == content_hash:
        return None
    from reader.store import now

    # level 1: a 100,000-word article in about 12 ms (level 6: 30 ms) as it opens, at 20%
    # of its size (level 6: 14%)
    blob = zlib.compress(text.encode("utf-8"), 1)

    def write(db: sqlite3.Connection) -> None:
        db.execute("INSERT OR IGNORE INTO articles (article_id) VALUES (?)", (article_id,))
        # Kept meanwhile (another policyreader): the previous version stays the one before.
        db.execute(
            "INSERT INTO read_texts (article_id, text_hash, text, updated_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
            "previous_hash = read_texts.text_hash, previous_text = read_texts.text, "
            "text_hash = excluded.text_hash, text = excluded.text, "
            "updated_at = excluded.updated_at WHERE read_texts.text_hash != excluded.text_hash",
            (article_id, content_hash, blob, now()),
        )

    return write


def kept(store: Store, article_id: str) -> tuple[str | None, str | None, str | None]:
    """(hash of the text kept as read, that text, the version kept before it)."""
    with store.lock:
        row = store.db.execute(
            "SELECT text_hash, text, previous_text FROM read_texts WHERE article_id = ?",
            (article_id,),
        ).fetchone()
    if row is None:
        return None, None, None
    return row[0], _unpack(row[1]), _unpack(row[2])


def _unpack(blob: bytes | None) -> str | None:
    if blob is None:
        return None
    try:
        return zlib.decompress(blob).decode("utf-8")
    except (zlib.error, UnicodeDecodeError):  # damaged: as if nothing were kept
        return None
