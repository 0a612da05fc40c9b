"""The export dialog (`e`): format, scope and file (or Obsidian folder) for the bookmarked
quotes: every format `policyreader export` has, written by the same core functions."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, RadioButton, RadioSet, Select, Static

from reader.api import Article, Session, StoreError, clean_line
from reader.tui.actions import bindings
from reader.tui.screens.dialogs import ConfirmScreen, DialogScreen

# (format, label): the CLI's `--format` names, in its order.
FORMATS = (
    ("md", "Cited Markdown (.md)"),
    ("json", "W3C annotations (.json)"),
    ("csv", "Readwise CSV (.csv)"),
    ("hypothesis", "Hypothesis (.json)"),
    ("obsidian", "Obsidian notes (folder)"),
)
FOLDER_FORMATS = frozenset({"obsidian"})  # written into a folder, not one file
SCOPES = ("all", "article", "category", "tag")
BASENAME = "policyreader-quotes"
SHORT = 32  # terminal rows under which the dialog drops its spacing (it needs 28 of 90%)
FILE_LABEL = "File"
FOLDER_LABEL = "Folder (your Obsidian vault, or a folder in it; it must exist)"


def default_name(fmt: str) -> str:
    """The file name the dialog offers for a format: Hypothesis's is JSON too, named apart from
    the W3C export's."""
    return f"{BASENAME}-hypothesis.json" if fmt == "hypothesis" else f"{BASENAME}.{fmt}"


def entry_named(value: str | None, entries: list[str]) -> str | None:
    """The entry `value` names, whatever its case (an entry is every spelling of its name, as
    the tree shows it); else the first entry."""
    folded = (value or "").casefold()
    return next((e for e in entries if e.casefold() == folded), entries[0] if entries else None)


@dataclass
class ExportRequest:
    fmt: str
    scope: str  # all, article, category, tag
    value: str | None  # the article id, category or tag
    path: Path

    def only(self, scope: str) -> str | None:
        """The value if the request's scope is `scope` (the filter of that name), else None."""
        return self.value if self.scope == scope else None


ExportFn = Callable[[ExportRequest], str]  # returns a one-line report; raises with a message
CountFn = Callable[[ExportRequest], int]  # how many quotes the request would write to a file


class ExportScreen(DialogScreen[str | None]):
    """Dismissed with the report of a finished export, or None when cancelled."""

    DEFAULT_CSS = """
    #export-dialog {
        width: 90%;
    }
    /* A short terminal (80x24): the spacing between parts goes, so the buttons stay in view. */
    ExportScreen.-short .dialog-title, ExportScreen.-short .dialog-label,
    ExportScreen.-short .dialog-buttons, ExportScreen.-short .dialog-hint {
        padding: 0;
    }
    #export-choices {
        height: auto;
    }
    .export-column {
        width: 1fr;
        height: auto;
    }
    #export-error {
        color: $text-error;
        height: auto;
    }
    #export-dialog RadioSet {
        width: 100%;
    }
    #export-dialog Select {
        margin: 1 0 0 0;
    }
    """

    BINDINGS = bindings("export")

    def __init__(
        self,
        export: ExportFn,
        *,
        folder: Path,
        article: tuple[str, str] | None,
        categories: list[str],
        tags: list[str],
        category: str | None = None,
        tag: str | None = None,
        fmt: str = "md",
        scope: str = "all",
        count: CountFn | None = None,
        vault: Path | None = None,
    ) -> None:
        super().__init__()
        self._export = export
        self._count = count
        self.folder = folder
        self.article = article  # (id, title) of the open article, if any
        self.categories = categories
        self.tags = tags
        self.category = entry_named(category, categories)
        self.tag = entry_named(tag, tags)
        self.fmt = fmt if fmt in dict(FORMATS) else "md"
        # What the path field holds for a file and for a folder: each kept while the other shows.
        self.file_fmt = "md" if self.fmt in FOLDER_FORMATS else self.fmt
        self.file_value = str(self.default_path(self.file_fmt))
        self.folder_value = str(vault) if vault is not None else ""
        usable = {
            "all": True,
            "article": article is not None,
            "category": bool(categories),
            "tag": bool(tags),
        }
        self.scope = scope if usable.get(scope) else "all"

    def default_path(self, fmt: str) -> Path:
        return self.folder / default_name(fmt)

    @property
    def to_folder(self) -> bool:
        return self.fmt in FOLDER_FORMATS

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static("Export bookmarked quotes", classes="dialog-title", markup=False)
            with Horizontal(id="export-choices"):
                with Vertical(classes="export-column"):
                    yield Static("Format", classes="dialog-label", markup=False)
                    with RadioSet(id="export-format"):
                        for fmt, label in FORMATS:
                            yield RadioButton(label, value=fmt == self.fmt, id=f"fmt-{fmt}")
                with Vertical(classes="export-column"):
                    yield Static("Quotes from", classes="dialog-label", markup=False)
                    with RadioSet(id="export-scope"):
                        yield RadioButton("All articles", value=self.scope == "all", id="scope-all")
                        article_label = Text("This article")
                        if self.article:
                            article_label.append(": " + clean_line(self.article[1]))
                        button = RadioButton(
                            article_label, value=self.scope == "article", id="scope-article"
                        )
                        button.disabled = self.article is None
                        yield button
                        yield RadioButton(
                            "A category",
                            value=self.scope == "category",
                            id="scope-category",
                            disabled=not self.categories,
                        )
                        yield RadioButton(
                            "A tag",
                            value=self.scope == "tag",
                            id="scope-tag",
                            disabled=not self.tags,
                        )
                    yield Select(
                        [(Text(c), c) for c in self.categories],
                        id="export-category",
                        prompt="Category",
                        value=self.category or Select.NULL,
                        allow_blank=self.category is None,
                    )
                    yield Select(
                        [(Text(t), t) for t in self.tags],
                        id="export-tag",
                        prompt="Tag",
                        value=self.tag or Select.NULL,
                        allow_blank=self.tag is None,
                    )
            yield Static(
                FOLDER_LABEL if self.to_folder else FILE_LABEL,
                id="export-path-label",
                classes="dialog-label",
                markup=False,
            )
            yield Input(
                self.folder_value if self.to_folder else self.file_value,
                id="export-path",
                placeholder="the folder to write the notes into",
            )
            yield Static("", id="export-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")
            yield Static(
                "only bookmarked quotes are exported · ctrl+s exports · escape cancels",
                classes="dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._fit()
        self.query_one("#export-category", Select).display = self.scope == "category"
        self.query_one("#export-tag", Select).display = self.scope == "tag"
        self.query_one("#export-format", RadioSet).focus()
        self.call_after_refresh(self._keyboard_on_pressed)

    def _keyboard_on_pressed(self) -> None:
        """A RadioSet's keyboard highlight starts on its first enabled button whatever is
        pressed (Textual 8.2): move it to the remembered choice with the set's own action, so
        `enter` there keeps it and the arrows move from it."""
        for radio_set in self.query(RadioSet):
            buttons = list(radio_set.query(RadioButton))
            pressed = radio_set.pressed_index
            steps = sum(1 for b in buttons[:pressed] if not b.disabled) if pressed > 0 else 0
            for _ in range(steps):
                radio_set.action_next_button()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        self.set_class(self.app.size.height < SHORT, "-short")

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        new = FORMATS[event.index][0]
        path_input = self.query_one("#export-path", Input)
        # A folder and a file are kept apart: each comes back as it was left.
        if self.to_folder:
            self.folder_value = path_input.value
        else:
            self.file_value = path_input.value
        self.fmt = new
        self.query_one("#export-path-label", Static).update(
            FOLDER_LABEL if self.to_folder else FILE_LABEL
        )
        self.query_one("#export-error", Static).update("")
        if self.to_folder:
            path_input.value = self.folder_value
            return
        # Follow the format with the file name, unless the user typed a name of their own.
        current = Path(self.file_value)
        if current.name == default_name(self.file_fmt):
            self.file_value = str(current.with_name(default_name(new)))
        self.file_fmt = new
        path_input.value = self.file_value

    @on(RadioSet.Changed, "#export-scope")
    def _scope_changed(self, event: RadioSet.Changed) -> None:
        scope = SCOPES[event.index]
        self.query_one("#export-category", Select).display = scope == "category"
        self.query_one("#export-tag", Select).display = scope == "tag"

    def request(self) -> ExportRequest:
        scope = SCOPES[max(0, self.query_one("#export-scope", RadioSet).pressed_index)]
        value: str | None = None
        if scope == "article" and self.article:
            value = self.article[0]
        elif scope == "category":
            selected = self.query_one("#export-category", Select).value
            value = selected if isinstance(selected, str) else None
        elif scope == "tag":
            selected = self.query_one("#export-tag", Select).value
            value = selected if isinstance(selected, str) else None
        path = Path(self.query_one("#export-path", Input).value.strip()).expanduser()
        return ExportRequest(self.fmt, scope, value, path)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        request = self.request()
        error = self.query_one("#export-error", Static)
        if not request.path.name:
            error.update("Give a folder." if self.to_folder else "Give a file name.")
            return
        if request.scope != "all" and not request.value:
            error.update(f"Choose a {request.scope} first.")
            return
        if self.to_folder:
            # Notes are brought up to date (unbookmarked quotes taken out of them), so an
            # export with no quotes has work to do; the folder is never replaced.
            self._write(request)
            return
        try:
            count = self._count(request) if self._count is not None else None
        except Exception as exc:  # every failure is a line in the dialog, the dialog stays
            error.update(Text(clean_line(str(exc)) or type(exc).__name__))
            return
        if count == 0:  # an empty file would look like an export that lost the quotes
            where = (
                "no bookmarked quotes there from an article with a web address "
                "(Hypothesis anchors on web pages)"
                if request.fmt == "hypothesis"
                else "no bookmarked quotes there (b bookmarks a quote)"
            )
            error.update(f"Nothing to export: {where}. No file was written.")
            return
        if request.path.exists() and not request.path.is_dir():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(request)

            body = Text(clean_line(str(request.path)))
            self.app.push_screen(
                ConfirmScreen("Replace the existing file?", body, yes="Replace", no="Keep"),
                answered,
            )
            return
        self._write(request)

    def _write(self, request: ExportRequest) -> None:
        error = self.query_one("#export-error", Static)
        try:
            report = self._export(request)
        except Exception as exc:  # every failure is a line in the dialog, the dialog stays
            error.update(Text(clean_line(str(exc)) or type(exc).__name__))
            return
        self.dismiss(report)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def export_dialog(
    session: Session,
    setting: Callable[[str], str | None],
    *,
    facet: tuple[str, str] | None,
    article: Article | None,
) -> ExportScreen:
    """The dialog for the reader's state: the format, scope and folder of the last export, and
    the scope of the active category or tag filter (what is on screen is what gets exported);
    the Obsidian folder used last."""
    from reader.api import (
        default_export_dir,
        export_count,
        export_quotes,
        export_to_vault,
        vault_summary,
    )

    facets = session.catalog.facets()
    current = facet or (None, None)
    folder = Path(setting("export.folder") or default_export_dir())
    if not folder.is_dir():
        folder = default_export_dir()
    scope = setting("export.scope") or "all"
    if current[0] in ("category", "tag"):
        scope = current[0]
    elif scope in ("category", "tag"):
        scope = "all"  # no filter now: not the category of an earlier filter

    def scoped(request: ExportRequest) -> dict[str, str | None]:
        return {request.scope: request.value} if request.scope != "all" else {}

    def count(request: ExportRequest) -> int:
        return export_count(session, request.fmt, **scoped(request))

    def remember(*settings: tuple[str, str]) -> None:
        for key, value in settings:
            with contextlib.suppress(StoreError):  # the export is done; only the choice is lost
                session.store.set_setting(key, value)

    def export(request: ExportRequest) -> str:
        chosen = (("export.format", request.fmt), ("export.scope", request.scope))
        if request.fmt in FOLDER_FORMATS:
            changes = export_to_vault(
                session,
                request.path,
                article=request.only("article"),
                category=request.only("category"),
                tag=request.only("tag"),
            )
            remember(*chosen, ("export.vault", str(request.path.resolve())))
            return f"Obsidian: {vault_summary(changes, request.path)}"
        _, n = export_quotes(session, request.fmt, request.path, **scoped(request))
        remember(*chosen, ("export.folder", str(request.path.parent.resolve())))
        return f"Exported {n} quote{'s' if n != 1 else ''} to {request.path}"

    return ExportScreen(
        export,
        folder=folder,
        article=(article.id, article.title) if article else None,
        categories=[entry.value for entry in facets.get("category", [])],
        tags=[entry.value for entry in facets.get("tag", [])],
        category=current[1]
        if current[0] == "category"
        else (article.categories[0] if article and article.categories else None),
        tag=current[1]
        if current[0] == "tag"
        else (article.tags[0] if article and article.tags else None),
        fmt=setting("export.format") or "md",
        scope=scope,
        count=count,
        vault=Path(vault) if (vault := setting("export.vault")) else None,
    )
