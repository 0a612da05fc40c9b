"""Which fields a search names: `note:` and `quote:` make it a search of quotes and notes.

On `re` alone: the lean `search` path (reader.quick) asks `uses_quote_fields` before it
answers, and hands such queries to the full command.
"""

from __future__ import annotations

import re

SCOPES = ("articles", "quotes", "notes")
FIELD = re.compile(r"(?:(?<=\s)|^)(-?)(note|quote)s?:", re.I)
# The in-memory table's two columns under names the search language already knows.
AS_COLUMN = {"note": "summary:", "quote": "text:"}


def uses_quote_fields(query: str) -> bool:
    """Whether a query names `note:` or `quote:` (so it is about quotes, not articles)."""
    return ":" in query and FIELD.search(query) is not None


def parse_scopes(value: str) -> set[str]:
    """`--in` as a set: `quotes`, `notes,quotes`, `articles`; ValueError for anything else."""
    wanted = {w.strip().lower() for w in value.split(",") if w.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown or not wanted:
        raise ValueError(
            f"--in takes {', '.join(SCOPES)} (comma-separated), not {', '.join(unknown) or 'nothing'}"
        )
    return wanted


def scopes_for(query: str, wanted: set[str] | None) -> set[str]:
    """What a search covers: `--in` if given, else the fields the query names, else articles."""
    if wanted:
        return wanted
    if not uses_quote_fields(query):
        return {"articles"}
    named = {m.group(2).lower() + "s" for m in FIELD.finditer(query) if not m.group(1)}
    return named or {"quotes", "notes"}
