"""The library tree: All articles, then Categories, Tags, Authors, Sources, Years and
Libraries with counts; the entries the list shows are marked ✓."""

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

GROUPS = (
    ("category", "Categories"),
    ("tag", "Tags"),
    ("author", "Authors"),
    ("source", "Sources"),
    ("year", "Years"),
    ("library", "Libraries"),
)
MARK = "✓ "  # before each entry the list shows

Facet = tuple[str, str] | None  # (kind, value); None is "All articles"


def folded(key: tuple[str, str]) -> tuple[str, str]:
    """An entry's key whatever its case: an entry stands for every spelling of its value
    (the core counts and matches them together), so `housing` finds the `Housing` entry."""
    return (key[0], key[1].casefold())


def facet_label(
    name: str, unread: int, total: int, started: int = 0, *, chosen: bool = False
) -> Text:
    """`Criminal justice  1/3 ◐1`: unread (never opened) of all, and how many are started but
    not read; `✓ Criminal justice` (bold) when the list shows it. The name is article data, so
    it is a Text, never markup."""
    label = Text(clean_line(name) or "(none)", style="bold" if chosen else "")
    if chosen:
        label = Text(MARK, style="bold") + label
    label.append(f"  {unread}/{total}", style="dim")
    if started:
        label.append(f" ◐{started}", style="dim")
    return label


class LibraryTree(CachedStyles, Tree[Facet]):
    """Choosing an entry (`enter`) filters the article list by it alone; `space` adds it to
    the entries chosen, or takes it out."""

    ALLOW_SELECT = False
    BINDINGS = bindings("tree")

    class FilterChosen(Message):
        """This entry alone (None: every article)."""

        def __init__(self, facet: Facet) -> None:
            super().__init__()
            self.facet = facet

    class FilterToggled(Message):
        """This entry added to the chosen ones, or taken out (None: none chosen)."""

        def __init__(self, facet: Facet) -> None:
            super().__init__()
            self.facet = facet

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("All articles"), data=None, id=id)
        self.show_root = True
        self.guide_depth = 2
        self._groups: dict[str, TreeNode[Facet]] = {}
        # Both by the folded key (`folded`); the marked ones as they were chosen.
        self._entries: dict[tuple[str, str], tuple[TreeNode[Facet], FacetCount]] = {}
        self._marked: dict[tuple[str, str], tuple[str, str]] = {}

    def fill(
        self,
        facets: Mapping[Any, Sequence[FacetCount]],
        everything: FacetCount,
        chosen: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Rebuild the entries, keeping which groups are open and where the cursor is; the
        chosen entries are marked and their groups open."""
        at = self.cursor_node
        current = at.data if at is not None else None
        at_group = next((k for k, node in self._groups.items() if node is at), None)
        expanded = {k for k, node in self._groups.items() if node.is_expanded}
        if not self._groups:
            expanded = {"category"}  # a calm first view: categories open, the rest folded
            current = chosen[0] if chosen else None
        marked = {folded(key): key for key in chosen}
        expanded |= {kind for kind, _ in marked}
        self.clear()
        self.root.set_label(
            facet_label("All articles", everything.unread, everything.total, everything.started)
        )
        self.root.expand()
        self._groups = {}
        self._entries = {}
        self._marked = marked
        cursor_node: TreeNode[Facet] | None = None
        for kind, title in GROUPS:
            entries = facets.get(kind, [])
            group = self.root.add(
                Text(f"{title} ({len(entries)})"), data=None, expand=kind in expanded
            )
            group.data = None
            self._groups[kind] = group
            for entry in entries:
                key = (kind, entry.value)
                label = facet_label(
                    entry.value,
                    entry.unread,
                    entry.total,
                    entry.started,
                    chosen=folded(key) in marked,
                )
                node = group.add_leaf(label, data=key)
                self._entries[folded(key)] = (node, entry)
                if current is not None and folded(current) == folded(key):
                    cursor_node = node
            if at_group == kind:
                cursor_node = group
        if cursor_node is not None:
            parent = cursor_node.parent
            if parent is not None:
                parent.expand()
            self.call_after_refresh(self.move_cursor, cursor_node)

    def mark(self, chosen: Sequence[tuple[str, str]]) -> None:
        """Mark these entries (and no other) as the ones the list shows; open their groups."""
        marked = {folded(key): key for key in chosen}
        for key in marked.keys() ^ self._marked.keys():
            found = self._entries.get(key)
            if found is None:
                continue
            node, entry = found
            node.set_label(
                facet_label(
                    entry.value, entry.unread, entry.total, entry.started, chosen=key in marked
                )
            )
            # expand() re-lays and redraws the whole tree even when the group is open
            # already: only a closed group is opened.
            if key in marked and node.parent is not None and not node.parent.is_expanded:
                node.parent.expand()
        self._marked = marked

    def entry_node(self, key: tuple[str, str]) -> TreeNode[Facet] | None:
        """The node of an entry, (kind, value)."""
        found = self._entries.get(folded(key))
        return found[0] if found else None

    @property
    def marked(self) -> set[tuple[str, str]]:
        """The entries marked as chosen, (kind, value) as the tree names them."""
        out = set()
        for key, given in self._marked.items():
            found = self._entries.get(key)
            out.add((key[0], found[1].value) if found else given)
        return out

    def action_toggle_entry(self) -> None:
        """`space`: the entry under the cursor added to the chosen ones or taken out; on All
        articles, none chosen; on a group, open or fold it (as Tree's own `space`)."""
        node = self.cursor_node
        if node is None:
            return
        if node is self.root:
            self.post_message(self.FilterToggled(None))
        elif node.data is not None:
            self.post_message(self.FilterToggled(node.data))
        else:
            node.toggle()

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
