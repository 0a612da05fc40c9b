"""Replacing a file the user owns atomically: a temporary file in the same folder, synced, then
renamed over the old one, so a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
import stat

from reader.errors import ReaderError


def replace_file(
    path: str | os.PathLike[str],
    data: str,
    error: type[ReaderError] = ReaderError,
    *,
    newline: str | None = None,
) -> None:
    """Write `data` to `path` through a temporary file and a rename; the folder must exist.
    An existing file keeps its permissions, a new one gets what the umask gives. Failures are
    raised as `error` with one line naming the file."""
    import tempfile  # not needed by the commands that never write a file

    path = os.fspath(path)
    folder = os.path.dirname(path) or "."
    name = os.path.basename(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)  # replacing a file: keep its permissions
    except OSError:
        mode = 0o666 & ~_umask()  # a new file: what the user's umask gives any new file
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(f"{folder}: cannot write here ({exc.strerror})") from None
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600 files
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise error(f"{path}: cannot write ({exc.strerror})") from None


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
