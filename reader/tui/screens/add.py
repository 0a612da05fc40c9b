"""The "Add article" dialog (`a`): a web address or a saved page, categories and tags.

The adding itself is the App's (`reader.tui.web_actions`), in a worker."""

from __future__ import annotations

from typing import Any, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from reader.api import ReaderError, clean_line
from reader.tui.actions import bindings
from reader.tui.screens.dialogs import DialogScreen


class AddRequest(NamedTuple):
    sources: list[Any]  # reader.web.pages.Source, checked
    categories: list[str]
    tags: list[str]


def _terms(text: str) -> list[str]:
    return [t for t in (clean_line(p) for p in text.split(",")) if t]


class AddArticleScreen(DialogScreen[AddRequest | None]):
    """An address (or a saved .html file's path), and categories and tags for it."""

    BINDINGS = bindings("add")

    def compose(self) -> ComposeResult:
        with Vertical(id="add-dialog", classes="dialog"):
            yield Static("Add article", classes="dialog-title", markup=False)
            yield Static("Web address or saved .html file", classes="dialog-label", markup=False)
            yield Input(placeholder="https://… or ~/Downloads/page.html", id="add-source")
            yield Static("Categories (comma-separated)", classes="dialog-label", markup=False)
            yield Input(id="add-categories")
            yield Static("Tags (comma-separated)", classes="dialog-label", markup=False)
            yield Input(id="add-tags")
            yield Static("", id="add-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", variant="primary", id="add-ok")
                yield Button("Cancel", id="add-cancel")
            yield Static("enter adds · escape cancels", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#add-source", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-ok")
    def _submit(self) -> None:
        from reader.api import check_sources

        text = self.query_one("#add-source", Input).value.strip()
        error = self.query_one("#add-error", Static)
        if not text:
            error.update("Type a web address or the path of a saved page.")
            return
        try:
            sources = check_sources(text)
        except ReaderError as exc:
            error.update(clean_line(str(exc)))
            return
        self.dismiss(
            AddRequest(
                sources,
                _terms(self.query_one("#add-categories", Input).value),
                _terms(self.query_one("#add-tags", Input).value),
            )
        )

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
