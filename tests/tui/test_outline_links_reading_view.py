"""Outline (t), following links (f, backspace), the reading view (z) and the selection keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.outline import LinksScreen, OutlineScreen

from support.articles import article_file
from support.tui import make_app, ready

SIZE = (120, 40)

MAIN = "\n\n".join(
    ["# Findings", "Opening words of the findings section."]
    + [f"Paragraph {n} of the findings says something about policy." for n in range(30)]
    + ["## A much longer second heading about method and evidence", "Method text."]
    + [f"Method paragraph {n} has more to say." for n in range(30)]
    + [
        "See [the other](other.md), [its source](https://example.org/other/) and "
        "[the web](https://example.com/page) or [mail](mailto:a@example.org)."
    ]
)


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    article_file(root, "main", "The main article", MAIN, date="2024-02-01")
    article_file(
        root,
        "other",
        "The other article",
        "No headings here. Just one sentence. And another one here.",
        date="2023-01-01",
        source_url="https://www.example.org/other",
    )
    return root


@pytest.fixture
def app_on(lib: Path, open_session: Callable[..., Session]) -> Callable[[], PolicyReaderApp]:
    def make() -> PolicyReaderApp:
        return make_app(open_session(lib), open_id="main", refresh_catalog=False)

    return make


async def test_outline_lists_headings_and_enter_jumps(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        assert [h.text for h in screen.headings] == [
            "Findings",
            "A much longer second heading about method and evidence",
        ]
        box = screen.query_one(".dialog")
        assert box.size.width >= len(screen.headings[1].text) + 2  # the longest heading fits
        await pilot.press("j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
        top = app.reader.top_offset()
        assert app.reader.doc.text[top:].startswith("A much longer second heading")
        await pilot.pause()
        assert "Reading · A much longer second heading" in str(
            app.query_one("#reader-col").border_title
        )
        app.reader.action_top()
        await pilot.pause()
        await pilot.pause()
        assert "Reading · Findings" in str(app.query_one("#reader-col").border_title)


async def test_outline_without_headings_says_so(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_article("other")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(app.screen, OutlineScreen)
        assert "no headings" in app.status_line.message


async def test_follow_links_by_number_and_back(app_on, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    app = app_on()
    monkeypatch.setattr(app, "open_url", opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("pagedown")
        where = app.reader.top_offset()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert [lk.number for lk in app.screen.links] == [1, 2, 3, 4]
        await pilot.press("1")  # a relative .md path: the library's article opens here
        await pilot.pause()
        assert app.reader.article_id == "other"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.reader.article_id == "main"
        assert app.reader.top_offset() == where
        await pilot.press("f", "2")  # its source address (http vs https, www, slash ignored)
        await pilot.pause()
        assert app.reader.article_id == "other"
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.reader.article_id == "main"
        await pilot.press("f", "3")  # the web: the browser
        await pilot.pause()
        assert opened == ["https://example.com/page"]
        await pilot.press("f", "4")  # anything else is shown, not opened
        await pilot.pause()
        assert opened == ["https://example.com/page"]
        assert "mailto:a@example.org" in app.status_line.message
        await pilot.press("backspace")
        await pilot.pause()
        assert "Nothing to go back to" in app.status_line.message


async def test_reading_view_hides_the_other_panes_and_back(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert not app.library_tree.display
        assert not app.query_one("#list-pane").display
        assert not app.quotes_pane.display
        assert app.reader.size.width > 100
        await pilot.press("z")
        await pilot.pause()
        assert app.query_one("#list-pane").display and app.quotes_pane.display


async def test_selection_start_moves_by_sentence_and_end_by_word(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        reader = app.reader
        text = reader.doc.text
        await pilot.press("v")
        start, end = reader.selected_span()
        assert text[start:end] == "Findings"
        await pilot.press("j", "j")  # the end: two sentences on
        s2, e2 = reader.selected_span()
        assert text[s2:e2].endswith("Paragraph 0 of the findings says something about policy.")
        await pilot.press("J")  # the start: a sentence later
        s3, _ = reader.selected_span()
        assert text[s3:].startswith("Opening words")
        await pilot.press("w")  # one word more at the end
        _, e4 = reader.selected_span()
        assert text[e2:e4] == "\n\nParagraph"
        await pilot.press("W", "W")  # two words less
        _, e5 = reader.selected_span()
        assert text[s3:e5].endswith("says something about")
        await pilot.press("K")
        assert reader.selected_span()[0] == 0
        await pilot.press("enter")
        await pilot.pause()
        saved = [q for q in app.session.store.quotes("main") if q.kind == "highlight"]
        assert [q.text for q in saved] == [text[0:e5]]


async def test_new_keys_are_in_help_and_palette(app_on) -> None:  # type: ignore[no-untyped-def]
    from reader.tui.actions import ACTIONS

    commands = {a.command for a in ACTIONS}
    assert {"Outline", "Follow a link", "Reading view", "Back to the previous article"} <= commands
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = str(app.screen.query_one("#help-text").visual)
        for words in (
            "the article's headings",
            "follow a link",
            "reading view",
            "a sentence later",
        ):
            assert words in shown, words


def test_snapshot_outline(snap_compare, app_on, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await ready(pilot)
        await pilot.press("t")
        await pilot.pause()

    assert snap_compare(app_on(), terminal_size=(100, 30), run_before=run)
