"""Deciding what a fetch changes: which entries are new, which changed, which are known.

An entry is recognised by its id (guid), else by its link; a known entry whose content hash
changed is an update of its article. Pure functions over records: no network, no files.
"""

from __future__ import annotations

from hashlib import blake2b
from typing import TYPE_CHECKING

from reader.records import Record

if TYPE_CHECKING:
    from reader.web.feeds import Entry


class Known(Record):
    """What the state remembers of an entry: the article made from it and its hash."""

    __slots__ = ("key", "link", "article_id", "hash")

    def __init__(self, key: str, link: str, article_id: str, hash: str) -> None:  # noqa: A002
        self.key = key
        self.link = link
        self.article_id = article_id
        self.hash = hash


class Decision(Record):
    """`action` is new, update or same; `known` is set for update and same."""

    __slots__ = ("entry", "key", "hash", "action", "known")

    def __init__(
        self,
        entry: Entry,
        key: str,
        hash: str,
        action: str,
        known: Known | None = None,  # noqa: A002
    ) -> None:
        self.entry = entry
        self.key = key
        self.hash = hash
        self.action = action
        self.known = known


def entry_key(entry: Entry) -> str:
    return f"id:{entry.id}" if entry.id else f"link:{entry.link}"


def entry_hash(entry: Entry) -> str:
    """What makes an entry's article: a change in any of it is an update."""
    h = blake2b(digest_size=16)
    for part in (entry.title, entry.link, entry.content, entry.summary, entry.date or ""):
        h.update(part.encode("utf-8", "replace"))
        h.update(b"\x00")
    return h.hexdigest()


def decide(entries: list[Entry], known: list[Known]) -> list[Decision]:
    """One decision per distinct entry, in the feed's order."""
    by_key = {k.key: k for k in known}
    by_link = {k.link: k for k in known if k.link}
    seen: set[str] = set()
    out: list[Decision] = []
    for entry in entries:
        key = entry_key(entry)
        if key in seen:  # a feed listing one entry twice
            continue
        seen.add(key)
        digest = entry_hash(entry)
        old = by_key.get(key) or (by_link.get(entry.link) if entry.link else None)
        if old is None:
            out.append(Decision(entry, key, digest, "new"))
        elif old.hash != digest:
            out.append(Decision(entry, key, digest, "update", old))
        else:
            out.append(Decision(entry, key, digest, "same", old))
    return out
