"""The article list's sort (`s`, kept between runs) and read-state filter (`u`), with the tree's
facet: Pilot tests asserting on the list, its header and the saved setting."""

from __future__ import annotations

import os

from reader.session import Session
from reader.tui.listing import SORTS
from reader.tui.widgets.article_list import ArticleHeader

from support.articles import CO_PRODUCTION, SOCIAL_VALUE
from support.tui import make_app, ready

SIZE = (120, 40)


def header(app) -> ArticleHeader:
    return app.main.query_one("#list-header", ArticleHeader)


async def test_s_cycles_the_sorts_and_the_choice_is_kept(session: Session) -> None:
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        by_date = [a.id for a in app.article_list.articles]
        assert by_date == [a.id for a in session.catalog.articles]
        assert header(app).sort == "date"
        await pilot.press("s")
        assert app.main.sort == "title"
        titles = [a.title.casefold() for a in app.article_list.articles]
        assert titles == sorted(titles)
        assert header(app).sort == "title"
        assert "▾" in header(app).render().plain.split("Author")[0]
        assert app.status_line.message.startswith("Sorted by title")
        await pilot.press("s")
        authors = [a.author.casefold() for a in app.article_list.articles]
        assert authors == sorted(authors)
        assert "Author ▾" in header(app).render().plain
        assert session.store.setting("tui.sort") == "author"
    # A new run starts in the saved order.
    again = make_app(session, refresh_catalog=False)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.main.sort == "author"
        assert header(again).sort == "author"
        for _ in range(len(SORTS) - SORTS.index("author")):
            await pilot.press("s")
        assert again.main.sort == "date"  # round the cycle
        assert [a.id for a in again.article_list.articles] == by_date


async def test_progress_and_date_added_orders(session: Session) -> None:
    ids = [a.id for a in session.catalog.articles]
    session.mark(ids[2], "read")
    session.save_position(ids[3], 10, 40)
    session.save_position(ids[1], 20, 70)
    # Date added: the files' modification times, newest first.
    for n, art in enumerate(session.catalog.articles):
        stamp = 1_700_000_000 + n * 1000  # the oldest in date order is the newest added
        os.utime(art.path, (stamp, stamp))
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("s", "s", "s")
        assert app.main.sort == "progress"
        order = [a.id for a in app.article_list.articles]
        assert order == [ids[1], ids[3], ids[0], ids[2]]  # furthest started, unread, read
        assert "State▾" in header(app).render().plain
        await pilot.press("s")
        assert app.main.sort == "added"
        assert [a.id for a in app.article_list.articles] == ids[::-1]
        assert "Added ▾" in header(app).render().plain
        assert app.article_list.date_of is not None


async def test_u_cycles_read_state_filters_within_the_tree_facet(session: Session) -> None:
    session.mark(SOCIAL_VALUE, "read")
    session.bookmark_article(CO_PRODUCTION, True)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("u")
        assert app.main.state_filter == "unread"
        shown = {a.id for a in app.article_list.articles}
        assert SOCIAL_VALUE not in shown and len(shown) == 3
        assert header(app).scope == "All articles · unread"
        assert header(app).count == 3
        assert app.status_line.message.startswith("Showing unread articles: 3")
        await pilot.press("u", "u")
        assert app.main.state_filter == "read"
        assert [a.id for a in app.article_list.articles] == [SOCIAL_VALUE]
        await pilot.press("u")
        assert app.main.state_filter == "bookmarked"
        assert [a.id for a in app.article_list.articles] == [CO_PRODUCTION]
        # The tree's facet and the filter together; the title names both.
        await pilot.press("shift+tab")
        assert app.focused is app.library_tree
        await pilot.press("down", "down", "down", "enter")  # Criminal justice
        await pilot.pause()
        assert app.facet == ("category", "Criminal justice")
        assert [a.id for a in app.article_list.articles] == [CO_PRODUCTION]
        assert header(app).scope == "Criminal justice · bookmarked"
        await pilot.press("u")  # changed: nothing changed yet
        assert app.main.state_filter == "changed"
        assert app.article_list.articles == []
        assert header(app).scope == "Criminal justice · changed"
        await pilot.press("u")  # every read state again
        assert app.main.state_filter == ""
        assert header(app).scope == "Criminal justice"
        assert [a.id for a in app.article_list.articles] == [CO_PRODUCTION]


async def test_palette_rows_sort_and_filter(session: Session) -> None:
    from reader.tui.commands import commands

    names = {name: action for name, _help, action in commands({})}
    assert names["Sort by title"] == "sort('title')"
    assert names["Filter: unread articles only"] == "filter_state('unread')"
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await app.run_action("filter_state('started')", app.main)
        await app.run_action("sort('title')", app.main)
        assert (app.main.state_filter, app.main.sort) == ("started", "title")
        assert app.article_list.articles == []  # nothing opened yet
        assert header(app).scope == "All articles · started"


async def test_opening_a_hidden_article_clears_the_filter(session: Session) -> None:
    session.mark(SOCIAL_VALUE, "read")
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("u")
        assert SOCIAL_VALUE not in {a.id for a in app.article_list.articles}
        assert app.open_article(SOCIAL_VALUE)
        await pilot.pause()
        assert app.main.state_filter == ""
        assert app.article_list.current is not None
        assert app.article_list.current.id == SOCIAL_VALUE


async def test_sort_keys_made_once_per_catalog_load(session: Session, monkeypatch) -> None:
    """Cycling the sorts again and again computes each article's title and author key once;
    a filtered list takes the same order; a new load of the catalog makes the keys anew."""
    from reader.tui import listing

    calls = {"title": 0, "author": 0}

    def counted(name, key):
        def counting(article):
            calls[name] += 1
            return key(article)

        return counting

    monkeypatch.setattr(listing, "title_key", counted("title", listing.title_key))
    monkeypatch.setattr(listing, "author_key", counted("author", listing.author_key))
    count = len(session.catalog.articles)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3 * len(SORTS)):
            await pilot.press("s")
        await pilot.press("u")  # unread: a part of the catalog, in the same kept orders
        await app.run_action("sort('title')", app.main)
        await app.run_action("sort('author')", app.main)
        assert calls == {"title": count, "author": count}
        shown = app.article_list.articles
        assert [a.id for a in shown] == [
            a.id for a in sorted(session.catalog.select(()), key=listing.author_key)
        ]
        # The cursor stays on its article through a change of order.
        app.article_list.select_id(CO_PRODUCTION)
        await app.run_action("sort('title')", app.main)
        assert app.article_list.current is not None
        assert app.article_list.current.id == CO_PRODUCTION
        titles = [a.title.casefold() for a in app.article_list.articles]
        assert titles == sorted(titles)
        session.catalog.load()  # the library read again: new articles, new keys
        app.main.show_articles()
        assert calls["title"] == 2 * count
