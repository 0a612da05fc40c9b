"""The reading pane draws tables, numbered links, footnotes and raw HTML (Pilot + snapshots)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.session import Session
from reader.tui.app import PolicyReaderApp

from support.articles import article_file
from support.tui import make_app, ready, screen_lines

BODY = """The [report](https://example.org/report) says prisons work[^cost] and
[the review](review.md) agrees. Raw <b>HTML</b> is text.

| Region | Share | Comment |
|:-------|------:|---------|
| North East | 12 | a long comment that wraps inside its own column when the pane is narrow |
| London | 3 | short |

[^cost]: The cost is in [the annex](https://example.org/annex).
"""

WIDE_TABLE = "| a | b |\n|---|---|\n| " + "x" * 70 + " | " + "y" * 70 + " |\n"


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    article_file(lib, "tables", "Tables, links and notes", BODY, date="2024-01-01")
    article_file(lib, "wide", "A wide table", WIDE_TABLE, date="2023-01-01")
    return lib


@pytest.fixture
def structure_app(
    tmp_path: Path, open_session: Callable[..., Session], monkeypatch: pytest.MonkeyPatch
) -> Callable[[], PolicyReaderApp]:
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    lib = _library(tmp_path)

    def make() -> PolicyReaderApp:
        session = open_session(lib)
        return make_app(session, refresh_catalog=False, open_id="tables")

    return make


async def test_reading_pane_shows_table_links_and_notes(structure_app) -> None:  # type: ignore[no-untyped-def]
    app = structure_app()
    async with app.run_test(size=(180, 50)) as pilot:
        await ready(pilot)
        assert app.reader.article_id == "tables"
        text = "\n".join(line.rstrip() for line in screen_lines(app.reader))
        words = " ".join(text.split())
        assert "report[1] says prisons work¹ and the review[2] agrees. Raw HTML is text." in words
        assert "<b>" not in text
        assert "Region     │ Share │ Comment" in text
        assert "North East │    12 │" in text
        assert "¹ The cost is in the annex[3]." in text
        assert "[2] review.md" in text
        assert app.reader.virtual_size.width == app.reader.scrollable_content_region.width


async def test_a_table_too_wide_scrolls_sideways(structure_app) -> None:  # type: ignore[no-untyped-def]
    app = structure_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.open_article("wide")
        await pilot.pause()
        reader = app.reader
        assert reader.virtual_size.width > reader.scrollable_content_region.width
        reader.scroll_to(x=reader.max_scroll_x, animate=False, immediate=True)
        assert reader.scroll_offset.x > 0
        await pilot.pause()
        assert any("yyyy" in line for line in screen_lines(reader))


@pytest.mark.parametrize("size", [(100, 40), (60, 30)], ids=["100x40", "60x30"])
def test_snapshot_tables_links_footnotes(snap_compare, structure_app, size) -> None:  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot) -> None:
        await ready(pilot)
        await pilot.pause()

    assert snap_compare(structure_app(), terminal_size=size, run_before=run)
