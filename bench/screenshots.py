"""SVG screenshots of the main views, made from the bundled articles: `python -m bench.screenshots`.

Runs the real app headless (`App.run_test`) with throw-away data and cache folders, so the
pictures never show (or touch) anyone's own library and state.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "screenshots"
SIZE = (120, 40)


def _prepare(data: Path) -> None:
    """A little state to show: a highlight with a note, a bookmarked quotation, one read."""
    from reader.session import Session

    session = Session.open(data_dir=str(data))
    try:
        aid = "co-production-criminal-justice"
        h = session.highlight_text(
            aid, "the women are invited to contribute ideas towards the running of the centre"
        )
        session.set_note(h.id, "Users shape the service: a concrete form of co-production.")
        for q in session.quotes(aid):
            if q.kind == "quotation" and q.text.startswith("The scheme gives"):
                session.bookmark_quote(q.id, True)
                session.set_note(q.id, "Good opening quote for the briefing.")
        session.mark("social-value-act", "read")
        session.bookmark_article("commissioning-third-sector", True)
    finally:
        session.close()


ARTICLE = "co-production-criminal-justice"


async def _library(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """A category and a tag chosen together in the tree (enter, then space)."""
    tree = app.library_tree
    tree.focus()
    for entry, key in (
        (("category", "Public services"), "enter"),
        (("tag", "commissioning"), "space"),
    ):
        node = tree.entry_node(entry)
        node.parent.expand()
        await pilot.pause()
        tree.move_cursor(node)
        await pilot.pause()
        await pilot.press(key)


async def _reading(app, pilot) -> None:  # type: ignore[no-untyped-def]
    app.open_article(ARTICLE)
    await pilot.pause()
    app.reader.scroll_to_offset(app.session.quotes(ARTICLE)[0].start or 0, context=8)
    await pilot.press("tab")


async def _search(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash", *"social value")
    for _ in range(2):  # the articles and the quotes; then the quotes again with the quotes read
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()


async def _export(app, pilot) -> None:  # type: ignore[no-untyped-def]
    app.open_article(ARTICLE)
    await pilot.pause()
    await pilot.press("e")


async def _help(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("question_mark")


VIEWS = {
    "library.svg": _library,
    "reading.svg": _reading,
    "search.svg": _search,
    "export.svg": _export,
    "help.svg": _help,
}


async def _shoot(out: Path, size: tuple[int, int]) -> list[Path]:
    """Each view from a fresh app: start, wait for the library scan, act, save."""
    from reader.session import Session
    from reader.tui.app import PolicyReaderApp

    written: list[Path] = []
    for name, steps in VIEWS.items():
        app = PolicyReaderApp(Session.open(refresh=False))
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            await steps(app, pilot)
            await pilot.pause()
            app.save_screenshot(filename=name, path=str(out))
            written.append(out / name)
            app.session.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the SVG files")
    parser.add_argument("--size", default=f"{SIZE[0]}x{SIZE[1]}", help="terminal size, WxH")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="policyreader-shots-") as tmp:
        os.environ["POLICYREADER_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["POLICYREADER_CACHE_DIR"] = str(Path(tmp) / "cache")
        os.environ.pop("POLICYREADER_ARTICLES", None)
        # The export dialog shows a path: make it the same on every machine.
        os.environ["HOME"] = "/home/reader"
        os.environ["XDG_DOCUMENTS_DIR"] = "/home/reader/Documents"
        _prepare(Path(tmp) / "data")
        written = asyncio.run(_shoot(args.out, (width, height)))
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
