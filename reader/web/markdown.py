"""The extracted article tree (trafilatura's XML: p, head, list/item, quote, table/row/cell,
hi, ref, graphic, lb, code) written as Markdown.

What this writes is what the user reads, searches and quotes, so it is careful where a generic
converter is not: text that looks like Markdown or HTML is escaped (a `<b>` or a `# 1` in the
text stays text), whitespace is collapsed (an indented line never becomes a code block), link and
image addresses are made absolute and kept whole (spaces and brackets percent-encoded), and only
http(s) and mailto links are kept as links (a `javascript:` address is dropped, its text kept).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")
_BLOCK_TAGS = frozenset(
    {"p", "head", "list", "item", "table", "row", "cell", "div", "figure", "body", "doc", "main"}
)
_LINK_SCHEMES = ("http", "https", "mailto")
_TEXT_PARENTS = frozenset({"p", "hi", "ref", "head", "cell", "del"})
_MAX_DEPTH = 60  # nesting past this is flattened: a hostile page cannot exhaust the stack


def escape(text: str) -> str:
    """Plain text made safe inside a Markdown paragraph: every character that could start
    emphasis, a link, code, HTML or a table cell is backslash-escaped, and `&` before what
    reads as an entity."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _ENTITY.sub("&amp;", text)


def escape_line_start(line: str) -> str:
    """A line that would read as a heading, quote, list item or setext underline, escaped."""
    m = _LINE_START.match(line)
    if not m:
        return line
    lead, mark = m.group(1), m.group(2)
    if mark[0].isdigit():  # "1990. A year" is not a list: escape the dot or parenthesis
        return lead + mark[:-1] + "\\" + mark[-1] + line[m.end() :]
    return lead + "\\" + line[len(lead) :]


def address(url: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto address, kept whole in Markdown; None for anything else."""
    if not url:
        return None
    url = url.strip()
    try:
        absolute = urljoin(base, url) if base else url
        scheme = urlsplit(absolute).scheme.lower()
    except ValueError:
        return None
    if scheme not in _LINK_SCHEMES:
        return None
    return (
        absolute.replace(" ", "%20")
        .replace("(", "%28")
        .replace(")", "%29")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )


class _Writer:
    def __init__(self, base: str | None) -> None:
        self.base = base

    # -- inline -----------------------------------------------------------------------------

    def inline(self, el: Any, depth: int = 0) -> str:
        """The element's text and its inline children's, as Markdown (tail not included)."""
        parts = [_source(el.text)]
        for child in el:
            parts.append(self.inline_child(child, depth + 1))
            parts.append(_source(child.tail))
        return "".join(parts)

    def inline_child(self, el: Any, depth: int) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag:  # comments, processing instructions
            return ""
        if depth > _MAX_DEPTH:
            return escape(" ".join(el.itertext()))
        if tag == "lb":
            return _BREAK
        if tag == "graphic":
            return self.image(el)
        inner = self.inline(el, depth)
        if tag == "hi":
            return _emphasis(inner, el.get("rend", ""))
        if tag == "ref":
            target = address(el.get("target"), self.base)
            text = _collapse(inner)
            if not text:
                return ""
            return f"[{text}]({target})" if target else inner
        if tag == "code":
            return _code_span(" ".join(el.itertext()))
        if tag == "quote":
            return f"“{inner.strip()}”"
        if tag == "del":
            return f"~~{inner}~~" if inner.strip() else ""
        return inner

    def image(self, el: Any) -> str:
        src = address(el.get("src") or el.get("data-src"), self.base)
        if not src:
            return ""
        alt = _collapse(escape(el.get("alt") or el.get("title") or ""))
        return f"![{alt}]({src})"

    # -- blocks -----------------------------------------------------------------------------

    def blocks(self, el: Any, depth: int = 0) -> list[str]:
        """The Markdown blocks of a container's children (its own text is a paragraph)."""
        out: list[str] = []
        pending: list[str] = [_source(el.text)]

        def flush() -> None:
            para = _paragraph("".join(pending))
            if para:
                out.append(para)
            pending.clear()

        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and self._is_block(child, depth):
                flush()
                out.extend(self.block(child, depth + 1))
            elif tag:
                pending.append(self.inline_child(child, depth + 1))
            pending.append(_source(child.tail))
        flush()
        return out

    def _is_block(self, el: Any, depth: int) -> bool:
        if depth > _MAX_DEPTH:
            return False
        tag = el.tag
        if tag in _BLOCK_TAGS:
            return True
        if tag == "quote":  # a block quote, unless it sits inside text (a <q>)
            parent = el.getparent()
            return parent is None or parent.tag not in _TEXT_PARENTS
        if tag == "code":
            return "\n" in "".join(el.itertext()).strip()
        return tag == "graphic"

    def block(self, el: Any, depth: int) -> list[str]:
        tag = el.tag
        if tag == "head":
            text = _collapse(self.inline(el, depth).replace(_BREAK, " "))
            if not text:
                return []
            level = el.get("rend", "h2")[1:]
            n = int(level) if level.isdigit() and 1 <= int(level) <= 6 else 2
            return ["#" * n + " " + text]
        if tag == "list":
            return self.list_block(el, depth)
        if tag == "quote":
            inner = self.blocks(el, depth)
            if not inner:
                return []
            return ["\n".join(("> " + ln).rstrip() for ln in "\n\n".join(inner).split("\n"))]
        if tag == "code":
            return [_fenced("".join(el.itertext()))]
        if tag == "table":
            return self.table(el, depth)
        if tag == "graphic":
            image = self.image(el)
            return [image] if image else []
        return self.blocks(el, depth)

    def list_block(self, el: Any, depth: int) -> list[str]:
        ordered = el.get("rend", "ul") == "ol"
        items = [c for c in el if c.tag == "item"]
        lines: list[str] = []
        for n, item in enumerate(items, 1):
            marker = f"{n}. " if ordered else "- "
            body = self.blocks(item, depth + 1)
            if not body:
                continue
            text = "\n\n".join(body).split("\n")
            pad = " " * len(marker)
            lines.append(marker + text[0])
            lines.extend((pad + ln) if ln else "" for ln in text[1:])
        return ["\n".join(lines)] if lines else []

    def table(self, el: Any, depth: int) -> list[str]:
        rows = []
        for row in el.iter("row"):
            cells = [
                _collapse(self.inline(c, depth + 1).replace(_BREAK, " ")) or " "
                for c in row
                if c.tag == "cell"
            ]
            if cells:
                rows.append(cells)
        if not rows:
            return []
        width = max(len(r) for r in rows)
        if width == 1:  # a one-column "table" is layout: its cells are paragraphs
            return [c for r in rows for c in r if c.strip()]
        rows = [r + [" "] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return ["\n".join(lines)]


_BREAK = "\x1e"  # a line break (<br>) while a paragraph is being built


def _source(text: str | None) -> str:
    """Text from the HTML source, escaped; its own line ends are only spaces."""
    return escape(text.replace("\n", " ")) if text else ""


def _collapse(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _paragraph(text: str) -> str:
    """Inline Markdown as a paragraph: whitespace collapsed within lines (so no line is ever
    indented into a code block), line breaks kept as hard breaks, line starts escaped."""
    lines = [escape_line_start(_collapse(ln)) for ln in text.split(_BREAK)]
    lines = [ln for ln in lines if ln]
    return "\\\n".join(lines)


def _emphasis(inner: str, rend: str) -> str:
    stripped = inner.strip()
    if not stripped or _BREAK in stripped:
        return inner
    mark = {"#b": "**", "#i": "*", "#t": "`"}.get(rend)
    if mark is None:
        return inner
    if mark == "`":
        return _code_span(stripped.replace("\\", ""))
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _code_span(text: str) -> str:
    text = _collapse(text)
    if not text:
        return ""
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _fenced(code: str) -> str:
    code = code.strip("\n")
    fence = "`" * max(3, max((len(m) for m in re.findall(r"`+", code)), default=0) + 1)
    return f"{fence}\n{code}\n{fence}"


def to_markdown(body: Any, base_url: str | None = None) -> str:
    """The Markdown of an extracted article tree (its root element)."""
    if body is None:
        return ""
    blocks = _Writer(base_url).blocks(body)
    return "\n\n".join(b for b in blocks if b.strip()) + "\n" if blocks else ""


# HTML (a feed entry's content) to the extractor's vocabulary, so one writer serves both.
_DROP = (
    "script", "style", "noscript", "iframe", "object", "embed", "form", "svg", "template",
    "button", "input", "select", "textarea", "canvas", "video", "audio", "nav", "head", "title",
    "meta", "link", "base",
)  # fmt: skip
_RENAME = {
    **{f"h{n}": "head" for n in range(1, 7)},
    **dict.fromkeys(("ul", "ol", "dl"), "list"),
    **dict.fromkeys(("li", "dt", "dd"), "item"),
    **dict.fromkeys(("b", "strong"), "hi"),
    **dict.fromkeys(("i", "em", "cite", "u", "sub", "sup", "kbd", "samp", "tt", "var"), "hi"),
    **dict.fromkeys(("del", "s", "strike"), "del"),
    **dict.fromkeys(
        ("div", "section", "article", "main", "header", "footer", "aside", "figure", "details",
         "center", "address"),
        "div",
    ),
    **dict.fromkeys(("figcaption", "summary", "caption"), "p"),
    "blockquote": "quote",
    "q": "quote",
    "pre": "code",
    "a": "ref",
    "img": "graphic",
    "br": "lb",
    "hr": "lb",
    "tr": "row",
    "td": "cell",
    "th": "cell",
}  # fmt: skip
_REND = {"b": "#b", "strong": "#b", "i": "#i", "em": "#i", "cite": "#i", "u": "#u",
         "kbd": "#t", "samp": "#t", "tt": "#t", "var": "#t", "sub": "#sub", "sup": "#sup"}  # fmt: skip


def from_html(html: str, base_url: str | None = None) -> str:
    """An HTML fragment (a feed entry's content) as Markdown: scripts, styles, forms and
    embedded objects dropped, the rest written as the extracted tree is."""
    from lxml import etree
    from lxml import html as lxml_html

    if not html.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraph(escape(html)) + "\n"
    etree.strip_elements(root, *_DROP, with_tail=False)
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_tags(root, "thead", "tbody", "tfoot", "span", "font", "abbr", "small", "big",
                     "mark", "picture", "source", "time", "label")  # fmt: skip
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        new = _RENAME.get(tag.lower())
        if new is None:
            continue
        attrs = dict(el.attrib)
        el.attrib.clear()
        if new == "head":
            el.set("rend", tag.lower())
        elif new == "list":
            el.set("rend", "ol" if tag.lower() == "ol" else "ul")
        elif new == "hi":
            el.set("rend", _REND.get(tag.lower(), ""))
        elif new == "ref" and attrs.get("href"):
            el.set("target", attrs["href"])
        elif new == "graphic":
            for key in ("src", "alt", "title", "data-src"):
                if attrs.get(key):
                    el.set(key, attrs[key])
        el.tag = new
    return to_markdown(root, base_url)
