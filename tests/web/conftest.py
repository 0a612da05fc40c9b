"""Fixtures for the web tests: the CLI in this process, and the user's library folder."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def run_main(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`reader.cli.main(argv)` in this process; its exit code and output."""
    from reader.cli import main

    def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        argv = [str(a) for a in args]
        capsys.readouterr()
        try:
            code = main(argv)
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(argv, code, out, err)

    return _run


@pytest.fixture
def own_library(isolated_env) -> Path:  # noqa: ANN001 - the root conftest's record
    """The user's library folder in the isolated data folder (not created)."""
    return Path(isolated_env.data_dir) / "articles"
