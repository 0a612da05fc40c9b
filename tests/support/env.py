"""The environment tests run in: every folder policyreader (or platformdirs) could use points
at a temporary one, in this process and in the subprocesses it starts."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"

# Variables that would lead policyreader to a user's own articles or debug output.
_UNSET = ("POLICYREADER_ARTICLES", "POLICYREADER_DEBUG")


@dataclass(frozen=True)
class IsolatedEnv:
    """The folders of one isolated environment, all under `base`."""

    base: Path
    home: Path
    data_dir: Path
    cache_dir: Path

    @classmethod
    def under(cls, base: Path) -> IsolatedEnv:
        return cls(base=base, home=base / "home", data_dir=base / "data", cache_dir=base / "cache")

    def variables(self) -> dict[str, str]:
        """HOME, XDG_* and POLICYREADER_*_DIR for this environment."""
        home = self.home
        return {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_STATE_HOME": str(home / ".local/state"),
            "XDG_RUNTIME_DIR": str(home / "run"),
            "POLICYREADER_DATA_DIR": str(self.data_dir),
            "POLICYREADER_CACHE_DIR": str(self.cache_dir),
        }


def isolate(monkeypatch: pytest.MonkeyPatch, base: Path) -> IsolatedEnv:
    """Point this process's environment at folders under `base` (undone after the test)."""
    env = IsolatedEnv.under(base)
    env.home.mkdir(parents=True, exist_ok=True)
    for key, value in env.variables().items():
        monkeypatch.setenv(key, value)
    for key in _UNSET:
        monkeypatch.delenv(key, raising=False)
    return env


def subprocess_env(base: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment for a `python ...` subprocess that imports `reader` from this checkout.

    Without `base` it inherits this process's (already isolated) environment; with `base` its
    folders are fresh ones under `base`, whatever this process has. COLUMNS is left out unless
    given, so output widths do not depend on the terminal the tests run in.
    """
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if base is not None:
        for key in [k for k in env if k.startswith("POLICYREADER_")]:
            del env[key]
        isolated = IsolatedEnv.under(base)
        isolated.home.mkdir(parents=True, exist_ok=True)
        env.update(isolated.variables())
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env
