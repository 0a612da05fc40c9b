"""`o` on a machine with no web browser (over ssh, in a container): the reader says so and
offers to copy the link, instead of saying "Opening ..." and doing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.tui.app import PolicyReaderApp
from reader.tui.screens.dialogs import ConfirmScreen

from support.articles import article_file
from support.tui import make_app, ready

SIZE = (120, 40)
URL = "https://example.org/a"


@pytest.fixture
def app(tmp_path: Path, open_session, monkeypatch: pytest.MonkeyPatch) -> PolicyReaderApp:
    lib = tmp_path / "lib"
    article_file(lib, "web", "On the web", "Text.", source_url=URL, date="2021-01-01")
    monkeypatch.setattr("reader.links.browser_available", lambda: False)
    opened: list[str] = []
    monkeypatch.setattr(
        PolicyReaderApp, "open_url", lambda self, url, new_tab=True: opened.append(url)
    )
    app = make_app(open_session(lib), refresh_catalog=False)
    app.opened = opened  # type: ignore[attr-defined]
    return app


@pytest.mark.parametrize(("answer", "copied"), [("y", URL), ("n", "")], ids=["copy", "cancel"])
async def test_no_browser_says_so_and_offers_to_copy(
    app: PolicyReaderApp, answer: str, copied: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.labels == ("Copy", "Cancel")
        assert "No web browser" in app.screen.title_text
        await pilot.press(answer)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.opened == []  # type: ignore[attr-defined]
        assert app.clipboard == copied
        message = app.status_line.message
        assert message == ("Link copied" if copied else "No web browser was found to open the link")
