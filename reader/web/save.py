"""Writing an added article into the user's library folder.

An added article is an ordinary Markdown file with YAML front matter, named after its title.
The name is made safe (no separators, no leading dots, no control characters, at most
`MAX_NAME_BYTES`), the front matter is written by `yaml.safe_dump` (so no value can end it or
add keys), and the file appears atomically: it is written under a temporary name in the same
folder and then linked (new files: never over another) or renamed (updates) into place.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

from reader.clean import clean_line
from reader.errors import ReaderError

MAX_NAME_BYTES = 120  # the title part of a file name; well under every file system's 255
MAX_ID_CHARS = 60
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|\u202a-\u202e\u2066-\u2069]+')
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.I)
_ID_UNSAFE = re.compile(r"[^\w]+")


class SaveError(ReaderError):
    """The article could not be written; nothing was left behind."""


def safe_name(title: str) -> str:
    """A file name (without `.md`) from a title: readable, and safe on every system."""
    name = unicodedata.normalize("NFC", title)
    name = _UNSAFE_NAME.sub(" ", name)
    name = " ".join(name.split()).strip(" .")
    name = name.lstrip(".-~ ")  # never hidden, never read as an option
    encoded = name.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        name = encoded[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(" .")
        cut = name.rfind(" ")
        if cut > MAX_NAME_BYTES // 2:  # end on a whole word when that keeps most of it
            name = name[:cut].rstrip(" .,;:-")
    if not name or _WINDOWS_RESERVED.match(name):
        name = f"article {name}".strip()
    return name


def slug(title: str) -> str:
    """An article id from a title: lower case words joined by hyphens."""
    text = unicodedata.normalize("NFKC", title).lower()
    out = _ID_UNSAFE.sub("-", text).strip("-_")[:MAX_ID_CHARS].strip("-_")
    return out or "article"


def unique_id(base: str, taken: set[str] | Any) -> str:
    """`base`, or `base-2`, `base-3`, ... the first not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def front_matter(meta: dict[str, Any]) -> str:
    """The YAML block for `meta` (empty values left out), safely dumped."""
    import yaml

    clean: dict[str, Any] = {}
    for key, value in meta.items():
        if isinstance(value, (list, tuple)):
            items = [clean_line(str(v)) for v in value]
            items = [v for v in items if v]
            if items:
                clean[key] = items
        elif isinstance(value, bool):
            clean[key] = value
        elif value is not None:
            text = clean_line(str(value))
            if text:
                clean[key] = text
    dumped = yaml.safe_dump(
        clean, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return f"---\n{dumped}---\n"


def article_text(meta: dict[str, Any], body: str) -> str:
    return front_matter(meta) + "\n" + body.strip("\n") + "\n"


def write_new(folder: Path, title: str, text: str) -> Path:
    """Write a new article file named after `title` in `folder` (created if needed), adding
    ` 2`, ` 3`, ... to the name on a clash; the path written. Never replaces a file."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"cannot create the library folder {folder}: {_reason(exc)}") from None
    base = safe_name(title)
    tmp = _temp(folder, text)
    try:
        for n in range(1, 10_000):
            path = folder / (f"{base}.md" if n == 1 else f"{base} {n}.md")
            try:
                os.link(tmp, path)  # atomic, and fails rather than replace
            except FileExistsError:
                continue
            except OSError:  # no hard links here: the check and the rename, as near as we can
                if path.exists():
                    continue
                os.replace(tmp, path)
            return path
        raise SaveError(f"too many files named {base!r} in {folder}")
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def replace(path: Path, text: str) -> None:
    """Rewrite an existing article file atomically."""
    tmp = _temp(path.parent, text)
    try:
        os.replace(tmp, path)
    except OSError as exc:
        os.unlink(tmp)
        raise SaveError(f"cannot write {path}: {_reason(exc)}") from None


def replace_or_create(path: Path, text: str) -> None:
    """Write a file the user named, atomically; its folder must exist."""
    if not path.parent.is_dir():
        raise SaveError(f"{path.parent}: no such folder")
    replace(path, text)


def _temp(folder: Path, text: str) -> str:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".adding-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"cannot write in {folder}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        os.unlink(tmp)
        raise SaveError(f"cannot write in {folder}: {_reason(exc)}") from None
    return tmp


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
