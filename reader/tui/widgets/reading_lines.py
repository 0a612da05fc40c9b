"""What the reading pane's lines are made of: the header above the text, text in one style,
and the styles of inline spans."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from reader.api import Article


def styled_text(plain: str, style: Style) -> Text:
    """A Text whose whole length carries `style`.

    `Text(plain, style=...)` alone is not enough for `Text.render`: with no spans it yields
    unstyled segments (the base style is normally added by `__rich_console__`).
    """
    text = Text(plain, end="")
    text.stylize(style)
    return text


def header_lines(article: Article) -> list[tuple[str, str]]:
    """The lines above the text: title, byline, categories, and the excerpt note."""
    from reader.api import human_date

    out: list[tuple[str, str]] = [("title", article.title or article.id)]
    byline = " · ".join(
        p for p in (article.author, human_date(article.date), article.publisher) if p
    )
    if byline:
        out.append(("meta", byline))
    if article.categories:
        out.append(("meta", "In " + ", ".join(article.categories)))
    if article.tags:
        out.append(("meta", "Tags: " + ", ".join(article.tags)))
    if article.excerpt:
        where = article.source_url or "source address unknown"
        if article.source_url:
            out.append(("note", f"Excerpt — read the full article at {where}"))
        else:
            out.append(("note", f"Excerpt — {where}"))
    out.append(("blank", ""))
    out.append(("rule", ""))
    out.append(("blank", ""))
    return out


INLINE: dict[str, Style | None] = {
    "em": Style(italic=True),
    "strong": Style(bold=True),
    "strike": Style(strike=True),
    "image": Style(italic=True, dim=True),
    "code": None,
    "link": None,
}
