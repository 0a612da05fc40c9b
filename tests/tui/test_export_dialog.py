"""The export dialog: asks before replacing a file, remembers format, scope and folder, says
when there is nothing to export (and writes nothing), and starts on the active filter. It has
every format the CLI has: Hypothesis JSON, and Obsidian notes written into a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, RadioSet, Select, Static

from reader.session import Session
from reader.tui.screens.dialogs import ConfirmScreen
from reader.tui.screens.export import FORMATS, ExportScreen
from reader.tui.widgets.library_tree import LibraryTree

from support.articles import CO_PRODUCTION, SOCIAL_VALUE
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
        # The keyboard starts on the remembered choices, not on each list's first entry:
        # down then enter takes the format after JSON.
        for radio_set, button in (
            ("#export-format", "fmt-json"),
            ("#export-scope", "scope-article"),
        ):
            highlighted = [
                b.id for b in screen.query(f"{radio_set} RadioButton") if b.has_class("-selected")
            ]
            assert highlighted == [button]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.fmt == "csv"


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


async def _choose_format(pilot, screen: ExportScreen, fmt: str) -> None:
    """Pick a format with the mouse, as a user may."""
    await pilot.click(f"#fmt-{fmt}")
    await pilot.pause()
    assert screen.fmt == fmt


def _label(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-path-label", Static).visual)


def _error(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-error", Static).visual)


async def test_every_cli_format_is_offered(session: Session, out: Path) -> None:
    import argparse

    from reader.cli import build_parser

    commands = next(
        a for a in build_parser(["export"])._actions if isinstance(a, argparse._SubParsersAction)
    )
    fmt = next(a for a in commands.choices["export"]._actions if "--format" in a.option_strings)
    assert [name for name, _ in FORMATS] == list(fmt.choices)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        buttons = screen.query_one("#export-format", RadioSet).query("RadioButton")
        assert [b.id for b in buttons] == [f"fmt-{name}" for name, _ in FORMATS]


async def test_obsidian_writes_the_notes_into_an_existing_folder(
    session: Session, out: Path, tmp_path: Path
) -> None:
    session.highlight_text(CO_PRODUCTION, QUOTED, "Safe space matters.")
    vault = tmp_path / "vault"
    vault.mkdir()
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        path_input = screen.query_one("#export-path", Input)
        await _choose_format(pilot, screen, "obsidian")
        assert _label(screen).startswith("Folder") and path_input.value == ""
        path_input.value = str(vault)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert app.status_line.message == f"Obsidian: changed 1 of 1 note in {vault}"
    (note,) = vault.iterdir()
    assert note.name == "Co-production in the criminal justice system.md"
    text = note.read_text(encoding="utf-8")
    assert f'policyreader-id: "{CO_PRODUCTION}"' in text
    assert f"> {QUOTED}" in text and "**Note:** Safe space matters." in text
    assert list(out.iterdir()) == []  # no file in the export folder
    # the next run offers Obsidian and that folder again; a file format, its file again
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        path_input = screen.query_one("#export-path", Input)
        assert screen.fmt == "obsidian" and _label(screen).startswith("Folder")
        assert path_input.value == str(vault)
        await _choose_format(pilot, screen, "csv")
        assert _label(screen) == "File"
        assert path_input.value == str(out / "policyreader-quotes.csv")
        await _choose_format(pilot, screen, "obsidian")
        assert path_input.value == str(vault)
        await pilot.press("ctrl+s")  # again: the note is up to date, nothing written
        await pilot.pause()
        assert app.status_line.message == f"Obsidian: changed 0 of 1 note in {vault}"
    assert [p.name for p in vault.iterdir()] == [note.name]


async def test_obsidian_missing_folder_is_one_line_and_keeps_the_dialog(
    session: Session, out: Path, tmp_path: Path
) -> None:
    session.highlight_text(CO_PRODUCTION, QUOTED)
    missing = tmp_path / "no such vault"
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        await _choose_format(pilot, screen, "obsidian")
        path_input = screen.query_one("#export-path", Input)
        path_input.value = str(missing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # still open, with what was typed
        assert screen.fmt == "obsidian" and path_input.value == str(missing)
        error = _error(screen)
        assert "\n" not in error and "Traceback" not in error
        assert error == f"{missing}: folder does not exist (it is not created for you)"
        (out / "a file").write_text("mine\n", encoding="utf-8")
        path_input.value = str(out / "a file")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert _error(screen) == f"{out / 'a file'}: is a file, not a folder"
    assert not missing.exists()
    assert (out / "a file").read_text(encoding="utf-8") == "mine\n"


async def test_hypothesis_writes_a_file_the_import_reads_back(
    session: Session, out: Path, open_session, tmp_path: Path
) -> None:
    from reader.importer import import_file
    from reader.interchange import read

    words = "The law was a turning point for many organisations"
    quote = session.highlight_text(SOCIAL_VALUE, words, "One year on.")
    session.highlight_text(CO_PRODUCTION, QUOTED)  # no web address: not for Hypothesis
    app = make_app(session, open_id=SOCIAL_VALUE, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        await _choose_format(pilot, screen, "hypothesis")
        path = out / "policyreader-quotes-hypothesis.json"
        assert screen.query_one("#export-path", Input).value == str(path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert app.status_line.message == f"Exported 1 quote to {path}"
    fmt, incoming = read(path.read_bytes(), str(path))
    assert fmt == "hypothesis"
    assert [(i.text, i.note, i.id) for i in incoming] == [(quote.text, "One year on.", quote.id)]
    elsewhere = open_session(bundled=True, data_dir=tmp_path / "other data")
    summary = import_file(elsewhere, path)
    assert (summary.total, summary.added) == (1, 1)
    (back,) = [q for q in elsewhere.quotes(SOCIAL_VALUE) if q.id == quote.id]
    assert (back.text, back.note, back.status) == (quote.text, "One year on.", "anchored")


async def test_hypothesis_with_no_web_addresses_writes_nothing(session: Session, out: Path) -> None:
    session.highlight_text(CO_PRODUCTION, QUOTED)
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        await _choose_format(pilot, screen, "hypothesis")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "from an article with a web address" in _error(screen)
    assert list(out.iterdir()) == []


async def test_the_open_articles_category_is_offered_whatever_its_case(
    tmp_path: Path, open_session, out: Path
) -> None:
    """The open article spells its category `housing`; the tree's entry (most articles) is
    `Housing`: that entry is the category offered, not the first of the list."""
    from support.articles import article, write

    lib = tmp_path / "lib"
    write(lib, "a.md", article("Aid", id="a", categories="[Aid]", tags="[budget]"))
    write(lib, "h1.md", article("Rents", id="h1", categories="[Housing]", tags="[Zoning]"))
    write(lib, "h2.md", article("Homes", id="h2", categories="[Housing]", tags="[Zoning]"))
    write(lib, "h3.md", article("Flats", id="h3", categories="[housing]", tags="[zoning]"))
    session = open_session(lib, data_dir=tmp_path / "data")
    app = make_app(session, open_id="h3", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _open_dialog(pilot)
        assert screen.query_one("#export-category", Select).value == "Housing"
        assert screen.query_one("#export-tag", Select).value == "Zoning"
