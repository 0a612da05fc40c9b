"""The user's settings file, `config.yaml` in the config folder: the default citation style.

The file is the user's (the reader's keymap lives there too): a setting is changed by
rewriting only its own line, so comments and everything else are kept as written.
"""

from __future__ import annotations

import os
import re

from reader.errors import ReaderError

DEFAULT_STYLE = "apa"
CONFIG_FILE = "config.yaml"
CONFIG_KEY = "citation_style"


class ConfigError(ReaderError):
    """The settings file cannot be read or written (one line, for the user)."""


def config_file() -> str:
    """config.yaml in the config folder (the file the reader's keymap is read from)."""
    from reader.paths import config_folder

    return os.path.join(config_folder(), CONFIG_FILE)


def default_style(path: str | None = None) -> str:
    """The user's citation style (`citation_style:` in config.yaml), else APA."""
    path = path or config_file()
    try:
        with open(path, "rb") as fh:
            raw = fh.read(64 * 1024)
    except OSError:
        return DEFAULT_STYLE
    import yaml

    try:
        data = yaml.safe_load(raw.decode("utf-8", "replace"))
    except yaml.YAMLError:
        return DEFAULT_STYLE
    value = data.get(CONFIG_KEY) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else DEFAULT_STYLE


def set_default_style(style: str, path: str | None = None) -> str:
    """Save the default style in config.yaml, changing only its `citation_style:` line (the
    rest of the file, comments and the keymap, is kept as written). Returns the file."""
    path = path or config_file()
    import json

    line = f"{CONFIG_KEY}: {json.dumps(style, ensure_ascii=False)}\n"
    try:
        with open(path, encoding="utf-8") as fh:
            old = fh.read()
    except FileNotFoundError:
        old = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    pattern = re.compile(rf"^{CONFIG_KEY}[ \t]*:.*(?:\n|$)", re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _m: line, old, count=1)
    else:
        new = old + ("" if not old or old.endswith("\n") else "\n") + line
    _write_config(path, new)
    return path


def _write_config(path: str, text: str) -> None:
    """Atomically: a temporary file in the same folder, then a rename over the old one."""
    from reader.atomic import replace_file

    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{folder}: cannot write here ({exc.strerror})") from None
    replace_file(path, text, ConfigError)
