"""`/` finds your quotes and notes as well as articles: marked rows, enter opens at the quote."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from reader.quotes import Quote
from reader.quotesearch import QuoteHit, QuoteIndex
from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.search import QUOTE_LIMIT, HitList, SearchScreen
from reader.types import SearchHit

from support.articles import CO_PRODUCTION, article_file
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)

PRISONS = (
    "Prisons are crowded this year. Education in prison reduces reoffending by a third. "
    'The governor said "classrooms matter more than cells" at the launch. '
    "Staff numbers fell again."
)
HOUSING = "Housing first works for rough sleepers. Councils lack the money to build homes."


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    article_file(root, "prisons", "Prison education", PRISONS, date="2024-01-01")
    article_file(root, "housing", "Housing first", HOUSING, date="2023-01-01")
    return root


@pytest.fixture
def app_on(lib: Path, open_session: Callable[..., Session]) -> Callable[[], PolicyReaderApp]:
    def make() -> PolicyReaderApp:
        session = open_session(lib)
        session.highlight_text(
            "prisons", "Education in prison reduces reoffending", note="Cited by the committee"
        )
        session.highlight_text("housing", "Councils lack the money", note="[bold]budget[/bold]")
        session.highlight_text("housing", "Housing first works")
        return make_app(session, refresh_catalog=False)

    return make


async def _search(pilot, query: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
        await pilot.pause()
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one(Input).value = query
    await _settle(pilot)
    return screen


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):  # the quotes load, then the search they make run again
        await pilot.pause()
        await pilot.app.screen.workers.wait_for_complete()
    await pilot.pause()


def _rows(screen: SearchScreen) -> list[tuple[str, str]]:
    """(what the hit is, the article or quote id) of each row."""
    return [
        ("article", h.article.id) if isinstance(h, SearchHit) else (h.field, h.quote.text)
        for h in screen.query_one(HitList).hits
    ]


def _info(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-info", Static).render())


async def test_articles_first_then_quotes_and_notes_each_marked(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "reoffending")
        assert _rows(screen) == [
            ("article", "prisons"),
            ("quote", "Education in prison reduces reoffending"),
        ]
        lines = screen_lines(screen.query_one(HitList), 6)
        assert lines[0].startswith(" Prison education")
        assert "reoffending" in lines[1]
        assert lines[3].startswith(" ▍ highlight  Prison education")
        assert "Education in prison reduces reoffending" in lines[4]
        assert _info(screen).startswith("1 article · 1 quote ·")
        # A word of a note finds the note; the row says so and shows the note.
        screen = await _search(pilot, "committee")
        assert _rows(screen) == [("note", "Education in prison reduces reoffending")]
        lines = screen_lines(screen.query_one(HitList), 2)
        assert lines[0].startswith(" ✎ note  Prison education")
        assert "Cited by the committee" in lines[1]
        # A quotation found in the article's text is a quote hit too.
        screen = await _search(pilot, "classrooms")
        assert _rows(screen) == [
            ("article", "prisons"),
            ("quote", "classrooms matter more than cells"),
        ]
        assert screen_lines(screen.query_one(HitList), 4)[3].startswith(" “ quote  Prison")


async def test_note_and_quote_fields_and_the_scope_key(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "note:budget")  # the field: notes alone, no articles
        assert _rows(screen) == [("note", "Councils lack the money")]
        screen = await _search(pilot, "quote:housing")
        assert _rows(screen) == [("quote", "Housing first works")]
        screen = await _search(pilot, "note:housing")
        assert _rows(screen) == []
        assert _info(screen) == "No matches."
        # ctrl+t: everything, articles, quotes, notes, everything again.
        screen = await _search(pilot, "money")
        assert _rows(screen) == [("article", "housing"), ("quote", "Councils lack the money")]
        title = screen.query_one("#search-title", Static)
        steps = []
        for _ in range(4):
            await pilot.press("ctrl+t")
            await _settle(pilot)
            steps.append((str(title.render()).split(": ")[1], _rows(screen)))
        assert steps == [
            ("articles", [("article", "housing")]),
            ("quotes", [("quote", "Councils lack the money")]),
            ("notes", []),
            ("articles, quotes and notes", [("article", "housing"), ("quote", "Councils lack the money")]),
        ]  # fmt: skip


async def test_enter_on_a_note_hit_opens_the_article_at_the_quote(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "budget")
        hits = screen.query_one(HitList).hits
        assert [type(h) for h in hits] == [QuoteHit]
        wanted = hits[0]
        assert isinstance(wanted, QuoteHit)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.reader.article is not None and app.reader.article.id == "housing"
        selected = app.quotes_pane.row_at_cursor(app.quotes_pane.quotes)
        assert selected is not None and selected.id == wanted.quote.id
        assert selected.note == "[bold]budget[/bold]"


async def test_enter_on_a_quote_hit_below_the_articles(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "reoffending")
        await pilot.press("down")
        await pilot.pause()
        assert screen.query_one(HitList).cursor == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article is not None and app.reader.article.id == "prisons"
        selected = app.quotes_pane.row_at_cursor(app.quotes_pane.quotes)
        assert selected is not None and selected.text == "Education in prison reduces reoffending"
        # The reader is scrolled to it: the quote's line is in view.
        assert selected.start is not None
        line = app.reader.text_layout.line_at_offset(selected.start)
        top = int(app.reader.scroll_offset.y)
        assert top <= line < top + app.reader.size.height


async def test_a_note_is_shown_literally(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "note:bold")
        lines = screen_lines(screen.query_one(HitList), 2)
        assert "[bold]budget[/bold]" in lines[1]


def _fake(n: int) -> list[Quote]:
    return [
        Quote(f"h{i:05d}", f"a{i % 50}", "highlight", f"quote number {i} about policy", start=i)
        for i in range(n)
    ]


class _Host(App[None]):
    """The search screen alone, over stand-ins for the catalog and the quotes."""

    def __init__(self, quotes: list[Quote]) -> None:
        super().__init__()
        self.quotes = quotes
        self.loads = 0
        self.searches = 0

    def _load(self, cancel: threading.Event) -> QuoteIndex:
        self.loads += 1
        return QuoteIndex(self.quotes)

    def _search(self, query: str) -> list[SearchHit]:
        self.searches += 1
        return []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(SearchScreen(self._search, quotes=self._load))


async def test_quote_hits_are_capped_and_the_quotes_read_once() -> None:
    app = _Host(_fake(5_000))
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        for key in "policy":
            await pilot.press(key)
            await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        hits = screen.query_one(HitList).hits
        assert len(hits) == QUOTE_LIMIT
        assert app.loads == 1  # once, however many keys are typed
        assert app.searches == len("policy")
        assert _info(screen).startswith(f"{QUOTE_LIMIT} quotes ·")


def test_search_snapshot_with_mixed_hits(  # type: ignore[no-untyped-def]
    snap_compare, open_session, monkeypatch
) -> None:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    session = open_session(bundled=True)
    session.highlight_text(
        CO_PRODUCTION,
        "the women are invited to contribute ideas towards the running of the centre",
        note="[bold]Women[/bold] shape the service.",
    )
    session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = PolicyReaderApp(session, refresh_catalog=False)

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("slash", *"women")
        await _settle(pilot)
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 30), run_before=run)


class _Broken(_Host):
    def _load(self, cancel: threading.Event) -> QuoteIndex:
        raise OSError("the state database is locked")


async def test_quotes_that_cannot_be_read_leave_articles_searchable() -> None:
    app = _Broken([])
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        await pilot.press(*"policy")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert app.searches >= 1  # the articles were still searched
        assert _info(screen) == "quotes not searched: the state database is locked"
