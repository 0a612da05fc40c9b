"""The library tree's filter: the entries chosen (one with `enter`, several combined with
`space`), the articles they keep and the list title that names them, mixed into the main
screen as `FilterActions`.

Entries combine as the catalog combines them (`Catalog.select`): an article must have all of
the chosen categories and tags, and one of the chosen authors, sources, years or libraries
(it has one of each, so two chosen are alternatives). The title names every filter in the
tree's order: `Criminal justice · tag: prisons · year: 2019 or 2020 · unread`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from reader.api import ALL_OF, FACET_KINDS, clean_line

if TYPE_CHECKING:
    from reader.api import Article, ArticleState, FacetChoice
    from reader.tui.widgets.library_tree import Facet, LibraryTree

# How the title names a kind's entries (a category is named alone: the tree's first group).
KIND_NAMES = {
    "category": "",
    "tag": "tag",
    "author": "author",
    "source": "source",
    "year": "year",
    "library": "library",
}


def toggled(chosen: tuple[FacetChoice, ...], entry: FacetChoice) -> tuple[FacetChoice, ...]:
    """The chosen entries with `entry` added, or taken out if it was there (whatever its
    case: an entry is every spelling of its value)."""
    kind, value = entry[0], entry[1].casefold()
    kept = tuple(c for c in chosen if (c[0], c[1].casefold()) != (kind, value))
    return kept if len(kept) < len(chosen) else (*chosen, entry)


def scope_title(chosen: tuple[FacetChoice, ...]) -> str:
    """The chosen entries as the list's title names them ("All articles" for none)."""
    parts = []
    for kind in FACET_KINDS:
        values = [clean_line(value) for k, value in chosen if k == kind]
        if not values:
            continue
        if kind in ALL_OF:
            named = [f"{KIND_NAMES[kind]}: {v}" if KIND_NAMES[kind] else v for v in values]
            parts += named
        else:
            parts.append(f"{KIND_NAMES[kind]}: {' or '.join(values)}")
    return " · ".join(parts) or "All articles"


class FilterActions:
    """The main screen's tree filter (mixed in; `self` is the MainScreen)."""

    chosen: tuple[FacetChoice, ...]

    @property
    def facet(self: Any) -> Facet:
        """The first chosen entry (None: every article)."""
        return self.chosen[0] if self.chosen else None

    @facet.setter
    def facet(self: Any, value: Facet) -> None:
        self.chosen = () if value is None else (value,)

    def _filtered(self: Any) -> list[Article]:
        """The tree's entries, then the read-state filter, in the chosen order."""
        catalog = self.session.catalog
        articles = catalog.select(self.chosen)
        if not self.state_filter and self.sort == "date":
            return articles  # the catalog's own order: nothing to do
        from reader.tui.listing import added_at, keep_state, sort_articles

        def state_of(a: Article) -> ArticleState:
            return self.session.state(a.id)

        articles = keep_state(articles, self.state_filter, state_of, self.session.is_changed)
        return sort_articles(
            articles,
            self.sort,
            state_of,
            lambda a: added_at(a, self._added),
            self._orders,
            catalog.articles,
        )

    def list_title(self: Any) -> str:
        """Every active filter: "Criminal justice · tag: prisons · unread"."""
        scope = scope_title(self.chosen)
        return f"{scope} · {self.state_filter}" if self.state_filter else scope

    def choose(self: Any, chosen: tuple[FacetChoice, ...]) -> None:
        """Show the articles of these entries, marked in the tree."""
        self.chosen = chosen
        self.library_tree.mark(chosen)
        self.show_articles()
        self.say(f"Showing {self.list_title()}: {len(self.article_list.articles):,}")

    # Handlers by their names (`@on` registers only in a Textual class's own body).
    def on_library_tree_filter_chosen(self: Any, message: LibraryTree.FilterChosen) -> None:
        self.choose(() if message.facet is None else (message.facet,))

    def on_library_tree_filter_toggled(self: Any, message: LibraryTree.FilterToggled) -> None:
        if message.facet is None:
            self.choose(())
        else:
            self.choose(toggled(self.chosen, cast("FacetChoice", message.facet)))

    def action_toggle_facet(self: Any) -> None:
        """The palette's way to `space`: the tree's entry under its cursor."""
        node = self.library_tree.cursor_node
        if node is None or node.data is None:
            self.say("Move the library tree's cursor to an entry first")
            return
        self.choose(toggled(self.chosen, cast("FacetChoice", node.data)))

    def action_show_all(self: Any) -> None:
        self.choose(())
