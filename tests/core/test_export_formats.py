"""Export of bookmarked quotes: each format against a golden file, filters, atomic writes.

Regenerate the golden files (after checking the change is wanted) with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/core/test_export_formats.py`.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
from pathlib import Path

import pytest

import reader.session
import reader.store
from reader.catalog import NotFound
from reader.export import READWISE_COLUMNS, ExportError, collect, render, write_atomic

GOLDEN = Path(__file__).parent / "golden"
STAMP = "2024-05-06T07:08:09.000000Z"
EXPORTED = "2024-05-06T07:08:09Z"

HOUSING = """---
title: "Housing first in Scotland"
author: "Ann Author"
date: "2019-05"
publisher: "The Policy Blog"
source_url: "https://example.org/housing-first"
categories: [Housing, Public services]
tags: [homelessness, Scotland]
---

A pilot in Glasgow gave people a home before anything else.

The evaluation found that “most tenants were still housed a year later” which surprised some.

Critics worry about cost, but the savings elsewhere were real.
"""

PRISONS = """---
title: "Short sentences and what follows"
author: "Bob Writer"
date: 2018
categories: Criminal justice
tags: prisons, Scotland
---

Short sentences disrupt housing, work and family life.

One officer said “we see the same faces every few months” on the wing.
"""


@pytest.fixture
def session(lib: Path, put, open_session, monkeypatch: pytest.MonkeyPatch):
    """A session with fixed timestamps and highlight ids, and a known set of bookmarks."""
    monkeypatch.setattr(reader.store, "now", lambda: STAMP)
    counter = itertools.count(1)
    monkeypatch.setattr(reader.session, "new_highlight_id", lambda: f"h{next(counter):012d}")
    put(lib, "housing.md", HOUSING)
    put(lib, "prisons.md", PRISONS)
    s = open_session(lib)
    (q_housing,) = [q for q in s.quotes("housing") if q.kind == "quotation"]
    s.bookmark_quote(q_housing.id, True)
    s.set_note(q_housing.id, "Key finding for the report")
    s.highlight_text("housing", "the savings elsewhere were real")
    s.highlight_text(
        "prisons",
        "disrupt housing, work and family life",
        note='He said "yes", then left; see p. 4',
    )
    dropped = s.highlight_text("prisons", "Short sentences")
    s.bookmark_quote(dropped.id, False)  # not bookmarked: not exported
    return s


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file"


@pytest.mark.parametrize(
    ("fmt", "name"), [("md", "export.md"), ("json", "export.json"), ("csv", "export.csv")]
)
def test_export_matches_golden(session, fmt: str, name: str) -> None:
    entries = collect(session)
    assert len(entries) == 3
    golden(name, render(entries, fmt, exported=EXPORTED))


def test_markdown_shape(session) -> None:
    text = render(collect(session), "md", exported=EXPORTED)
    assert text.count("\n## ") == 2  # grouped by article
    assert text.index("## Housing first") < text.index("## Short sentences")
    assert "> most tenants were still housed a year later\n" in text
    # The citation line in the default style (APA 7th), Markdown italics, the address linked.
    assert (
        "— Author, A. (2019, May). Housing first in Scotland. *The Policy Blog*. "
        "<https://example.org/housing-first>"
    ) in text
    assert "— Writer, B. (2018). *Short sentences and what follows*." in text
    assert "**Note:** Key finding for the report" in text
    assert "Short sentences\n" not in text.split("## Short sentences")[1].split("\n", 1)[1]


def test_json_is_a_web_annotation_collection(session) -> None:
    data = json.loads(render(collect(session), "json", exported=EXPORTED))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == 3
    texts = {}
    for aid in ("housing", "prisons"):
        _, doc, _ = session.open_article(aid)
        texts[aid] = doc.text
    assert data["id"].startswith("urn:uuid:") and data["first"]["id"].startswith("urn:uuid:")
    assert data["generated"] == EXPORTED
    for ann in items:
        assert ann["type"] == "Annotation"
        assert ann["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert ann["id"].startswith("urn:policyreader:quote:")
        assert ann["created"] == STAMP
        extra = ann["policyreader"]
        assert extra["status"] == "anchored" and extra["current_text"] is None
        source = ann["target"]["source"]
        if extra["article"]["source_url"]:
            # the web page: positions in policyreader's text would not count its characters
            assert source == extra["article"]["source_url"]
            (quote,) = ann["target"]["selector"]
            assert quote["type"] == "TextQuoteSelector"
        else:
            assert source == f"urn:policyreader:article:{extra['article']['id']}"
            sels = {s["type"]: s for s in ann["target"]["selector"]}
            assert set(sels) == {"TextQuoteSelector", "TextPositionSelector"}
            quote = sels["TextQuoteSelector"]
            assert {k: sels["TextPositionSelector"][k] for k in ("start", "end")} == extra[
                "position"
            ]
        pos = extra["position"]
        text = texts[extra["article"]["id"]]
        assert text[pos["start"] : pos["end"]] == quote["exact"]
        assert text[: pos["start"]].endswith(quote["prefix"])
        assert text[pos["end"] :].startswith(quote["suffix"])
        assert quote["prefix"] and quote["suffix"]
        if "body" in ann:
            assert ann["body"]["type"] == "TextualBody"
            assert ann["body"]["value"]
            assert ann["motivation"] == "commenting"
        else:
            assert ann["motivation"] == "highlighting"
    housing = [a for a in items if a["policyreader"]["article"]["id"] == "housing"]
    assert housing[0]["target"]["source"] == "https://example.org/housing-first"
    assert housing[0]["policyreader"]["article"]["title"] == "Housing first in Scotland"
    assert housing[0]["policyreader"]["article"]["date"] == "2019-05"
    prisons = [a for a in items if a["policyreader"]["article"]["id"] == "prisons"]
    assert prisons[0]["target"]["source"] == "urn:policyreader:article:prisons"
    assert prisons[0]["body"]["value"] == 'He said "yes", then left; see p. 4'


def test_csv_has_the_readwise_columns(session) -> None:
    text = render(collect(session), "csv", exported=EXPORTED)
    assert text.splitlines()[0] == "Highlight,Title,Author,URL,Note,Location,Date"
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == READWISE_COLUMNS
    body = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert len(body) == 3
    noted = [r for r in body if r["Title"] == "Short sentences and what follows"]
    assert noted[0]["Note"] == 'He said "yes", then left; see p. 4'
    assert noted[0]["Highlight"] == "disrupt housing, work and family life"
    assert all(r["Location"].isdigit() for r in body)
    assert all(r["Date"] == "2024-05-06 07:08:09" for r in body)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"housing", "prisons"}),
        ({"article": "prisons"}, {"prisons"}),
        ({"category": "housing"}, {"housing"}),
        ({"category": "Criminal justice"}, {"prisons"}),
        ({"category": "nothing"}, set()),
        ({"tag": "scotland"}, {"housing", "prisons"}),
        ({"tag": "homelessness"}, {"housing"}),
        ({"tag": "prisons", "category": "Housing"}, set()),
    ],
)
def test_filters(session, filters: dict[str, str], expected: set[str]) -> None:
    assert {e.quote.article_id for e in collect(session, **filters)} == expected


def test_markdown_citation_line_in_the_chosen_style(session) -> None:
    text = render(collect(session), "md", exported=EXPORTED, style="chicago")
    assert "— Author, Ann. 2019. “Housing First in Scotland.” *The Policy Blog*" in text
    assert "— Writer, Bob. 2018. “Short Sentences and What Follows.”" in text


def test_markdown_citation_escapes_markup(lib: Path, put, open_session) -> None:
    put(
        lib, "x.md", '---\ntitle: "A *bold* [link](x) <b>"\nauthor: Ann Author\n---\n\nText here.\n'
    )
    s = open_session(lib)
    art = s.catalog.get("x")
    from reader.export import citation_line

    assert "A \\*bold\\* \\[link\\](x) \\<b\\>" in citation_line(art, markdown=True)
    assert "A *bold* [link](x) <b>" in citation_line(art)


def test_unknown_article_filter_is_not_found(session) -> None:
    with pytest.raises(NotFound):
        collect(session, article="nope")


def test_unknown_format(session) -> None:
    with pytest.raises(ExportError):
        render([], "xml")


def test_empty_export_is_well_formed() -> None:
    assert json.loads(render([], "json", exported=EXPORTED))["total"] == 0
    assert render([], "csv") == "Highlight,Title,Author,URL,Note,Location,Date\r\n"
    assert "0 quotes from 0 articles" in render([], "md", exported=EXPORTED)


# --- writing ---------------------------------------------------------------------------------


def test_write_atomic_leaves_only_the_file(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    write_atomic(out / "quotes.md", "one\n")
    write_atomic(out / "quotes.md", "two\n")
    assert [p.name for p in out.iterdir()] == ["quotes.md"]
    assert (out / "quotes.md").read_text() == "two\n"


def test_write_atomic_never_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "deeper" / "quotes.md"
    with pytest.raises(ExportError, match="does not exist"):
        write_atomic(target, "x")
    assert not (tmp_path / "missing").exists()


def test_write_atomic_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "adir").mkdir()
    with pytest.raises(ExportError):
        write_atomic(tmp_path / "adir", "x")
    assert (tmp_path / "adir").is_dir()


def test_failed_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "quotes.csv"
    target.write_text("old\n")

    def broken_replace(src, dst):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ExportError):
        write_atomic(target, "new\n")
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.csv"]
    assert target.read_text() == "old\n"


def test_quotes_of_a_removed_article_are_still_exported(session, lib: Path, open_session) -> None:
    session.close()
    (lib / "prisons.md").unlink()
    s = open_session(lib)
    entries = collect(s)
    assert len(entries) == 3
    gone = [e for e in entries if e.quote.article_id == "prisons"]
    assert gone and all(e.article is None and e.quote.orphaned for e in gone)
    assert gone[0].title == "Short sentences and what follows"
    text = render(entries, "md", exported=EXPORTED)
    assert "## Short sentences and what follows" in text
    assert "No longer found in the article." in text
    data = json.loads(render(entries, "json", exported=EXPORTED))
    orphan = [a for a in data["first"]["items"] if a["policyreader"]["article"]["id"] == "prisons"][
        0
    ]
    assert orphan["policyreader"]["status"] == "orphaned"
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]
    # filtering by a category or tag cannot match an article that is gone; by id it can't either
    assert {e.quote.article_id for e in collect(s, tag="scotland")} == {"housing"}
