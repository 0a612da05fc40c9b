"""What the command line's modules share: its errors, JSON output, the export format."""

from __future__ import annotations

import os
import sys
from typing import Any

from reader.errors import ReaderError


class UsageError(Exception):
    pass


class CommandError(ReaderError):
    pass


def print_json(obj: Any) -> None:
    import json  # only the --json commands pay for it

    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


# Export formats by file extension, for `export --output FILE` without --format.
EXPORT_FORMATS = {"md": (".md", ".markdown"), "json": (".json", ".jsonld"), "csv": (".csv",)}


def export_format(fmt: str | None, output: str | None) -> str:
    """The format asked for, else the one the output file's extension names (md without a file).
    An extension that names no format is a usage error: guessing would write the wrong kind."""
    if fmt is not None:
        return fmt
    if output is None:
        return "md"
    suffix = os.path.splitext(output)[1].lower()
    for name, suffixes in EXPORT_FORMATS.items():
        if suffix in suffixes:
            return name
    raise UsageError(
        f"cannot tell the format from {output!r}: name it .md, .json or .csv, "
        "or give --format md, json or csv"
    )
