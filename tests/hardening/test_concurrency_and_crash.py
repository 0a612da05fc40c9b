"""Two writers at once, and writers killed with SIGKILL: every write that returned is kept."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.env import REPO

CHILD = Path(__file__).with_name("writer_child.py")


def _spawn(tmp: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))  # the isolated dirs the conftest set up
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        cwd=tmp,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _article(lib: Path) -> None:
    lib.mkdir()
    words = " ".join(f"word{n} policy text" for n in range(1500))
    (lib / "long.md").write_text(f"---\ntitle: Long article\n---\n\n{words}\n", encoding="utf-8")


def test_two_session_writers_in_parallel_lose_nothing(tmp_path: Path) -> None:
    from reader.session import Session

    lib = tmp_path / "lib"
    _article(lib)
    data = tmp_path / "data"
    Session.open(articles=[str(lib)], no_bundled=True, data_dir=str(data)).close()  # build index
    count = 250
    procs = [
        _spawn(tmp_path, "session", str(lib), str(data), name, str(count))
        for name in ("alpha", "beta-writer")
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    printed = [set(out.split()) - {"ready"} for out, _ in outs]
    assert all(len(ids) >= count * 0.8 for ids in printed)  # a few spans repeat: same highlight
    s = Session.open(articles=[str(lib)], no_bundled=True, data_dir=str(data))
    try:
        stored = {q.id: q for q in s.quotes("long") if q.kind == "highlight"}
        assert printed[0] | printed[1] <= set(stored)
        notes = {q.note.split()[0] for q in stored.values()}
        assert notes == {"alpha", "beta-writer"}
    finally:
        s.close()


def test_two_store_writers_and_the_cli_in_parallel(tmp_path: Path) -> None:
    from reader.store import Store

    db = Path(os.environ["POLICYREADER_DATA_DIR"]) / "state.sqlite3"  # the CLI's too
    Store.open(db).close()
    procs = [_spawn(tmp_path, "store", str(db), name, "400") for name in ("one", "two")]
    # Meanwhile the CLI reads (and writes) the same state.
    lib = tmp_path / "lib"
    _article(lib)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for state in ("read", "unread", "read"):
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "reader",
                "--no-bundled",
                "--articles",
                str(lib),
                "mark",
                "long",
                state,
            ],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            timeout=60,
        )
        assert res.returncode == 0, res.stderr
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    ids = set().union(*(set(out.split()) - {"ready"} for out, _ in outs))
    assert len(ids) == 800
    con = sqlite3.connect(db)
    try:
        stored = {r[0] for r in con.execute("SELECT quote_id FROM quotes")}
        assert ids <= stored
        assert con.execute(
            "SELECT read_state FROM articles WHERE article_id = 'long'"
        ).fetchone() == ("read",)
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        con.close()


def test_sigkill_mid_write_many_times(tmp_path: Path) -> None:
    """A writer killed at random moments, 20 times: integrity holds, every returned write is
    there (the child prints an id only after its transaction committed)."""
    from reader.store import Store

    db = tmp_path / "data" / "state.sqlite3"
    rng = random.Random(20)
    reported: set[str] = set()
    started = time.monotonic()
    for run in range(20):
        proc = _spawn(tmp_path, "store", str(db), f"run{run}", "0")
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.strip() == "ready", proc.stderr.read() if proc.stderr else ""
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(proc.pid, signal.SIGKILL)
        out, _err = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        lines = out.split("\n")
        # The last line may be cut short by the kill; only complete lines were reported.
        reported |= {ln for ln in lines[:-1] if ln}
        con = sqlite3.connect(db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = {r[0] for r in con.execute("SELECT quote_id FROM quotes")}
        finally:
            con.close()
        missing = reported - stored
        assert not missing, f"run {run}: {len(missing)} returned writes lost"
    assert len(reported) > 20  # the writer did get work done between kills
    store = Store.open(db)  # and the store opens cleanly, with nothing to salvage
    try:
        assert store.notice == "" and not store.readonly
    finally:
        store.close()
    assert time.monotonic() - started < 30
    assert not list(db.parent.glob("*.damaged-*"))


def test_two_processes_refreshing_one_index_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deterministic version of two CLIs (or a TUI and a CLI) starting on a changed library."""
    from reader import index as index_mod
    from reader.catalog import Catalog

    lib = tmp_path / "lib"
    _article(lib)
    (lib / "second.md").write_text("---\ntitle: Second\n---\n\nMore words.\n")
    cache = tmp_path / "cache"
    first, other = Catalog([lib], cache), Catalog([lib], cache)
    real = index_mod._run_jobs
    calls = []

    def interleaved(jobs):  # the other process finishes its whole refresh in between
        if not calls:
            calls.append(1)
            other.refresh()
        return real(jobs)

    monkeypatch.setattr(index_mod, "_run_jobs", interleaved)
    try:
        first.refresh()
        assert {a.id for a in first.articles} == {"long", "second"}
    finally:
        first.close()
        other.close()
