"""Outline (t), following links (f, backspace), the reading view (z) and the selection keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.outline import LinksScreen
from reader.tui.widgets.reading_outline import Outline

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
    many = " ".join(f"[link {n}](https://example.com/p{n})" for n in range(1, 12))
    article_file(
        root,
        "many",
        "Twelve links",
        f"Links: {many} and [the other one](other.md).",
        date="2022-01-01",
    )
    return root


@pytest.fixture
def app_on(lib: Path, open_session: Callable[..., Session]) -> Callable[[], PolicyReaderApp]:
    def make() -> PolicyReaderApp:
        return make_app(open_session(lib), open_id="main", refresh_catalog=False)

    return make


def outline_of(app: PolicyReaderApp) -> Outline | None:
    return app.reader.outline


def box_lines(app: PolicyReaderApp) -> list[str]:
    """The reading pane's lines as drawn, from the top."""
    height = app.reader.scrollable_content_region.height
    return [app.reader.render_line(y).text for y in range(height)]


async def test_outline_panel_lists_headings_over_the_text_and_enter_jumps(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        size = app.reader.size
        first_line = app.reader.text_layout.lines[0] if app.reader.text_layout else None
        await pilot.press("t")
        await pilot.pause()
        panel = outline_of(app)
        # drawn by the reading pane over its text: no new widget, the focus stays
        assert panel is not None and app.screen is app.main and app.focused is app.reader
        assert [h.text for h in panel.headings] == [
            "Findings",
            "A much longer second heading about method and evidence",
        ]
        assert panel.cursor == 0  # the section being read
        # the box in the pane's top right corner: titled, the headings indented by level; as
        # wide as the longest heading, up to the pane's width (here less: it ends in "…")
        lines = box_lines(app)
        width = app.reader.scrollable_content_region.width
        assert width < len(panel.headings[1].text) + 6
        assert lines[0].startswith("╭") and lines[0].endswith("╮") and "Outline" in lines[0]
        assert lines[1].startswith("│ Findings") and lines[1].endswith("│")
        assert lines[2].startswith("│   A much longer second") and lines[2].endswith("… │")
        assert lines[3].startswith("╰") and "escape: close" in lines[3]
        assert all(len(line) == width for line in lines[:4])
        assert "╭" not in lines[4] and "│" not in lines[4]
        # the reading pane keeps its size and its lines
        assert app.reader.size == size
        assert (app.reader.text_layout.lines[0] if app.reader.text_layout else None) == first_line
        await pilot.press("j", "enter")
        await pilot.pause()
        assert outline_of(app) is None and app.focused is app.reader
        top = app.reader.top_offset()
        assert top == panel.headings[1].start
        assert app.reader.doc.text[top:].startswith("A much longer second heading")
        await pilot.pause()
        assert "Reading · A much longer second heading" in str(
            app.query_one("#reader-col").border_title
        )
        await pilot.press("t")  # again: the cursor on the section being read
        await pilot.pause()
        panel = outline_of(app)
        assert panel is not None and panel.cursor == 1
        await pilot.press("k", "escape")  # escape closes without moving
        await pilot.pause()
        assert outline_of(app) is None and app.focused is app.reader
        assert app.reader.top_offset() == top
        await pilot.press("t")
        await pilot.pause()
        assert outline_of(app) is not None
        await pilot.press("t")  # t again closes it
        await pilot.pause()
        assert outline_of(app) is None and app.focused is app.reader
        app.reader.action_top()
        await pilot.pause()
        await pilot.pause()
        assert "Reading · Findings" in str(app.query_one("#reader-col").border_title)


async def test_outline_moves_and_closes_on_another_key_or_the_focus_leaving(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("t", "G")  # G in the outline: the last heading, the text stays
        await pilot.pause()
        box = outline_of(app)
        assert box is not None and box.cursor == 1 and app.reader.scroll_offset.y == 0
        assert "│ Findings" in box_lines(app)[1]
        await pilot.press("g", "down", "up")
        assert box.cursor == 0
        await pilot.press("pagedown")
        assert box.cursor == 1
        await pilot.press("J")  # not the outline's: it closes, and the key does its own thing
        await pilot.pause()
        assert outline_of(app) is None
        assert "Outline" not in box_lines(app)[0]
        await pilot.press("t")
        await pilot.pause()
        assert outline_of(app) is not None
        app.main.focus_pane("list")  # the focus leaves the pane: the outline goes
        await pilot.pause()
        assert outline_of(app) is None
        await app.run_action("outline", app.main)  # from the palette: the pane gets the focus
        await pilot.pause()
        assert outline_of(app) is not None and app.focused is app.reader


async def test_outline_without_headings_says_so(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_article("other")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert outline_of(app) is None and app.focused is app.reader
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
        assert app.screen is app.main  # no dialog: the status line asks for the number
        assert "Follow link: type its number (1–4)" in app.status_line.message
        await pilot.press("1")  # a relative .md path: the library's article opens here
        await pilot.pause()
        assert app.reader.article_id == "other"
        assert "Followed link 1" in app.status_line.message
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


async def test_a_link_number_waits_while_a_digit_could_follow(app_on, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    app = app_on()
    monkeypatch.setattr(app, "open_url", opened.append)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.open_article("many")
        await pilot.pause()
        await pilot.press("f", "1")  # 1 of 12: 10, 11 or 12 could be meant
        await pilot.pause()
        assert app.reader.article_id == "many" and opened == []
        assert "Follow link: 1_ (1–12)" in app.status_line.message
        await pilot.press("2")  # no link 120: link 12 at once
        await pilot.pause()
        assert app.reader.article_id == "other"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.reader.article_id == "many"
        await pilot.press("f", "1", "enter")  # enter: link 1 itself
        await pilot.pause()
        assert opened == ["https://example.com/p1"]
        await pilot.press("f", "1", "backspace", "3")  # backspace takes the 1 back
        await pilot.pause()
        assert opened[-1] == "https://example.com/p3"
        await pilot.press("f", "1", "3")  # 13 of 12: said in one line, nothing followed
        await pilot.pause()
        assert app.status_line.message == "There is no link 13: the links are 1–12"
        assert len(opened) == 2 and app.reader.article_id == "many"
        await pilot.press("f", "0")  # no link 0 either
        await pilot.pause()
        assert app.status_line.message == "There is no link 0: the links are 1–12"


async def test_f_then_enter_shows_the_list_and_escape_cancels(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert [lk.number for lk in app.screen.links] == [1, 2, 3, 4]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.reader.article_id == "main"
        await pilot.press("f", "escape", "1")  # escape cancels: the 1 is not a link's
        await pilot.pause()
        assert app.reader.article_id == "main"
        assert "Follow link" not in app.status_line.message
        await pilot.press("f", "G")  # another key ends the typing and does its own thing
        await pilot.pause()
        assert app.reader.scroll_offset.y == app.reader.max_scroll_y > 0
        await pilot.press("2")
        await pilot.pause()
        assert app.reader.article_id == "main"


async def test_the_palette_follow_a_link_opens_the_list(app_on) -> None:  # type: ignore[no-untyped-def]
    app = app_on()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await app.run_action("follow_link_list", app.main)
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)


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
            "follow a link: f, then its number",
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
