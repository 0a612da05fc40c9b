"""The extraction benchmark: `add` scored on ../shared/extraction-benchmark/.

The data (181 article pages with their bodies as ground truth, from
scrapinghub/article-extraction-benchmark) is read where it lies, never copied. Scoring is that
benchmark's own: F1 over multisets of 4-token shingles, precision and recall averaged per page.
The text judged is the article's body as the reader shows it (the plain text of the Markdown
`add` wrote, front matter left out).
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path

DATA = Path(
    os.environ.get(
        "POLICYREADER_EXTRACTION_BENCHMARK",
        Path(__file__).resolve().parents[2] / "shared" / "extraction-benchmark",
    )
)
_TOKEN = re.compile(r"\w+")


def available(data: Path = DATA) -> bool:
    return (data / "ground-truth.json").is_file() and (data / "html").is_dir()


def pages(data: Path = DATA) -> list[tuple[str, bytes, str, str]]:
    """(name, raw HTML, url, true body) for every page of the benchmark."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for name in sorted(truth):
        raw = gzip.decompress((data / "html" / f"{name}.html.gz").read_bytes())
        out.append((name, raw, truth[name].get("url") or "", truth[name]["articleBody"] or ""))
    return out


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_counts(predicted: str, truth: str) -> tuple[float, float, float]:
    """(tp, fp, fn) for one page, divided by their sum so that every page weighs the same."""
    p, t = shingles(predicted), shingles(truth)
    tp = sum((p & t).values())
    fp = sum(p.values()) - tp
    fn = sum(t.values()) - tp
    total = tp + fp + fn
    if total == 0:
        return 0.0, 0.0, 0.0
    return tp / total, fp / total, fn / total


def score(results: list[tuple[str, str]]) -> dict[str, float]:
    """Precision, recall and F1 over (predicted, truth) pairs, as the benchmark defines them."""
    precisions, recalls = [], []
    for predicted, truth in results:
        tp, fp, fn = page_counts(predicted, truth)
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
