"""`search` on a big library: the folder stamp that spares a stat per file, and ranking in halves.

The stamp holds every folder's modification time (and every linked file's), taken by the last
full scan. A quick check trusts the index when all of them are unchanged: adding, removing or
renaming an article changes its folder, so those are always seen; an edit made in place is
seen by a full scan (every other command, the reader, `search --rescan`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import reader.catalog
import reader.index
from reader.catalog import Catalog
from reader.index import LibraryIndex
from reader.query import fts_query

from support.articles import OLD, backdate


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "index"


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The roots scanned file by file (the quick check does not scan)."""
    seen: list[Path] = []
    real = reader.catalog.scan_tree

    def counting(root: Path):  # type: ignore[no-untyped-def]
        seen.append(root)
        return real(root)

    monkeypatch.setattr(reader.catalog, "scan_tree", counting)
    return seen


def quick_search(lib: Path, index_dir: Path, query: str) -> list[str]:
    """What `policyreader search` does: the query runs while the folders are checked, and
    runs again after a scan if a folder changed."""
    cat = Catalog([lib], index_dir)
    try:
        return [h.article.id for h in cat.search_fresh(query)]
    finally:
        cat.close()


def full_refresh(lib: Path, index_dir: Path) -> None:
    cat = Catalog([lib], index_dir)
    cat.refresh(load=False)
    cat.close()


@pytest.fixture
def stamped(lib: Path, put, md, index_dir: Path) -> Path:
    """Two articles in nested folders, all of them old, after a full scan (which stamped)."""
    put(lib, "a/one.md", md("One", body="About prisons.\n"))
    put(lib, "b/c/two.md", md("Two", body="About housing.\n"))
    backdate(lib)
    full_refresh(lib, index_dir)
    return lib


def test_an_unchanged_library_is_not_scanned(
    scans: list[Path], stamped: Path, index_dir: Path
) -> None:  # (scans first: it counts the stamping scan too)
    lib = stamped
    assert scans == [lib]
    scans.clear()
    assert quick_search(lib, index_dir, "housing") == ["two"]
    assert scans == []  # the folders' times were enough


def test_added_removed_and_renamed_articles_are_seen_at_once(
    stamped: Path, put, md, index_dir: Path
) -> None:
    lib = stamped
    put(lib, "b/c/three.md", md("Three", body="More on housing.\n"))  # deep: c/ changes
    assert sorted(quick_search(lib, index_dir, "housing")) == ["three", "two"]

    backdate(lib)
    full_refresh(lib, index_dir)
    (lib / "a" / "one.md").unlink()
    assert quick_search(lib, index_dir, "prisons") == []

    backdate(lib)
    full_refresh(lib, index_dir)
    # an editor that saves by writing a new file and renaming it over the old one
    new = lib / "b" / "c" / ".two.md.tmp"
    new.write_text(md("Two", body="Now about schools.\n"), encoding="utf-8")
    os.utime(new, ns=(OLD, OLD))
    new.replace(lib / "b" / "c" / "two.md")
    assert quick_search(lib, index_dir, "schools") == ["two"]
    assert quick_search(lib, index_dir, "housing") == ["three"]


def test_an_edit_in_place_needs_a_full_scan(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "one.md", md("One", body="About prisons.\n"))
    backdate(lib)
    full_refresh(lib, index_dir)
    path = lib / "one.md"
    with open(path, "w", encoding="utf-8") as fh:  # same file, same folder: folder unchanged
        fh.write(md("One", body="About libraries and parks.\n"))
    os.utime(lib, ns=(OLD, OLD))
    assert quick_search(lib, index_dir, "parks") == []  # the documented trade-off
    full_refresh(lib, index_dir)  # what every other command and the reader do
    assert quick_search(lib, index_dir, "parks") == ["one"]


def test_search_rescan_finds_an_edit_in_place(lib: Path, put, md, run_main, tmp_path) -> None:
    put(lib, "one.md", md("One", body="About prisons.\n"))
    backdate(lib)
    env = {"POLICYREADER_CACHE_DIR": str(tmp_path / "c"), "POLICYREADER_DATA_DIR": str(tmp_path)}
    args = ["--no-bundled", "--articles", str(lib), "search", "--json"]
    assert '"one"' in run_main(*args, "prisons", env=env).stdout
    with open(lib / "one.md", "w", encoding="utf-8") as fh:
        fh.write(md("One", body="About libraries and parks.\n"))
    os.utime(lib, ns=(OLD, OLD))
    assert run_main(*args, "parks", env=env).stdout.strip() == "[]"
    assert '"one"' in run_main(*args, "parks", "--rescan", env=env).stdout
    assert '"one"' in run_main(*args, "parks", env=env).stdout  # the rescan updated the index


def test_a_folder_changed_as_it_was_scanned_is_not_trusted(
    lib: Path, put, md, index_dir: Path, scans: list[Path]
) -> None:
    # Folder times tick coarsely: a file added in the same tick as the scan leaves the time
    # as the scan saw it. So a stamp younger than two seconds at the scan is never trusted.
    put(lib, "one.md", md("One", body="About prisons.\n"))  # the folder's time: now
    full_refresh(lib, index_dir)
    scans.clear()
    quick_search(lib, index_dir, "prisons")
    assert scans == [lib]


def test_a_changed_link_target_is_seen(lib: Path, tmp_path: Path, put, md, index_dir: Path) -> None:
    elsewhere = put(tmp_path, "outside/target.md", md("Linked", body="About prisons.\n"))
    (lib / "linked.md").symlink_to(elsewhere)
    backdate(lib)
    os.utime(elsewhere, ns=(OLD, OLD))
    full_refresh(lib, index_dir)
    assert quick_search(lib, index_dir, "prisons") == ["linked"]
    elsewhere.write_text(md("Linked", body="About parks and gardens.\n"), encoding="utf-8")
    os.utime(elsewhere, ns=(OLD + 10**9, OLD + 10**9))
    assert quick_search(lib, index_dir, "gardens") == ["linked"]


def test_any_write_to_the_index_drops_the_stamp(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "one.md", md("One", body="About prisons.\n"))
    backdate(lib)
    index = LibraryIndex(lib, index_dir)
    found = reader.library.scan_tree(lib)
    index.update(found)
    assert index.stamp_current()
    with open(lib / "one.md", "w", encoding="utf-8") as fh:  # in place: the folder keeps its time
        fh.write(md("One", body="About parks.\n"))
    os.utime(lib, ns=(OLD, OLD))
    assert index.stamp_current()  # (the documented blind spot of the quick check)
    index.update_some(reader.library.scan_tree(lib).entries)  # the reader found it changed
    assert not index.stamp_current()
    found = reader.library.scan_tree(lib)
    index.update(found)
    assert index.stamp_current()
    index.close()


def test_no_stamp_after_a_scan_with_problems(lib: Path, put, md, index_dir: Path) -> None:
    put(lib, "one.md", md("One", body="About prisons.\n"))
    (lib / "broken.md").symlink_to(lib / "missing.md")
    backdate(lib)
    index = LibraryIndex(lib, index_dir)
    found = reader.library.scan_tree(lib)
    assert found.problems
    index.update(found)
    assert not index.stamp_current()  # the problem is reported again by the next full scan
    index.close()


# --- ranking in two halves ---------------------------------------------------------------------


@pytest.fixture
def many(tmp_path: Path, put, md) -> Path:
    root = tmp_path / "many"
    words = ["housing", "prisons", "schools", "parks", "transport", "care"]
    for n in range(60):
        body = " ".join(words[(n + k) % len(words)] for k in range(n % 7 + 3)) + ".\n"
        put(root, f"d{n % 4}/a{n:02}.md", md(f"Article {n}", body=body * (1 + n % 3)))
    return root


@pytest.mark.parametrize(
    "query", ["housing", "hous*", "housing prisons", '"schools parks"', "care -transport"]
)
def test_halves_rank_exactly_as_the_whole(
    many: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    index = LibraryIndex(many, index_dir)
    found = reader.library.scan_tree(many)
    index.update(found)
    fts, terms = fts_query(query)
    assert fts is not None
    monkeypatch.setattr(reader.searcher, "SPLIT_FROM", 10**9)
    index._middle = None
    whole = index.search(fts, 25)
    ids = [fid for fid, _ in whole[:10]]
    whole_snippets = index.snippets(fts, ids, terms=terms)
    monkeypatch.setattr(reader.searcher, "SPLIT_FROM", 2)
    index._middle = None
    assert index._split() is not None  # really in halves
    assert index.search(fts, 25) == whole
    assert index.snippets(fts, ids, terms=terms) == whole_snippets
    assert whole  # the query matched something
    index.close()


def test_snippets_are_fts5_snippets(many: Path, index_dir: Path) -> None:
    index = LibraryIndex(many, index_dir)
    found = reader.library.scan_tree(many)
    index.update(found)
    fts, terms = fts_query("hous*")
    assert fts is not None
    ids = [fid for fid, _ in index.search(fts, 8)]
    got = index.snippets(fts, ids, terms=terms)
    for fid in ids:  # one by one, as FTS5 makes them
        (one,) = index.db.execute(
            "SELECT snippet(fts, -1, char(2), char(3), '…', 14) FROM fts "
            "WHERE fts MATCH ? AND rowid = ?",
            (fts, fid),
        ).fetchone()
        assert got[fid] == one
    index.close()


def test_halves_with_a_relative_cache_folder(
    many: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(reader.searcher, "SPLIT_FROM", 2)
    index = LibraryIndex(many, Path("rel-cache"))
    found = reader.library.scan_tree(many)
    index.update(found)
    assert index.search('"housing"', 5)
    assert index._other is not None  # the second connection opened
    index.close()
