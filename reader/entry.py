"""The `policyreader` program (and `python -m reader`).

A plain `search` is answered by `reader.quick`, which imports little; everything else, and any
search that path leaves alone, goes to the full command line in `reader.cli`.
"""

from __future__ import annotations

import os
import sys

from reader.output import output_gone, unexpected

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
        from reader.cli import execute

        code, ran_reader = execute(argv)
        if ran_reader:
            raise SystemExit(code)  # the reader (Textual) gets a normal exit
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the program was started with it closed
                stream.flush()
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
    except KeyboardInterrupt:
        return 130
    except Exception:  # the full command does it again, and reports what goes wrong
        if os.environ.get("POLICYREADER_DEBUG"):
            raise
        return None
    if answer is None:
        return None
    out, err = answer
    try:  # one write: the hits, or the line saying there are none
        if out:
            sys.stdout.write(out)
        else:
            sys.stderr.write(err)
    except UnicodeEncodeError:
        # Text is encoded before any of it is written: nothing is out yet, and the full
        # command writes the hits it can before it reports the one it cannot.
        return None
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return output_gone()
    except Exception as exc:  # some of it may be out: reported as the full command would
        if os.environ.get("POLICYREADER_DEBUG"):
            raise
        return unexpected(exc)
    return 0 if out else 1  # no hits: 1, as grep does


if __name__ == "__main__":
    entry()
