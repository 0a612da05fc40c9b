"""Hostile and broken article files, through the CLI in subprocesses.

Each case sits in one library beside good articles: the good ones still load, are searchable and
readable; `check` names every bad file once with its problem and exits 1; nothing crashes, hangs
or runs code; what reaches the terminal carries no control characters; markup stays literal.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support.cli import run_cli, run_in_pty
from support.corpus import (
    BAD_FILES,
    CONTROL,
    GENERATED_BAD,
    GENERATED_LOADABLE,
    LOADABLE,
    PWNED,
    SECOND,
)
from support.env import subprocess_env

EVIL_NAME_ID = "name\x1b]0;pwned\x07\x1b[31m"


def _lines(out: bytes) -> list[str]:
    return out.decode("utf-8").splitlines()


def _no_control(out: bytes, what: str = "") -> None:
    found = CONTROL.search(out)
    assert found is None, (
        f"control character {found.group()!r} in {what or 'output'}: "
        f"{out[max(0, found.start() - 40) : found.end() + 40]!r}"
    )


def test_check_names_every_bad_file_once_and_exits_1(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(cli_home, "--no-bundled", "check", hostile_dir)
    assert res.returncode == 1, res.stderr
    _no_control(res.stdout, "check stdout")
    _no_control(res.stderr, "check stderr")
    lines = _lines(res.stdout)
    expected = {**BAD_FILES, **GENERATED_BAD}
    for name, words in expected.items():
        mine = [ln for ln in lines if f"/{name}:" in ln]
        assert len(mine) == 1, f"{name}: expected one line, got {mine}"
        assert words in mine[0].lower(), f"{name}: {mine[0]!r} does not say {words!r}"
    good = LOADABLE - {n.removesuffix(".md") for n in BAD_FILES} | GENERATED_LOADABLE
    for ident in good:
        assert not [ln for ln in lines if f"/{ident}.md:" in ln], f"{ident} reported"
    assert not [ln for ln in lines if "evilnamemarker" in ln or "name]0;pwned" in ln]
    # Nothing else but the bad files (and the folder link that points at a folder) is reported.
    others = [ln for ln in lines if not any(f"/{n}:" in ln for n in expected)]
    assert all("/sub/here.md:" in ln for ln in others), others
    assert not PWNED.exists()


def test_list_loads_every_good_article_and_warns_per_bad_file(
    hostile_dir: Path, cli_home: Path
) -> None:
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "list", "--json")
    assert res.returncode == 0, res.stderr
    ids = {a["id"] for a in json.loads(res.stdout)}
    loadable = (LOADABLE - {"deeply-nested-block", "duplicate-id-a"}) | GENERATED_LOADABLE
    assert loadable <= ids
    assert "shared-id" in ids  # duplicate-id-a.md keeps the id; duplicate-id-b.md is skipped
    titles = {a["id"]: a["title"] for a in json.loads(res.stdout)}
    assert titles["shared-id"] == "First with the shared id"
    bad_ids = {n.removesuffix(".md") for n in {**BAD_FILES, **GENERATED_BAD}} - {"invalid-date"}
    assert not bad_ids & ids
    _no_control(res.stderr, "list stderr")
    warnings = _lines(res.stderr)
    for name in {**BAD_FILES, **GENERATED_BAD}:
        if name == "invalid-date.md":
            continue  # loads, undated
        assert len([w for w in warnings if f"/{name}:" in w]) == 1, name
    # The plain listing, too, is free of control characters even with an evil file name.
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "list")
    assert res.returncode == 0
    _no_control(res.stdout, "list stdout")
    assert not PWNED.exists()


def test_invalid_date_loads_undated(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(
        cli_home, "--no-bundled", "--articles", hostile_dir, "show", "invalid-date", "--json"
    )
    assert res.returncode == 0, res.stderr
    art = json.loads(res.stdout)
    assert art["date"] is None
    assert "xylophonic" in art["text"]


@pytest.mark.parametrize(
    ("query", "ident"),
    [
        ("zanzibarite", "good-one"),
        ("Quokkaville", "good-two"),
        ("xylophonic", "invalid-date"),
        ("cmexamplemarker", "commonmark-examples"),
        ("longlinemarker", "long-line-1mb"),
        ("longlineend", "long-line-1mb"),
        ("tablewordmarker", "huge-table"),
        ("nestedlistword", "nested-list-200"),
        ("nestedquoteword", "nested-quotes-500"),
        ("longwordmarker", "long-words"),
        ("evilnamemarker", EVIL_NAME_ID.replace("\x1b", "").replace("\x07", "")),
    ],
)
def test_search_finds_good_articles(
    hostile_dir: Path, cli_home: Path, query: str, ident: str
) -> None:
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "search", query)
    assert res.returncode == 0, res.stderr
    _no_control(res.stdout, f"search {query}")
    first = _lines(res.stdout)[0]
    assert first.startswith(ident + "  "), first


SHOWN = sorted(
    (LOADABLE - {"deeply-nested-block", "duplicate-id-a"} | {"shared-id"}) | GENERATED_LOADABLE
)


def test_show_every_loadable_article(hostile_dir: Path, cli_home: Path) -> None:
    def show(ident: str) -> tuple[str, subprocess.CompletedProcess[bytes]]:
        return ident, run_cli(
            cli_home, "--no-bundled", "--articles", hostile_dir, "show", ident, timeout=30
        )

    run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "list")  # the index, once
    with ThreadPoolExecutor(max_workers=4) as pool:
        for ident, res in pool.map(show, SHOWN):
            assert res.returncode == 0, (ident, res.stderr)
            assert len(_lines(res.stdout)) > 2, ident
            _no_control(res.stdout, f"show {ident}")
            _no_control(res.stderr, f"show {ident} stderr")


def test_show_evil_file_name(hostile_dir: Path, cli_home: Path) -> None:
    listing = json.loads(
        run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "list", "--json").stdout
    )
    (ident,) = [a["id"] for a in listing if a["title"] == "Evil file name"]
    assert not re.search(r"[\x00-\x1f\x7f-\x9f]", ident), repr(ident)
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "show", ident)
    assert res.returncode == 0, res.stderr
    assert b"evilnamemarker" in res.stdout


def test_markup_is_shown_literally(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "show", "markup-in-text")
    assert res.returncode == 0, res.stderr
    out = res.stdout.decode()
    for literal in (
        "[bold red]x[/]",
        "[link=https://evil.example]y[/link]",
        "[@click=app.quit]z[/]",
        "[bold red]Markup title[/]",
        "[link=https://evil.example]Mallory[/link]",
        "[blink]tag[/]",
    ):
        assert literal in out, literal


def test_control_sequences_are_removed(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "show", "control-sequences")
    assert res.returncode == 0, res.stderr
    _no_control(res.stdout)
    out = res.stdout.decode()
    # The words survive; `\r` did not hide "harmless words" behind "EVIL overwrite".
    assert "harmless words" in out and "EVIL overwrite" in out
    assert "Eve" in out and "Overwritten" in out
    res = run_cli(
        cli_home, "--no-bundled", "--articles", hostile_dir, "show", "control-sequences", "--json"
    )
    data = json.loads(res.stdout)
    for value in (data["title"], data["author"], data["text"]):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", value), repr(value)


def _run_in_pty(env: dict[str, str], cwd: Path, *args: str | Path) -> bytes:
    """Run the CLI with stdout on a pseudo-terminal (a real terminal as far as it can tell)."""
    code, out = run_in_pty(*args, cwd=cwd, env=env, timeout=60)
    assert code is not None, "still running"
    return out


@pytest.mark.parametrize(
    "args",
    [
        ("show", "control-sequences"),
        ("show", "markup-in-text"),
        ("list",),
        ("search", "pwned OR evil OR red OR evilnamemarker"),
        ("check",),
    ],
)
def test_terminal_output_has_no_control_characters(
    hostile_dir: Path, cli_home: Path, args: tuple[str, ...]
) -> None:
    out = _run_in_pty(
        subprocess_env(cli_home, COLUMNS="100"),
        cli_home,
        "--no-bundled",
        "--articles",
        hostile_dir,
        *args,
    )
    assert out.strip(), args
    out = out.replace(b"\r\n", b"\n")  # the terminal's own line ends
    out = out.replace(b"\x1b[1;4m", b"").replace(b"\x1b[0m", b"")  # our own match highlight
    _no_control(out, " ".join(args))


def test_duplicate_ids_across_libraries(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(
        cli_home, "--no-bundled", "--articles", hostile_dir, "--articles", SECOND, "list", "--json"
    )
    assert res.returncode == 0
    arts = {a["id"]: a for a in json.loads(res.stdout)}
    assert arts["good-one"]["title"] == "Good article one on housing"
    assert "good-three" in arts
    dup = [ln for ln in _lines(res.stderr) if "second-library/good-one.md" in ln]
    assert len(dup) == 1 and "duplicate id 'good-one'" in dup[0]
    # Given the other way round, the second library's file wins.
    res = run_cli(
        cli_home,
        "--no-bundled",
        "--articles",
        SECOND,
        "--articles",
        hostile_dir,
        "show",
        "good-one",
    )
    assert b"Impostor" in res.stdout
    res = run_cli(cli_home, "--no-bundled", "check", hostile_dir, SECOND)
    assert res.returncode == 1
    assert (
        len(
            [
                ln
                for ln in _lines(res.stdout)
                if "second-library/good-one.md:" in ln and "duplicate id" in ln
            ]
        )
        == 1
    )


def test_good_articles_readable_next_to_everything(hostile_dir: Path, cli_home: Path) -> None:
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "show", "good-one")
    assert res.returncode == 0
    assert b"zanzibarite housing report" in res.stdout
    res = run_cli(
        cli_home,
        "--no-bundled",
        "--articles",
        hostile_dir,
        "quote",
        "good-two",
        "Bus use rose by a third",
        "--note",
        "[bold]n[/] \x1b[31m",
    )
    assert res.returncode == 0, res.stderr
    res = run_cli(cli_home, "--no-bundled", "--articles", hostile_dir, "quotes", "good-two")
    assert b"Bus use rose by a third" in res.stdout
    assert b"[bold]n[/]" in res.stdout
    _no_control(res.stdout)


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root "
    "from reading (the in-process test simulates it instead)",
)
def test_unreadable_file_real_chmod(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "ok.md").write_text("---\ntitle: Fine\n---\n\nReadable text.\n")
    bad = lib / "locked.md"
    bad.write_text("---\ntitle: Locked\n---\n\nSecret text.\n")
    bad.chmod(0)
    try:
        res = run_cli(tmp_path, "--no-bundled", "check", lib)
        assert res.returncode == 1
        assert "locked.md: cannot read: permission denied" in res.stdout.decode()
        res = run_cli(tmp_path, "--no-bundled", "--articles", lib, "list", "--json")
        assert [a["id"] for a in json.loads(res.stdout)] == ["ok"]
    finally:
        bad.chmod(0o644)


def test_unreadable_file_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import cli, library
    from reader.session import Session

    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "ok.md").write_text("---\ntitle: Fine\n---\n\nReadable text.\n")
    (lib / "locked.md").write_text("---\ntitle: Locked\n---\n\nSecret text.\n")
    real = library.read_bytes

    def read_bytes(path: str) -> bytes:
        if path.endswith("locked.md"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(library, "read_bytes", read_bytes)
    assert cli.main(["--no-bundled", "check", str(lib)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{lib / 'locked.md'}: cannot read: permission denied"]
    s = Session.open(articles=[str(lib)], no_bundled=True)
    try:
        assert [a.id for a in s.catalog.articles] == ["ok"]
        assert any("permission denied" in p.message for p in s.catalog.problems)
    finally:
        s.close()
