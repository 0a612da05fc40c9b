"""Running `policyreader` (as `python -m reader`) in a subprocess."""

from __future__ import annotations

import subprocess
import sys
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
