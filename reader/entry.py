"""The `policyreader` program (and `python -m reader`).

A plain `search` is answered by `reader.quick`, which imports little; everything else, and any
search that path leaves alone, goes to the full command line in `reader.cli`.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def entry() -> NoReturn:
    """Run the command, then exit.

    A command that did not open the reader ends with `os._exit` once its output is flushed:
    every database has been closed by then, and tearing down the interpreter's modules one by
    one would cost a one-shot command like `search` a tenth of its time for nothing.
    """
    argv = sys.argv[1:]
    code = quick_search(argv)
    if code is None:
        from reader import cli

        code = cli.main(argv)
        if cli.ran_reader:
            raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader of our output went away: nothing left to say
        pass
    except OSError:
        code = code or 1
    os._exit(code)


def quick_search(argv: list[str]) -> int | None:
    """The exit code of a search answered on the lean path; None: it was left to `reader.cli`
    (nothing has been written then)."""
    try:
        from reader.quick import search

        answer = search(argv)
        if answer is None:
            return None
        sys.stdout.write(answer[0])
        sys.stderr.write(answer[1])
        return 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception:  # the full command does it again, and reports what goes wrong
        if os.environ.get("POLICYREADER_DEBUG"):
            raise
        return None


if __name__ == "__main__":
    entry()
