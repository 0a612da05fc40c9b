"""Getting pages and feeds over HTTP, carefully (httpx).

Every request names policyreader and its version, has a connect timeout and a total one, follows
at most `MAX_REDIRECTS` redirects and only to http(s), stops past `MAX_BYTES` (counted after
decompression, so a compressed bomb stops too), and asks for gzip/brotli. At most `CONCURRENCY`
requests run at once and `PER_HOST` to one host. Feeds are fetched conditionally (ETag,
Last-Modified): an unchanged feed answers 304 with no body.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.errors import ReaderError
from reader.records import Record

USER_AGENT = f"policyreader/{__version__} (terminal reader for policy articles)"
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
CONCURRENCY = 4
PER_HOST = 2
DEFAULT_TIMEOUT = 30.0
CONNECT_TIMEOUT = 10.0
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

T = TypeVar("T")
R = TypeVar("R")


class FetchError(ReaderError):
    """A request that failed; the message is one line naming the address and the reason."""


class Response(Record):
    """A finished request: the final address, status, content type, body and validators."""

    __slots__ = ("url", "status", "content_type", "body", "etag", "last_modified", "headers")

    def __init__(
        self,
        url: str,
        status: int,
        content_type: str = "",
        body: bytes = b"",
        etag: str = "",
        last_modified: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.status = status
        self.content_type = content_type
        self.body = body
        self.etag = etag
        self.last_modified = last_modified
        self.headers: dict[str, str] = headers or {}

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def check_address(url: str) -> str:
    """The address if it is http(s) with a host; FetchError otherwise."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(f"{url}: not a web address") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https addresses can be fetched")
    return url


def describe_type(content_type: str) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/pdf":
        return "a PDF"
    if kind.startswith("image/"):
        return "an image"
    if kind.startswith(("audio/", "video/")):
        return f"{kind.split('/')[0]}"
    return kind or "of no stated type"


class Retriever:
    """One HTTP client for a command: limits, timeouts and concurrency in one place."""

    def __init__(
        self,
        timeout: float = DEFAULT_TIMEOUT,
        *,
        max_bytes: int = MAX_BYTES,
        concurrency: int = CONCURRENCY,
        per_host: int = PER_HOST,
    ) -> None:
        import httpx

        self.timeout = timeout
        self.max_bytes = max_bytes
        self.concurrency = concurrency
        self.per_host = per_host
        self._httpx = httpx
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout, connect=min(CONNECT_TIMEOUT, timeout)),
            follow_redirects=False,
            limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
            trust_env=False,  # no proxy or .netrc credentials picked up behind the user's back
        )
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Retriever:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(self.per_host)
            return slot

    def get(
        self,
        url: str,
        *,
        html_only: bool = False,
        etag: str = "",
        last_modified: str = "",
        accept: str = HTML_ACCEPT,
    ) -> Response:
        """GET `url` within the limits; FetchError with a one-line reason on any failure.

        `html_only`: anything but an HTML page (a PDF, an image) is refused by its type.
        `etag`/`last_modified`: a conditional request; a 304 comes back as a Response."""
        check_address(url)
        deadline = time.monotonic() + self.timeout
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            with self._host_slot(current):
                result = self._once(current, headers, deadline, html_only)
            if isinstance(result, Response):
                return result
            target = urljoin(current, result)
            try:
                check_address(target)
            except FetchError:
                raise FetchError(f"{url}: redirected to a non-web address ({target})") from None
            current = target
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _once(
        self, url: str, headers: dict[str, str], deadline: float, html_only: bool
    ) -> Response | str:
        """One request: the Response, or the address a redirect points to."""
        httpx = self._httpx
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                if r.status_code in (301, 302, 303, 307, 308) and "location" in r.headers:
                    return r.headers["location"]
                ctype = r.headers.get("content-type", "")
                if r.status_code == 304:
                    return Response(str(r.url), 304, ctype)
                if r.status_code >= 400:
                    reason = r.reason_phrase or ""
                    raise FetchError(f"{url}: HTTP {r.status_code} {reason}".rstrip())
                if html_only and ctype and ctype.split(";")[0].strip().lower() not in HTML_TYPES:
                    raise FetchError(
                        f"{url}: the address is {describe_type(ctype)}, not a web page "
                        "(only HTML pages can be added)"
                    )
                declared = r.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: larger than the {self._limit()} limit")
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"{url}: larger than the {self._limit()} limit")
                    if time.monotonic() > deadline:
                        raise FetchError(f"{url}: timed out after {self.timeout:g} s")
                return Response(
                    str(r.url),
                    r.status_code,
                    ctype,
                    bytes(body),
                    r.headers.get("etag", ""),
                    r.headers.get("last-modified", ""),
                    dict(r.headers),
                )
        except FetchError:
            raise
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {self.timeout:g} s") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"{url}: cannot connect ({_short(exc)})") from None
        except httpx.DecodingError:
            raise FetchError(f"{url}: the response could not be decompressed") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as exc:
            raise FetchError(f"{url}: {_short(exc) or type(exc).__name__}") from None

    def _limit(self) -> str:
        mb = self.max_bytes / (1024 * 1024)
        return f"{mb:g} MB" if mb >= 1 else f"{self.max_bytes} byte"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | Exception]]:
        """`fn` over `items` on up to `concurrency` threads, each (item, result or the
        exception it raised) as it finishes: one failure never stops the others."""
        items = list(items)
        if not items:
            return

        def call(item: T) -> tuple[T, R | Exception]:
            try:
                return item, fn(item)
            except Exception as exc:  # reported by the caller, per item
                return item, exc

        from concurrent.futures import as_completed

        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            futures = [pool.submit(call, item) for item in items]
            for future in as_completed(futures):
                yield future.result()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:200]
