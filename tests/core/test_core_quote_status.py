"""A quote's words never change behind the user's back: statuses through the CLI and exports.

Edits that move, change and remove quoted words, for a highlight and for a bookmarked
quotation; `quotes --json`, `quote --accept` and each export format.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import article, write

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
