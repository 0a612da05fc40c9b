"""Feed subscriptions and their fetch state, in `feeds.sqlite3` in the data folder.

Kept apart from `state.sqlite3`: it holds nothing that cannot be found again (the articles are
files in the user's library, the subscriptions can be exported as OPML), it changes on every
fetch, and its schema evolves with the feed code alone. Same care as the state: WAL journal,
one short transaction per change.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from reader.errors import ReaderError
from reader.records import Record
from reader.web.update import Known

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '[]',
    tags TEXT NOT NULL DEFAULT '[]',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_fetched TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS entries (
    feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    key TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    article_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (feed_url, key)
);
"""


class FeedStoreError(ReaderError):
    pass


class Subscription(Record):
    __slots__ = (
        "url",
        "title",
        "link",
        "categories",
        "tags",
        "etag",
        "last_modified",
        "last_fetched",
        "last_error",
        "added",
        "articles",
    )

    def __init__(
        self,
        url: str,
        title: str = "",
        link: str = "",
        categories: list[str] | None = None,
        tags: list[str] | None = None,
        etag: str = "",
        last_modified: str = "",
        last_fetched: str = "",
        last_error: str = "",
        added: str = "",
        articles: int = 0,
    ) -> None:
        self.url = url
        self.title = title
        self.link = link
        self.categories: list[str] = categories or []
        self.tags: list[str] = tags or []
        self.etag = etag
        self.last_modified = last_modified
        self.last_fetched = last_fetched
        self.last_error = last_error
        self.added = added
        self.articles = articles

    def to_json(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


class FeedStore:
    """The subscriptions: add, list, remove, and what each fetch learnt."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(path, timeout=10, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise FeedStoreError(
                    f"{path} was written by a newer policyreader; feeds are left as they are"
                )
            if version < SCHEMA_VERSION:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;"
                )
        except sqlite3.DatabaseError as exc:
            raise FeedStoreError(f"cannot open the feed list {path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def _write(self, sql: str, params: tuple = ()) -> int:
        try:
            with self.db:
                return self.db.execute(sql, params).rowcount
        except sqlite3.Error as exc:
            raise FeedStoreError(f"cannot save to the feed list: {exc}") from None

    def subscriptions(self) -> list[Subscription]:
        rows = self.db.execute(
            "SELECT url, title, link, categories, tags, etag, last_modified, last_fetched,"
            " last_error, added, (SELECT count(*) FROM entries WHERE feed_url = url)"
            " FROM feeds ORDER BY lower(title), url"
        ).fetchall()
        return [
            Subscription(r[0], r[1], r[2], json.loads(r[3]), json.loads(r[4]), *r[5:]) for r in rows
        ]

    def get(self, url: str) -> Subscription | None:
        for sub in self.subscriptions():
            if sub.url == url:
                return sub
        return None

    def add(self, sub: Subscription) -> None:
        categories, tags = json.dumps(sub.categories), json.dumps(sub.tags)
        self._write(
            "INSERT INTO feeds (url, title, link, categories, tags, added) VALUES (?,?,?,?,?,?)",
            (sub.url, sub.title, sub.link, categories, tags, sub.added),
        )

    def remove(self, url: str) -> bool:
        return self._write("DELETE FROM feeds WHERE url = ?", (url,)) > 0

    def known(self, url: str) -> list[Known]:
        rows = self.db.execute(
            "SELECT key, link, article_id, hash FROM entries WHERE feed_url = ?", (url,)
        ).fetchall()
        return [Known(*r) for r in rows]

    def record_entries(self, url: str, rows: list[tuple[str, str, str, str]]) -> None:
        """Entries taken in: (key, link, article id, hash) each, in one transaction."""
        if not rows:
            return
        try:
            with self.db:
                self.db.executemany(
                    "INSERT OR REPLACE INTO entries (feed_url, key, link, article_id, hash)"
                    " VALUES (?,?,?,?,?)",
                    [(url, *row) for row in rows],
                )
        except sqlite3.Error as exc:
            raise FeedStoreError(f"cannot save to the feed list: {exc}") from None

    def fetched(
        self,
        url: str,
        *,
        when: str,
        error: str = "",
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        link: str | None = None,
    ) -> None:
        """What one fetch learnt; validators only when the whole feed was taken in."""
        sets = ["last_fetched = ?", "last_error = ?"]
        params: list[object] = [when, error]
        for column, value in (
            ("etag", etag),
            ("last_modified", last_modified),
            ("title", title),
            ("link", link),
        ):
            if value is not None:
                sets.append(f"{column} = ?")
                params.append(value)
        self._write(f"UPDATE feeds SET {', '.join(sets)} WHERE url = ?", (*params, url))
