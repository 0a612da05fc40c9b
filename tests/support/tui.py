"""Helpers for Pilot tests of the reader (this module imports Textual)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from reader.session import Session
from reader.tui.app import PolicyReaderApp


async def ready(pilot: Pilot) -> None:
    """Wait for the first frame and the library scan behind it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def line_text(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def screen_lines(widget: Widget, count: int | None = None) -> list[str]:
    """The plain text of a line-API widget's visible lines."""
    height = count if count is not None else widget.scrollable_content_region.height
    return [line_text(widget.render_line(y)) for y in range(height)]


def make_app(session: Session, **kwargs: object) -> PolicyReaderApp:
    return PolicyReaderApp(session, **kwargs)  # type: ignore[arg-type]
