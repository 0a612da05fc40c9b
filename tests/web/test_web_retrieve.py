"""HTTP, carefully: user agent, redirects, size and type limits, timeouts, compression,
conditional requests and concurrency, all against a local server."""

from __future__ import annotations

import gzip
import threading
import time

import pytest

from reader import __version__
from reader.web.retrieve import FetchError, Retriever

from .conftest import Route

PAGE = "<html><body><p>hello</p></body></html>"


def test_user_agent_names_policyreader(server) -> None:
    server.routes["/"] = Route(PAGE)
    with Retriever(5) as r:
        resp = r.get(server.url("/"))
    assert resp.status == 200 and resp.body == PAGE.encode()
    agent = server.seen[-1][1]["User-Agent"]
    assert agent.startswith(f"policyreader/{__version__}")
    assert "gzip" in server.seen[-1][1]["Accept-Encoding"]
    assert "br" in server.seen[-1][1]["Accept-Encoding"]


def test_redirects_are_followed_up_to_five(server) -> None:
    for n in range(6):
        server.routes[f"/r{n}"] = Route(status=302, headers={"Location": f"/r{n + 1}"})
    server.routes["/r6"] = Route(PAGE)
    with Retriever(5) as r:
        assert r.get(server.url("/r1")).url == server.url("/r6")  # five redirects
        with pytest.raises(FetchError, match="more than 5 redirects"):
            r.get(server.url("/r0"))  # six


def test_redirect_to_another_scheme_is_refused(server) -> None:
    server.routes["/file"] = Route(status=301, headers={"Location": "file:///etc/passwd"})
    with Retriever(5) as r, pytest.raises(FetchError, match="non-web address"):
        r.get(server.url("/file"))


def test_only_http_addresses(server) -> None:
    with Retriever(5) as r:
        for url in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"):
            with pytest.raises(FetchError, match="only http and https"):
                r.get(url)


def test_size_limit_declared_and_streamed(server) -> None:
    server.routes["/big"] = Route(b"x" * 1024, repeat=64)  # 64 KiB, declared
    with Retriever(5, max_bytes=16 * 1024) as r, pytest.raises(FetchError, match="larger than"):
        r.get(server.url("/big"))
    # A compressed response that inflates past the limit is stopped too.
    bomb = gzip.compress(b"<p>" + b"a" * 200_000)
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with Retriever(5, max_bytes=64 * 1024) as r, pytest.raises(FetchError, match="larger than"):
        r.get(server.url("/bomb"))


def test_gzip_is_decoded(server) -> None:
    server.routes["/gz"] = Route(gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
    with Retriever(5) as r:
        assert r.get(server.url("/gz")).body == PAGE.encode()


def test_only_html_for_pages(server) -> None:
    server.routes["/pdf"] = Route(b"%PDF-1.7", content_type="application/pdf")
    server.routes["/png"] = Route(b"\x89PNG", content_type="image/png")
    with Retriever(5) as r:
        with pytest.raises(FetchError, match="is a PDF, not a web page"):
            r.get(server.url("/pdf"), html_only=True)
        with pytest.raises(FetchError, match="is an image, not a web page"):
            r.get(server.url("/png"), html_only=True)


def test_errors_are_one_line(server) -> None:
    server.routes["/gone"] = Route("gone", status=410, content_type="text/plain")
    with Retriever(5) as r:
        with pytest.raises(FetchError, match="HTTP 410"):
            r.get(server.url("/gone"))
        with pytest.raises(FetchError, match="cannot connect"):
            r.get("http://127.0.0.1:9/")  # the discard port: nothing listens


def test_timeout(server) -> None:
    server.routes["/slow"] = Route(PAGE, delay=1.5)
    with Retriever(0.3) as r, pytest.raises(FetchError, match="timed out after 0.3 s"):
        r.get(server.url("/slow"))


def test_conditional_request_gets_304(server) -> None:
    server.routes["/feed"] = Route("<rss/>", content_type="application/rss+xml", etag='"v1"')
    with Retriever(5) as r:
        first = r.get(server.url("/feed"))
        assert first.etag == '"v1"'
        again = r.get(server.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b""
    assert server.seen[-1][1]["If-None-Match"] == '"v1"'


def test_at_most_two_per_host_and_four_at_once(server) -> None:
    active = {"now": 0, "most": 0}
    lock = threading.Lock()
    original = Retriever._once

    def counting(self, *args, **kwargs):  # noqa: ANN001, ANN202
        with lock:
            active["now"] += 1
            active["most"] = max(active["most"], active["now"])
        try:
            time.sleep(0.05)
            return original(self, *args, **kwargs)
        finally:
            with lock:
                active["now"] -= 1

    server.routes["/p"] = Route(PAGE)
    Retriever._once = counting
    try:
        with Retriever(5) as r:
            results = list(r.map(lambda _: r.get(server.url("/p")), range(8)))
    finally:
        Retriever._once = original
    assert all(not isinstance(res, Exception) for _, res in results)
    assert active["most"] == 2  # one host: two at a time
