"""A big library opens on a preview (the newest articles); everything that looks one article
up works before the whole catalog is built."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import session as session_mod
from reader.session import Session


def _library(lib: Path, put, md) -> None:
    for year in range(2001, 2011):
        put(
            lib,
            f"y{year}.md",
            md(
                f"Article of {year}",
                f"Text of {year}. “A quotation of three words” here.\n",
                date=f'"{year}"',
            ),
        )


def test_preview_holds_the_newest_and_finds_the_rest(lib: Path, put, md, monkeypatch) -> None:
    _library(lib, put, md)
    Session.open(articles=[str(lib)], no_bundled=True).close()  # builds the index
    monkeypatch.setattr(session_mod, "PREVIEW_FROM", 3)
    monkeypatch.setattr(session_mod, "PREVIEW_SIZE", 3)
    s = Session.open(articles=[str(lib)], no_bundled=True, refresh=False)
    try:
        cat = s.catalog
        assert not cat.loaded
        assert [a.id for a in cat.articles] == ["y2010", "y2009", "y2008"]
        assert cat.total == 10
        old = "y2001"
        assert old not in cat.by_id
        assert cat.get(old).title == "Article of 2001"
        art, doc, state = s.open_article(old)
        assert "Text of 2001" in doc.text and state.read == "started"
        quotes = s.quotes(old)
        assert [q.text for q in quotes] == ["A quotation of three words"]
        assert not quotes[0].orphaned
        h = s.highlight_text(old, "Text of 2001")
        assert [q.id for q in s.quotes(old) if q.kind == "highlight"] == [h.id]
        assert [h.article.id for h in cat.search("2001")] == [old]
        cat.refresh()
        assert cat.loaded and len(cat.articles) == 10 and cat.total == 10
    finally:
        s.close()


def test_preview_keeps_one_file_per_id(tmp_path: Path, put, md, monkeypatch) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for root in (first, second):
        put(root, "same.md", md(f"From {root.name}", date='"2020"'))
        put(root, f"only-{root.name}.md", md(f"Only in {root.name}", date='"2019"'))
    Session.open(articles=[str(first), str(second)], no_bundled=True).close()
    monkeypatch.setattr(session_mod, "PREVIEW_FROM", 1)
    monkeypatch.setattr(session_mod, "PREVIEW_SIZE", 2)
    s = Session.open(articles=[str(first), str(second)], no_bundled=True, refresh=False)
    try:
        titles = [a.title for a in s.catalog.articles]
        assert titles.count("From first") == 1 and "From second" not in titles
        assert s.catalog.get("same").title == "From first"
    finally:
        s.close()


@pytest.mark.parametrize("count", [0, 1])
def test_small_libraries_load_whole(lib: Path, put, md, count: int) -> None:
    for i in range(count):
        put(lib, f"a{i}.md", md(f"A{i}"))
    Session.open(articles=[str(lib)], no_bundled=True).close()
    s = Session.open(articles=[str(lib)], no_bundled=True, refresh=False)
    try:
        assert s.catalog.loaded and s.catalog.total == count
    finally:
        s.close()
