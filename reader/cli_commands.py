"""The commands that work on a session: list, show, quotes, quote, note, import, bookmark,
mark, export, cite, check, and the web commands' front (add, feeds, fetch)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.clean import clean, clean_line, text_lines
from reader.cli_common import CommandError, UsageError, export_format, print_json
from reader.output import PROG

if TYPE_CHECKING:
    from reader.quotes import Quote
    from reader.session import Session


def _state_label(read: str, progress: int) -> str:
    if read == "started":
        return f"{progress}%"
    return read


# --- commands --------------------------------------------------------------------------------


def cmd_list(session: Session, args: argparse.Namespace) -> int:
    from reader.types import FACET_KINDS

    chosen = [(kind, value) for kind in FACET_KINDS for value in getattr(args, kind)]
    names = session.catalog.library_names
    known = {name.casefold() for name in names}
    for value in args.library:
        if value.casefold() not in known:
            raise CommandError(f"no library named {value!r} (the libraries: {', '.join(names)})")
    arts = session.list_articles(chosen=chosen, unread=args.unread, bookmarked=args.bookmarked)
    if args.json:
        print_json([session.article_json(a) for a in arts])
        return 0
    width = max((len(a.id) for a in arts), default=0)
    for a in arts:
        st = session.state(a.id)
        marks = (
            ("★" if st.bookmarked else " ")
            + ("Δ" if session.is_changed(a, st) else " ")
            + ("…" if a.excerpt else " ")
        )
        author = f" — {a.author}" if a.author else ""
        sys.stdout.write(
            f"{clean_line(a.id):<{width}}  {a.date or 'undated':<10}  "
            f"{_state_label(st.read, st.progress):<7} {marks} {a.title}{author}\n"
        )
    return 0


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    art, doc = session.catalog.document(args.id)
    if args.json:
        obj = session.article_json(art)
        obj["text"] = doc.text
        from reader.textparts import link_list

        obj["links"] = [
            {"number": lk.number, "text": lk.text, "address": lk.href} for lk in link_list(doc)
        ]
        print_json(obj)
        return 0
    out = [art.title, "=" * min(len(art.title), 78)]
    for label, value in (
        ("Author", art.author),
        ("Date", art.date or ""),
        ("Publisher", art.publisher),
        ("Categories", ", ".join(art.categories)),
        ("Tags", ", ".join(art.tags)),
        ("Source", art.source_url),
    ):
        if value:
            out.append(f"{label}: {value}")
    if art.excerpt:
        out.append(
            "Excerpt: this is the opening of a longer article"
            + (f"; read it all at {art.source_url}" if art.source_url else ".")
        )
    out.append("")
    out.append(render_plain(doc))
    sys.stdout.write(clean("\n".join(out)).rstrip("\n") + "\n")
    return 0


def render_plain(doc: Any) -> str:
    """A Document as readable plain text for the terminal: links numbered `[3]` and listed at
    the end with their addresses, footnote references `[^1]` and the notes after the text."""
    from reader.textparts import link_list, links

    numbers = {(lk.start, lk.end): lk.number for lk in links(doc)}
    parts = []
    notes = False
    for b in doc.blocks:
        text = _marked(doc, b, numbers)
        pad = "  " * b.indent + "> " * b.quote
        if b.kind == "heading":
            parts.append(f"{pad}{text}\n{pad}{'-' * min(len(text), 78)}")
        elif b.kind == "figure":
            parts.append(f"{pad}[Figure: {text}]")
        elif b.kind == "rule":
            parts.append(f"{pad}{'─' * 20}")
        elif b.kind in ("code", "table"):
            parts.append("\n".join(f"{pad}    {ln}" for ln in text.split("\n")))
        elif b.kind == "footnote":
            if not notes:
                parts.append("Notes\n-----")
                notes = True
            parts.append(f"[^{b.marker}] {text}")
        else:
            marker = f"{b.marker} " if b.marker else ""
            parts.append(f"{pad}{marker}{text}")
    listed = link_list(doc)
    if listed:
        parts.append("Links\n-----\n" + "\n".join(f"[{lk.number}] {lk.href}" for lk in listed))
    return "\n\n".join(parts)


def _marked(doc: Any, block: Any, numbers: dict[tuple[int, int], int]) -> str:
    """A block's text with `[n]` after each link and `[^n]` at each footnote reference."""
    marks = sorted(
        (s.end, f"[{numbers[(s.start, s.end)]}]")
        if s.style == "link"
        else (s.start, f"[^{s.href}]")
        for s in block.spans
        if (s.style == "link" and (s.start, s.end) in numbers) or s.style == "footref"
    )
    out, pos = [], block.start
    for at, mark in marks:
        out.append(doc.text[pos:at] + mark)
        pos = at
    out.append(doc.text[pos : block.end])
    return "".join(out)


def _quote_json(q: Quote) -> dict[str, Any]:
    return q.to_json()


def cmd_quotes(session: Session, args: argparse.Namespace) -> int:
    quotes = session.quotes(args.id, bookmarked=args.bookmarked)
    if args.search is not None:
        from reader.quotesearch import search_quotes

        quotes = [h.quote for h in search_quotes(quotes, args.search, {"quotes", "notes"})]
    if args.json:
        print_json([_quote_json(q) for q in quotes])
        return 0
    for q in quotes:
        flags = ("★" if q.bookmarked else " ") + {"orphaned": "!", "changed": "≠"}.get(
            q.status, " "
        )
        sys.stdout.write(
            f"{q.id}  {q.kind:<9} {flags} {q.article_id}\n    “{clean_line(q.text)}”\n"
        )
        for n, line in enumerate(text_lines(q.note)):
            sys.stdout.write(("    note: " if n == 0 else " " * 10) + line + "\n")
        if q.orphaned:
            sys.stdout.write("    (orphaned: no longer found in the article's text)\n")
        elif q.changed:
            sys.stdout.write(
                f"    (changed: the article now reads “{clean_line(q.current_text or '')}”; "
                f"`quote --accept {q.id}` takes the new words)\n"
            )
    return 0


def cmd_quote(session: Session, args: argparse.Namespace) -> int:
    if args.delete:
        if args.id or args.text or args.note or args.accept:
            raise UsageError("--delete QID goes alone")
        session.delete_highlight(args.delete)
        sys.stderr.write(f"{PROG}: highlight {args.delete} deleted\n")
        return 0
    if args.accept:
        if args.id or args.text or args.note:
            raise UsageError("give either --accept QID or an article ID and TEXT, not both")
        try:
            q = session.accept_quote(args.accept)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        sys.stdout.write(f"{q.id}\n")
        sys.stderr.write(f"{PROG}: {q.kind} {q.id} now quotes “{clean_line(q.text)}”\n")
        return 0
    if not args.id or args.text is None:
        raise UsageError("quote needs an article ID and TEXT (or --accept QID)")
    try:
        q = session.highlight_text(args.id, args.text, args.note)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    sys.stdout.write(f"{q.id}\n")
    sys.stderr.write(f"{PROG}: saved {q.kind} {q.id} in {q.article_id} (bookmarked)\n")
    return 0


MAX_NOTE_BYTES = 1024 * 1024


def read_text_file(name: str) -> str:
    """A UTF-8 text from a file, or from stdin for `-` (a one-line error if it cannot be had)."""
    try:
        if name == "-":
            if sys.stdin is None:
                raise CommandError("-: there is no stdin to read the note from")
            data = sys.stdin.buffer.read(MAX_NOTE_BYTES + 1)
        else:
            with Path(name).expanduser().open("rb") as f:
                data = f.read(MAX_NOTE_BYTES + 1)
    except OSError as exc:
        raise CommandError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_NOTE_BYTES:
        raise CommandError(f"{name}: over 1 MB, too long for a note")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{name}: not UTF-8 text") from None


def cmd_note(session: Session, args: argparse.Namespace) -> int:
    if (args.text is None) == (args.file is None):
        raise UsageError("note needs the note's TEXT or --file FILE (one of them)")
    text = args.text if args.file is None else read_text_file(args.file)
    q = session.set_note(args.qid, text)
    done = "note saved" if q.note else "note removed"
    sys.stderr.write(f"{PROG}: {done} on quote {q.id}\n")
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    from reader.importer import import_file

    summary = import_file(session, Path(args.file))
    for conflict in summary.conflicts:
        sys.stderr.write(f"{PROG}: conflict: {clean_line(conflict)}\n")
    sys.stdout.write(summary.line() + "\n")
    return 0


def cmd_bookmark(session: Session, args: argparse.Namespace) -> int:
    flag = not args.remove
    if args.quote and args.id:
        raise UsageError("give an article ID or --quote QID, not both")
    if args.quote:
        q = session.bookmark_quote(args.quote, flag)
        sys.stderr.write(f"{PROG}: quote {q.id} {'bookmarked' if flag else 'unbookmarked'}\n")
        return 0
    if not args.id:
        raise UsageError("bookmark needs an article ID or --quote QID")
    session.bookmark_article(args.id, flag)
    sys.stderr.write(f"{PROG}: article {args.id} {'bookmarked' if flag else 'unbookmarked'}\n")
    return 0


def cmd_mark(session: Session, args: argparse.Namespace) -> int:
    session.mark(args.id, args.state)
    sys.stderr.write(f"{PROG}: {args.id} marked {args.state}\n")
    return 0


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from reader.export import export_quotes

    if args.format == "obsidian":
        return cmd_export_obsidian(session, args)
    if args.dry_run:
        raise UsageError("--dry-run goes with --format obsidian")

    path = Path(args.output) if args.output else None
    data, count = export_quotes(
        session, export_format(args.format, args.output), path, style=args.style, **_which(args)
    )
    if path is None:
        sys.stdout.write(data)
    else:
        sys.stderr.write(f"{PROG}: wrote {count} quote(s) to {path}\n")
    return 0


def _which(args: argparse.Namespace) -> dict[str, str | None]:
    """The export options that choose the quotes: `--article`, `--category`, `--tag`."""
    return {"article": args.article, "category": args.category, "tag": args.tag}


def cmd_export_obsidian(session: Session, args: argparse.Namespace) -> int:
    from reader import obsidian

    if not args.output:
        raise UsageError("--format obsidian needs --output VAULT_FOLDER")
    vault = Path(args.output).expanduser()
    changes = obsidian.export_to_vault(session, vault, dry_run=args.dry_run, **_which(args))
    for c in changes:
        if c.action != "unchanged" or args.dry_run:
            sys.stdout.write(clean_line(c.line(vault)) + "\n")
    summary = obsidian.vault_summary(changes, vault, dry_run=args.dry_run)
    sys.stderr.write(f"{PROG}: {summary}\n")
    return 0


def cmd_cite(session: Session, args: argparse.Namespace) -> int:
    from reader import citations

    if args.set_default_style:
        from reader.userconfig import set_default_style

        citations.style_path(args.set_default_style)  # an unknown style is refused, not saved
        where = set_default_style(args.set_default_style)
        sys.stderr.write(
            f"{PROG}: default citation style is now {args.set_default_style} ({where})\n"
        )
        if not args.ids and not args.bookmarked:
            return 0
    if not args.ids and not args.bookmarked:
        raise UsageError("cite needs article IDs or --bookmarked")
    if args.quotes and args.format != "text":
        raise UsageError("--quotes goes with --format text")
    if args.style and args.format != "text":
        raise UsageError("--style goes with --format text")
    arts = citations.chosen_articles(session, args.ids, args.bookmarked)
    if not arts:
        raise CommandError("nothing to cite: no bookmarked articles or quotes")
    data = citations.cite(session, arts, args.format, args.style, args.quotes)
    if args.output:
        from reader.export import refuse_state_files, write_atomic

        path = Path(args.output)
        refuse_state_files(session, path)
        write_atomic(path, data)
        sys.stderr.write(f"{PROG}: wrote {len(arts)} citation(s) to {path}\n")
    else:
        sys.stdout.write(data)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from reader.library import parse_file, scan_tree
    from reader.paths import library_folders, resolve_folders

    dirs = [
        Path(d)
        for d in (
            resolve_folders(args.dirs)
            if args.dirs
            else library_folders(args.articles, args.no_bundled, args.data_dir)
        )
    ]
    problems = 0
    files = 0
    seen: dict[str, str] = {}
    for root in dirs:
        entries, scan_problems, _, _ = scan_tree(root)
        for p in scan_problems:
            problems += 1
            sys.stdout.write(clean_line(p.line()) + "\n")
        for e in entries:
            files += 1
            parsed = parse_file(e.path, str(root))
            for p in parsed.problems:
                problems += 1
                sys.stdout.write(clean_line(p.line()) + "\n")
            art = parsed.article
            if art is not None:
                if art.id in seen:
                    problems += 1
                    sys.stdout.write(
                        clean_line(
                            f"{e.path}: duplicate id {art.id!r} (already used by "
                            f"{seen[art.id]}); skipped"
                        )
                        + "\n"
                    )
                else:
                    seen[art.id] = e.path
    summary = f"{files} file(s) checked in {len(dirs)} folder(s): "
    sys.stderr.write(summary + (f"{problems} problem(s)\n" if problems else "no problems\n"))
    return 1 if problems else 0


def cmd_add(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_add as add

    if args.url is not None and len(args.sources) != 1:
        raise UsageError("--url is the original address of one saved file: give one SOURCE")
    return add(session, args)


def cmd_feeds(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_feeds as feeds

    if args.feeds_command is None:
        raise UsageError("feeds needs an action: add, list, remove, import or export")
    return feeds(session, args)


def cmd_fetch(session: Session, args: argparse.Namespace) -> int:
    from reader.web.commands import cmd_fetch as fetch

    return fetch(session, args)


COMMANDS = {
    "add": cmd_add,
    "feeds": cmd_feeds,
    "fetch": cmd_fetch,
    "list": cmd_list,
    "show": cmd_show,
    "quotes": cmd_quotes,
    "quote": cmd_quote,
    "bookmark": cmd_bookmark,
    "mark": cmd_mark,
    "export": cmd_export,
    "cite": cmd_cite,
    "note": cmd_note,
    "import": cmd_import,
}
