"""The quotes pane's keys read a selected quote taller than the pane through, as a pager does:
`j` scrolls while its end is below the pane and selects the next quote only once the end is in
view; `k` mirrors it; the page keys page within it; a newly selected quote shows its top."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.widgets.quotes_pane import QuotesPane

from support.articles import article, write
from support.tui import make_app, ready, screen_lines

SIZE = (110, 28)  # every pane shown, the quotes pane narrow and short

FIRST = "people who were given a home first stayed housed far longer"
LONG = (
    "the savings to other services covered most of the cost within two years of the pilot's "
    "start in the city, and the council kept the scheme running after the grant ran out, "
    "which the reviewers had not expected of a programme of its size and its short history"
)
LAST = "nobody is turned away at the door"
BODY = f"""A pilot in Glasgow gave people a home before anything else.

The first review found that “{FIRST}” than the others.

The second review found that “{LONG}” according to the authors.

The manager said “{LAST}” and meant it.
"""
NOTE = "\n".join(f"Point {n}: the review's figures, page {n}." for n in range(1, 13))
NOTE_END = "page 12."


@pytest.fixture
def session(tmp_path: Path, open_session) -> Session:  # type: ignore[no-untyped-def]
    lib = tmp_path / "lib"
    write(lib, "plan.md", article("The plan", BODY))
    session = open_session(lib, data_dir=tmp_path / "data")
    session.set_note(_quote(session, LONG[:30]).id, NOTE)
    return session


def _quote(session: Session, words: str):  # type: ignore[no-untyped-def]
    return next(q for q in session.quotes("plan") if words in q.text)


async def _open_long(app: PolicyReaderApp, pilot: Pilot) -> QuotesPane:
    """The quotes pane focused, the long quote selected (its top at the pane's top)."""
    await ready(pilot)
    app.main.focus_pane("quotes")
    pane = app.quotes_pane
    pane.select_id(_quote(app.session, LONG[:30]).id)
    await pilot.pause()
    assert [q.text for q in pane.quotes] == [FIRST, LONG, LAST]
    assert pane.cursor == 1
    top, lines = pane.row_span(1)
    height = pane.scrollable_content_region.height
    assert lines - 1 > height + 3, "the selected quote and its note must overflow the pane"
    assert pane.scroll_offset.y == top  # its top first
    return pane


def _text(pane: QuotesPane) -> str:
    return "\n".join(screen_lines(pane))


def _below(pane: QuotesPane) -> int:
    """Lines of the selected quote and its note below the pane's bottom."""
    top, lines = pane.row_span(pane.cursor)
    return top + lines - 1 - (pane.scroll_offset.y + pane.scrollable_content_region.height)


async def test_j_scrolls_a_long_quote_line_by_line_then_moves_on(session: Session) -> None:
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_long(app, pilot)
        top = pane.scroll_offset.y
        hidden = _below(pane)
        assert NOTE_END not in _text(pane)
        for n in range(1, hidden + 1):
            await pilot.press("j")
            await pilot.pause()
            assert pane.cursor == 1, f"press {n}: still reading the long quote"
            assert pane.scroll_offset.y == top + n  # one line a press
        assert NOTE_END in screen_lines(pane)[-1]  # the note's end on the last line
        await pilot.press("down")  # the end is in view: the next quote
        await pilot.pause()
        assert pane.current is not None and pane.current.text == LAST
        start, _ = pane.row_span(pane.cursor)
        assert pane.scroll_offset.y <= start < pane.scroll_offset.y + pane.size.height


async def test_k_scrolls_back_to_a_long_quote_s_top_then_moves_on(session: Session) -> None:
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_long(app, pilot)
        top = pane.scroll_offset.y
        hidden = _below(pane)
        await pilot.press("G")  # the last quote; then back up to the long one: its top first
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        assert pane.cursor == 1 and pane.scroll_offset.y == top
        pane.scroll_to(y=top + hidden, animate=False, immediate=True)  # read to its end
        await pilot.pause()
        for n in range(1, hidden + 1):
            await pilot.press("k")
            await pilot.pause()
            assert pane.cursor == 1, f"press {n}: still reading the long quote"
            assert pane.scroll_offset.y == top + hidden - n
        assert "the savings to other" in screen_lines(pane)[0]  # its first line at the top
        await pilot.press("up")  # the top is in view: the previous quote
        await pilot.pause()
        assert pane.current is not None and pane.current.text == FIRST
        assert pane.scroll_offset.y <= pane.row_span(0)[0]


async def test_page_keys_page_within_a_long_quote(session: Session) -> None:
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_long(app, pilot)
        top, page = pane.scroll_offset.y, pane.scrollable_content_region.height - 1
        hidden = _below(pane)
        await pilot.press("pagedown")
        await pilot.pause()
        assert pane.cursor == 1
        assert pane.scroll_offset.y == top + min(page, hidden)
        while _below(pane) > 0:
            await pilot.press("space")
            await pilot.pause()
            assert pane.cursor == 1
        assert pane.scroll_offset.y == top + hidden  # the end, not past it
        await pilot.press("pageup")
        await pilot.pause()
        assert pane.cursor == 1
        assert pane.scroll_offset.y == top + hidden - min(page, hidden)
        while pane.scroll_offset.y > top:
            await pilot.press("pageup")
            await pilot.pause()
            assert pane.cursor == 1
        assert pane.scroll_offset.y == top  # the top, not above it
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert pane.cursor == 1  # a page within it again, not the next quotes


async def test_a_reloaded_quote_stays_where_it_was_read_to(session: Session) -> None:
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_long(app, pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        y = pane.scroll_offset.y
        was = pane.current
        assert was is not None and not was.bookmarked
        await pilot.press("b")  # bookmarks it: the quotes are reloaded
        await pilot.pause()
        assert pane.current is not None and pane.current.bookmarked
        assert pane.cursor == 1 and pane.scroll_offset.y == y


async def test_the_mouse_still_scrolls_and_picks_a_quote(session: Session) -> None:
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        pane = await _open_long(app, pilot)
        top = pane.scroll_offset.y
        wheel = events.MouseScrollDown(pane, 5, 3, 0, 1, 0, False, False, False)
        pane.post_message(wheel)
        await pilot.pause()
        assert pane.scroll_offset.y > top and pane.cursor == 1
        for _ in range(top + 5):  # back to the top of the list
            pane.post_message(events.MouseScrollUp(pane, 5, 3, 0, -1, 0, False, False, False))
        await pilot.pause()
        assert pane.scroll_offset.y == 0 and pane.cursor == 1
        # A click on the first quote's line selects it.
        first_line = pane.row_span(0)[0] - pane.scroll_offset.y
        assert 0 <= first_line < pane.scrollable_content_region.height
        inner = pane.scrollable_content_region.offset - pane.region.offset  # the border
        await pilot.click(pane, offset=(inner.x + 6, inner.y + first_line))
        await pilot.pause()
        assert pane.current is not None and pane.current.text == FIRST
