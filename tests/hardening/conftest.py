"""The hostile corpus, shared by a module's tests, and a check that no test ran its code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.corpus import PWNED, hostile_library


@pytest.fixture(autouse=True)
def no_code_ran() -> Iterator[None]:
    yield
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
