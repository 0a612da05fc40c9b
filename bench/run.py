"""The benchmark: every figure next to its reference, measured in the same run.

    python -m bench.run [--sizes 1000,10000] [--quick] [--runs N] [--out bench/results.json]

Libraries are generated once into bench/libraries/ (by bench.generate, fixed seed); caches and
state go to bench/.work/ (never the real home). Each figure is the median of several runs, with
min and max; whole-process figures alternate the command and its reference (A B A B ...), and
the ratio is taken pair by pair, so a comparison holds when the machine's speed drifts.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import library, make_long_article
from bench.probe_core import QUERIES

HERE = Path(__file__).resolve().parent
LIBRARIES = HERE / "libraries"
WORK = HERE / ".work"
PY = sys.executable
BIN = Path(PY).parent
SEARCH_QUERIES = ["kelvibran", "housing", '"public services"', "criminal justice reform"]

TARGETS = {
    "tui_start_vs_minimal": 1.5,
    "tui_start_vs_minimal_100k": 2.0,
    "tui_start_vs_bundled": 1.2,
    "search_vs_rg": 1.0,
    "latency_p95_ms": 20.0,
    "cold_per_s": 1000.0,
    "memory_mib": 120.0,
    "long_open_s": 0.5,
    # keys in the running reader (bench.tui_keys), each against its reference in one process
    "outline_vs_open": 1.1,
    "follow_vs_open": 1.1,
    "sort_vs_list": 1.2,
    "filter_vs_list": 1.2,
}
# (figure, reference, target): the keys' ratios, as bench.tui_keys names its figures
KEY_RATIOS = {
    "outline_vs_open": ("outline", "open"),
    "follow_vs_open": ("follow", "open_target"),
    "links_vs_open": ("links", "open_target"),  # shown, not judged
    "sort_vs_list": ("sort", "list_all"),
    "filter_vs_list": ("filter", "list_all"),
}


# --- running things ----------------------------------------------------------------------------


def _env(size_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env["POLICYREADER_CACHE_DIR"] = str(WORK / size_key / "cache")
    env["POLICYREADER_DATA_DIR"] = str(WORK / size_key / "data")
    env.pop("POLICYREADER_ARTICLES", None)
    env["PYTHONPATH"] = str(HERE.parent) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _core(cmd: str, root: Path, env: dict[str, str]) -> dict:
    out = subprocess.run(
        [PY, "-m", "bench.probe_core", cmd, str(root)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=HERE.parent,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=HERE.parent
    )
    return time.perf_counter() - t


def _headless(module: str, args: list[str], env: dict[str, str], timeout: float) -> dict:
    """Run a headless probe (`python -m MODULE OUT.json ARGS...`) and read what it wrote."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    try:
        subprocess.run(
            [PY, "-m", module, out, *args],
            env=env,
            stdin=subprocess.DEVNULL,  # a headless app must not wait on the terminal's input
            cwd=HERE.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
        with open(out) as fh:
            return json.load(fh)
    finally:
        os.unlink(out)


def _probe(args: list[str], env: dict[str, str]) -> dict:
    """One TUI start (bench.tui_probe): seconds from spawn to the frame, peak RSS."""
    t = time.time()
    res = _headless("bench.tui_probe", args, env, 300)
    if "error" in res or "frame" not in res:
        return {"error": res.get("error", "no frame")}
    return {"seconds": res["frame"] - t, "hwm_mib": res["hwm_kib"] / 1024}


def keys_probe(root: Path, size_key: str, reps: int) -> dict:
    """Keys in one running reader (bench.tui_keys): each figure's seconds from the key to the
    painted frame, and the issue's ratios taken round by round. A fresh state each time (the
    index is the warm one of this size)."""
    env = _env(size_key)
    data = WORK / size_key / "keys-data"
    shutil.rmtree(data, ignore_errors=True)
    env["POLICYREADER_DATA_DIR"] = str(data)
    args = [str(reps), "--no-bundled", "--articles", str(root)]
    res = _headless("bench.tui_keys", args, env, 600)
    if "error" in res or "seconds" not in res:
        return {"error": res.get("error", "no figures")}
    secs = res.pop("seconds")
    res["figures"] = {name: stats(values) for name, values in secs.items()}
    res["ratios"] = {
        name: stats([a / b for a, b in zip(secs[fig], secs[ref], strict=True)])
        for name, (fig, ref) in KEY_RATIOS.items()
    }
    return res


def stats(values: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def pair(a: list, b: list, runs: int, timer) -> dict:  # noqa: ANN001
    """Run a and b alternately (one warm-up each); ratios pair by pair."""
    timer(a)
    timer(b)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timer(a))
        tb.append(timer(b))
    return {
        "a": stats(ta),
        "b": stats(tb),
        "ratio": stats([x / y for x, y in zip(ta, tb, strict=True)]),
    }


# --- the figures -------------------------------------------------------------------------------


def bench_size(n: int, runs: int, quick: bool) -> dict:
    key = f"n{n}"
    root = library(LIBRARIES, n)
    env = _env(key)
    out: dict[str, object] = {"articles": n}
    say = _say(n)

    # cold build: empty cache each run; reference: reading every file once
    cold_runs = 1 if (quick or n > 20_000) else 2
    cold, ref = [], []
    for _ in range(cold_runs):
        shutil.rmtree(WORK / key, ignore_errors=True)
        ref.append(_core("readall", root, env)["seconds"])
        cold.append(_core("cold", root, env))
    secs = [c["seconds"] for c in cold]
    out["cold_build"] = {
        "seconds": stats(secs),
        "per_s": statistics.median(c["per_s"] for c in cold),
        "read": cold[-1]["read"],
        "reference_read_all": stats(ref),
        "ratio": statistics.median(s / r for s, r in zip(secs, ref, strict=True)),
    }
    say(f"cold build {statistics.median(secs):.1f} s")

    # start with nothing changed, and with one file touched
    warm = [_core("warm", root, env) for _ in range(runs)]
    wsecs = [w["seconds"] for w in warm]
    first = next(p for p in sorted(root.rglob("*.md")))
    st = first.stat()
    os.utime(first, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    touched = _core("warm", root, env)
    out["warm_start"] = {
        "seconds": stats(wsecs),
        "read": max(w["read"] for w in warm),
        "read_after_touch": touched["read"],
        "reference_read_all": out["cold_build"]["reference_read_all"],  # type: ignore[index]
        "ratio": statistics.median(wsecs) / statistics.median(ref),
    }
    say(f"warm start {statistics.median(wsecs) * 1000:.0f} ms")

    # policyreader search (whole process) against rg -l -i over the same files
    rg = shutil.which("rg")
    per_query = {}
    for q in SEARCH_QUERIES:
        a = [str(BIN / "policyreader"), "--no-bundled", "--articles", str(root), "search", q]
        pattern = q.strip('"').rstrip("*")
        b = [rg, "-l", "-i", pattern, str(root)] if rg else [PY, "-c", "pass"]
        per_query[q] = pair(a, b, runs, lambda c: _timed(c, env))
    out["search_process"] = {
        "reference": "rg -l -i" if rg else "python -c pass (rg not installed)",
        "per_query": per_query,
        "median": statistics.median(v["a"]["median"] for v in per_query.values()),
        "reference_median": statistics.median(v["b"]["median"] for v in per_query.values()),
        "ratio": statistics.median(v["ratio"]["median"] for v in per_query.values()),
        "ratio_max": max(v["ratio"]["median"] for v in per_query.values()),
    }
    say("search process done")

    # in-process search latency, snippets included
    lat = _core("latency", root, env)
    sub = _core("substring", root, env) if n <= 20_000 else None
    out["search_latency"] = {**lat, "reference_substring_scan": sub, "queries": QUERIES}
    say(f"search p95 {lat['p95'] * 1000:.1f} ms")

    # TUI start (warm index) against the minimal app, and against the bundled-only start
    tui = [] if _has_tui() else None
    if tui is not None:
        lib_args = ["library", "--no-bundled", "--articles", str(root)]
        _probe(lib_args, env), _probe(["minimal"], env), _probe(["library"], env)  # warm-up
        rows = []
        for _ in range(runs):
            rows.append((_probe(lib_args, env), _probe(["minimal"], env), _probe(["library"], env)))
        errors = [r.get("error") for row in rows for r in row if "error" in r]
        if errors:
            out["tui_start"] = {"error": errors[0]}
        else:
            lib = [r[0]["seconds"] for r in rows]
            mini = [r[1]["seconds"] for r in rows]
            bundled = [r[2]["seconds"] for r in rows]
            out["tui_start"] = {
                "seconds": stats(lib),
                "minimal": stats(mini),
                "bundled_only": stats(bundled),
                "ratio_minimal": stats([a / b for a, b in zip(lib, mini, strict=True)]),
                "ratio_bundled": stats([a / b for a, b in zip(lib, bundled, strict=True)]),
            }
            out["tui_memory"] = {
                "mib": stats([r[0]["hwm_mib"] for r in rows]),
                "minimal_mib": stats([r[1]["hwm_mib"] for r in rows]),
                "bundled_mib": stats([r[2]["hwm_mib"] for r in rows]),
            }
            say(f"TUI start {statistics.median(lib) * 1000:.0f} ms")
        out["tui_keys"] = keys_probe(root, key, runs + 2)
        say("TUI keys done")
    else:
        out["tui_start"] = {"error": "reader.tui.app not available"}
    return out


def bench_long_article(runs: int) -> dict:
    """Opening a 100,000-word article: `open ID` start minus the library start, same folder."""
    folder = LIBRARIES / "long-article"
    path = folder / "long-read.md"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(make_long_article(100_000), encoding="utf-8")
    env = _env("long")
    if not _has_tui():
        return {"error": "reader.tui.app not available"}
    lib_args = ["library", "--articles", str(folder)]
    open_args = ["open", "long-read", "--articles", str(folder)]
    _probe(lib_args, env), _probe(open_args, env), _probe(["minimal"], env)  # warm-up, index
    lib, opened, mini = [], [], []
    for _ in range(runs):
        a, b, c = _probe(open_args, env), _probe(lib_args, env), _probe(["minimal"], env)
        for r in (a, b, c):
            if "error" in r:
                return {"error": r["error"]}
        opened.append(a["seconds"])
        lib.append(b["seconds"])
        mini.append(c["seconds"])
    extra = [o - x for o, x in zip(opened, lib, strict=True)]
    return {
        "words": 100_000,
        "open_start": stats(opened),
        "library_start": stats(lib),
        "minimal": stats(mini),
        "open_cost": stats(extra),
        "ratio_minimal": stats([o / m for o, m in zip(opened, mini, strict=True)]),
        "hwm_mib": None,
    }


def _has_tui() -> bool:
    try:
        out = subprocess.run(
            [PY, "-c", "import reader.tui.app as a; a.PolicyReaderApp"],
            capture_output=True,
            cwd=HERE.parent,
            env=_env("check"),
        )
    except OSError:
        return False
    return out.returncode == 0


def _say(n: int):  # noqa: ANN202
    def say(text: str) -> None:
        sys.stderr.write(f"[{n:>6}] {text}\n")
        sys.stderr.flush()

    return say


# --- reporting ---------------------------------------------------------------------------------


def _ms(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 10 else f"{x:.1f} s"


def _range(s: dict) -> str:
    return f"{_ms(s['median'])} [{_ms(s['min'])}–{_ms(s['max'])}]"


def table(results: dict) -> list[list[str]]:
    rows = [["size", "figure", "value (median [min–max])", "reference", "ratio", "target", ""]]
    for key, r in results["sizes"].items():
        n = r["articles"]
        big = n >= 100_000
        # The issue sets its targets on 10,000 articles; on 100,000 it asks for a start within
        # 2x and everything still working (the counts). Other figures are shown, not judged.
        main_size = n == 10_000
        cb = r["cold_build"]
        rows.append(
            [
                key,
                "cold index build",
                f"{cb['per_s']:.0f} articles/s ({_range(cb['seconds'])})",
                f"read all files {_ms(cb['reference_read_all']['median'])}",
                f"{cb['ratio']:.1f}x",
                "≥ 1000/s",
                _ok(cb["per_s"] >= TARGETS["cold_per_s"], main_size),
            ]
        )
        ws = r["warm_start"]
        rows.append(
            [
                key,
                "start, nothing changed",
                f"{_range(ws['seconds'])}; {ws['read']} files re-read",
                f"read all files {_ms(ws['reference_read_all']['median'])}",
                f"{ws['ratio']:.2f}x",
                "0 re-read",
                _ok(ws["read"] == 0),
            ]
        )
        rows.append(
            [
                key,
                "start, one file touched",
                f"{ws['read_after_touch']} file(s) re-read",
                "",
                "",
                "1 re-read",
                _ok(ws["read_after_touch"] == 1),
            ]
        )
        sp = r["search_process"]
        for q, v in sp["per_query"].items():
            rows.append(
                [
                    key,
                    f"search process: {q}",
                    _range(v["a"]),
                    f"{sp['reference']} {_range(v['b'])}",
                    f"{v['ratio']['median']:.2f}x",
                    "< 1x",
                    _ok(v["ratio"]["median"] < 1.0, main_size),
                ]
            )
        sl = r["search_latency"]
        ref = sl.get("reference_substring_scan")
        rows.append(
            [
                key,
                "search in-process (20 hits + snippets)",
                f"median {sl['median'] * 1000:.1f} ms, p95 {sl['p95'] * 1000:.1f} ms",
                f"substring scan {ref['median'] * 1000:.0f} ms" if ref else "",
                f"{sl['p95'] / ref['median']:.2f}x" if ref else "",
                "p95 < 20 ms",
                _ok(sl["p95"] * 1000 < TARGETS["latency_p95_ms"], main_size),
            ]
        )
        ts = r.get("tui_start", {})
        if "error" in ts:
            rows.append([key, "TUI start", f"n/a: {ts['error']}", "", "", "", ""])
            continue
        limit = TARGETS["tui_start_vs_minimal_100k" if big else "tui_start_vs_minimal"]
        rows.append(
            [
                key,
                "TUI start to the frame with the list and every facet counted",
                _range(ts["seconds"]),
                f"minimal app {_range(ts['minimal'])}",
                f"{ts['ratio_minimal']['median']:.2f}x",
                f"≤ {limit}x",
                _ok(ts["ratio_minimal"]["median"] <= limit, main_size or big),
            ]
        )
        rows.append(
            [
                key,
                "TUI start vs bundled-only",
                _range(ts["seconds"]),
                f"4 bundled {_range(ts['bundled_only'])}",
                f"{ts['ratio_bundled']['median']:.2f}x",
                "≤ 1.2x",
                _ok(ts["ratio_bundled"]["median"] <= TARGETS["tui_start_vs_bundled"], main_size),
            ]
        )
        tm = r["tui_memory"]
        rows.append(
            [
                key,
                "TUI peak RSS",
                f"{tm['mib']['median']:.0f} MiB",
                f"minimal app {tm['minimal_mib']['median']:.0f} MiB",
                f"{tm['mib']['median'] / tm['minimal_mib']['median']:.1f}x",
                "< 120 MiB",
                _ok(tm["mib"]["median"] < TARGETS["memory_mib"]),
            ]
        )
        rows += _key_rows(key, r.get("tui_keys"), main_size)
    la = results.get("long_article")
    if la:
        if "error" in la:
            rows.append(["1", "100,000-word article", f"n/a: {la['error']}", "", "", "", ""])
        else:
            rows.append(
                [
                    "1",
                    "open 100,000-word article (extra over start)",
                    _range(la["open_cost"]),
                    f"library start {_range(la['library_start'])}",
                    f"{la['ratio_minimal']['median']:.2f}x minimal",
                    "< 0.5 s",
                    _ok(la["open_cost"]["median"] < TARGETS["long_open_s"]),
                ]
            )
    return rows


KEY_FIGURES = {
    "outline_vs_open": ("outline (t) panel painted with its headings", "open the article (enter)"),
    "follow_vs_open": ("follow a link (f, its number) to a library article", "open it (enter)"),
    "links_vs_open": ("the list of links (f, enter) painted", "open it"),
    "sort_vs_list": ("sort (s) by title, list painted", "the unsorted list (u: all)"),
    "filter_vs_list": ("category + tag (space) combined, list painted", "the unsorted list"),
}


def _key_rows(key: str, keys: dict | None, judged: bool) -> list[list[str]]:
    """The keys' figures, each against its reference in the same process."""
    if keys is None:
        return []
    if "error" in keys:
        return [[key, "TUI keys", f"n/a: {keys['error']}", "", "", "", ""]]
    rows = []
    for name, (label, ref_label) in KEY_FIGURES.items():
        fig, ref = KEY_RATIOS[name]
        ratio = keys["ratios"][name]["median"]
        limit = TARGETS.get(name)
        rows.append(
            [
                key,
                label,
                _range(keys["figures"][fig]),
                f"{ref_label} {_range(keys['figures'][ref])}",
                f"{ratio:.2f}x",
                f"≤ {limit}x" if limit else "",
                _ok(ratio <= limit, judged) if limit else "-",
            ]
        )
    return rows


def _ok(flag: bool, judged: bool = True) -> str:
    """The verdict on a figure at a size where its target applies; "-" elsewhere."""
    if not judged:
        return "-"
    return "ok" if flag else "MISSED"


def render(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="1000,10000")
    p.add_argument("--quick", action="store_true", help="fewer runs (3), one cold build")
    p.add_argument("--runs", type=int, default=0)
    p.add_argument("--out", type=Path, default=HERE / "results.json")
    p.add_argument("--markdown", action="store_true", help="print the table as Markdown too")
    args = p.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.time()
    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "rg": _rg_version(),
        },
        "runs": runs,
        "sizes": {},
    }
    for n in sizes:
        results["sizes"][f"{n}"] = bench_size(
            n, runs if n <= 20_000 else max(3, runs - 2), args.quick
        )
    results["long_article"] = bench_long_article(runs)
    results["seconds"] = round(time.time() - started, 1)
    rows = table(results)
    results["table"] = rows
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(render(rows))
    if args.markdown:
        print()
        print(markdown(rows))
    print(f"\n{results['seconds']} s; written to {args.out}")
    return 0


def _rg_version() -> str | None:
    rg = shutil.which("rg")
    if not rg:
        return None
    out = subprocess.run([rg, "--version"], capture_output=True, text=True)
    return out.stdout.splitlines()[0] if out.stdout else None


if __name__ == "__main__":
    raise SystemExit(main())
