"""The reader's side of adding from the web: the "Add article" dialog (`a`) and `F`."""

from __future__ import annotations

from pathlib import Path

from reader.tui.app import PolicyReaderApp
from reader.tui.commands import commands
from reader.tui.screens.add import AddArticleScreen

from . import feedgen
from .conftest import Route

SIZE = (120, 40)
DATA = Path(__file__).parent / "data"
ID = "housing-first-in-scotland-what-the-evaluation-found"


async def _ready(pilot) -> None:  # noqa: ANN001
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_add_dialog_adds_an_article_that_appears_unread(
    server, open_session, own_library
) -> None:
    server.routes["/post"] = Route((DATA / "page.html").read_bytes())
    session = open_session(bundled=True)
    app = PolicyReaderApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, AddArticleScreen)
        await pilot.press(*"nope")  # not an address or a file: the dialog says so and stays
        await pilot.press("enter")
        assert isinstance(app.screen, AddArticleScreen)
        app.screen.query_one("#add-source").value = server.url("/post")
        app.screen.query_one("#add-categories").value = "Housing, Scotland"
        await pilot.press("enter")
        await _ready(pilot)
        await _ready(pilot)
        assert not isinstance(app.screen, AddArticleScreen)
        ids = [a.id for a in app.article_list.articles]
        assert ID in ids
        art = session.catalog.by_id[ID]
        assert art.categories == ("Housing", "Scotland")
        assert session.is_unread(art)
        assert "Added: Housing first in Scotland" in app.status_line.message
    assert (own_library / "Housing first in Scotland what the evaluation found.md").exists()


async def test_escape_cancels_the_dialog(open_session, own_library) -> None:
    app = PolicyReaderApp(open_session(bundled=True))
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("a")
        await pilot.press("escape")
        assert not isinstance(app.screen, AddArticleScreen)
    assert not own_library.exists()


async def test_F_fetches_the_feeds(server, open_session, run_main, own_library) -> None:
    server.routes["/feed.xml"] = Route(
        feedgen.rss2(server.url(""), 3, full=True), content_type="application/rss+xml"
    )
    assert run_main("feeds", "add", server.url("/feed.xml")).returncode == 0
    session = open_session(bundled=True)
    app = PolicyReaderApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await _ready(pilot)
        await pilot.press("F")
        await _ready(pilot)
        await _ready(pilot)
        ids = {a.id for a in app.article_list.articles}
        assert {"post-number-0", "post-number-1", "post-number-2"} <= ids
        assert "1 feed: 3 new, 0 updated, 0 failed" in app.status_line.message


def test_in_the_palette() -> None:
    names = {name: action for name, _, action in commands({})}
    assert names["Add article"] == "app.add_article"
    assert names["Fetch feeds"] == "app.fetch_feeds"
