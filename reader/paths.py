"""Every directory policyreader uses, decided in one place.

User state (precious) lives in the platformdirs *data* directory; the search index (a cache that
can always be rebuilt) lives in the *cache* directory. Both can be overridden, which the tests
always do, so that nothing ever touches the real home directory.

The folders are worked out as strings on `os` alone (the `search` command's lean path uses
them); the `Path` forms the rest of the program uses are made from those.
"""

from __future__ import annotations

import os
import sys

from reader.errors import ReaderError
from reader.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

APP_NAME = "policyreader"

ENV_DATA_DIR = "POLICYREADER_DATA_DIR"
ENV_CACHE_DIR = "POLICYREADER_CACHE_DIR"
ENV_ARTICLES = "POLICYREADER_ARTICLES"
ENV_CONFIG_DIR = "POLICYREADER_CONFIG_DIR"


def bundled_articles_folder() -> str:
    """The bundled library: inside the wheel, or the repository's `articles/` when run from source."""
    here = os.path.dirname(os.path.realpath(__file__))
    installed = os.path.join(here, "_bundled_articles")
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(here), "articles")


def bundled_articles_dir() -> Path:
    from pathlib import Path

    return Path(bundled_articles_folder())


def resolve_folders(dirs: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Library folders made absolute with links resolved, repeats dropped (the first wins)."""
    seen: dict[str, None] = {}
    for d in dirs:
        folder = os.path.expanduser(os.fspath(d) or ".")
        try:
            real = os.path.realpath(folder)
        except OSError:  # relative, and the working folder is gone: reported as missing
            real = folder
        seen.setdefault(real)
    return list(seen)


def env_article_folders() -> list[str]:
    """Library folders from POLICYREADER_ARTICLES (os.pathsep-separated, empty parts ignored)."""
    raw = os.environ.get(ENV_ARTICLES, "")
    return [part for part in raw.split(os.pathsep) if part.strip()]


def library_folders(
    articles: list[str] | None, no_bundled: bool, data_dir: str | None = None
) -> list[str]:
    """The library folders in priority order: bundled, the user's own library (once it
    exists), --articles, POLICYREADER_ARTICLES."""
    dirs = [] if no_bundled else [bundled_articles_folder()]
    try:
        own = user_library_folder(data_dir)
    except ReaderError:  # no findable home: the data folder's own error comes when it is used
        own = None
    if own is not None and os.path.isdir(own):
        dirs.append(own)
    return resolve_folders(dirs + list(articles or []) + env_article_folders())


USER_LIBRARY = "articles"
BUNDLED_NAME = "Bundled"
USER_LIBRARY_NAME = "My library"


def library_names(roots: list[str], data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """A name for each library folder, as the library tree and `list --library` give them:
    "Bundled", "My library" (the user's own folder), else the folder's name. Folders that
    share a name are told apart by their parent folder's name (then by a number)."""
    bundled = resolve_folders([bundled_articles_folder()])[0]
    try:
        own: str | None = resolve_folders([user_library_folder(data_dir)])[0]
    except ReaderError:
        own = None
    fixed = {bundled: BUNDLED_NAME, own: USER_LIBRARY_NAME}
    names = [fixed.get(root) or os.path.basename(root.rstrip(os.sep)) or root for root in roots]
    # The two names are the two libraries' alone, whether or not they are in use.
    taken = {BUNDLED_NAME.casefold(), USER_LIBRARY_NAME.casefold()}
    shared = [name.casefold() for root, name in zip(roots, names, strict=True) if root not in fixed]
    for n, root in enumerate(roots):
        if root in fixed:
            continue
        name = names[n]
        if name.casefold() in taken or shared.count(name.casefold()) > 1:
            parent = os.path.basename(os.path.dirname(root.rstrip(os.sep)))
            name = f"{name} ({parent})" if parent else name
        base, number = name, 2
        while name.casefold() in taken:
            name, number = f"{base} {number}", number + 1
        taken.add(name.casefold())
        names[n] = name
    return names


def data_folder(data_dir: str | os.PathLike[str] | None = None) -> str:
    """The data directory: --data-dir, POLICYREADER_DATA_DIR, else the platform's user data
    folder (worked out as platformdirs does, without importing it on Linux)."""
    data = data_dir or os.environ.get(ENV_DATA_DIR) or None
    if data:
        return expand_user(os.fspath(data), "data folder")
    return xdg_data_folder() or str(default_data_dir())


def user_library_folder(data_dir: str | os.PathLike[str] | None = None) -> str:
    """The user's own library: the articles policyreader adds, `articles/` in the data folder
    (precious, like the state: never in the cache)."""
    return os.path.join(data_folder(data_dir), USER_LIBRARY)


def xdg_data_folder() -> str | None:
    """On Linux, the user data folder as platformdirs finds it ($XDG_DATA_HOME, else
    ~/.local/share); None where only platformdirs knows (other systems, an unusual value)."""
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    if hasattr(sys, "getandroidapilevel"):
        return None
    base = os.environ.get("XDG_DATA_HOME", "")
    if base.strip():
        if not base.startswith("/"):
            return None  # platformdirs takes it as given: let it decide
    else:
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = os.path.join(home.rstrip("/") or "/", ".local", "share")
    return os.path.join(base, APP_NAME)


def cache_folder() -> str:
    """The cache directory: POLICYREADER_CACHE_DIR, else the platform's user cache folder."""
    cache = os.environ.get(ENV_CACHE_DIR)
    if cache:
        return expand_user(cache, ENV_CACHE_DIR)
    return xdg_cache_folder() or str(default_cache_dir())


def expand_user(path: str, source: str) -> str:
    """`~` and `~user` expanded; a clear error for a home folder that cannot be found."""
    expanded = os.path.expanduser(path)
    if expanded.startswith("~"):
        raise ReaderError(f"{source}: cannot find the home folder in {path!r}")
    return expanded


def xdg_cache_folder() -> str | None:
    """On Linux, the user cache folder by the XDG rule platformdirs follows ($XDG_CACHE_HOME
    if absolute, else ~/.cache), without importing platformdirs, which costs a `search` a
    third of its time; None where the answer takes platformdirs (other systems, no home)."""
    return xdg_folder("XDG_CACHE_HOME", ".cache")


def xdg_folder(variable: str, default: str) -> str | None:
    """policyreader's folder under an XDG base directory ($variable if absolute, else
    ~/default), as platformdirs works it out on Linux; None elsewhere (see xdg_cache_folder)."""
    if sys.platform != "linux" or "ANDROID_DATA" in os.environ:
        return None
    if hasattr(sys, "getandroidapilevel"):  # an Android build, whatever its environment
        return None
    base = os.environ.get(variable, "")
    if not base.startswith("/"):
        home = os.environ.get("HOME", "")
        if not home.startswith("/"):
            return None
        base = os.path.join(home.rstrip("/") or "/", default)
    return os.path.join(base, APP_NAME)


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def config_folder() -> str:
    """The config directory (the reader's keymap): POLICYREADER_CONFIG_DIR, else the
    platform's user config folder."""
    folder = os.environ.get(ENV_CONFIG_DIR)
    if folder:
        return expand_user(folder, ENV_CONFIG_DIR)
    xdg = xdg_folder("XDG_CONFIG_HOME", ".config")
    if xdg is not None:
        return xdg
    from platformdirs import user_config_dir

    return user_config_dir(APP_NAME, appauthor=False)


def default_export_dir() -> Path:
    """Where the export dialog suggests writing: the user's documents folder, else home."""
    from pathlib import Path

    from platformdirs import user_documents_path

    try:
        path = user_documents_path()
    except Exception:  # platformdirs can fail on odd XDG set-ups; home is a sane fallback
        path = Path.home()
    return path if path.is_dir() else Path.home()


class Paths(Record):
    """The resolved directories for one run."""

    __slots__ = ("data_dir", "cache_dir")

    def __init__(self, data_dir: Path, cache_dir: Path) -> None:
        self.data_dir = data_dir
        self.cache_dir = cache_dir

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.sqlite3"

    @property
    def library_dir(self) -> Path:
        """The user's own library folder (see `user_library_folder`)."""
        return self.data_dir / USER_LIBRARY

    @property
    def index_dir(self) -> Path:
        return self.cache_dir / "index"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        """Command-line option first, then environment, then platformdirs."""
        from pathlib import Path

        return cls(data_dir=Path(data_folder(data_dir)), cache_dir=Path(cache_folder()))
