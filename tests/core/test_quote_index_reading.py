"""The index of every quote (what `/` searches): reading the library's quotations for it stops
between two articles when asked, keeps what it found, and is built once while nothing changes."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import reader.catalog
from reader.errors import Cancelled
from reader.paths import Paths
from reader.session import Session

from support.articles import quoted_articles

ARTICLES = 30


@pytest.fixture
def library(lib: Path) -> Path:
    return quoted_articles(
        lib, ARTICLES, 'The minister said "prisons need {i} more teachers" at the launch.'
    )


class Reads(list[str]):
    """The article files the catalog reads; `stop_after(n)` gives an event set at the n-th."""

    def __init__(self) -> None:
        super().__init__()
        self.stop: tuple[int, threading.Event] | None = None

    def stop_after(self, n: int) -> threading.Event:
        self.stop = (n, threading.Event())
        return self.stop[1]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Reads:
    seen = Reads()
    real = reader.catalog.parse_file

    def counting(path: str, root: str = ""):  # type: ignore[no-untyped-def]
        seen.append(path)
        if seen.stop is not None and len(seen) == seen.stop[0]:
            seen.stop[1].set()
        return real(path, root)

    monkeypatch.setattr(reader.catalog, "parse_file", counting)
    return seen


def test_a_cancelled_read_stops_between_articles_and_keeps_what_it_found(
    library: Path, open_session: Callable[..., Session], reads: Reads
) -> None:
    session = open_session(library)
    reads.clear()
    cancel = reads.stop_after(5)
    with pytest.raises(Cancelled):
        session.quote_index(cancel)
    assert len(reads) == 5  # the fifth article was read whole, then the read stopped
    # Nothing partial was kept: the next build reads the other articles only (the five read
    # keep their quotations cached) and holds every article's quotation.
    reads.clear()
    index = session.quote_index(threading.Event())
    assert len(reads) == ARTICLES - 5
    assert len(index.quotes) == ARTICLES
    assert len(index.search("teachers", {"quotes"})) == ARTICLES


def test_the_catalog_read_of_every_quotation_stops_too(
    library: Path, open_session: Callable[..., Session], reads: Reads
) -> None:
    session = open_session(library)
    reads.clear()
    with pytest.raises(Cancelled):
        session.catalog.quotations(cancel=reads.stop_after(3))
    assert len(reads) == 3
    with pytest.raises(Cancelled):
        session.quotes(cancel=reads.stop_after(4))
    assert len(reads) == 4  # one more article
    assert len(session.quotes()) == ARTICLES


def test_the_index_is_built_once_while_nothing_changes(
    library: Path, open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    session = open_session(library)
    calls: list[str] = []
    real = session.quotes

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("quotes")
        return real(*args, **kwargs)

    monkeypatch.setattr(session, "quotes", counting)
    index = session.quote_index()
    assert session.quote_index() is index
    assert session.quote_index(threading.Event()) is index
    assert len(calls) == 1

    # A note saved: the next index has it.
    qid = index.quotes[0].id
    session.set_note(qid, "staffing the classrooms")
    noted = session.quote_index()
    assert noted is not index
    assert [h.quote.id for h in noted.search("classrooms", {"notes"})] == [qid]
    assert session.quote_index() is noted

    # A highlight deleted, a quote bookmarked: built again each time.
    hl = session.highlight_text("a01", "at the launch")
    with_hl = session.quote_index()
    assert any(q.id == hl.id for q in with_hl.quotes)
    session.delete_highlight(hl.id)
    assert all(q.id != hl.id for q in session.quote_index().quotes)
    before = session.quote_index()
    session.bookmark_quote(qid, True)
    assert session.quote_index() is not before

    # The catalog reloaded (a refresh found new files): built again.
    before = session.quote_index()
    session.catalog.load()
    assert session.quote_index() is not before

    # Written from elsewhere (a command in another terminal): built again.
    before = session.quote_index()
    other = sqlite3.connect(Paths.resolve(session.data_dir).state_db)
    with other:
        other.execute("UPDATE quotes SET note = 'from elsewhere' WHERE quote_id = ?", (qid,))
    other.close()
    again = session.quote_index()
    assert again is not before
    assert [h.quote.id for h in again.search("elsewhere", {"notes"})] == [qid]


def test_one_build_at_a_time_and_a_waiting_caller_can_give_up(
    library: Path, open_session: Callable[..., Session], reads: Reads
) -> None:
    session = open_session(library)
    reads.clear()
    building, gate = threading.Event(), threading.Event()
    real = session.quotes

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        building.set()
        gate.wait(30)
        return real(*args, **kwargs)

    session.quotes = slow  # type: ignore[method-assign]
    got: list[object] = []
    first = threading.Thread(target=lambda: got.append(session.quote_index()))
    first.start()
    assert building.wait(30)
    # A second caller, closed while it waits for the first build, gives up without one.
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        session.quote_index(cancel)
    gate.set()
    first.join(30)
    assert not first.is_alive()
    assert session.quote_index() is got[0]  # taken, not built again
    assert len(reads) == ARTICLES  # each article read once


def test_an_index_read_while_a_note_is_saved_is_built_again(
    library: Path, open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index is read (on its worker) just before a note's write begins (on the UI's
    thread): it holds the note as it was, so it is not the current index once the note is
    saved."""
    session = open_session(library)
    qid = session.quote_index().quotes[0].id
    real = session.store._write
    read_meanwhile: list[object] = []

    @contextlib.contextmanager
    def write_after_a_read():  # type: ignore[no-untyped-def]
        if not read_meanwhile:
            session.catalog.load()  # so that the read below builds an index
            read_meanwhile.append(session.quote_index())
        with real() as db:
            yield db

    monkeypatch.setattr(session.store, "_write", write_after_a_read)
    session.set_note(qid, "staffing the classrooms")

    index = session.quote_index()
    assert index is not read_meanwhile[0]
    assert [h.quote.id for h in index.search("classrooms", {"notes"})] == [qid]
