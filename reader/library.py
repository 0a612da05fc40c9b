"""Finding and loading article files.

A *library* is a folder of Markdown files (searched recursively). Loading one file gives either
an `Article` (metadata; the body is read again only when someone opens it) or a `LoadProblem`
(one line naming the file and the reason). Nothing here raises on bad input.
"""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 8 * 1024 * 1024
ARTICLE_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """Something wrong with one file. `fatal` problems mean the file was skipped."""

    path: str
    message: str
    fatal: bool = True

    def line(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class Article:
    """An article's metadata: everything but its text."""

    id: str
    title: str
    path: str  # absolute path of the file
    author: str = ""
    date: str | None = None
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    summary: str = ""
    source_url: str = ""
    publisher: str = ""
    excerpt: bool = False
    content_hash: str = ""
    words: int = 0
    library: str = ""

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


@dataclass(slots=True)
class Parsed:
    """The result of reading one file: an article and its body, and/or problems."""

    article: Article | None
    body: str = ""
    problems: list[LoadProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A candidate article file as seen by the scan (no content read)."""

    rel: str
    path: str
    size: int
    mtime_ns: int


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def default_id(path: Path) -> str:
    """The id from the file name, or the folder name for `.../name/index.md`."""
    if path.stem == "index" and path.parent.name:
        return path.parent.name
    return path.stem


def scan(root: Path) -> tuple[list[FileEntry], list[LoadProblem]]:
    """Every `.md` file under root (sorted by path), with size and mtime; problems on the way.

    Hidden folders are skipped; symbolic links to folders are not followed (so a link loop
    cannot trap the scan); a link to a file is followed, and a broken or looping one reported.
    """
    entries: list[FileEntry] = []
    problems: list[LoadProblem] = []
    if not root.is_dir():
        problems.append(LoadProblem(str(root), "not a folder (or it does not exist)"))
        return entries, problems
    root_s = str(root)
    # (folder, its path relative to root with a trailing separator): building `rel` by
    # concatenation, not os.path.relpath, which costs more than the stat itself.
    stack = [(root_s, "")]
    sep = os.sep
    while stack:
        folder, prefix = stack.pop()
        try:
            it = os.scandir(folder)
        except OSError as exc:
            problems.append(LoadProblem(folder, f"cannot read folder: {_reason(exc)}"))
            continue
        with it:
            for entry in it:
                name = entry.name
                if name.startswith("."):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append((entry.path, prefix + name + sep))
                        continue
                except OSError:
                    continue
                if not name.endswith(ARTICLE_SUFFIX):
                    continue
                try:
                    st = entry.stat()
                except OSError as exc:
                    problems.append(LoadProblem(entry.path, f"cannot read: {_reason(exc)}"))
                    continue
                entries.append(FileEntry(prefix + name, entry.path, st.st_size, st.st_mtime_ns))
    entries.sort(key=_by_rel)
    return entries, problems


def _by_rel(entry: FileEntry) -> str:
    return entry.rel


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT:
        return "broken symbolic link or missing file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


def read_bytes(path: str) -> bytes:
    """Read a file, refusing more than MAX_FILE_BYTES (raises ValueError with a user message)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(f"file is larger than the {MAX_FILE_BYTES // (1024 * 1024)} MB limit")
    return data


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 only (a BOM is allowed); raises ValueError with a user message."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes), not Markdown text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    return text.removeprefix("\ufeff")


def parse_file(path: str, root: str = "") -> Parsed:
    """Load one article file. Never raises for bad content: problems are returned."""
    try:
        data = read_bytes(path)
    except OSError as exc:
        return Parsed(None, problems=[LoadProblem(path, f"cannot read: {_reason(exc)}")])
    except ValueError as exc:
        return Parsed(None, problems=[LoadProblem(path, str(exc))])
    return parse_bytes(path, data, root)


def parse_bytes(path: str, data: bytes, root: str = "") -> Parsed:
    from reader import frontmatter  # imported here: YAML is only needed when a file changed

    digest = content_hash(data)
    try:
        text = decode(data)
        source, body = frontmatter.split(text)
        if source is None:
            raise frontmatter.FrontMatterError("no front matter (a YAML block with a title)")
        meta = frontmatter.normalise(frontmatter.load(source))
    except (ValueError, frontmatter.FrontMatterError) as exc:
        return Parsed(None, problems=[LoadProblem(path, str(exc))])
    if not body.strip():
        return Parsed(None, problems=[LoadProblem(path, "no article text after the front matter")])
    from reader.text import clean_line

    # Ids and titles are printed and drawn: no control characters, even from a file name.
    art_id = clean_line(meta.id or default_id(Path(path)))
    title = clean_line(meta.title)
    if not title:
        return Parsed(
            None, problems=[LoadProblem(path, "title is empty once control characters are removed")]
        )
    if not art_id:
        return Parsed(
            None,
            problems=[
                LoadProblem(
                    path, "no usable id (the file name is only control characters; set `id:`)"
                )
            ],
        )
    art = Article(
        id=art_id,
        title=title,
        path=path,
        author=clean_line(meta.author),
        date=meta.date,
        categories=tuple(clean_line(c) for c in meta.categories),
        tags=tuple(clean_line(t) for t in meta.tags),
        summary=clean_line(meta.summary),
        source_url=clean_line(meta.source_url),
        publisher=clean_line(meta.publisher),
        excerpt=meta.excerpt,
        content_hash=digest,
        words=len(body.split()),
        library=root,
    )
    problems = [LoadProblem(path, w, fatal=False) for w in meta.warnings]
    return Parsed(art, body, problems)


def iter_markdown_dirs(dirs: list[Path]) -> Iterator[Path]:
    """Resolve library folders, dropping repeats (the first mention wins)."""
    seen: set[str] = set()
    for d in dirs:
        try:
            real = str(d.expanduser().resolve())
        except OSError:
            real = str(d)
        if real not in seen:
            seen.add(real)
            yield Path(real)
