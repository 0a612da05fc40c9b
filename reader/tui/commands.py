"""The command palette (`ctrl+p`): every action of the reader, by name, from the action table.

Textual's own SystemCommandsProvider stays in the palette too, which brings "Theme" (and the
theme picked there is saved by the app).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.tui.actions import ACTIONS, keys_of


def commands(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(name, help, action) for each palette command, the keys it has now in the help."""
    out = []
    for a in ACTIONS:
        if not a.command:
            continue
        from reader.tui.screens.help import key_label

        keys = keys_of(a, keymap)
        help_text = a.help[:1].upper() + a.help[1:]
        if keys:
            help_text += f" ({key_label(keys)})"
        out.append((a.command, help_text, a.run or a.action))
    return out


class ReaderCommands(Provider):
    """Commands for every reader action (posting's commands.py is the model)."""

    def _run(self, action: str) -> None:
        # Run as a key would, on the main screen (`app.` actions on the App).
        app = self.app
        app.call_later(app.run_action, action, getattr(app, "main", app))

    def _commands(self) -> list[tuple[str, str, str]]:
        return commands(getattr(self.app, "keymap_overrides", {}))

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self._run, action),
                    text=name,
                    help=help_text,
                )
