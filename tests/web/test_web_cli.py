"""`add`, `feeds` and `fetch` from the command line, against a local server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from . import feedgen
from .conftest import Route

DATA = Path(__file__).parent / "data"
PAGE = (DATA / "page.html").read_text(encoding="utf-8")
ID = "housing-first-in-scotland-what-the-evaluation-found"


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_add_a_page(server, run_main, own_library: Path) -> None:
    server.routes["/post"] = Route(PAGE)
    done = run_main("add", server.url("/post"), "--category", "Housing", "--tag", "scotland")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{ID}\n"
    assert _files(own_library) == ["Housing first in Scotland what the evaluation found.md"]
    text = (own_library / _files(own_library)[0]).read_text()
    for line in (
        f"id: {ID}",
        "author: Institute for Fiscal Studies",
        "date: '2021-03-15'",
        "publisher: The Policy Blog",
        "source_url: https://policy.example.org/2021/03/housing-first",
        f"fetched_from: {server.url('/post')}",
        "language: en-GB",
        "- Housing",
        "- homelessness",
        "- scotland",
        "added: '",
    ):
        assert line in text
    shown = json.loads(run_main("show", ID, "--json").stdout)
    assert shown["categories"] == ["Housing"] and shown["read"] == "unread"
    assert "eighty-eight per cent" in shown["text"]


def test_adding_again_adds_nothing_and_names_the_article(server, run_main, own_library) -> None:
    server.routes["/post"] = Route(PAGE)
    server.routes["/copy"] = Route(PAGE)  # same canonical address, another URL
    assert run_main("add", server.url("/post")).returncode == 0
    again = run_main("add", server.url("/copy"))
    assert again.returncode == 0 and again.stdout == ""
    assert f"already in the library as {ID}" in again.stderr
    saved = run_main("add", DATA / "page.html")
    assert saved.returncode == 0 and f"already in the library as {ID}" in saved.stderr
    assert len(_files(own_library)) == 1


def test_same_text_elsewhere_is_a_duplicate(server, run_main, own_library) -> None:
    other = PAGE.replace(
        "https://policy.example.org/2021/03/housing-first", "https://mirror.example/x"
    )
    server.routes["/a"] = Route(PAGE)
    server.routes["/b"] = Route(other)
    assert run_main("add", server.url("/a")).returncode == 0
    again = run_main("add", server.url("/b"))
    assert "already in the library" in again.stderr and len(_files(own_library)) == 1


def test_add_a_saved_file_with_its_address(run_main, own_library, tmp_path) -> None:
    page = tmp_path / "saved.htm"
    page.write_text(
        PAGE.replace(
            '<link rel="canonical" href="https://policy.example.org/2021/03/housing-first">', ""
        )
    )
    done = run_main("add", page, "--url", "https://orig.example/post", "--json")
    assert done.returncode == 0, done.stderr
    [obj] = json.loads(done.stdout)
    assert obj["id"] == ID and obj["status"] == "new"
    assert obj["source_url"] == "https://orig.example/post"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["add", "nope.html"], 1, "not an http(s) address or a saved .html file"),
        (["add", "ftp://example.org/x"], 1, "only http and https"),
        (["add", "a.html", "b.html", "--url", "https://x"], 2, "--url is the original address"),
        (["add", "--timeout", "0", "https://x"], 2, "--timeout"),
        (["feeds"], 2, "feeds needs an action"),
    ],
)
def test_bad_input(run_main, own_library, args, code, message) -> None:
    done = run_main(*args)
    assert done.returncode == code
    assert message in done.stderr and done.stderr.count("\n") == 1
    assert _files(own_library) == []


def test_failures_leave_everything_as_it_was(server, run_main, own_library, tmp_path) -> None:
    server.routes["/post"] = Route(PAGE)
    server.routes["/pdf"] = Route(b"%PDF-1.4", content_type="application/pdf")
    server.routes["/empty"] = Route("<html><body></body></html>")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello")
    done = run_main(
        "add",
        server.url("/pdf"),
        server.url("/post"),
        server.url("/empty"),
        server.url("/404"),
        text_file,
    )
    assert done.returncode == 1
    assert "not a saved web page" in done.stderr  # checked before anything was fetched
    assert _files(own_library) == []
    done = run_main(
        "add", server.url("/pdf"), server.url("/post"), server.url("/empty"), server.url("/404")
    )
    assert done.returncode == 1
    assert done.stdout == f"{ID}\n"  # the good one is added all the same
    errors = done.stderr.strip().split("\n")
    assert len(errors) == 3
    assert "is a PDF, not a web page" in errors[0]
    assert "no article text" in errors[1]
    assert "HTTP 404" in errors[2]
    assert len(_files(own_library)) == 1


def test_update_rewrites_and_reanchors(server, run_main, own_library) -> None:
    server.routes["/post"] = Route(PAGE)
    assert run_main("add", server.url("/post")).returncode == 0
    quoted = "Staff caseloads were kept low, at around seven people per worker"
    assert run_main("quote", ID, quoted).returncode == 0
    before = _files(own_library)
    server.routes["/post"] = Route(PAGE.replace("around seven people", "around nine people"))
    done = run_main("add", "--update", server.url("/post"))
    assert done.returncode == 0 and f"updated {ID}" in done.stderr
    assert _files(own_library) == before
    text = (own_library / before[0]).read_text()
    assert "around nine people" in text and "added: '" in text
    quotes = json.loads(run_main("quotes", ID, "--json").stdout)
    mine = [q for q in quotes if q["kind"] == "highlight"]
    assert len(mine) == 1  # kept through the update, re-anchored
    if "status" in mine[0]:  # quote statuses: the words as quoted stay, marked changed
        assert mine[0]["text"] == quoted and mine[0]["status"] == "changed"


def test_update_never_touches_files_it_did_not_write(server, run_main, tmp_path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    mine = lib / "mine.md"
    mine.write_text(
        "---\ntitle: Mine\nsource_url: https://policy.example.org/2021/03/housing-first\n---\n\nMy text.\n"
    )
    server.routes["/post"] = Route(PAGE)
    done = run_main("--articles", lib, "add", "--update", server.url("/post"))
    assert done.returncode == 1 and "not in your library folder" in done.stderr
    assert mine.read_text().endswith("My text.\n")


def _serve_feeds(server) -> None:  # noqa: ANN001
    base = server.url("")
    server.routes["/full.xml"] = Route(
        feedgen.rss2(base, 3, full=True), content_type="application/rss+xml", etag='"v1"'
    )
    server.routes["/summary.xml"] = Route(
        feedgen.atom(base, 2, full=False), content_type="application/atom+xml"
    )
    for n in range(2):
        server.routes[f"/atom/{n}"] = Route(feedgen.page(n, f"Atom page {n}"))


def test_subscribe_fetch_and_fetch_again(server, run_main, own_library) -> None:
    _serve_feeds(server)
    added = run_main("feeds", "add", server.url("/full.xml"), "--tag", "councils")
    assert added.returncode == 0 and "subscribed to Local Gov Blog" in added.stderr
    assert run_main("feeds", "add", server.url("/summary.xml")).returncode == 0
    assert "already subscribed" in run_main("feeds", "add", server.url("/full.xml")).stderr
    fetched = run_main("fetch")
    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stderr.strip().endswith("2 feeds: 5 new, 0 updated, 0 failed")
    assert len(_files(own_library)) == 5
    post = json.loads(run_main("show", "post-number-0", "--json").stdout)
    assert post["author"] == "Jane Doe" and post["date"] == "2021-03-01"
    assert post["publisher"] == "Local Gov Blog" and post["tags"] == ["councils"]
    assert post["categories"] == ["Local government"]
    atom = json.loads(run_main("show", "atom-entry-0", "--json").stdout)
    assert atom["author"] == "Institute for Government"  # the page's own text, the feed's author
    assert "Paragraph 0 of the post" in atom["text"]
    text = (own_library / "Post number 0.md").read_text()
    assert f"feed: {server.url('/full.xml')}" in text
    hits = dict(server.hits)
    again = run_main("fetch", "--json")
    report = json.loads(again.stdout)
    assert report["new"] == [] and report["updated"] == [] and report["unchanged"] == 1
    assert server.hits["/atom/0"] == hits["/atom/0"]  # known entries' pages are not fetched
    assert len(_files(own_library)) == 5
    listed = json.loads(run_main("feeds", "list", "--json").stdout)
    assert {f["title"]: f["articles"] for f in listed} == {
        "Atom Policy Feed": 2,
        "Local Gov Blog": 3,
    }


def test_changed_entry_updates_its_article(server, run_main, own_library) -> None:
    _serve_feeds(server)
    run_main("feeds", "add", server.url("/full.xml"))
    run_main("fetch")
    changed = feedgen.rss2(server.url(""), 3, full=True).replace(
        "Post number 1<", "Post number 1 (corrected)<"
    )
    server.routes["/full.xml"] = Route(changed, content_type="application/rss+xml", etag='"v2"')
    done = run_main("fetch")
    assert done.stderr.strip().endswith("1 feed: 0 new, 1 updated, 0 failed")
    assert json.loads(run_main("show", "post-number-1", "--json").stdout)["title"] == (
        "Post number 1 (corrected)"
    )
    assert len(_files(own_library)) == 3


def test_a_failing_feed_never_stops_the_others(server, run_main, own_library) -> None:
    _serve_feeds(server)
    run_main("feeds", "add", server.url("/full.xml"))
    run_main("feeds", "add", server.url("/summary.xml"))
    server.routes["/full.xml"] = Route("down", status=503, content_type="text/plain")
    del server.routes["/atom/1"]  # one page of the other feed fails
    done = run_main("fetch")
    assert done.returncode == 1
    summary = done.stderr.strip().split("\n")[-1]
    assert summary.startswith("policyreader: 2 feeds: 1 new, 0 updated, 2 failed: ")
    assert "HTTP 503" in summary and "HTTP 404" in summary
    assert len(_files(own_library)) == 1
    listed = {f["url"]: f for f in json.loads(run_main("feeds", "list", "--json").stdout)}
    assert "HTTP 503" in listed[server.url("/full.xml")]["last_error"]
    # Everything comes in once the server is back; nothing is duplicated.
    _serve_feeds(server)
    done = run_main("fetch")
    assert done.stderr.strip().endswith("2 feeds: 4 new, 0 updated, 0 failed")
    assert len(_files(own_library)) == 5
    assert json.loads(run_main("feeds", "list", "--json").stdout)[0]["last_error"] == ""


def test_opml_round_trip_and_remove(server, run_main, tmp_path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="1.0"><head/><body>'
        '<outline text="Policy"><outline text="A" type="rss" xmlUrl="https://a.example/feed"/>'
        '<outline text="B" xmlUrl="https://b.example/rss" htmlUrl="https://b.example/"/></outline>'
        '<outline text="Bad" xmlUrl="file:///etc/passwd"/></body></opml>'
    )
    done = run_main("feeds", "import", opml)
    assert done.returncode == 0 and "imported 2 feed(s)" in done.stderr
    assert "imported 0 feed(s)" in run_main("feeds", "import", opml).stderr
    out = tmp_path / "out.opml"
    assert run_main("feeds", "export", "--output", out).returncode == 0
    exported = out.read_text()
    assert 'xmlUrl="https://a.example/feed"' in exported and 'category="Policy"' in exported
    assert run_main("feeds", "remove", "https://a.example/feed").returncode == 0
    assert run_main("feeds", "remove", "https://a.example/feed").returncode == 1
    assert "a.example" not in run_main("feeds", "export").stdout
    bad = tmp_path / "bad.opml"
    bad.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body>&a;</body></opml>')
    assert run_main("feeds", "import", bad).returncode in (0, 1)
    bad.write_text("not xml")
    failed = run_main("feeds", "import", bad)
    assert failed.returncode == 1 and "not an OPML file" in failed.stderr
