"""`policyreader open ID` and `policyreader` with no command: the reader starts only with a
terminal to draw on and an article that exists, and finds that article on a first start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader import cli as cli_module
from reader.session import Session

from support.cli import run_in_pty
from support.env import subprocess_env

NO_TERMINAL = "policyreader: error: the reader needs a terminal"
ALTERNATE_SCREEN = b"\x1b[?1049h"  # what Textual sends first when it starts


@pytest.mark.parametrize("args", [["open", "social-value-act"], []], ids=["open", "no-command"])
def test_without_a_terminal_it_exits_2_at_once(cli, args: list[str]) -> None:
    r = cli(*args)  # stdin and stdout are pipes; this used to spin until killed
    assert r.returncode == 2, r
    assert r.stderr.startswith(NO_TERMINAL) and len(r.stderr.splitlines()) == 1
    assert r.stdout == ""


@pytest.mark.parametrize(
    ("stdin", "stdout"), [(True, False), (False, True)], ids=["stdout-piped", "stdin-piped"]
)
def test_half_a_terminal_is_not_enough(tmp_path: Path, stdin: bool, stdout: bool) -> None:
    code, out = run_in_pty(
        "open",
        "social-value-act",
        cwd=tmp_path,
        env=subprocess_env(),
        stdin=stdin,
        stdout=stdout,
    )
    assert code == 2
    assert NO_TERMINAL.encode() in out and ALTERNATE_SCREEN not in out


def test_an_unknown_id_exits_1_without_starting_the_reader(tmp_path: Path) -> None:
    code, out = run_in_pty("open", "nosuch", cwd=tmp_path, env=subprocess_env(), stdin=True)
    assert code == 1
    assert out.strip() == b"policyreader: error: no article with id 'nosuch'"
    assert ALTERNATE_SCREEN not in out


def test_an_unknown_id_without_a_terminal_is_still_exit_1(cli) -> None:
    r = cli("open", "nosuch")
    assert (r.returncode, r.stderr) == (1, "policyreader: error: no article with id 'nosuch'\n")


def test_first_start_finds_the_article(
    run_main,
    lib: Path,
    put: Callable[..., Path],
    md: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library never indexed (a first start): the reader opens on the article asked for."""
    put(lib, "new-here.md", md("New here", "Words.\n"))
    opened: list[str] = []

    def reader(*, articles, no_bundled, data_dir, open_id):  # type: ignore[no-untyped-def]
        # What the reader does at start: the index only, then the article asked for.
        session = Session.open(
            articles=articles, no_bundled=no_bundled, data_dir=data_dir, refresh=False
        )
        try:
            opened.append(session.open_article(open_id)[0].id)
        finally:
            session.close()
        return 0

    monkeypatch.setattr(cli_module, "has_terminal", lambda: True)
    monkeypatch.setattr("reader.tui.launch.run", reader)
    r = run_main("--no-bundled", "--articles", lib, "open", "new-here")
    assert (r.returncode, r.stderr) == (0, "")
    assert opened == ["new-here"]
