"""Article files for tests: front matter, a fresh modification time for every write, and the
bundled library's ids."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

from .env import REPO

BUNDLED = REPO / "articles"
CO_PRODUCTION = "co-production-criminal-justice"
SOCIAL_VALUE = "social-value-act"
BUNDLED_IDS = {
    CO_PRODUCTION,
    "commissioning-third-sector",
    "demystifying-social-enterprise",
    SOCIAL_VALUE,
}

# Every file a test writes gets its own, strictly increasing mtime, so a change is always seen
# by the index (two writes inside one filesystem clock tick would otherwise look alike).
_MTIMES = itertools.count(1_700_000_000)

OLD = 1_600_000_000_000_000_000  # 2020: far from "now", so no folder stamp is too fresh to trust


def front_matter(title: str | None = "An article", **fields: object) -> str:
    """Raw YAML front matter; values are written as given (so tests control quoting)."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def article(
    title: str | None = "An article", body: str = "Some body text here.\n", **fields: object
) -> str:
    """The text of an article file; front matter values are written as given."""
    return front_matter(title, **fields) + "\n" + body


def write(root: Path, rel: str, content: str | bytes) -> Path:
    """Write a file under root (creating folders) and give it a fresh mtime."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    stamp = next(_MTIMES) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return path


def article_file(root: Path, name: str, title: str, body: str, **meta: str) -> Path:
    """Write `root/name.md` with front matter whose values are quoted as YAML strings."""
    quoted = {key: json.dumps(value) for key, value in meta.items()}
    return write(root, f"{name}.md", article(json.dumps(title), body, **quoted))


def quoted_articles(root: Path, count: int, sentence: str) -> Path:
    """`count` articles `a00`, `a01`, ... (ids as wide as `count` needs), each one paragraph
    with a quotation: `sentence` with `{i}` replaced by the article's number."""
    width = len(str(count - 1))
    for i in range(count):
        article_file(root, f"a{i:0{width}d}", f"Article {i}", sentence.format(i=i) + "\n")
    return root


def backdate(root: Path) -> None:
    """Every file and folder under root to 2020 (folders last: setting a file's time does
    not change its folder's, but making the files did)."""
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, ns=(OLD, OLD), follow_symlinks=False)
    os.utime(root, ns=(OLD, OLD))


def facet_libraries(one: Path, two: Path, d_tags: str = "[reform, cost]") -> None:
    """Two libraries whose articles cover every facet kind: a-c in `one` (a and b dated, with
    a publisher; c undated, with none), d in `two` (undated, IFS, tagged `d_tags`)."""
    write(
        one,
        "a.md",
        article(
            "A",
            id="a",
            categories="[Prisons, Justice]",
            tags="[reform, cost]",
            date="2019-04",
            author="Ann",
            publisher="IFS",
        ),
    )
    write(
        one,
        "b.md",
        article(
            "B",
            id="b",
            categories="[Prisons]",
            tags="[reform]",
            date="2020",
            author="Bob",
            publisher="Resolution Foundation",
        ),
    )
    write(one, "c.md", article("C", id="c", categories="[Justice]", tags="[cost]", author="Ann"))
    write(two, "d.md", article("D", id="d", categories="[Prisons]", tags=d_tags, publisher="IFS"))


def case_variant_library(root: Path) -> None:
    """Three articles whose entries differ only in case: tags `Housing` (h1) and `housing`
    (h2; h3 gives both, one tag), categories `Criminal justice` (h1) and `criminal justice`
    (h2), authors `Ann Smith` (h1, h3) and `ann smith` (h2), sources `IFS` (h1, h3) and
    `ifs` (h2)."""
    write(
        root,
        "h1.md",
        article(
            "Rents",
            id="h1",
            categories="[Criminal justice]",
            tags="[Housing]",
            date="2021-03",
            author="Ann Smith",
            publisher="IFS",
        ),
    )
    write(
        root,
        "h2.md",
        article(
            "Prisons",
            id="h2",
            categories="[criminal justice]",
            tags="[housing]",
            date="2020-05",
            author="ann smith",
            publisher="ifs",
        ),
    )
    write(
        root,
        "h3.md",
        article(
            "Health",
            id="h3",
            categories="[Health]",
            tags="[housing, Housing]",
            date="2019",
            author="Ann Smith",
            publisher="IFS",
        ),
    )
