"""Markdown that stresses the renderer: nothing lost, nothing slow, nothing interpreted."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.text import parse

from support import corpus
from support.cli import run_cli


def _body(article: str) -> str:
    return article.split("---\n", 2)[2]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (corpus.nested_list, ["level 0 nestedlistword", "level 199 nestedlistword"]),
        (corpus.nested_quotes, ["innermost nestedquoteword words here"]),
        (lambda: "> " * 30 + "deep quote\n\nafter the quote\n", ["deep quote", "after the quote"]),
        (
            lambda: "\n".join("  " * i + f"- item{i}" for i in range(40)) + "\n\nafter the list\n",
            ["item0", "item39", "after the list"],
        ),
        (lambda: "- " * 60 + "deep item\n\nafter\n", ["deep item", "after"]),
    ],
    ids=["list-200", "quotes-500", "quotes-30", "list-40", "list-markers-60"],
)
def test_deep_nesting_keeps_every_word(make, words: list[str]) -> None:
    src = make()
    body = _body(src) if src.startswith("---") else src
    start = time.monotonic()
    doc = parse(body)
    assert time.monotonic() - start < 5
    for w in words:
        assert w in doc.text, w


def test_shallow_nesting_keeps_its_structure() -> None:
    doc = parse("> > quoted twice\n\n- a\n  - b\n    - c\n")
    kinds = [(b.quote, b.indent, doc.block_text(b)) for b in doc.blocks]
    assert kinds == [(2, 0, "quoted twice"), (0, 1, "a"), (0, 2, "b"), (0, 3, "c")]


def test_huge_table_keeps_every_cell() -> None:
    start = time.monotonic()
    doc = parse(_body(corpus.huge_table()))
    assert time.monotonic() - start < 10
    assert "r0c0" in doc.text and "r1999c19" in doc.text
    assert [b.kind for b in doc.blocks] == ["paragraph", "table"]


def test_long_line_and_long_words() -> None:
    doc = parse(_body(corpus.long_line()))
    assert len(doc.text) >= 999_000
    doc = parse(_body(corpus.long_words()))
    assert "Pneumonoultramicroscopic" * 100 in doc.text


def test_commonmark_examples_parse() -> None:
    src = corpus.commonmark_examples()
    start = time.monotonic()
    doc = parse(_body(src))
    assert time.monotonic() - start < 10
    assert doc.text.count("cmexamplemarker") == src.count("cmexamplemarker")


def test_html_and_unclosed_fence_are_text() -> None:
    doc = parse('<script>alert("x")</script>\n\nText <b>bold</b>.\n\n```\ncode never closed\n')
    # Raw HTML is shown as its text: tags out, every word kept, never interpreted.
    assert doc.text.startswith('alert("x")\n\nText bold.')
    assert "<" not in doc.text
    assert "code never closed" in doc.text
    assert [b.kind for b in doc.blocks] == ["html", "paragraph", "code"]


def test_control_characters_never_reach_the_text() -> None:
    doc = parse("a\x1b[31mb\x1b]0;t\x07c\rd\x9be\x00f\u202eg\n\n```\nx\x1b[2Jy\n```\n")
    assert not any(ch in doc.text for ch in "\x1b\x07\r\x9b\x00\u202e")


def test_search_common_word_in_huge_article_is_fast(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    # 1 MB of text with a common word throughout: FTS5's own snippet() took ~100 s here.
    # The timeout only guards against that hang; it is far above the expected time.
    (lib / "long.md").write_text(corpus.long_line(1_000_000), encoding="utf-8")
    assert run_cli(tmp_path, "--no-bundled", "--articles", lib, "list").returncode == 0
    res = run_cli(tmp_path, "--no-bundled", "--articles", lib, "search", "policy", timeout=30)
    assert res.stdout.startswith(b"long  ")
