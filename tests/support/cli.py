"""Running `policyreader` (as `python -m reader`) in a subprocess."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .env import subprocess_env


def run_reader(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str],
    timeout: float = 60,
    text: bool = True,
    input: str | None = None,
) -> subprocess.CompletedProcess[Any]:
    """`python -m reader ARGS`, its output captured (as text, or bytes with `text=False`)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *map(str, args)],
        cwd=cwd,
        env=env,
        input=input,
        capture_output=True,
        timeout=timeout,
        **({"text": True, "encoding": "utf-8"} if text else {}),
    )


def run_cli(
    base: Path,
    *args: str | Path,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    **extra: str,
) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader ARGS` in `base` with fresh folders under it (unless `env` is given);
    output as bytes, to check for control bytes."""
    return run_reader(
        *args,
        cwd=base,
        env=env or subprocess_env(base, COLUMNS="100", **extra),
        timeout=timeout,
        text=False,
    )


def imported_modules(cmd: list[str], **run: Any) -> tuple[set[str], str]:
    """The modules a Python command line imports, from its `-X importtime` report (the
    command must start with the interpreter), and what it printed."""
    proc = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, timeout=60, **run
    )
    assert proc.returncode == 0, proc.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    return imported, proc.stdout


def run_in_pty(
    *args: str | Path,
    cwd: Path,
    env: dict[str, str],
    stdin: bool = False,
    stdout: bool = True,
    timeout: float = 30,
) -> tuple[int | None, bytes]:
    """`python -m reader ARGS` with stdin and/or stdout (and stderr) on a pseudo-terminal, a
    real terminal as far as it can tell. Returns (exit code, what reached the terminal); the
    exit code is None if it had not ended after `timeout` seconds (it is killed then)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *map(str, args)],
        cwd=cwd,
        env=env,
        stdin=slave if stdin else subprocess.DEVNULL,
        stdout=slave if stdout else subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + timeout
    try:
        while (left := deadline - time.monotonic()) > 0:
            if not select.select([master], [], [], left)[0]:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        try:
            code: int | None = proc.wait(timeout=max(deadline - time.monotonic(), 1))
        except subprocess.TimeoutExpired:
            code = None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return code, b"".join(chunks)
