"""A full disk, a read-only data folder, a data folder that cannot be made.

Each gives a clear one-line message; reading still works; no write claims success.
Root ignores file permissions, so read-only folders are simulated (or the real test skipped);
a full disk is made real with RLIMIT_FSIZE (SQLite reports EFBIG as "database or disk is full").
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import cli
from reader.store import Store, StoreError, StoreReadOnly

from support.corpus import SECOND
from support.env import subprocess_env

LIB = SECOND


def _cli(tmp: Path, *args: str, limit: int | None = None) -> subprocess.CompletedProcess[bytes]:
    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "reader", "--no-bundled", "--articles", str(LIB), *args],
        cwd=tmp,
        env=subprocess_env(tmp),
        capture_output=True,
        timeout=60,
        preexec_fn=cap,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_full_disk_real_file_size_limit(tmp_path: Path) -> None:
    assert (
        _cli(tmp_path, "quote", "good-three", "welfare reform", "--note", "small").returncode == 0
    )
    assert _cli(tmp_path, "mark", "good-one", "read").returncode == 0
    db = tmp_path / "data" / "state.sqlite3"
    sizes = [p.stat().st_size for p in db.parent.iterdir()] + [
        p.stat().st_size for p in (tmp_path / "cache" / "index").iterdir()
    ]
    limit = max(sizes) + 16 * 1024
    # A note far bigger than the limit: the write cannot fit on the "disk".
    res = _cli(
        tmp_path, "quote", "good-three", "Pemmicanic welfare", "--note", "n" * 100_000, limit=limit
    )
    assert res.returncode == 1, res.stderr
    err = res.stderr.decode().strip().splitlines()
    assert len(err) == 1 and "disk" in err[0] and "not saved" in err[0], err
    assert "error:" in err[0]
    # Reading still works under the same limit, and what was saved before is intact.
    res = _cli(tmp_path, "list", "--json", limit=limit)
    assert res.returncode == 0, res.stderr
    assert {a["id"]: a["read"] for a in json.loads(res.stdout)}["good-one"] == "read"
    res = _cli(tmp_path, "quotes", "good-three", "--json", limit=limit)
    notes = [q["note"] for q in json.loads(res.stdout) if q["kind"] == "highlight"]
    assert notes == ["small"]
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


class _FullDisk:
    """A connection whose writes fail the way SQLite fails on a full disk."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self._real = real

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._real.execute(sql, *args)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


def test_full_disk_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader import store as store_mod

    data = tmp_path / "data"
    args = ["--no-bundled", "--articles", str(LIB), "--data-dir", str(data)]
    assert cli.main([*args, "mark", "good-three", "read"]) == 0
    real = store_mod._connect
    monkeypatch.setattr(store_mod, "_connect", lambda path: _FullDisk(real(path)))
    capsys.readouterr()
    for write in (
        ["mark", "good-one", "read"],
        ["bookmark", "good-one"],
        ["quote", "good-three", "welfare reform"],
    ):
        assert cli.main([*args, *write]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "disk is full" in err[0], err
    assert cli.main([*args, "list", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {a["id"]: a["read"] for a in out} == {"good-one": "unread", "good-three": "read"}


def test_data_folder_cannot_be_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    args = ["--no-bundled", "--articles", str(LIB), "--data-dir", str(blocker / "data")]
    assert cli.main([*args, "list"]) == 0
    captured = capsys.readouterr()
    warn = [ln for ln in captured.err.splitlines() if "data folder" in ln]
    assert len(warn) == 1 and "will not be saved" in warn[0]
    assert "good-three" in captured.out
    # A write must not pretend to succeed.
    assert cli.main([*args, "mark", "good-one", "read"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("policyreader: error:") and "not be saved" in err[-1], err
    assert blocker.read_text() == "not a folder"


def _make_state(data: Path) -> Path:
    data.mkdir(parents=True, exist_ok=True)
    db = data / "state.sqlite3"
    store = Store.open(db)
    store.set_read("good-three", "read")
    store.close()
    return db


def test_read_only_data_folder_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What SQLite says when the folder (or file) is not writable, without needing non-root."""
    from reader import store as store_mod

    data = tmp_path / "data"
    db = _make_state(data)
    before = _sha(db)

    def readonly_connect(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(store_mod, "_connect", readonly_connect)
    args = ["--no-bundled", "--articles", str(LIB), "--data-dir", str(data)]
    assert cli.main([*args, "list", "--json"]) == 0
    captured = capsys.readouterr()
    assert {a["id"]: a["read"] for a in json.loads(captured.out)}["good-three"] == "read"
    warn = [ln for ln in captured.err.splitlines() if "read-only" in ln]
    assert len(warn) == 1
    assert cli.main([*args, "mark", "good-one", "read"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert "read-only" in err[-1] and "not be saved" in err[-1]
    assert _sha(db) == before
    store = Store.open(db)
    try:
        with pytest.raises(StoreReadOnly):
            store.set_read("good-one", "read")
    finally:
        store.close()


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root: chmod does not stop root from "
    "writing (the simulated test covers this)",
)
def test_read_only_data_folder_real(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = _make_state(data)
    before = _sha(db)
    data.chmod(0o555)
    db.chmod(0o444)
    try:
        env = subprocess_env(tmp_path)
        base = [
            sys.executable,
            "-m",
            "reader",
            "--no-bundled",
            "--articles",
            str(LIB),
            "--data-dir",
            str(data),
        ]
        res = subprocess.run([*base, "list", "--json"], env=env, capture_output=True, timeout=60)
        assert res.returncode == 0, res.stderr
        assert b"read-only" in res.stderr
        res = subprocess.run(
            [*base, "mark", "good-one", "read"], env=env, capture_output=True, timeout=60
        )
        assert res.returncode == 1 and b"read-only" in res.stderr
    finally:
        data.chmod(0o755)
        db.chmod(0o644)
    assert _sha(db) == before


def test_store_errors_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader import store as store_mod

    db = _make_state(tmp_path / "data")
    real = store_mod._connect
    monkeypatch.setattr(store_mod, "_connect", lambda path: _FullDisk(real(path)))
    store = Store.open(db)
    try:
        with pytest.raises(StoreError) as info:
            store.set_read("x", "read")
        assert "\n" not in str(info.value) and "disk is full" in str(info.value)
        assert store.article_state("good-three").read == "read"  # the rollback kept the rest
    finally:
        store.close()
