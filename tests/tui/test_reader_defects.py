"""Defects a new user found in the reader, each with the test that failed before its fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.geometry import Offset
from textual.selection import Selection

from reader.api import Session, term_spans
from reader.tui.screens.dialogs import ConfirmScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.widgets import reading_pane

from support.articles import article_file
from support.tui import make_app, ready

SIZE = (120, 40)
CO_PRODUCTION = "co-production-criminal-justice"


def _long_article(tmp_path: Path, open_session: Callable[..., Session]) -> Session:
    lib = tmp_path / "lib"
    paragraphs = [f"Paragraph {n} says something sensible about policy. " * 6 for n in range(120)]
    article_file(lib, "long", "A long article", "\n\n".join(paragraphs), category="Policy")
    article_file(lib, "other", "Another article", "Charities and a charity.", category="Other")
    return open_session(lib)


def _shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        name
        for name in ("tree", "list-pane", "reader-col", "quotes")
        if app.query_one(f"#{name}").region.width > 0
    ]


# -- 3.2: every resize applies the layout of the new size --------------------------------------


async def test_each_resize_follows_the_new_size(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert _shown(app) == ["tree", "list-pane", "reader-col", "quotes"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert _shown(app) == ["list-pane"]
        await pilot.resize_terminal(200, 60)
        await pilot.pause(0.1)
        assert _shown(app) == ["tree", "list-pane", "reader-col", "quotes"]
        assert app.library_tree.outer_size.width == 34


# -- 3.3: the mouse selection is visible -------------------------------------------------------


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord"])
async def test_mouse_selection_has_its_own_colours(session: Session, theme: str) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = theme
        await pilot.pause()
        reader = app.reader
        y = next(i for i, ln in enumerate(reader.text_layout.lines) if ln.kind == "text")
        reader.scroll_to(y=y, animate=False, immediate=True)
        app.screen.selections = {reader: Selection(Offset(0, y), Offset(30, y))}
        await pilot.pause()
        segments = [s for s in reader.render_line(0) if s.text.strip()]
        selected = [
            s for s in segments if s.style and s.style.bgcolor != segments[-1].style.bgcolor
        ]
        assert selected, "the selection has a background of its own"
        for segment in selected:
            assert segment.style.color != segment.style.bgcolor


# -- 3.6: progress is a place in the text; a peek at the end is not reading it ---------------


async def test_progress_does_not_change_with_the_pane_size(
    tmp_path: Path, open_session: Callable[..., Session]
) -> None:
    session = _long_article(tmp_path, open_session)
    app = make_app(session, open_id="long", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        before = app.reader.progress()
        assert 0 < before < 100
        await pilot.press("plus", "plus", "plus")  # the reading pane takes the list's rows
        await pilot.pause()
        assert app.reader.progress() == before
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        await pilot.pause()
        assert app.reader.progress() == before
        await pilot.resize_terminal(160, 50)
        await pilot.pause(0.1)
        assert abs(app.reader.progress() - before) <= 1  # the top line starts where it can


async def test_a_peek_at_the_end_is_not_read(
    tmp_path: Path, open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading_pane, "END_DWELL", 0.5)
    session = _long_article(tmp_path, open_session)
    app = make_app(session, open_id="long", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("G", "g")  # a look at the end, and straight back
        await pilot.pause(0.8)
        assert session.store.article_state("long").read == "started"
        await pilot.press("G")  # the end stays in view: read
        await pilot.pause(0.8)
        assert session.store.article_state("long").read == "read"


async def test_reading_to_the_end_page_by_page_is_read_at_once(
    tmp_path: Path, open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reading_pane, "END_DWELL", 60.0)
    session = _long_article(tmp_path, open_session)
    app = make_app(session, open_id="long", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(200):
            if app.reader.scroll_offset.y >= app.reader.max_scroll_y:
                break
            await pilot.press("pagedown")
        await pilot.pause()
        assert session.store.article_state("long").read == "read"


# -- 3.7: enter on "All articles" shows them all, and folds nothing ----------------------------


async def test_enter_on_all_articles_keeps_the_tree_open(session: Session) -> None:
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree = app.library_tree
        tree.focus()
        tree.move_cursor(tree.root.children[0].children[0])  # a category
        await pilot.press("enter")
        await pilot.pause()
        assert app.facet is not None
        shown = len(app.article_list.articles)
        tree.move_cursor(tree.root)
        await pilot.press("enter")
        await pilot.pause()
        assert app.facet is None
        assert len(app.article_list.articles) > shown
        assert tree.root.is_expanded
        assert tree.root.children[0].is_expanded  # the categories stay open


# -- 3.10: search and the reader agree ---------------------------------------------------------


def test_search_terms_are_marked_with_their_stems() -> None:
    text = "Charities help. A charity helps; charitable giving; the chart."
    marked = [text[s:e] for s, e in term_spans(text, ["charity"])]
    assert marked == ["Charities", "charity"]


async def test_opening_a_hit_selects_it_and_n_steps_through_the_matches(
    tmp_path: Path, open_session: Callable[..., Session]
) -> None:
    session = _long_article(tmp_path, open_session)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main.facet = ("category", "Policy")
        app.main.show_articles()
        assert [a.id for a in app.article_list.articles] == ["long"]
        await pilot.press("slash", *"charity")
        await pilot.pause(0.2)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article_id == "other"
        assert app.facet is None  # the filter hid it
        assert app.article_list.current is not None and app.article_list.current.id == "other"
        reader = app.reader
        assert reader.find_count == 2  # "Charities" and "charity"
        assert reader.find_index == 0
        await pilot.press("n")
        assert reader.find_index == 1
        await pilot.press("n")
        assert reader.find_index == 0
        assert "back at the top" in app.status_line.message


# -- 3.12: smaller ones ---------------------------------------------------------------------------


async def test_find_keeps_its_pattern_after_escape(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f", *"prison", "escape")
        await pilot.pause()
        reader = app.reader
        assert app.focused is reader
        await pilot.press("n")
        await pilot.pause()
        assert reader.find_count >= 3 and reader.find_index >= 0
        await pilot.press("escape")  # unmarks, and still remembers
        await pilot.pause()
        assert reader.find_count == 0
        await pilot.press("N")
        await pilot.pause()
        assert reader.find_count >= 3


async def test_g_and_G_scroll_the_help(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        assert body.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_the_delete_confirmation_takes_arrows_and_y_n(session: Session) -> None:
    quote = session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.main.focus_pane("quotes")
        await pilot.pause()
        app.quotes_pane.select_id(quote.id)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.focused is not None and app.focused.id == "confirm-no"
        await pilot.press("left")
        assert app.focused.id == "confirm-yes"
        await pilot.press("right")
        assert app.focused.id == "confirm-no"
        await pilot.press("left", "enter")
        await pilot.pause()
        assert session.store.quote(quote.id) is None


async def test_the_screenshot_says_where_it_went(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.deliver_screenshot()  # what the palette's "Screenshot" runs: no ~/Downloads here
        await pilot.pause()
        saved = list(here.glob("*.svg"))
        assert len(saved) == 1
        assert str(saved[0]) in app.status_line.message


async def test_escape_then_a_key_at_once_is_both_keys(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.focused is app.reader
        cursor = app.article_list.cursor
        key, step = ("k", -1) if cursor > 0 else ("j", 1)
        # The terminal sends escape and a letter within ESCDELAY as one key: alt+letter.
        await pilot.press(f"alt+{key}")
        await pilot.pause(0.3)
        assert app.focused is app.article_list
        assert app.article_list.cursor == cursor + step
