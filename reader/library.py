"""Finding and loading article files.

A *library* is a folder of Markdown files (searched recursively). Loading one file gives either
an `Article` (metadata; the body is read again only when someone opens it) or a `LoadProblem`
(one line naming the file and the reason). Nothing here raises on bad input.
"""

from __future__ import annotations

import errno

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without loading OpenSSL first
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b
import os
import stat
import time
from pathlib import Path
from typing import NamedTuple

from reader.clean import clean_line
from reader.records import Record

MAX_FILE_BYTES = 8 * 1024 * 1024
ARTICLE_SUFFIX = ".md"


class LoadProblem(NamedTuple):
    """Something wrong with one file. `fatal` problems mean the file was skipped."""

    path: str
    message: str
    fatal: bool = True

    def line(self) -> str:
        return f"{self.path}: {self.message}"


class Article(Record):
    """An article's metadata: everything but its text."""

    __slots__ = (
        "id",
        "title",
        "path",
        "author",
        "date",
        "categories",
        "tags",
        "summary",
        "source_url",
        "publisher",
        "excerpt",
        "content_hash",
        "words",
        "library",
    )

    def __init__(
        self,
        id: str,  # noqa: A002 - the article's id, as the front matter calls it
        title: str,
        path: str,  # absolute path of the file
        author: str = "",
        date: str | None = None,
        categories: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        summary: str = "",
        source_url: str = "",
        publisher: str = "",
        excerpt: bool = False,
        content_hash: str = "",
        words: int = 0,
        library: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.path = path
        self.author = author
        self.date = date
        self.categories = categories
        self.tags = tags
        self.summary = summary
        self.source_url = source_url
        self.publisher = publisher
        self.excerpt = excerpt
        self.content_hash = content_hash
        self.words = words
        self.library = library

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


class Parsed(Record):
    """The result of reading one file: an article and its body, and/or problems."""

    __slots__ = ("article", "body", "problems")

    def __init__(
        self, article: Article | None, body: str = "", problems: list[LoadProblem] | None = None
    ) -> None:
        self.article = article
        self.body = body
        self.problems: list[LoadProblem] = problems if problems is not None else []


class FileEntry(NamedTuple):
    """A candidate article file as seen by the scan (no content read). A tuple: a scan makes
    one per file, and a frozen dataclass cost more to build than the file's stat."""

    rel: str
    path: str
    size: int
    mtime_ns: int


class Scan(NamedTuple):
    """What a scan saw: the article files, the problems, and a *stamp* of the folders.

    The stamp is every folder (`"d"`, relative path, modification time) and every symbolic
    link to a file (`"l"`, its target's size and modification time), each stat-ed *before*
    the folder was listed: a file added, removed or renamed (as editors that save by
    replacing the file do) changes its folder's time, so a later quick check of the stamp
    alone (`LibraryIndex.stamp_current`) tells whether the library's file set is unchanged.
    """

    entries: list[FileEntry]
    problems: list[LoadProblem]
    stamp: list[tuple[str, str, int, int]]  # (kind, rel, size, mtime_ns)
    started_ns: int


def content_hash(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def default_id(path: Path) -> str:
    """The id from the file name, or the folder name for `.../name/index.md`."""
    if path.stem == "index" and path.parent.name:
        return path.parent.name
    return path.stem


def scan_tree(root: Path) -> Scan:
    """Every `.md` file under root (sorted by path) with size and mtime, problems on the way,
    and the stamp of the folders (see `Scan`).

    Hidden folders are skipped; symbolic links to folders are not followed (so a link loop
    cannot trap the scan); a link to a file is followed, and a broken or looping one reported.
    """
    started = time.time_ns()
    entries: list[FileEntry] = []
    problems: list[LoadProblem] = []
    stamp: list[tuple[str, str, int, int]] = []
    try:
        top = os.stat(root)
    except OSError:
        top = None
    if top is None or not stat.S_ISDIR(top.st_mode):
        problems.append(LoadProblem(str(root), "not a folder (or it does not exist)"))
        return Scan(entries, problems, stamp, started)
    stamp.append(("d", "", 0, top.st_mtime_ns))
    # (folder, its path relative to root with a trailing separator): building `rel` by
    # concatenation, not os.path.relpath, which costs more than the stat itself.
    stack = [(str(root), "")]
    sep = os.sep
    add = entries.append
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
                if name[0] == ".":
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        rel = prefix + name
                        stamp.append(("d", rel, 0, entry.stat(follow_symlinks=False).st_mtime_ns))
                        stack.append((entry.path, rel + sep))
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
                if entry.is_symlink():
                    stamp.append(("l", prefix + name, st.st_size, st.st_mtime_ns))
                add(FileEntry(prefix + name, entry.path, st.st_size, st.st_mtime_ns))
    entries.sort()
    return Scan(entries, problems, stamp, started)


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
