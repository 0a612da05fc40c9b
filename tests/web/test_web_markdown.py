"""The Markdown writer: what the user reads and quotes, from the extracted tree or feed HTML."""

from __future__ import annotations

from reader.text import parse
from reader.web.markdown import address, escape, escape_line_start, from_html

BASE = "https://example.org/blog/post"


def test_structure_is_kept() -> None:
    md = from_html(
        "<h2>A heading</h2><p>One <b>bold</b> and <em>italic</em> word.</p>"
        "<ul><li>first</li><li>second<ul><li>nested</li></ul></li></ul>"
        "<ol><li>one</li><li>two</li></ol>"
        "<blockquote><p>Quoted words here.</p><p>Second paragraph.</p></blockquote>"
        "<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2 | 3</td></tr></table>"
        "<pre>code\n  indented</pre>",
        BASE,
    )
    assert "## A heading" in md
    assert "One **bold** and *italic* word." in md
    assert "- first\n- second\n\n  - nested" in md
    assert "1. one\n2. two" in md
    assert "> Quoted words here.\n>\n> Second paragraph." in md
    assert "| A | B |\n|---|---|\n| 1 | 2 \\| 3 |" in md
    assert "```\ncode\n  indented\n```" in md
    doc = parse(md)
    kinds = [b.kind for b in doc.blocks]
    assert "heading" in kinds and "table" in kinds and "code" in kinds


def test_links_and_images_are_absolute_and_whole() -> None:
    md = from_html(
        '<p>See <a href="../report (final).pdf">the report</a> and '
        '<a href="javascript:alert(1)">this</a>.</p>'
        '<p><img src="/img/a b.png" alt="A [chart]"></p>',
        BASE,
    )
    assert "[the report](https://example.org/report%20%28final%29.pdf)" in md
    assert "javascript" not in md and "and this." in md
    assert "![A \\[chart\\]](https://example.org/img/a%20b.png)" in md


def test_text_that_looks_like_markup_stays_text() -> None:
    md = from_html(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; and *not emphasis* and [not](a link)</p>"
        "<p># not a heading</p><p>1999. A year, not a list</p><p>- not an item</p>"
        "<p>&amp;copy; stays</p>",
        BASE,
    )
    text = parse(md).text
    assert "<script>alert(1)</script> and *not emphasis* and [not](a link)" in text
    assert "# not a heading" in text
    assert "1999. A year, not a list" in text
    assert "- not an item" in text
    assert "&copy; stays" in text
    assert [b.kind for b in parse(md).blocks] == ["paragraph"] * 5


def test_indented_lines_are_never_code() -> None:
    md = from_html("<p>        indented text\n        more</p><div>    also indented</div>", BASE)
    doc = parse(md)
    assert all(b.kind == "paragraph" for b in doc.blocks)
    assert "indented text more" in doc.text


def test_scripts_styles_and_forms_are_dropped() -> None:
    md = from_html(
        "<p>Kept.</p><script>evil()</script><style>p{}</style><form><input value=x>"
        "<button>Go</button></form><iframe src='x'></iframe><!-- a comment -->",
        BASE,
    )
    assert md.strip() == "Kept."


def test_helpers() -> None:
    assert escape("a_b*c`d") == "a\\_b\\*c\\`d"
    assert escape_line_start("+ plus") == "\\+ plus"
    assert escape_line_start("2) two") == "2\\) two"
    assert address("mailto:a@b.org", BASE) == "mailto:a@b.org"
    assert address("ftp://x/y", BASE) is None
    assert address("data:image/png;base64,xx", BASE) is None


def test_deep_nesting_does_not_crash() -> None:
    html = "<div>" * 200 + "<p>deep text</p>" + "</div>" * 200  # libxml2 stops at 255
    assert "deep text" in from_html(html, BASE)
