"""Quotation detection, on the bundled articles and on small cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import parse_file
from reader.paths import bundled_articles_dir
from reader.text import parse, quotation_id, quotations

BUNDLED = bundled_articles_dir()

# The long quotations of the bundled articles: (article, how it starts, how it ends).
EXPECTED = [
    (
        "co-production-criminal-justice",
        "The scheme gives vulnerable women a choice",
        "a direction and opportunities",
    ),
    (
        "co-production-criminal-justice",
        "improve the effectiveness of Scotland’s criminal justice",
        "have been subject to punishment",
    ),
    (
        "co-production-criminal-justice",
        "We’re kind of like in space",
        "safer, hopefully better direction!",
    ),
    (
        "co-production-criminal-justice",
        "We promote and encourage children and young people",
        "in the youth criminal justice system",
    ),
    (
        "commissioning-third-sector",
        "We are dismayed by the fact that the Charity Commission",
        "the Charity Commission is not fit for purpose.",
    ),
    (
        "social-value-act",
        "the potential to transform the way public services are commissioned",
        "in an area and not on cost alone",
    ),
]


def bundled_doc(article_id: str):
    parsed = parse_file(str(BUNDLED / f"{article_id}.md"), str(BUNDLED))
    assert parsed.article is not None
    return parse(parsed.body)


@pytest.fixture(scope="module")
def bundled_quotes():
    return {
        aid: (doc, quotations(doc))
        for aid in {e[0] for e in EXPECTED} | {"demystifying-social-enterprise"}
        for doc in [bundled_doc(aid)]
    }


def test_every_long_quotation_is_found_and_nothing_else(bundled_quotes) -> None:
    found = [(aid, q.text) for aid, (_, qs) in sorted(bundled_quotes.items()) for q in qs]
    assert len(found) == len(EXPECTED), found
    for (aid, text), (want_aid, head, tail) in zip(found, EXPECTED, strict=True):
        assert aid == want_aid
        assert text.startswith(head), text
        assert text.endswith(tail), text


def test_quotations_exclude_their_quote_marks(bundled_quotes) -> None:
    for _, (doc, qs) in bundled_quotes.items():
        for q in qs:
            assert doc.text[q.start : q.end] == q.text
            assert q.text[0] not in '“”"' and q.text[-1] not in '“”"'
            assert doc.text[q.start - 1] == "“"  # every bundled quotation opens with a curly mark


def test_public_accounts_committee_quote_is_unclosed_and_ends_with_its_paragraph(
    bundled_quotes,
) -> None:
    doc, qs = bundled_quotes["commissioning-third-sector"]
    (pac,) = qs
    assert not pac.closed
    assert pac.text.endswith("is not fit for purpose.")
    assert "It seems that the government lacks" not in pac.text
    assert doc.text[pac.end : pac.end + 2] == "\n\n"  # the paragraph's end
    assert doc.text[pac.start - 1] == "“"


def test_the_other_quotations_are_closed(bundled_quotes) -> None:
    for aid, (doc, qs) in bundled_quotes.items():
        for q in qs:
            if aid != "commissioning-third-sector":
                assert q.closed
                assert doc.text[q.end] == "”"


def test_scare_quotes_are_not_quotations(bundled_quotes) -> None:
    doc, qs = bundled_quotes["commissioning-third-sector"]
    assert "“shadow state”" in doc.text and "“funding crisis”" in doc.text
    for q in qs:
        assert "shadow state" not in q.text
        assert "funding crisis" not in q.text


def test_apostrophes_are_never_quote_marks(bundled_quotes) -> None:
    doc, qs = bundled_quotes["co-production-criminal-justice"]
    texts = [q.text for q in qs]
    assert any(t.startswith("We’re kind of like") for t in texts)
    assert any("Scotland’s criminal justice" in t for t in texts)
    assert "‘on the outside’" in doc.text
    assert not any("on the outside" in t for t in texts)
    assert not any("Tomorrow’s Women" in t or "Outside the Box’s" in t for t in texts)
    for q in qs:
        assert doc.text[q.start - 1] not in "’‘'"


def test_no_quotations_in_an_article_without_any(bundled_quotes) -> None:
    assert bundled_quotes["demystifying-social-enterprise"][1] == []


def texts(markdown: str) -> list[str]:
    return [q.text for q in quotations(parse(markdown))]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ('He said "this is a straight quote" today.', ["this is a straight quote"]),
        ('A 12" record and a 7" single were "on sale today" here.', ["on sale today"]),
        ("He said “only two” words and “three whole words” later.", ["three whole words"]),
        ("It’s Scotland’s ‘single quoted phrase here’ and we’re fine.", []),
        ("“Nested “inner quote words” and more” after.", ["Nested “inner quote words” and more"]),
        ("«guillemets with three words»", ["guillemets with three words"]),
        ("„German style quote here”", ["German style quote here"]),
        ("- “A quote in a list item”", ["A quote in a list item"]),
        ("## “A quote in a heading here”", ["A quote in a heading here"]),
        (
            "“Never closed in this paragraph\n\nNext “closed one here now”.",
            ["Never closed in this paragraph", "closed one here now"],
        ),
        ("“Spans a soft\nline break here”", ["Spans a soft line break here"]),
    ],
)
def test_detection_cases(markdown: str, expected: list[str]) -> None:
    assert texts(markdown) == expected


def test_figure_captions_are_not_quoted() -> None:
    md = '![“A caption with many words in quotes”]()\n\n![He said "three words here"]()\n'
    doc = parse(md)
    assert [b.kind for b in doc.blocks] == ["figure", "figure"]
    assert quotations(doc) == []


def test_code_is_not_quoted() -> None:
    assert texts('```\nprint("a string with words")\n```\n\n    "indented code with words"\n') == []


def test_blockquotes_are_quotations() -> None:
    assert texts("Before.\n\n> A quoted block with several words.\n\nAfter.") == [
        "A quoted block with several words."
    ]
    assert texts("> Too short") == []
    assert texts("> First paragraph of it here.\n>\n> Second paragraph of it here.") == [
        "First paragraph of it here.",
        "Second paragraph of it here.",
    ]


def test_blockquote_text_leaves_out_its_own_quote_marks() -> None:
    doc = parse("> “Curly marks around a whole blockquote”")
    (q,) = quotations(doc)
    assert q.text == "Curly marks around a whole blockquote"
    assert doc.text[q.start : q.end] == q.text


def test_quote_ids_are_stable(tmp_path: Path, open_session) -> None:
    first = [(q.id, q.text) for q in open_session(bundled=True).quotes()]
    # a fresh cache and a fresh state: the same ids
    second = [
        (q.id, q.text)
        for q in open_session(bundled=True, data_dir=tmp_path / "other-data").quotes()
    ]
    assert first == second
    assert len(first) == len(EXPECTED)
    q0 = open_session(bundled=True).quotes("social-value-act")[0]
    assert q0.id == quotation_id("social-value-act", q0.text, 0)


def test_quote_id_survives_an_edit_elsewhere(lib: Path, put, md, open_session) -> None:
    body = "Intro.\n\nShe said “a quotation of several words” then.\n"
    put(lib, "a.md", md("A", body=body))
    before = [q.id for q in open_session(lib).quotes("a")]
    put(lib, "a.md", md("A", body="A new first paragraph.\n\n" + body))
    after = [q.id for q in open_session(lib).quotes("a")]
    assert before == after and len(before) == 1


def test_a_repeated_quotation_gets_distinct_ids(lib: Path, put, md, open_session) -> None:
    put(lib, "a.md", md("A", body="“the same words again” and “the same words again”.\n"))
    qs = open_session(lib).quotes("a")
    assert len(qs) == 2 and qs[0].id != qs[1].id
