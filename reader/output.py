"""What the `policyreader` command prints, for both of its paths: the program's name, a search
hit, the one-line error and warning forms, and what to do when the output goes away.

On `os` and `sys` (and `reader.clean`, on `re`) alone: the `search` command's lean path
(`reader.quick`) prints with it too.
"""

from __future__ import annotations

import os
import sys

from reader.clean import clean_line

PROG = "policyreader"


def hit_text(article_id: str, title: str, score: float, snippet: str) -> str:
    """One hit as `search` prints it: id, title and score, then the snippet, indented."""
    return f"{article_id}  {title}  (score {score:.3g})\n    {snippet}\n"


def emphasise(text: str, marks: list[tuple[int, int]], bold: bool) -> str:
    """The matched spans in bold and underlined, for a terminal; plain text otherwise."""
    if not (marks and bold):
        return text
    out, last = [], 0
    for start, end in marks:
        out += [text[last:start], "\x1b[1;4m", text[start:end], "\x1b[0m"]
        last = end
    out.append(text[last:])
    return "".join(out)


def hits_text(hits: list[tuple[str, str, float, str, list[tuple[int, int]]]]) -> str:
    """Hits given as (id, title, score, snippet, marks), as `search` prints them on stdout
    (matches emphasised when stdout is a terminal)."""
    bold = sys.stdout.isatty()
    return "".join(
        hit_text(aid, title, score, emphasise(snippet, marks, bold))
        for aid, title, score, snippet, marks in hits
    )


NO_MATCHES = f"{PROG}: no matches\n"


def warn(message: str) -> None:
    sys.stderr.write(f"{PROG}: warning: {clean_line(message)}\n")


def error_line(message: str) -> str:
    return f"{PROG}: error: {clean_line(message)}\n"


def unexpected(exc: Exception) -> int:
    """Report an error nothing else handled, in one line; the exit code."""
    sys.stderr.write(error_line(f"unexpected {type(exc).__name__}: {exc}"))
    return 1


def output_gone() -> int:
    """The reader of our output went away (`| head`): not an error worth a message. What is
    still to be written goes nowhere; the exit code is 0."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
