"""Fixtures for the core tests: article folders, sessions, and the CLI in a subprocess."""

from __future__ import annotations

import contextlib
import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.session import Session

REPO = Path(__file__).resolve().parents[2]
BUNDLED = REPO / "articles"
BUNDLED_IDS = {
    "co-production-criminal-justice",
    "commissioning-third-sector",
    "demystifying-social-enterprise",
    "social-value-act",
}

# Every file a test writes gets its own, strictly increasing mtime, so a change is always seen
# by the index (two writes inside one filesystem clock tick would otherwise look alike).
_MTIMES = itertools.count(1_700_000_000)


def front_matter(title: str | None = "An article", **fields: object) -> str:
    """Raw YAML front matter; values are written as given (so tests control quoting)."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    for key, value in fields.items():
        lines.append(f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def article(
    title: str | None = "An article", body: str = "Some body text here.\n", **fields: object
) -> str:
    return front_matter(title, **fields) + "\n" + body


def write(root: Path, rel: str, content: str | bytes) -> Path:
    """Write an article file (creating folders) and give it a fresh mtime."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    stamp = next(_MTIMES) * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))
    return path


OLD = 1_600_000_000_000_000_000  # 2020: far from "now", so no folder stamp is too fresh to trust


def backdate(root: Path) -> None:
    """Every file and folder under root to 2020 (folders last: setting a file's time does
    not change its folder's, but making the files did)."""
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, ns=(OLD, OLD), follow_symlinks=False)
    os.utime(root, ns=(OLD, OLD))


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


@pytest.fixture
def md() -> Callable[..., str]:
    """`md(title, body, **front_matter)` -> the text of an article file."""
    return article


@pytest.fixture
def put() -> Callable[[Path, str, str | bytes], Path]:
    """`put(root, "rel/path.md", text_or_bytes)` writes a file with a fresh mtime."""
    return write


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    return root


@pytest.fixture
def open_session() -> Iterator[Callable[..., Session]]:
    """`open_session(*dirs, bundled=False)`: a Session on those folders; closed afterwards."""
    opened: list[Session] = []

    def _open(*dirs: Path, bundled: bool = False, data_dir: Path | None = None) -> Session:
        s = Session.open(
            articles=[str(d) for d in dirs],
            no_bundled=not bundled,
            data_dir=str(data_dir) if data_dir else None,
        )
        opened.append(s)
        return s

    yield _open
    for s in opened:
        with contextlib.suppress(Exception):
            s.close()


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("COLUMNS", None)
    env.update(extra)
    return env


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m reader ARGS` in a subprocess (cwd outside the repository)."""
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)

    def _run(
        *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reader", *map(str, args)],
            cwd=workdir,
            env=cli_env(**(env or {})),
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    return _run


@pytest.fixture
def run_main(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Like `cli`, but calls `reader.cli.main(argv)` in this process (much faster)."""
    from reader.cli import main

    def _run(
        *args: str | Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        argv = [str(a) for a in args]
        capsys.readouterr()
        with monkeypatch.context() as m:
            for key, value in (env or {}).items():
                m.setenv(key, value)
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse's own --help / --version
                code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(argv, code, out, err)

    return _run


@pytest.fixture
def subprocess_env() -> dict[str, str]:
    """The environment for a `python ...` subprocess that imports `reader` from this checkout."""
    return cli_env()
