"""A state database that is truncated, garbage, or from a newer version; a damaged index.

The reader starts, says what happened in one line, keeps the damaged file beside it under a new
name (never deleting it), recovers what SQLite can read, and carries on.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest

from reader.quotes import Quote
from reader.store import SCHEMA_VERSION, Store

from support.cli import run_cli
from support.corpus import SECOND

LIB = SECOND  # two small articles: good-one (an impostor title) and good-three


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fill(db_path: Path, quotes: int = 400) -> dict[str, str]:
    """A state database with many highlights (long notes, so many pages); closed cleanly."""
    store = Store.open(db_path)
    notes = {}
    for n in range(quotes):
        qid = f"h{n:04d}"
        notes[qid] = f"note {n} " + "x" * 300
        store.save_quote(
            Quote(qid, "good-three", "highlight", f"words {n}", note=notes[qid], bookmarked=True),
            title="Good three",
        )
    store.set_read("good-three", "read")
    store.close()
    assert (
        not Path(str(db_path) + "-wal").exists() or Path(str(db_path) + "-wal").stat().st_size == 0
    )
    return notes


def _state(tmp: Path) -> Path:
    return tmp / "data" / "state.sqlite3"


def _cli(tmp: Path, *args: str):
    return run_cli(tmp, "--no-bundled", "--articles", LIB, *args)


def _aside(folder: Path) -> list[Path]:
    """Damaged databases moved aside (their -wal and -shm files go with them)."""
    return [
        p for p in folder.glob("state.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ]


def _one_warning(stderr: bytes, *words: str) -> str:
    lines = [ln for ln in stderr.decode().splitlines() if "state database" in ln]
    assert len(lines) == 1, stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("damage", ["truncated", "garbage", "zeroed-header"])
def test_damaged_state_is_kept_aside_and_recovered(tmp_path: Path, damage: str) -> None:
    db = _state(tmp_path)
    notes = _fill(db)
    data = db.read_bytes()
    if damage == "truncated":
        bad = data[: len(data) // 2]
    elif damage == "garbage":
        bad = os.urandom(len(data))
    else:
        bad = b"\0" * 100 + data[100:]
    db.write_bytes(bad)

    res = _cli(tmp_path, "list", "--json")
    assert res.returncode == 0, res.stderr
    line = _one_warning(res.stderr, "damaged", "kept it as state.sqlite3.damaged-")
    assert {a["id"] for a in json.loads(res.stdout)} == {"good-one", "good-three"}
    # The damaged file is beside the new one, byte for byte as it was.
    (aside,) = _aside(db.parent)
    assert aside.read_bytes() == bad
    # The new database is sound, and holds what could be read (for a truncated file, the
    # highlights on the pages that survived), each record exactly as it was.
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = dict(con.execute("SELECT quote_id, note FROM quotes"))
    finally:
        con.close()
    recovered = int(line.split("recovered ")[1].split()[0])
    assert recovered >= len(rows)
    if damage == "truncated":
        assert rows, "nothing recovered from a half database"
    for qid, note in rows.items():
        assert notes[qid] == note
    # The reader carries on: writes work, and the next start says nothing more.
    res = _cli(tmp_path, "mark", "good-one", "read")
    assert res.returncode == 0, res.stderr
    res = _cli(tmp_path, "list", "--json")
    assert b"state database" not in res.stderr
    assert aside.exists() and aside.read_bytes() == bad


def test_damaged_state_through_the_store_api(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    _fill(db, 50)
    db.write_bytes(db.read_bytes()[:3000])
    store = Store.open(db)
    try:
        assert "damaged" in store.notice and "\n" not in store.notice
        assert not store.readonly
        store.set_read("x", "read")
    finally:
        store.close()
    assert len(_aside(tmp_path)) == 1


def test_two_damages_keep_two_files(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    for _ in range(2):
        db.write_bytes(b"not a database at all " * 100)
        Store.open(db).close()
    assert len(_aside(tmp_path)) == 2


def _newer(db: Path, journal: str) -> None:
    _fill(db, 20)
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_newer_schema_is_read_only_and_untouched(tmp_path: Path, journal: str) -> None:
    db = _state(tmp_path)
    _newer(db, journal)
    before = _sha(db)
    files_before = sorted(p.name for p in db.parent.iterdir())

    res = _cli(tmp_path, "list", "--json")
    assert res.returncode == 0, res.stderr
    _one_warning(res.stderr, "newer", "read-only")
    arts = {a["id"]: a for a in json.loads(res.stdout)}
    assert arts["good-three"]["read"] == "read"  # reading the state works
    res = _cli(tmp_path, "quotes", "good-three", "--json")
    assert res.returncode == 0
    assert len([q for q in json.loads(res.stdout) if q["kind"] == "highlight"]) == 20

    for args in (
        ("mark", "good-one", "read"),
        ("bookmark", "good-one"),
        ("quote", "good-three", "welfare reform"),
        ("bookmark", "--quote", "h0001"),
        ("bookmark", "--quote", "h0001", "--remove"),
    ):
        res = _cli(tmp_path, *args)
        assert res.returncode == 1, (args, res.stderr)
        errors = [ln for ln in res.stderr.decode().splitlines() if "error" in ln]
        assert len(errors) == 1 and "not be saved" in errors[0], res.stderr
        assert b"Traceback" not in res.stderr

    assert _sha(db) == before
    con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    assert con.execute("PRAGMA user_version").fetchone() == (99,)
    con.close()
    assert not list(db.parent.glob("*.damaged-*"))
    assert sorted(p.name for p in db.parent.iterdir() if not p.name.endswith(("-shm", "-wal"))) == [
        n for n in files_before if not n.endswith(("-shm", "-wal"))
    ]


def test_newer_schema_store_refuses_every_write(tmp_path: Path) -> None:
    from reader.store import StoreReadOnly

    db = tmp_path / "state.sqlite3"
    _newer(db, "wal")
    before = _sha(db)
    store = Store.open(db)
    try:
        assert store.readonly and SCHEMA_VERSION < 99
        for write in (
            lambda: store.set_read("a", "read"),
            lambda: store.set_position("a", 1, 1),
            lambda: store.set_article_bookmark("a", True),
            lambda: store.save_quote(Quote("q", "a", "highlight", "x")),
            lambda: store.set_note("h0001", "n"),
            lambda: store.delete_quote("h0001"),
            lambda: store.set_setting("k", "v"),
        ):
            with pytest.raises(StoreReadOnly):
                write()
        assert store.quote("h0001") is not None
    finally:
        store.close()
    assert _sha(db) == before


# --- the index (a cache) --------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["deleted", "garbage", "truncated", "other-version"])
def test_index_damage_is_rebuilt_and_state_kept(tmp_path: Path, damage: str) -> None:
    res = _cli(tmp_path, "quote", "good-three", "welfare reform", "--note", "keep me")
    assert res.returncode == 0, res.stderr
    qid = res.stdout.decode().strip()
    assert _cli(tmp_path, "mark", "good-one", "read").returncode == 0
    index_dir = tmp_path / "cache" / "index"
    files = sorted(index_dir.glob("*.sqlite3"))
    assert files
    for f in files:
        if damage == "deleted":
            for side in index_dir.glob(f.name + "*"):
                side.unlink()
        elif damage == "garbage":
            f.write_bytes(os.urandom(f.stat().st_size))
        elif damage == "truncated":
            f.write_bytes(f.read_bytes()[:4096])
        else:
            con = sqlite3.connect(f)
            con.execute("PRAGMA user_version = 1")
            con.commit()
            con.close()
    res = _cli(tmp_path, "list", "--json")
    assert res.returncode == 0, res.stderr
    arts = {a["id"]: a for a in json.loads(res.stdout)}
    assert set(arts) == {"good-one", "good-three"}
    assert arts["good-one"]["read"] == "read"
    res = _cli(tmp_path, "search", "pemmicanic")
    assert res.stdout.startswith(b"good-three  ")
    res = _cli(tmp_path, "quotes", "good-three", "--json")
    (q,) = [q for q in json.loads(res.stdout) if q["id"] == qid]
    assert q["note"] == "keep me" and q["text"] == "welfare reform" and not q["orphaned"]
