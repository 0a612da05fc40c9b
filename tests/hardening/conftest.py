"""Hardening tests never touch the real home: every directory points into tmp.

The top-level conftest isolates too; this one is kept so that the folder stands on its own, and
it checks that no test run created the hostile YAML's marker file.
"""

from __future__ import annotations

import asyncio
import inspect
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import PWNED, cli_env, hostile_library


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (the Pilot tests) in a fresh event loop; no asyncio plugin needed."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True


@pytest.fixture(autouse=True)
def hardening_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    base = tmp_path_factory.mktemp("henv")
    env = cli_env(base)
    for key in (
        "HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "POLICYREADER_DATA_DIR",
        "POLICYREADER_CACHE_DIR",
    ):
        monkeypatch.setenv(key, env[key])
    monkeypatch.delenv("POLICYREADER_ARTICLES", raising=False)
    monkeypatch.delenv("POLICYREADER_DEBUG", raising=False)
    yield base
    assert not PWNED.exists(), "hostile YAML ran code: the marker file exists"


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The committed hostile corpus plus the generated cases (big files, symlink loops), in tmp."""
    if PWNED.exists():
        PWNED.unlink()
    base = tmp_path_factory.mktemp("hostile")
    lib = hostile_library(base / "lib")
    yield lib
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data/cache/home set shared by a module's CLI runs (so the index is built once)."""
    return tmp_path_factory.mktemp("cli")
