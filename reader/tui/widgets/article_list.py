"""The article list: one line per article, drawn only when in view."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from reader.api import Article, ArticleState, clean_line
from reader.tui.actions import bindings
from reader.tui.widgets.rowlist import RowList

MARK_BOOKMARK = "★"
MARK_CHANGED = "Δ"
MARK_EXCERPT = "✂"
DATE_W = 10
STATE_W = 6


def state_label(state: ArticleState) -> str:
    """unread / N% (started, read that far) / read."""
    if state.read == "read":
        return "read"
    if state.read == "started":
        return f"{state.progress}%"
    return "unread"


def columns(width: int) -> tuple[int, int, int]:
    """(title, author, date) widths for a row of `width` cells; 0 hides a column."""
    fixed = 1 + 3 + 1 + 1 + STATE_W + 1  # pad, marks, gaps, state
    date_w = DATE_W + 1 if width >= 46 else 0
    author_w = 0
    if width >= 64:
        author_w = min(22, max(10, (width - fixed - date_w) // 4)) + 1
    title_w = max(4, width - fixed - date_w - author_w)
    return title_w, author_w, date_w


def fit(text: str, width: int) -> str:
    """Text cut (with an ellipsis) or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleHeader(Widget):
    """Column titles over the list, with the filter's name (article data: never markup)."""

    DEFAULT_CSS = "ArticleHeader { height: 1; width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope = "All articles"
        self.count = 0
        self.sort = "date"

    def set_scope(self, scope: str, count: int, sort: str = "date") -> None:
        """`sort` marks its column with ▾ ("title" the first, "added" renames the dates)."""
        self.scope = clean_line(scope)
        self.count = count
        self.sort = sort
        self.refresh()

    def render(self) -> Content:
        # The list below always keeps a one-cell scrollbar gutter: align with its rows.
        width = max(0, self.size.width - 1)
        title_w, author_w, date_w = columns(width)
        sort = self.sort

        def name(text: str, key: str) -> str:
            return text + " ▾" if sort == key else text

        text = "     " + fit(name(f"{self.scope} ({self.count:,})", "title"), title_w)
        if author_w:
            text += " " + fit(name("Author", "author"), author_w - 1)
        if date_w:
            # The default order (newest first) goes unmarked: the header reads as it always has.
            dates = name("Added", "added") if sort == "added" else "Date"
            text += " " + fit(dates, DATE_W)
        text += " " + ("State▾" if sort == "progress" else "State").rjust(STATE_W)
        return Content(text)


class ArticleList(RowList):
    """The articles of the current filter; `enter` opens one."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--mark",
        "article-list--meta",
    }

    BINDINGS = bindings("articles")

    def __init__(
        self,
        state_of: Callable[[Article], ArticleState],
        changed: Callable[[Article, ArticleState], bool],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.articles: list[Article] = []
        self._state_of = state_of
        self._changed = changed
        # The date column's text (the date added, when the list is sorted by it).
        self.date_of: Callable[[Article], str] | None = None

    @property
    def row_count(self) -> int:
        return len(self.articles)

    @property
    def current(self) -> Article | None:
        return self.row_at_cursor(self.articles)

    def set_articles(
        self,
        articles: list[Article],
        keep_id: str | None = None,
        places: dict[str, int] | None = None,
    ) -> None:
        """Show these articles, keeping the cursor on `keep_id` (or the same article) if there.
        `places`: each article's index, when known (no walk through the list to find it)."""
        keep_id = keep_id or (self.current.id if self.current else None)
        self.articles = articles
        if keep_id is None:
            index = None
        elif places is not None:
            index = places.get(keep_id)
        else:
            index = self.index_of_id(articles, keep_id)
        self.rows_changed(index or 0)

    def select_id(self, article_id: str) -> bool:
        index = self.index_of_id(self.articles, article_id)
        if index is None:
            return False
        self.move_cursor(index)
        return True

    def _date(self, art: Article) -> str:
        return self.date_of(art) if self.date_of is not None else art.date or ""

    def render_row_line(self, index: int, line: int, width: int, selected: bool) -> Strip:
        art = self.articles[index]
        st = self._state_of(art)
        base = self.line_style
        if selected:
            cursor = self.get_component_rich_style("article-list--cursor")
            base = base + cursor
        title_style = base + self.get_component_rich_style(
            "article-list--read" if st.read == "read" else "article-list--unread", partial=True
        )
        meta_style = base + self.get_component_rich_style("article-list--meta", partial=True)
        mark_style = base + self.get_component_rich_style("article-list--mark", partial=True)
        marks = (
            (MARK_BOOKMARK if st.bookmarked else " ")
            + (MARK_CHANGED if self._changed(art, st) else " ")
            + (MARK_EXCERPT if art.excerpt else " ")
        )
        title_w, author_w, date_w = columns(width)
        segments = [
            Segment(" ", base),
            Segment(marks, mark_style),
            Segment(" ", base),
            Segment(fit(art.title or art.id, title_w), title_style),
        ]
        if author_w:
            segments += [Segment(" ", base), Segment(fit(art.author, author_w - 1), meta_style)]
        if date_w:
            segments += [Segment(" ", base), Segment(fit(self._date(art), DATE_W), meta_style)]
        label = state_label(st)
        segments += [
            Segment(" ", base),
            Segment(label.rjust(STATE_W), title_style if st.read != "read" else meta_style),
            Segment(" ", base),
        ]
        return Strip(segments)
