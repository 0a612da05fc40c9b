"""Tests never touch the real home: not even fixtures that live longer than one test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def module_environment() -> dict[str, str]:
    # Set up before any function-scoped fixture (the per-test isolation included).
    return {k: os.environ.get(k, "") for k in ("HOME", "POLICYREADER_CACHE_DIR", "XDG_CACHE_HOME")}


def test_module_scoped_fixtures_see_temporary_folders(
    module_environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.getbasetemp().resolve()
    for key, value in module_environment.items():
        assert value, key
        assert Path(value).resolve().is_relative_to(base), (key, value)
