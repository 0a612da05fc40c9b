"""Links, footnotes, tables, raw HTML and the outline: offsets over the plain text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from reader.anchors import reanchor
from reader.text import parse, quotations, sentences
from reader.textparts import extract_footnotes, html_text, link_list, links, outline, section_at
from reader.tui.textlayout import column_widths, layout_document

BODY = """# Findings

The [report](https://example.org/report) says prisons work[^cost] and
[the review](review.md) agrees with [the report](https://example.org/report).

| Region | Share | Comment |
|:-------|------:|---------|
| North East | 12 | a long comment that cannot fit in a narrow column at all |
| London | 3 | short |

## Method

Line one<br>line two and <b>bold</b> text.

<div>
<p>Block &amp; one</p>
<script>alert(1)</script>
<p>Block two</p>
</div>

[^cost]: The cost is in [the annex](https://example.org/annex).
    It continues here.
"""


def shown(doc, line) -> str:  # type: ignore[no-untyped-def]
    if line.parts is None:
        return line.prefix + (
            line.literal if line.literal is not None else doc.text[line.start : line.end]
        )
    return line.prefix + "".join(
        doc.text[p[0] : p[1]] if isinstance(p[0], int) else p[0] for p in line.parts
    )


def test_links_are_numbered_by_address_and_are_spans_over_the_text() -> None:
    doc = parse(BODY)
    found = links(doc)
    assert [(lk.number, lk.text, lk.href) for lk in found] == [
        (1, "report", "https://example.org/report"),
        (2, "the review", "review.md"),
        (1, "the report", "https://example.org/report"),
        (3, "the annex", "https://example.org/annex"),
    ]
    for lk in found:
        assert doc.text[lk.start : lk.end] == lk.text
    assert [lk.number for lk in link_list(doc)] == [1, 2, 3]


def test_footnotes_become_numbered_notes_at_the_end() -> None:
    doc = parse(BODY)
    assert "[^cost]" not in doc.text  # the reference is a mark, not text
    note = doc.blocks[-1]
    assert note.kind == "footnote" and note.marker == "1"
    assert doc.block_text(note) == "The cost is in the annex. It continues here."
    ref = [s for b in doc.blocks for s in b.spans if s.style == "footref"]
    assert len(ref) == 1 and ref[0].start == ref[0].end and ref[0].href == "1"
    assert doc.text[ref[0].start - 4 : ref[0].start] == "work"
    # A reference to an undefined label stays as written; inside code it is left alone.
    other = parse("A[^x] and `[^y]`.\n\n```\n[^y]\n```\n\n[^y]: Note.\n")
    assert other.text.startswith("A[^x] and [^y].")
    assert "[^y]" in other.block_text(other.blocks[1])
    assert extract_footnotes("No notes here.").notes == []


def test_tables_keep_their_cells_and_the_old_plain_text() -> None:
    doc = parse(BODY)
    table = next(b for b in doc.blocks if b.kind == "table")
    rows = [[doc.text[s:e] for s, e in row] for row in table.cells]
    assert rows[0] == ["Region", "Share", "Comment"]
    assert rows[2] == ["London", "3", "short"]
    assert doc.block_text(table).split("\n")[1].startswith("North East │ 12 │ a long")
    assert table.align == ["left", "right", ""]


def test_raw_html_is_text_without_tags_line_breaks_kept() -> None:
    doc = parse(BODY)
    assert "Line one\nline two and bold text." in doc.text
    block = next(b for b in doc.blocks if b.kind == "html")
    assert doc.block_text(block) == "Block & one\nalert(1)\nBlock two"
    assert "<" not in doc.text and "alert(1)" in doc.text  # a script's words stay, as text
    assert html_text("a<br/>b\n\n\n<i>c</i>") == "a\nb\nc"


def test_outline_and_current_section() -> None:
    doc = parse(BODY)
    heads = outline(doc)
    assert [(h.level, h.text) for h in heads] == [(1, "Findings"), (2, "Method")]
    assert section_at(heads, heads[1].start + 5) == heads[1]
    assert section_at(heads, heads[1].start - 1) == heads[0]
    assert outline(parse("Just a paragraph.")) == []


def test_quotes_and_sentences_still_work_over_the_new_text() -> None:
    doc = parse(
        'He said “the cost is very high indeed”[^a] today.\n\n[^a]: See "the annex of the report".\n'
    )
    assert [q.text for q in quotations(doc)] == [
        "the cost is very high indeed",
        "the annex of the report",
    ]
    assert sentences(doc)
    # A quote made when the reference was text ("...indeed”[^a] today") is found again.
    old = "He said “the cost is very high indeed”[^a] today."
    start = old.index("the cost")
    assert reanchor(
        doc.text, "the cost is very high indeed", old[:start], old[start + 28 :], start, start + 28
    )


def test_layout_numbers_links_marks_references_and_lists_addresses() -> None:
    doc = parse(BODY)
    layout = layout_document(doc, 60, [])
    text = [shown(doc, ln) for ln in layout.lines]
    assert any("report[1] says prisons work¹" in t for t in text)
    assert any("the review[2]" in t for t in text)
    assert "Notes" in text and "Links" in text
    assert text[-3:] == [
        "[1] https://example.org/report",
        "[2] review.md",
        "[3] https://example.org/annex",
    ]
    assert any(t.startswith("¹ The cost is in the annex[3]") for t in text)
    assert layout.wide == 0


def test_table_columns_wrap_inside_never_mid_word() -> None:
    doc = parse(BODY)
    layout = layout_document(doc, 50, [])
    rows = [shown(doc, ln) for ln in layout.lines if ln.kind.startswith("table")]
    assert rows[0].startswith("Region ") and "│ Share │ Comment" in rows[0]
    assert set(rows[1]) <= {"─", "┼"}
    bars = {r.index("│") for r in rows if "│" in r}
    assert len(bars) == 1  # aligned columns
    words = set(BODY.split())
    for r in rows[2:]:
        for cell in r.split("│"):
            for w in cell.split():
                assert w in words, w  # no word is cut
    cells = [r.split("│") for r in rows if "│" in r]
    assert any(c[1] == "    12 " for c in cells)  # right-aligned as the table says
    assert all(len(r) <= 50 for r in rows)


def test_table_too_wide_for_its_narrowest_layout_scrolls_sideways() -> None:
    doc = parse("| a | b |\n|---|---|\n| " + "x" * 30 + " | " + "y" * 30 + " |\n")
    layout = layout_document(doc, 40, [])
    assert layout.wide == 63
    assert layout_document(doc, 80, []).wide == 0


def test_column_widths() -> None:
    assert column_widths([3, 3], [5, 5], 20) == [5, 5]
    assert column_widths([3, 4], [5, 30], 20) == [5, 15]  # the small column is filled first
    assert column_widths([10, 10], [20, 20], 5) == [10, 10]
    assert sum(column_widths([2, 2, 2], [9, 10, 11], 20)) == 20


def test_show_prints_the_link_list_and_notes(
    cli: Callable[..., object], lib: Path, put: Callable[..., Path], md: Callable[..., str]
) -> None:
    put(lib, "a.md", md("Linked", BODY))
    r = cli("--no-bundled", "--articles", str(lib), "show", "a")
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "The report[1] says prisons work[^1] and" in out
    assert out.rstrip().endswith(
        "Links\n-----\n[1] https://example.org/report\n[2] review.md\n[3] https://example.org/annex"
    )
    assert "[^1] The cost is in the annex[3]. It continues here." in out
    obj = json.loads(cli("--no-bundled", "--articles", str(lib), "show", "a", "--json").stdout)
    assert obj["links"][1] == {"number": 2, "text": "the review", "address": "review.md"}
