"""The one quote type: a detected quotation or a user's highlight, with its state.

The store keeps it, the session merges it with the quotations found in the text, and the CLI,
the reader and the exports show it. `text` is always the words that were quoted; when the
article is edited, `status` says whether they are still there:

* `anchored`: the words are found (at the same place or a new one; spacing and quote style
  do not count as a change);
* `changed`: the place is found, but the words there now differ; `current_text` holds them
  until the user accepts them;
* `orphaned`: the place is no longer found.
"""

from __future__ import annotations

from typing import Any

from reader.records import Record
from reader.types import QuoteKind, QuoteStatus


class Quote(Record):
    """A quote: its words and where they are (W3C quote and position selectors), its note,
    bookmark and status."""

    __slots__ = (
        "id",
        "article_id",
        "kind",
        "text",
        "prefix",
        "suffix",
        "start",
        "end",
        "note",
        "bookmarked",
        "status",
        "current_text",
        "created_at",
        "updated_at",
        "anchor_hash",
    )

    def __init__(
        self,
        id: str,
        article_id: str,
        kind: QuoteKind,
        text: str,
        prefix: str = "",
        suffix: str = "",
        start: int | None = None,
        end: int | None = None,
        *,
        note: str = "",
        bookmarked: bool = False,
        status: QuoteStatus = "anchored",
        current_text: str | None = None,
        created_at: str = "",
        updated_at: str = "",
        anchor_hash: str = "",
    ) -> None:
        self.id = id
        self.article_id = article_id
        self.kind: QuoteKind = kind
        self.text = text  # the words as quoted; never replaced behind the user's back
        self.prefix = prefix  # context before and after, where the quote was last found
        self.suffix = suffix
        self.start = start  # offsets into the article's plain text, where last found
        self.end = end
        self.note = note
        self.bookmarked = bookmarked
        self.status: QuoteStatus = status
        self.current_text = current_text  # the article's words there now, when `changed`
        self.created_at = created_at
        self.updated_at = updated_at
        self.anchor_hash = anchor_hash  # content hash of the text the status was worked out on

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    @property
    def changed(self) -> bool:
        return self.status == "changed"

    def to_json(self) -> dict[str, Any]:
        """The quote as `quotes --json` prints it."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "kind": self.kind,
            "text": self.text,
            "status": self.status,
            "current_text": self.current_text,
            "orphaned": self.orphaned,
            "start": self.start,
            "end": self.end,
            "note": self.note,
            "bookmarked": self.bookmarked,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
