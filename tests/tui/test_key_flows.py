"""Pilot tests of each key flow, asserting on the state that results (store, focus, panes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.screens.export import ExportScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.reading_pane import ReadingPane
from reader.types import SearchHit

from support.articles import BUNDLED_IDS, CO_PRODUCTION, SOCIAL_VALUE, article_file
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)


async def test_starts_with_the_library_from_an_empty_index(open_session) -> None:
    # First run: the index is empty at start; the list fills when the scan worker finishes.
    session = open_session(bundled=True, refresh=False)
    assert session.catalog.articles == []
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert {a.id for a in app.article_list.articles} == BUNDLED_IDS
        assert app.focused is app.article_list
        root = app.library_tree.root
        assert str(root.label) == "All articles  4/4"
        categories = root.children[0]
        entries = {str(child.label) for child in categories.children}
        assert "Criminal justice  1/1" in entries
        assert "Public services  2/2" in entries
        assert app.status_line.message == "Library ready: 4 articles"


async def test_tree_filters_the_list(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("shift+tab")  # list -> tree
        assert app.focused is app.library_tree
        # root, Categories, Community development, Criminal justice
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert app.facet == ("category", "Criminal justice")
        assert [a.id for a in app.article_list.articles] == [CO_PRODUCTION]
        await pilot.press("g", "enter")  # back to All articles
        await pilot.pause()
        assert len(app.article_list.articles) == 4


async def test_enter_opens_article_marks_started_and_focuses_reader(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        first = app.article_list.current
        assert first is not None
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article_id == first.id
        assert isinstance(app.focused, ReadingPane)
        assert session.store.article_state(first.id).read == "started"
        text = "\n".join(screen_lines(app.reader))
        assert first.title in text


async def test_list_keys_move_the_cursor(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        lst = app.article_list
        await pilot.press("j")
        assert lst.cursor == 1
        await pilot.press("G")
        assert lst.cursor == 3
        await pilot.press("k")
        assert lst.cursor == 2
        await pilot.press("g")
        assert lst.cursor == 0
        await pilot.press("pagedown")
        assert lst.cursor == 3
        await pilot.press("pageup")
        assert lst.cursor == 0


async def test_click_selects_and_double_click_opens(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.click("#articles", offset=(10, 2))
        await pilot.pause()
        assert app.article_list.cursor == 2
        assert app.reader.article is None
        await pilot.click("#articles", offset=(10, 1), times=2)
        await pilot.pause()
        assert app.reader.article_id == app.article_list.articles[1].id


async def test_long_article_position_is_saved_and_restored(tmp_path: Path, open_session) -> None:
    lib = tmp_path / "lib"
    paragraphs = [f"Paragraph {n} says something sensible about policy. " * 6 for n in range(200)]
    article_file(
        lib,
        "long",
        "A long article",
        "\n\n".join(paragraphs),
        author="A. Writer",
        date="2020-01-01",
    )
    session = open_session(lib)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "pagedown", "j", "j")
        await pilot.pause()
        top = app.reader.top_offset()
        assert top > 0
        await pilot.press("q")
    state = session.store.article_state("long")
    assert state.position == top
    assert state.read == "started"
    assert 0 < state.progress < 100

    # A new app (as after a restart) opens the article where it was left.
    session2 = open_session(lib, refresh=False)
    app2 = make_app(session2, open_id="long", refresh_catalog=False)
    async with app2.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app2.reader.article_id == "long"
        assert app2.reader.top_offset() == top


async def test_position_is_saved_after_scrolling_stops(tmp_path: Path, open_session) -> None:
    lib = tmp_path / "lib"
    article_file(lib, "long", "Long", "\n\n".join(["Words and more words. " * 8] * 120))
    session = open_session(lib)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "pagedown")
        await pilot.pause(0.8)  # the debounced save fires
        assert session.store.article_state("long").position == app.reader.top_offset() > 0


async def test_reaching_the_end_marks_read(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.tui.widgets import reading_pane

    monkeypatch.setattr(reading_pane, "END_DWELL", 0.2)  # G: read once the end stays in view
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert session.store.article_state(CO_PRODUCTION).read == "started"
        await pilot.press("G")
        await pilot.pause(0.5)
        assert session.store.article_state(CO_PRODUCTION).read == "read"


async def test_short_article_is_read_when_moving_past_its_end(session: Session) -> None:
    app = make_app(session, open_id=SOCIAL_VALUE, refresh_catalog=False)
    async with app.run_test(size=(200, 60)) as pilot:
        await ready(pilot)
        assert app.reader.max_scroll_y == 0
        assert session.store.article_state(SOCIAL_VALUE).read == "started"
        await pilot.press("space")
        await pilot.pause()
        assert session.store.article_state(SOCIAL_VALUE).read == "read"


async def test_r_toggles_read_and_b_bookmarks(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        aid = app.article_list.current.id
        await pilot.press("r")
        assert session.store.article_state(aid).read == "read"
        await pilot.press("r")
        assert session.store.article_state(aid).read == "unread"
        await pilot.press("b")
        assert session.store.article_state(aid).bookmarked
        # In the reading pane, b acts on the open article.
        await pilot.press("j", "enter")
        await pilot.pause()
        opened = app.reader.article_id
        assert opened != aid
        await pilot.press("b")
        assert session.store.article_state(opened).bookmarked
        await pilot.press("b")
        assert not session.store.article_state(opened).bookmarked
        assert "★" in screen_lines(app.article_list)[0]


async def test_quotes_pane_lists_quotations_and_enter_scrolls_to_one(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        quotes = app.quotes_pane.quotes
        assert len(quotes) == 4
        assert [q.start for q in quotes] == sorted(q.start for q in quotes)
        await pilot.press("tab")
        assert app.focused is app.quotes_pane
        await pilot.press("G", "enter")
        await pilot.pause()
        target = quotes[-1].start
        layout = app.reader.text_layout
        y = layout.line_at_offset(target)
        top = int(app.reader.scroll_offset.y)
        assert top <= y < top + app.reader.scrollable_content_region.height


async def test_b_in_quotes_pane_bookmarks_the_quote_and_n_edits_its_note(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        quote = app.quotes_pane.current
        await pilot.press("b")
        assert session.store.quote(quote.id).bookmarked
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"worth citing", "ctrl+s")
        await pilot.pause()
        assert session.store.quote(quote.id).note == "worth citing"
        assert app.quotes_pane.current.note == "worth citing"
        # Escape, and discarding the change when asked, leaves the note as it was.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert session.store.quote(quote.id).note == "worth citing"
        assert app.focused is app.quotes_pane


async def test_y_copies_the_quote_with_its_citation(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab", "y")
        copied = app.clipboard
        quote = app.quotes_pane.current
        assert quote.text in copied
        # In the default citation style (APA 7th).
        assert "Jackson, R. (2015, November)" in copied
        assert "Co-production in the criminal justice" in copied


async def test_v_selects_sentences_and_enter_saves_a_highlight(session: Session) -> None:
    from reader.text import sentences

    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        assert app.reader.sentence_selection == (0, 0)
        await pilot.press("j", "j", "k")
        assert app.reader.sentence_selection == (0, 1)
        await pilot.press("enter")
        await pilot.pause()
        _, doc = session.catalog.document(CO_PRODUCTION)
        spans = sentences(doc)
        expected = doc.text[spans[0][0] : spans[1][1]]
        saved = [q for q in session.store.quotes(CO_PRODUCTION) if q.kind == "highlight"]
        assert [q.text for q in saved] == [expected]
        assert saved[0].bookmarked
        assert app.reader.sentence_selection is None
        assert any(q.kind == "highlight" for q in app.quotes_pane.quotes)


async def test_v_starts_at_the_first_sentence_in_view_and_escape_cancels(session: Session) -> None:
    from reader.text import sentences

    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("pagedown")
        top = app.reader.top_offset()
        await pilot.press("v")
        first, _ = app.reader.sentence_selection
        _, doc = session.catalog.document(CO_PRODUCTION)
        spans = sentences(doc)
        assert spans[first][0] >= top
        assert first == 0 or spans[first - 1][0] < top
        await pilot.press("escape")
        assert app.reader.sentence_selection is None
        assert isinstance(app.focused, ReadingPane)  # escape cancelled; it did not leave
        assert not [q for q in session.store.quotes(CO_PRODUCTION) if q.kind == "highlight"]


async def test_mouse_selection_then_h_saves_it(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        reader = app.reader
        layout = reader.text_layout
        y = next(
            i for i, ln in enumerate(layout.lines) if ln.kind == "text" and ln.end - ln.start > 30
        )
        line = layout.lines[y]
        x0 = layout.margin + len(line.prefix)
        region = reader.content_region
        start = (region.x + x0 + 4, region.y + y)
        end = (region.x + x0 + 20, region.y + y)
        await pilot.mouse_down(offset=start)
        await pilot.hover(offset=end)
        await pilot.mouse_up(offset=end)
        await pilot.pause()
        assert reader.text_selection is not None
        span = reader.selection_span(reader.text_selection)
        _, doc = session.catalog.document(CO_PRODUCTION)
        assert span == (line.start + 4, line.start + 21)
        await pilot.press("h")
        await pilot.pause()
        saved = [q for q in session.store.quotes(CO_PRODUCTION) if q.kind == "highlight"]
        assert len(saved) == 1
        assert saved[0].text == doc.text[line.start + 4 : line.start + 21].strip()
        assert reader.text_selection is None


async def test_h_without_a_selection_says_how(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert "Select text with the mouse" in app.status_line.message
        assert not session.store.quotes(CO_PRODUCTION)


async def test_d_deletes_a_highlight_after_confirmation(session: Session) -> None:
    quote = session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        app.quotes_pane.select_id(quote.id)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # "no" keeps it
        await pilot.pause()
        assert session.store.quote(quote.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert session.store.quote(quote.id) is None
        assert all(q.id != quote.id for q in app.quotes_pane.quotes)
        # A detected quotation cannot be deleted.
        app.quotes_pane.move_cursor(0)
        await pilot.press("d")
        await pilot.pause()
        assert "Only your own highlights" in app.status_line.message


async def test_search_as_you_type_and_enter_opens_hit_with_terms(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"slingshot")
        await pilot.pause(0.2)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#search-hits").hits
        # The article first; then the quotations that say it (listed as quote hits).
        assert [h.article.id for h in hits if isinstance(h, SearchHit)] == [CO_PRODUCTION]
        assert isinstance(hits[0], SearchHit)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article_id == CO_PRODUCTION
        assert isinstance(app.focused, ReadingPane)
        _, doc = session.catalog.document(CO_PRODUCTION)
        first = doc.text.lower().index("slingshot")
        layout = app.reader.text_layout
        top = int(app.reader.scroll_offset.y)
        assert top <= layout.line_at_offset(first) < top + app.reader.size.height
        assert app.reader._terms.spans[0][0] == first


async def test_search_escape_closes_without_opening(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"prison", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert app.reader.article is None


async def test_find_in_article_then_n_and_N(session: Session) -> None:
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+f")
        assert app.focused is app.main.find_bar
        await pilot.press(*"prison", "enter")
        await pilot.pause()
        reader = app.reader
        assert isinstance(app.focused, ReadingPane)
        assert reader.find_count >= 3
        assert reader.find_index == 0
        await pilot.press("n")
        assert reader.find_index == 1
        await pilot.press("N", "N")
        assert reader.find_index == reader.find_count - 1
        await pilot.press("escape")  # clears the find
        assert reader.find_count == 0


async def test_export_dialog_writes_the_bookmarked_quotes(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import paths

    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(paths, "default_export_dir", lambda: out)
    quote = session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path")
        assert path_input.value == str(out / "policyreader-quotes.md")
        await pilot.press("down", "enter")  # format: JSON
        await pilot.pause()
        assert path_input.value == str(out / "policyreader-quotes.json")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert path_input.value == str(out / "policyreader-quotes.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        written = (out / "policyreader-quotes.md").read_text(encoding="utf-8")
        assert quote.text in written
        assert "Exported 1 quote" in app.status_line.message


async def test_export_dialog_keeps_errors_in_the_dialog(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader import paths

    monkeypatch.setattr(paths, "default_export_dir", lambda: tmp_path / "missing")
    session.highlight_text(CO_PRODUCTION, "The women-only centre offers a safe space")
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        error = str(app.screen.query_one("#export-error").visual)
        assert "does not exist" in error
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert not (tmp_path / "missing").exists()


async def test_o_opens_only_http_links(
    tmp_path: Path, open_session, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = tmp_path / "lib"
    article_file(
        lib, "web", "On the web", "Text.", source_url="https://example.org/a", date="2021-01-01"
    )
    article_file(
        lib, "local", "A local file", "Text.", source_url="file:///etc/passwd", date="2020-01-01"
    )
    session = open_session(lib)
    opened: list[str] = []
    monkeypatch.setattr("reader.links.browser_available", lambda: True)
    monkeypatch.setattr(
        PolicyReaderApp, "open_url", lambda self, url, new_tab=True: opened.append(url)
    )
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.article_list.current.id == "web"
        await pilot.press("o")
        assert opened == ["https://example.org/a"]
        await pilot.press("j", "o")
        assert opened == ["https://example.org/a"]
        assert "Only http and https" in app.status_line.message


async def test_help_screen_lists_the_keys(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").visual)
        for key in (
            "ctrl+f",
            "v ",
            "h ",
            "b ",
            "n ",
            "y ",
            "d ",
            "r ",
            "e ",
            "o ",
            "/ ",
            "ctrl+p",
            "tab",
            "[ ",
            "] ",
        ):
            assert key in text, key
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_an_action(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        aid = app.article_list.current.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert session.store.article_state(aid).read == "read"


async def test_tab_cycles_panes_and_toggles_hide_them(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        seen = []
        for _ in range(4):
            seen.append(app.active_pane)
            await pilot.press("tab")
            await pilot.pause()
        assert seen == ["list", "reader", "quotes", "tree"]
        assert app.active_pane == "list"  # round again
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert not app.library_tree.display
        await pilot.press("shift+tab", "shift+tab")
        assert app.active_pane == "reader"  # list -> quotes -> reader, no tree


async def test_narrow_terminal_shows_one_pane_at_a_time(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert app.query_one("#list-pane").display
        assert not app.library_tree.display
        assert not app.query_one("#read-area").display
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.article is not None
        assert app.query_one("#reader-col").display
        assert not app.query_one("#list-pane").display
        assert isinstance(app.focused, ReadingPane)
        await pilot.press("escape")  # back to the list
        await pilot.pause()
        assert app.query_one("#list-pane").display
        assert app.focused is app.article_list


async def test_theme_and_pane_sizes_persist(open_session: Callable[..., Session]) -> None:
    session = open_session(bundled=True)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "nord"
        await pilot.pause()
        await pilot.press("shift+tab")  # the tree
        await pilot.press("plus", "plus")
        await pilot.press("right_square_bracket")  # hide the quotes pane
        await pilot.pause()
        width = app.sizes["tree"]
    session2 = open_session(bundled=True, refresh=False)
    app2 = make_app(session2, refresh_catalog=False)
    async with app2.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app2.theme == "nord"
        assert app2.sizes["tree"] == width == 38  # 34 by default, two steps larger
        assert app2.library_tree.outer_size.width == 38
        assert not app2.quotes_pane.display


async def test_open_id_that_does_not_exist_says_so(session: Session) -> None:
    app = make_app(session, open_id="no-such-article", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.reader.article is None
        assert "no-such-article" in app.status_line.message


async def test_quit_keys(session: Session) -> None:
    for key in ("q", "ctrl+q"):
        app = make_app(session, refresh_catalog=False)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            await pilot.press(key)
            await pilot.pause()
        assert app.return_code == 0


def test_run_entry_point(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.tui import app as app_module
    from reader.tui import launch

    seen: dict[str, object] = {}

    def fake_run(self: PolicyReaderApp) -> int:
        seen["articles"] = len(self.session.catalog.articles)
        seen["open_id"] = self.open_id
        return 0

    monkeypatch.setattr(app_module.PolicyReaderApp, "run", fake_run)
    code = launch.run(articles=None, no_bundled=False, data_dir=None, open_id="x")
    assert code == 0
    assert seen == {"articles": 0, "open_id": "x"}  # the index is read, not built, before start


async def test_lists_never_show_a_sideways_scrollbar(session: Session) -> None:
    """Rows are cut to the list's width, so when a vertical scrollbar appears (more rows than
    fit) the one column it takes must not bring a horizontal one with it."""
    app = make_app(session, open_id=CO_PRODUCTION, refresh_catalog=False)
    async with app.run_test(size=(120, 24)) as pilot:
        await ready(pilot)
        quotes = app.quotes_pane
        assert quotes.max_scroll_y > 0  # more quotations than fit: a vertical scrollbar
        assert not quotes.show_horizontal_scrollbar and quotes.max_scroll_x == 0
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"social")
        await pilot.pause(0.2)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#search-hits")
        assert hits.max_scroll_y > 0
        assert not hits.show_horizontal_scrollbar and hits.max_scroll_x == 0


async def test_tree_counts_unread_as_never_opened_and_shows_started(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # opens the first article: started
        await app.workers.wait_for_complete()
        await pilot.pause()
        unread = len(session.list_articles(unread=True))
        assert unread == 3
        assert str(app.library_tree.root.label) == f"All articles  {unread}/4 ◐1"
