"""Keys as the terminal delivers them, made into the keys the user typed.

An `escape` followed within ESCDELAY (Textual's 100 ms) by a letter reaches Textual as one
`alt+letter` (the terminal sends the same bytes for both), and the reader binds no alt keys,
so both keys were lost: `escape` then `j` did nothing. `split_escape` gives the key typed after
the escape back, unless the user's keymap binds that alt key.
"""

from __future__ import annotations

from collections.abc import Collection

AFTER_ESCAPE = 0.05  # seconds: time for what escape does (a focus change) before the key
ALT = "alt+"
SHIFT = "shift+"


def split_escape(key: str, bound: Collection[str]) -> str | None:
    """The key typed just after an escape, if `key` is one the terminal merged; else None."""
    if not key.startswith(ALT) or key in bound:
        return None
    rest = key[len(ALT) :]
    if rest.startswith(SHIFT) and len(rest) == len(SHIFT) + 1:
        return rest[-1].upper()  # alt+shift+g was escape, G
    return rest if len(rest) == 1 else None
