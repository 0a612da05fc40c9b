"""The lean path of `policyreader search` (reader.quick): the same answer as the full command,
on a fraction of the imports, and nothing answered that it cannot answer exactly.

It reads the command line by hand, so its reading is checked against argparse's; it finds the
cache folder without platformdirs, so that is checked against platformdirs.
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pytest

from reader import cli, paths, quick
from reader.searcher import index_file

OLD = 1_600_000_000_000_000_000  # 2020: far from "now", so the folder stamp is trusted


def backdate(root: Path) -> None:
    for path in sorted(root.rglob("*"), key=lambda p: -len(p.parts)):
        os.utime(path, ns=(OLD, OLD), follow_symlinks=False)
    os.utime(root, ns=(OLD, OLD))


def full(argv: list[str]) -> tuple[int, str, str]:
    """The full command (argparse, the catalog), in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def two_libs(tmp_path: Path, put: Callable[..., Path], md: Callable[..., str]) -> tuple[Path, Path]:
    """Two libraries, old and indexed (so stamped). `dup` is in both: the first one's wins."""
    one, two = tmp_path / "one", tmp_path / "two"
    put(one, "prisons.md", md("Prison reform", body="Prisons and probation reform.\n", id="p1"))
    put(one, "deep/er/housing.md", md("Housing", body="Social housing and *rent* reform.\n"))
    put(one, "dup.md", md("Dup first", body="Reform of the duplicate kind.\n", id="dup"))
    put(two, "dup.md", md("Dup second", body="Reform duplicated again.\n", id="dup"))
    put(two, "council.md", md("Councils", body="Council budgets and public services.\n"))
    for n in range(30):
        put(two, f"many/{n}.md", md(f"Reform {n}", body=f"Reform number {n} of many.\n"))
    backdate(one)
    backdate(two)
    assert full(["--no-bundled", "--articles", str(one), "--articles", str(two), "list"])[0] == 0
    return one, two


QUERIES = [
    "reform",
    "prisons",
    '"public services"',
    "hous*",
    "reform -prisons",
    "prison OR council",
    "title:dup",
    "the",
    "nothing-matches-this",
]


@pytest.mark.parametrize("query", QUERIES)
def test_lean_answer_is_the_full_answer(two_libs: tuple[Path, Path], query: str) -> None:
    one, two = two_libs
    for tail in ([], ["--limit", "3"], ["--limit=1"]):
        argv = ["--no-bundled", "--articles", str(one), f"--articles={two}", "search", query]
        argv += tail
        lean = quick.search(argv)
        assert lean is not None, "the lean path left a plain search to the full command"
        code, out, err = full(argv)
        assert (code, out, err) == (0, *lean)
    assert quick.search(["--no-bundled", "--articles", str(one), "search", "dup"]) is not None


def test_the_first_library_keeps_a_duplicate_id(two_libs: tuple[Path, Path]) -> None:
    one, two = two_libs
    answer = quick.search(
        ["--no-bundled", "--articles", str(one), "--articles", str(two), "search", "dup"]
    )
    assert answer is not None
    assert "Dup first" in answer[0] and "Dup second" not in answer[0]


def test_bundled_library_is_searched_too(tmp_path: Path) -> None:
    assert full(["list"])[0] == 0  # indexes the bundled articles
    for path in paths.library_folders(None, False):
        assert Path(path).is_dir()
    # the bundled files' mtimes are the checkout's: the stamp may be too fresh to trust, so
    # either answer is allowed here, but a lean answer must be the full one
    lean = quick.search(["search", "social value"])
    code, out, err = full(["search", "social value"])
    assert code == 0 and "social-value-act" in out
    if lean is not None:
        assert lean == (out, err)


def test_a_changed_folder_is_left_to_the_full_command(
    two_libs: tuple[Path, Path], put: Callable[..., Path], md: Callable[..., str]
) -> None:
    one, _ = two_libs
    argv = ["--no-bundled", "--articles", str(one), "search", "zebra"]
    assert quick.search(argv) is not None
    put(one, "deep/er/zebra.md", md("Zebra crossings", body="Zebra.\n"))
    assert quick.search(argv) is None, "a new article must not be missed"
    code, out, _ = full(argv)  # scans, finds it, stamps again
    assert code == 0 and "Zebra crossings" in out
    backdate(one)
    full(argv)
    lean = quick.search(argv)
    assert lean is not None and "Zebra crossings" in lean[0]


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x", "--json"],
        ["search", "x", "--rescan"],
        ["search", "-x"],
        ["search", "--", "x"],
        ["search", "x", "y"],
        ["search"],
        ["search", "x", "--limit", "0"],
        ["search", "x", "--limit", "many"],
        ["search", "x", "--limit"],
        ["search", "x", "--lim", "3"],
        ["search", "x", "--no-bundled"],
        ["--art", "DIR", "search", "x"],
        ["--articles", "search", "x"],
        ["--articles"],
        ["-h"],
        ["search", "-h"],
        ["--version"],
        ["list"],
        ["show", "search"],
        [],
    ],
)
def test_other_forms_are_left_to_argparse(argv: list[str]) -> None:
    assert quick.parse(argv) is None


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "housing"],
        ["--no-bundled", "search", "a b"],
        ["--articles", "A", "--articles=B", "--data-dir", "D", "search", "q", "--limit", "7"],
        ["--data-dir=D", "--no-bundled", "--articles", "", "search", "--limit=2", "q"],
        ["--articles", "search", "search", "search"],
        ["search", "title:x OR y*", "--limit", "+3"],
    ],
)
def test_plain_forms_are_read_as_argparse_reads_them(argv: list[str]) -> None:
    mine = quick.parse(argv)
    theirs = cli.build_parser(argv).parse_args(argv)
    assert mine is not None
    assert (mine.articles, mine.no_bundled, mine.query, mine.limit) == (
        theirs.articles,
        theirs.no_bundled,
        theirs.query,
        theirs.limit,
    )
    assert not theirs.json and not theirs.rescan


def test_no_index_yet_is_left_to_the_full_command(lib: Path, put, md) -> None:  # type: ignore[no-untyped-def]
    put(lib, "a.md", md("A", body="Alpha.\n"))
    argv = ["--no-bundled", "--articles", str(lib), "search", "alpha"]
    assert quick.search(argv) is None
    assert not list(Path(os.environ["POLICYREADER_CACHE_DIR"]).rglob("*.sqlite3")), (
        "the lean path must not create an index"
    )


def test_skipped_files_are_left_to_the_full_command(lib: Path, put, md) -> None:  # type: ignore[no-untyped-def]
    put(lib, "a.md", md("A", body="Alpha.\n"))
    put(lib, "broken.md", b"---\ntitle: [unclosed\n---\nAlpha.\n")
    backdate(lib)
    argv = ["--no-bundled", "--articles", str(lib), "search", "alpha"]
    code, out, err = full(argv)
    assert code == 0 and "warning: skipped" in err
    assert quick.search(argv) is None, "the full command warns about the skipped file"


def test_an_index_of_another_version_is_left_to_the_full_command(lib: Path, put, md) -> None:  # type: ignore[no-untyped-def]
    put(lib, "a.md", md("A", body="Alpha.\n"))
    backdate(lib)
    argv = ["--no-bundled", "--articles", str(lib), "search", "alpha"]
    full(argv)
    assert quick.search(argv) is not None
    index = index_file(os.path.join(os.environ["POLICYREADER_CACHE_DIR"], "index"), str(lib))
    with contextlib.closing(sqlite3.connect(index)) as db:
        db.execute("PRAGMA user_version = 6")
    assert quick.search(argv) is None
    Path(index).write_bytes(b"not a database at all" * 100)
    assert quick.search(argv) is None
    code, out, _ = full(argv)  # rebuilds it
    assert code == 0 and "A" in out


@pytest.mark.parametrize(
    "env",
    [
        {"XDG_CACHE_HOME": "/somewhere/cache", "HOME": "/home/u"},
        {"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/u"},
        {"XDG_CACHE_HOME": "", "HOME": "/home/u/"},
        {"HOME": "/home/u"},
        {"HOME": "/"},
    ],
)
def test_cache_folder_is_the_one_platformdirs_gives(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    expected = str(platformdirs.user_cache_path("policyreader", appauthor=False))
    assert paths.xdg_cache_folder() == expected
    monkeypatch.delenv("POLICYREADER_CACHE_DIR")
    assert paths.cache_folder() == expected
    assert str(paths.Paths.resolve().cache_dir) == expected


def test_library_folders_resolve_like_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    monkeypatch.chdir(tmp_path)
    folders = paths.library_folders(["real", "link", str(real) + "/", "./real/../real"], True)
    assert folders == [str(real.resolve())]


def test_the_program_takes_the_lean_path(two_libs: tuple[Path, Path]) -> None:
    """The real program: the second search loads none of the full command's modules."""
    one, _ = two_libs
    cmd = [sys.executable, "-X", "importtime", "-m", "reader", "--no-bundled", "--articles"]
    proc = subprocess.run(
        [*cmd, str(one), "search", "reform"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert {"reader.quick", "sqlite3"} <= imported  # (the list is the real one)
    heavy = {
        "argparse",
        "pathlib",
        "typing",
        "platformdirs",
        "reader.cli",
        "reader.catalog",
        "reader.index",
        "reader.library",
        "yaml",
        "markdown_it",
        "json",
    }
    assert imported & heavy == set()
    assert "Prison reform" in proc.stdout
