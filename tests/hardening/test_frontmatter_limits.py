"""Front matter is loaded safely and within limits, whichever YAML loader runs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader import frontmatter
from reader.frontmatter import FrontMatterError
from reader.library import parse_bytes


def _load(src: str) -> dict:
    return frontmatter.load("title: t\n" + src)


@pytest.mark.parametrize(
    "src",
    [
        # Block nesting (no anchors, no flow brackets: the fast C loader's path).
        "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 120)) + " " * 120 + "end: 1\n",
        # Block sequences inside one another.
        "x:\n  " + "- " * 200 + "1\n",
        # Flow nesting with something between the brackets.
        "x: " + "[a, " * 500 + "]" * 500 + "\n",
        "x: " + "{a: " * 500 + "}" * 500 + "\n",
        # Plain flow nesting.
        "x: " + "[" * 5000 + "]" * 5000 + "\n",
    ],
    ids=["block-mapping", "block-sequence", "flow-list", "flow-mapping", "flow-brackets"],
)
def test_nesting_beyond_the_limit_is_one_clear_error(src: str) -> None:
    with pytest.raises(FrontMatterError, match="nested"):
        _load(src)


def test_nesting_within_the_limit_loads() -> None:
    data = _load(
        "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 10)) + " " * 10 + "end: 1\n"
    )
    assert "x" in data


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, c in enumerate("bcdefghi"):
        bomb.append(f"{c}: &{c} [" + ",".join([f"*{'abcdefghi'[i]}"] * 9) + "]")
    start = time.monotonic()
    with pytest.raises(FrontMatterError, match="alias"):
        _load("\n".join(bomb))
    assert time.monotonic() - start < 1


def test_recursive_alias_does_not_loop() -> None:
    with pytest.raises(FrontMatterError):
        frontmatter.normalise(frontmatter.load("title: &a [*a]\n"))
    data = frontmatter.load("title: ok\nextra: &a [*a]\n")
    assert frontmatter.normalise(data).title == "ok"


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/object:os.system {{}}",
        "!!python/module:os",
        "!!python/tuple [1, 2]",
    ],
)
def test_python_tags_never_construct(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(FrontMatterError, match="invalid YAML"):
        frontmatter.load("title: x\nv: " + tag.format(marker=marker) + "\n")
    with pytest.raises(FrontMatterError, match="invalid YAML"):
        frontmatter.load("title: " + tag.format(marker=marker) + "\n")
    assert not marker.exists()


@pytest.mark.parametrize(
    ("src", "words"),
    [
        ("title: 5" + "1" * 5000 + "\n", "invalid YAML"),  # an integer past Python's digit limit
        ("title: x\ndate: 2021-02-30\n", None),  # invalid date: a warning, not an error
        ("title: x\nv: !!binary 'not base64 !!'\n", "invalid YAML"),
        ("title: x\nv: !!timestamp 'yesterday'\n", "invalid YAML"),
        ("title: x\nv: !!float 'abc'\n", "invalid YAML"),
        ("title: x\nv: !!int 'abc'\n", "invalid YAML"),
        ("title: x\n? [a, b]\n: c\n", "invalid YAML"),
        ("title: x\nv: !!set {a, b}\n", None),
        ("title: x\n<<: 5\n", "invalid YAML"),
    ],
    ids=[
        "huge-int",
        "invalid-date",
        "bad-binary",
        "bad-timestamp",
        "bad-float",
        "bad-int",
        "unhashable-key",
        "set",
        "bad-merge",
    ],
)
def test_odd_yaml_is_one_line_or_loads(src: str, words: str | None) -> None:
    parsed = parse_bytes("/x/a.md", ("---\n" + src + "---\n\nBody.\n").encode())
    if words is None:
        assert parsed.article is not None, parsed.problems
    else:
        assert parsed.article is None
        (problem,) = parsed.problems
        assert words in problem.message and "\n" not in problem.message


def test_invalid_date_loads_undated_with_a_warning() -> None:
    parsed = parse_bytes("/x/a.md", b"---\ntitle: x\ndate: 2021-02-30\n---\n\nBody.\n")
    assert parsed.article is not None and parsed.article.date is None
    (problem,) = parsed.problems
    assert not problem.fatal and "date" in problem.message


def test_scalar_front_matter_message() -> None:
    with pytest.raises(FrontMatterError, match="not a text"):
        frontmatter.load("just a scalar\n")


def test_front_matter_size_limit() -> None:
    with pytest.raises(FrontMatterError, match="larger than"):
        frontmatter.load("title: x\nv: " + "a" * (frontmatter.MAX_FRONT_MATTER + 1) + "\n")


@pytest.mark.parametrize("name", ["evil\x1b[31m.md", "\x1b]0;pwned\x07.md"])
def test_ids_from_file_names_carry_no_control_characters(name: str) -> None:
    parsed = parse_bytes(f"/lib/{name}", b"---\ntitle: x\n---\n\nBody.\n")
    assert parsed.article is not None
    assert "\x1b" not in parsed.article.id and "\x07" not in parsed.article.id
    assert parsed.article.id.strip()


def test_title_of_control_characters_only_is_a_problem() -> None:
    parsed = parse_bytes("/lib/a.md", b'---\ntitle: "\\e\\a\\x9b"\n---\n\nBody.\n')
    assert parsed.article is None
    assert "title" in parsed.problems[0].message
