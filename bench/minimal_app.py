"""The reference for TUI start-up: the smallest Textual app that shows one line."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class MinimalApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("policyreader", id="probe-line")


if __name__ == "__main__":
    MinimalApp().run()
