"""Import hygiene: the core and the CLI commands never import Textual (they start fast)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.cli import imported_modules

REPO = Path(__file__).resolve().parents[2]

CORE_MODULES = sorted(
    f"reader.{p.stem}" for p in (REPO / "reader").glob("*.py") if p.stem != "__main__"
)


def run_python(code: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


RUNNER = r"""
import contextlib, importlib, io, json, sys

def textual_loaded():
    return sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))

report = {}
for name in MODULES:
    importlib.import_module(name)
    report[name] = textual_loaded()

from reader.cli import main

for argv in COMMANDS:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    report[" ".join(argv)] = {"code": code, "textual": textual_loaded(), "err": err.getvalue()}
print(json.dumps(report))
"""


def test_core_modules_list_is_complete() -> None:
    assert {
        "reader.cli",
        "reader.session",
        "reader.store",
        "reader.index",
        "reader.catalog",
        "reader.library",
        "reader.text",
        "reader.anchors",
        "reader.export",
        "reader.frontmatter",
        "reader.paths",
        "reader",
    } <= set(CORE_MODULES + ["reader"])


def test_no_cli_command_imports_textual(tmp_path: Path, subprocess_env) -> None:
    out = tmp_path / "out.md"
    commands = [
        ["list"],
        ["list", "--json"],
        ["show", "social-value-act"],
        ["search", "prison"],
        ["search", "x", "--json"],
        ["quotes"],
        ["quotes", "social-value-act", "--json"],
        ["quote", "social-value-act", "the potential to transform"],
        ["bookmark", "social-value-act"],
        ["bookmark", "--quote", "qnope"],
        ["mark", "social-value-act", "read"],
        ["export"],
        ["export", "--format", "json"],
        ["export", "--format", "csv", "--output", str(out)],
        ["check"],
        ["show", "nope"],
    ]
    code = f"MODULES = {CORE_MODULES!r}\nCOMMANDS = {commands!r}\n" + RUNNER
    proc = run_python(code, tmp_path, subprocess_env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    for name in CORE_MODULES:
        assert report[name] == [], f"importing {name} loads Textual"
    for argv in commands:
        entry = report[" ".join(argv)]
        assert entry["textual"] == [], f"`policyreader {' '.join(argv)}` loads Textual"
    assert report["list"]["code"] == 0
    assert report["show nope"]["code"] == 1
    assert report["bookmark --quote qnope"]["code"] == 1
    assert out.exists()


def test_importtime_of_a_real_run_has_no_textual(tmp_path: Path, subprocess_env) -> None:
    for args in (["list"], ["search", "prison"]):
        imported, _ = imported_modules(
            [sys.executable, "-m", "reader", *args], cwd=tmp_path, env=subprocess_env
        )
        assert "reader.entry" in imported  # the check itself works
        assert not [m for m in imported if m.split(".")[0] == "textual"], args


def test_search_loads_only_what_it_needs(tmp_path: Path, subprocess_env) -> None:
    """`search` is the command scripts call in loops: it must not pay for the Markdown parser,
    YAML, the state database, or stdlib modules that cost more to import than the search
    itself (dataclasses with inspect, shutil, hashlib's OpenSSL, json without --json)."""
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "main(['search', 'prison'])\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    for _ in range(2):  # the first builds the index (and so parses the articles)
        proc = run_python(code, tmp_path, subprocess_env)
        assert proc.returncode == 0, proc.stderr
    loaded = set(proc.stderr.split())
    assert "reader.index" in loaded and "sqlite3" in loaded  # (the list is the real one)
    heavy = {
        "markdown_it",
        "yaml",
        "reader.text",
        "reader.store",
        "reader.session",
        "reader.frontmatter",
        "dataclasses",
        "inspect",
        "shutil",
        "_hashlib",
        "json",
        "platformdirs",
    }
    assert loaded & heavy == set()


WEB_MODULES = ("httpx", "trafilatura", "feedparser", "lxml", "courlan", "htmldate", "justext")

READER_START = r"""
import asyncio, sys
import textual.app

original = textual.app.App.run

def headless(self, *args, **kwargs):
    async def pilot(p):
        for _ in range(400):
            if any(getattr(w, "row_count", 0) for w in p.app.query("ArticleList")):
                break
            await asyncio.sleep(0.05)
        await p.pause()
        p.app.exit()
    kwargs.update(headless=True, auto_pilot=pilot, size=(120, 40))
    return original(self, *args, **kwargs)

textual.app.App.run = headless
import reader.cli
reader.cli.has_terminal = lambda: True  # the test's pipes stand in for a terminal
code = reader.cli.main([])
assert code == 0, code
print(" ".join(sorted(sys.modules)))
"""


def test_list_search_show_and_the_reader_load_no_web_dependency(
    tmp_path: Path, subprocess_env
) -> None:
    """httpx, trafilatura, feedparser and lxml are for `add`, `feeds` and `fetch` only."""
    for argv in (["list"], ["search", "prison"], ["show", "social-value-act"]):
        code = f"import sys\nfrom reader.cli import main\nmain({argv!r})\n" + (
            "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        )
        proc = run_python(code, tmp_path, subprocess_env)
        assert proc.returncode == 0, proc.stderr
        loaded = {m.split(".")[0] for m in proc.stderr.split()}
        assert "reader" in loaded
        assert loaded.isdisjoint(WEB_MODULES), (argv, loaded & set(WEB_MODULES))
    proc = run_python(READER_START, tmp_path, subprocess_env)
    assert proc.returncode == 0, proc.stderr
    loaded = {m.split(".")[0] for m in proc.stdout.split()}
    assert "reader.tui.launch" in proc.stdout.split()  # the reader did start
    assert loaded.isdisjoint(WEB_MODULES), loaded & set(WEB_MODULES)


def test_the_web_commands_do_load_them(tmp_path: Path, subprocess_env) -> None:
    code = (
        "import sys\nfrom reader.cli import main\n"
        "main(['add', 'http://127.0.0.1:9/x', '--timeout', '1'])\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    proc = run_python(code, tmp_path, subprocess_env)
    assert "httpx" in {m.split(".")[0] for m in proc.stdout.split()}  # (the check works)
