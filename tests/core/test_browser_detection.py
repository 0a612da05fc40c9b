"""Whether a web browser is there to open links: Python's webbrowser module decides, from
BROWSER, the display and the programs on PATH."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support.env import subprocess_env

CHECK = "from reader.links import browser_available; print(browser_available())"


def _answer(**env: str) -> str:
    base = subprocess_env(PATH="", **env)
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        if name not in env:
            base.pop(name, None)
    proc = subprocess.run(
        [sys.executable, "-c", CHECK], env=base, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_no_display_and_no_browser_program_is_no_browser() -> None:
    assert _answer() == "False"


def test_a_browser_named_in_BROWSER_is_one() -> None:
    assert _answer(BROWSER="/bin/true") == "True"


@pytest.mark.parametrize("found", [True, False])
def test_it_asks_webbrowser(monkeypatch: pytest.MonkeyPatch, found: bool) -> None:
    import webbrowser

    from reader.links import browser_available

    def get(using: str | None = None) -> object:
        if not found:
            raise webbrowser.Error("could not locate runnable browser")
        return object()

    monkeypatch.setattr(webbrowser, "get", get)
    assert browser_available() is found
