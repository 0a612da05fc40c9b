"""The first frame shows the whole library: the list's rows and the tree with every facet and
its counts, for a big library too (from the counts its index keeps, before any worker runs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader import session as session_mod
from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.widgets.article_list import ArticleList
from reader.tui.widgets.library_tree import LibraryTree

from support.tui import make_app


def tree_text(tree: LibraryTree) -> list[str]:
    out = [str(tree.root.label)]
    for group in tree.root.children:
        out.append(str(group.label))
        out += ["  " + str(leaf.label) for leaf in group.children]
    return out


async def test_a_big_library_shows_every_facet_with_counts_in_its_first_frame(
    lib: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for n in range(12):
        put(
            lib,
            f"a{n}.md",
            md(
                f"Article {n}",
                id=f"a{n}",
                categories=f"[Cat {n % 3}]",
                tags=f"[tag{n % 4}]",
                author=f"Author {n % 2}",
                date=f"{2010 + n % 5}-01-01",
            ),
        )
    data = tmp_path / "data"
    built = Session.open(articles=[str(lib)], no_bundled=True, data_dir=str(data))
    built.mark("a0", "read")
    built.close()
    monkeypatch.setattr(session_mod, "PREVIEW_FROM", 5)  # a "big" library: opens on a preview
    monkeypatch.setattr(session_mod, "PREVIEW_SIZE", 5)
    session = Session.open(articles=[str(lib)], no_bundled=True, data_dir=str(data), refresh=False)
    assert not session.catalog.loaded
    # No worker after the first frame: what shows is what the first frame had.
    monkeypatch.setattr(PolicyReaderApp, "_start_background", lambda self: None)
    app = make_app(session, refresh_catalog=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert app.query_one(ArticleList).row_count == 5
            shown = tree_text(app.query_one(LibraryTree))
    finally:
        session.close()
    assert shown[0] == "All articles  11/12"
    assert "Categories (3)" in shown and "  Cat 0  3/4" in shown
    assert "Tags (4)" in shown and "  tag0  2/3" in shown
    assert "Authors (2)" in shown and "  Author 0  5/6" in shown
    assert "Years (5)" in shown and "  2010  2/3" in shown
