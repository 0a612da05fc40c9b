"""Extraction of a page with its citation metadata; feeds parsed in every format; what a
fetch decides is new, changed or known."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.web import feeds, update
from reader.web.extract import ExtractionError, extract
from reader.web.meta import declared

from . import feedgen

DATA = Path(__file__).parent / "data"
URL = "https://policy.example.org/2021/03/housing-first"


@pytest.fixture(scope="module")
def page() -> object:
    return extract((DATA / "page.html").read_bytes())  # a saved page: its canonical address


def test_the_article_not_the_page(page) -> None:  # noqa: ANN001
    md = page.markdown
    assert md.startswith("The Housing First pathfinder ran")  # the title heading is not repeated
    for boilerplate in ("cookies", "About us", "Related posts", "Share this", "Great post", "©"):
        assert boilerplate not in md
    assert "## How the pathfinder worked" in md
    assert "> For the first time in ten years" in md
    assert "| Tenancies sustained at 12 months | 88% | 61% |" in md
    assert "[full cost report](https://policy.example.org/reports/housing-first-costs.pdf)" in md
    assert (
        "![Chart of tenancy sustainment by city](https://policy.example.org/images/chart.png)" in md
    )
    assert "\\<b>bold\\</b>" in md and "tracker" not in md


def test_citation_metadata(page) -> None:  # noqa: ANN001
    assert page.title == "Housing first in Scotland: what the evaluation found"
    assert page.authors == ["Institute for Fiscal Studies"]  # an organisation, whole
    assert page.date == "2021-03-15"
    assert page.publisher == "The Policy Blog"
    assert page.url == URL  # the canonical address
    assert page.summary.startswith("An evaluation of Housing First")
    assert page.language == "en-GB"
    assert page.tags == ["homelessness"]


def test_relative_addresses_follow_the_address_read() -> None:
    ex = extract((DATA / "page.html").read_bytes(), url="http://127.0.0.1:8/mirror/post")
    assert "[full cost report](http://127.0.0.1:8/reports/housing-first-costs.pdf)" in ex.markdown
    assert "](http://127.0.0.1:8/images/chart.png)" in ex.markdown
    assert ex.url == URL


def test_nothing_is_invented() -> None:
    html = (
        "<html><body><article>"
        + "<p>Plain words about council budgets and the services they pay for. </p>" * 12
        + "</article></body></html>"
    )
    ex = extract(html)
    assert ex.authors == [] and ex.date is None and ex.language == "" and ex.publisher == ""
    assert ex.categories == [] and ex.tags == []


def test_declared_date_keeps_its_precision_and_authors_their_names() -> None:
    head = (
        b'<meta name="citation_date" content="2015/11">'
        b'<meta name="citation_author" content="Smith, Jane">'
        b'<meta name="citation_author" content="Department for Education">'
    )
    found = declared(head)
    assert found.date == "2015-11"
    assert found.authors == ["Smith, Jane", "Department for Education"]
    ld = (
        b'<script type="application/ld+json">{"@type": "Report", "datePublished": "2019",'
        b' "author": [{"@type": "Organization", "name": "The King\'s Fund"}]}</script>'
    )
    found = declared(ld)
    assert found.date == "2019" and found.authors == ["The King's Fund"]
    assert declared(b'<meta name="author" content="By Alex Addyman">').authors == ["Alex Addyman"]


def test_no_article_is_an_error() -> None:
    with pytest.raises(ExtractionError):
        extract(b"<html><body></body></html>")
    with pytest.raises(ExtractionError):
        extract(b"\x00\x01\x02 binary")


@pytest.mark.parametrize(
    ("text", "full", "count"),
    [
        (feedgen.rss2("https://b.example", 3, full=True), True, 3),
        (feedgen.rss2("https://b.example", 2, full=False), False, 2),
        (feedgen.atom("https://b.example", 2, full=True), True, 2),
        (feedgen.atom("https://b.example", 2, full=False), False, 2),
        (feedgen.rss1("https://b.example", 2), False, 2),
        (feedgen.rss091("https://b.example", 2), False, 2),
    ],
)
def test_feed_formats(text: str, full: bool, count: int) -> None:
    feed = feeds.parse(text.encode(), "https://b.example/feed")
    assert feed.title and len(feed.entries) == count
    assert all(e.full is full for e in feed.entries)
    assert all(e.link.startswith("https://b.example/") for e in feed.entries)


def test_feed_entry_metadata() -> None:
    entry = feeds.parse(feedgen.rss2("https://b.example", 1, full=True).encode()).entries[0]
    assert (entry.id, entry.title, entry.authors) == ("post-0", "Post number 0", ["Jane Doe"])
    assert entry.date == "2021-03-01" and entry.categories == ["Local government"]
    atom_entry = feeds.parse(feedgen.atom("https://b.example", 1, full=True).encode()).entries[0]
    assert atom_entry.authors == ["Institute for Government"]
    assert atom_entry.categories == ["Civil service"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html><body>a page</body></html>", "not"),
        (b"<rss><channel><title>x</broken", "malformed"),
        (b"", "not an RSS or Atom feed"),
    ],
)
def test_not_a_feed(data: bytes, message: str) -> None:
    with pytest.raises(feeds.FeedError, match=message):
        feeds.parse(data)


def test_decide_by_id_then_link() -> None:
    e1 = feeds.Entry(id="a", link="https://x/1", title="One", content="c")
    e2 = feeds.Entry(id="", link="https://x/2", title="Two")
    e3 = feeds.Entry(id="c", link="https://x/3", title="Three")
    first = update.decide([e1, e2, e3, e1], [])
    assert [d.action for d in first] == ["new", "new", "new"]  # the repeat counted once
    known = [update.Known(d.key, d.entry.link, f"art-{i}", d.hash) for i, d in enumerate(first)]
    changed = feeds.Entry(id="a", link="https://x/1", title="One, corrected", content="c")
    moved_id = feeds.Entry(id="new-guid", link="https://x/3", title="Three")
    again = update.decide([changed, e2, moved_id], known)
    assert [d.action for d in again] == ["update", "same", "same"]
    assert again[0].known.article_id == "art-0"
    assert again[2].known.article_id == "art-2"  # same link, new guid: the same entry
