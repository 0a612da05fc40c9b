"""Feeds for the tests, in every format policyreader reads."""

from __future__ import annotations

from xml.sax.saxutils import escape

BODY = (
    "<p>Paragraph {n} of the post on local government finance. Councils in England face a "
    "funding gap that grows every year, and the choices they make about social care, housing "
    "and transport shape the lives of millions of residents in ways that national debates "
    "rarely notice.</p><p>Second paragraph {n}: reserves are falling, council tax rises are "
    "capped, and business rates retention has not delivered the independence it promised. "
    'The <a href="/report">full report</a> sets out the figures.</p>'
)


def page(n: int, title: str = "") -> str:
    """An article page for entry n, with a little navigation around it."""
    title = title or f"Post number {n}"
    paragraphs = "".join(BODY.format(n=n) for _ in range(3))
    return (
        f'<html lang="en"><head><title>{escape(title)}</title>'
        '<meta property="og:site_name" content="Local Gov Blog"></head><body>'
        '<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Copyright Local Gov Blog</footer></body></html>"
    )


def rss2(
    base: str, count: int, *, full: bool, title: str = "Local Gov Blog", start: int = 0
) -> str:
    items = []
    for n in range(start, start + count):
        content = (
            f"<content:encoded><![CDATA[{BODY.format(n=n) * 3}]]></content:encoded>" if full else ""
        )
        items.append(
            f"<item><title>Post number {n}</title><link>{base}/posts/{n}</link>"
            f'<guid isPermaLink="false">post-{n}</guid><dc:creator>Jane Doe</dc:creator>'
            f"<pubDate>Mon, 0{1 + n % 9} Mar 2021 10:00:00 GMT</pubDate>"
            f"<category>Local government</category>"
            f"<description>Summary of post {n}.</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>{base}/</link><description>d</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def atom(base: str, count: int, *, full: bool) -> str:
    entries = []
    for n in range(count):
        body = (
            f'<content type="html">{escape(BODY.format(n=n) * 3)}</content>'
            if full
            else f"<summary>Summary of entry {n}.</summary>"
        )
        entries.append(
            f'<entry><title>Atom entry {n}</title><link href="{base}/atom/{n}"/>'
            f"<id>urn:uuid:atom-{n}</id><updated>2022-05-0{1 + n % 9}T09:00:00Z</updated>"
            f"<author><name>Institute for Government</name></author>"
            f'<category term="Civil service"/>{body}</entry>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Atom Policy Feed</title><link href="{base}/"/><id>urn:feed</id>'
        "<updated>2022-05-01T09:00:00Z</updated>" + "".join(entries) + "</feed>"
    )


def rss1(base: str, count: int) -> str:
    items = "".join(
        f'<item rdf:about="{base}/rdf/{n}"><title>RDF item {n}</title><link>{base}/rdf/{n}</link>'
        f"<description>Summary {n}.</description><dc:date>2020-01-0{1 + n}</dc:date></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{base}/"><title>RDF Feed</title><link>{base}/</link>'
        "<description>d</description></channel>" + items + "</rdf:RDF>"
    )


def rss091(base: str, count: int) -> str:
    items = "".join(
        f"<item><title>Old item {n}</title><link>{base}/old/{n}</link>"
        f"<description>Summary {n}.</description></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0"?>\n<rss version="0.91"><channel><title>Old Feed</title>'
        f"<link>{base}/</link><description>d</description><language>en-gb</language>"
        + items
        + "</channel></rss>"
    )
