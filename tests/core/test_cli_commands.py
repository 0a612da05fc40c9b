"""The `policyreader` command end to end, in subprocesses with temporary data and cache."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

from support.articles import write

NEWEST_FIRST = [
    "co-production-criminal-justice",
    "commissioning-third-sector",
    "demystifying-social-enterprise",
    "social-value-act",
]
ARTICLE_FIELDS = {
    "id",
    "title",
    "author",
    "date",
    "categories",
    "tags",
    "excerpt",
    "source_url",
    "read",
    "progress",
    "bookmarked",
    "changed",
}
QUOTE_FIELDS = {
    "id",
    "article_id",
    "kind",
    "text",
    "bookmarked",
    "note",
    "orphaned",
    "status",
    "current_text",
}


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    return r.stdout


def as_json(r: subprocess.CompletedProcess[str]):
    return json.loads(ok(r))


def error(r: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with `code` and exactly one error line on stderr."""
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("policyreader: error: "), r.stderr
    assert "Traceback" not in r.stderr
    return lines[0]


def test_list(cli) -> None:
    arts = as_json(cli("list", "--json"))
    assert [a["id"] for a in arts] == NEWEST_FIRST
    for a in arts:
        assert set(a) >= ARTICLE_FIELDS, a
        assert (a["read"], a["progress"], a["bookmarked"], a["changed"]) == (
            "unread",
            0,
            False,
            False,
        )
    svа = arts[3]
    assert svа["source_url"].startswith("https://theknowledgeexchangeblog.com/2014/03/26/")
    assert svа["excerpt"] is True and svа["date"] == "2014-03-26"
    assert svа["categories"] == ["Social enterprise", "Public services"]
    plain = ok(cli("list")).splitlines()
    assert [line.split()[0] for line in plain] == NEWEST_FIRST


def test_list_filters_and_state(run_main) -> None:
    cli = run_main

    def ids(*args: str) -> list[str]:
        return [a["id"] for a in as_json(cli("list", "--json", *args))]

    assert ids("--category", "social enterprise") == NEWEST_FIRST[2:]
    assert ids("--tag", "Prisons") == [NEWEST_FIRST[0]]
    assert ids("--tag", "no such tag") == []
    ok(cli("mark", "co-production-criminal-justice", "read"))
    ok(cli("bookmark", "social-value-act"))
    assert ids("--unread") == NEWEST_FIRST[1:]
    assert ids("--bookmarked") == ["social-value-act"]
    assert ids("--bookmarked", "--unread", "--category", "public services") == ["social-value-act"]
    arts = {a["id"]: a for a in as_json(cli("list", "--json"))}
    assert (
        arts["co-production-criminal-justice"]["read"],
        arts["co-production-criminal-justice"]["progress"],
    ) == ("read", 100)
    ok(cli("mark", "co-production-criminal-justice", "unread"))
    ok(cli("bookmark", "social-value-act", "--remove"))
    assert ids("--unread") == NEWEST_FIRST
    assert ids("--bookmarked") == []


def test_show(cli) -> None:
    obj = as_json(cli("show", "social-value-act", "--json"))
    assert set(obj) >= ARTICLE_FIELDS
    assert "“the potential to transform the way public services" in obj["text"]
    assert "people forming a circle" in obj["text"]  # the figure, as its caption
    plain = ok(cli("show", "social-value-act"))
    assert plain.startswith("The act is a year old but what does social value actually mean?\n")
    assert "Author: Alex Addyman" in plain
    assert "Excerpt:" in plain and "theknowledgeexchangeblog.com" in plain
    error(cli("show", "no-such-article"), 1)


def test_search(cli) -> None:
    hits = as_json(cli("search", "prison*", "--json"))
    assert hits and hits[0]["id"] == "co-production-criminal-justice"
    for h in hits:
        assert {"id", "title", "snippet", "score"} <= set(h)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    hits = as_json(cli("search", "social enterprise", "--json"))
    assert len(hits) >= 3
    assert len(as_json(cli("search", "social enterprise", "--json", "--limit", "2"))) == 2
    assert as_json(cli("search", "author:addyman", "--json"))[0]["id"] == "social-value-act"
    text = ok(cli("search", "Kids Company"))
    assert text.startswith("commissioning-third-sector")


def test_odd_search_queries_are_answered(cli) -> None:
    # (the in-process tests try many more; these go through argv as a user would type them)
    for query in ['"unclosed', "NEAR(a b) AND (", "-", ""]:
        r = cli("search", query, "--json")
        # No hits is exit 1, as grep; never a usage error or a crash.
        assert isinstance(json.loads(r.stdout), list), r
        assert r.returncode == (0 if json.loads(r.stdout) else 1), r


def test_quotes(run_main) -> None:
    cli = run_main
    quotes = as_json(cli("quotes", "--json"))
    assert len(quotes) == 6
    for q in quotes:
        assert set(q) >= QUOTE_FIELDS
        assert q["kind"] == "quotation"
        assert q["text"][0] not in '“”"' and q["text"][-1] not in '“”"'
        assert (q["bookmarked"], q["note"], q["orphaned"]) == (False, "", False)
        assert (q["status"], q["current_text"]) == ("anchored", None)
    (sva,) = as_json(cli("quotes", "social-value-act", "--json"))
    assert sva["text"].startswith("the potential to transform")
    assert as_json(cli("quotes", "demystifying-social-enterprise", "--json")) == []
    assert as_json(cli("quotes", "--bookmarked", "--json")) == []
    error(cli("quotes", "no-such-article"), 1)


def test_quote_bookmark_and_export(run_main, tmp_path: Path) -> None:
    cli = run_main  # in process for speed; test_write_commands_in_subprocesses runs them for real
    # straight apostrophe and collapsed spacing match the curly original
    r = cli(
        "quote",
        "co-production-criminal-justice",
        "We're kind of like   in space",
        "--note",
        "Pete's metaphor",
    )
    hid = ok(r).strip()
    assert hid.startswith("h")
    # the opening quote mark may be given too (straight for curly); it is not kept
    r = cli("quote", "social-value-act", '"the potential to transform  the way public services')
    qid = ok(r).strip()
    # the whole of a detected quotation: that quotation is collected, no copy is made
    (detected,) = as_json(cli("quotes", "commissioning-third-sector", "--json"))
    assert (
        ok(cli("quote", "commissioning-third-sector", detected["text"])).strip() == detected["id"]
    )
    marked = {q["id"]: q for q in as_json(cli("quotes", "--bookmarked", "--json"))}
    assert set(marked) == {hid, qid, detected["id"]}
    assert marked[hid]["text"] == "We’re kind of like in space"
    assert marked[hid]["note"] == "Pete's metaphor" and marked[hid]["kind"] == "highlight"
    assert marked[qid]["text"] == "the potential to transform the way public services"

    # straight double quotes and doubled spaces match the curly, single-spaced original
    sid = ok(
        cli(
            "quote",
            "commissioning-third-sector",
            'has created a "shadow state".   Increasingly people',
        )
    ).strip()
    shadow = [
        q for q in as_json(cli("quotes", "commissioning-third-sector", "--json")) if q["id"] == sid
    ]
    assert shadow[0]["text"] == "has created a “shadow state”. Increasingly people"
    ok(cli("bookmark", "--quote", sid, "--remove"))

    assert error(cli("quote", "social-value-act", "words that are not in it"), 1)
    error(cli("quote", "social-value-act", "   "), 1)
    error(cli("quote", "no-such-article", "anything"), 1)

    # bookmark a detected quotation, then remove it again
    (first,) = as_json(cli("quotes", "co-production-criminal-justice", "--json"))[:1]
    ok(cli("bookmark", "--quote", first["id"]))
    assert first["id"] in {q["id"] for q in as_json(cli("quotes", "--bookmarked", "--json"))}
    ok(cli("bookmark", "--quote", first["id"], "--remove"))
    assert first["id"] not in {q["id"] for q in as_json(cli("quotes", "--bookmarked", "--json"))}
    ok(cli("bookmark", "--quote", detected["id"], "--remove"))
    error(cli("bookmark", "--quote", "qnosuchquote"), 1)
    error(cli("bookmark"), 2)
    error(cli("bookmark", "social-value-act", "--quote", qid), 2)
    error(cli("bookmark", "no-such-article"), 1)

    md = ok(cli("export"))
    assert md.startswith("# Quotes\n")
    assert "> We’re kind of like in space" in md and "**Note:** Pete's metaphor" in md
    data = as_json(cli("export", "--format", "json"))
    assert data["total"] == 2
    rows = list(csv.reader(io.StringIO(ok(cli("export", "--format", "csv")))))
    assert rows[0] == ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
    assert len(rows) == 3
    only = as_json(cli("export", "--format", "json", "--article", "social-value-act"))
    assert only["total"] == 1
    assert as_json(cli("export", "--format", "json", "--tag", "prisons"))["total"] == 1
    assert as_json(cli("export", "--format", "json", "--category", "nothing"))["total"] == 0

    out = tmp_path / "out"
    out.mkdir()
    r = cli("export", "--format", "csv", "--output", out / "quotes.csv")
    assert ok(r) == ""
    assert [p.name for p in out.iterdir()] == ["quotes.csv"]
    assert (out / "quotes.csv").read_text(encoding="utf-8").startswith("Highlight,Title,")
    error(cli("export", "--output", tmp_path / "missing" / "q.md"), 1)
    assert not (tmp_path / "missing").exists()
    error(cli("export", "--article", "no-such-article"), 1)
    error(cli("export", "--format", "xml"), 2)


def test_write_commands_in_subprocesses(cli, tmp_path: Path) -> None:
    hid = ok(
        cli("quote", "co-production-criminal-justice", "We're kind of like in space", "--note", "n")
    ).strip()
    (first,) = as_json(cli("quotes", "social-value-act", "--json"))
    ok(cli("bookmark", "--quote", first["id"]))
    ok(cli("mark", "social-value-act", "read"))
    ok(cli("bookmark", "social-value-act"))
    arts = {a["id"]: a for a in as_json(cli("list", "--json", "--bookmarked"))}
    assert set(arts) == {"social-value-act"} and arts["social-value-act"]["read"] == "read"
    out = tmp_path / "q.json"
    r = cli("export", "--format", "json", "--output", out)
    assert ok(r) == "" and "2 quote(s)" in r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in data["first"]["items"]} == {
        f"urn:policyreader:quote:{hid}",
        f"urn:policyreader:quote:{first['id']}",
    }
    error(cli("quote", "social-value-act", "words that are not in it"), 1)
    error(cli("export", "--output", tmp_path / "missing" / "q.md"), 1)
    assert not (tmp_path / "missing").exists()
    r = cli("check", tmp_path / "nowhere")
    assert r.returncode == 1 and r.stdout.startswith(str(tmp_path / "nowhere"))


def test_mark_errors(run_main) -> None:
    cli = run_main
    error(cli("mark", "no-such-article", "read"), 1)
    error(cli("mark", "social-value-act", "half-read"), 2)
    error(cli("mark", "social-value-act"), 2)


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "many"],
        ["list", "--nope"],
        ["--nope", "list"],
        ["show"],
    ],
)
def test_usage_errors_exit_2(cli, args: list[str]) -> None:
    error(cli(*args), 2)


def test_version_and_help(cli) -> None:
    from reader import __version__

    assert ok(cli("--version")).strip() == f"policyreader {__version__}"
    text = ok(cli("--help"))
    for word in ("--articles", "--no-bundled", "--data-dir", "list", "search", "export", "check"):
        assert word in text
    assert "--limit" in ok(cli("search", "--help"))


def test_articles_no_bundled_and_data_dir(cli, tmp_path: Path) -> None:
    one = tmp_path / "one"
    two = tmp_path / "two"
    write(one, "first.md", "---\ntitle: First\ndate: 2030\n---\n\nAlpha words.\n")
    write(two, "second.md", "---\ntitle: Second\ndate: 2031-01\n---\n\nBeta words.\n")
    ids = [a["id"] for a in as_json(cli("--articles", one, "--articles", two, "list", "--json"))]
    assert ids == ["second", "first", *NEWEST_FIRST]
    ids = [a["id"] for a in as_json(cli("--no-bundled", "--articles", two, "list", "--json"))]
    assert ids == ["second"]
    env = {"POLICYREADER_ARTICLES": f"{one}:{two}"}
    ids = [a["id"] for a in as_json(cli("--no-bundled", "list", "--json", env=env))]
    assert ids == ["second", "first"]

    data = tmp_path / "my-data"
    ok(cli("--data-dir", data, "mark", "social-value-act", "read"))
    assert (data / "state.sqlite3").exists()
    default = {a["id"]: a["read"] for a in as_json(cli("list", "--json"))}
    custom = {a["id"]: a["read"] for a in as_json(cli("--data-dir", data, "list", "--json"))}
    assert default["social-value-act"] == "unread"
    assert custom["social-value-act"] == "read"


def test_check(run_main, tmp_path: Path) -> None:
    cli = run_main
    good = tmp_path / "good"
    bad = tmp_path / "bad"
    write(good, "fine.md", "---\ntitle: Fine\n---\n\nText.\n")
    write(bad, "fine-too.md", "---\ntitle: Fine too\n---\n\nText.\n")
    write(bad, "broken.md", "---\ntitle: [oops\n---\n\nText.\n")
    write(bad, "notitle.md", "---\nauthor: x\n---\n\nText.\n")
    write(bad, "fine.md", "---\ntitle: Same id as in good\n---\n\nText.\n")

    r = cli("check")  # the bundled library alone: clean
    assert ok(r) == ""
    assert "in 1 folder(s)" in r.stderr

    r = cli("check", good)
    assert ok(r) == "" and "1 file(s) checked in 1 folder(s)" in r.stderr

    r = cli("check", bad)
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert any(line.startswith(str(bad / "broken.md") + ": ") for line in lines)
    assert any(line.startswith(str(bad / "notitle.md") + ": ") for line in lines)

    r = cli("check", good, bad)  # the duplicate id across the two folders too
    assert r.returncode == 1
    assert len(r.stdout.splitlines()) == 3
    assert any(
        str(bad / "fine.md") in line and "duplicate id" in line for line in r.stdout.splitlines()
    )

    r = cli("--articles", bad, "check")
    assert r.returncode == 1 and "in 2 folder(s)" in r.stderr
    r = cli("check", env={"POLICYREADER_ARTICLES": str(bad)})
    assert r.returncode == 1 and "in 2 folder(s)" in r.stderr
    # with DIRs: exactly those folders, not the environment's
    r = cli("check", good, env={"POLICYREADER_ARTICLES": str(bad)})
    assert r.returncode == 0 and "in 1 folder(s)" in r.stderr
    r = cli("check", tmp_path / "nowhere")
    assert r.returncode == 1 and str(tmp_path / "nowhere") in r.stdout


def test_bad_articles_warn_but_do_not_fail(cli, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "broken.md", "---\ntitle: [oops\n---\n\nText.\n")
    write(lib, "fine.md", "---\ntitle: Fine\n---\n\nText.\n")
    r = cli("--no-bundled", "--articles", lib, "list", "--json")
    assert [a["id"] for a in as_json(r)] == ["fine"]
    assert "broken.md" in r.stderr and r.stderr.startswith("policyreader: warning:")


HOSTILE = (
    '---\ntitle: "Evil \\e]0;pwned\\a title \\e[31mred"\nauthor: "Ann \\e[2J"\n---\n\n'
    "Body with \x1b[31mred\x1b[0m text, a bell\x07, an OSC \x1b]0;title\x07 and a "
    "backspace\x08 and \x9b31m C1 and a carriage\rreturn in it.\n"
)


def test_control_characters_never_reach_the_terminal(cli, tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    write(lib, "evil.md", HOSTILE)
    outputs = [
        ok(cli("--no-bundled", "--articles", lib, "list")),
        ok(cli("--no-bundled", "--articles", lib, "show", "evil")),
        # ("red" follows an escape sequence's "[31m": not a word of its own)
        ok(cli("--no-bundled", "--articles", lib, "search", "bell")),
        ok(
            cli(
                "--no-bundled",
                "--articles",
                lib,
                "quote",
                "evil",
                "a bell, an OSC",
                "--note",
                "my \x1b]0;owned\x07note \x1b[5mblink",
            )
        ),
        ok(cli("--no-bundled", "--articles", lib, "quotes")),
        ok(cli("--no-bundled", "--articles", lib, "export")),
        ok(cli("--no-bundled", "--articles", lib, "show", "evil", "--json")),
    ]
    for out in outputs:
        bad = [c for c in out if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
        assert bad == [], (bad, out)
        assert "\\u001b" not in out and "\\u0007" not in out
    assert "Evil" in outputs[0] and "text, a bell, an OSC" in outputs[1]
    # the note, exported without its ESC/BEL (Markdown escapes the brackets)
    assert "my \\]0;ownednote \\[5mblink" in outputs[5]


def test_output_to_a_closed_pipe_is_quiet(tmp_path: Path, subprocess_env) -> None:
    import sys

    proc = subprocess.run(
        f'"{sys.executable}" -m reader quotes --json | head -c 10',
        shell=True,
        cwd=tmp_path,
        env=subprocess_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.stdout == "[\n  {\n    "
    assert proc.stderr == ""
