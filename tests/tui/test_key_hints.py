"""The key hints along the bottom: they follow the focus, and a click presses the key."""

from __future__ import annotations

from reader.session import Session
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets.key_hints import KeyHints

from support.tui import make_app, ready

SIZE = (120, 40)


async def test_hints_follow_the_focus_and_a_click_presses_the_key(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        hints = app.query_one(KeyHints)
        on_list = {h.description for h in hints.hints}
        assert {"Search", "Help", "Quit"} <= on_list
        assert hints.palette is not None  # ^p, on the right, as the Footer shows it

        app.library_tree.focus()
        await pilot.pause()
        assert {h.description for h in hints.hints} != on_list  # the tree's own keys

        index = next(i for i, h in enumerate(hints.hints) if h.description == "Help")
        start, end = hints._spans[index]
        await pilot.click(KeyHints, offset=((start + end) // 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
