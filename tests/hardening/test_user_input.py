"""Whatever the user types: search text, note text, export paths. A clear error or a correct
result, never a traceback; export writes only the file asked for, atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import stat
import string
import subprocess
from pathlib import Path

import pytest

from reader.export import ExportError, export_quotes, write_atomic
from reader.session import Session

from support.cli import run_cli
from support.corpus import CONTROL, SECOND

FTS_SYNTAX = [
    '"',
    "*",
    "-",
    "(",
    ")",
    ":",
    "^",
    "+",
    "OR",
    "AND",
    "NOT",
    "NEAR",
    "NEAR(",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\\",
    "/",
    ",",
    ".",
    "|",
    "&",
    "~",
    "$",
    "%",
    "@",
    "!",
    "title:",
    "author:",
    "tags:",
    "text:",
    "body:",
    "rank:",
    "fts:",
    "rowid",
    "\x00",
    "\x1b[31m",
    "“",
    "”",
    "„",
    "é",
    "中文",
    "🙂",
    "\u202e",
    " ",
    "  ",
    "\t",
    "\n",
]


def _queries(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    words = ["housing", "policy", "welfare", "social", "value", "act", "the", "a"]
    out = [
        "",
        " ",
        '"',
        '""',
        '"unclosed',
        "*",
        "-",
        "--",
        "-housing",
        "NOT",
        "OR",
        "AND",
        "housing OR",
        "OR housing",
        "NOT housing",
        "(",
        ")",
        "()",
        "title:",
        ":",
        "title:*",
        "NEAR(a b)",
        "a NEAR b",
        "^housing",
        "housing^2",
        "col:housing",
        "x" * 10_000,
        "housing " * 500,
        '"' * 101,
        "*" * 50,
        "\\",
        "'; DROP TABLE fts; --",
        "\x00\x01\x02",
        "\x1b]0;pwned\x07",
        "rank MATCH 'x'",
        "rowid = 1",
    ]
    while len(out) < n:
        k = rng.randint(1, 8)
        out.append(
            "".join(
                rng.choice(FTS_SYNTAX + words + list(string.printable)) + rng.choice(["", " "])
                for _ in range(k)
            )
        )
    return out


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory):
    data = tmp_path_factory.mktemp("data")
    s = Session.open(articles=[str(SECOND)], data_dir=str(data))  # bundled ones too
    yield s
    s.close()


def test_search_fuzz_never_raises(session: Session) -> None:
    for q in _queries(400):
        hits = session.catalog.search(q, 5)
        for h in hits:
            assert not CONTROL.search(h.snippet.encode()), (q, h.snippet)
            assert all(0 <= s <= e <= len(h.snippet) for s, e in h.marks)
    assert session.catalog.search("pemmicanic")[0].article.id == "good-three"


@pytest.mark.parametrize(
    "query", ['"unclosed', "NEAR(", "title:", "*", "-", "(((", "\x1b[2J", "a OR OR b", "\\"]
)
def test_search_odd_queries_through_the_cli(tmp_path: Path, query: str) -> None:
    res = run_cli(tmp_path, "--no-bundled", "--articles", SECOND, "search", query)
    # 1: no hits (as grep), and it says so; never a usage error or a crash
    assert res.returncode == (0 if res.stdout else 1), res.stderr
    assert res.stdout or res.stderr == b"policyreader: no matches\n"
    assert b"Traceback" not in res.stderr and b"error" not in res.stderr
    assert not CONTROL.search(res.stdout + res.stderr)


NOTE = (
    "[bold red]loud[/] [link=https://evil.example]click[/link] [@click=app.quit]quit[/]\n"
    "second line \x1b[31mred\x1b[0m \x1b]0;pwned\x07 bell\x07 cr\roverwrite \x9b2J end"
)


def test_note_with_markup_and_control_characters(tmp_path: Path) -> None:
    s = Session.open(articles=[str(SECOND)], no_bundled=True, data_dir=str(tmp_path / "data"))
    try:
        q = s.highlight_text("good-three", "welfare reform", NOTE)
        stored = s.store.quote(q.id)
        assert stored is not None
        # Markup is data: stored literally. Control characters never come back out.
        for literal in (
            "[bold red]loud[/]",
            "[link=https://evil.example]click[/link]",
            "[@click=app.quit]quit[/]",
            "second line",
            "end",
        ):
            assert literal in stored.note
        assert not CONTROL.search(stored.note.encode())
        data = {}
        for fmt in ("md", "json", "csv"):
            data[fmt], count = export_quotes(s, fmt, None)
            assert count == 1
            assert not CONTROL.search(data[fmt].replace("\r\n", "\n").encode()), fmt
        assert "\\[@click=app.quit\\]quit\\[/\\]" in data["md"]  # Markdown-escaped, literal
        (ann,) = json.loads(data["json"])["first"]["items"]
        assert ann["body"]["value"] == stored.note
        rows = list(csv.DictReader(io.StringIO(data["csv"])))
        assert rows[0]["Note"] == stored.note and rows[0]["Highlight"] == "welfare reform"
    finally:
        s.close()
    res = run_cli(
        tmp_path,
        "--no-bundled",
        "--articles",
        SECOND,
        "--data-dir",
        tmp_path / "data",
        "quotes",
        "good-three",
    )
    assert b"[@click=app.quit]quit[/]" in res.stdout
    assert not CONTROL.search(res.stdout)


def test_note_through_the_cli_is_stored_and_shown_clean(tmp_path: Path) -> None:
    res = run_cli(
        tmp_path,
        "--no-bundled",
        "--articles",
        SECOND,
        "quote",
        "good-three",
        "welfare reform",
        "--note",
        NOTE,
    )
    assert res.returncode == 0, res.stderr
    res = run_cli(tmp_path, "--no-bundled", "--articles", SECOND, "quotes", "--json")
    (q,) = [q for q in json.loads(res.stdout) if q["kind"] == "highlight"]
    assert "[bold red]loud[/]" in q["note"]
    res = run_cli(tmp_path, "--no-bundled", "--articles", SECOND, "export", "--format", "csv")
    assert res.returncode == 0 and b"[bold red]loud[/]" in res.stdout


# --- export paths ---------------------------------------------------------------------------


@pytest.fixture
def quoted(tmp_path: Path) -> Path:
    res = run_cli(
        tmp_path,
        "--no-bundled",
        "--articles",
        SECOND,
        "quote",
        "good-three",
        "welfare reform",
        "--note",
        "n",
    )
    assert res.returncode == 0, res.stderr
    return tmp_path


def _export(tmp: Path, output: str | Path, fmt: str = "md") -> subprocess.CompletedProcess[bytes]:
    return run_cli(
        tmp, "--no-bundled", "--articles", SECOND, "export", "--format", fmt, "--output", output
    )


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_export_to_a_missing_folder_creates_nothing(quoted: Path) -> None:
    out = quoted / "out"
    out.mkdir()
    res = _export(quoted, out / "no" / "such" / "quotes.md")
    assert res.returncode == 1
    err = res.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0]
    assert _tree(out) == set()


def test_export_to_a_folder_is_an_error(quoted: Path) -> None:
    out = quoted / "out"
    out.mkdir()
    for target in (out, f"{out}/", f"{out}/.", f"{out}/.."):
        res = _export(quoted, target)
        assert res.returncode == 1, target
        assert len(res.stderr.decode().strip().splitlines()) == 1
    assert _tree(out) == set()


def test_export_writes_only_the_given_file(quoted: Path) -> None:
    out = quoted / "out"
    out.mkdir()
    (out / "other.txt").write_text("keep")
    for fmt in ("md", "json", "csv"):
        res = _export(quoted, out / f"quotes.{fmt}", fmt)
        assert res.returncode == 0, res.stderr
    assert _tree(out) == {"other.txt", "quotes.md", "quotes.json", "quotes.csv"}
    assert (out / "other.txt").read_text() == "keep"
    assert "welfare reform" in (out / "quotes.md").read_text()


def test_export_over_a_symlink_never_writes_through_it(quoted: Path) -> None:
    out = quoted / "out"
    out.mkdir()
    elsewhere = quoted / "elsewhere.txt"
    elsewhere.write_text("precious")
    os.symlink(elsewhere, out / "quotes.md")
    res = _export(quoted, out / "quotes.md")
    assert res.returncode == 0, res.stderr
    assert elsewhere.read_text() == "precious"
    assert not (out / "quotes.md").is_symlink()
    assert "welfare reform" in (out / "quotes.md").read_text()


def test_export_never_overwrites_the_state_database(quoted: Path) -> None:
    db = quoted / "data" / "state.sqlite3"
    before = db.read_bytes()
    for target in (db, Path(str(db) + "-wal"), quoted / "data" / ".." / "data" / "state.sqlite3"):
        res = _export(quoted, target)
        assert res.returncode == 1, target
        assert b"state database" in res.stderr
    assert db.read_bytes()[:16] == before[:16] == b"SQLite format 3\0"
    res = run_cli(quoted, "--no-bundled", "--articles", SECOND, "quotes", "--bookmarked")
    assert b"welfare reform" in res.stdout


def test_export_file_mode_follows_umask_and_existing_file(tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    write_atomic(new, "x")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    old = tmp_path / "old.md"
    old.write_text("old")
    old.chmod(0o640)
    write_atomic(old, "new")
    assert old.read_text() == "new" and stat.S_IMODE(old.stat().st_mode) == 0o640


@pytest.mark.parametrize("fail", ["write", "fsync", "replace"])
def test_failure_mid_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    target = tmp_path / "quotes.md"
    target.write_text("previous export")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if fail == "write":
        real_fdopen = os.fdopen

        class Half:
            def __init__(self, fh: io.TextIOWrapper) -> None:
                self.fh = fh

            def write(self, data: str) -> int:
                self.fh.write(data[: len(data) // 2])
                self.fh.flush()
                raise OSError(28, "No space left on device")

            def __getattr__(self, name: str) -> object:
                return getattr(self.fh, name)

            def __enter__(self) -> Half:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: Half(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, fail, boom)
    with pytest.raises(ExportError) as info:
        write_atomic(target, "new export " * 1000)
    assert "\n" not in str(info.value)
    monkeypatch.undo()
    assert target.read_text() == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.md"]
