"""The installed `policyreader` in a real terminal (tmux): search, open, highlight, bookmark,
quit; then the CLI confirms that everything was saved."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from support.env import subprocess_env

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

EXE = Path(sys.executable).with_name("policyreader")


class Terminal:
    """A tmux session on its own server socket, so no user session is touched."""

    def __init__(self, env: dict[str, str], width: int = 120, height: int = 40) -> None:
        self.socket = f"policyreader-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.name = "t"
        exports = " ".join(
            f"{k}={v}" for k, v in env.items() if k.startswith(("POLICYREADER", "XDG", "HOME"))
        )
        # A detached session has no client to take its size from: fix it, or tmux may fall
        # back to 80x24 and the reader would lay itself out for a small terminal.
        self._tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            f"env {exports} TERM=xterm-256color {EXE}; sleep 30",
        )
        self._tmux("set-option", "-g", "window-size", "manual")
        self._tmux("resize-window", "-t", self.name, "-x", str(width), "-y", str(height))

    def _tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            check=False,
        ).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", self.name, *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text not in self.screen():
                return
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not go away:\n{self.screen()}")

    def close(self) -> None:
        self._tmux("kill-server")


@pytest.fixture
def term_env(tmp_path: Path) -> dict[str, str]:
    return subprocess_env(tmp_path)


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


def test_search_open_highlight_bookmark_quit(term_env: dict[str, str]) -> None:
    assert EXE.exists(), "the policyreader command is not installed in this environment"
    term = Terminal(term_env)
    try:
        term.wait_for("Co-production in the criminal")
        term.keys("/")
        time.sleep(0.5)
        term.keys("vulnerable women Glasgow", literal=True)
        term.wait_for("Co-production in the criminal")
        time.sleep(1.0)
        term.keys("Enter")
        term.wait_for("Supporting vulnerable women")
        time.sleep(0.5)
        term.keys("v")
        time.sleep(0.5)
        term.keys("j")
        time.sleep(0.3)
        term.keys("Enter")
        time.sleep(0.8)
        term.keys("b")
        time.sleep(0.8)
        term.keys("q")
        term.wait_gone("Supporting vulnerable women")
    finally:
        term.close()

    listed = json.loads(cli(term_env, "list", "--json").stdout)
    article = next(a for a in listed if a["id"] == "co-production-criminal-justice")
    assert article["bookmarked"] is True
    assert article["read"] in ("started", "read")

    quotes = json.loads(cli(term_env, "quotes", "co-production-criminal-justice", "--json").stdout)
    highlights = [q for q in quotes if q["kind"] == "highlight"]
    assert len(highlights) == 1, quotes
    assert highlights[0]["bookmarked"] is True
    assert len(highlights[0]["text"].split()) > 5

    exported = cli(term_env, "export", "--format", "md").stdout
    assert highlights[0]["text"].splitlines()[0] in exported
    assert "Jackson, R. (2015, November)" in exported  # the default citation style, APA
