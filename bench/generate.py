"""Synthetic article libraries for the benchmark.

`generate(root, n, seed)` writes n Markdown articles under root, in two levels of folders
(category / year). The output depends only on (n, seed): same arguments, same bytes.

Realism where it matters for speed: article lengths vary from 300 to 3,000 words with a few
much longer; words follow a Zipf distribution over a base vocabulary of policy words plus
generated rare words (so that rare, common and phrase queries all exist); front matter has
title, author (from ~300), a date in each precision, categories (~25), tags (~200), a summary,
and some excerpts with a source link; bodies have headings, lists, curly-quoted quotations,
blockquotes and figure lines, and half of the articles link to one to three earlier articles of
the library (by a relative `.md` path, or by the source link of one that has it) and some to
pages elsewhere. The links are drawn from a random stream of their own, so adding them left
every other byte of an article as it was.

To write 100,000 articles in well under a minute, text is drawn from a pool of pre-generated
paragraphs, and each article gets a few words of its own (so rare queries find few articles).

    python -m bench.generate DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import sys
import time
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = _words(
    "the of and to in a for that is on with as by be this are from it at or which have not has "
    "an their was will more can its they but been were also these would other such there than "
    "all who into may should most between those about over one some could them only where how "
    "what many new when through while both each under across our we any within per well"
)

POLICY_WORDS = _words(
    "policy public services government local council authority community social value "
    "commissioning providers enterprise sector funding budget evidence outcomes delivery "
    "health care housing education justice criminal probation prison reform welfare benefit "
    "poverty employment skills training economy growth investment infrastructure transport "
    "planning regulation market competition procurement contract contracts accountability "
    "transparency governance partnership partnerships charity charities voluntary third "
    "citizens residents users families children young people older adults support service "
    "impact evaluation research data analysis report review strategy framework approach "
    "programme programmes pilot scheme schemes initiative national regional central devolution "
    "spending cuts austerity efficiency productivity innovation digital technology capacity "
    "workforce staff professionals practitioners organisations bodies agencies department "
    "ministers parliament legislation act statutory duty guidance consultation stakeholders "
    "engagement participation co-production design commissioners cost costs savings risk "
    "quality standards inspection performance targets measures indicators metrics results "
    "demand pressure needs access inequality inequalities deprivation disadvantage inclusion "
    "cohesion neighbourhood neighbourhoods areas places regeneration development land homes "
    "tenants landlords rent affordability supply construction environment climate energy "
    "emissions sustainability resilience adaptation flood water waste recycling transport "
    "mental wellbeing prevention early intervention integration integrated pathways acute "
    "primary secondary hospital clinical patients carers adult safeguarding vulnerable "
    "offenders reoffending rehabilitation courts police policing victims crime sentencing "
    "schools pupils teachers curriculum attainment colleges universities apprenticeships "
    "jobs wages income tax taxation revenue fiscal finance financial borrowing debt "
    "pensions insurance markets business businesses firms employers trade exports "
    "evidence-based randomised trial study studies survey interviews findings lessons "
    "recommendations proposals options implementation rollout scale system systems "
    "whole-system place-based person-centred outcomes-based payment payments incentives "
    "commissioned tender tendering bidding social-value mutual mutuals cooperatives "
    "volunteering volunteers philanthropy grants loans bonds impact-investment "
    "councillors mayors elections democracy accountability scrutiny audit oversight "
    "equality diversity rights discrimination disability gender ethnicity migration "
    "integration rural urban coastal towns cities county district borough metropolitan"
)

CATEGORIES = [
    "Social enterprise",
    "Public services",
    "Criminal justice",
    "Health and care",
    "Housing",
    "Education",
    "Welfare",
    "Local government",
    "Economy",
    "Employment",
    "Environment",
    "Transport",
    "Energy",
    "Digital government",
    "Devolution",
    "Civil society",
    "Procurement",
    "Public finance",
    "Children and families",
    "Older people",
    "Mental health",
    "Policing",
    "Migration",
    "Rural affairs",
    "Democracy",
]

FIRST_NAMES = _words(
    "Alex Sam Jo Chris Pat Morgan Robin Jamie Charlie Taylor Anna Ben Clara David Emma Farid "
    "Grace Hannah Imran Julia Kofi Laura Maya Nadia Oliver Priya Rachel Sean Tomas Uma"
)
LAST_NAMES = _words(
    "Addyman Brown Chen Davies Evans Fischer Garcia Hughes Iqbal Jones Khan Lewis Murphy "
    "Nguyen Owens Patel Quinn Roberts Smith Taylor Usman Vaughan Walker Xu Young Zhang "
    "Ahmed Baker Clarke Dunn Ellis Foster"
)

SYLLABLES = _words(
    "ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo lu ma me mi mo mu na "
    "ne ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za ze zo "
    "bran cor dral fen grim hal jor kel lam mor nar pol quin rasp sol tor vel wyn yar zel"
)

RARE_WORDS = 60_000  # generated words after the base vocabulary
POOL_PARAGRAPHS = 12_000
ZIPF_S = 1.07
VERSION = 2  # of what is generated: a library made by another version is made again
LINKED = 0.5  # share of the articles with links to earlier articles of the library


def _slug(text: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in text.lower())
    return "-".join(filter(None, out.split("-")))


class _Vocab:
    """The words and a Zipf sampler over them (rank 1 most frequent)."""

    def __init__(self, rng: random.Random, rare_words: int = RARE_WORDS) -> None:
        rare: list[str] = []
        seen = set(FUNCTION_WORDS) | set(POLICY_WORDS)
        while len(rare) < rare_words:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                rare.append(word)
        self.rare = rare
        self.words = FUNCTION_WORDS + POLICY_WORDS + rare
        weights = [1.0 / (r**ZIPF_S) for r in range(1, len(self.words) + 1)]
        self.cum = list(itertools.accumulate(weights))
        self.rng = rng

    def sample(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def policy(self, k: int) -> list[str]:
        return [self.rng.choice(POLICY_WORDS) for _ in range(k)]


def _sentence(v: _Vocab, rng: random.Random, lo: int = 8, hi: int = 28) -> str:
    words = v.sample(rng.randint(lo, hi))
    if len(words) > 10 and rng.random() < 0.4:
        words[rng.randint(3, len(words) - 4)] += ","
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph_pool(v: _Vocab, rng: random.Random, size: int) -> list[tuple[str, int]]:
    """(paragraph text, word count); some carry a curly-quoted quotation."""
    pool = []
    for _ in range(size):
        sentences = [_sentence(v, rng) for _ in range(rng.randint(2, 7))]
        if rng.random() < 0.12:
            quoted = _sentence(v, rng, 6, 18)
            who = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            sentences.insert(rng.randrange(len(sentences) + 1), f"As {who} put it, “{quoted}”")
        text = " ".join(sentences)
        pool.append((text, text.count(" ") + 1))
    return pool


def _length(rng: random.Random) -> int:
    """Words in an article: log-uniform 300-3,000, and one in 200 much longer."""
    if rng.random() < 0.005:
        return rng.randint(8_000, 20_000)
    return int(300 * 10 ** rng.random())


class _Writer:
    def __init__(self, seed: int, n: int = 100_000) -> None:
        # Small libraries (the smoke test) get a smaller vocabulary and pool: quicker to set up.
        self.rng = random.Random(seed)
        self.vocab = _Vocab(self.rng, min(RARE_WORDS, max(5_000, n * 20)))
        self.pool = _paragraph_pool(self.vocab, self.rng, min(POOL_PARAGRAPHS, max(600, n * 4)))
        rng = self.rng
        self.authors = sorted({f"{a} {b}" for a in FIRST_NAMES for b in LAST_NAMES})
        rng.shuffle(self.authors)
        self.authors = self.authors[:300]
        tags: set[str] = set()
        while len(tags) < 200:
            tags.add(" ".join(self.vocab.policy(rng.choice((1, 1, 2)))))
        self.tags = sorted(tags)
        # The links' own random stream: the articles' text is the same with or without them.
        self.link_rng = random.Random(seed * 7_919 + 13)
        self.made: list[tuple[str, str, str]] = []  # (path, source_url or "", title) so far

    def links(self, rel: str, body: str) -> str:
        """The body with links to earlier articles (and some elsewhere) in its paragraphs."""
        rng = self.link_rng
        sentences = []
        if self.made and rng.random() < LINKED:
            for _ in range(rng.randint(1, 3)):
                path, url, title = self.made[rng.randrange(len(self.made))]
                if not url or rng.random() < 0.5:
                    url = os.path.relpath(path, os.path.dirname(rel)).replace(os.sep, "/")
                sentences.append(f"See [{title}]({url}).")
        if rng.random() < 0.2:
            sentences.append(
                f"Source: [the data](https://example.net/data/{rng.randrange(10**6)})."
            )
        if not sentences:
            return body
        parts = body.rstrip("\n").split("\n\n")
        plain = [i for i, p in enumerate(parts) if not p.startswith(("#", "![", "- ", ">"))]
        if not plain:
            return body
        for sentence in sentences:
            i = plain[rng.randrange(len(plain))]
            parts[i] = f"{parts[i]} {sentence}"
        return "\n\n".join(parts) + "\n"

    def body(self, words: int, own: list[str]) -> str:
        rng = self.rng
        pool = self.pool
        parts: list[str] = []
        count = 0
        if rng.random() < 0.3:
            parts.append(f"![{_sentence(self.vocab, rng, 3, 8)[:-1]}]()")
        since_heading = 0
        while count < words:
            r = rng.random()
            if since_heading >= 4 and r < 0.25:
                parts.append("## " + " ".join(self.vocab.policy(rng.randint(2, 5))).capitalize())
                since_heading = 0
                continue
            since_heading += 1
            if r < 0.04:
                items = [_sentence(self.vocab, rng, 4, 14) for _ in range(rng.randint(3, 6))]
                parts.append("\n".join(f"- {i}" for i in items))
                count += sum(i.count(" ") + 1 for i in items)
            elif r < 0.06:
                text, n = pool[rng.randrange(len(pool))]
                parts.append("> " + text)
                count += n
            elif r < 0.075:
                parts.append(f"![{_sentence(self.vocab, rng, 3, 10)[:-1]}]()")
            else:
                text, n = pool[rng.randrange(len(pool))]
                parts.append(text)
                count += n
        # the article's own words, so rare queries match only a few articles
        for word in own:
            i = rng.randrange(len(parts))
            if not parts[i].startswith(("#", "![", "- ")):
                parts[i] = f"{parts[i]} The {word} case is discussed here."
        return "\n\n".join(parts) + "\n"

    def article(self, no: int) -> tuple[str, str]:
        """(relative path, file text) of article number `no`."""
        rng = self.rng
        v = self.vocab
        title = " ".join(v.policy(rng.randint(3, 7))).capitalize()
        title += rng.choice(("", "", ": " + " ".join(v.policy(rng.randint(2, 4))), "?"))
        cats = rng.sample(CATEGORIES, rng.choice((1, 1, 2, 2, 3)))
        tags = rng.sample(self.tags, rng.randint(2, 6))
        author = self.authors[
            min(int(rng.paretovariate(1.2)) - 1, 299) if rng.random() < 0.5 else rng.randrange(300)
        ]
        year = rng.randint(1995, 2025)
        kind = rng.random()
        if kind < 0.15:
            date = f"{year}"
        elif kind < 0.35:
            date = f"{year}-{rng.randint(1, 12):02d}"
        else:
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        summary = _sentence(v, rng, 12, 30)
        own = [rng.choice(v.rare[len(v.rare) * 2 // 3 :]) for _ in range(rng.randint(1, 3))]
        body = self.body(_length(rng), own)
        slug = _slug(title)[:60]
        rel = f"{_slug(cats[0])}/{year}/{slug}-{no:06d}.md"
        url = ""
        lines = [
            "---",
            f"id: a{no:06d}",
            f"title: {_quote(title)}",
            f"author: {_quote(author)}",
            f'date: "{date}"',
            "categories:",
            *(f"  - {_quote(c)}" for c in cats),
            "tags:",
            *(f"  - {_quote(t)}" for t in tags),
            f"summary: {_quote(summary)}",
        ]
        if rng.random() < 0.1:
            lines.append("excerpt: true")
            url = f"https://example.org/{year}/{slug}"
            lines.append(f"source_url: {url}")
            lines.append(f"publisher: {_quote(rng.choice(CATEGORIES) + ' Review')}")
        lines.append("---")
        text = "\n".join(lines) + "\n\n" + self.links(rel, body)
        self.made.append((rel, url, title))
        return rel, text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(root: Path, n: int, seed: int = 1) -> Path:
    """Write n articles under root (emptied first). Deterministic for (n, seed)."""
    root = Path(root)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    w = _Writer(seed, n)
    made: set[str] = set()
    for no in range(n):
        rel, text = w.article(no)
        folder = rel.rpartition("/")[0]
        if folder not in made:
            os.makedirs(root / folder, exist_ok=True)
            made.add(folder)
        with open(root / rel, "w", encoding="utf-8") as fh:
            fh.write(text)
    return root


def make_long_article(words: int = 100_000, seed: int = 7, article_id: str = "long-read") -> str:
    """One article of about `words` words (front matter included), as file text."""
    w = _Writer(seed)
    body = w.body(words, [])
    return (
        "---\n"
        f"id: {article_id}\n"
        f'title: "A very long report ({words:,} words)"\n'
        'author: "Bench Mark"\n'
        'date: "2024-01-01"\n'
        "categories:\n  - Public services\n"
        "tags:\n  - long read\n"
        'summary: "A synthetic report for timing the reading pane."\n'
        "---\n\n# A very long report\n\n" + body
    )


def library(base: Path, n: int, seed: int = 1) -> Path:
    """The library for (n, seed) under base, generated once and reused (a stamp file marks it)."""
    root = Path(base) / f"lib-{n}-s{seed}"
    stamp = root / ".complete"
    made = f"{n} {seed} v{VERSION}\n"
    if not stamp.exists() or stamp.read_text() != made:
        generate(root, n, seed)
        stamp.write_text(made)
    return root


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    p.add_argument("dir", type=Path)
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    t = time.perf_counter()
    generate(args.dir, args.n, args.seed)
    sys.stderr.write(f"{args.n} articles in {time.perf_counter() - t:.1f} s: {args.dir}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
