"""Notes of several lines: kept line for line by the store, every export and `import`, and
set from the command line (`note QID TEXT`, or `--file FILE` / `--file -` for stdin)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader import obsidian
from reader.export import collect, render

HOUSING = """---
title: "Housing first in Scotland"
author: "Ann Author"
date: "2019-05"
source_url: "https://example.org/housing-first"
id: housing
---

A pilot in Glasgow gave people a home before anything else.

Critics worry about cost, but the savings elsewhere were real.
"""

# Two lines, a blank line, and lines that Markdown would take as a heading, a list item, a
# block quote; brackets that are not markup; a line ending in a backslash.
NOTE = "First line\nsecond line\n\n# not a heading [bold]x[/bold]\n- not a list\n> not quoted\\"


@pytest.fixture
def session(lib: Path, put, open_session):  # type: ignore[no-untyped-def]
    put(lib, "housing.md", HOUSING)
    s = open_session(lib)
    q = s.highlight_text("housing", "the savings elsewhere were real", note=NOTE)
    return s, q.id


def run(run_main, lib: Path, *args: object):  # type: ignore[no-untyped-def]
    return run_main("--no-bundled", "--articles", lib, *args)


def test_the_store_keeps_every_line(session) -> None:  # type: ignore[no-untyped-def]
    s, qid = session
    assert s.quote(qid).note == NOTE
    s.set_note(qid, "  one\r\ntwo\t\x1b[31mred\n\n")  # Windows line ends, a tab, an escape
    assert s.quote(qid).note == "one\ntwo [31mred"  # tabs to 4 columns


def test_markdown_keeps_the_note_one_labelled_paragraph_with_its_line_breaks(session) -> None:  # type: ignore[no-untyped-def]
    s, _ = session
    text = render(collect(s), "md", exported="2024-01-01T00:00:00Z")
    html = MarkdownIt("commonmark").render(text)
    (paragraph,) = [p for p in html.split("<p>") if "Note:" in p]
    lines = paragraph.split("</p>")[0].split("<br />\n")
    assert lines == [
        "<strong>Note:</strong> First line",
        "second line",
        "",
        "# not a heading [bold]x[/bold]",
        "- not a list",
        "&gt; not quoted\\",
    ]
    # Nothing of the note escapes into the rest of the document.
    assert "<h1>not" not in html and "<li>" not in html and html.count("<blockquote>") == 1


def test_plain_text_citations_keep_the_lines(session, run_main, lib: Path) -> None:  # type: ignore[no-untyped-def]
    r = run(run_main, lib, "cite", "--bookmarked", "--quotes")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(
        "“the savings elsewhere were real” (Author, 2019)\n"
        "    Note: First line\n"
        "          second line\n"
        "          # not a heading [bold]x[/bold]\n"
        "          - not a list\n"
        "          > not quoted\\\n"
        "\n"
    )


def test_quotes_lists_the_note_line_by_line(session, run_main, lib: Path) -> None:  # type: ignore[no-untyped-def]
    r = run(run_main, lib, "quotes", "housing")
    assert "    note: First line\n          second line\n          # not a heading" in r.stdout


def test_readwise_csv_and_json_carry_the_note_whole(session) -> None:  # type: ignore[no-untyped-def]
    s, _ = session
    entries = collect(s)
    (row,) = csv.DictReader(io.StringIO(render(entries, "csv")))
    assert row["Note"] == NOTE
    (item,) = json.loads(render(entries, "json"))["first"]["items"]
    assert item["body"]["value"] == NOTE
    (hyp,) = json.loads(render(entries, "hypothesis"))["annotations"]
    assert hyp["text"] == NOTE


@pytest.mark.parametrize(("fmt", "name"), [("json", "q.json"), ("csv", "q.csv")])
def test_import_brings_the_note_back_whole(
    session, run_main, lib: Path, tmp_path: Path, fmt: str, name: str
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / name
    assert run(run_main, lib, "export", "--format", fmt, "--output", out).returncode == 0
    other = tmp_path / "other"
    r = run(run_main, lib, "--data-dir", other, "import", out)
    assert r.returncode == 0, r.stderr
    r = run(run_main, lib, "--data-dir", other, "quotes", "--json")
    (quote,) = json.loads(r.stdout)
    assert quote["note"] == NOTE


def test_obsidian_keeps_every_line_inside_the_quote_block(session, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s, qid = session
    block = obsidian.block(s.quote(qid))
    inside = block.split(f"<!-- policyreader:quote {qid} -->\n")[1].split("\n\n^pr-")[0]
    assert all(line.startswith(">") for line in inside.split("\n"))
    assert "> **Note:** First line\n> second line\n>\n> \\# not a heading" in inside


def test_note_from_a_file_or_stdin(session, run_main, cli, lib: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, qid = session

    def note() -> str:  # as a fresh command reads it
        (q,) = json.loads(run(run_main, lib, "quotes", "housing", "--json").stdout)
        return str(q["note"])

    path = tmp_path / "note.txt"
    path.write_text("From a file\nover two lines\n", encoding="utf-8")
    r = run(run_main, lib, "note", qid, "--file", path)
    assert r.returncode == 0, r.stderr
    assert note() == "From a file\nover two lines"

    stdin = ("--no-bundled", "--articles", lib, "note", qid, "--file", "-")
    r = cli(*stdin, input="From stdin\n\nwith a gap\n")
    assert r.returncode == 0, r.stderr
    assert note() == "From stdin\n\nwith a gap"

    r = cli(*stdin, input="")
    assert r.returncode == 0 and note() == ""  # an empty file removes the note


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        ((), 2, "TEXT or --file"),
        (("text", "--file", "x"), 2, "TEXT or --file"),
        (("--file", "missing.txt"), 1, "missing.txt: cannot read"),
        (("--file", "latin1.txt"), 1, "latin1.txt: not UTF-8 text"),
    ],
)
def test_note_arguments_that_cannot_be_used(
    session, run_main, lib: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args, code, says
) -> None:  # type: ignore[no-untyped-def]
    s, qid = session
    monkeypatch.chdir(tmp_path)
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    r = run(run_main, lib, "note", qid, *args)
    assert r.returncode == code
    assert says in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert s.quote(qid).note == NOTE  # nothing lost
