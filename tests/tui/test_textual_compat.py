"""The private Textual names the reader uses are all in reader.tui.compat, and all still exist.

A Textual upgrade that renames or removes one fails here, with the reason it was used, instead
of quietly changing how the reader looks or starts.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from reader.tui import compat

TUI = Path(compat.__file__).parent


def _owner(spec: str) -> type:
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


@pytest.mark.parametrize("private", compat.PRIVATE_NAMES, ids=lambda p: p.name)
def test_each_private_name_still_exists(private: compat.PrivateName) -> None:
    owner = _owner(private.owner)
    if private.instance:
        instance = owner("label") if owner.__name__ == "Tree" else owner()
        assert hasattr(instance, private.name), f"{private.owner}.{private.name}: {private.why}"
    else:
        assert hasattr(owner, private.name), f"{private.owner}.{private.name}: {private.why}"
    assert private.why


def test_no_other_module_uses_them() -> None:
    names = {p.name for p in compat.PRIVATE_NAMES}
    pattern = re.compile(r"\b(" + "|".join(sorted(names)) + r")\b")
    found = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "compat.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) or re.search(r"def _on_\w+\(", line):
                found.append(f"{path.relative_to(TUI)}:{number}: {line.strip()}")
    assert found == []


def test_the_helpers_work_on_this_textual() -> None:
    from textual.widgets import Tree

    from reader.tui.widgets.reading_pane import ReadingPane

    classes = compat.component_classes(ReadingPane)
    assert "reading-pane--code" in classes
    assert ReadingPane._get_component_classes() == frozenset()  # styled lazily, not eagerly
    tree: Tree[None] = Tree("label")
    compat.tree_cache_height(tree, 50)
    assert compat.component_styles(tree) == {}
