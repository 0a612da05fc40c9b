"""Fixtures for the web tests: the user's library folder and a local test server (the CLI in
this process is the shared `run_main`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.env import IsolatedEnv


@pytest.fixture
def own_library(isolated_env: IsolatedEnv) -> Path:
    """The user's library folder in the isolated data folder (not created)."""
    return Path(isolated_env.data_dir) / "articles"


class Route:
    """What the test server answers on one path."""

    def __init__(
        self,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        etag: str = "",
        repeat: int = 1,
    ) -> None:
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status = status
        self.content_type = content_type
        self.headers = headers or {}
        self.delay = delay
        self.etag = etag
        self.repeat = repeat  # the body sent this many times (a huge response, in chunks)


class Server:
    """A local HTTP server for the tests: `routes[path] = Route(...)`; `hits` counts requests,
    `seen` keeps their headers."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # no 40 ms stall between headers and body

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server name
                import time

                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                server.seen.append((path, dict(self.headers)))
                route = server.routes.get(path)
                if route is None:
                    route = Route("not found", status=404, content_type="text/plain")
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                if route.etag:
                    self.send_header("ETag", route.etag)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(route.body) * route.repeat))
                self.end_headers()
                try:
                    for _ in range(route.repeat):
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        class QuietServer(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                # A client that hangs up early (a refused PDF, a size limit) is expected: the
                # default prints a traceback to stderr, which the CLI under test shares.
                pass

        self.httpd = QuietServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.host = host
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()
