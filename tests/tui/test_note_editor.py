"""Notes of several lines: the editor (`n`, `ctrl+s` saves, `escape` asks before losing a
change), and the quotes pane showing the selected quote whole with its note right under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from reader.session import Session
from reader.store import StoreError
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.dialogs import ConfirmScreen
from reader.tui.screens.help import help_sections
from reader.tui.screens.note import NoteScreen
from reader.tui.widgets.quotes_pane import CLAMP

from support.articles import article, write
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)

LONG = (
    "people who were given a home first stayed housed far longer than those who were asked "
    "to prove they were ready, and the savings to other services covered most of the cost "
    "within two years of the pilot's start in the city"
)
SHORT = "nobody is turned away at the door"
BODY = f"""A pilot in Glasgow gave people a home before anything else.

The review found that “{LONG}” according to the authors.

The manager said “{SHORT}” and meant it.
"""
NOTE = "First point.\nSecond point [bold]kept[/bold].\n\nAfter a blank line."


@pytest.fixture
def session(tmp_path: Path, open_session) -> Session:
    lib = tmp_path / "lib"
    write(lib, "plan.md", article("The plan", BODY))
    return open_session(lib, data_dir=tmp_path / "data")


def _quote(session: Session, words: str):  # type: ignore[no-untyped-def]
    return next(q for q in session.quotes("plan") if words in q.text)


async def _open_quotes(app: PolicyReaderApp, pilot: Pilot, quote_id: str) -> None:
    await ready(pilot)
    app.main.focus_pane("quotes")
    app.quotes_pane.select_id(quote_id)
    await pilot.pause()


async def _editor(pilot: Pilot) -> NoteScreen:
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, NoteScreen)
    assert isinstance(pilot.app.focused, TextArea)
    return screen


async def test_ctrl_s_saves_a_note_of_several_lines(session: Session) -> None:
    quote = _quote(session, SHORT)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, quote.id)
        editor = await _editor(pilot)
        # The title names the quote; the keys are shown in the dialog.
        title = str(editor.query_one(".dialog-title", Static).render())
        assert title == f"Note on “{SHORT}”"
        hint = str(editor.query_one(".dialog-hint", Static).render())
        assert "ctrl+s saves" in hint and "escape cancels" in hint
        await pilot.press(*"one", "enter", "enter", *"two [b]", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert session.store.quote(quote.id).note == "one\n\ntwo [b]"
        assert app.quotes_pane.current.note == "one\n\ntwo [b]"
        assert app.status_line.message == "Note saved"
        assert app.focused is app.quotes_pane


async def test_the_editor_starts_with_the_note_and_an_empty_note_removes_it(
    session: Session,
) -> None:
    quote = _quote(session, SHORT)
    session.set_note(quote.id, NOTE)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, quote.id)
        editor = await _editor(pilot)
        assert editor.area.text == NOTE
        await pilot.press("f7", "backspace", "ctrl+s")  # select all, delete, save
        await pilot.pause()
        assert session.store.quote(quote.id).note == ""
        assert app.status_line.message == "Note removed"


async def test_escape_closes_at_once_unless_the_note_was_changed(session: Session) -> None:
    quote = _quote(session, SHORT)
    session.set_note(quote.id, "as it was")
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, quote.id)
        await _editor(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.quotes_pane  # nothing changed: no question

        editor = await _editor(pilot)
        await pilot.press(*" and more", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing: the text is still there
        await pilot.pause()
        assert app.screen is editor
        assert editor.area.text == "as it was and more"
        assert isinstance(app.focused, TextArea)

        await pilot.press("escape", "y")  # discard
        await pilot.pause()
        assert app.focused is app.quotes_pane
        assert session.store.quote(quote.id).note == "as it was"


async def test_a_refused_save_keeps_the_dialog_and_the_text(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    quote = _quote(session, SHORT)

    def refuse(quote_id: str, note: str) -> None:
        raise StoreError("the state file is read-only")

    monkeypatch.setattr(session, "set_note", refuse)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, quote.id)
        editor = await _editor(pilot)
        await pilot.press(*"precious words", "ctrl+s")
        await pilot.pause()
        assert app.screen is editor
        assert editor.area.text == "precious words"
        error = editor.query_one("#note-error", Static)
        assert error.display
        assert str(error.render()) == "Not saved: the state file is read-only"


async def test_quitting_with_the_editor_open_keeps_the_note(session: Session) -> None:
    quote = _quote(session, SHORT)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, quote.id)
        await _editor(pilot)
        await pilot.press(*"half", "enter", *"written", "ctrl+q")
        await pilot.pause()
    assert session.store.quote(quote.id).note == "half\nwritten"


async def test_the_selected_quote_is_shown_whole_with_its_note_right_under_it(
    session: Session,
) -> None:
    long, short = _quote(session, "home first"), _quote(session, SHORT)
    session.set_note(long.id, NOTE)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await _open_quotes(app, pilot, short.id)
        pane = app.quotes_pane
        index = pane.quotes.index(next(q for q in pane.quotes if q.id == long.id))
        # Not selected: two lines of words, two of the note (the second cut), a blank line.
        assert pane.row_span(index)[1] == CLAMP + CLAMP + 1
        text = "\n".join(screen_lines(pane))
        assert "within two years" not in text and "After a blank line." not in text

        pane.select_id(long.id)
        await pilot.pause()
        top, height = pane.row_span(index)
        lines = screen_lines(pane)[top - int(pane.scroll_offset.y) :][:height]
        words = [line for line in lines if not line.strip().startswith("✎")]
        assert height > CLAMP + 5  # the whole quote and the whole note
        assert "city" in "\n".join(lines)  # the quote's last word
        # The note's lines, in order, right under the last line of the words; then one blank.
        first_note = next(n for n, line in enumerate(lines) if "✎" in line)
        assert "city" in lines[first_note - 1]
        note = [line.strip() for line in lines[first_note:-1]]
        assert note[0] == "✎ First point."
        blank = note.index("")  # the note's own blank line, kept
        assert " ".join(note[1:blank]) == "Second point [bold]kept[/bold]."  # wrapped
        assert note[blank + 1 :] == ["After a blank line."]
        assert lines[-1].strip() == ""
        assert len(words) > CLAMP


def test_help_lists_the_note_editor_keys() -> None:
    sections = dict(help_sections({}))
    keys = dict(sections["Note editor (n in the quotes pane)"])
    assert keys["ctrl+s"].startswith("save the note")
    assert "asks first" in keys["escape"]
    assert any(k == "n" and "note" in does for k, does in sections["Quotes pane"])


# -- snapshots ------------------------------------------------------------------------------


@pytest.fixture
def snap_app(session: Session, monkeypatch: pytest.MonkeyPatch) -> PolicyReaderApp:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    long = _quote(session, "home first")
    session.set_note(long.id, NOTE)
    session.bookmark_quote(long.id, True)
    return PolicyReaderApp(session, open_id="plan", refresh_catalog=False)


def _select(words: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        app = pilot.app
        assert isinstance(app, PolicyReaderApp)
        await ready(pilot)
        app.main.focus_pane("quotes")
        app.quotes_pane.select_id(next(q.id for q in app.quotes_pane.quotes if words in q.text))
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause(0.2)

    return run


def test_snapshot_selected_quote_whole_with_its_note(snap_compare, snap_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, terminal_size=SIZE, run_before=_select("home first"))


def test_snapshot_other_quote_selected(snap_compare, snap_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, terminal_size=SIZE, run_before=_select(SHORT))


def test_snapshot_note_editor(snap_compare, snap_app) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(snap_app, terminal_size=SIZE, run_before=_select("home first", "n"))
