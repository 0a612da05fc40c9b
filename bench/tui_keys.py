"""Keys in the running reader, each timed from its key press to the next painted frame.

    python -m bench.tui_keys OUT.json REPS [policyreader arguments...]

Runs the real `policyreader` entry point (`reader.cli.main`) headless, patched as
`bench.tui_probe` patches it, waits until the whole library is listed and counted (and the
start's scan is done), then, REPS times in one process, presses keys as a reader would and
times each from the moment the key is sent to the first painted frame that shows its result:

    open      `enter` on an article in the list: the reading pane shows it
    outline   `t` in that article: the reading pane is painted with the outline box over its
              text, all the headings in it (the pane keeps the focus)
    follow    `f`, then the link's number (no dialog: the status line asks for it): the
              reading pane shows the library article it links to
    links     `f` then `enter`: the list of the article's links painted (a dialog; shown,
              not judged)
    open_target  `enter` on that same target article in the list (what following is
              compared with: the same article opened the ordinary way)
    list_all  `u` back to every read state (from the `changed` filter): the list of all
              articles, in the catalog's own order (date), its first frame
    sort      `s` from date to title: the list painted in title order
    filter    a category and a tag chosen together in the library tree: the category chosen
              alone (`enter`), then `space` on the tag adds it; timed from `space` to the list
              painted with both (the category with the most articles, and the tag most of its
              articles have)

The article is the first in the list (newest first) with at least two headings and a link
to another article of the library. The first round warms up and is not kept. Between keys the
probe waits for the app to settle (workers done, a few frames' time), so that each key starts
from an idle app, as a reader's does. With BENCH_PROFILE=DIR set, each figure's key-to-frame time is also
profiled (DIR/FIGURE.prof, every round together). Writes JSON: the seconds of each kept round per figure,
the article, the link's target and the counts it saw.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from bench.tui_probe import TIMEOUT, _ready, headless, run_reader

SETTLE = 0.05  # seconds of idle before each key: the frame timer is at rest, as for a reader
LOST = 1.0  # seconds after which a frame's callback is taken as lost with its closed screen
FIGURES = (
    "open",
    "outline",
    "follow",
    "links",
    "open_target",
    "list_all",
    "sort",
    "filter",
)


class ProbeError(Exception):
    pass


def _key(app: Any, key: str) -> None:
    """Send one key as the terminal driver would (as `Pilot.press` does, without its waits)."""
    from textual import events

    char = {"enter": "\r", "escape": "\x1b", "space": " "}.get(key, key if len(key) == 1 else None)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)


async def _painted(app: Any) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    # The callback waits on the screen on top; a dialog closed before it painted takes it
    # along, so the wait ends anyway after a while (never in a timed figure's normal course).
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), LOST)


async def _until(app: Any, condition: Callable[[], bool]) -> None:
    """Until a frame of the screen on top has been painted after `condition` became true."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        screen = app.screen
        await _painted(app)
        try:
            shown = condition() and app.screen is screen
        except Exception:  # noqa: BLE001 - a screen in transition; look again
            shown = False
        if shown:
            # The state can be set by the key's handler before the frame that draws it (the
            # refresh awaited above may have run first): one more painted frame, so that every
            # figure ends with its result on the screen, whichever came first.
            await _painted(app)
            return
        if time.monotonic() > deadline:
            raise ProbeError("timed out waiting for the frame")
        await asyncio.sleep(0.0005)


async def _settle(app: Any) -> None:
    await app.workers.wait_for_complete()
    await _painted(app)
    await asyncio.sleep(SETTLE)


PROFILES: dict[str, Any] = {}  # figure -> cProfile.Profile, with BENCH_PROFILE=DIR


async def _timed(app: Any, keys: list[str], condition: Callable[[], bool], name: str = "") -> float:
    await _settle(app)
    profile = PROFILES.get(name)
    start = time.perf_counter()
    if profile is not None:
        profile.enable()
    for key in keys:
        _key(app, key)
    try:
        await _until(app, condition)
    except ProbeError as exc:
        raise ProbeError(f"{name or keys}: {exc}") from None
    if profile is not None:
        profile.disable()
    return time.perf_counter() - start


def _tag_of(catalog: Any, category: str) -> tuple[str, int]:
    """The tag most of the category's articles have, and how many have both."""
    from collections import Counter

    tags = Counter(t for a in catalog.select([("category", category)]) for t in a.tags)
    if not tags:
        raise ProbeError(f"no article of {category} has a tag")
    tag = max(tags, key=lambda t: (tags[t], t))
    return tag, len(catalog.select([("category", category), ("tag", tag)]))


def _pick(session: Any) -> tuple[Any, Any, int, int]:
    """(article, link target, the link's number, headings) for the rounds."""
    from reader.api import link_list, outline

    catalog = session.catalog
    by_path = {os.path.normpath(str(a.path)): a for a in catalog.articles}
    by_url = {a.source_url: a for a in catalog.articles if a.source_url}
    for art in catalog.articles[:2000]:
        _, doc = catalog.document(art.id)
        headings = outline(doc)
        if len(headings) < 2:
            continue
        links = link_list(doc)
        for link in links:
            if "://" in link.href:
                target = by_url.get(link.href)
            else:
                folder = os.path.dirname(str(art.path))
                target = by_path.get(os.path.normpath(os.path.join(folder, link.href)))
            # A number no other starts with: typing it follows at once.
            others = [str(x.number) for x in links if x.number != link.number]
            if target is None or target.id == art.id:
                continue
            if any(o.startswith(str(link.number)) for o in others):
                continue
            return art, target, link.number, len(headings)
    raise ProbeError("no article with headings and a link to another library article")


async def rounds(app: Any, reps: int, result: dict[str, Any]) -> None:
    from reader.tui.screens.outline import LinksScreen

    main = app.main
    session = main.session
    catalog = session.catalog
    deadline = time.monotonic() + TIMEOUT
    found: list = []
    while not (
        _ready(app, "library", None, found)
        and catalog.loaded
        and main.article_list.row_count == catalog.total
        and not any(w.is_running for w in app.workers)
    ):
        if time.monotonic() > deadline:
            raise ProbeError("timed out waiting for the library")
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.4)  # the garbage collector resumes a moment after the first frame
    art, target, number, headings = _pick(session)
    facets, _ = session.facet_counts()
    category = max(facets["category"], key=lambda f: f.total).value
    tag, combined = _tag_of(catalog, category)
    result.update(
        article=art.id,
        target=target.id,
        link=number,
        headings=headings,
        articles=catalog.total,
        category=category,
        tag=tag,
        rows_combined=combined,
    )
    lst, reader = main.article_list, main.reader
    times: dict[str, list[float]] = {name: [] for name in FIGURES}

    def on_main() -> bool:
        return app.screen is main

    def showing(article_id: str) -> Callable[[], bool]:
        return lambda: on_main() and reader.article_id == article_id

    async def in_list(article_id: str | None = None) -> None:
        main.focus_pane("list")
        if article_id is not None and not lst.select_id(article_id):
            raise ProbeError(f"{article_id} is not in the list")
        await _painted(app)

    async def in_tree(entry: tuple[str, str]) -> None:
        tree = main.library_tree
        main.focus_pane("tree")
        node = tree.entry_node(entry)
        if node is None:
            raise ProbeError(f"{entry} is not in the tree")
        if node.parent is not None:
            node.parent.expand()
        await _painted(app)
        tree.move_cursor(node)
        await _until(app, lambda: tree.cursor_node is node)

    both = (("category", category), ("tag", tag))
    first_by_title = min(catalog.articles, key=lambda a: (a.title or a.id).casefold())
    for rep in range(reps + 1):
        got: dict[str, float] = {}
        await in_list(art.id)  # the reading pane shows the link's target (or nothing)
        got["open"] = await _timed(app, ["enter"], showing(art.id), "open")

        def outline_shown() -> bool:
            box = reader.outline
            return (
                on_main()
                and box is not None
                and len(box.rows) == headings
                and box.drawn_for != (-1, -1)  # the pane has drawn it
                and app.focused is reader
            )

        got["outline"] = await _timed(app, ["t"], outline_shown, "outline")
        _key(app, "escape")
        await _until(app, lambda: app.focused is reader and reader.outline is None)

        got["links"] = await _timed(
            app, ["f", "enter"], lambda: isinstance(app.screen, LinksScreen), "links"
        )
        _key(app, "escape")
        await _until(app, on_main)
        got["follow"] = await _timed(app, ["f", *str(number)], showing(target.id), "follow")
        _key(app, "backspace")  # back to the article, so that the target is opened anew
        await _until(app, showing(art.id))
        # the link's target, opened from the list: what following the link is compared with
        await in_list(target.id)
        got["open_target"] = await _timed(app, ["enter"], showing(target.id), "open_target")

        # the list: all articles (from the `changed` filter), sorted, filtered twice
        await in_list()
        main.action_filter_state("changed")
        got["list_all"] = await _timed(
            app,
            ["u"],
            lambda: main.state_filter == "" and lst.row_count == catalog.total,
            "list_all",
        )
        got["sort"] = await _timed(
            app,
            ["s"],
            lambda: main.sort == "title" and lst.articles[0] is first_by_title,
            "sort",
        )
        main.action_sort("date")
        main.library_tree.post_message(main.library_tree.FilterChosen(both[0]))
        await _until(app, lambda: main.chosen == both[:1])
        await in_tree(both[1])
        got["filter"] = await _timed(
            app,
            ["space"],
            lambda: main.chosen == both and len(lst.articles) == combined,
            "filter",
        )
        main.action_show_all()
        if rep:  # the first round warms up
            for name in FIGURES:
                times[name].append(got[name])
    result["seconds"] = times
    result["rows_filtered"] = len(lst.articles)


def main(argv: list[str]) -> int:
    out, reps_text, *args = argv
    reps = int(reps_text)
    result: dict[str, Any] = {"mode": "keys", "reps": reps}
    profile_dir = os.environ.get("BENCH_PROFILE")
    if profile_dir:  # a cProfile of each figure's key-to-frame time, all rounds together
        import cProfile

        PROFILES.update({name: cProfile.Profile() for name in FIGURES})

    async def pilot(p: Any) -> None:
        try:
            await rounds(p.app, reps, result)
        except Exception as exc:  # noqa: BLE001 - reported to the parent, not raised
            result["error"] = f"{type(exc).__name__}: {exc}"
        p.app.exit()

    headless(pilot)
    try:
        result["exit"] = run_reader(args)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, not raised
        result.setdefault("error", f"{type(exc).__name__}: {exc}")
    with open(out, "w") as fh:
        json.dump(result, fh)
    for name, profile in PROFILES.items():
        profile.dump_stats(os.path.join(str(profile_dir), f"{name}.prof"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
