"""Bookmarked quotes into an Obsidian vault (or any folder of Markdown notes), safe to re-run.

One note per article. Each quote is a *managed block* between two HTML comments that name the
quote (`<!-- policyreader:quote ID -->` ... `<!-- /policyreader:quote ID -->`): a block quote
with the note, ending in the block id `^pr-ID` so the user can link to it. A re-run replaces
only managed blocks (new quotes added in text order, edited ones rewritten, deleted ones
removed); every other byte of the note, the front matter included, is the user's and is kept.
A note is found again by the `policyreader-id` in its front matter, wherever the user moved it
inside the folder and whatever they renamed it to.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.export import Entry
    from reader.session import Session

ID_KEY = "policyreader-id"
MAX_NOTE_BYTES = 4 * 1024 * 1024
_BLOCK = re.compile(
    r"<!-- policyreader:quote (?P<id>[^\s>]+) -->\n.*?<!-- /policyreader:quote (?P=id) -->\n?",
    re.S,
)
_ID_LINE = re.compile(r"^policyreader-id:[ \t]*(?P<v>.+?)[ \t]*$", re.M)
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')


class ObsidianError(ReaderError):
    """The vault cannot be written (the message is one line, for the user)."""


class Change:
    """What an export does to one note."""

    __slots__ = ("path", "action", "added", "updated", "removed", "text")

    def __init__(self, path: Path, action: str, text: str = "") -> None:
        self.path = path
        self.action = action  # "create", "update" or "unchanged"
        self.added = 0
        self.updated = 0
        self.removed = 0
        self.text = text

    def line(self, vault: Path) -> str:
        rel = self.path.relative_to(vault)
        if self.action == "create":
            return f"create {rel}: {self.added} quote(s)"
        if self.action == "unchanged":
            return f"unchanged {rel}"
        return f"update {rel}: {self.added} added, {self.updated} updated, {self.removed} removed"


# --- reading the vault ---------------------------------------------------------------------------


def _notes(vault: Path) -> Iterator[Path]:
    """Every Markdown file in the vault; hidden folders (.obsidian, .trash) left out."""
    for folder, dirs, files in os.walk(vault):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                yield Path(folder, name)


def _read(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_NOTE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_NOTE_BYTES:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def note_id(text: str) -> str | None:
    """The `policyreader-id` in a note's front matter, or None."""
    if not text.startswith("---"):
        return None
    end = re.search(r"^---[ \t]*$", text[3:], re.M)
    head = text[3 : 3 + end.start()] if end else ""
    m = _ID_LINE.search(head)
    if not m:
        return None
    import yaml

    try:
        value = yaml.safe_load(m["v"])
    except yaml.YAMLError:
        return None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def find_notes(vault: Path) -> dict[str, Path]:
    """Article id -> its note, wherever it is in the vault (the first found, in path order)."""
    found: dict[str, Path] = {}
    for path in _notes(vault):
        text = _read(path)
        aid = note_id(text) if text else None
        if aid and aid not in found:
            found[aid] = path
    return found


# --- writing notes -----------------------------------------------------------------------------


def file_name(title: str) -> str:
    """A note's file name from the title: characters Obsidian or a file system refuse left
    out, at most 100 characters."""
    name = " ".join(_UNSAFE_NAME.sub(" ", title).split()).strip(". ")
    return (name[:100].rstrip(". ") or "Untitled") + ".md"


def _yaml(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string or list is valid YAML


def new_note(entry: Entry, key: str, citation: str) -> str:
    art = entry.article
    lines = ["---", f"title: {_yaml(entry.title)}"]
    if art is not None:
        if art.author:
            lines.append(f"author: {_yaml(art.author)}")
        if art.date:
            lines.append(f"date: {_yaml(art.date)}")
        if art.source_url:
            lines.append(f"source: {_yaml(art.source_url)}")
        lines.append(f"tags: {_yaml([_tag(t) for t in art.tags])}")
    if key:
        lines.append(f"citation-key: {_yaml(key)}")
    lines.append(f"{ID_KEY}: {_yaml(entry.quote.article_id)}")
    lines += ["---", "", f"# {_inline(entry.title)}", ""]
    if citation:
        lines += [citation, ""]
    lines += ["## Quotes", ""]
    return "\n".join(lines)


def _tag(tag: str) -> str:
    # Obsidian tags cannot hold spaces: "criminal justice" -> "criminal-justice".
    return re.sub(r"[\s#,]+", "-", tag.strip()).strip("-")


def _inline(text: str) -> str:
    """Text as Markdown text: never markup, and never one of the block markers (`<` is
    escaped)."""
    from reader.export import md_escape

    return md_escape(" ".join(text.split()))


def block(quote: Any) -> str:
    """A quote's managed block: the block quote, its note, its status, its block id."""
    qid = quote.id
    lines = [f"<!-- policyreader:quote {qid} -->"]
    for line in quote.text.splitlines() or [""]:
        lines.append(f"> {_inline(line)}".rstrip())
    if quote.status == "changed":
        now = _inline(quote.current_text or "")
        lines += [">", f"> *Changed: the article now reads “{now}”.*"]
    elif quote.status == "orphaned":
        lines += [">", "> *No longer found in the article's current text.*"]
    if quote.note:
        lines.append(">")
        for n, line in enumerate(quote.note.splitlines()):
            lines.append(f"> {'**Note:** ' if n == 0 else ''}{_inline(line)}".rstrip())
    # The id on a line of its own with a blank line before and after: how Obsidian names a
    # block quote (an id at the end of its last line would name only that paragraph).
    lines += ["", f"^pr-{_block_id(qid)}", "", f"<!-- /policyreader:quote {qid} -->", ""]
    return "\n".join(lines)


def _block_id(qid: str) -> str:
    # Obsidian block ids are letters, digits and dashes.
    return re.sub(r"[^A-Za-z0-9-]", "-", qid)


def update(text: str, quotes: list[Any], change: Change) -> str:
    """The note with its managed blocks made to match `quotes` (in text order); every byte
    outside them kept."""
    wanted = {q.id: block(q) for q in quotes}
    order = [q.id for q in quotes]
    present = {m["id"]: m for m in _BLOCK.finditer(text)}
    out = ""
    pos = 0
    for qid, m in present.items():  # rewrite or remove the blocks that are there
        out += text[pos : m.start()]
        if qid in wanted:
            new = wanted[qid]
            if m.group(0) != new and m.group(0) + "\n" != new:
                change.updated += 1
            out += new if m.group(0).endswith("\n") else new[:-1]
        else:
            change.removed += 1
            if out.endswith("\n\n"):  # the blank line the block was added with
                out = out[:-1]
        pos = m.end()
    text = out + text[pos:]
    for n, qid in enumerate(order):  # add the new ones next to their neighbours in the text
        if qid in present:
            continue
        change.added += 1
        spans = {m["id"]: m for m in _BLOCK.finditer(text)}
        before = next((spans[o] for o in reversed(order[:n]) if o in spans), None)
        after = next((spans[o] for o in order[n + 1 :] if o in spans), None)
        if before is not None:
            at = before.end()
            text = text[:at] + "\n" + wanted[qid] + text[at:]
        elif after is not None:
            at = after.start()
            text = text[:at] + wanted[qid] + "\n" + text[at:]
        else:
            sep = (
                ""
                if text.endswith("\n\n") or not text
                else ("\n" if text.endswith("\n") else "\n\n")
            )
            text = text + sep + wanted[qid]
    return text


def plan(session: Session, vault: Path, **filters: Any) -> list[Change]:
    """What an export to the vault would do, note by note (nothing is written)."""
    from reader.citations import citation_for, records
    from reader.export import collect

    if vault.exists() and not vault.is_dir():
        raise ObsidianError(f"{vault}: is a file, not a folder")
    if not vault.is_dir():
        raise ObsidianError(f"{vault}: folder does not exist (it is not created for you)")
    entries = collect(session, **filters)
    by_article: dict[str, list[Entry]] = {}
    for e in entries:
        by_article.setdefault(e.quote.article_id, []).append(e)
    existing = find_notes(vault)
    filtered = any(v for v in filters.values())
    changes: list[Change] = []
    taken = {p.resolve() for p in existing.values()}
    # Notes already in the vault are brought up to date even when none of their quotes is
    # bookmarked any more (their blocks are removed); with a filter, only the articles it keeps.
    targets = list(by_article)
    for aid in existing:
        if aid not in by_article and (not filtered or _matches(session, aid, filters)):
            targets.append(aid)
    for aid in targets:
        group = by_article.get(aid, [])
        quotes = [e.quote for e in group]
        path = existing.get(aid)
        if path is not None:
            old = _read(path)
            if old is None:
                raise ObsidianError(f"{path}: cannot be read as UTF-8 text; left alone")
            change = Change(path, "update")
            new = update(old, quotes, change)
            if new == old:
                change.action = "unchanged"
            change.text = new
            changes.append(change)
            continue
        first = group[0]
        key, cite = "", ""
        if first.article is not None:
            key = records([first.article])[0]["id"]
            cite = citation_for(first.article, markup="markdown")
        path = _free_path(vault, file_name(first.title), aid, taken)
        taken.add(path.resolve())
        change = Change(path, "create")
        change.text = update(new_note(first, key, cite), quotes, change)
        changes.append(change)
    return changes


def _matches(session: Session, article_id: str, filters: dict[str, Any]) -> bool:
    art = session.catalog.find(article_id)
    if filters.get("article"):
        return article_id == filters["article"]
    if art is None:
        return False
    if filters.get("category") and filters["category"].casefold() not in {
        c.casefold() for c in art.categories
    }:
        return False
    return not (
        filters.get("tag") and filters["tag"].casefold() not in {t.casefold() for t in art.tags}
    )


def _free_path(vault: Path, name: str, article_id: str, taken: set[Path]) -> Path:
    """The note's path: its title's name, or with the article id when another file has it."""
    path = vault / name
    if path.exists() or path.resolve() in taken:
        stem = name[:-3]
        path = vault / file_name(f"{stem} ({article_id})")
        n = 2
        while path.exists() or path.resolve() in taken:
            path = vault / file_name(f"{stem} ({article_id}) {n}")
            n += 1
    return path


def export_to_vault(
    session: Session,
    vault: Path,
    *,
    dry_run: bool = False,
    article: str | None = None,
    category: str | None = None,
    tag: str | None = None,
) -> list[Change]:
    """Bring the vault's notes up to date (or, with dry_run, only say what would change).
    The folder must exist: it is never created."""
    from reader.export import write_atomic

    vault = Path(vault).expanduser()
    changes = plan(session, vault, article=article, category=category, tag=tag)
    if not dry_run:
        for c in changes:
            if c.action != "unchanged":
                write_atomic(c.path, c.text)
    return changes


def vault_summary(changes: list[Change], vault: Path, *, dry_run: bool = False) -> str:
    """What an export did to the vault, in one line (the CLI's and the reader's):
    'changed 2 of 3 notes in VAULT' (created or updated, of the notes it concerned)."""
    written = sum(c.action != "unchanged" for c in changes)
    verb = "would change" if dry_run else "changed"
    noun = "note" if len(changes) == 1 else "notes"
    return f"{verb} {written} of {len(changes)} {noun} in {vault}"
