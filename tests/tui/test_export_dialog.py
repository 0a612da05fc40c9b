"""The export dialog: asks before replacing a file, remembers format, scope and folder, says
when there is nothing to export (and writes nothing), and starts on the active filter."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet

from reader.session import Session
from reader.tui.screens.dialogs import ConfirmScreen
from reader.tui.screens.export import ExportScreen
from reader.tui.widgets.library_tree import LibraryTree

from support.articles import CO_PRODUCTION
from support.tui import make_app, ready

SIZE = (120, 40)
QUOTED = "The women-only centre offers a safe space"


@pytest.fixture
def out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from reader import paths

    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(paths, "default_export_dir", lambda: folder)
    return folder


async def _open_dialog(pilot) -> ExportScreen:
    await pilot.press("e")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def test_asks_before_replacing_a_file(session: Session, out: Path) -> None:
    session.highlight_text(CO_PRODUCTION, QUOTED)
    target = out / "policyreader-quotes.md"
    target.write_text("my own notes\n", encoding="utf-8")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _open_dialog(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep the file
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text(encoding="utf-8") == "my own notes\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")  # replace it
        await pilot.pause()
        assert not isinstance(app.screen, (ExportScreen, ConfirmScreen))
        assert QUOTED in target.read_text(encoding="utf-8")


async def test_nothing_to_export_writes_nothing(session: Session, out: Path) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # the dialog stays, saying why
        assert "Nothing to export" in str(screen.query_one("#export-error").visual)
        assert list(out.iterdir()) == []


async def test_remembers_format_scope_and_folder(
    session: Session, out: Path, tmp_path: Path
) -> None:
    session.highlight_text(CO_PRODUCTION, QUOTED)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        await pilot.press("down", "enter")  # JSON
        screen.query_one("#export-scope", RadioSet).focus()
        await pilot.press("down", "enter")  # this article
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(elsewhere / "mine.json")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (elsewhere / "mine.json").exists()
    # a new run of the reader: the same choices, in the folder used last
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        assert screen.fmt == "json" and screen.scope == "article"
        assert screen.query_one("#export-format", RadioSet).pressed_index == 1
        assert screen.query_one("#export-scope", RadioSet).pressed_index == 1
        path = Path(screen.query_one("#export-path", Input).value)
        assert path == elsewhere / "policyreader-quotes.json"


async def test_default_scope_follows_the_active_filter(session: Session, out: Path) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main.post_message(LibraryTree.FilterChosen(("tag", "prisons")))
        await pilot.pause()
        screen = await _open_dialog(pilot)
        request = screen.request()
        assert (request.scope, request.value) == ("tag", "prisons")
        await pilot.press("escape")
        await pilot.pause()
        app.main.post_message(LibraryTree.FilterChosen(None))
        await pilot.pause()
        screen = await _open_dialog(pilot)
        assert screen.request().scope == "all"
