"""The user's key overrides: the `keymap` section of `config.yaml` in the config folder.

Posting's keymap is the model: each entry names an action's id (see `reader.tui.actions`, or the
README's table) and gives it new keys, Textual style (`ctrl+b`, `f2`, several separated by
commas). Textual applies them by binding id (`App.set_keymap`); the help screen and the palette
show them too. A file that cannot be used is never half-applied: the reader says why in one line
and keeps every default key.
"""

from __future__ import annotations

import os
import re

from reader.tui.actions import ids

CONFIG_FILE = "config.yaml"
MAX_BYTES = 64 * 1024
# A key name as Textual writes them: letters, digits, `_`, `+` between modifiers, or one
# printable character (`?`, `[`).
_KEY = re.compile(r"^(?:[A-Za-z0-9_]+(?:\+[A-Za-z0-9_]+)*|[^\s,])$")


class KeymapError(Exception):
    """Why the config file's keymap was not used (one line, for the status line)."""


def config_file() -> str:
    from reader.api import config_folder

    return os.path.join(config_folder(), CONFIG_FILE)


def load_keymap(path: str | None = None) -> tuple[dict[str, str], str | None]:
    """(keymap, warning): the overrides in the config file, or {} and why not.

    No file is no keymap and no warning. YAML only through safe loading; the file is read only
    if it exists, so a start without one costs a `stat`.
    """
    path = path or config_file()
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"{path}: cannot be read ({exc.strerror or exc}); using the default keys"
    try:
        return parse_keymap(raw), None
    except KeymapError as exc:
        return {}, f"{path}: {exc}; using the default keys"


def parse_keymap(raw: bytes) -> dict[str, str]:
    """The `keymap` mapping of a config file's bytes, checked; KeymapError if unusable."""
    if len(raw) > MAX_BYTES:
        raise KeymapError(f"larger than {MAX_BYTES // 1024} KiB")
    import yaml

    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise KeymapError("not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise KeymapError(f"not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise KeymapError("expected a mapping with a `keymap` section")
    keymap = data.get("keymap", {})
    if keymap is None:
        return {}
    if not isinstance(keymap, dict):
        raise KeymapError("`keymap` must map action ids to keys")
    known = ids()
    out: dict[str, str] = {}
    for action_id, keys in keymap.items():
        if not isinstance(action_id, str) or action_id not in known:
            raise KeymapError(f"unknown action {str(action_id)[:40]!r} in `keymap`")
        if not isinstance(keys, str) or not keys.strip():
            raise KeymapError(f'`{action_id}` needs keys as text, such as "ctrl+b"')
        parts = [k.strip() for k in keys.split(",")]
        bad = next((k for k in parts if not _KEY.match(k)), None)
        if bad is not None:
            raise KeymapError(f"`{action_id}`: {bad[:20]!r} is not a key name")
        out[action_id] = ",".join(parts)
    return out
