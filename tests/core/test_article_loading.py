"""Loading articles: front-matter variants, bad files, ids and duplicate ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import parse_bytes, parse_file

BODY = "Some body text here.\n"


def load(text: str | bytes, name: str = "/lib/some-article.md"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return parse_bytes(name, data, "/lib")


def fm(*lines: str, body: str = BODY) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019", "2019"),  # YAML int
        ("2020-05-01", "2020-05-01"),  # YAML date
        ('"2015-11"', "2015-11"),
        ('"2014"', "2014"),
        ("2015-11", "2015-11"),  # plain text in YAML
        ('"2014-03-26"', "2014-03-26"),
        ("2018-03-04T10:11:12Z", "2018-03-04"),  # YAML datetime
        ('"2018-03-04T10:11:12+02:00"', "2018-03-04"),
        ("2018-03-04 10:11:12 +0000", "2018-03-04"),  # Jekyll, unquoted
        ('"2018-03-04 10:11:12 +0000"', "2018-03-04"),  # Jekyll, quoted
        ("2018-03-04 10:11:12", "2018-03-04"),
        ("", None),
    ],
)
def test_date_variants_keep_their_precision(raw: str, expected: str | None) -> None:
    parsed = load(fm("title: T", f"date: {raw}"))
    assert parsed.article is not None
    assert parsed.article.date == expected
    assert parsed.problems == []


@pytest.mark.parametrize(
    "raw",
    [
        '"next tuesday"',
        '"2019-13"',
        '"2019-02-30"',
        "2019-13-01",  # looks like a YAML date, is none: must not sink the article
        "2019-02-30",
        "2019-02-30 10:11:12",
        "[2019]",
        "true",
    ],
)
def test_invalid_date_loads_undated_with_a_non_fatal_problem(raw: str) -> None:
    parsed = load(fm("title: Still here", f"date: {raw}"))
    assert parsed.article is not None, parsed.problems
    assert parsed.article.title == "Still here"
    assert parsed.article.date is None
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert not problem.fatal
    assert "date" in problem.message
    assert problem.line().startswith("/lib/some-article.md: ")


# --- categories, tags, author, unknown keys ---------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "categories"),
    [
        (["categories: [Housing, Health]"], ("Housing", "Health")),
        (["categories:", "  - Housing", "  - Health"], ("Housing", "Health")),
        (["categories: Housing, Health ,  Social care"], ("Housing", "Health", "Social care")),
        (["categories: Housing policy"], ("Housing policy",)),
        (["category: Housing"], ("Housing",)),
        (["category: Housing, Health"], ("Housing", "Health")),
        (["categories: [Housing]", "category: Health"], ("Housing", "Health")),
        (["categories: [Housing, Housing]"], ("Housing",)),
        ([], ()),
    ],
)
def test_categories_forms(lines: list[str], categories: tuple[str, ...]) -> None:
    parsed = load(fm("title: T", *lines))
    assert parsed.article is not None
    assert parsed.article.categories == categories


@pytest.mark.parametrize(
    ("raw", "tags"),
    [
        ("[prisons, Scotland]", ("prisons", "Scotland")),
        ("prisons, Scotland", ("prisons", "Scotland")),
        ("prisons", ("prisons",)),
        ("co-production", ("co-production",)),
        ("\n  - a\n  - b", ("a", "b")),
        ("2015", ("2015",)),
    ],
)
def test_tags_forms(raw: str, tags: tuple[str, ...]) -> None:
    parsed = load(fm("title: T", f"tags: {raw}"))
    assert parsed.article is not None
    assert parsed.article.tags == tags


def test_author_list_and_other_fields() -> None:
    parsed = load(
        fm(
            "title: '  A   title '",
            "author: [Rebecca Jackson, Alex Thomas]",
            "summary: A short summary",
            "source_url: https://example.org/a",
            "publisher: The Knowledge Exchange Blog (Idox)",
            "excerpt: true",
        )
    )
    art = parsed.article
    assert art is not None
    assert art.title == "A title"
    assert art.author == "Rebecca Jackson, Alex Thomas"
    assert art.summary == "A short summary"
    assert art.source_url == "https://example.org/a"
    assert art.publisher == "The Knowledge Exchange Blog (Idox)"
    assert art.excerpt is True


def test_unknown_keys_are_ignored() -> None:
    parsed = load(
        fm(
            "title: T",
            "layout: post",
            "permalink: /2014/x/",
            "draft: true",
            "comments: {enabled: false}",
            "weird: [1, 2, {a: b}]",
        )
    )
    assert parsed.article is not None
    assert parsed.problems == []


def test_windows_line_endings_load() -> None:
    text = fm("title: Windows file", "date: 2019", body="Body line.\n").replace("\n", "\r\n")
    parsed = load(text)
    assert parsed.article is not None, parsed.problems
    assert parsed.article.title == "Windows file"
    assert parsed.article.date == "2019"


def test_byte_order_mark_is_allowed() -> None:
    parsed = load(b"\xef\xbb\xbf" + fm("title: T").encode())
    assert parsed.article is not None


# --- ids -------------------------------------------------------------------------------------


def test_id_from_front_matter_file_name_or_folder(lib: Path, put, md) -> None:
    put(lib, "named.md", md("Named", id="custom-id"))
    put(lib, "plain-name.md", md("Plain"))
    put(lib, "folder-article/index.md", md("Folder"))
    arts = {
        a.title: a.id
        for a in (parse_file(str(p), str(lib)).article for p in sorted(lib.rglob("*.md")))
    }
    assert arts == {"Named": "custom-id", "Plain": "plain-name", "Folder": "folder-article"}


# --- bad files -------------------------------------------------------------------------------

BAD_FILES: dict[str, bytes] = {
    "bad-yaml.md": b"---\ntitle: [unclosed\n---\n\nBody.\n",
    "bad-yaml-indent.md": b"---\ntitle: T\n  author: : x\n---\n\nBody.\n",
    "unterminated.md": b"---\ntitle: T\n\nBody without a closing fence.\n",
    "not-mapping.md": b"---\n- a\n- b\n---\n\nBody.\n",
    "scalar.md": b"---\njust a string\n---\n\nBody.\n",
    "missing-title.md": b"---\nauthor: Someone\n---\n\nBody.\n",
    "empty-title.md": b"---\ntitle: ''\n---\n\nBody.\n",
    "title-list.md": b"---\ntitle: [a, b]\n---\n\nBody.\n",
    "title-number.md": b"---\ntitle: 42\n---\n\nBody.\n",
    "title-mapping.md": b"---\ntitle: {a: b}\n---\n\nBody.\n",
    "not-utf8.md": "---\ntitle: Café\n---\n\nBody.\n".encode("latin-1"),
    "nul-bytes.md": b"---\ntitle: T\n---\n\nBo\x00dy.\n",
    "binary.md": bytes(range(256)) * 4,
    "empty.md": b"",
    "blank.md": b"\n\n   \n",
    "front-matter-only.md": b"---\ntitle: Only metadata\n---\n",
    "no-front-matter.md": b"# A heading\n\nJust Markdown.\n",
    "python-tag.md": b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n\nBody.\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_skipped_with_one_line(name: str) -> None:
    parsed = load(BAD_FILES[name], f"/lib/{name}")
    assert parsed.article is None
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.fatal
    line = problem.line()
    assert line.startswith(f"/lib/{name}: ")
    assert "\n" not in line
    assert len(line) > len(f"/lib/{name}: ") + 5  # a reason is given


def test_bad_files_beside_good_ones_in_a_session(lib: Path, put, md, open_session) -> None:
    for name, data in BAD_FILES.items():
        put(lib, name, data)
    put(lib, "good-one.md", md("Good one", body="Prison reform in Scotland.\n"))
    put(lib, "sub/good-two.md", md("Good two", body="Commissioning services.\n"))
    s = open_session(lib)
    assert {a.id for a in s.catalog.articles} == {"good-one", "good-two"}
    fatal = [p for p in s.catalog.problems if p.fatal]
    by_file: dict[str, int] = {}
    for p in fatal:
        by_file[Path(p.path).name] = by_file.get(Path(p.path).name, 0) + 1
    assert by_file == dict.fromkeys(BAD_FILES, 1)
    # the good articles are searchable and readable
    assert [h.article.id for h in s.catalog.search("prison")] == ["good-one"]
    _, doc, _ = s.open_article("good-two")
    assert "Commissioning services." in doc.text


def test_invalid_date_is_reported_but_not_skipped_in_a_session(
    lib: Path, put, md, open_session
) -> None:
    put(lib, "odd-date.md", md("Odd date", date="2019-13-01"))
    s = open_session(lib)
    art = s.catalog.get("odd-date")
    assert art.date is None
    problems = [p for p in s.catalog.problems if p.path.endswith("odd-date.md")]
    assert len(problems) == 1 and not problems[0].fatal


# --- duplicate ids ---------------------------------------------------------------------------


def _dupes(session) -> list[str]:
    return [p.path for p in session.catalog.problems if "duplicate id" in p.message]


def test_duplicate_id_within_a_library_first_sorted_path_wins(
    lib: Path, put, md, open_session
) -> None:
    put(lib, "b.md", md("Second", id="same"))
    put(lib, "a.md", md("First", id="same"))
    put(lib, "c/index.md", md("Third", id="same"))
    s = open_session(lib)
    assert s.catalog.get("same").title == "First"
    assert sorted(Path(p).relative_to(lib).as_posix() for p in _dupes(s)) == ["b.md", "c/index.md"]
    assert [a.id for a in s.catalog.articles] == ["same"]


def test_duplicate_id_across_libraries_follows_the_articles_order(
    tmp_path: Path, put, md, open_session
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    put(one, "x.md", md("From one"))
    put(two, "x.md", md("From two"))
    s = open_session(one, two)
    assert s.catalog.get("x").title == "From one"
    assert _dupes(s) == [str((two / "x.md").resolve())]
    s2 = open_session(two, one, data_dir=tmp_path / "data2")
    assert s2.catalog.get("x").title == "From two"
    # a search finds the winner only
    assert [h.article.title for h in s2.catalog.search("from")] == ["From two"]


def test_bundled_library_wins_a_clash(lib: Path, put, md, open_session) -> None:
    put(lib, "mine.md", md("My copy", id="social-value-act"))
    s = open_session(lib, bundled=True)
    assert s.catalog.get("social-value-act").title.startswith("The act is a year old")
    assert _dupes(s) == [str((lib / "mine.md").resolve())]


def test_the_bundled_articles_load_without_problems(open_session) -> None:
    s = open_session(bundled=True)
    assert s.catalog.problems == []
    arts = {a.id: a for a in s.catalog.articles}
    assert arts["co-production-criminal-justice"].date == "2015-11"
    assert arts["commissioning-third-sector"].date == "2015-09"
    assert arts["demystifying-social-enterprise"].date == "2014-09-12"
    assert arts["social-value-act"].date == "2014-03-26"
    assert arts["social-value-act"].excerpt and arts["demystifying-social-enterprise"].excerpt
    assert not arts["commissioning-third-sector"].excerpt
    assert arts["co-production-criminal-justice"].categories == (
        "Criminal justice",
        "Community development",
    )
