"""YAML front matter: split from the body, loaded safely and within limits, then normalised.

Only YAML's safe schema is ever used, so tags such as `!!python/object/apply` are errors, not
code. Size, nesting depth and alias count are bounded so that an "alias bomb" or a deeply nested
document costs nothing. Well-behaved front matter (the common case) goes through libyaml's C
loader for speed; anything with anchors, aliases or deep flow nesting goes through the guarded
pure-Python loader.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_FRONT_MATTER = 64 * 1024
MAX_DEPTH = 20
MAX_ALIASES = 50

_FENCE = re.compile(r"^---[ \t]*$", re.M)
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)  # CRLF files too


class FrontMatterError(ValueError):
    """Front matter that cannot be used; the message is one line, for the user."""


def split(text: str) -> tuple[str | None, str]:
    """Return (front matter source or None, body). Raises FrontMatterError if unterminated."""
    if not text.startswith("---"):
        return None, text
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return None, text
    end = _END.search(text, first_nl + 1)
    if end is None:
        raise FrontMatterError("front matter is not terminated (no closing '---' line)")
    source = text[first_nl + 1 : end.start()]
    body_start = end.end()
    if text.startswith("\n", body_start):
        body_start += 1
    return source, text[body_start:]


class _GuardedLoader(yaml.SafeLoader):
    """SafeLoader with limits on nesting depth and aliases (pure Python, used for odd input)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise FrontMatterError(f"front matter uses more than {MAX_ALIASES} YAML aliases")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _lenient_timestamp(loader: Any, node: Any) -> Any:
    """A YAML timestamp that is no real date (`2019-13-01`) stays text, so that `parse_date`
    reports it as an invalid date instead of the whole front matter failing."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_GuardedLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)

_C_LOADER: Any = None
if getattr(yaml, "CSafeLoader", None) is not None:

    class _CLoader(yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        pass

    _CLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
    _C_LOADER = _CLoader

_RISKY = re.compile(r"[&*!]|[\[{]{4,}")


def load(source: str) -> dict[str, Any]:
    """Load front matter source into a mapping, safely; raise FrontMatterError with one line."""
    if len(source) > MAX_FRONT_MATTER:
        raise FrontMatterError(f"front matter is larger than {MAX_FRONT_MATTER // 1024} KiB")
    loader = yaml.SafeLoader if _C_LOADER is None or _RISKY.search(source) else _C_LOADER
    if loader is yaml.SafeLoader:
        loader = _GuardedLoader
    try:
        data = yaml.load(source, Loader=loader)  # noqa: S506 - both loaders are safe loaders
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 2}: " if mark is not None else ""
        what = exc.problem or exc.context or "invalid YAML"
        raise FrontMatterError(f"invalid YAML front matter: {where}{what}") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"invalid YAML front matter: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply") from None
    except Exception as exc:  # a constructor choking on odd input (`!!int abc`, huge numbers)
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise FrontMatterError(f"invalid YAML front matter: {first}") from None
    if data is None:
        return {}
    _check_depth(data)  # the C loader has no depth limit of ours
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"front matter must be a mapping of keys to values, not {_type_name(data)}"
        )
    return data


def _check_depth(data: Any) -> None:
    """Refuse loaded data nested deeper than MAX_DEPTH (iterative; shared nodes walked once)."""
    stack = [(data, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = [*node.keys(), *node.values()]
        elif isinstance(node, list | tuple | set):
            children = list(node)
        else:
            continue
        if depth > MAX_DEPTH:
            raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep")
        if id(node) not in seen:
            seen.add(id(node))
            stack.extend((child, depth + 1) for child in children)


def _type_name(value: Any) -> str:
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return "a date"
    return "a " + type(value).__name__


# --- normalisation ---------------------------------------------------------------------------

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:[ \t]*(?:Z|z|[+-]\d{2}(?::?\d{2})?))?)?)?)?$"
)


def parse_date(value: Any) -> str | None:
    """Normalise a front-matter date to 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (precision kept).

    Returns None for no date; raises FrontMatterError for a date that is not valid.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise FrontMatterError(f"date {value!r} is not a date")
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise FrontMatterError(f"date must be a text or a date, not {_type_name(value)}")
    text = value.strip()
    match = _DATE_RE.match(text)
    if not match:
        raise FrontMatterError(
            f"date {_short(text)!r} is not YYYY, YYYY-MM, YYYY-MM-DD or a timestamp"
        )
    year, month, day = match["y"], match["m"], match["d"]
    try:
        if day is not None:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month is not None:
            if not 1 <= int(month) <= 12:
                raise ValueError("month out of range")
            return f"{int(year):04d}-{int(month):02d}"
    except ValueError:
        raise FrontMatterError(f"date {_short(text)!r} is not a valid calendar date") from None
    if int(year) < 1:
        raise FrontMatterError(f"date {_short(text)!r} is not a valid year")
    return f"{int(year):04d}"


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_text(key: str, value: Any, *, required: bool = False) -> str:
    if value is None:
        if required:
            raise FrontMatterError(f"missing {key}")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FrontMatterError(f"{key} must be a text, not {_type_name(value)}")
    if required and isinstance(value, int | float):
        raise FrontMatterError(f"{key} must be a text, not {_type_name(value)}")
    text = " ".join(str(value).split())
    if required and not text:
        raise FrontMatterError(f"{key} is empty")
    return text


def _as_terms(key: str, value: Any) -> list[str]:
    """A list, or a text split on commas; numbers become text; duplicates (whatever their
    case: `Housing, housing` is one term, spelled as first given) dropped, order kept."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    elif isinstance(value, int | float) and not isinstance(value, bool):
        items = [value]
    else:
        raise FrontMatterError(
            f"{key} must be a list or a comma-separated text, not {_type_name(value)}"
        )
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise FrontMatterError(f"{key} must hold texts, not {_type_name(item)}")
        term = " ".join(str(item).split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            out.append(term)
    return out


def _as_author(value: Any) -> str:
    """An author, or a list of authors joined with commas."""
    if isinstance(value, list):
        return ", ".join(_as_terms("author", value))
    return _as_text("author", value)


def _as_bool(key: str, value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"yes", "true", "no", "false", ""}:
        return value.strip().lower() in {"yes", "true"}
    raise FrontMatterError(f"{key} must be true or false, not {_type_name(value)}")


@dataclass
class Meta:
    """Front matter after validation: every field has its final type."""

    title: str
    id: str | None = None
    author: str = ""
    date: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    source_url: str = ""
    publisher: str = ""
    excerpt: bool = False
    warnings: list[str] = field(default_factory=list)


def normalise(data: dict[str, Any]) -> Meta:
    """Validate and normalise loaded front matter. Unknown keys are ignored.

    Raises FrontMatterError for problems that make the article unusable; problems it can live
    with (an invalid date) are recorded in `warnings`.
    """
    title = _as_text("title", data.get("title"), required=True)
    raw_id = data.get("id")
    art_id = _as_text("id", raw_id) if raw_id is not None else None
    if art_id is not None and not art_id:
        art_id = None
    categories = _as_terms("categories", data.get("categories"))
    for extra in _as_terms("category", data.get("category")):
        if extra.casefold() not in {c.casefold() for c in categories}:
            categories.append(extra)
    meta = Meta(
        title=title,
        id=art_id,
        author=_as_author(data.get("author")),
        categories=categories,
        tags=_as_terms("tags", data.get("tags")),
        summary=_as_text("summary", data.get("summary")),
        source_url=_as_text("source_url", data.get("source_url")),
        publisher=_as_text("publisher", data.get("publisher")),
        excerpt=_as_bool("excerpt", data.get("excerpt")),
    )
    try:
        meta.date = parse_date(data.get("date"))
    except FrontMatterError as exc:
        meta.warnings.append(f"{exc}; the article is shown undated")
    return meta
