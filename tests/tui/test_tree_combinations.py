"""The library tree's entries combined: `enter` chooses one alone, `space` adds or removes one,
All articles clears them; the tree marks each chosen entry, the list's title names them all
and the counts follow. Sources, Undated and Libraries are entries like any other."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.session import Session
from reader.tui.app import PolicyReaderApp
from reader.tui.widgets.article_list import ArticleHeader

from support.articles import case_variant_library, facet_libraries
from support.tui import make_app, ready

SIZE = (120, 40)


@pytest.fixture
def library(tmp_path: Path, open_session: Callable[..., Session]) -> Session:
    one, two = tmp_path / "policy", tmp_path / "feeds"
    facet_libraries(one, two, d_tags="[cost]")
    return open_session(one, two, data_dir=tmp_path / "data")


def header(app: PolicyReaderApp) -> ArticleHeader:
    return app.main.query_one("#list-header", ArticleHeader)


def shown(app: PolicyReaderApp) -> list[str]:
    return sorted(a.id for a in app.article_list.articles)


async def press_on(pilot: Pilot, app: PolicyReaderApp, entry: tuple[str, str] | None, key: str):
    """Move the tree's cursor to an entry (None: All articles) and press a key there."""
    tree = app.library_tree
    tree.focus()
    node = tree.root if entry is None else tree.entry_node(entry)
    assert node is not None, entry
    if node.parent is not None:
        node.parent.expand()
    await pilot.pause()
    tree.move_cursor(node)
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()


async def test_entries_combine_and_all_articles_clears_them(library: Session) -> None:
    app = make_app(library, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree = app.library_tree
        await press_on(pilot, app, ("category", "Prisons"), "enter")
        assert app.main.chosen == (("category", "Prisons"),)
        assert shown(app) == ["a", "b", "d"]
        assert (header(app).scope, header(app).count) == ("Prisons", 3)

        # space adds: all of the chosen categories and tags.
        await press_on(pilot, app, ("tag", "cost"), "space")
        assert app.main.chosen == (("category", "Prisons"), ("tag", "cost"))
        assert shown(app) == ["a", "d"]
        assert (header(app).scope, header(app).count) == ("Prisons · tag: cost", 2)
        assert tree.marked == {("category", "Prisons"), ("tag", "cost")}
        for key in tree.marked:
            node = tree.entry_node(key)
            assert node is not None and str(node.label).startswith("✓ ")
        other = tree.entry_node(("tag", "reform"))
        assert other is not None and not str(other.label).startswith("✓")
        assert app.status_line.message == "Showing Prisons · tag: cost: 2"
        summary = app.status_line.query_one("#status-summary", Static)
        assert str(summary.render()) == "2 of 4 articles"

        # With the read-state filter too; the title names every filter, the count follows.
        library.mark("a", "read")
        await pilot.press("u")
        assert (header(app).scope, header(app).count) == ("Prisons · tag: cost · unread", 1)
        await pilot.press(*"uuuuu")  # round to every read state
        assert app.main.state_filter == ""

        # Two years: one or the other (an article has one year).
        await press_on(pilot, app, ("year", "2019"), "space")
        await press_on(pilot, app, ("year", "Undated"), "space")
        assert shown(app) == ["a", "d"]
        assert header(app).scope == "Prisons · tag: cost · year: 2019 or Undated"
        # space again takes an entry out.
        await press_on(pilot, app, ("tag", "cost"), "space")
        assert app.main.chosen == (("category", "Prisons"), ("year", "2019"), ("year", "Undated"))
        assert shown(app) == ["a", "d"]
        node = tree.entry_node(("tag", "cost"))
        assert node is not None and not str(node.label).startswith("✓")

        # enter on an entry: that entry alone.
        await press_on(pilot, app, ("author", "Ann"), "enter")
        assert app.main.chosen == (("author", "Ann"),)
        assert tree.marked == {("author", "Ann")}
        assert (header(app).scope, shown(app)) == ("author: Ann", ["a", "c"])

        # All articles clears them all (space there too).
        await press_on(pilot, app, ("source", "IFS"), "space")
        assert (header(app).scope, shown(app)) == ("author: Ann · source: IFS", ["a"])
        await press_on(pilot, app, None, "space")
        assert app.main.chosen == () and tree.marked == set()
        assert (header(app).scope, header(app).count) == ("All articles", 4)
        await press_on(pilot, app, ("library", "feeds"), "space")
        await press_on(pilot, app, None, "enter")
        assert app.main.chosen == () and shown(app) == ["a", "b", "c", "d"]


async def test_choosing_an_entry_in_an_open_group_redraws_its_line_not_the_tree(
    library: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mark of a chosen entry is its own line: the tree is laid out and drawn again only
    when a closed group has to open to show it."""
    app = make_app(library, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree = app.library_tree
        await press_on(pilot, app, ("category", "Prisons"), "enter")
        await press_on(pilot, app, ("tag", "reform"), "enter")  # the Tags group is open now
        whole: list[int] = []
        real = type(tree)._invalidate

        def counted(self) -> None:  # noqa: ANN001
            whole.append(1)
            real(self)

        monkeypatch.setattr(type(tree), "_invalidate", counted)
        cost = tree.entry_node(("tag", "cost"))
        assert cost is not None
        tree.focus()
        tree.move_cursor(cost)
        await pilot.pause()
        whole.clear()
        await pilot.press("space")
        await pilot.pause()
        assert tree.marked == {("tag", "reform"), ("tag", "cost")}
        assert whole == []
        year = tree.entry_node(("year", "2019"))
        assert year is not None and year.parent is not None
        year.parent.collapse()
        await pilot.pause()
        whole.clear()
        app.main.library_tree.post_message(tree.FilterToggled(("year", "2019")))
        await pilot.pause()
        assert ("year", "2019") in tree.marked and year.parent.is_expanded
        assert whole  # a closed group opened: the tree is laid out again


async def test_undated_sources_and_libraries_are_entries(library: Session) -> None:
    app = make_app(library, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree = app.library_tree
        groups = [str(group.label) for group in tree.root.children]
        assert groups == [
            "Categories (2)",
            "Tags (2)",
            "Authors (2)",
            "Sources (2)",
            "Years (3)",
            "Libraries (2)",
        ]
        years = [str(node.label) for node in tree.root.children[4].children]
        assert years == ["2020  1/1", "2019  1/1", "Undated  2/2"]  # Undated last
        libraries = [str(node.label) for node in tree.root.children[5].children]
        assert libraries == ["policy  3/3", "feeds  1/1"]  # in their order of priority
        await press_on(pilot, app, ("year", "Undated"), "enter")
        assert shown(app) == ["c", "d"]
        assert (header(app).scope, header(app).count) == ("year: Undated", 2)
        await press_on(pilot, app, ("library", "feeds"), "enter")
        assert (header(app).scope, shown(app)) == ("library: feeds", ["d"])
        await press_on(pilot, app, ("source", "IFS"), "enter")
        assert (header(app).scope, shown(app)) == ("source: IFS", ["a", "d"])


async def test_the_palette_adds_the_tree_entry_and_opening_a_hidden_article_clears(
    library: Session,
) -> None:
    from reader.tui.commands import commands

    names = {name: action for name, _help, action in commands({})}
    assert names["Filter: add or remove the tree's entry"] == "toggle_facet"
    app = make_app(library, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await app.run_action("toggle_facet", app.main)  # the cursor is on All articles
        assert app.main.chosen == ()
        assert "entry first" in app.status_line.message
        await press_on(pilot, app, ("category", "Justice"), "enter")
        reform = app.library_tree.entry_node(("tag", "reform"))
        assert reform is not None and reform.parent is not None
        reform.parent.expand()
        await pilot.pause()
        app.library_tree.move_cursor(reform)
        await app.run_action("toggle_facet", app.main)
        assert shown(app) == ["a"]
        # An article the combination hides, opened (a search hit): every filter is cleared.
        assert app.open_article("d")
        await pilot.pause()
        assert app.main.chosen == () and app.library_tree.marked == set()
        assert header(app).scope == "All articles"


async def test_counts_are_kept_when_read_states_change(library: Session) -> None:
    app = make_app(library, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await press_on(pilot, app, ("category", "Prisons"), "enter")
        await press_on(pilot, app, ("tag", "reform"), "space")
        app.open_article("a")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        tree = app.library_tree
        # The tree is counted again (a is started) and the chosen entries stay marked.
        assert tree.marked == {("category", "Prisons"), ("tag", "reform")}
        node = tree.entry_node(("tag", "reform"))
        assert node is not None and str(node.label) == "✓ reform  1/2 ◐1"


async def test_values_differing_only_in_case_are_one_entry(
    tmp_path: Path, open_session: Callable[..., Session]
) -> None:
    """`Housing` and `housing` are one entry with both counts, named as most articles spell
    it; choosing it lists every article of either spelling, as `list --tag` does."""
    lib = tmp_path / "lib"
    case_variant_library(lib)
    session = open_session(lib, data_dir=tmp_path / "data")
    app = make_app(session, refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        tree = app.library_tree
        groups = {str(group.label): group for group in tree.root.children}
        assert [str(n.label) for n in groups["Tags (1)"].children] == ["housing  3/3"]
        assert [str(n.label) for n in groups["Categories (2)"].children] == [
            "Criminal justice  2/2",
            "Health  1/1",
        ]
        assert [str(n.label) for n in groups["Authors (1)"].children] == ["Ann Smith  3/3"]
        assert [str(n.label) for n in groups["Sources (1)"].children] == ["IFS  3/3"]

        await press_on(pilot, app, ("tag", "housing"), "enter")
        assert app.main.chosen == (("tag", "housing"),)
        assert shown(app) == ["h1", "h2", "h3"]
        assert (header(app).scope, header(app).count) == ("tag: housing", 3)
        await press_on(pilot, app, ("category", "Criminal justice"), "space")
        assert shown(app) == ["h1", "h2"]
        assert header(app).scope == "Criminal justice · tag: housing"
        assert tree.marked == {("tag", "housing"), ("category", "Criminal justice")}
        # Taken out again by any spelling of it (the palette's, a message's).
        app.main.library_tree.post_message(tree.FilterToggled(("category", "CRIMINAL JUSTICE")))
        await pilot.pause()
        assert app.main.chosen == (("tag", "housing"),)
        assert tree.marked == {("tag", "housing")}
        node = tree.entry_node(("category", "Criminal justice"))
        assert node is not None and str(node.label) == "Criminal justice  2/2"


def test_snapshot_of_a_combination(snap_compare, open_session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The tree with a category and a tag chosen: both marked ✓ (their groups open), the
    list's title naming both, with the count."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    app = PolicyReaderApp(open_session(bundled=True), refresh_catalog=False)

    async def run_before(pilot: Pilot) -> None:
        await ready(pilot)
        await press_on(pilot, app, ("category", "Public services"), "enter")
        await press_on(pilot, app, ("tag", "commissioning"), "space")
        await ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
