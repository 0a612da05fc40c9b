"""Fixtures for the TUI tests: sessions on temporary folders, apps, and a few helpers.

The root conftest's autouse `isolated_env` already points HOME, XDG_* and POLICYREADER_* at
temporary folders; `tui_env` checks that (and sets them again) so that these tests can never
touch the real home directory even when run on their own.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.strip import Strip

from reader.session import Session
from reader.tui.app import PolicyReaderApp

CO_PRODUCTION = "co-production-criminal-justice"
SOCIAL_VALUE = "social-value-act"
BUNDLED_IDS = {
    CO_PRODUCTION,
    "commissioning-third-sector",
    "demystifying-social-enterprise",
    SOCIAL_VALUE,
}


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (Pilot tests) in a fresh event loop; no asyncio plugin needed."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def tui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    cache = tmp_path / "cache"
    monkeypatch.setenv("POLICYREADER_DATA_DIR", str(data))
    monkeypatch.setenv("POLICYREADER_CACHE_DIR", str(cache))
    monkeypatch.delenv("POLICYREADER_ARTICLES", raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return tmp_path


@pytest.fixture
def open_session() -> Iterator[Callable[..., Session]]:
    """Open sessions (index only, as the app's `run` does); all are closed afterwards."""
    sessions: list[Session] = []

    def make(**kwargs: object) -> Session:
        kwargs.setdefault("refresh", False)
        session = Session.open(**kwargs)  # type: ignore[arg-type]
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


@pytest.fixture
def session(open_session: Callable[..., Session]) -> Session:
    """The bundled library, indexed."""
    return open_session(refresh=True)


def article_file(root: Path, name: str, title: str, body: str, **meta: str) -> Path:
    """Write one article with front matter (values quoted as YAML strings)."""
    import json

    root.mkdir(parents=True, exist_ok=True)
    lines = ["---", f"title: {json.dumps(title)}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value)}")
    lines.append("---")
    path = root / f"{name}.md"
    path.write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")
    return path


async def ready(pilot: Pilot) -> None:
    """Wait for the first frame and the library scan behind it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def line_text(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def screen_lines(widget, count: int | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """The plain text of a line-API widget's visible lines."""
    height = count if count is not None else widget.scrollable_content_region.height
    return [line_text(widget.render_line(y)) for y in range(height)]


def make_app(session: Session, **kwargs: object) -> PolicyReaderApp:
    return PolicyReaderApp(session, **kwargs)  # type: ignore[arg-type]
