"""The library tree: All articles, then Categories, Tags, Authors and Years with counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.api import FacetCount, clean_line
from reader.tui.actions import bindings
from reader.tui.compat import tree_cache_height, tree_render_line
from reader.tui.widgets.cached_styles import CachedStyles

GROUPS = (("category", "Categories"), ("tag", "Tags"), ("author", "Authors"), ("year", "Years"))

Facet = tuple[str, str] | None  # (kind, value); None is "All articles"


def facet_label(name: str, unread: int, total: int, started: int = 0) -> Text:
    """`Criminal justice  1/3 ◐1`: unread (never opened) of all, and how many are started but
    not read. The name is article data, so it is a Text, never markup."""
    label = Text(clean_line(name) or "(none)")
    label.append(f"  {unread}/{total}", style="dim")
    if started:
        label.append(f" ◐{started}", style="dim")
    return label


class LibraryTree(CachedStyles, Tree[Facet]):
    """Selecting an entry filters the article list."""

    ALLOW_SELECT = False
    BINDINGS = bindings("tree")

    class FilterChosen(Message):
        def __init__(self, facet: Facet) -> None:
            super().__init__()
            self.facet = facet

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("All articles"), data=None, id=id)
        self.show_root = True
        self.guide_depth = 2
        self._groups: dict[str, TreeNode[Facet]] = {}

    def fill(
        self,
        facets: Mapping[Any, Sequence[FacetCount]],
        everything: FacetCount,
        current: Facet,
    ) -> None:
        """Rebuild the entries, keeping which groups are open and where the cursor is."""
        expanded = {k for k, node in self._groups.items() if node.is_expanded}
        if not self._groups:
            expanded = {"category"}  # a calm first view: categories open, the rest folded
        self.clear()
        self.root.set_label(
            facet_label("All articles", everything.unread, everything.total, everything.started)
        )
        self.root.expand()
        self._groups = {}
        cursor_node: TreeNode[Facet] | None = None
        for kind, title in GROUPS:
            entries = facets.get(kind, [])
            group = self.root.add(
                Text(f"{title} ({len(entries)})"), data=None, expand=kind in expanded
            )
            group.data = None
            self._groups[kind] = group
            for entry in entries:
                label = facet_label(entry.value, entry.unread, entry.total, entry.started)
                node = group.add_leaf(label, data=(kind, entry.value))
                if current == (kind, entry.value):
                    cursor_node = node
        if cursor_node is not None:
            parent = cursor_node.parent
            if parent is not None:
                parent.expand()
            self.call_after_refresh(self.move_cursor, cursor_node)

    def on_resize(self, event: events.Resize) -> None:
        # Textual's Tree rebuilds its lines and lays itself out again on every resize. Its lines
        # do not depend on the size (its line cache is keyed by the width, and the compositor
        # redraws a widget whose size changed), so only the cache's size follows: the first
        # frame is not followed by a second layout and a second drawing of the whole tree.
        tree_cache_height(self, event.size.height)
        event.prevent_default()  # not Tree's own handler (see reader.tui.compat)

    def render_line(self, y: int) -> Strip:
        # Tree.render_line, with the widget's style worked out once per drawing (line_style).
        scroll_x, scroll_y = self.scroll_offset
        return tree_render_line(
            self, y + scroll_y, scroll_x, scroll_x + self.size.width, self.line_style
        )

    def action_select_cursor(self) -> None:
        # Enter on "All articles" shows them all; Tree would also fold the whole tree.
        if self.cursor_node is self.root:
            self.post_message(self.FilterChosen(None))
            return
        super().action_select_cursor()

    def on_tree_node_selected(self, event: Tree.NodeSelected[Facet]) -> None:
        event.stop()
        node = event.node
        if node is self.root:
            self.post_message(self.FilterChosen(None))
        elif node.data is not None:
            self.post_message(self.FilterChosen(node.data))
