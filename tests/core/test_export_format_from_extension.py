"""`export --output FILE` without --format writes the format FILE's extension names; an
extension that names none is a usage error, and nothing is written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest


@pytest.fixture
def quoted(run_main) -> None:
    r = run_main("quote", "social-value-act", "the potential to transform")
    assert r.returncode == 0, r.stderr


def _kind(text: str) -> str:
    try:
        json.loads(text)
        return "json"
    except ValueError:
        pass
    if text.startswith("# "):
        return "md"
    header = next(csv.reader(io.StringIO(text)))
    return "csv" if "Highlight" in header else "unknown"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("q.json", "json"),
        ("q.csv", "csv"),
        ("q.md", "md"),
        ("Q.JSON", "json"),
        ("notes.markdown", "md"),
    ],
)
def test_the_extension_names_the_format(
    run_main, quoted: None, tmp_path: Path, name: str, kind: str
) -> None:
    out = tmp_path / name
    r = run_main("export", "--output", out)
    assert r.returncode == 0, r.stderr
    assert _kind(out.read_text(encoding="utf-8")) == kind


def test_format_wins_over_the_extension(run_main, quoted: None, tmp_path: Path) -> None:
    out = tmp_path / "q.txt"
    assert run_main("export", "--format", "csv", "--output", out).returncode == 0
    assert _kind(out.read_text(encoding="utf-8")) == "csv"


@pytest.mark.parametrize("name", ["q.txt", "q", "q.json.bak"])
def test_an_unknown_extension_is_a_usage_error(
    run_main, quoted: None, tmp_path: Path, name: str
) -> None:
    out = tmp_path / name
    r = run_main("export", "--output", out)
    assert r.returncode == 2
    assert r.stderr.startswith("policyreader: error: cannot tell the format from")
    assert "--format" in r.stderr and len(r.stderr.splitlines()) == 1
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_to_the_screen_markdown_stays_the_default(run_main, quoted: None) -> None:
    assert _kind(run_main("export").stdout) == "md"
