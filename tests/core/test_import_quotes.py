"""`import`: quotes back in from policyreader's export (another machine's, or a backup), a
Hypothesis export or a Readwise CSV; matched, merged, re-anchored, idempotent, lossless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.importer import import_file

HOUSING = """---
title: "Housing first in Scotland"
author: "Ann Author"
date: "2019-05"
publisher: "The Policy Blog"
source_url: "https://example.org/housing-first"
id: housing
---

A pilot in Glasgow gave people a home before anything else.

The evaluation found that “most tenants were still housed a year later” which surprised some.

Critics worry about cost, but the savings elsewhere were real.
"""

PRISONS = """---
title: "Short sentences and what follows"
author: "Bob Writer"
date: 2018
id: prisons
---

Short sentences disrupt housing, work and family life.

One officer said “we see the same faces every few months” on the wing.
"""


@pytest.fixture
def library(lib: Path, put) -> Path:
    put(lib, "housing.md", HOUSING)
    put(lib, "prisons.md", PRISONS)
    return lib


def cli(run_main, lib: Path, data: Path, *args: object):
    return run_main("--no-bundled", "--articles", lib, "--data-dir", data, *args)


def annotations(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["first"]["items"]


def make_quotes(run_main, lib: Path, data: Path) -> None:
    assert (
        cli(
            run_main,
            lib,
            data,
            "quote",
            "housing",
            "the savings elsewhere were real",
            "--note",
            "cost point",
        ).returncode
        == 0
    )
    assert cli(run_main, lib, data, "quote", "prisons", "disrupt housing, work").returncode == 0
    quotes = json.loads(cli(run_main, lib, data, "quotes", "housing", "--json").stdout)
    (quotation,) = [q for q in quotes if q["kind"] == "quotation"]
    assert cli(run_main, lib, data, "bookmark", "--quote", quotation["id"]).returncode == 0
    assert cli(run_main, lib, data, "note", quotation["id"], "Key finding").returncode == 0


def test_round_trip_is_lossless(library: Path, run_main, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    make_quotes(run_main, library, one)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert (
        cli(run_main, library, one, "export", "--format", "json", "--output", first).returncode == 0
    )
    r = cli(run_main, library, two, "import", first)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "3 quotes: 3 added, 0 updated, 0 unchanged, 0 orphaned, 0 conflicts\n"
    assert (
        cli(run_main, library, two, "export", "--format", "json", "--output", second).returncode
        == 0
    )
    # ids, words, notes, statuses, bookmarks (all exported quotes are bookmarked), dates
    assert annotations(second) == annotations(first)
    # ... and importing it again changes nothing
    r = cli(run_main, library, two, "import", first)
    assert r.stdout == "3 quotes: 0 added, 0 updated, 3 unchanged, 0 orphaned, 0 conflicts\n"
    third = tmp_path / "third.json"
    cli(run_main, library, two, "export", "--format", "json", "--output", third)
    assert annotations(third) == annotations(first)


def test_newer_note_wins_and_the_conflict_is_reported(
    library: Path, run_main, tmp_path: Path
) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    make_quotes(run_main, library, here)
    backup = tmp_path / "backup.json"
    cli(run_main, library, here, "export", "--format", "json", "--output", backup)
    cli(run_main, library, there, "import", backup)
    qid = next(
        a["policyreader"]["quote_id"]
        for a in annotations(backup)
        if a.get("body", {}).get("value") == "cost point"
    )
    # edited on the other machine (later), then brought back here
    assert cli(run_main, library, there, "note", qid, "cost point, revised").returncode == 0
    newer = tmp_path / "newer.json"
    cli(run_main, library, there, "export", "--format", "json", "--output", newer)
    r = cli(run_main, library, here, "import", newer)
    assert r.stdout == "3 quotes: 0 added, 1 updated, 2 unchanged, 0 orphaned, 1 conflict\n"
    assert (
        f"conflict: quote {qid}: the note differs on both sides; kept the imported (newer)"
        in r.stderr
    )
    quotes = {
        q["id"]: q for q in json.loads(cli(run_main, library, here, "quotes", "--json").stdout)
    }
    assert quotes[qid]["note"] == "cost point, revised"
    # the older file now loses: this machine's note is kept
    r = cli(run_main, library, here, "import", backup)
    assert "0 updated" in r.stdout and "kept this machine's (newer)" in r.stderr
    quotes = {
        q["id"]: q for q in json.loads(cli(run_main, library, here, "quotes", "--json").stdout)
    }
    assert quotes[qid]["note"] == "cost point, revised"


def test_missing_article_keeps_the_quote_orphaned_with_its_address(
    library: Path, run_main, tmp_path: Path, lib: Path
) -> None:
    data = tmp_path / "data"
    make_quotes(run_main, library, data)
    exported = tmp_path / "e.json"
    cli(run_main, library, data, "export", "--format", "json", "--output", exported)
    empty = tmp_path / "empty-lib"
    empty.mkdir()
    other = tmp_path / "other"
    r = run_main("--no-bundled", "--articles", empty, "--data-dir", other, "import", exported)
    assert r.stdout == "3 quotes: 3 added, 0 updated, 0 unchanged, 3 orphaned, 0 conflicts\n"
    again = tmp_path / "again.json"
    run_main(
        "--no-bundled",
        "--articles",
        empty,
        "--data-dir",
        other,
        "export",
        "--format",
        "json",
        "--output",
        again,
    )
    items = annotations(again)
    assert {i["policyreader"]["status"] for i in items} == {"orphaned"}
    housing = [i for i in items if i["policyreader"]["article"]["id"] == "housing"]
    assert {i["target"]["source"] for i in housing} == {"https://example.org/housing-first"}
    assert housing[0]["policyreader"]["article"]["title"] == "Housing first in Scotland"


def test_hypothesis_round_trip_matches_by_address(library: Path, run_main, tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_quotes(run_main, library, data)
    hyp = tmp_path / "hyp.json"
    r = cli(run_main, library, data, "export", "--format", "hypothesis", "--output", hyp)
    assert r.returncode == 0
    assert "wrote 2 quote(s)" in r.stderr  # the quotes written, not all the bookmarked ones
    doc = json.loads(hyp.read_text(encoding="utf-8"))
    # only the article with a web address: Hypothesis anchors on pages
    assert {a["uri"] for a in doc["annotations"]} == {"https://example.org/housing-first"}
    assert {a["text"] for a in doc["annotations"]} == {"cost point", "Key finding"}
    sel = doc["annotations"][0]["target"][0]["selector"][0]
    assert sel["type"] == "TextQuoteSelector" and sel["exact"]
    # a Hypothesis export of someone else's annotations on that page (http, trailing slash)
    theirs = {
        "annotations": [
            {
                "id": "AbC123xyz",
                "uri": "http://www.example.org/housing-first/",
                "text": "from hypothesis",
                "tags": ["x"],
                "created": "2025-01-01T10:00:00.000000+00:00",
                "updated": "2025-01-01T10:00:00.000000+00:00",
                "target": [
                    {
                        "source": "http://www.example.org/housing-first/",
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": "gave people a home",
                                "prefix": "Glasgow ",
                                "suffix": " before",
                            }
                        ],
                    }
                ],
                "document": {"title": ["Housing first in Scotland"]},
            },
            {
                "id": "pagenote",
                "uri": "https://example.org/housing-first",
                "text": "no quote",
                "target": [{"source": "x"}],
            },
        ]
    }
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(theirs), encoding="utf-8")
    r = cli(run_main, library, data, "import", path)
    assert r.stdout == "1 quote: 1 added, 0 updated, 0 unchanged, 0 orphaned, 0 conflicts\n"
    quotes = json.loads(cli(run_main, library, data, "quotes", "housing", "--json").stdout)
    (q,) = [q for q in quotes if q["id"] == "hyp-AbC123xyz"]
    assert (q["text"], q["note"], q["status"], q["bookmarked"]) == (
        "gave people a home",
        "from hypothesis",
        "anchored",
        True,
    )
    assert q["start"] is not None
    assert "0 added" in cli(run_main, library, data, "import", path).stdout


def test_readwise_csv_matches_by_the_quoted_words(library: Path, run_main, tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "readwise.csv"
    path.write_text(
        "Highlight,Title,Author,URL,Note,Location,Date\r\n"
        '"we see the same faces",Short sentences,Bob Writer,,"a note, with a comma",,2024-05-06 07:08:09\r\n'
        "words that are nowhere at all,Gone,,https://gone.example/x,,,\r\n",
        encoding="utf-8",
    )
    r = cli(run_main, library, data, "import", path)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2 quotes: 2 added, 0 updated, 0 unchanged, 1 orphaned, 0 conflicts\n"
    quotes = json.loads(cli(run_main, library, data, "quotes", "prisons", "--json").stdout)
    (q,) = [q for q in quotes if q["note"]]
    assert q["note"] == "a note, with a comma" and q["created_at"].startswith("2024-05-06T07:08:09")
    assert "0 added" in cli(run_main, library, data, "import", path).stdout


def test_bad_files_are_one_line_errors(library: Path, run_main, tmp_path: Path) -> None:
    data = tmp_path / "data"
    for name, content in (
        ("a.json", "{not json"),
        ("b.json", '{"x": 1}'),
        ("c.txt", "hello\n"),
        ("d.bin", b"\xff\xfe\x00"),
    ):
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        r = cli(run_main, library, data, "import", path)
        assert (
            r.returncode == 1
            and r.stderr.startswith("policyreader: error: ")
            and r.stderr.count("\n") == 1
        ), r.stderr
    r = cli(run_main, library, data, "import", tmp_path / "missing.json")
    assert r.returncode == 1 and "cannot read" in r.stderr


def test_note_and_delete_from_the_cli(library: Path, run_main, tmp_path: Path) -> None:
    data = tmp_path / "data"
    r = cli(run_main, library, data, "quote", "housing", "the savings elsewhere were real")
    qid = r.stdout.strip()
    assert cli(run_main, library, data, "note", qid, "a note").returncode == 0
    quotes = {
        q["id"]: q for q in json.loads(cli(run_main, library, data, "quotes", "--json").stdout)
    }
    assert quotes[qid]["note"] == "a note"
    r = cli(run_main, library, data, "note", qid, "")
    assert r.returncode == 0 and "note removed" in r.stderr
    r = cli(run_main, library, data, "quote", "--delete", qid)
    assert r.returncode == 0 and "deleted" in r.stderr
    assert qid not in cli(run_main, library, data, "quotes", "--json").stdout
    r = cli(run_main, library, data, "quote", "--delete", qid)
    assert r.returncode == 1 and "no highlight" in r.stderr
    r = cli(run_main, library, data, "note", "nope", "x")
    assert r.returncode == 1 and "nope" in r.stderr


def test_import_file_api(library: Path, open_session, tmp_path: Path) -> None:
    session = open_session(library)
    with pytest.raises(Exception, match="not a format import reads"):
        path = tmp_path / "x.txt"
        path.write_text("nothing\n", encoding="utf-8")
        import_file(session, path)


def test_words_of_a_detected_quotation_collect_it(library: Path, run_main, tmp_path: Path) -> None:
    data = tmp_path / "data"
    theirs = {
        "annotations": [
            {
                "id": "QQ1",
                "uri": "https://example.org/housing-first",
                "text": "the quotation itself",
                "updated": "2025-01-01T10:00:00+00:00",
                "target": [
                    {
                        "source": "https://example.org/housing-first",
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": "most tenants were still housed a year later",
                            }
                        ],
                    }
                ],
            }
        ]
    }
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(theirs), encoding="utf-8")
    for _ in range(2):
        assert cli(run_main, library, data, "import", path).returncode == 0
    quotes = json.loads(cli(run_main, library, data, "quotes", "housing", "--json").stdout)
    matching = [q for q in quotes if q["text"] == "most tenants were still housed a year later"]
    assert len(matching) == 1
    (q,) = matching
    assert (q["kind"], q["note"], q["bookmarked"]) == ("quotation", "the quotation itself", True)
