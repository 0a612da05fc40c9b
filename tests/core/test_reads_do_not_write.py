"""Reading an article is a read: a catalog lookup never re-indexes, a command reads its article
once, and bringing the index up to date is an explicit step (`refresh_article`, `refresh`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import reader.catalog
from reader.session import Session


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The article files read (`parse_file`) by the catalog."""
    seen: list[str] = []
    real = reader.catalog.parse_file

    def counting(path: str, root: str = ""):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path, root)

    monkeypatch.setattr(reader.catalog, "parse_file", counting)
    return seen


def indexed_hash(session: Session, article_id: str) -> str | None:
    catalog = session.catalog
    for index in catalog.indexes:
        file_id = index.owner_of(article_id)
        if file_id is not None:
            row = index.row_by_id(file_id)
            return row.hash if row else None
    return None


def test_reading_a_changed_article_leaves_the_index_as_it_was(
    lib: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    open_session: Callable[..., Session],
) -> None:
    put(lib, "a.md", md("Before", body="The old words of the article.\n", id="a"))
    session = open_session(lib)
    before = indexed_hash(session, "a")
    put(lib, "a.md", md("After", body="The new words of the article.\n", id="a"))

    art, doc = session.catalog.document("a")

    assert "new words" in doc.text and art.title == "After"  # the file as it is now
    assert indexed_hash(session, "a") == before  # ... and the index untouched
    assert session.catalog.get("a").title == "Before"
    assert [h.article.id for h in session.catalog.search("old")] == ["a"]

    new = session.catalog.refresh_article("a", doc)  # the explicit step

    assert new is not None and new.title == "After"
    assert indexed_hash(session, "a") == art.content_hash
    assert session.catalog.search("old") == []


def test_opening_a_changed_article_brings_its_index_entry_up_to_date(
    lib: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    open_session: Callable[..., Session],
) -> None:
    put(lib, "a.md", md("Before", body="Old words.\n", id="a"))
    open_session(lib).close()  # indexed
    session = open_session(lib, refresh=False)  # as the reader opens: on the index alone
    put(lib, "a.md", md("After", body="New words.\n", id="a"))

    art, doc, _state = session.open_article("a")

    assert art.title == "After" and "New words" in doc.text
    assert session.catalog.get("a").title == "After"
    assert indexed_hash(session, "a") == art.content_hash


def test_quoting_reads_the_article_once(
    lib: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    open_session: Callable[..., Session],
    reads: list[str],
) -> None:
    put(lib, "a.md", md("A", body='She said "we will end rough sleeping by 2024" then.\n', id="a"))
    session = open_session(lib)
    session.quotes("a")  # quotations found and cached, as after any earlier read
    reads.clear()

    quote = session.highlight_text("a", "She said")

    assert quote.kind == "highlight" and quote.text == "She said"
    assert len(reads) == 1, reads
