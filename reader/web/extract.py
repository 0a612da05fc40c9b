"""A web page to an article: its main text as Markdown and the metadata a citation needs.

trafilatura finds the article (text and metadata in one pass, `bare_extraction`); its tree is
written as Markdown by `reader.web.markdown`. Metadata the page does not declare stays empty:
dates come only from the page's markup (no guessing from its text), authors as the page names
them (an organisation stays one author).
"""

from __future__ import annotations

import re
from typing import Any

from reader.errors import ReaderError
from reader.records import Record

_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*;\s*")


class ExtractionError(ReaderError):
    """No article text could be found in the page."""


class Extracted(Record):
    """An extracted article: Markdown body and metadata (empty where the page says nothing)."""

    __slots__ = (
        "title",
        "authors",
        "date",
        "publisher",
        "url",
        "summary",
        "language",
        "categories",
        "tags",
        "markdown",
    )

    def __init__(
        self,
        title: str = "",
        authors: list[str] | None = None,
        date: str | None = None,
        publisher: str = "",
        url: str = "",
        summary: str = "",
        language: str = "",
        categories: list[str] | None = None,
        tags: list[str] | None = None,
        markdown: str = "",
    ) -> None:
        self.title = title
        self.authors: list[str] = authors or []
        self.date = date
        self.publisher = publisher
        self.url = url
        self.summary = summary
        self.language = language
        self.categories: list[str] = categories or []
        self.tags: list[str] = tags or []
        self.markdown = markdown


# The settings measured best on the extraction benchmark (README, "Extraction").
OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": True,
    "include_links": True,
    "include_formatting": True,
    "favor_precision": True,
    "favor_recall": False,
}
SHORT = 200  # words: a shorter text in precision mode is checked against the default mode


def _words(doc: Any) -> int:
    if doc is None or getattr(doc, "body", None) is None:
        return 0
    return len(" ".join(doc.body.itertext()).split())


def _date_params() -> dict[str, Any]:
    # Only dates the page states in its markup: no scan of the text for anything date-like.
    return {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def language_of(html: bytes) -> str:
    """The language the page declares on its <html> element ('' when it says none)."""
    m = _LANG.search(html[:8192])
    return m.group(1).decode("ascii") if m else ""


def extract(
    html: bytes | str, url: str | None = None, *, metadata: bool = True, **options: Any
) -> Extracted:
    """The article in a page. Raises ExtractionError when no article text is found.

    trafilatura runs in its precision mode, which leaves out more boilerplate; where that
    leaves a short text (under `SHORT` words: a page whose article it mistook for clutter),
    its default mode runs too and the longer text is kept. `metadata=False` (a feed entry's
    page, whose feed already gave its title, author and date) skips trafilatura's metadata
    search, which costs as much as the extraction itself: only what the page declares in its
    head is read."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    raw = html.encode("utf-8", "replace") if isinstance(html, str) else html
    settings = {**OPTIONS, **options}
    images: list[tuple[str, str]] = []
    try:
        tree = load_html(raw)
        if tree is None:
            raise ExtractionError("not an HTML page")
        if settings.pop("include_images"):
            images = mark_images(tree)
        doc: Any = bare_extraction(
            tree,
            url=url,
            with_metadata=metadata,
            date_extraction_params=_date_params(),
            include_images=False,
            **settings,
        )
        if settings["favor_precision"] and _words(doc) < SHORT:
            settings["favor_precision"] = False
            again: Any = bare_extraction(tree, url=url, include_images=False, **settings)
            if _words(again) > _words(doc):
                if doc is None:
                    doc = again
                else:
                    doc.body = again.body
    except ExtractionError:
        raise
    except Exception as exc:  # a parser failure inside the extractor: report, never crash
        raise ExtractionError(f"cannot read the page: {exc}") from None
    if doc is None or getattr(doc, "body", None) is None:
        raise ExtractionError("no article text found in the page")
    from reader.web.markdown import to_markdown
    from reader.web.meta import canonical, declared

    if not metadata:
        doc.url = canonical(raw, url)
    base = url or doc.url  # relative addresses are relative to where the page was read
    title = _text(doc.title)
    markdown = drop_title(to_markdown(doc.body, base), title)
    if images:
        markdown = place_images(markdown, images, base)
    if not markdown.strip():
        raise ExtractionError("no article text found in the page")
    page = declared(raw)
    return Extracted(
        title=title,
        authors=page.authors or split_authors(doc.author),
        date=page.date or _text(doc.date) or None,
        publisher=_text(doc.sitename),
        url=_text(doc.url) or (url or ""),
        summary=_text(doc.description),
        language=_text(doc.language) or language_of(raw),
        categories=_terms(doc.categories),
        tags=_terms(doc.tags),
        markdown=markdown,
    )


_TOKEN = re.compile("\ue000(\\d+)\ue001")


def mark_images(tree: Any) -> list[tuple[str, str]]:
    """Each image in the page becomes a short marker in the text, and (address, alt) in the
    list returned; `place_images` turns the markers that survive extraction into images.

    trafilatura's own image handling keeps the boilerplate around images (logos, galleries,
    captions repeated, print headers), which cost the text a point of F1 on the benchmark; a
    marker goes or stays with the text around it."""
    images: list[tuple[str, str]] = []
    for img in list(tree.iter("img")):
        src = img.get("src") or img.get("data-src") or ""
        if not src or src.startswith("data:"):
            continue
        alt = " ".join((img.get("alt") or img.get("title") or "").split())
        tail = img.tail
        img.clear()  # attributes and children
        img.tag = "span"
        img.text = f"\ue000{len(images)}\ue001"
        img.tail = tail
        images.append((src, alt))
    return images


def place_images(markdown: str, images: list[tuple[str, str]], base: str | None) -> str:
    """The markers in `markdown` as images, each on a line of its own after its paragraph
    (inside a list, table or heading a marker is dropped: an image line would break it)."""
    from reader.web.markdown import address, escape

    def image(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n >= len(images):
            return ""
        src = address(images[n][0], base)
        return f"![{escape(images[n][1])}]({src})" if src else ""

    out = []
    for block in markdown.split("\n\n"):
        if "\ue000" not in block:
            out.append(block)
            continue
        first = block.lstrip()[:2]
        if first[:1] in ("#", "|", "-", ">") or first[:1].isdigit():
            cleaned = _EMPTY_LINK.sub("", _TOKEN.sub("", block))
            if cleaned.strip():
                out.append(cleaned)
            continue
        found = [image(m) for m in _TOKEN.finditer(block)]
        text = _EMPTY_LINK.sub("", _TOKEN.sub("", block)).strip()
        text = "\n".join(ln.strip() for ln in text.split("\n") if ln.strip())
        if text and text != "\\":
            out.append(text)
        out.extend(f for f in dict.fromkeys(found) if f)
    return "\n\n".join(out).rstrip("\n") + "\n"


_EMPTY_LINK = re.compile(r"\[\s*\]\([^)\s]*\)")


def drop_title(markdown: str, title: str) -> str:
    """The body without a first heading that only repeats the title (kept in front matter)."""
    if not title or not markdown.startswith("#"):
        return markdown
    first, _, rest = markdown.partition("\n")
    heading = " ".join(first.lstrip("#").replace("\\", "").split()).casefold()
    if heading == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return markdown


def split_authors(author: str | None) -> list[str]:
    """trafilatura joins several authors with ';': one name per author, organisations whole."""
    if not author:
        return []
    return [a for a in (_text(x) for x in _AUTHOR_SPLIT.split(author)) if a]


def _text(value: Any) -> str:
    if not value:
        return ""
    return " ".join(str(value).split())


def _terms(values: Any) -> list[str]:
    out: list[str] = []
    for v in values or []:
        t = _text(v)
        if t and t not in out:
            out.append(t)
    return out
