"""A quote's words never change behind the user's back: statuses through the CLI and exports.

Edits that move, change and remove quoted words, for a highlight and for a bookmarked
quotation; `quotes --json`, `quote --accept` and each export format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.articles import article, write

BODY = """The council published its plan on Monday.

The minister said “we will end rough sleeping by 2024” to the committee, and left.

Councils say the funding is a matter for the social enterprise Outside the Box, which runs
the hostels.
"""
QUOTATION = "we will end rough sleeping by 2024"
HIGHLIGHT = "the social enterprise Outside the Box"


@pytest.fixture
def cli_lib(run_main, tmp_path: Path):
    """(run, lib, edit, ids): an article with a bookmarked quotation and a noted highlight."""
    lib = tmp_path / "lib"
    write(lib, "plan.md", article("The plan", BODY))

    def run(*args: str):
        return run_main("--no-bundled", "--articles", lib, *args)

    def edit(body: str) -> None:
        write(lib, "plan.md", article("The plan", body))

    (q,) = json.loads(run("quotes", "plan", "--json").stdout)
    assert q["text"] == QUOTATION
    assert run("bookmark", "--quote", q["id"]).returncode == 0
    made = run("quote", "plan", HIGHLIGHT, "--note", "who decides")
    assert made.returncode == 0, made.stderr
    return run, edit, {"quotation": q["id"], "highlight": made.stdout.strip()}


def quotes(run) -> dict[str, dict]:
    r = run("quotes", "--bookmarked", "--json")
    assert r.returncode == 0, r.stderr
    return {q["id"]: q for q in json.loads(r.stdout)}


def test_move_keeps_anchored(cli_lib) -> None:
    run, edit, ids = cli_lib
    paras = BODY.strip().split("\n\n")
    edit("\n\n".join([paras[2].replace("social enterprise", "social\nenterprise"), *paras[:2]]))
    qs = quotes(run)
    assert set(qs) == set(ids.values())
    for q in qs.values():
        assert (q["status"], q["current_text"], q["orphaned"]) == ("anchored", None, False)
    assert qs[ids["highlight"]]["text"] == HIGHLIGHT


def test_changed_words_through_the_cli_and_accept(cli_lib) -> None:
    run, edit, ids = cli_lib
    edit(
        BODY.replace("end rough sleeping by 2024", "halve rough sleeping by 2027").replace(
            "social enterprise", "social business"
        )
    )
    qs = quotes(run)
    qq, hh = qs[ids["quotation"]], qs[ids["highlight"]]
    assert (qq["status"], qq["text"], qq["current_text"], qq["orphaned"]) == (
        "changed",
        QUOTATION,
        "we will halve rough sleeping by 2027",
        False,
    )
    assert (hh["status"], hh["text"], hh["current_text"]) == (
        "changed",
        HIGHLIGHT,
        "the social business Outside the Box",
    )
    assert hh["note"] == "who decides" and hh["bookmarked"]
    plain = run("quotes", "plan").stdout
    assert "≠" in plain and "now reads “we will halve rough sleeping by 2027”" in plain
    # still changed in the next run (status kept in the state database)
    assert quotes(run)[ids["quotation"]]["status"] == "changed"
    r = run("quote", "--accept", ids["quotation"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == ids["quotation"]
    qs = quotes(run)
    assert (qs[ids["quotation"]]["status"], qs[ids["quotation"]]["text"]) == (
        "anchored",
        "we will halve rough sleeping by 2027",
    )
    assert qs[ids["highlight"]]["status"] == "changed"


def test_removed_words_are_orphaned_and_cannot_be_accepted(cli_lib) -> None:
    run, edit, ids = cli_lib
    edit(BODY.replace(HIGHLIGHT, "a housing charity").replace(f"“{QUOTATION}”", "nothing"))
    qs = quotes(run)
    for kind, qid in ids.items():
        q = qs[qid]
        assert (q["status"], q["orphaned"], q["current_text"]) == ("orphaned", True, None)
        assert q["text"] == (QUOTATION if kind == "quotation" else HIGHLIGHT)
    r = run("quote", "--accept", ids["highlight"])
    assert r.returncode == 1 and r.stderr.startswith("policyreader: error: ")
    assert "no longer found" in r.stderr


def test_quote_accept_usage(cli_lib) -> None:
    run, _, ids = cli_lib
    assert run("quote", "--accept", ids["quotation"], "plan").returncode == 2
    assert run("quote", "plan").returncode == 2
    r = run("quote", "--accept", "qnope")
    assert r.returncode == 1 and "no quote" in r.stderr


def test_exports_never_present_changed_or_orphaned_words_as_current(cli_lib, tmp_path) -> None:
    import csv
    import io

    run, edit, ids = cli_lib
    edit(
        BODY.replace("end rough sleeping by 2024", "halve rough sleeping by 2027").replace(
            HIGHLIGHT, "a housing charity"
        )
    )
    md = run("export", "--format", "md").stdout
    assert f"> {QUOTATION}\n" in md and f"> {HIGHLIGHT}\n" in md
    assert "The article now reads: “we will halve rough sleeping by 2027”" in md
    assert "No longer found in the article." in md
    assert md.index(f"> {QUOTATION}") < md.index("The article now reads")

    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv").stdout)))
    by_text = {r["Highlight"]: r for r in rows}
    assert by_text[QUOTATION]["Note"] == (
        "The article now reads: “we will halve rough sleeping by 2027”"
    )
    assert by_text[HIGHLIGHT]["Note"] == "No longer found in the article\n\nwho decides"

    data = json.loads(run("export", "--format", "json").stdout)
    anns = {a["policyreader"]["quote_id"]: a for a in data["first"]["items"]}
    changed, orphan = anns[ids["quotation"]], anns[ids["highlight"]]
    for ann, words in ((changed, QUOTATION), (orphan, HIGHLIGHT)):
        (selector,) = ann["target"]["selector"]  # no position: it would select other words
        assert selector == {**selector, "type": "TextQuoteSelector", "exact": words}
        assert ann["target"]["source"] == "urn:policyreader:article:plan"
    assert changed["policyreader"]["status"] == "changed"
    assert changed["policyreader"]["current_text"] == "we will halve rough sleeping by 2027"
    assert orphan["policyreader"]["status"] == "orphaned"
    assert orphan["policyreader"]["current_text"] is None


def test_markdown_export_is_escaped(run_main, tmp_path) -> None:
    from markdown_it import MarkdownIt

    lib = tmp_path / "lib"
    # escaped in the article, so that its text holds the characters themselves
    body = "Intro.\n\nThey wrote \\*not italic\\* and \\[^1\\]: a note, with \\<b\\>tags\\</b\\> & \\`ticks\\`.\n"
    write(lib, "x.md", article("A *starred* title", body))
    run = lambda *a: run_main("--no-bundled", "--articles", lib, *a)  # noqa: E731
    quoted = "*not italic* and [^1]: a note, with <b>tags</b> & `ticks`"
    assert (
        run("quote", "x", quoted, "--note", "# not a heading\n1. not a list _x_ ==y==").returncode
        == 0
    )
    md = run("export", "--format", "md").stdout
    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(md)
    # the citation style's own italics (APA: a web page's title), around the escaped title
    html = html.replace("<em>A *starred* title</em>", "A *starred* title")
    for tag in ("<em>", "<code>", "<b>", "<h1>Quotes</h1>\n<h1>", "<ol>", "<strong>x"):
        assert tag not in html.replace("<h1>Quotes</h1>", ""), tag
    # every character comes back as typed
    assert "*not italic* and [^1]: a note, with &lt;b&gt;tags&lt;/b&gt; &amp; `ticks`" in html
    assert "# not a heading" in html and "1. not a list _x_ ==y==" in html
    assert "A *starred* title" in html


def test_copied_citation_says_when_the_words_changed(cli_lib, open_session, tmp_path) -> None:
    from reader.export import citation

    _, edit, ids = cli_lib
    edit(BODY.replace("end rough sleeping by 2024", "halve rough sleeping by 2027"))
    s = open_session(tmp_path / "lib")
    q = s.quote(ids["quotation"])
    text = citation(q, s.catalog.find("plan"))
    assert text.startswith(f"“{QUOTATION}”")
    assert "(The article now reads: “we will halve rough sleeping by 2027”)" in text
    assert "now reads" not in citation(s.quote(ids["highlight"]), s.catalog.find("plan"))
