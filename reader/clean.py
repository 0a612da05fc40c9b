"""Text is data: control characters out, before any of it is shown, stored or printed.

On `re` alone, so that every part (the CLI, the reader's labels, the indexer) can clean text
without importing the Markdown side of `reader.text`.
"""

from __future__ import annotations

import re

# C0/C1 control characters except tab and newline; ESC among them, so no terminal sequence
# (colour, OSC title, bell) can survive into a label or a line.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Remove control characters (and bidi overrides); normalise line ends; expand tabs."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if "\t" in text:
        text = text.expandtabs(4)
    return text


def clean_line(text: str) -> str:
    """`clean`, and newlines become spaces: for titles, authors, notes in one-line places."""
    return " ".join(clean(text).split())


def text_lines(text: str) -> list[str]:
    """Each line of a text that has any words, `clean_line`d: a note's lines where it is listed
    as plain text (the line breaks kept, blank lines and indentation left out)."""
    return [line for line in map(clean_line, clean(text).split("\n")) if line]
