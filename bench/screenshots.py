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


async def _shoot(out: Path, size: tuple[int, int]) -> list[Path]:
    from reader.paths import default_export_dir
    from reader.session import Session
    from reader.tui.app import PolicyReaderApp

    written: list[Path] = []

    def app() -> PolicyReaderApp:
        return PolicyReaderApp(Session.open(refresh=False))

    async def ready(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    def save(a: PolicyReaderApp, name: str) -> None:
        path = out / name
        a.save_screenshot(filename=name, path=str(out))
        written.append(path)

    a = app()
    async with a.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("down", "down")
        await pilot.pause()
        save(a, "library.svg")
        a.session.close()

    a = app()
    async with a.run_test(size=size) as pilot:
        await ready(pilot)
        a.open_article("co-production-criminal-justice")
        await pilot.pause()
        a.reader.scroll_to_offset(
            a.session.quotes("co-production-criminal-justice")[0].start or 0, context=8
        )
        await pilot.press("tab")
        await pilot.pause()
        save(a, "reading.svg")
        a.session.close()

    a = app()
    async with a.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"social value")
        await pilot.pause(0.3)
        await a.workers.wait_for_complete()
        await pilot.pause()
        save(a, "search.svg")
        a.session.close()

    a = app()
    async with a.run_test(size=size) as pilot:
        await ready(pilot)
        a.open_article("co-production-criminal-justice")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        save(a, "export.svg")
        a.session.close()

    a = app()
    async with a.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        save(a, "help.svg")
        a.session.close()
    _ = default_export_dir
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
