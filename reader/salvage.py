"""Salvage: what SQLite can still read of a damaged state database, copied into a new one.

`Store.open` moves a damaged file aside (it is never deleted) and starts a fresh database; this
copies every row that can still be read, table by table, column by column where the old file's
columns differ (an older schema).
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.store import Store


def copy_readable(store: Store, damaged: Path) -> int:
    """Copy what can be read of `damaged` into `store`; the number of rows recovered."""
    try:
        old = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
        old.execute("PRAGMA writable_schema = ON")  # read past a damaged schema if possible
    except sqlite3.DatabaseError:
        return 0
    count = 0
    with contextlib.closing(old):
        for table in ("articles", "quotes", "settings", "read_texts"):
            rows: list[tuple] = []
            cols: list[str] = []
            try:
                cur = old.execute(f"SELECT * FROM {table}")
                cols = [d[0] for d in cur.description]
                while True:
                    try:
                        row = cur.fetchone()
                    except sqlite3.DatabaseError:
                        break
                    if row is None:
                        break
                    rows.append(row)
            except sqlite3.DatabaseError:
                continue
            have = {r[1] for r in store.db.execute(f"PRAGMA table_info({table})")}
            keep = [i for i, c in enumerate(cols) if c in have]
            if not rows or not keep:
                continue
            names = ", ".join(cols[i] for i in keep)
            marks = ", ".join("?" * len(keep))
            with store.transaction() as db:
                for row in rows:
                    values = [row[i] for i in keep]
                    if table == "quotes":
                        db.execute(
                            "INSERT OR IGNORE INTO articles (article_id) VALUES (?)",
                            (row[cols.index("article_id")],),
                        )
                    try:
                        cur2 = db.execute(
                            f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", values
                        )
                        count += cur2.rowcount if table != "read_texts" else 0
                    except sqlite3.DatabaseError:
                        continue
                if table == "quotes" and "status" not in cols:  # from before statuses
                    db.execute("UPDATE quotes SET status = 'orphaned' WHERE orphaned = 1")
    return count
