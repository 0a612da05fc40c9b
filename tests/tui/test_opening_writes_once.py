"""Opening an article from the list is one write to the state database the first time, and
none when it is opened again with nothing changed (the position it is restored at included)."""

from __future__ import annotations

from reader.session import Session
from reader.tui.widgets.reading_pane import SAVE_DELAY

from support.tui import make_app, ready
from support.writes import Writes

SIZE = (120, 40)


async def test_enter_opens_with_one_write_and_reopens_with_none(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        first = app.article_list.current
        assert first is not None
        writes = Writes(session.store)

        await pilot.press("enter")
        await pilot.pause(SAVE_DELAY * 2)  # past a position save the opening might set off
        assert app.reader.article_id == first.id
        assert session.store.article_state(first.id).read == "started"
        assert writes.transactions == 1, writes.statements

        await pilot.press("escape", "enter")  # back to the list, and open it again
        await pilot.pause(SAVE_DELAY * 2)
        assert app.reader.article_id == first.id and app.active_pane == "reader"
        assert writes.transactions == 1, writes.statements

        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause(SAVE_DELAY * 2)  # read on: that position is saved (one write)
        saved = session.store.article_state(first.id)
        assert saved.position > 0 and saved.position == app.reader.top_offset()
        writes.clear()

        await pilot.press("escape", "j", "enter")  # another article
        await pilot.pause(SAVE_DELAY * 2)
        second = app.reader.article_id
        assert second is not None and second != first.id
        assert session.store.article_state(second).read == "started"
        assert writes.transactions == 1, writes.statements
        writes.clear()

        await pilot.press("escape", "k", "enter")  # the first again, where it was left
        await pilot.pause(SAVE_DELAY * 2)
        assert app.reader.article_id == first.id
        assert app.reader.top_offset() == saved.position
        assert session.store.article_state(first.id) == saved
        assert writes.transactions == 0, writes.statements
