"""The library tree's facets beyond categories, tags, authors and years (sources, Undated,
each library as its own entry) and combined filters, in the catalog and in `list`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.paths import library_names
from reader.session import Session

from support.articles import facet_libraries


@pytest.fixture
def two_libraries(tmp_path: Path) -> list[Path]:
    one, two = tmp_path / "work" / "articles", tmp_path / "feeds"
    facet_libraries(one, two)
    return [one, two]


def ids(articles: list) -> list[str]:
    return sorted(a.id for a in articles)


def test_combined_entries_all_of_categories_and_tags_one_of_the_rest(
    two_libraries: list[Path], open_session: Callable[..., Session]
) -> None:
    catalog = open_session(*two_libraries).catalog
    select = catalog.select
    assert ids(select([])) == ["a", "b", "c", "d"]
    # Categories and tags: every chosen one (an article has several).
    assert ids(select([("category", "Prisons"), ("category", "Justice")])) == ["a"]
    assert ids(select([("category", "prisons"), ("tag", "cost")])) == ["a", "d"]
    assert ids(select([("tag", "reform"), ("tag", "cost")])) == ["a", "d"]
    # Author, source, year, library: one of the chosen (an article has one of each).
    assert ids(select([("author", "Ann"), ("author", "Bob")])) == ["a", "b", "c"]
    assert ids(select([("year", "2019"), ("year", "2020")])) == ["a", "b"]
    assert ids(select([("year", "Undated")])) == ["c", "d"]
    assert ids(select([("year", "undated"), ("category", "Justice")])) == ["c"]
    assert ids(select([("source", "IFS")])) == ["a", "d"]
    assert ids(select([("source", "IFS"), ("library", "feeds")])) == ["d"]
    assert ids(select([("library", "articles"), ("library", "feeds")])) == ["a", "b", "c", "d"]
    # The keyword form says the same; the catalog's order (newest first) is kept.
    assert [a.id for a in catalog.filter(category="Prisons", tag=["reform", "cost"])] == [
        "a",
        "d",
    ]
    with pytest.raises(ValueError):
        select([("colour", "red")])  # type: ignore[list-item]


def test_choosing_entries_folds_each_article_once_per_load(
    two_libraries: list[Path], open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing and combining tree entries is set tests: an article's entries of a kind are
    read and case-folded once per catalog load, however many choices follow."""
    import reader.catalog

    catalog = open_session(*two_libraries).catalog
    calls: list[str] = []
    real = reader.catalog.article_facets

    def counted(article, kind, libraries=None):  # noqa: ANN001, ANN202
        calls.append(kind)
        return real(article, kind, libraries)

    monkeypatch.setattr(reader.catalog, "article_facets", counted)
    for _ in range(3):
        assert ids(catalog.select([("category", "prisons"), ("tag", "cost")])) == ["a", "d"]
        assert ids(catalog.select([("tag", "REFORM")])) == ["a", "b", "d"]
    assert sorted(calls) == ["category"] * 4 + ["tag"] * 4
    catalog.load()  # a new load: its articles are folded anew
    calls.clear()
    assert ids(catalog.select([("tag", "cost")])) == ["a", "c", "d"]
    assert calls == ["tag"] * 4


def test_every_library_is_an_entry_named_as_the_user_knows_it(
    tmp_path: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    open_session: Callable[..., Session],
) -> None:
    data = tmp_path / "data"
    (data / "articles").mkdir(parents=True)  # the user's own library, still empty
    extra = tmp_path / "extra"
    put(extra, "x.md", md("X", id="x"))
    session = open_session(extra, bundled=True, data_dir=data)
    facets, _ = session.facet_counts()
    # Priority order (the order ids are kept in), the empty one shown with 0.
    assert facets["library"] == [("Bundled", 4, 4, 0), ("My library", 0, 0, 0), ("extra", 1, 1, 0)]
    assert ids(session.catalog.select([("library", "my library")])) == []
    assert ids(session.catalog.select([("library", "Extra")])) == ["x"]


def test_folders_that_share_a_name_are_told_apart(tmp_path: Path) -> None:
    roots = [
        str(tmp_path / "work" / "notes"),
        str(tmp_path / "home" / "notes"),
        str(tmp_path / "misc"),
        str(tmp_path / "x" / "Bundled"),
    ]
    assert library_names(roots, tmp_path / "data") == [
        "notes (work)",
        "notes (home)",
        "misc",
        "Bundled (x)",  # not to be taken for the bundled library
    ]
    same = [str(tmp_path / "a" / "same" / "notes"), str(tmp_path / "b" / "same" / "notes")]
    assert library_names(same, tmp_path / "data") == ["notes (same)", "notes (same) 2"]


def test_list_takes_the_same_combinations(
    two_libraries: list[Path], run_main: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    base = ["--no-bundled", *(a for root in two_libraries for a in ("--articles", str(root)))]

    def listed(*args: str) -> list[str]:
        result = run_main(*base, "list", "--json", *args)
        assert result.returncode == 0, result.stderr
        return sorted(a["id"] for a in json.loads(result.stdout))

    assert listed("--category", "Prisons", "--tag", "cost") == ["a", "d"]
    assert listed("--category", "Prisons", "--category", "Justice") == ["a"]
    assert listed("--author", "Ann", "--author", "Bob", "--tag", "reform") == ["a", "b"]
    assert listed("--year", "undated") == ["c", "d"]
    assert listed("--year", "2019", "--year", "undated", "--source", "IFS") == ["a", "d"]
    assert listed("--library", "feeds", "--tag", "reform") == ["d"]
    wrong = run_main(*base, "list", "--library", "nowhere")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == (
        "policyreader: error: no library named 'nowhere' (the libraries: articles, feeds)"
    )
