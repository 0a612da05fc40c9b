"""All quotes (`Q`): every quote of the library, newest first, filtered as you type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from reader.quotes import Quote
from reader.session import Session
from reader.tui.actions import ACTIONS
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.all_quotes import (
    AllQuotesScreen,
    QuoteRows,
    matching,
    newest_first,
    note_line,
    parse_query,
)

from support.articles import CO_PRODUCTION, article_file
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)

PRISONS = (
    "Prisons are crowded this year. Education in prison reduces reoffending by a third. "
    "Staff numbers fell again."
)
HOUSING = "Housing first works for rough sleepers. Councils lack the money to build homes."


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    article_file(
        root, "prisons", "Prison education", PRISONS, date="2024-01-01",
        categories=["Criminal justice"], tags=["prisons"],
    )  # fmt: skip
    article_file(
        root, "housing", "Housing first", HOUSING, date="2023-01-01",
        categories=["Housing"], tags=["homelessness"],
    )  # fmt: skip
    return root


@pytest.fixture
def app_on(lib: Path, open_session: Callable[..., Session]) -> Callable[[], PolicyReaderApp]:
    def make() -> PolicyReaderApp:
        session = open_session(lib)
        older = session.highlight_text("prisons", "Education in prison reduces reoffending")
        session.set_note(older.id, "Cited in the committee report")
        session.bookmark_quote(older.id, True)
        newer = session.highlight_text("housing", "Councils lack the money", note="budget line")
        session.bookmark_quote(newer.id, False)  # highlights start bookmarked
        return make_app(session, refresh_catalog=False)

    return make


async def _open(pilot) -> AllQuotesScreen:  # type: ignore[no-untyped-def]
    await ready(pilot)
    await pilot.press("Q")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AllQuotesScreen)
    return screen


def _texts(screen: AllQuotesScreen) -> list[str]:
    return [q.text for q in screen.rows.quotes]


async def test_q_lists_every_quote_newest_first(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        assert _texts(screen) == [
            "Councils lack the money",
            "Education in prison reduces reoffending",
        ]
        info = screen.query_one("#quotes-info", Static)
        assert "2 quotes" in str(info.render())
        lines = screen_lines(screen.query_one(QuoteRows), 4)
        assert "Councils lack the money" in lines[0] and "✎" in lines[0]
        assert "Housing first" in lines[1] and "budget line" in lines[1]
        assert "★" not in lines[0] and "★" in lines[2] and "Prison education" in lines[3]


async def test_a_note_of_several_lines_shows_where_its_lines_break(
    lib: Path, open_session: Callable[..., Session]
) -> None:
    session = open_session(lib)
    h = session.highlight_text("housing", "Councils lack the money")
    session.set_note(h.id, "Costs rise.\nSee table 2.\n\n  Ask the   council.\n")
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        lines = screen_lines(screen.query_one(QuoteRows), 2)
        assert "✎ Costs rise. ⏎ See table 2. ⏎ Ask the council." in lines[1]
    assert note_line("one line") == "one line"
    assert note_line("a\r\nb") == "a ⏎ b"


async def test_filters_and_words_narrow_the_list(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        screen.box.value = "tag:prisons"
        await pilot.pause()
        assert _texts(screen) == ["Education in prison reduces reoffending"]
        screen.box.value = 'category:"criminal justice"'
        await pilot.pause()
        assert _texts(screen) == ["Education in prison reduces reoffending"]
        screen.box.value = "article:housing"
        await pilot.pause()
        assert _texts(screen) == ["Councils lack the money"]
        screen.box.value = "budg"  # half a word of a note
        await pilot.pause()
        assert _texts(screen) == ["Councils lack the money"]
        screen.box.value = "committee report"
        await pilot.pause()
        assert _texts(screen) == ["Education in prison reduces reoffending"]
        screen.box.value = ""
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.box.value.strip() == "is:bookmarked"
        assert _texts(screen) == ["Education in prison reduces reoffending"]
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "status:anchored" in screen.box.value
        assert len(screen.rows.quotes) == 1
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert "status:changed" in screen.box.value
        assert screen.rows.quotes == []
        assert "0 of 2 quotes" in str(screen.query_one("#quotes-info", Static).render())


async def test_enter_opens_the_article_at_the_quote(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot)
        await pilot.press("down")
        await pilot.pause()
        chosen = screen.rows.quotes[screen.rows.cursor]
        assert chosen.text == "Education in prison reduces reoffending"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AllQuotesScreen)
        assert app.reader.article is not None and app.reader.article.id == "prisons"
        pane = app.quotes_pane
        selected = pane.row_at_cursor(pane.quotes)
        assert selected is not None and selected.id == chosen.id


async def test_escape_closes_and_opens_nothing(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AllQuotesScreen)
        assert app.reader.article is None


def test_in_the_palette_and_help() -> None:
    row = next(a for a in ACTIONS if a.id == "all_quotes")
    assert row.keys == "Q" and row.command == "All quotes" and row.scope == "global"


def _fake(n: int) -> list[Quote]:
    statuses = ("anchored", "changed", "orphaned")
    return [
        Quote(
            f"h{i:05d}", f"a{i % 50}", "highlight", f"quote number {i} about policy",
            start=i, end=i + 10, note="a note" if i % 7 == 0 else "",
            bookmarked=i % 3 == 0, status=statuses[i % 3],  # type: ignore[arg-type]
            created_at=f"2026-01-01T00:00:00.{i:06d}Z",
        )
        for i in range(n)
    ]  # fmt: skip


class _Host(App[None]):
    def __init__(self, quotes: list[Quote]) -> None:
        super().__init__()
        self._quotes = quotes

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(AllQuotesScreen(lambda _cancel: self._quotes, []))


async def _widgets_for(quotes: list[Quote]) -> tuple[int, int]:
    app = _Host(quotes)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AllQuotesScreen)
        assert len(screen.rows.quotes) == len(quotes)
        await pilot.press("end")  # the Input's end; the list's last row by page keys
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        return len(list(screen.query("*"))), screen.rows.cursor


async def test_ten_thousand_quotes_are_a_virtual_list() -> None:
    small, _ = await _widgets_for(_fake(20))
    big, cursor = await _widgets_for(_fake(10_000))
    assert big == small < 20  # no widget per row
    assert cursor == 30


def test_parse_query_and_matching() -> None:
    q = parse_query('is:bookmarked status:Changed tag:"Prison reform" Prison  note')
    assert q.bookmarked and q.status == "changed" and q.tag == "prison reform"
    assert q.words == ["prison", "note"]
    assert parse_query('"unclosed words').words == ['"unclosed', "words"]
    quotes = _fake(30)
    got = matching(quotes, parse_query("is:bookmarked status:anchored"), {})
    assert [x.id for x in got] == [x.id for x in quotes if x.bookmarked and x.status == "anchored"]
    assert matching(quotes, parse_query("tag:x"), {}) == []  # no article: no tag
    ordered = newest_first(quotes, {})
    assert ordered[0].id == "h00029" and ordered[-1].id == "h00000"


def test_all_quotes_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, open_session, monkeypatch
) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    session = open_session(bundled=True)
    h = session.highlight_text(
        CO_PRODUCTION,
        "the women are invited to contribute ideas towards the running of the centre",
    )
    session.set_note(h.id, "Users shape the service.")
    app = PolicyReaderApp(session, refresh_catalog=False)

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("Q")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run)
