"""Reading an article: its outline (`t`), following its links (`f` and the link's number, back
with `backspace`), and the reading view (`z`, the reading pane alone on the screen).

The actions live in `ReadingActions`, which the main screen mixes in, so the screen itself
keeps one line per hook. The outline is drawn by the reading pane over its text; a link
is followed by typing its number after `f`, with no dialog (the links are numbered [n] in the
text); the link list dialog (`reader.tui.screens.outline`) is imported when first opened.
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
        """The article's headings in a box the reading pane draws over its text, the section
        being read under the cursor; `t` again (or escape) closes it (see `reading_outline`)."""
        screen: Any = self
        reader: ReadingPane = screen.reader
        if reader.outline is not None:
            reader.close_outline()
            return
        if reader.doc is None:
            screen.say("Open an article first")
            return
        headings = reader.headings()
        if not headings:
            screen.say("This article has no headings")
            return
        section = reader.current_section()
        if screen.focused is not reader:  # from the palette
            screen.focus_pane("reader")
        reader.open_outline(headings, headings.index(section) if section is not None else 0)

    def on_reading_pane_section_changed(self, message: ReadingPane.SectionChanged) -> None:
        screen: Any = self
        title = "Reading" if not message.title else f"Reading · {message.title}"
        screen.query_one("#reader-col").border_title = Text(title)

    # -- links --------------------------------------------------------------------------------

    def action_follow_link(self) -> None:
        """`f`: the reading pane waits for a link's number (see `on_key`)."""
        links = self._links_to_follow()
        if links:
            self._typed_link = ""
            self._link_count = len(links)
            self._say_link_prompt()

    def action_follow_link_list(self) -> None:
        """The article's links in a dialog, to pick one from (the palette's "Follow a link",
        and `enter` before any digit after `f`)."""
        self._end_link_number()
        links = self._links_to_follow()
        if links:
            from reader.tui.screens.outline import LinksScreen

            screen: Any = self
            screen.app.push_screen(LinksScreen(links, screen.app.size.width), self.follow_link)

    def _links_to_follow(self) -> list[Link]:
        screen: Any = self
        reader: ReadingPane = screen.reader
        if reader.doc is None:
            screen.say("Open an article first")
            return []
        links = reader.link_list()
        if not links:
            screen.say("This article has no links")
        return links

    # The link number being typed after `f` ("" just after it); None when not typing one.
    _typed_link: str | None = None
    _link_count = 0

    def _say_link_prompt(self) -> None:
        screen: Any = self
        typed = self._typed_link or ""
        screen.say(
            f"Follow link: {typed}"
            + ("_ " if typed else "type its number ")
            + f"(1–{self._link_count}); enter: {'follow' if typed else 'the list'}; "
            "escape: cancel"
        )

    def _end_link_number(self) -> None:
        self._typed_link = None

    def on_key(self, event: Any) -> None:
        """While a link's number is typed after `f`: digits add to it, and the link is
        followed as soon as no further digit could make a link's number (else on `enter`;
        `enter` with no digit shows the list); `backspace` takes a digit back; `escape`
        cancels. Any other key ends the typing and does what it always does."""
        screen: Any = self
        key = event.key
        if self._typed_link is None:
            # `f` itself is taken here, not left to its binding (which acts once the key has
            # gone up to the App): digits typed right after it, while the app was busy, are
            # already queued behind it and must find the number being typed.
            if screen.focused is screen.reader and key in _keys("follow_link", screen):
                event.stop()
                event.prevent_default()
                self.action_follow_link()
            return
        typed = self._typed_link
        if screen.focused is not screen.reader:  # a click moved the focus meanwhile
            self._end_link_number()
            return
        if event.character and event.character.isdigit() and len(key) == 1:
            typed += key
            number = int(typed)
            if number == 0 or number * 10 > self._link_count:  # no digit more makes one
                self._follow_typed(typed)
            else:
                self._typed_link = typed
                self._say_link_prompt()
        elif key in _keys("follow_go", screen):
            if typed:
                self._follow_typed(typed)
            else:
                self.action_follow_link_list()
        elif key in _keys("follow_erase", screen):
            self._typed_link = typed[:-1]
            self._say_link_prompt()
        elif key in _keys("follow_cancel", screen):
            self._end_link_number()
            screen.say("")
        else:
            self._end_link_number()
            screen.say("")
            return  # the key does what it always does
        event.stop()
        event.prevent_default()

    def _follow_typed(self, typed: str) -> None:
        self._end_link_number()
        screen: Any = self
        number = int(typed)
        links = {link.number: link for link in screen.reader.link_list()}
        link = links.get(number)
        if link is None:
            screen.say(f"There is no link {number}: the links are 1–{self._link_count}")
        else:
            self.follow_link(link)

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


def _keys(action_id: str, screen: Any) -> set[str]:
    """The keys of a row of the link number's scope, the user's keymap applied."""
    from reader.tui.actions import ACTIONS, keys_of

    overrides = getattr(screen.app, "keymap_overrides", {})
    row = next(a for a in ACTIONS if a.id == action_id and a.keys)
    return {k.strip() for k in keys_of(row, overrides).split(",")}


def _url_key(url: str) -> str:
    """An address compared loosely: no scheme difference between http and https, no
    trailing slash, no fragment, host in lower case."""
    url = url.strip().split("#", 1)[0]
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return host.lower().removeprefix("www.") + slash + path.rstrip("/")
