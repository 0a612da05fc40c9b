"""Snapshots of a changed quote: its marks in the quotes and reading panes, and the word diff
that `enter` shows (pytest-textual-snapshot, 120x40)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.tui.app import PolicyReaderApp

from .test_quote_changes import BODY, EDITED, HIGHLIGHT
from support.articles import article, write

SIZE = (120, 40)


@pytest.fixture
def changed_app(tmp_path: Path, open_session, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    lib, data = tmp_path / "lib", tmp_path / "data"
    write(lib, "plan.md", article("The plan", BODY))
    s = open_session(lib, data_dir=data)
    (q,) = [q for q in s.quotes("plan") if q.kind == "quotation"]
    s.bookmark_quote(q.id, True)
    s.highlight_text("plan", HIGHLIGHT, note="who decides")
    s.close()
    write(lib, "plan.md", article("The plan", EDITED))
    session = open_session(lib, data_dir=data)
    return PolicyReaderApp(session, open_id="plan", refresh_catalog=False), q.id


def _before(app: PolicyReaderApp, qid: str, *keys: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.main.focus_pane("quotes")
        app.quotes_pane.select_id(qid)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause(0.2)

    return run


def test_changed_quote_marks(snap_compare, changed_app) -> None:  # type: ignore[no-untyped-def]
    app, qid = changed_app
    assert snap_compare(app, terminal_size=SIZE, run_before=_before(app, qid))


def test_changed_quote_word_diff(snap_compare, changed_app) -> None:  # type: ignore[no-untyped-def]
    app, qid = changed_app
    assert snap_compare(app, terminal_size=SIZE, run_before=_before(app, qid, "enter"))
