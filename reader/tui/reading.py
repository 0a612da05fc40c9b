"""Reading an article: its outline (`t`), following its links (`f`, back with `backspace`), and
the reading view (`z`, the reading pane alone on the screen).

The actions live in `ReadingActions`, which the main screen mixes in, so the screen itself
keeps one line per hook; the dialogs (`reader.tui.screens.outline`) are imported when first opened.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from rich.text import Text

from reader.tui.widgets.reading_pane import ReadingPane

if TYPE_CHECKING:
    from reader.api import Article, Link

BACK_LIMIT = 50  # articles remembered for `backspace`


class ReadingActions:
    """The main screen's part in outline, links, going back and the reading view (mixed in)."""

    reading_view = False
    _link_history: list[tuple[str, int]]

    # -- outline ------------------------------------------------------------------------------

    def action_outline(self) -> None:
        screen: Any = self
        reader: ReadingPane = screen.reader
        if reader.doc is None:
            screen.say("Open an article first")
            return
        headings = reader.headings()
        if not headings:
            screen.say("This article has no headings")
            return
        section = reader.current_section()
        current = headings.index(section) if section is not None else 0

        def chosen(offset: int | None) -> None:
            if offset is not None:
                reader.scroll_to_offset(offset, context=0)
                screen.focus_pane("reader")

        from reader.tui.screens.outline import OutlineScreen

        screen.app.push_screen(OutlineScreen(headings, current, screen.app.size.width), chosen)

    def on_reading_pane_section_changed(self, message: ReadingPane.SectionChanged) -> None:
        screen: Any = self
        title = "Reading" if not message.title else f"Reading · {message.title}"
        screen.query_one("#reader-col").border_title = Text(title)

    # -- links --------------------------------------------------------------------------------

    def action_follow_link(self) -> None:
        screen: Any = self
        reader: ReadingPane = screen.reader
        links = reader.link_list()
        if reader.doc is None:
            screen.say("Open an article first")
        elif not links:
            screen.say("This article has no links")
        else:
            from reader.tui.screens.outline import LinksScreen

            screen.app.push_screen(LinksScreen(links, screen.app.size.width), self.follow_link)

    def follow_link(self, link: Link | None) -> None:
        """An article of the library opens here; http(s) in the browser; anything else is
        shown, not opened."""
        if link is None:
            return
        screen: Any = self
        href = link.href.strip()
        target = self._library_target(href)
        if target is not None:
            here = screen.reader.take_position()
            if here is not None and here[0] == target.id:
                screen.say(f"Link {link.number} is this article")
            elif screen.open_article(target.id, offset=0):
                if here is not None:
                    history = self.__dict__.setdefault("_link_history", [])
                    history.append((here[0], here[1]))
                    del history[:-BACK_LIMIT]
                screen.say(f"Followed link {link.number} to “{target.title}” (backspace: back)")
            return
        from reader.api import is_safe_url

        if is_safe_url(href):
            screen.app.open_url(href)
            screen.say(f"Opening link {link.number}: {href}")
        else:
            screen.say(f"Link {link.number} is not opened here: {href}")

    def _library_target(self, href: str) -> Article | None:
        """The library's article a link points at: by its source address, or a relative
        path to its Markdown file."""
        screen: Any = self
        by_url, by_path = self._link_targets(screen.session.catalog.articles)
        if "://" in href:
            return by_url.get(_url_key(href))
        path = href.split("#", 1)[0].split("?", 1)[0]
        current = screen.reader.article
        if not path.endswith(".md") or current is None or ":" in path:
            return None
        from urllib.parse import unquote

        base = os.path.dirname(str(current.path))
        return by_path.get(os.path.normpath(os.path.join(base, unquote(path))))

    def _link_targets(
        self, articles: list[Article]
    ) -> tuple[dict[str, Article], dict[str, Article]]:
        """The library's articles by source address and by file, made once per catalog load
        (a link followed in a big library looks up one key, not every article)."""
        made = self.__dict__.get("_targets")
        if made is None or made[0] is not articles:
            by_url: dict[str, Article] = {}
            by_path: dict[str, Article] = {}
            for art in articles:  # the first article with an address or file keeps it
                if art.source_url:
                    by_url.setdefault(_url_key(art.source_url), art)
                by_path.setdefault(os.path.normpath(str(art.path)), art)
            made = (articles, by_url, by_path)
            self.__dict__["_targets"] = made
        return made[1], made[2]

    def action_link_back(self) -> None:
        screen: Any = self
        history = self.__dict__.get("_link_history") or []
        if not history:
            screen.say("Nothing to go back to")
            return
        article_id, offset = history.pop()
        if screen.open_article(article_id, offset=offset):
            screen.say("Back")

    # -- reading view -------------------------------------------------------------------------

    def action_reading_view(self) -> None:
        """The reading pane alone on the screen, and back."""
        screen: Any = self
        self.reading_view = not self.reading_view
        if self.reading_view:
            screen.focus_pane("reader")
            screen.say("Reading view: z shows the other panes again")
        else:
            screen.panes.apply()


def _url_key(url: str) -> str:
    """An address compared loosely: no scheme difference between http and https, no
    trailing slash, no fragment, host in lower case."""
    url = url.strip().split("#", 1)[0]
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return host.lower().removeprefix("www.") + slash + path.rstrip("/")
