"""Size is a non-event: the list is one virtual widget; a huge article opens at once."""

from __future__ import annotations

import random
from pathlib import Path

from reader.library import Article
from reader.session import Session
from reader.tui.widgets.article_list import ArticleList

from support.articles import article_file
from support.tui import make_app, ready, screen_lines

WORDS = [
    "policy",
    "public",
    "service",
    "community",
    "value",
    "social",
    "enterprise",
    "council",
    "housing",
    "health",
    "budget",
    "reform",
    "evidence",
    "outcome",
    "local",
    "government",
    "charity",
    "funding",
    "review",
]


def synthetic(n: int) -> list[Article]:
    rng = random.Random(7)
    return [
        Article(
            id=f"a{i:06d}",
            title=f"Article {i:06d} on {rng.choice(WORDS)}",
            path=f"/nonexistent/a{i}.md",
            author=f"Author {i % 97}",
            date=f"{2000 + i % 25}-{1 + i % 12:02d}-01",
            categories=(f"Category {i % 13}",),
            tags=(rng.choice(WORDS),),
        )
        for i in range(n)
    ]


async def test_ten_thousand_articles_are_one_widget(session: Session) -> None:
    articles = synthetic(10_000)
    session.catalog.articles = articles
    session.catalog.by_id = {a.id: a for a in articles}
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        lst = app.query_one(ArticleList)
        assert len(lst.articles) == 10_000
        assert len(lst.children) == 0  # no widget per row
        assert len(list(app.screen.walk_children())) < 120  # the whole screen, all panes
        assert lst.virtual_size.height == 10_000
        await pilot.press("G")
        await pilot.pause()
        assert lst.cursor == 9_999
        assert "Article" in screen_lines(lst)[-1]
        await pilot.press("g", "pagedown", "pagedown")
        await pilot.pause()
        assert lst.cursor > 10


async def test_hundred_thousand_word_article_first_frame(tmp_path: Path, open_session) -> None:
    rng = random.Random(3)
    paragraphs = []
    words = 0
    while words < 100_000:
        size = rng.randint(60, 160)
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(size)) + ".")
        words += size
    lib = tmp_path / "big"
    article_file(lib, "big", "A very long report", "\n\n".join(paragraphs), date="2024-01-01")
    session = open_session(lib)
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        # Counted, not timed: only the lines in view are ever styled and drawn.
        drawn: set[int] = set()
        line_text = app.reader._line_text

        def counting(y: int, base):  # type: ignore[no-untyped-def]
            drawn.add(y)
            return line_text(y, base)

        app.reader._line_text = counting  # type: ignore[method-assign]
        app.open_article("big")
        await pilot.pause()
        height = app.reader.scrollable_content_region.height
        assert "A very long report" in "\n".join(screen_lines(app.reader))
        assert len(app.reader.text_layout.lines) > 5_000
        assert 0 < len(drawn) <= height
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause()
        assert min(drawn) == 0 and max(drawn) > 10 * height
        assert len(drawn) <= 21 * height  # each page drawn once at most, never the whole text


async def test_big_library_opens_on_a_preview(tmp_path: Path, open_session, monkeypatch) -> None:
    """The first frame shows the newest articles at once; the whole list follows from the
    background scan, and an article outside the preview opens all the same."""
    from reader import session as session_mod

    lib = tmp_path / "lib"
    for year in range(2001, 2013):
        article_file(lib, f"y{year}", f"Article of {year}", f"Text of {year}.", date=str(year))
    open_session(lib)  # builds the index
    monkeypatch.setattr(session_mod, "PREVIEW_FROM", 5)
    monkeypatch.setattr(session_mod, "PREVIEW_SIZE", 4)
    session = open_session(lib, refresh=False)
    assert not session.catalog.loaded and len(session.catalog.articles) == 4
    app = make_app(session, open_id="y2001")
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.reader.article is not None and app.reader.article.id == "y2001"
        assert session.catalog.loaded
        lst = app.query_one(ArticleList)
        assert len(lst.articles) == 12
        assert session.state("y2001").read == "started"


async def test_first_index_build_in_worker_processes_inside_the_app(
    tmp_path: Path, open_session, monkeypatch
) -> None:
    """A big first build parses in worker processes; inside a running app (where Textual has
    replaced sys.stderr) starting them once failed with "bad value(s) in fds_to_keep" and
    the library stayed empty."""
    from reader import index as index_mod

    monkeypatch.setattr(index_mod, "POOL_THRESHOLD", 5)
    lib = tmp_path / "lib"
    for n in range(8):
        article_file(lib, f"a{n}", f"Article {n}", f"Text {n}.", date="2020")
    session = open_session(lib, refresh=False)
    assert session.catalog.articles == []
    app = make_app(session)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert len(session.catalog.articles) == 8
        assert len(app.query_one(ArticleList).articles) == 8
