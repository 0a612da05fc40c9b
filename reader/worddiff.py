"""Word diffs: what changed between two texts, as runs of kept, removed and added words.

Used for a changed quote (the words quoted against the article's words now) and for an article
that changed since it was read (the text as last read against the text now). Differences of
whitespace alone are not changes. A long text is compared paragraph by paragraph first, and
only the paragraphs that differ word by word, so the work stays proportional to the change.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal, NamedTuple, TypeAlias

Op: TypeAlias = Literal["same", "removed", "added"]
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")
WORDS_MAX = 4_000  # tokens a side beyond which changed paragraphs are shown whole


class Run(NamedTuple):
    op: Op
    text: str


def word_diff(old: str, new: str) -> list[Run]:
    """The runs that turn `old` into `new`, word by word (kept text as it is in `new`)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(a) > WORDS_MAX or len(b) > WORDS_MAX:
        return _merge([Run("removed", old), Run("added", new)])
    matcher = SequenceMatcher(None, [_key(t) for t in a], [_key(t) for t in b], autojunk=False)
    runs: list[Run] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Run("same", "".join(b[j1:j2])))
            continue
        if i1 < i2:
            runs.append(Run("removed", "".join(a[i1:i2])))
        if j1 < j2:
            runs.append(Run("added", "".join(b[j1:j2])))
    return _merge(runs)


def _key(token: str) -> str:
    return " " if token.isspace() else token


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].op == run.op:
            out[-1] = Run(run.op, out[-1].text + run.text)
        else:
            out.append(run)
    return out


def is_change(runs: list[Run]) -> bool:
    return any(r.op != "same" for r in runs)


def text_changes(old: str, new: str, context: int = 1) -> list[list[Run]]:
    """What changed between two versions of an article: one list of runs per changed part,
    with `context` unchanged paragraphs around it. Empty when nothing changed."""
    a, b = old.split("\n"), new.split("\n")
    matcher = SequenceMatcher(
        None, [" ".join(p.split()) for p in a], [" ".join(p.split()) for p in b], autojunk=False
    )
    hunks: list[list[Run]] = []
    for group in matcher.get_grouped_opcodes(context):
        runs: list[Run] = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                runs.append(Run("same", "\n".join(b[j1:j2]) + "\n"))
                continue
            old_part = "\n".join(a[i1:i2])
            new_part = "\n".join(b[j1:j2])
            if i1 == i2:
                runs.append(Run("added", new_part + "\n"))
            elif j1 == j2:
                runs.append(Run("removed", old_part + "\n"))
            else:
                runs.extend(word_diff(old_part, new_part))
                runs.append(Run("same", "\n"))
        hunks.append(_merge(runs))
    return [h for h in hunks if is_change(h)]
