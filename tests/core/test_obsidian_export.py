"""Export to an Obsidian folder: one note per article, managed quote blocks, re-runs that keep
every byte the user wrote, notes found again after a rename or a move, and a dry run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader import obsidian

ARTICLE = """---
title: "Housing first: what works?"
author: "Ann Author"
date: "2019-05"
publisher: "The Policy Blog"
source_url: "https://example.org/housing-first"
tags: [homelessness, social housing]
id: housing
---

A pilot in Glasgow gave people a home before anything else.

The evaluation found that most tenants were still housed a year later, which surprised some.

Critics worry about cost, but the savings elsewhere were real.
"""


@pytest.fixture
def setup(lib: Path, put, open_session, tmp_path: Path):
    put(lib, "housing.md", ARTICLE)
    session = open_session(lib)
    vault = tmp_path / "vault"
    vault.mkdir()
    return session, vault


def note_of(vault: Path) -> Path:
    (path,) = [p for p in vault.rglob("*.md")]
    return path


def test_first_export_writes_one_note_per_article(setup) -> None:
    session, vault = setup
    q = session.highlight_text("housing", "most tenants were still housed a year later", "Key")
    changes = obsidian.export_to_vault(session, vault)
    assert [c.action for c in changes] == ["create"]
    note = vault / "Housing first what works.md"
    text = note.read_text(encoding="utf-8")
    head = text.split("---\n")[1]
    assert 'title: "Housing first: what works?"' in head
    assert 'author: "Ann Author"' in head and 'date: "2019-05"' in head
    assert 'source: "https://example.org/housing-first"' in head
    assert 'tags: ["homelessness", "social-housing"]' in head
    assert 'citation-key: "author2019housing"' in head
    assert 'policyreader-id: "housing"' in head
    assert "> most tenants were still housed a year later\n>\n> **Note:** Key\n\n" in text
    assert f"\n^pr-{q.id}\n" in text


def test_rerun_keeps_what_the_user_wrote(setup) -> None:
    session, vault = setup
    a = session.highlight_text("housing", "A pilot in Glasgow gave people a home", "first note")
    b = session.highlight_text("housing", "the savings elsewhere were real")
    obsidian.export_to_vault(session, vault)
    note = note_of(vault)
    # The user writes above, between and below the managed blocks, and in the front matter.
    text = note.read_text(encoding="utf-8")
    text = text.replace("policyreader-id:", "aliases: [Housing]\npolicyreader-id:")
    text = text.replace("## Quotes\n", "## Quotes\n\nMy thoughts *before*.  \n")
    end_a = f"<!-- /policyreader:quote {a.id} -->\n"
    text = text.replace(end_a, end_a + "\nBetween, with [[links]] and trailing spaces   \n")
    text += "\n## My own section\n\nKeep me.\n"
    note.write_text(text, encoding="utf-8")
    mine = [
        "aliases: [Housing]\n",
        "My thoughts *before*.  \n",
        "Between, with [[links]] and trailing spaces   \n",
        "\n## My own section\n\nKeep me.\n",
    ]
    # A new quote, an edited note, a deleted quote.
    c = session.highlight_text("housing", "which surprised some")
    session.set_note(a.id, "second thoughts")
    session.delete_highlight(b.id)
    (change,) = obsidian.export_to_vault(session, vault)
    assert (change.action, change.added, change.updated, change.removed) == ("update", 1, 1, 1)
    new = note.read_text(encoding="utf-8")
    for part in mine:
        assert part in new
    assert "> **Note:** second thoughts" in new and "first note" not in new
    assert b.id not in new and f"^pr-{c.id}" in new
    assert new.index(a.id) < new.index(c.id)  # text order

    # Everything outside the managed blocks is what it was (only the blank line that goes
    # with each block comes and goes with it).
    def outside(note: str) -> str:
        return re.sub(r"\n{3,}", "\n\n", obsidian._BLOCK.sub("", note))

    assert outside(new) == outside(text)
    # A run with nothing new changes nothing.
    (again,) = obsidian.export_to_vault(session, vault)
    assert again.action == "unchanged" and note.read_text(encoding="utf-8") == new


def test_removing_the_quotes_again_restores_the_note(setup) -> None:
    session, vault = setup
    a = session.highlight_text("housing", "A pilot in Glasgow gave people a home")
    obsidian.export_to_vault(session, vault)
    first = note_of(vault).read_text(encoding="utf-8")
    b = session.highlight_text("housing", "the savings elsewhere were real")
    c = session.highlight_text("housing", "most tenants were still housed")
    obsidian.export_to_vault(session, vault)
    session.delete_highlight(b.id)
    session.delete_highlight(c.id)
    obsidian.export_to_vault(session, vault)
    assert note_of(vault).read_text(encoding="utf-8") == first
    session.delete_highlight(a.id)
    (change,) = obsidian.export_to_vault(session, vault)
    assert change.removed == 1 and "policyreader:quote" not in note_of(vault).read_text("utf-8")


def test_a_renamed_and_moved_note_is_found_again(setup) -> None:
    session, vault = setup
    session.highlight_text("housing", "A pilot in Glasgow gave people a home")
    obsidian.export_to_vault(session, vault)
    (vault / "Reading").mkdir()
    moved = vault / "Reading" / "My housing notes.md"
    note_of(vault).rename(moved)
    session.highlight_text("housing", "the savings elsewhere were real")
    (change,) = obsidian.export_to_vault(session, vault)
    assert change.path == moved and change.added == 1
    assert [p for p in vault.rglob("*.md")] == [moved]


def test_dry_run_lists_and_writes_nothing(setup, run_main, lib: Path) -> None:
    session, vault = setup
    session.highlight_text("housing", "A pilot in Glasgow gave people a home")
    export = (
        "--no-bundled",
        "--articles",
        lib,
        "export",
        "--format",
        "obsidian",
        "--output",
        vault,
    )
    r = run_main(*export, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "create Housing first what works.md: 1 quote(s)\n"
    assert list(vault.iterdir()) == []
    r = run_main(*export)
    assert r.returncode == 0 and "changed 1 of 1 note in" in r.stderr
    r = run_main(*export, "--dry-run")
    assert r.stdout == "unchanged Housing first what works.md\n"


def test_obsidian_needs_an_existing_folder(setup, run_main, lib: Path, tmp_path: Path) -> None:
    r = run_main("--no-bundled", "--articles", lib, "export", "--format", "obsidian")
    assert r.returncode == 2 and "--output VAULT_FOLDER" in r.stderr
    r = run_main(
        "--no-bundled",
        "--articles",
        lib,
        "export",
        "--format",
        "obsidian",
        "--output",
        tmp_path / "nope",
    )
    assert r.returncode == 1 and "does not exist" in r.stderr


def test_user_text_is_never_markup_or_a_marker(setup) -> None:
    session, vault = setup
    q = session.highlight_text("housing", "A pilot in Glasgow")
    session.set_note(q.id, "# not a heading <!-- /policyreader:quote x --> *x*")
    obsidian.export_to_vault(session, vault)
    text = note_of(vault).read_text(encoding="utf-8")
    assert "\\# not a heading \\<!-- /policyreader:quote x --\\> \\*x\\*" in text
    assert len(list(obsidian._BLOCK.finditer(text))) == 1


def test_a_title_taken_by_another_file_gets_the_id(setup) -> None:
    session, vault = setup
    (vault / "Housing first what works.md").write_text("mine\n", encoding="utf-8")
    session.highlight_text("housing", "A pilot in Glasgow")
    (change,) = obsidian.export_to_vault(session, vault)
    assert change.path.name == "Housing first what works (housing).md"
    assert (vault / "Housing first what works.md").read_text(encoding="utf-8") == "mine\n"


def test_statuses_follow_the_article(setup, lib: Path, put, open_session) -> None:
    session, vault = setup
    q = session.highlight_text("housing", "most tenants were still housed a year later")
    obsidian.export_to_vault(session, vault)
    put(lib, "housing.md", ARTICLE.replace("a year later", "two years later"))
    (change,) = obsidian.export_to_vault(open_session(lib), vault)
    assert change.updated == 1
    assert "*Changed: the article now reads “most tenants were still housed two years later”.*" in (
        note_of(vault).read_text(encoding="utf-8")
    )
    put(
        lib,
        "housing.md",
        ARTICLE.replace(
            "The evaluation found that most tenants were still housed a year later, which surprised some.\n",
            "Nothing.\n",
        ),
    )
    (change,) = obsidian.export_to_vault(open_session(lib), vault)
    text = note_of(vault).read_text(encoding="utf-8")
    assert change.updated == 1 and "*No longer found in the article's current text.*" in text
    assert f"^pr-{q.id}" in text
