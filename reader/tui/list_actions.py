"""The article list's order (`s`) and read-state filter (`u`): the main screen's actions for
them, mixed in as `ListActions`; the sorting and filtering themselves are in
`reader.tui.listing`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.api import Article


class ListActions:
    """The main screen's sort and filter actions (mixed in; `self` is the MainScreen)."""

    def _added_date(self: Any, article: Article) -> str:
        import time

        from reader.tui.listing import added_at

        stamp = added_at(article, self._added)
        return time.strftime("%Y-%m-%d", time.localtime(stamp)) if stamp else ""

    def action_cycle_sort(self: Any) -> None:
        from reader.tui.listing import SORTS, next_in

        self.action_sort(next_in(SORTS, self.sort))

    def action_sort(self: Any, sort: str) -> None:
        from reader.tui.listing import SORT_NAMES

        if sort not in SORT_NAMES:
            return
        self.sort = sort
        self.reader_app.set_setting("tui.sort", sort)
        current = self.article_list.current
        self.show_articles(keep_id=current.id if current else None)
        self.say(f"Sorted by {SORT_NAMES[sort]} (s: the next order)")

    def action_cycle_filter(self: Any) -> None:
        from reader.tui.listing import STATE_FILTERS, next_in

        self.action_filter_state(next_in(STATE_FILTERS, self.state_filter))

    def action_filter_state(self: Any, name: str) -> None:
        from reader.tui.listing import STATE_FILTERS

        if name not in STATE_FILTERS:
            return
        self.state_filter = name
        current = self.article_list.current
        self.show_articles(keep_id=current.id if current else None)
        shown = f"{name} articles" if name else "articles in every read state"
        self.say(f"Showing {shown}: {len(self.article_list.articles):,} (u: the next filter)")
