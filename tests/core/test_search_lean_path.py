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

from support.articles import backdate
from support.cli import imported_modules


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
        assert (code, out, err) == (0 if lean[0] else 1, *lean)
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
    cmd = [sys.executable, "-m", "reader", "--no-bundled", "--articles", str(one), "search"]
    imported, out = imported_modules([*cmd, "reform"])
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
    assert "Prison reform" in out


@pytest.fixture
def one_lib(lib: Path, put: Callable[..., Path], md: Callable[..., str]) -> list[str]:
    """A small old library, indexed and stamped; the `--no-bundled --articles DIR` arguments."""
    put(lib, "a.md", md("Café society", body="Reform of the cafés.\n", id="cafe"))
    put(lib, "b.md", md("Prisons", body="Reform of prisons.\n", id="prisons"))
    backdate(lib)
    argv = ["--no-bundled", "--articles", str(lib)]
    assert full([*argv, "list"])[0] == 0
    return argv


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(28, "No space left on device")


def test_output_that_fails_is_not_written_twice(
    one_lib: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the lean path has begun writing, the full command must not run and write again:
    a failure while writing is reported as the full command reports it."""
    from reader.entry import quick_search

    argv = [*one_lib, "search", "reform"]
    with monkeypatch.context() as m:  # no stderr at all (`2>&-`): the hits need none
        out = io.StringIO()
        m.setattr(sys, "stdout", out)
        m.setattr(sys, "stderr", None)
        code = quick_search(argv)
    assert code == 0 and out.getvalue() == full(argv)[1]
    assert out.getvalue().count("Prisons") == 1

    answers = []
    for run in (quick_search, cli.main):  # the same output, that fails
        err = io.StringIO()
        with monkeypatch.context() as m:
            m.setattr(sys, "stdout", FullDisk())
            m.setattr(sys, "stderr", err)
            answers.append((run(argv), err.getvalue()))
    assert answers[0] == answers[1]
    assert answers[0][0] == 1 and "No space left" in answers[0][1]


def test_output_that_cannot_be_encoded_is_left_to_the_full_command(
    one_lib: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An ASCII-only stdout: the lean path has written nothing when it hands over, so the
    full command writes exactly what it would alone (the hits before the one it cannot)."""
    from reader.entry import quick_search

    argv = [*one_lib, "search", "reform", "--limit", "5"]
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    with monkeypatch.context() as m:
        m.setattr(sys, "stdout", ascii_out)
        assert quick_search(argv) is None
    ascii_out.flush()
    assert ascii_out.buffer.getvalue() == b""  # type: ignore[attr-defined]


@pytest.mark.parametrize("closed", ["stdout", "stderr"])
def test_a_closed_stream_shows_no_traceback_and_no_repeat(one_lib: list[str], closed: str) -> None:
    """The real program with stdout or stderr closed (`>&-`, `2>&-`)."""
    fd = 1 if closed == "stdout" else 2
    script = f'exec "$@" {fd}>&-'
    cmd = [sys.executable, "-m", "reader", *one_lib, "search", "prisons"]
    proc = subprocess.run(
        ["sh", "-c", script, "sh", *cmd], capture_output=True, text=True, timeout=60
    )
    assert "Traceback" not in proc.stderr
    if closed == "stderr":
        assert proc.returncode == 0
        assert proc.stdout == full([*one_lib, "search", "prisons"])[1]
    else:
        assert proc.returncode == 1 and "error: unexpected" in proc.stderr


def test_search_needs_no_data_folder(one_lib: list[str]) -> None:
    """`search` keeps no user state: a data folder that cannot be worked out (a home that
    cannot be found) does not stop it, on either path."""
    argv = ["--data-dir", "~no-such-user-here/data", *one_lib, "search", "prisons"]
    lean = quick.search(argv)
    assert lean is not None
    assert full(argv) == (0, *lean)


def test_an_android_build_takes_platformdirs_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs takes an Android build for an app even with an empty environment."""
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.setattr(sys, "getandroidapilevel", lambda: 34, raising=False)
    assert paths.xdg_cache_folder() is None


def test_a_relative_folder_in_a_removed_working_folder(
    one_lib: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative library folder that cannot be made absolute is reported as missing; the
    other libraries are still searched."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    argv = [*one_lib, "--articles", "relative", "search", "prisons"]
    assert quick.search(argv) is None
    code, out, err = full(argv)
    assert code == 0 and "Prisons" in out
    assert "warning: skipped relative" in err


def test_duplicates_do_not_crowd_out_a_later_librarys_hits(
    tmp_path: Path, put: Callable[..., Path], md: Callable[..., str]
) -> None:
    """A later library whose best matches are all copies of ids an earlier library keeps (a
    backup next to the archive, with one new article): its own article still makes the list,
    in the reader (a loaded catalog) and on both paths of the command."""
    from reader.catalog import Catalog

    archive, backup = tmp_path / "archive", tmp_path / "backup"
    filler = " ".join(["policy"] * 60)
    for n in range(40):
        put(archive, f"a{n}.md", md(f"Other {n}", body=f"One zebra. {filler}\n", id=f"d{n}"))
        put(backup, f"a{n}.md", md("Zebra", body="Zebra zebra.\n", id=f"d{n}"))
    put(backup, "new.md", md("Zebra crossing report", body="A zebra.\n", id="new"))
    backdate(archive)
    backdate(backup)
    argv = ["--no-bundled", "--articles", str(archive), "--articles", str(backup)]
    assert full([*argv, "list"])[0] == 0
    for query in (["search", "zebra"], ["search", "zebra", "--limit", "3"]):
        lean = quick.search([*argv, *query])
        assert lean is not None
        assert lean[0].splitlines()[0].startswith("new  Zebra crossing report")
        assert full([*argv, *query]) == (0, *lean)
    cat = Catalog(
        [archive.resolve(), backup.resolve()], Path(os.environ["POLICYREADER_CACHE_DIR"]) / "index"
    )
    try:
        cat.load()
        hits = cat.search("zebra", 20)
        assert hits[0].article.id == "new" and len(hits) == 20
        assert all(h.article.path.startswith(str(archive.resolve())) for h in hits[1:])
    finally:
        cat.close()


def test_a_cache_folder_with_an_unknown_home_is_a_clear_error(
    one_lib: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLICYREADER_CACHE_DIR", "~no-such-user-here/cache")
    argv = [*one_lib, "search", "prisons"]
    from reader.entry import quick_search
    from reader.errors import ReaderError

    with pytest.raises(ReaderError):
        quick.search(argv)
    assert quick_search(argv) is None  # so the full command reports it
    code, out, err = full(argv)
    assert code == 1 and out == ""
    assert err == (
        "policyreader: error: POLICYREADER_CACHE_DIR: cannot find the home folder in "
        "'~no-such-user-here/cache'\n"
    )
    assert not Path("~no-such-user-here").exists()


def test_a_folder_name_that_is_not_utf8(
    tmp_path: Path, put: Callable[..., Path], md: Callable[..., str]
) -> None:
    odd = tmp_path / os.fsdecode(b"caf\xe9-briefings")
    put(odd, "a.md", md("Prisons", body="Reform of prisons.\n", id="prisons"))
    backdate(odd)
    argv = ["--no-bundled", "--articles", str(odd), "search", "prisons"]
    code, out, err = full(argv)
    assert (code, err) == (0, "") and out.startswith("prisons  Prisons")
    assert quick.search(argv) == (out, err)
