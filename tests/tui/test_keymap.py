"""One action table for bindings, palette and help; the user's keymap in config.yaml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reader.session import Session
from reader.tui.actions import ACTIONS, SCOPES, bindings
from reader.tui.commands import commands
from reader.tui.keymap import load_keymap, parse_keymap
from reader.tui.screens.help import HelpScreen, help_text
from reader.tui.screens.search import SearchScreen
from reader.tui.widgets.key_hints import KeyHints

from support.env import REPO
from support.tui import make_app, ready

SIZE = (120, 40)


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("POLICYREADER_CONFIG_DIR", str(folder))
    return folder


def test_the_table_is_consistent() -> None:
    pairs = Counter((a.scope, a.id) for a in ACTIONS)
    assert [p for p, n in pairs.items() if n > 1] == []
    keys_by_id: dict[str, set[str]] = {}
    for a in ACTIONS:
        assert a.scope in SCOPES
        if a.keys:
            keys_by_id.setdefault(a.id, set()).add(a.keys.split(",")[0])
    # One id is one key wherever it is bound (so one keymap entry moves it everywhere).
    assert {i: k for i, k in keys_by_id.items() if len(k) > 1} == {}
    for scope in SCOPES:
        for binding in bindings(scope):
            assert binding.id  # type: ignore[union-attr]


def test_every_binding_of_the_reader_comes_from_the_table() -> None:
    """A widget or screen of the reader that declares its own Binding escapes the keymap, help
    and the palette: every class's BINDINGS must be rows of the table."""
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    import reader.tui

    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        importlib.import_module(info.name)
    ids = {a.id for a in ACTIONS}
    seen: list[type] = []
    todo = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith("reader.tui") or "BINDINGS" not in vars(cls):
            continue
        seen.append(cls)
        for binding in cls.BINDINGS:
            assert getattr(binding, "id", None) in ids, (cls.__name__, binding)
    assert len(seen) > 10  # the walk did find the reader's classes


def test_the_help_and_the_palette_come_from_the_table() -> None:
    text = help_text({}).plain
    palette = commands({})
    for a in ACTIONS:
        if a.keys and a.listed and SCOPES[a.scope]:
            assert a.help in text
        if a.command:
            assert any(name == a.command for name, _, _ in palette)


async def test_an_override_changes_the_binding_the_palette_and_the_help(
    session: Session, config_dir: Path
) -> None:
    (config_dir / "config.yaml").write_text("keymap:\n  search: ctrl+b\n  bookmark: B\n")
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.keymap_overrides == {"search": "ctrl+b", "bookmark": "B"}
        assert not app.status_line.message.endswith("using the default keys")
        hints = app.query_one(KeyHints)
        assert any(h.key == "ctrl+b" and h.description == "Search" for h in hints.hints)

        await pilot.press("slash")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)  # the old key is free
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")
        await pilot.pause()

        palette = {name: help for name, help, _ in commands(app.keymap_overrides)}
        assert palette["Search the library"].endswith("(ctrl+b)")
        assert palette["Bookmark"].endswith("(B)")

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = help_text(app.keymap_overrides).plain.splitlines()
        search_line = next(line for line in lines if "search the whole library" in line)
        assert search_line.split()[0] == "ctrl+b"
        assert any(line.split()[:1] == ["B"] and "bookmark" in line for line in lines)


@pytest.mark.parametrize(
    "content",
    [
        "keymap: [unclosed\n",
        "keymap:\n  no_such_action: x\n",
        "keymap:\n  search: 3\n",
        "keymap:\n  search: 'ctrl b'\n",
        "- a list\n",
        "keymap: just text\n",
    ],
)
async def test_a_bad_config_file_is_one_line_and_the_defaults(
    session: Session, config_dir: Path, content: str
) -> None:
    path = config_dir / "config.yaml"
    path.write_text(content)
    app = make_app(session)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.keymap_overrides == {}
        message = app.status_line.message
        assert message.startswith(str(path)) and message.endswith("using the default keys")
        assert "\n" not in message
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


def test_keymap_file_rules(tmp_path: Path) -> None:
    assert load_keymap(str(tmp_path / "missing.yaml")) == ({}, None)
    assert parse_keymap(b"") == {}
    assert parse_keymap(b"theme: nord\n") == {}  # other settings are not the keymap's business
    assert parse_keymap(b"keymap:\n  quit: 'ctrl+x, f10'\n  help: '?'\n") == {
        "quit": "ctrl+x,f10",
        "help": "?",
    }
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * 70_000)
    keymap, warning = load_keymap(str(big))
    assert keymap == {} and warning is not None and "KiB" in warning
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"keymap:\n  quit: \xff\n")
    assert "UTF-8" in (load_keymap(str(binary))[1] or "")


def test_the_readme_names_every_id_a_keymap_may_use() -> None:
    """The README's list of ids is the keymap's documentation: an id missing from it is a key
    the user cannot move without reading the source."""
    import re

    from reader.tui.keymap import ids

    readme = (REPO / "README.md").read_text("utf-8")
    start = readme.index("The ids are in `reader/tui/actions.py`")
    listed = set(re.findall(r"`([a-z_]+)`", readme[start : readme.index("One id moves", start)]))
    assert sorted(ids() - listed) == []
