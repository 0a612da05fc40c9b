"""What `search` prints and how it exits: no hits is exit 1 with a line on stderr (as grep), on
the lean path and the full one alike; scores read as a share of the best hit, never `4.32e-06`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.output import relevance

from support.articles import backdate

# A plain search goes the lean path once the index exists; --rescan always takes the full one.
PATHS = {"lean": [], "full": ["--rescan"]}


@pytest.fixture
def indexed(lib: Path, put: Callable[..., Path], md: Callable[..., str], cli) -> list[str]:
    put(lib, "prisons.md", md("Prisons", "Prison reform and prison councils.\n"))
    put(lib, "councils.md", md("Councils", "Council budgets; one prison mentioned.\n"))
    put(lib, "other.md", md("Other", "Nothing about that here.\n"))
    backdate(lib)
    args = ["--no-bundled", "--articles", str(lib)]
    assert cli(*args, "list").returncode == 0  # builds the index and its folder stamp
    return args


@pytest.mark.parametrize("path", PATHS)
def test_no_hits_exits_1_and_says_so(indexed: list[str], cli, path: str) -> None:
    r = cli(*indexed, "search", "zebra", *PATHS[path])
    assert (r.returncode, r.stdout, r.stderr) == (1, "", "policyreader: no matches\n")


def test_no_hits_in_json_is_an_empty_list_and_exit_1(indexed: list[str], cli) -> None:
    r = cli(*indexed, "search", "zebra", "--json")
    assert (r.returncode, json.loads(r.stdout)) == (1, [])
    assert r.stderr == "policyreader: no matches\n"


def test_hits_exit_0_on_both_paths_with_the_same_output(indexed: list[str], cli) -> None:
    lean, full = (cli(*indexed, "search", "prison", *PATHS[p]) for p in ("lean", "full"))
    assert lean.returncode == full.returncode == 0
    assert lean.stdout == full.stdout and lean.stdout
    assert lean.stderr == full.stderr == ""


@pytest.mark.parametrize("path", PATHS)
def test_scores_print_as_a_share_of_the_best_hit(indexed: list[str], cli, path: str) -> None:
    out = cli(*indexed, "search", "prison", *PATHS[path]).stdout
    heads = [line for line in out.splitlines() if not line.startswith("    ")]
    shares = [int(m.group(1)) for m in map(re.compile(r"  \((\d+)%\)$").search, heads) if m]
    assert len(shares) == len(heads) == 2, out
    assert shares[0] == 100 and 0 < shares[1] <= 100
    assert not re.search(r"\de-\d", out)  # no scientific notation anywhere


def test_json_keeps_the_score_and_adds_the_rank(indexed: list[str], cli) -> None:
    hits = json.loads(cli(*indexed, "search", "prison", "--json").stdout)
    assert [h["rank"] for h in hits] == [1, 2]
    assert all(isinstance(h["score"], float) for h in hits)


@pytest.mark.parametrize(
    ("score", "best", "share"),
    [(4.33e-06, 4.33e-06, 100), (2.74e-06, 4.33e-06, 63), (1e-12, 4.33e-06, 1), (0.0, 1.0, 0)],
)
def test_relevance(score: float, best: float, share: int) -> None:
    assert relevance(score, best) == share


def test_the_lean_path_answers_no_hits_itself(indexed: list[str]) -> None:
    from reader.output import NO_MATCHES
    from reader.quick import search

    assert search([*indexed, "search", "zebra"]) == ("", NO_MATCHES)
