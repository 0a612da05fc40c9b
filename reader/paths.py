"""Every directory policyreader uses, decided in one place.

User state (precious) lives in the platformdirs *data* directory; the search index (a cache that
can always be rebuilt) lives in the *cache* directory. Both can be overridden, which the tests
always do, so that nothing ever touches the real home directory.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

APP_NAME = "policyreader"

ENV_DATA_DIR = "POLICYREADER_DATA_DIR"
ENV_CACHE_DIR = "POLICYREADER_CACHE_DIR"
ENV_ARTICLES = "POLICYREADER_ARTICLES"


def bundled_articles_dir() -> Path:
    """The bundled library: inside the wheel, or the repository's `articles/` when run from source."""
    here = Path(__file__).resolve().parent
    installed = here / "_bundled_articles"
    if installed.is_dir():
        return installed
    return here.parent / "articles"


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def default_export_dir() -> Path:
    """Where the export dialog suggests writing: the user's documents folder, else home."""
    from platformdirs import user_documents_path

    try:
        path = user_documents_path()
    except Exception:  # platformdirs can fail on odd XDG set-ups; home is a sane fallback
        path = Path.home()
    return path if path.is_dir() else Path.home()


class Paths(NamedTuple):
    """The resolved directories for one run."""

    data_dir: Path
    cache_dir: Path

    @property
    def state_db(self) -> Path:
        return self.data_dir / "state.sqlite3"

    @property
    def index_dir(self) -> Path:
        return self.cache_dir / "index"

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Paths:
        """Command-line option first, then environment, then platformdirs."""
        data = data_dir or os.environ.get(ENV_DATA_DIR) or None
        cache = os.environ.get(ENV_CACHE_DIR) or None
        return cls(
            data_dir=Path(data).expanduser() if data else default_data_dir(),
            cache_dir=Path(cache).expanduser() if cache else default_cache_dir(),
        )


def env_article_dirs() -> list[Path]:
    """Library folders from POLICYREADER_ARTICLES (os.pathsep-separated, empty parts ignored)."""
    raw = os.environ.get(ENV_ARTICLES, "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]
