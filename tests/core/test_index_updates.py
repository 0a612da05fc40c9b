"""The search index between runs: only changed files are read again; the cache can vanish."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import reader.library
from reader.catalog import Catalog
from reader.index import SCHEMA_VERSION, LibraryIndex
from reader.library import scan_tree
from reader.searcher import index_file


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index"


class Reads(list):
    """Article files opened (plain `open`); `via_read_bytes` lists the `read_bytes` calls."""

    def __init__(self) -> None:
        super().__init__()
        self.via_read_bytes: list[str] = []

    def clear(self) -> None:
        super().clear()
        self.via_read_bytes.clear()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Reads]:
    import builtins

    seen = Reads()
    real_read = reader.library.read_bytes
    real_open = builtins.open

    def counting_read(path: str) -> bytes:
        seen.via_read_bytes.append(str(path))
        return real_read(path)

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(file, str | os.PathLike) and str(file).endswith(".md"):
            seen.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(reader.library, "read_bytes", counting_read)
    monkeypatch.setattr(builtins, "open", counting_open)
    yield seen
    # every article read went through read_bytes, which enforces the size limit
    assert sorted(seen.via_read_bytes) == sorted(seen)


def run(roots: list[Path], index_dir: Path):
    """One start: open the indexes, refresh, return (catalog, reports)."""
    cat = Catalog(roots, index_dir)
    reports = cat.refresh()
    return cat, reports


def test_cold_then_warm_start_reads_nothing(
    lib: Path, put, md, index_dir: Path, reads: Reads
) -> None:
    for n in range(5):
        put(lib, f"a{n}.md", md(f"Article {n}"))
    cat, (rep,) = run([lib], index_dir)
    assert (rep.read, rep.parsed, rep.added) == (5, 5, 5)
    assert len(cat.articles) == 5
    cat.close()
    reads.clear()
    cat, (rep,) = run([lib], index_dir)
    assert (rep.scanned, rep.read, rep.parsed, rep.added, rep.changed, rep.removed) == (
        5,
        0,
        0,
        0,
        0,
        0,
    )
    assert reads == []
    assert len(cat.articles) == 5
    cat.close()


def test_add_change_touch_delete_between_runs(
    lib: Path, put, md, index_dir: Path, reads: Reads
) -> None:
    put(lib, "keep.md", md("Keep", body="Unchanged text.\n"))
    put(lib, "edit.md", md("Edit", body="Old wording about housing.\n"))
    put(lib, "touch.md", md("Touch", body="Touched, never changed.\n"))
    put(lib, "gone.md", md("Gone", body="Soon deleted.\n"))
    cat, _ = run([lib], index_dir)
    cat.close()

    reads.clear()
    put(lib, "new.md", md("New", body="A brand new article.\n"))
    put(lib, "edit.md", md("Edit", body="New wording about prisons.\n"))
    touched = lib / "touch.md"
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    (lib / "gone.md").unlink()

    cat, (rep,) = run([lib], index_dir)
    assert rep.added == 1
    assert rep.changed == 1
    assert rep.removed == 1
    assert rep.read == 3  # new, edit, touch: size or mtime differ
    assert rep.parsed == 2  # touch has the same content hash: not parsed again
    assert sorted(Path(p).name for p in reads) == ["edit.md", "new.md", "touch.md"]
    assert {a.id for a in cat.articles} == {"keep", "edit", "touch", "new"}
    assert [h.article.id for h in cat.search("prisons")] == ["edit"]
    assert cat.search("housing") == []
    assert cat.search("deleted") == []
    cat.close()

    # the touched file's new mtime was recorded: the next start reads nothing
    reads.clear()
    cat, (rep,) = run([lib], index_dir)
    assert rep.read == 0 and reads == []
    cat.close()


def test_same_size_edit_is_seen(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "a.md", md("Same size", body="cats\n"))
    cat, _ = run([lib], index_dir)
    cat.close()
    put(lib, "a.md", md("Same size", body="dogs\n"))
    cat, (rep,) = run([lib], index_dir)
    assert rep.changed == 1
    assert [h.article.id for h in cat.search("dogs")] == ["a"]
    cat.close()


def test_an_article_that_becomes_broken_then_fixed(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "a.md", md("Fine"))
    cat, _ = run([lib], index_dir)
    cat.close()
    put(lib, "a.md", "---\ntitle: [broken\n---\n\nBody.\n")
    cat, _ = run([lib], index_dir)
    assert cat.articles == []
    assert [Path(p.path).name for p in cat.problems] == ["a.md"]
    cat.close()
    # a warm start still reports the problem (it is kept in the index)
    cat, (rep,) = run([lib], index_dir)
    assert rep.read == 0
    assert [Path(p.path).name for p in cat.problems] == ["a.md"]
    cat.close()
    put(lib, "a.md", md("Fixed"))
    cat, _ = run([lib], index_dir)
    assert [a.title for a in cat.articles] == ["Fixed"]
    assert cat.problems == []
    cat.close()


def _cold_read_count(lib: Path, index_dir: Path) -> tuple[int, str]:
    cat, (rep,) = run([lib], index_dir)
    titles = [a.title for a in cat.articles]
    cat.close()
    assert titles == ["Only"]
    return rep.read, rep.rebuilt


def test_deleted_index_is_rebuilt(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "a.md", md("Only"))
    _cold_read_count(lib, index_dir)
    for f in index_dir.iterdir():
        f.unlink()
    assert _cold_read_count(lib, index_dir)[0] == 1


def test_corrupt_index_is_rebuilt(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "a.md", md("Only"))
    _cold_read_count(lib, index_dir)
    path = Path(index_file(index_dir, lib))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.write_bytes(b"this is not a database at all" * 100)
    read, why = _cold_read_count(lib, index_dir)
    assert read == 1
    assert "damaged" in why


def test_index_of_another_version_is_rebuilt(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "a.md", md("Only"))
    _cold_read_count(lib, index_dir)
    path = Path(index_file(index_dir, lib))
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    read, why = _cold_read_count(lib, index_dir)
    assert read == 1
    assert "version" in why
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.close()


def test_one_index_per_folder(tmp_path: Path, put, md, index_dir: Path, reads: Reads) -> None:
    one, two, three = tmp_path / "one", tmp_path / "two", tmp_path / "three"
    put(one, "a.md", md("A"))
    put(two, "b.md", md("B"))
    put(three, "c.md", md("C"))
    cat, reports = run([one, two], index_dir)
    assert [r.read for r in reports] == [1, 1]
    cat.close()
    assert len(list(index_dir.glob("*.sqlite3"))) == 2

    reads.clear()
    cat, reports = run([two, three, one], index_dir)  # one added, order changed
    assert [r.read for r in reports] == [0, 1, 0]
    assert [Path(p).name for p in reads] == ["c.md"]
    assert {a.id for a in cat.articles} == {"a", "b", "c"}
    cat.close()

    reads.clear()
    cat, reports = run([one], index_dir)  # two folders dropped: nothing rebuilt
    assert [r.read for r in reports] == [0]
    assert reads == []
    assert [a.id for a in cat.articles] == ["a"]
    cat.close()


def test_session_warm_start_reads_no_article(
    lib: Path, put, md, open_session, reads: Reads
) -> None:
    put(lib, "a.md", md("A"))
    first = open_session(lib, bundled=True)
    first.quotes()  # quotations are found on first read, then cached in the index
    first.close()
    reads.clear()
    s = open_session(lib, bundled=True)
    assert len(s.catalog.articles) == 5
    s.quotes()
    s.list_articles()
    s.catalog.search("prison")
    assert reads == []


def test_an_index_busy_in_another_process_is_not_taken_for_damage(
    lib: Path, put, md, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """Another process holding the index longer than the busy timeout: this run keeps its
    index in memory and says so; the other's index is not deleted."""
    import reader.searcher

    put(lib, "a.md", md("Alpha", body="Alpha.\n"))
    index_dir = tmp_path / "index"
    first = LibraryIndex(lib, index_dir)
    first.update(scan_tree(lib))
    first.close()
    path = Path(index_file(index_dir, lib))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("UPDATE meta SET value = value")
    monkeypatch.setattr(reader.searcher, "BUSY_MS", 50)
    try:
        second = LibraryIndex(lib, index_dir)
        assert "busy" in second.rebuilt and not second.on_disk
        second.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    again = LibraryIndex(lib, index_dir)
    assert again.rebuilt == "" and again.count() == 1
    again.close()
