"""`/` (and `Q`) on a library whose quotations were never read: closing the dialog stops the reading,
what it read is kept, and a second `/` after a whole reading does not read the quotes again."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input
from textual.worker import WorkerState

from reader.quotesearch import QuoteHit
from reader.session import Session
from reader.tui.screens.all_quotes import AllQuotesScreen
from reader.tui.screens.search import HitList, SearchScreen

from support.articles import quoted_articles
from support.tui import make_app, ready

ARTICLES = 200
BLOCK_AT = 10  # the read that waits for the test: the dialog is closed meanwhile


@pytest.fixture
def library(lib: Path) -> Path:
    return quoted_articles(
        lib, ARTICLES, 'The governor said "classrooms matter more than cells" in {i}.'
    )


class Reader:
    """Stands in for the catalog's article reads and its read of every quotation: counts
    them, holds the BLOCK_AT-th read until `gate` is set, and says when a read of every
    quotation ended (`ended`, with what it raised)."""

    def __init__(self, session: Session) -> None:
        catalog = session.catalog
        self.reads: list[str] = []
        self.full_reads = 0
        self.outcomes: list[str] = []
        self.reached, self.gate, self.ended = (
            threading.Event(),
            threading.Event(),
            threading.Event(),
        )
        document, quotations = catalog.document, catalog.quotations

        def counting_document(article_id: str):  # type: ignore[no-untyped-def]
            self.reads.append(article_id)
            if len(self.reads) == BLOCK_AT:
                self.reached.set()
                self.gate.wait(30)
            return document(article_id)

        def counting_quotations(*args, **kwargs):  # type: ignore[no-untyped-def]
            whole = not args or args[0] is None
            self.full_reads += whole
            try:
                result = quotations(*args, **kwargs)
            except BaseException as exc:
                self.outcomes.append(type(exc).__name__)
                raise
            else:
                if whole:
                    self.outcomes.append("done")
            finally:
                if whole:
                    self.ended.set()
            return result

        catalog.document = counting_document  # type: ignore[method-assign]
        catalog.quotations = counting_quotations  # type: ignore[method-assign]

    async def wait(self, event: threading.Event) -> None:
        assert await asyncio.to_thread(event.wait, 30)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        await pilot.pause()
        await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()


async def _close_while_reading(pilot, reader: Reader, key: str, screen_class: type) -> None:  # type: ignore[no-untyped-def]
    """Open `screen_class` with `key`, close it while its worker holds the BLOCK_AT-th read,
    then let the read go on: the worker was cancelled and the reading has ended."""
    app = pilot.app
    await pilot.press(key)
    await reader.wait(reader.reached)  # the quotes are being read, article by article
    screen = app.screen
    assert isinstance(screen, screen_class)
    (worker,) = [w for w in screen.workers if w.group == "quotes"]
    await pilot.press("escape")
    await pilot.pause()
    assert not isinstance(app.screen, screen_class)
    assert worker.state == WorkerState.CANCELLED
    reader.gate.set()
    await reader.wait(reader.ended)


async def test_closing_search_stops_reading_the_quotes_and_reopening_reuses_them(
    library: Path, open_session: Callable[..., Session]
) -> None:
    session = open_session(library)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        reader = Reader(session)
        await _close_while_reading(pilot, reader, "slash", SearchScreen)
        # The read in hand was finished, then the reading stopped.
        assert reader.outcomes == ["Cancelled"]
        assert len(reader.reads) == BLOCK_AT

        # `/` again: the reading goes on where it stopped (no article is read twice).
        reader.ended.clear()
        await pilot.press("slash")
        await reader.wait(reader.ended)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "quote:classrooms"
        await _settle(pilot)
        assert reader.outcomes == ["Cancelled", "done"]
        assert sorted(reader.reads) == sorted(session.catalog.by_id)
        assert len(screen.query_one(HitList).hits) == 20  # the quotes are searched
        await pilot.press("escape")
        await pilot.pause()

        # After a whole reading, `/` again takes the index made then: nothing is read.
        full_reads, reads = reader.full_reads, len(reader.reads)
        await pilot.press("slash")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "quote:classrooms"
        await _settle(pilot)
        assert len(screen.query_one(HitList).hits) == 20
        assert (reader.full_reads, len(reader.reads)) == (full_reads, reads)

        # A note saved meanwhile is found by the next `/`: the quotes are read again.
        hit = screen.query_one(HitList).hits[0]
        assert isinstance(hit, QuoteHit)
        await pilot.press("escape")
        await pilot.pause()
        session.set_note(hit.quote.id, "a staffing plan")
        reads = len(reader.reads)
        await pilot.press("slash")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one(Input).value = "note:staffing"
        await _settle(pilot)
        hits = screen.query_one(HitList).hits
        assert [h.quote.id for h in hits if isinstance(h, QuoteHit)] == [hit.quote.id]
        assert reader.full_reads == full_reads + 1
        assert len(reader.reads) == reads  # the quotations themselves stay cached


async def test_closing_all_quotes_stops_reading_the_quotes(
    library: Path, open_session: Callable[..., Session]
) -> None:
    """`Q` reads every quotation as `/` does; closing it stops that between two articles."""
    session = open_session(library)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        reader = Reader(session)
        await _close_while_reading(pilot, reader, "Q", AllQuotesScreen)
        assert reader.outcomes == ["Cancelled"]
        assert len(reader.reads) == BLOCK_AT
