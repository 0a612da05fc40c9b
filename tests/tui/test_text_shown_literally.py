"""Article data is shown, never interpreted: markup stays literal; a read-only store is survivable."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from reader.session import Session

from support.articles import article_file
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)
HOSTILE_TITLE = "[bold red]Loud[/] and [@click=app.quit]click me[/]"
HOSTILE_BODY = """Intro with [bold red]markup[/bold red] and [@click=app.quit]a click[/] and [link=https://x.example]a link[/link].

> “A quotation with [b]brackets[/b] inside it, long enough to count”

- a list item with [i]tags[/i]

Control: bell\x07 escape\x1b[31m red \x1b]0;title\x07 done.
"""


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "hostile"
    article_file(
        lib,
        "hostile",
        HOSTILE_TITLE,
        HOSTILE_BODY,
        author="[i]Author[/i]",
        date="2022-02-02",
        categories="[red]Category[/red]",  # type: ignore[arg-type]
        publisher="[dim]Pub[/dim]",
        excerpt=True,  # type: ignore[arg-type]
        source_url="javascript:alert(1)",
    )
    return lib


async def test_markup_in_article_is_shown_literally(tmp_path: Path, open_session) -> None:
    session = open_session(_library(tmp_path))
    article = session.catalog.get("hostile")
    assert article.title == HOSTILE_TITLE
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        row = screen_lines(app.article_list)[0]
        assert "[bold red]Loud[/] and [@click=app.quit]" in row
        assert "[i]Author[/i]" in row
        # The tree shows the category name as it is written.
        labels = [str(n.label) for n in app.library_tree.root.children[0].children]
        assert labels == ["[red]Category[/red]  1/1"]
        await pilot.press("enter")
        await pilot.pause()
        raw = "\n".join(screen_lines(app.reader))
        text = " ".join(raw.split())  # lines wrap at the pane's width
        assert HOSTILE_TITLE in text
        assert "[bold red]markup[/bold red]" in text
        assert "[@click=app.quit]a click[/]" in text
        assert "[link=https://x.example]a link[/link]" in text
        assert "[i]tags[/i]" in text
        assert "\x1b" not in raw and "\x07" not in raw
        assert "Excerpt — read the full article at javascript:alert(1)" in text
        assert HOSTILE_TITLE in app.status_line.message  # "Opened “...”"
        # Clicking on the literal [@click=app.quit] text runs nothing.
        layout = app.reader.text_layout
        y, x = next(
            (i, ln.literal.index("[@click"))
            for i, ln in enumerate(layout.lines)
            if ln.literal and "[@click=app.quit]" in ln.literal
        )
        await pilot.click("#reader", offset=(x + 2, y))
        await pilot.pause()
        assert app.is_running
        # And the source link is not opened: it is not http(s).
        await pilot.press("o")
        assert "Only http and https" in app.status_line.message


async def test_markup_in_a_note_and_quote_is_literal(tmp_path: Path, open_session) -> None:
    session = open_session(_library(tmp_path))
    app = make_app(session, open_id="hostile", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("tab")
        assert app.focused is app.quotes_pane
        quote = app.quotes_pane.current
        assert "[b]brackets[/b]" in quote.text
        await pilot.press("n")
        await pilot.pause()
        note = "[bold]loud[/bold] [@click=app.quit]x[/]"
        await pilot.press(*note, "ctrl+s")
        await pilot.pause()
        assert session.store.quote(quote.id).note == note
        lines = "\n".join(screen_lines(app.quotes_pane))
        assert "[b]brackets[/b]" in lines
        assert "✎ [bold]loud[/bold]" in lines  # the note wraps to the pane
        assert "[@click=app.quit]x[/]" in lines
        await pilot.press("d")  # a quotation: refused, with the quote's words kept literal
        await pilot.pause()
        assert app.is_running


async def test_search_snippets_and_hits_are_literal(tmp_path: Path, open_session) -> None:
    session = open_session(_library(tmp_path))
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"markup")
        await pilot.pause(0.2)
        await app.screen.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one("#search-hits")
        assert len(hits.hits) == 1
        lines = "\n".join(screen_lines(hits, 3))
        assert "[bold red]Loud[/]" in lines


async def test_read_only_store_shows_the_reason_and_keeps_going(session: Session) -> None:
    session.store.readonly = "the data folder is read-only: the change was not saved"
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        aid = app.article_list.current.id
        await pilot.press("b")
        assert "read-only" in app.status_line.message
        await pilot.press("r", "enter")
        await pilot.pause()
        assert app.reader.article_id == aid  # reading works
        await pilot.press("v", "enter")  # a highlight cannot be saved: said, not crashed
        await pilot.pause()
        assert "read-only" in app.status_line.message
        await pilot.press("shift+tab", "shift+tab", "plus")  # a setting cannot be saved
        await pilot.pause()
        assert app.is_running
        message = app.query_one("#status-message", Static)
        assert message.has_class("-error")
    assert session.store.article_state(aid).bookmarked is False
