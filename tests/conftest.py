"""Fixtures shared by every test folder.

The autouse `isolated_env` fixture points every directory policyreader (or platformdirs) could
use at fresh temporary folders, so no test ever reads or writes the real home directory, and
subprocesses started by a test inherit the same isolation through the environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class IsolatedEnv:
    home: Path
    data_dir: Path
    cache_dir: Path


@pytest.fixture(autouse=True)
def isolated_env(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> IsolatedEnv:
    """HOME, XDG_* and POLICYREADER_* point at temporary folders; POLICYREADER_ARTICLES unset."""
    base = tmp_path_factory.mktemp("env")
    home = base / "home"
    env = IsolatedEnv(home=home, data_dir=base / "data", cache_dir=base / "cache")
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_RUNTIME_DIR", "run"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("POLICYREADER_DATA_DIR", str(env.data_dir))
    monkeypatch.setenv("POLICYREADER_CACHE_DIR", str(env.cache_dir))
    monkeypatch.delenv("POLICYREADER_ARTICLES", raising=False)
    monkeypatch.delenv("POLICYREADER_DEBUG", raising=False)
    return env
