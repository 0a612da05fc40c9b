"""Search: BM25 ranking, snippets, limits, documented syntax and hostile queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.query import fts_query


@pytest.fixture
def corpus(lib: Path, put, md, open_session):
    put(
        lib,
        "title-hit.md",
        md("Prison reform", author="Ann Author", body="A text about courts and sentencing.\n"),
    )
    put(
        lib,
        "body-once.md",
        md(
            "Justice notes",
            author="Bob Writer",
            body="Courts, sentencing and one mention of prison here.\n",
        ),
    )
    put(
        lib,
        "body-many.md",
        md(
            "More justice notes",
            author="Bob Writer",
            body="Prison after prison: the prison estate and prison staff.\n",
        ),
    )
    put(
        lib,
        "phrase.md",
        md("Phrases", tags="[housing]", body="The criminal justice system in Scotland.\n"),
    )
    put(lib, "apart.md", md("Apart", body="Criminal records and social justice are apart.\n"))
    put(
        lib,
        "housing.md",
        md("Homes", tags="housing", body="Housing benefit and tenants' families.\n"),
    )
    put(lib, "figure.md", md("Pictures", body="![Barbed wire fence photo]()\n\nText only.\n"))
    return open_session(lib)


def ids(hits) -> list[str]:
    return [h.article.id for h in hits]


def test_title_match_ranks_above_body_only_match(corpus) -> None:
    hits = corpus.catalog.search("prison")
    assert ids(hits)[0] == "title-hit"
    assert set(ids(hits)) == {"title-hit", "body-once", "body-many"}


def test_bm25_more_occurrences_rank_higher(corpus) -> None:
    hits = [h for h in corpus.catalog.search("prison") if h.article.id != "title-hit"]
    assert ids(hits) == ["body-many", "body-once"]


def test_scores_are_best_first(corpus) -> None:
    hits = corpus.catalog.search("prison OR justice OR housing")
    assert len(hits) >= 5
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_snippets_mark_the_matched_words(corpus) -> None:
    for hit in corpus.catalog.search("prison"):
        assert hit.marks, hit
        for s, e in hit.marks:
            assert hit.snippet[s:e].casefold().startswith("prison")
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet
        assert "\n" not in hit.snippet


def test_figure_captions_are_not_searched(corpus) -> None:
    assert corpus.catalog.search("barbed") == []
    assert ids(corpus.catalog.search("text only")) == ["figure"]


def test_limit(corpus) -> None:
    assert len(corpus.catalog.search("prison", limit=2)) == 2
    assert len(corpus.catalog.search("prison", limit=1)) == 1
    assert corpus.catalog.search("prison", limit=0) == []


def test_prefix(corpus) -> None:
    assert set(ids(corpus.catalog.search("pris*"))) == {"title-hit", "body-once", "body-many"}
    assert set(ids(corpus.catalog.search("sentenc*"))) == {"title-hit", "body-once"}
    assert set(ids(corpus.catalog.search("tenant*"))) == {"housing"}
    assert corpus.catalog.search("tenant") != []  # the stemmer: tenants -> tenant


def test_phrase(corpus) -> None:
    assert ids(corpus.catalog.search('"criminal justice"')) == ["phrase"]
    assert set(ids(corpus.catalog.search("criminal justice"))) == {"phrase", "apart"}
    # curly quotes work like straight ones
    assert ids(corpus.catalog.search("“criminal justice”")) == ["phrase"]


def test_exclusion(corpus) -> None:
    assert set(ids(corpus.catalog.search("prison -sentencing"))) == {"body-many"}
    assert set(ids(corpus.catalog.search("prison NOT sentencing"))) == {"body-many"}
    assert set(ids(corpus.catalog.search('justice -"social justice"'))) == {
        "body-once",
        "body-many",
        "phrase",
    }


def test_or(corpus) -> None:
    assert set(ids(corpus.catalog.search("barbed OR housing"))) == {"housing", "phrase"}
    assert set(ids(corpus.catalog.search("scotland OR benefit"))) == {"phrase", "housing"}


def test_all_words_must_match(corpus) -> None:
    assert ids(corpus.catalog.search("prison staff")) == ["body-many"]
    assert ids(corpus.catalog.search("prison AND staff")) == ["body-many"]


def test_column_filters(corpus) -> None:
    assert set(ids(corpus.catalog.search("author:writer"))) == {"body-once", "body-many"}
    assert ids(corpus.catalog.search("title:prison")) == ["title-hit"]
    assert set(ids(corpus.catalog.search("tag:housing"))) == {"phrase", "housing"}
    # an unknown column is just words
    assert corpus.catalog.search("nosuchcolumn:prison") == []


def test_author_filter_on_the_bundled_articles(open_session) -> None:
    s = open_session(bundled=True)
    assert set(ids(s.catalog.search("author:jackson"))) == {
        "co-production-criminal-justice",
        "commissioning-third-sector",
    }
    assert ids(s.catalog.search("author:addyman")) == ["social-value-act"]
    assert ids(s.catalog.search("prison*"))[0] == "co-production-criminal-justice"


ODD_QUERIES = [
    '"',
    '""',
    "AND",
    "OR",
    "NOT",
    "*",
    "-",
    "(",
    ")",
    "()",
    "title:",
    "title:*",
    ":",
    '"unclosed phrase',
    "-only -negatives",
    "",
    "   ",
    "Scotland’s",
    "ünïcödé 漢字 🙂",
    "x" * 5000,
    "prison " * 500,
    "NEAR(a b)",
    "NEAR(prison, 3)",
    "a:b:c",
    "^",
    "'",
    "''",
    "prison OR",
    "OR prison",
    "AND AND",
    "NOT prison",
    "prison NOT",
    "-prison",
    "--x",
    "*prison",
    "pri*son",
    "{prison}",
    "[prison]",
    "prison;",
    "\\",
    "%",
    "_",
    "\x00",
    "\x1b[31m",
    'col:"phrase',
    'title:"criminal',
    "author:",
    "tag:-x",
    "a OR OR b",
    '"a" OR ""',
    "prison + courts",
    "+",
    "@",
    "#",
    "&",
    "|",
    "prison | courts",
    "$",
    "~",
    "`",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_queries_never_raise(corpus, query: str) -> None:
    hits = corpus.catalog.search(query)
    assert isinstance(hits, list)
    for h in hits:
        assert isinstance(h.snippet, str)


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_fts_translation_is_valid_fts5(query: str) -> None:
    import sqlite3

    fts, _terms = fts_query(query)
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, author, tags, summary, body)")
    if fts is not None:
        db.execute("SELECT * FROM t WHERE t MATCH ?", (fts,)).fetchall()


def test_words_in_odd_queries_still_match(corpus) -> None:
    assert ids(corpus.catalog.search("(staff)")) == ["body-many"]
    assert ids(corpus.catalog.search('"staff')) == ["body-many"]
    assert ids(corpus.catalog.search("staff:")) == ["body-many"]
    assert ids(corpus.catalog.search("staff) (estate")) == ["body-many"]
