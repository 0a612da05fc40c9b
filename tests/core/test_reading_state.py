"""Reading state: the store's schema and migrations, and state kept through a Session."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, StoreError


@pytest.fixture
def store(tmp_path: Path):
    s = Store.open(tmp_path / "data" / "state.sqlite3")
    yield s
    s.close()


def make_schema_1(path: Path) -> None:
    """A state database exactly as version 1 of the schema left it, with some data."""
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[1])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO articles (article_id, read_state, position, progress, bookmarked, "
        "read_hash, title, updated_at) VALUES ('a', 'started', 120, 40, 1, 'h1', 'A', "
        "'2020-01-01T00:00:00Z')"
    )
    db.execute(
        "INSERT INTO quotes (quote_id, article_id, kind, exact, prefix, suffix, start, "
        "end, note, bookmarked, orphaned, created_at, updated_at) VALUES ('hx', 'a', "
        "'highlight', 'some words', 'before ', ' after', 7, 17, 'my note', 1, 0, "
        "'2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')"
    )
    db.commit()
    db.close()


def test_new_store_schema_and_pragmas(store: Store) -> None:
    db = store.db
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.notice == "" and store.readonly == ""


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(
            "INSERT INTO quotes (quote_id, article_id, kind, exact, created_at, "
            "updated_at) VALUES ('q', 'no-such-article', 'highlight', 'x', '', '')"
        )


def test_schema_1_is_migrated_keeping_data_and_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    make_schema_1(path)
    store = Store.open(path)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == 4
        assert "schema 1" in store.notice and "4" in store.notice
        assert not store.readonly
        st = store.article_state("a")
        assert (st.read, st.position, st.progress, st.bookmarked, st.read_hash) == (
            "started",
            120,
            40,
            True,
            "h1",
        )
        q = store.quote("hx")
        assert q is not None
        assert q.status == "anchored" and q.current_text is None
        assert (q.text, q.prefix, q.suffix, q.start, q.end, q.note, q.bookmarked) == (
            "some words",
            "before ",
            " after",
            7,
            17,
            "my note",
            True,
        )
        # the new columns and table exist and work
        cols = {r[1] for r in store.db.execute("PRAGMA table_info(articles)")}
        assert {"opened_at", "bookmarked_at"} <= cols
        store.set_setting("theme", "dark")
        assert store.setting("theme") == "dark"
        store.set_read("a", "read")
    finally:
        store.close()
    backup = tmp_path / "state.sqlite3.schema-1.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT read_state FROM articles").fetchall() == [("started",)]
    assert old.execute("SELECT note FROM quotes").fetchall() == [("my note",)]
    old.close()
    # opening again: no second migration, no notice
    again = Store.open(path)
    assert again.notice == ""
    assert again.article_state("a").read == "read"
    again.close()


def test_read_state_transitions(store: Store) -> None:
    assert store.article_state("a").read == "unread"
    st = store.opened("a", "hash1", "A")
    assert (st.read, st.read_hash) == ("started", "hash1")
    store.set_position("a", 500, 42)
    st = store.article_state("a")
    assert (st.read, st.position, st.progress) == ("started", 500, 42)
    store.set_read("a", "read", content_hash="hash1")
    st = store.article_state("a")
    assert (st.read, st.progress) == ("read", 100)
    # opening a read article leaves it read
    assert store.opened("a", "hash1").read == "read"
    # a position saved on a read article keeps it at 100%
    store.set_position("a", 10, 5)
    assert store.article_state("a").progress == 100
    store.set_read("a", "unread")
    st = store.article_state("a")
    assert (st.read, st.progress, st.position, st.read_hash) == ("unread", 0, 0, None)
    with pytest.raises(StoreError):
        store.set_read("a", "half-read")


def test_progress_is_clamped(store: Store) -> None:
    store.set_position("a", -5, 250)
    st = store.article_state("a")
    assert (st.position, st.progress) == (0, 100)


# --- through a Session ---------------------------------------------------------------------------


def test_session_state_flow(lib: Path, put, md, open_session) -> None:
    put(lib, "a.md", md("A", body="First words of the article.\n"))
    put(lib, "b.md", md("B", body="Other words.\n"))
    s = open_session(lib)
    assert s.state("a").read == "unread"
    assert {a.id for a in s.list_articles(unread=True)} == {"a", "b"}
    _, _, st = s.open_article("a")
    assert st.read == "started"
    assert {a.id for a in s.list_articles(unread=True)} == {"b"}
    s.save_position("a", 12, 30)
    s.bookmark_article("b", True)
    assert [a.id for a in s.list_articles(bookmarked=True)] == ["b"]
    s.close()

    s = open_session(lib)
    st = s.state("a")
    assert (st.read, st.position, st.progress) == ("started", 12, 30)
    assert s.state("b").bookmarked
    s.mark("a", "read")
    assert s.state("a").progress == 100
    assert s.article_json(s.catalog.get("a"))["read"] == "read"
    s.mark("a", "unread")
    assert (s.state("a").read, s.state("a").progress) == ("unread", 0)
    s.bookmark_article("b", False)
    assert s.list_articles(bookmarked=True) == []


def test_changed_since_read(lib: Path, put, md, open_session) -> None:
    put(lib, "a.md", md("A", body="Version one.\n"))
    put(lib, "b.md", md("B", body="Never opened.\n"))
    s = open_session(lib)
    s.mark("a", "read")
    assert not s.article_json(s.catalog.get("a"))["changed"]
    s.close()
    put(lib, "a.md", md("A", body="Version two, edited.\n"))
    put(lib, "b.md", md("B", body="Never opened, edited.\n"))
    s = open_session(lib)
    assert s.article_json(s.catalog.get("a"))["changed"] is True
    assert s.article_json(s.catalog.get("b"))["changed"] is False  # never read: nothing to flag
    s.open_article("a")  # reading it again clears the flag
    assert s.article_json(s.catalog.get("a"))["changed"] is False


def test_deleting_the_cache_loses_nothing(lib: Path, put, md, open_session, isolated_env) -> None:
    put(lib, "a.md", md("A", body="Some words worth keeping for later.\n"))
    s = open_session(lib)
    s.mark("a", "read")
    s.bookmark_article("a", True)
    h = s.highlight_text("a", "worth keeping", note="keep")
    before = [q.to_json() for q in s.quotes()]
    s.close()
    shutil.rmtree(isolated_env.cache_dir)
    s = open_session(lib)
    st = s.state("a")
    assert (st.read, st.bookmarked) == ("read", True)
    assert [q.to_json() for q in s.quotes()] == before
    assert s.quote(h.id).note == "keep"
    assert isolated_env.cache_dir.exists()  # the index was rebuilt


def test_state_lives_in_the_data_dir(
    lib: Path, put, md, open_session, isolated_env, tmp_path: Path
) -> None:
    put(lib, "a.md", md("A"))
    open_session(lib).mark("a", "read")
    assert (isolated_env.data_dir / "state.sqlite3").exists()
    other = tmp_path / "elsewhere"
    s = open_session(lib, data_dir=other)
    assert s.state("a").read == "unread"
    assert (other / "state.sqlite3").exists()


def test_highlights_are_bookmarked_when_made(lib: Path, put, md, open_session) -> None:
    put(lib, "a.md", md("A", body="Some words worth keeping for later.\n"))
    s = open_session(lib)
    h = s.highlight_text("a", "words worth")
    assert h.kind == "highlight" and h.bookmarked
    assert s.store.quote(h.id).created_at
    s.bookmark_quote(h.id, False)
    assert not s.quote(h.id).bookmarked
    s.set_note(h.id, "  a note  ")
    assert s.quote(h.id).note == "a note"
    s.delete_highlight(h.id)
    assert s.quotes("a") == []


def test_notes_are_stored_without_control_characters(lib: Path, put, md, open_session) -> None:
    put(lib, "a.md", md("A", body="Some words worth keeping for later.\n"))
    s = open_session(lib)
    h = s.highlight_text("a", "words worth", note="\x1b[31mred\x1b[0m\x07 note\r\n")
    assert s.quote(h.id).note == "[31mred[0m note"
    s.set_note(h.id, "line one\nline two\x1b]0;title\x07")
    assert s.quote(h.id).note == "line one\nline two]0;title"


def test_list_order_newest_first_at_each_precision(lib: Path, put, md, open_session) -> None:
    put(lib, "undated.md", md("Undated"))
    put(lib, "year.md", md("Year", date="2015"))
    put(lib, "month.md", md("Month", date='"2015-11"'))
    put(lib, "day.md", md("Day", date="2015-11-05"))
    put(lib, "older.md", md("Older", date="2014-12-31"))
    put(lib, "bad.md", md("Bad date", date='"soon"'))
    s = open_session(lib)
    assert [a.id for a in s.list_articles()] == ["day", "month", "year", "older", "bad", "undated"]
