"""Opening an article is one write to the state database at most (each write is a transaction
that waits on the lock another policyreader or the CLI may hold), and none when opening it
changes nothing: already started, its text kept, first opened before, the position the same."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import citations, readtexts
from reader.session import Session

from support.writes import Writes

BODY = "The council said it would act. " * 40 + "\n"


@pytest.fixture
def session(lib: Path, put: Callable[..., Path], md: Callable[..., str], open_session) -> Session:
    put(lib, "a.md", md("Article A", body=BODY, id="a"))
    put(lib, "b.md", md("Article B", body=BODY, id="b"))
    return open_session(lib, refresh=True)


def opened_at(session: Session, article_id: str) -> str | None:
    row = session.store.db.execute(
        "SELECT opened_at FROM articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None


def test_first_open_is_one_write_and_a_reopen_none(session: Session) -> None:
    writes = Writes(session.store)

    opened = session.open_for_reading("a")

    assert writes.transactions == 1, writes.statements
    assert opened.state.read == "started" and opened.error == ""
    assert opened_at(session, "a") is not None
    assert readtexts.kept(session.store, "a")[0] == opened.article.content_hash
    writes.clear()

    again = session.open_for_reading("a")
    art, _doc, state = session.open_article("a")

    assert writes.transactions == 0 and writes.statements == []
    assert again.state == state == opened.state
    assert state.read == "started" and session.state("a").read == "started"


def test_the_tuple_api_writes_once_too(session: Session) -> None:
    writes = Writes(session.store)
    _art, _doc, state = session.open_article("b")
    assert (writes.transactions, state.read) == (1, "started")
    writes.clear()
    session.open_article("b")
    assert writes.transactions == 0


def test_the_position_left_is_saved_in_the_same_write(session: Session) -> None:
    session.open_for_reading("a")
    writes = Writes(session.store)

    opened = session.open_for_reading("b", leaving=("a", 300, 25))

    assert writes.transactions == 1
    assert opened.state.read == "started"
    a = session.store.article_state("a")
    assert (a.position, a.progress) == (300, 25)
    assert session.state("a") == a  # the list shows it at once
    writes.clear()

    # Back to a, leaving b where it was opened: nothing changes, nothing is written.
    back = session.open_for_reading("a", leaving=("b", 0, 0))
    assert writes.transactions == 0
    assert back.state.position == 300


def test_saving_the_same_position_writes_nothing(session: Session) -> None:
    session.open_for_reading("a")
    session.save_position("a", 120, 10)
    writes = Writes(session.store)

    state = session.save_position("a", 120, 10)

    assert writes.transactions == 0 and (state.position, state.progress) == (120, 10)
    session.save_position("a", 121, 10)
    assert writes.transactions == 1
    assert session.store.article_state("a").position == 121


def test_a_read_article_reopened_stays_read_without_a_write(session: Session) -> None:
    session.open_for_reading("a")
    session.mark("a", "read")
    writes = Writes(session.store)

    opened = session.open_for_reading("a")
    session.save_position("a", 0, 3)  # a read article's progress stays 100

    assert writes.transactions == 0
    assert (opened.state.read, session.store.article_state("a").progress) == ("read", 100)


def test_a_changed_article_is_one_write_with_its_quotes_found_again(
    session: Session, lib: Path, put: Callable[..., Path], md: Callable[..., str]
) -> None:
    session.open_for_reading("a")
    quote = session.highlight_text("a", "The council said it would act.")
    put(lib, "a.md", md("Article A", body="A new first paragraph.\n\n" + BODY, id="a"))
    writes = Writes(session.store)

    opened = session.open_for_reading("a")

    # The hash of the text read, the text kept (and the one before it), the quote's anchor.
    assert writes.transactions == 1, writes.statements
    (shown,) = [q for q in opened.quotes if q.id == quote.id]
    stored = session.store.quote(quote.id)
    assert stored is not None and stored.anchor_hash == opened.article.content_hash
    assert stored.start == shown.start and shown.start is not None and shown.start > quote.start
    assert session.store.article_state("a").read_hash == opened.article.content_hash
    assert session.changes_since_read("a") is not None
    writes.clear()

    session.open_for_reading("a")
    session.quotes("a")
    assert writes.transactions == 0


def test_the_first_opening_stays_the_access_date(
    session: Session, lib: Path, put: Callable[..., Path], md: Callable[..., str]
) -> None:
    session.open_for_reading("a")
    session.store.db.execute(
        "UPDATE articles SET opened_at = '2020-01-02T10:00:00.000000Z' WHERE article_id = 'a'"
    )
    put(lib, "a.md", md("Article A", body="Changed. " + BODY, id="a"))

    session.open_for_reading("a")  # a write (the text changed), but not of the first opening

    assert opened_at(session, "a") == "2020-01-02T10:00:00.000000Z"
    (item,) = citations.records([session.catalog.get("a")], citations.read_dates(session))
    assert item["accessed"] == {"date-parts": [[2020, 1, 2]]}


def test_a_busy_database_loses_nothing_of_the_open(session: Session) -> None:
    """The write fails as a whole (another process holds the lock): the article opens, says
    why, and is saved as started when next opened."""
    session.store.db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(session.store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        opened = session.open_for_reading("a", leaving=("b", 40, 2))
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert "busy" in opened.error and opened.doc.text
    assert session.store.article_state("a").read == "unread"
    assert session.store.article_state("b").position == 0  # nothing half-written
    writes = Writes(session.store)
    assert session.open_for_reading("a").state.read == "started"
    assert writes.transactions == 1


def _open_while_busy(session: Session, article_id: str, leaving: tuple[str, int, int]) -> str:
    """Open with another process holding the write lock; the error said."""
    session.store.db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(session.store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        opened = session.open_for_reading(article_id, leaving=leaving)
        other.execute("ROLLBACK")
    finally:
        other.close()
    assert "busy" in opened.error
    return opened.error


def test_a_busy_open_is_saved_with_the_next_position_saved(session: Session) -> None:
    """The reader reads on in the article it opened and leaves it (or quits): that save
    brings the position left and the opening with it, nothing of the busy open is lost."""
    session.open_for_reading("b")
    _open_while_busy(session, "a", ("b", 40, 2))

    state = session.save_position("a", 80, 5)

    b = session.store.article_state("b")
    assert (b.position, b.progress) == (40, 2) and session.state("b") == b
    assert (state.read, state.position) == ("started", 80)
    assert opened_at(session, "a") is not None


def test_a_busy_open_leaves_the_position_restored_when_reopened(session: Session) -> None:
    session.open_for_reading("b")
    _open_while_busy(session, "a", ("b", 40, 2))

    back = session.open_for_reading("b", leaving=("a", 0, 0))

    assert back.state.position == 40
    assert session.store.article_state("a").read == "started"


def test_marked_unread_after_a_busy_open_stays_unread(session: Session) -> None:
    _open_while_busy(session, "a", ("b", 40, 2))
    session.mark("a", "unread")

    session.open_for_reading("b")

    assert session.store.article_state("a").read == "unread"
    assert session.store.article_state("b").position == 40
