"""Adding pages: addresses and saved HTML files to extracted articles in the user's library.

Addresses are fetched at once (within the retriever's limits) while the pages already in are
extracted and written, in the order given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import ReaderError
from reader.records import Record

if TYPE_CHECKING:
    from reader.web.adding import Added, Shelf
    from reader.web.extract import Extracted
    from reader.web.retrieve import Retriever

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


class SourceError(ReaderError):
    pass


class Source(Record):
    """One SOURCE of `add`: an address to fetch, or a saved file (with its original address)."""

    __slots__ = ("given", "url", "path")

    def __init__(self, given: str, url: str = "", path: str = "") -> None:
        self.given = given
        self.url = url
        self.path = path


def is_address(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def sources(given: list[str], url: str | None) -> list[Source]:
    """The sources of one `add`, checked before anything is fetched or written."""
    if url is not None:
        if len(given) != 1 or is_address(given[0]):
            raise SourceError("--url is the original address of one saved file: give one file")
        if not is_address(url):
            raise SourceError(f"--url must be an http(s) address, not {url!r}")
    out = []
    for text in given:
        if is_address(text):
            out.append(Source(text, url=text))
            continue
        path = os.path.expanduser(text)
        if not os.path.isfile(path) and _SCHEME.match(text):
            raise SourceError(f"{text}: only http and https addresses can be added")
        if not os.path.isfile(path):
            raise SourceError(f"{text}: not an http(s) address or a saved .html file")
        if not path.lower().endswith(HTML_SUFFIXES):
            raise SourceError(f"{text}: not a saved web page (.html or .htm)")
        out.append(Source(text, url=url or "", path=path))
    return out


def read_saved(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise SourceError(f"{path}: larger than the {limit // (1024 * 1024)} MB limit")
    return data


def add_pages(
    shelf: Shelf,
    items: list[Source],
    retriever: Retriever,
    *,
    categories: list[str],
    tags: list[str],
    update: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
    on_added: Callable[[Added], None] | None = None,
) -> list[tuple[Source, Added | Exception]]:
    """Each source fetched (or read), extracted and written; (source, what happened or the
    error) in the order given. A failure costs only its own source."""
    from reader.web.adding import store
    from reader.web.extract import extract
    from reader.web.retrieve import MAX_BYTES

    def load(src: Source) -> tuple[bytes, str]:
        if src.path:
            return read_saved(src.path, MAX_BYTES), src.url
        resp = retriever.get(src.url, html_only=True)
        return resp.body, resp.url

    results: dict[int, Added | Exception] = {}
    finished = retriever.map(lambda i: load(items[i]), range(len(items)))
    for done, (index, outcome) in enumerate(finished, 1):
        src = items[index]
        try:
            if isinstance(outcome, Exception):
                raise outcome
            body, final = outcome
            ex: Extracted = extract(body, url=final or None)
            added = store(
                shelf,
                ex,
                source=src.given,
                fetched_from=final if not src.path else "",
                categories=categories,
                tags=tags,
                update=update,
            )
            results[index] = added
            if on_added is not None:
                on_added(added)
        except ReaderError as exc:
            results[index] = exc
        if progress is not None:
            progress(done, len(items), src.given)
    return [(items[i], results[i]) for i in range(len(items))]


def library_folder(data_dir: str | None) -> Path:
    from reader.paths import user_library_folder

    return Path(user_library_folder(data_dir))
