"""Links open only for http and https."""

from __future__ import annotations

import pytest

from reader.links import is_safe_url


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/a?b=c#d",
        "https://example.org:8080/x",
        "https://[::1]/x",
        "https://xn--bcher-kva.example/",
        "https://example.org/path%20with%20escapes",
    ],
)
def test_http_and_https_are_safe(url: str) -> None:
    assert is_safe_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "vbscript:x",
        "ftp://example.org/",
        "mailto:a@b.c",
        "ssh://host",
        "smb://host/share",
        "x-custom-app://launch",
        "//example.org/no-scheme",
        "example.org",
        "/relative/path",
        "https://",
        "https:///path-only",
        "http:example.org",
        "https:\\\\evil.example\\x",
        "https://example.org/\x1b]0;pwned\x07",
        "https://example.org/a b",
        "https://exa\nmple.org",
        "https://example.org/\u202egnp.exe",
        "https://example.org:notaport/",
        "https://[::1/",
        " https://example.org",
        "https://example.org/" + "a" * 5000,
        None,
        42,
        " javascript:alert(1)",
        "\x00https://example.org",
    ],
)
def test_everything_else_is_not(url: object) -> None:
    assert not is_safe_url(url)
