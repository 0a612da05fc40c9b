"""Adding and fetching for a front end that holds a Session (the reader): the same work as the
`add` and `fetch` commands, with progress and each new article reported as it is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.session import Session
    from reader.web.adding import Added
    from reader.web.fetching import Report
    from reader.web.pages import Source

Progress = Callable[[int, int, str], None]


def own_library(session: Session) -> Path:
    """The user's library folder, created and in the session's catalog (after the bundled
    library, before any other), so that what is added shows up in the reader. Call it on the
    thread that owns the session, before the work starts."""
    from reader.catalog import Catalog
    from reader.paths import Paths, bundled_articles_folder, resolve_folders, user_library_folder

    data_dir = getattr(session, "data_dir", None)
    folder = Path(user_library_folder(data_dir))
    folder.mkdir(parents=True, exist_ok=True)
    roots = [str(r) for r in session.catalog.roots]
    real = resolve_folders([str(folder)])[0]
    if real not in roots:
        bundled = resolve_folders([bundled_articles_folder()])[0]
        at = 1 if roots and roots[0] == bundled else 0
        old = session.catalog
        session.catalog = Catalog(
            [*roots[:at], real, *roots[at:]], Paths.resolve(data_dir).index_dir, data_dir=data_dir
        )
        session.catalog.refresh()
        old.close()
    return folder


def check_sources(text: str) -> list[Source]:
    """The sources typed in the reader's dialog (one, or several separated by spaces)."""
    from reader.web.pages import sources

    return sources(text.split(), None)


def add_sources(
    session: Session,
    folder: Path,
    items: list[Source],
    *,
    categories: list[str],
    tags: list[str],
    timeout: float = 30.0,
    progress: Progress | None = None,
    on_added: Callable[[Added], None] | None = None,
) -> list[tuple[Source, Added | Exception]]:
    from reader.web.adding import Shelf
    from reader.web.pages import add_pages
    from reader.web.retrieve import Retriever

    shelf = Shelf(session.catalog, folder)
    with Retriever(timeout) as retriever:
        return add_pages(
            shelf,
            items,
            retriever,
            categories=categories,
            tags=tags,
            progress=progress,
            on_added=on_added,
        )


def fetch_feeds(
    session: Session,
    folder: Path,
    *,
    timeout: float = 30.0,
    progress: Progress | None = None,
    on_added: Callable[[Added], None] | None = None,
) -> Report:
    from reader.paths import data_folder
    from reader.web.adding import Shelf
    from reader.web.feedstore import FeedStore
    from reader.web.fetching import fetch_all
    from reader.web.retrieve import Retriever
    from reader.web.save import now

    store = FeedStore(Path(data_folder(getattr(session, "data_dir", None))) / "feeds.sqlite3")
    try:
        shelf = Shelf(session.catalog, folder)
        with Retriever(timeout) as retriever:
            return fetch_all(
                shelf, store, retriever, now=now(), progress=progress, on_added=on_added
            )
    finally:
        store.close()
