"""What the `policyreader` command prints, for both of its paths: the program's name, a search
hit, the one-line error and warning forms, and what to do when the output goes away.

On `os` and `sys` alone: the `search` command's lean path (`reader.quick`) prints with it too
(`reader.clean` is imported by the error and warning forms, which that path never prints).
"""

from __future__ import annotations

import os
import sys

PROG = "policyreader"


def relevance(score: float, best: float) -> int:
    """A hit's score as a percentage of the best hit's: BM25 scores are tiny on a small
    library (`4.32e-06`) and mean nothing on their own; this reads at a glance."""
    if best <= 0 or score >= best:
        return 100
    return max(round(100 * score / best), 1 if score > 0 else 0)


def hit_text(article_id: str, title: str, relevance: int, snippet: str) -> str:
    """One hit as `search` prints it: id, title and relevance (a percentage of the best hit's
    score), then the snippet, indented."""
    return f"{article_id}  {title}  ({relevance}%)\n    {snippet}\n"


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
    best = hits[0][2] if hits else 0.0
    return "".join(
        hit_text(aid, title, relevance(score, best), emphasise(snippet, marks, bold))
        for aid, title, score, snippet, marks in hits
    )


NO_MATCHES = f"{PROG}: no matches\n"


def warn(message: str) -> None:
    from reader.clean import clean_line

    sys.stderr.write(f"{PROG}: warning: {clean_line(message)}\n")


def error_line(message: str) -> str:
    from reader.clean import clean_line

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
