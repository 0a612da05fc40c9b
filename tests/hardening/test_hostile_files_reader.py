"""The hostile corpus in the TUI (Pilot): markup shown literally, no control character reaches
the screen, renderer-stress articles open and scroll without the app dying or hanging."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.corpus import SECOND, hostile_library

pytest.importorskip("textual")
app_mod = pytest.importorskip("reader.tui.app")
PolicyReaderApp = app_mod.PolicyReaderApp

SIZE = (120, 40)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def tui_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    base = tmp_path_factory.mktemp("tui-hostile")
    lib = hostile_library(base / "lib", big=False)
    yield lib, base / "data"
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def session(tui_library: tuple[Path, Path]):  # type: ignore[no-untyped-def]
    from reader.session import Session

    lib, data = tui_library
    s = Session.open(articles=[str(lib)], no_bundled=True, data_dir=str(data), refresh=True)
    yield s
    s.close()


def _strip_text(strip) -> str:  # type: ignore[no-untyped-def]
    return "".join(segment.text for segment in strip)


def _screen(app) -> str:  # type: ignore[no-untyped-def]
    """Everything the screen shows: each visible widget's rendered lines, and the SVG export."""
    reader = app.reader
    lines = [
        _strip_text(reader.render_line(y)) for y in range(reader.scrollable_content_region.height)
    ]
    return "\n".join(lines)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _assert_clean(app) -> None:  # type: ignore[no-untyped-def]
    text = _screen(app)
    found = CONTROL.search(text)
    assert found is None, f"control character {found.group()!r} on screen"
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\x07" not in svg and "\x9b" not in svg


async def test_markup_article_is_literal(session) -> None:  # type: ignore[no-untyped-def]
    app = PolicyReaderApp(session, open_id="markup-in-text")
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert app.is_running
        text = " ".join(_screen(app).split())
        for literal in (
            "[bold red]x[/]",
            "[link=https://evil.example]y[/link]",
            "[@click=app.quit]z[/]",
            "[bold red]Markup title[/]",
            "[reverse]reversed[/reverse]",
            "[on red]background[/on red]",
        ):
            assert literal in text, literal
        svg = app.export_screenshot()
        assert "[@click=app.quit]z[/]" in svg
        _assert_clean(app)
        # Click right on the literal `[@click=...]` and `[link=...]` texts: nothing may run.
        lines = _screen(app).split("\n")
        targets = [
            (line.find(m) + k, y)
            for y, line in enumerate(lines)
            for m in ("[@click=app.quit]", "[link=https://evil")
            if m in line
            for k in (1, 5, 10)
        ]
        assert targets
        for offset in targets:
            await pilot.click("#reader", offset=offset)
        await pilot.pause()
        assert app.is_running
        await pilot.press("o")  # the source link (none here): a message, nothing opened
        await pilot.pause()
        assert app.is_running


async def test_control_sequences_never_reach_the_screen(session) -> None:  # type: ignore[no-untyped-def]
    app = PolicyReaderApp(session, open_id="control-sequences")
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        assert app.is_running
        text = " ".join(_screen(app).split())
        assert "harmless words" in text and "EVIL overwrite" in text
        _assert_clean(app)
        # The list of articles (titles with escapes and an evil file name) is clean too.
        svg = app.export_screenshot()
        assert "pwned" in svg  # the words are shown, their escape characters are not


STRESS = [
    ("nested-list-200", "level 199 nestedlistword"),
    ("nested-quotes-500", "innermost nestedquoteword"),
    ("huge-table", "r1999c0"),  # 20 columns do not fit: the rest is to the right
    ("long-line-1mb", "longlineend"),
    ("long-words", "[1] https://example.org/aaaa"),  # the link list ends the article
    ("commonmark-examples", "[38] mailto:foo+special@Bar.baz-bar0.com"),  # the last link
    ("html-script", "html and in a paragraph."),  # tags and comments are not shown
    ("unclosed-fence", "the fence is never closed"),
]


async def test_renderer_stress_articles_open_and_scroll(session) -> None:  # type: ignore[no-untyped-def]
    """One app opens each stress article in turn, goes to its end and scrolls about."""
    app = PolicyReaderApp(session)
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        for ident, words in STRESS:
            start = time.monotonic()
            assert app.open_article(ident), ident
            await pilot.pause()
            assert app.is_running, ident
            _assert_clean(app)
            app.reader.focus()
            await pilot.press("G")  # to the end of the article
            await pilot.pause()
            end = " ".join(_screen(app).split())
            assert words in end, (ident, end[-300:])
            await pilot.press("pageup", "g", "pagedown", "j", "k")
            await pilot.pause()
            assert app.is_running, ident
            _assert_clean(app)
            took = time.monotonic() - start
            assert took < 15, f"{ident} took {took:.1f} s"


@pytest.mark.parametrize(
    ("damage", "open_id"),
    [
        ("garbage", None),
        ("newer-schema", None),
        ("newer-schema", "good-one"),
        ("garbage", "good-one"),
    ],
)
async def test_tui_starts_on_damaged_or_newer_state(
    tmp_path: Path, damage: str, open_id: str | None
) -> None:
    import sqlite3

    from reader.session import Session
    from reader.store import Store

    data = tmp_path / "data"
    db = data / "state.sqlite3"
    store = Store.open(db)
    store.set_read("good-three", "read")
    store.close()
    if damage == "garbage":
        db.write_bytes(b"\x13garbage " * 4000)
    else:
        con = sqlite3.connect(db)
        con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
    before = db.read_bytes()
    s = Session.open(articles=[str(SECOND)], no_bundled=True, data_dir=str(data), refresh=True)
    try:
        app = PolicyReaderApp(s, open_id=open_id)
        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            assert app.is_running
            message = app.status_line.message
            assert ("damaged" if damage == "garbage" else "read-only") in message, message
            app.article_list.focus()
            await pilot.press("r", "b")  # mark read, bookmark: refused or saved, never a crash
            await pilot.pause()
            assert app.is_running
        if damage == "newer-schema":
            assert db.read_bytes() == before
        else:
            assert [p for p in data.iterdir() if ".damaged-" in p.name]
    finally:
        s.close()
