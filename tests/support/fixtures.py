"""The shared fixtures, as a pytest plugin (`pytest_plugins` in `tests/conftest.py`).

Every test runs in an isolated environment (`isolated_env`, autouse); `async def` tests run in
a fresh event loop; sessions opened through `open_session` are closed after the test.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.session import Session

from . import articles
from .cli import run_reader
from .env import IsolatedEnv, isolate, subprocess_env


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (the Pilot tests) in a fresh event loop; no asyncio plugin needed."""
    test = pyfuncitem.obj
    if not inspect.iscoroutinefunction(test):
        return None
    funcargs = pyfuncitem.funcargs
    names = [name for name in inspect.signature(test).parameters if name in funcargs]
    asyncio.run(test(**{name: funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session", autouse=True)
def session_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IsolatedEnv]:
    """The same isolation for the whole run, under the per-test one: fixtures of module or
    session scope are set up before any function-scoped fixture, so without this they would see
    the real HOME (and a session opened there would write its index to the user's cache)."""
    with pytest.MonkeyPatch.context() as mp:
        yield isolate(mp, tmp_path_factory.mktemp("session-env"))


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> IsolatedEnv:
    """HOME, XDG_* and POLICYREADER_* point at temporary folders; POLICYREADER_ARTICLES unset.
    Subprocesses started by a test inherit the same isolation through the environment."""
    return isolate(monkeypatch, tmp_path_factory.mktemp("env"))


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    """An empty article folder."""
    root = tmp_path / "lib"
    root.mkdir()
    return root


@pytest.fixture
def md() -> Callable[..., str]:
    """`md(title, body, **front_matter)` -> the text of an article file."""
    return articles.article


@pytest.fixture
def put() -> Callable[[Path, str, str | bytes], Path]:
    """`put(root, "rel/path.md", text_or_bytes)` writes a file with a fresh mtime."""
    return articles.write


@pytest.fixture
def open_session() -> Iterator[Callable[..., Session]]:
    """`open_session(*dirs, bundled=False, data_dir=None, refresh=True)`: a Session on those
    folders (and the bundled articles if `bundled`); `refresh=False` opens on the index only,
    as the reader does. Every session is closed after the test."""
    opened: list[Session] = []

    def _open(
        *dirs: Path, bundled: bool = False, data_dir: Path | None = None, refresh: bool = True
    ) -> Session:
        session = Session.open(
            articles=[str(d) for d in dirs],
            no_bundled=not bundled,
            data_dir=str(data_dir) if data_dir else None,
            refresh=refresh,
        )
        opened.append(session)
        return session

    yield _open
    for session in opened:
        with contextlib.suppress(Exception):
            session.close()


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m reader ARGS` in a subprocess (cwd outside the repository)."""
    workdir = tmp_path / "cwd"
    workdir.mkdir(exist_ok=True)

    def _run(
        *args: str | Path, env: dict[str, str] | None = None, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        return run_reader(*args, cwd=workdir, env=subprocess_env(**(env or {})), input=input)

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


@pytest.fixture(name="subprocess_env")
def subprocess_env_fixture() -> dict[str, str]:
    """The environment for a `python ...` subprocess that imports `reader` from this checkout."""
    return subprocess_env()
