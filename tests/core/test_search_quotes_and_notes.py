"""`search` over quotes and notes (`note:`, `quote:`, `--in`) and `quotes --search`."""

from __future__ import annotations

import json
import subprocess

import pytest

from reader import quick
from reader.quotefields import parse_scopes, scopes_for, uses_quote_fields

CO_PRODUCTION = "co-production-criminal-justice"


def _json(r: subprocess.CompletedProcess[str]):  # type: ignore[no-untyped-def]
    assert r.returncode == 0, (r.stdout, r.stderr)
    return json.loads(r.stdout)


def _setup(cli) -> str:  # type: ignore[no-untyped-def]
    r = cli(
        "quote",
        CO_PRODUCTION,
        "the women are invited to contribute ideas towards the running of the centre",
        "--note",
        "Users shape the service: a model for probation and prisons.",
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_scopes_from_the_query_and_in() -> None:
    assert scopes_for("prisons", None) == {"articles"}
    assert scopes_for("note:probation", None) == {"notes"}
    assert scopes_for('quote:"public services" prisons', None) == {"quotes"}
    assert scopes_for("x -note:y", None) == {"quotes", "notes"}
    assert scopes_for("prisons", {"quotes"}) == {"quotes"}
    assert parse_scopes("notes, quotes") == {"notes", "quotes"}
    with pytest.raises(ValueError):
        parse_scopes("everything")
    assert not uses_quote_fields("title:prisons") and not uses_quote_fields("denote:x")


def test_note_and_quote_fields_find_the_quote(run_main) -> None:
    _setup(run_main)
    (hit,) = _json(run_main("search", "note:probation", "--json"))
    assert hit["in"] == "note" and hit["id"] == CO_PRODUCTION and hit["kind"] == "highlight"
    assert hit["note"].startswith("Users shape")
    hits = _json(run_main("search", 'quote:"running of the centre"', "--json"))
    assert [h["in"] for h in hits] == ["quote"]
    nothing = run_main("search", "note:centre", "--json")  # the note does not say it
    assert (nothing.returncode, json.loads(nothing.stdout)) == (1, [])
    assert nothing.stderr == "policyreader: no matches\n"
    # --in quotes covers every quotation the library contains, not only highlights
    found = _json(run_main("search", "public services", "--in", "quotes", "--json"))
    assert found and {h["kind"] for h in found} >= {"quotation"}
    assert all(h["in"] == "quote" for h in found)
    # --in notes: only what notes say; stemmed like article search (model -> models)
    assert [h["in"] for h in _json(run_main("search", "models", "--in", "notes", "--json"))] == [
        "note"
    ]
    # articles and quotes together
    both = _json(run_main("search", "prisons", "--in", "articles,notes", "--json"))
    assert {h["in"] for h in both} == {"article", "note"}
    text = run_main("search", "note:probation").stdout
    assert text.startswith(f"{CO_PRODUCTION}  ✎ note h")
    assert "a model for probation" in text


def test_bad_in_is_a_usage_error(run_main) -> None:
    r = run_main("search", "x", "--in", "everything")
    assert r.returncode == 2 and r.stderr.startswith("policyreader: error: --in takes")


def test_quotes_search(run_main) -> None:
    _setup(run_main)
    found = _json(run_main("quotes", "--search", "probation", "--json"))
    assert [q["kind"] for q in found] == ["highlight"]
    found = _json(run_main("quotes", "--search", "public services", "--json"))
    assert found and all("public service" in q["text"] for q in found)
    assert _json(run_main("quotes", "--search", "zzzz", "--json")) == []


def test_the_lean_path_leaves_quote_fields_to_the_full_command() -> None:
    assert quick.search(["search", "note:probation"]) is None
    assert quick.search(["search", "x", "--in", "notes"]) is None


def test_a_quote_index_is_built_once_and_asked_many_times() -> None:
    from reader.quotes import Quote
    from reader.quotesearch import QuoteIndex

    quotes = [
        Quote("h1", "a", "highlight", "Prisons are crowded", note="see the probation report"),
        Quote("q2", "b", "quotation", "probation works when it is local"),
    ]
    index = QuoteIndex(quotes)
    found = index.search("probation", {"quotes", "notes"})
    assert sorted((h.quote.id, h.field) for h in found) == [("h1", "note"), ("q2", "quote")]
    assert [h.quote.id for h in index.search("probation", {"quotes"})] == ["q2"]
    assert [h.quote.id for h in index.search("note:probation", {"quotes", "notes"})] == ["h1"]
    assert len(index.search("probation", {"quotes", "notes"}, limit=1)) == 1
    index.close()
    assert index.search("probation", {"quotes", "notes"}) == []  # closed: nothing, no error
