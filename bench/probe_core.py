"""In-process measurements of the core, each run in a fresh process by bench.run.

    python -m bench.probe_core cold DIR          cold index build (empty cache dir)
    python -m bench.probe_core warm DIR          start with nothing changed
    python -m bench.probe_core latency DIR       search latency over QUERIES
    python -m bench.probe_core readall DIR       reference: read every article file

Each prints one JSON object. The cache and data directories come from the environment
(POLICYREADER_CACHE_DIR, POLICYREADER_DATA_DIR), which bench.run points into bench/.work.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

# rare (a few articles), common (most articles), phrase and multi-word queries
QUERIES = {
    "rare": ["zelsidubo", "narviquin", "kelvibran"],
    "common": ["housing", "policy", "evidence", "hous*"],
    "phrase": ['"public services"', '"social value"', '"local authority"'],
    "words": ["social value", "criminal justice reform", "tenants rent"],
}


def _session(root: str, refresh: bool = True):  # noqa: ANN202
    from reader.session import Session

    return Session.open(articles=[root], no_bundled=True, refresh=refresh)


def cold(root: str) -> dict[str, object]:
    """A first build: bench.run empties the cache dir before each run."""
    out = warm(root)
    out["per_s"] = out["read"] / out["seconds"]
    return out


def warm(root: str) -> dict[str, object]:
    t0 = time.perf_counter()
    from reader.catalog import Catalog
    from reader.paths import Paths, library_folders

    cat = Catalog(library_folders([root], True), Paths.resolve().index_dir)
    reports = cat.refresh()
    t1 = time.perf_counter()
    return {"seconds": t1 - t0, "read": sum(r.read for r in reports), "articles": len(cat.articles)}


def latency(root: str, rounds: int = 5) -> dict[str, object]:
    s = _session(root)
    cat = s.catalog
    times: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for q in (q for qs in QUERIES.values() for q in qs):  # warm-up: first query opens pages
        cat.search(q, 20)
    for _ in range(rounds):
        for kind, qs in QUERIES.items():
            for q in qs:
                t = time.perf_counter()
                found = cat.search(q, 20)
                times.setdefault(f"{kind}:{q}", []).append(time.perf_counter() - t)
                hits[q] = len(found)
    flat = sorted(x for v in times.values() for x in v)
    s.close()
    return {
        "median": statistics.median(flat),
        "p95": flat[min(len(flat) - 1, int(round(0.95 * (len(flat) - 1))))],
        "max": flat[-1],
        "min": flat[0],
        "per_query": {k: statistics.median(v) for k, v in times.items()},
        "hits": hits,
        "samples": len(flat),
    }


def readall(root: str) -> dict[str, object]:
    """Reference: open and read every .md file (what any tool must do at least once)."""
    t = time.perf_counter()
    n = 0
    size = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), "rb") as fh:
                    size += len(fh.read())
                n += 1
    return {"seconds": time.perf_counter() - t, "files": n, "bytes": size}


def substring_scan(root: str, limit: int = 20_000) -> dict[str, object]:
    """Reference for search latency: a casefolded substring test over texts held in memory."""
    texts: list[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            if name.endswith(".md") and len(texts) < limit:
                texts.append(Path(folder, name).read_text("utf-8").casefold())
    times = []
    for qs in QUERIES.values():
        for q in qs:
            needle = q.strip('"*').casefold()
            t = time.perf_counter()
            sum(1 for x in texts if needle in x)
            times.append(time.perf_counter() - t)
    return {"median": statistics.median(times), "files": len(texts)}


def main(argv: list[str]) -> int:
    cmd, root = argv[0], argv[1]
    fn = {
        "cold": cold,
        "warm": warm,
        "latency": latency,
        "readall": readall,
        "substring": substring_scan,
    }[cmd]
    sys.stdout.write(json.dumps(fn(root)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
