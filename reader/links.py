"""Which links the reader may hand to a browser: absolute http and https URLs, nothing else.

An article's front matter is untrusted input: a `source_url` of `javascript:...`, `file:///...`,
a custom scheme that launches a program, or a URL carrying control characters must never reach
the system's URL opener.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

MAX_URL = 2048
SAFE_SCHEMES = frozenset({"http", "https"})
_BAD_CHARS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def browser_available() -> bool:
    """Whether the system has a web browser to hand a link to. Without one (over ssh, in a
    container) opening a link does nothing at all, so the reader says so instead."""
    import webbrowser  # only when a link is opened: the start does not pay for it

    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


def is_safe_url(url: object) -> bool:
    """True for an absolute http(s) URL with a host and no whitespace or control characters."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL or _BAD_CHARS.search(url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.hostname) and "\\" not in url
