"""The library tree's counts, kept in each index as it is built: the same numbers as counting
the loaded catalog's articles, through additions, edits, removals and repeated ids, with no
article built to get them."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import session as session_mod
from reader.catalog import Catalog
from reader.session import Session
from reader.types import FacetCount

from support.articles import case_variant_library


def write_library(lib: Path, other: Path, put: Callable[..., Path], md: Callable[..., str]) -> None:
    put(lib, "a.md", md("A", id="a", categories="[Housing, Health]", tags="[x, y]", author="Ann"))
    put(
        lib,
        "b.md",
        md("B", id="b", categories="[Housing]", date="2019-05", author="Bob", publisher="IFS"),
    )
    put(lib, "c/d.md", md("D", id="d", categories="[housing]", tags="[y]", date="2020"))
    put(lib, "dup1.md", md("Dup", id="dup", categories="[Crime]", author="Ann"))
    put(
        lib,
        "dup2.md",
        md("Dup again", id="dup", categories="[Lost]", author="Zed", publisher="Lost Press"),
    )
    put(lib, "bad.md", "---\ntitle: [unclosed\n---\nBroken.\n")
    put(
        other,
        "b.md",
        md("B elsewhere", id="b", categories="[Shadowed]", tags="[z]", publisher="Shadow Press"),
    )
    put(other, "e.md", md("E", id="e", categories="[Health]", date="2020-01-02", publisher="IFS"))


def expected(session: Session) -> tuple[dict, FacetCount]:
    """What the loaded catalog counts, article by article."""
    session.catalog.load()
    return session.facet_counts()


def counted(session: Session) -> tuple[dict, FacetCount]:
    """What the indexes say, as a big library's first frame asks for it (nothing built)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(session_mod, "PREVIEW_FROM", 1)
        patch.setattr(session_mod, "PREVIEW_SIZE", 1)
        again = Session.open(
            articles=[str(root) for root in session.catalog.roots],
            no_bundled=True,
            data_dir=str(session.store.path.parent),
            refresh=False,
        )
        try:
            assert not again.catalog.loaded
            patch.setattr(Catalog, "load", lambda self: pytest.fail("articles were built"))
            return again.facet_counts()
        finally:
            again.close()


def test_counts_kept_in_the_index_match_the_articles(
    tmp_path: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    open_session: Callable[..., Session],
) -> None:
    lib, other = tmp_path / "lib", tmp_path / "other"
    write_library(lib, other, put, md)
    session = open_session(lib, other, data_dir=tmp_path / "data")
    session.mark("a", "read")
    session.mark("e", "read")
    session.open_article("d")  # started: still unread in the counts

    want = expected(session)
    facets, everything = want
    # a, b, d, dup, e (dup2.md and other/b.md repeat ids kept before them); d is started
    assert everything == FacetCount("", 5, 2, 1)
    assert ("Housing", 3, 1, 1) in facets["category"]  # with d's `housing`: one entry
    assert not {"Shadowed", "Lost"} & {entry.value for entry in facets["category"]}
    # Sources (the publisher), Undated last among the years, each library as its own entry.
    assert facets["source"] == [("IFS", 2, 1, 0)]
    assert [e.value for e in facets["year"]] == ["2020", "2019", "Undated"]
    assert ("Undated", 2, 1, 0) in facets["year"]  # a and dup (a is read)
    assert facets["library"] == [("lib", 4, 2, 1), ("other", 1, 0, 0)]
    assert counted(session) == want

    # Edits, removals and additions keep the kept counts right.
    put(lib, "a.md", md("A", id="a", categories="[Transport]", author="Ann"))
    (lib / "dup1.md").unlink()  # dup2.md now keeps the id
    (other / "e.md").unlink()
    put(other, "f.md", md("F", id="f", categories="[Health]", tags="[x]", date="2018"))
    session.catalog.refresh()
    want = expected(session)
    assert ("Lost", 1, 1, 0) in want[0]["category"] and want[1].total == 5
    assert ("Lost Press", 1, 1, 0) in want[0]["source"]
    assert want[0]["library"] == [("lib", 4, 2, 1), ("other", 1, 1, 0)]
    assert counted(session) == want


def test_an_index_of_the_previous_version_is_rebuilt_with_counts(
    lib: Path, put: Callable[..., Path], md: Callable[..., str], tmp_path: Path
) -> None:
    import sqlite3

    from reader.searcher import SCHEMA_VERSION, index_file

    put(lib, "a.md", md("A", id="a", categories="[Housing]"))
    cat = Catalog([lib], tmp_path / "index")
    cat.refresh()
    cat.close()
    db = sqlite3.connect(index_file(tmp_path / "index", lib))
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    db.commit()
    db.close()
    cat = Catalog([lib], tmp_path / "index")
    cat.refresh(load=False)
    try:
        assert cat.counted_facets({})[0]["category"] == [("Housing", 1, 1, 0)]
    finally:
        cat.close()


def test_values_differing_only_in_case_are_one_entry(
    tmp_path: Path,
    open_session: Callable[..., Session],
    run_main: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    """Choosing `housing` keeps `Housing` too (names match whatever their case), so the two
    are one entry, counted together and named as most of its articles spell it (a tie: the
    spelling first in sorted order), from the articles and from the index's counts alike."""
    lib = tmp_path / "lib"
    case_variant_library(lib)
    session = open_session(lib, data_dir=tmp_path / "data")
    session.mark("h1", "read")
    session.open_article("h2")  # started

    want = expected(session)
    facets, everything = want
    assert everything == FacetCount("", 3, 1, 1)
    assert facets["tag"] == [("housing", 3, 1, 1)]  # h3's two spellings are one tag
    assert facets["category"] == [("Criminal justice", 2, 0, 1), ("Health", 1, 1, 0)]
    assert facets["author"] == [("Ann Smith", 3, 1, 1)]
    assert facets["source"] == [("IFS", 3, 1, 1)]
    assert counted(session) == want

    # The entry keeps what `list` lists, whichever spelling is given.
    base = ["--no-bundled", "--articles", str(lib), "--data-dir", str(tmp_path / "data")]
    for args, ids in (
        (["--tag", "Housing"], ["h1", "h2", "h3"]),
        (["--category", "CRIMINAL JUSTICE"], ["h1", "h2"]),
        (["--author", "ann smith", "--source", "Ifs"], ["h1", "h2", "h3"]),
    ):
        result = run_main(*base, "list", "--json", *args)
        assert result.returncode == 0, result.stderr
        assert sorted(a["id"] for a in json.loads(result.stdout)) == ids
