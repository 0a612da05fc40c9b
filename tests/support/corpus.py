"""The hostile corpus (committed, in `tests/corpus/`) and the stress files generated beside it
(too big, or too odd for git, to commit)."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
from pathlib import Path

from .env import DATA, REPO

CORPUS = REPO / "tests" / "corpus"
HOSTILE = CORPUS / "hostile"
SECOND = CORPUS / "second-library"
PWNED = Path("/tmp/policyreader-hostile-pwned")  # the marker the hostile YAML tries to create

GOOD_IDS = {"good-one", "good-two"}
# Files that load (perhaps with a warning) and must be readable.
LOADABLE = {
    "good-one",
    "good-two",
    "invalid-date",
    "duplicate-id-a",
    "markup-in-text",
    "control-sequences",
    "html-script",
    "unclosed-fence",
    "deeply-nested-block",
}
# File -> words its one `check` line must contain (case-insensitive).
BAD_FILES = {
    "malformed-yaml.md": "invalid yaml",
    "unterminated-front-matter.md": "not terminated",
    "not-a-mapping-list.md": "mapping",
    "not-a-mapping-scalar.md": "mapping",
    "title-a-list.md": "title",
    "title-a-number.md": "title",
    "invalid-date.md": "date",
    "deeply-nested-flow.md": "nested",
    "deeply-nested-block.md": "nested",
    "alias-bomb.md": "alias",
    "python-object-apply.md": "python/object/apply",
    "python-name-tag.md": "python/name",
    "python-object-new.md": "python/object/new",
    "bad-timestamp-tag.md": "invalid yaml",
    "huge-integer.md": "invalid yaml",
    "empty.md": "empty",
    "front-matter-only.md": "no article text",
    "not-utf8-latin1.md": "utf-8",
    "binary-nul.md": "binary",
    "duplicate-id-b.md": "duplicate id",
}

# Every C0/C1 control character but newline (and tab, which the CLI expands anyway).
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")

# --- generated stress files (too big to commit) ----------------------------------------------

FRONT = "---\ntitle: {title}\n---\n\n"


def nested_list(levels: int = 200) -> str:
    lines = [f"{'  ' * i}- level {i} nestedlistword" for i in range(levels)]
    return FRONT.format(title="Deeply nested list") + "\n".join(lines) + "\n"


def nested_quotes(levels: int = 500) -> str:
    return (
        FRONT.format(title="Deeply nested blockquotes")
        + ">" * levels
        + " innermost nestedquoteword words here\n"
    )


def huge_table(rows: int = 2000, cols: int = 20) -> str:
    head = "| " + " | ".join(f"h{c}" for c in range(cols)) + " |"
    rule = "|" + "---|" * cols
    body = ["| " + " | ".join(f"r{r}c{c}" for c in range(cols)) + " |" for r in range(rows)]
    return (
        FRONT.format(title="Huge table")
        + "Before the tablewordmarker table.\n\n"
        + "\n".join([head, rule, *body])
        + "\n"
    )


def long_line(size: int = 1_000_000) -> str:
    words = ("policy words " * (size // 13 + 1))[:size]
    return FRONT.format(title="A one megabyte line") + f"longlinemarker {words} longlineend\n"


def long_words() -> str:
    word = "Pneumonoultramicroscopic" * 2000  # a 48,000-character word
    url = "https://example.org/" + "a" * 20_000
    return (
        FRONT.format(title="Very long words") + f"Start longwordmarker {word} end.\n\n"
        f"A link <{url}> and [text]({url}).\n"
    )


def big_file(path: Path, megabytes: int = 24) -> None:
    """Tens of MB of valid Markdown: over the size limit."""
    chunk = ("Lorem ipsum dolor sit amet, policy text. " * 1000 + "\n\n").encode()
    with open(path, "wb") as fh:
        fh.write(b"---\ntitle: Far too big\n---\n\n")
        for _ in range(megabytes * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)


def commonmark_examples(count: int = 400, seed: int = 5) -> str:
    """A few hundred CommonMark-style examples: every block and inline construct, with the
    edge cases the spec's examples exercise (laziness, indentation, entities, delimiters...):
    those written in `tests/data/commonmark-examples.json`, then random mixes of its pieces."""
    data = json.loads((DATA / "commonmark-examples.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    out = list(data["examples"])
    pieces = data["pieces"]
    while len(out) < count:
        out.append(
            "".join(rng.choice(pieces) + rng.choice(["", " word", " text "]) for _ in range(8))
        )
    body = "\n\n".join(
        f"Example {n} cmexamplemarker\n\n{ex}\n\n<!-- end -->" for n, ex in enumerate(out, 1)
    )
    return FRONT.format(title="CommonMark examples") + body + "\n"


def hostile_library(dest: Path, *, big: bool = True) -> Path:
    """Copy the committed corpus to `dest` and add the generated cases beside it."""
    shutil.copytree(HOSTILE, dest, symlinks=True)
    (dest / "nested-list-200.md").write_text(nested_list(), encoding="utf-8")
    (dest / "nested-quotes-500.md").write_text(nested_quotes(), encoding="utf-8")
    (dest / "huge-table.md").write_text(huge_table(), encoding="utf-8")
    (dest / "long-line-1mb.md").write_text(long_line(), encoding="utf-8")
    (dest / "long-words.md").write_text(long_words(), encoding="utf-8")
    (dest / "commonmark-examples.md").write_text(commonmark_examples(), encoding="utf-8")
    if big:
        big_file(dest / "very-large.md")
    # A link to itself, a link loop through two names, and a folder link loop.
    os.symlink("self-loop.md", dest / "self-loop.md")
    os.symlink("loop-b.md", dest / "loop-a.md")
    os.symlink("loop-a.md", dest / "loop-b.md")
    (dest / "sub").mkdir()
    os.symlink("..", dest / "sub" / "up")
    os.symlink(".", dest / "sub" / "here.md")
    # A file name carrying a terminal escape sequence.
    (dest / "name\x1b]0;pwned\x07\x1b[31m.md").write_text(
        "---\ntitle: Evil file name\n---\n\nThe file name has escapes, evilnamemarker.\n", "utf-8"
    )
    return dest


GENERATED_LOADABLE = {
    "nested-list-200",
    "nested-quotes-500",
    "huge-table",
    "long-line-1mb",
    "long-words",
    "commonmark-examples",
}
GENERATED_BAD = {
    "very-large.md": "larger than",
    "self-loop.md": "loop",
    "loop-a.md": "loop",
    "loop-b.md": "loop",
}
