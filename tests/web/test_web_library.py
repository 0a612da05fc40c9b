"""The user's own library folder and the article files policyreader writes into it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.library import parse_file
from reader.paths import library_folders, user_library_folder
from reader.web import save

ARTICLE = "---\ntitle: {title}\nsource_url: {url}\n---\n\nBody text of the article {title}.\n"


def _put(folder: Path, name: str, title: str, url: str = "https://example.org/x") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(ARTICLE.format(title=title, url=url), encoding="utf-8")
    return path


def test_own_library_comes_after_bundled_and_before_articles(own_library: Path, tmp_path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    assert str(own_library) not in library_folders([str(other)], False)  # not there yet
    own_library.mkdir(parents=True)
    folders = library_folders([str(other)], False)
    assert folders.index(os.path.realpath(own_library)) == 1
    assert folders[-1] == os.path.realpath(other)
    assert os.path.realpath(own_library) in library_folders([], True)  # --no-bundled keeps it


def test_data_dir_option_moves_the_own_library(tmp_path: Path) -> None:
    assert user_library_folder(str(tmp_path / "d")) == str(tmp_path / "d" / "articles")


def test_commands_see_the_own_library_first(own_library: Path, tmp_path, run_main) -> None:
    _put(own_library, "mine.md", "Mine")
    other = tmp_path / "other"
    _put(other, "theirs.md", "Theirs")
    _put(other, "mine.md", "A second file with the same id")
    listed = run_main("--no-bundled", "--articles", other, "list")
    assert listed.returncode == 0
    assert "Mine" in listed.stdout and "Theirs" in listed.stdout
    assert "A second file" not in listed.stdout  # the own library wins the id
    found = run_main("--no-bundled", "search", "Mine")
    assert "mine" in found.stdout
    checked = run_main("--no-bundled", "check")
    assert "1 file(s) checked in 1 folder(s)" in checked.stderr


def test_the_lean_search_sees_the_own_library(own_library: Path) -> None:
    from reader.quick import search

    path = _put(own_library, "mine.md", "Mine")
    for p in (path, own_library):  # older than the scan, so the stamp is trusted
        os.utime(p, (1_600_000_000, 1_600_000_000))
    from reader.cli import main

    assert main(["--no-bundled", "search", "mine"]) == 0  # builds the index
    answer = search(["--no-bundled", "search", "mine"])
    assert answer is not None and answer[0].startswith("mine  Mine")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("A plain title", "A plain title"),
        ("../../etc/passwd", "etc passwd"),
        ("..hidden", "hidden"),
        ("-rf", "rf"),
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("tab\tand\x1b[31mescape\x07", "tab and [31mescape"),
        ("", "article"),
        ("...", "article"),
        ("CON", "article CON"),
        ("nul.txt", "article nul.txt"),
    ],
)
def test_safe_name(title: str, expected: str) -> None:
    assert save.safe_name(title) == expected


def test_safe_name_is_bounded_and_keeps_whole_characters() -> None:
    name = save.safe_name("é" * 500)
    assert len(name.encode("utf-8")) <= save.MAX_NAME_BYTES
    assert set(name) == {"é"}
    words = save.safe_name(" ".join(["policy"] * 60))
    assert len(words.encode()) <= save.MAX_NAME_BYTES and words.endswith("policy")


def test_new_files_never_replace_and_get_a_number(tmp_path: Path) -> None:
    first = save.write_new(tmp_path / "lib", "Same", "one")
    second = save.write_new(tmp_path / "lib", "Same", "two")
    third = save.write_new(tmp_path / "lib", "Same", "three")
    assert [p.name for p in (first, second, third)] == ["Same.md", "Same 2.md", "Same 3.md"]
    assert first.read_text() == "one" and third.read_text() == "three"
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == [
        "Same 2.md",
        "Same 3.md",
        "Same.md",
    ]  # no temporary file left


def test_front_matter_cannot_be_broken_or_injected(tmp_path: Path) -> None:
    hostile = 'Evil\n---\nid: injected\nexcerpt: true\n"quoted": [a, b] # c'
    meta = {
        "title": hostile,
        "id": "evil",
        "author": ["Jane: Doe", "Institute for Fiscal Studies"],
        "date": "2019-11",
        "summary": "--- not an end\n...",
        "categories": ["A, B", "!!python/object"],
        "tags": [],
        "language": "",
        "added": "2026-01-01T00:00:00Z",
    }
    path = save.write_new(tmp_path, hostile, save.article_text(meta, "The text.\n"))
    parsed = parse_file(str(path))
    art = parsed.article
    assert art is not None, parsed.problems
    assert art.id == "evil"
    assert art.title == 'Evil --- id: injected excerpt: true "quoted": [a, b] # c'
    assert art.excerpt is False
    assert art.author == "Jane: Doe, Institute for Fiscal Studies"
    assert art.date == "2019-11"
    assert art.categories == ("A, B", "!!python/object")
    assert "language" not in path.read_text() and "tags" not in path.read_text()
    assert parsed.body.strip() == "The text."


def test_ids_from_titles() -> None:
    assert save.slug("Co-production in the Criminal Justice System!") == (
        "co-production-in-the-criminal-justice-system"
    )
    assert save.slug("???") == "article"
    assert save.unique_id("a", {"a", "a-2"}) == "a-3"
