"""The library tree: All articles, then Categories, Tags, Authors and Years with counts."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from reader.text import clean_line

GROUPS = (("category", "Categories"), ("tag", "Tags"), ("author", "Authors"), ("year", "Years"))

Facet = tuple[str, str] | None  # (kind, value); None is "All articles"


def facet_label(name: str, unread: int, total: int) -> Text:
    """`Criminal justice  1/2`: the name is article data, so it is a Text, never markup."""
    label = Text(clean_line(name) or "(none)")
    label.append(f"  {unread}/{total}", style="dim")
    return label


class LibraryTree(Tree[Facet]):
    """Selecting an entry filters the article list."""

    ALLOW_SELECT = False
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding(
            "enter",
            "select_cursor",
            "Filter",
            id="filter",
            tooltip="show only that entry's articles (All articles shows every one); "
            "on a group, open or fold it",
        ),
    ]

    @dataclass
    class FilterChosen(Message):
        facet: Facet

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("All articles"), data=None, id=id)
        self.show_root = True
        self.guide_depth = 2
        self._groups: dict[str, TreeNode[Facet]] = {}

    def fill(
        self, facets: dict[str, list[tuple[str, int, int]]], total: int, unread: int, current: Facet
    ) -> None:
        """Rebuild the entries, keeping which groups are open and where the cursor is."""
        expanded = {k for k, node in self._groups.items() if node.is_expanded}
        if not self._groups:
            expanded = {"category"}  # a calm first view: categories open, the rest folded
        self.clear()
        self.root.set_label(facet_label("All articles", unread, total))
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
            for value, count, fresh in entries:
                node = group.add_leaf(facet_label(value, fresh, count), data=(kind, value))
                if current == (kind, value):
                    cursor_node = node
        if cursor_node is not None:
            parent = cursor_node.parent
            if parent is not None:
                parent.expand()
            self.call_after_refresh(self.move_cursor, cursor_node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Facet]) -> None:
        event.stop()
        node = event.node
        if node is self.root:
            self.post_message(self.FilterChosen(None))
        elif node.data is not None:
            self.post_message(self.FilterChosen(node.data))
