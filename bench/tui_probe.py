"""Run a Textual app headless until its first frame that shows what we wait for, then exit.

    python -m bench.tui_probe OUT.json minimal
    python -m bench.tui_probe OUT.json library [policyreader arguments...]
    python -m bench.tui_probe OUT.json open ARTICLE_ID [policyreader arguments...]

`library` and `open` run the real `policyreader` entry point (`reader.cli.main`) with
`App.run` patched to be headless with an auto-pilot, so the start measured is exactly the
command's: argument parsing, session, index, app. The pilot polls for the whole library being
shown (the article list's rows and the library tree with every facet group and its entries
with their counts), or the reading pane showing ARTICLE_ID, or the minimal app's line; waits
for the next refresh to be painted, writes the wall-clock time of that frame and the process's peak RSS
(VmHWM) to OUT.json, and exits. The parent notes the time just before it starts the process.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

SIZE = (120, 40)
TIMEOUT = 90.0  # under the callers' own timeout, so the error is reported, not killed


def _hwm_kib() -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _ready(app, mode: str, target: str | None, found: list) -> bool:  # noqa: ANN001
    """Is the frame we wait for there? The widget is looked up (a DOM walk) only until found:
    the poll runs on the app's own event loop, so it must cost the app next to nothing."""
    if not found:
        name, wanted = {
            "minimal": ("#probe-line", 1),
            "library": ("ArticleList, LibraryTree", 2),
            "open": ("ReadingPane", 1),
        }[mode]
        widgets = list(app.query(name))
        # Kept only once every widget is mounted: the tree can be there a moment before the
        # list, and a poll that kept the tree alone would wait for the list forever.
        if len(widgets) < wanted:
            return False
        found.extend(widgets)
    if mode == "minimal":
        return True
    if mode == "library":
        kinds = {type(w).__name__: w for w in found}
        rows, tree = kinds.get("ArticleList"), kinds.get("LibraryTree")
        if tree is None or getattr(rows, "row_count", 0) == 0:
            return False
        # Categories, Tags, Authors, Sources, Years, Libraries, filled at once. Sources may
        # have no entry (no article with a publisher); Years has one for every article (its
        # year, or Undated) and Libraries one for every library.
        groups = tree.root.children
        return len(groups) == 6 and bool(groups[4].children) and bool(groups[5].children)
    return any(getattr(w, "article_id", None) == target for w in found)


def headless(pilot) -> None:  # noqa: ANN001 - an async function of a textual Pilot
    """Make every `App.run` of this process headless, at SIZE, driven by `pilot`."""
    from textual.app import App

    original = App.run

    def run(self, **kwargs):  # noqa: ANN001, ANN003, ANN202
        kwargs.update(headless=True, size=SIZE, auto_pilot=pilot)
        return original(self, **kwargs)

    App.run = run  # type: ignore[method-assign]


def run_reader(args: list[str]) -> int:
    """The `policyreader` command itself (`reader.cli.main`), with the app drawing on no
    terminal; its exit status."""
    from reader import cli
    from reader.cli import main as cli_main

    cli.has_terminal = lambda: True  # headless: the app draws on no terminal
    return cli_main(args)


def main(argv: list[str]) -> int:
    out, mode, *rest = argv
    target = rest.pop(0) if mode == "open" else None
    result: dict[str, object] = {"mode": mode}

    async def pilot(p) -> None:  # noqa: ANN001 - textual.pilot.Pilot
        app = p.app
        result["ready"] = time.time()
        deadline = time.monotonic() + TIMEOUT
        found: list = []
        while True:
            try:
                if _ready(app, mode, target, found):
                    break
            except Exception:  # noqa: BLE001 - a screen in transition; look again
                pass
            if time.monotonic() > deadline:
                result["error"] = "timed out waiting for the frame"
                app.exit()
                return
            await asyncio.sleep(0.002)
        painted = asyncio.Event()
        app.call_after_refresh(painted.set)
        await painted.wait()
        result["frame"] = time.time()
        result["hwm_kib"] = _hwm_kib()
        app.exit()

    headless(pilot)
    try:
        if mode == "minimal":
            from bench.minimal_app import MinimalApp

            MinimalApp().run()
        else:
            args = rest + (["open", target] if mode == "open" and target else [])
            result["exit"] = run_reader(args)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, not raised
        result["error"] = f"{type(exc).__name__}: {exc}"
    result.setdefault("hwm_kib", _hwm_kib())
    with open(out, "w") as fh:
        json.dump(result, fh)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
