"""Benchmarks of adding from the web: extraction quality and speed, and feed fetching.

    python -m bench.web [--out bench/web-results.json] [--runs 2]

- Extraction: `policyreader add` of the 181 pages of ../shared/extraction-benchmark/ (saved
  as .html files in a temporary folder), scored by that benchmark's F1 over 4-word shingles on
  the body of each article written (its plain text as the reader shows it, figure captions left
  out: the ground truth has none); pages per second; and its time against trafilatura's own
  extraction of the same pages (`trafilatura.extract`, Markdown with metadata) in the same run.
- Fetch: 3 feeds of 100 summary-only entries each, on three local hosts that answer every
  request after 50 ms; the time of `policyreader fetch` against the ideal: requests divided by
  the concurrency allowed (4 at once, 2 per host), times 50 ms.

Skipped, with a message, when the extraction benchmark's data is not there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench import extraction

HERE = Path(__file__).resolve().parent
DELAY = 0.05
FEEDS, ENTRIES = 3, 100
ADD_TARGET, FETCH_TARGET, F1_TARGET, F1_GOAL = 1.3, 1.5, 0.96, 0.97


def _quiet_main(argv: list[str]) -> tuple[int, str, str]:
    from reader.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def bench_extraction(runs: int) -> dict:
    if not extraction.available():
        return {"skipped": f"no extraction benchmark data at {extraction.DATA}"}
    import trafilatura

    from reader.library import parse_file
    from reader.text import parse

    pages = extraction.pages()
    with tempfile.TemporaryDirectory(prefix="policyreader-bench-") as tmp:
        files = []
        for name, raw, _url, _truth in pages:
            path = Path(tmp, "pages", f"{name}.html")
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(raw)
            files.append(str(path))
        reference, ours = [], []
        outcome: list = []
        for run in range(runs):
            started = time.perf_counter()
            for _name, raw, url, _truth in pages:
                trafilatura.extract(raw, url=url, output_format="markdown", with_metadata=True)
            reference.append(time.perf_counter() - started)
            data = Path(tmp, f"data{run}")
            env = {"POLICYREADER_DATA_DIR": str(data), "POLICYREADER_CACHE_DIR": str(data / "c")}
            with _env(env):
                started = time.perf_counter()
                code, out, err = _quiet_main(["--no-bundled", "add", "--json", *files])
                ours.append(time.perf_counter() - started)
            outcome = json.loads(out) if out.strip() else []
        results, failed = [], 0
        by_order = iter(outcome)
        errors = [ln for ln in err.splitlines() if ": error: " in ln]
        failed_files = {ln.split(": error: ", 1)[1].split(":", 1)[0] for ln in errors}
        for path, (_name, _raw, _url, truth) in zip(files, pages, strict=True):
            if path in failed_files:
                failed += 1
                results.append(("", truth))
                continue
            obj = next(by_order)
            body = parse_file(obj["path"]).body
            doc = parse(body)
            text = "\n\n".join(
                doc.block_text(b) for b in doc.blocks if b.kind not in ("figure", "rule")
            )
            results.append((text, truth))
    scores = extraction.score(results)
    best_ours, best_ref = min(ours), min(reference)
    return {
        "pages": len(pages),
        "failed": failed,
        "duplicates": sum(1 for o in outcome if o.get("status") == "duplicate"),
        **{k: round(v, 4) for k, v in scores.items()},
        "add_seconds": round(best_ours, 2),
        "trafilatura_seconds": round(best_ref, 2),
        "pages_per_second": round(len(pages) / best_ours, 1),
        "ratio": round(best_ours / best_ref, 2),
        "exit_code": code,
    }


@contextlib.contextmanager
def _env(values: dict[str, str]):  # noqa: ANN202
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _feed(base: str, host_no: int) -> str:
    items = "".join(
        f"<item><title>Host {host_no} post {n}</title><link>{base}/posts/{n}</link>"
        f"<guid>{base}/posts/{n}</guid><description>Summary {n}.</description></item>"
        for n in range(ENTRIES)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>Feed {host_no}</title><link>{base}/</link><description>d</description>"
        f"{items}</channel></rss>"
    )


def _page(title: str) -> str:
    para = (
        "<p>Councils face a funding gap that grows every year, and the choices they make about "
        "social care, housing and transport shape the lives of millions of residents.</p>"
    )
    return (
        f"<html lang='en'><head><title>{title}</title></head><body><nav><a href='/'>Home</a>"
        f"</nav><article><h1>{title}</h1>{para * 6}</article><footer>(c)</footer></body></html>"
    )


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # else a 40 ms stall between headers and body
    requests = 0
    lock = threading.Lock()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        time.sleep(DELAY)
        with _Slow.lock:
            _Slow.requests += 1
        host = self.server.server_address[0]  # type: ignore[attr-defined]
        base = f"http://{host}:{self.server.server_address[1]}"  # type: ignore[attr-defined]
        host_no = int(host.rsplit(".", 1)[1])
        if self.path == "/feed.xml":
            body, ctype = _feed(base, host_no).encode(), "application/rss+xml"
        else:
            body, ctype = _page(f"Host {host_no} {self.path}").encode(), "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def bench_fetch() -> dict:
    servers = []
    try:
        for n in range(1, FEEDS + 1):
            httpd = ThreadingHTTPServer((f"127.0.0.{n}", 0), _Slow)
            httpd.daemon_threads = True
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            servers.append(httpd)
        with tempfile.TemporaryDirectory(prefix="policyreader-bench-") as tmp:
            env = {"POLICYREADER_DATA_DIR": tmp, "POLICYREADER_CACHE_DIR": str(Path(tmp, "c"))}
            with _env(env):
                for s in servers:
                    host, port = s.server_address[:2]
                    code, _, err = _quiet_main(["feeds", "add", f"http://{host}:{port}/feed.xml"])
                    assert code == 0, err
                _Slow.requests = 0
                started = time.perf_counter()
                code, _, err = _quiet_main(["--no-bundled", "fetch"])
                elapsed = time.perf_counter() - started
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()
    from reader.web.retrieve import CONCURRENCY, PER_HOST

    concurrency = min(CONCURRENCY, PER_HOST * FEEDS)
    ideal = _Slow.requests / concurrency * DELAY
    return {
        "feeds": FEEDS,
        "entries": FEEDS * ENTRIES,
        "requests": _Slow.requests,
        "seconds": round(elapsed, 2),
        "ideal_seconds": round(ideal, 2),
        "ratio": round(elapsed / ideal, 2),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
        "exit_code": code,
    }


def table(results: dict) -> str:
    lines = []
    ex = results["extraction"]
    if "skipped" in ex:
        lines.append(f"extraction: skipped ({ex['skipped']})")
    else:
        f1 = ex["f1"]
        verdict = "holds" if f1 >= F1_TARGET else "MISSES"
        lines.append(
            f"extraction F1 {f1:.4f} (precision {ex['precision']:.4f}, recall {ex['recall']:.4f}) "
            f"on {ex['pages']} pages: target >= {F1_TARGET}, goal {F1_GOAL}: {verdict}"
        )
        verdict = "holds" if ex["ratio"] <= ADD_TARGET else "MISSES"
        lines.append(
            f"add: {ex['add_seconds']} s, {ex['pages_per_second']} pages/s; trafilatura alone "
            f"{ex['trafilatura_seconds']} s; ratio {ex['ratio']}x (target <= {ADD_TARGET}x): "
            f"{verdict}"
        )
    fe = results["fetch"]
    verdict = "holds" if fe["ratio"] <= FETCH_TARGET else "MISSES"
    lines.append(
        f"fetch: {fe['feeds']} feeds x {ENTRIES} entries, {fe['requests']} requests in "
        f"{fe['seconds']} s; ideal {fe['ideal_seconds']} s; ratio {fe['ratio']}x "
        f"(target <= {FETCH_TARGET}x): {verdict}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.web", description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=2, help="timed runs of each (the best is kept)")
    p.add_argument("--out", type=Path, default=HERE / "web-results.json")
    args = p.parse_args(argv)
    results = {"extraction": bench_extraction(args.runs), "fetch": bench_fetch()}
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
