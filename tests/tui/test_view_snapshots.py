"""Snapshots of the main views (pytest-textual-snapshot), at 120x40 and 80x24.

The app runs on the bundled articles with fresh data and cache folders; the export folder is
fixed so the dialog's default path is the same everywhere; cursor blink is off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reader import paths
from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.widgets.reading_pane import SAVE_DELAY

from support.articles import CO_PRODUCTION

WIDE = (120, 40)
NARROW = (80, 24)


@pytest.fixture
def snap_app(
    open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> Callable[[], PolicyReaderApp]:
    monkeypatch.setattr(paths, "default_export_dir", lambda: Path("/home/reader/Documents"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")

    def make() -> PolicyReaderApp:
        session = open_session(bundled=True)
        h = session.highlight_text(
            CO_PRODUCTION,
            "the women are invited to contribute ideas towards the running of the centre",
        )
        session.set_note(h.id, "Users shape the service.")
        session.mark("social-value-act", "read")
        session.bookmark_article("commissioning-third-sector", True)
        return PolicyReaderApp(session, refresh_catalog=False)

    return make


async def _settle(pilot: Pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for widget in pilot.app.query(Input):
        widget.cursor_blink = False
    for screen in pilot.app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False


def _open_reading(app: PolicyReaderApp):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await _settle(pilot)
        app.open_article(CO_PRODUCTION)
        await pilot.pause()
        quote = next(q for q in app.quotes_pane.quotes if q.kind == "highlight")
        app.reader.scroll_to_offset(quote.start or 0, context=6)
        # The position (and the list's progress) is saved once scrolling has stopped for
        # SAVE_DELAY: wait past it, or the picture depends on which comes first.
        await pilot.pause(SAVE_DELAY * 2)
        await _settle(pilot)

    return run


def _keys(*keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await _settle(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.2)
        await _settle(pilot)

    return run


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_library_view(snap_compare, snap_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys("down"))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_reading_with_quotes(snap_compare, snap_app, size) -> None:  # type: ignore[no-untyped-def]
    app = snap_app()
    assert snap_compare(app, terminal_size=size, run_before=_open_reading(app))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_search(snap_compare, snap_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys("slash", *"social value"))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_export_dialog(snap_compare, snap_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys("e"))


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_help(snap_compare, snap_app, size) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app(), terminal_size=size, run_before=_keys("question_mark"))
