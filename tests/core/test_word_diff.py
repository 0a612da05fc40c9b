"""Word diffs, and the text kept as last read that "what changed" compares with."""

from __future__ import annotations

from pathlib import Path

from reader.worddiff import Run, is_change, text_changes, word_diff

from support.articles import article, write


def test_word_diff_marks_the_changed_words() -> None:
    runs = word_diff("we will end rough sleeping by 2024", "we will halve rough sleeping by 2027")
    assert runs == [
        Run("same", "we will "),
        Run("removed", "end"),
        Run("added", "halve"),
        Run("same", " rough sleeping by "),
        Run("removed", "2024"),
        Run("added", "2027"),
    ]


def test_whitespace_alone_is_no_change() -> None:
    assert not is_change(word_diff("a  choice,\na voice", "a choice, a voice"))
    assert text_changes("one\ntwo  words\n", "one\ntwo words\n") == []


def test_text_changes_keeps_context_and_leaves_the_rest_out() -> None:
    old = "\n".join(f"Paragraph {n} stays the same." for n in range(20))
    new = old.replace("Paragraph 10 stays", "Paragraph 10 now goes")
    (hunk,) = text_changes(old, new, context=1)
    shown = "".join(r.text for r in hunk if r.op != "removed")
    assert "Paragraph 9" in shown and "Paragraph 11" in shown
    assert "Paragraph 5" not in shown
    assert Run("removed", "stays") in hunk and Run("added", "now goes") in hunk


def test_added_and_removed_paragraphs() -> None:
    hunks = text_changes("a\nb\nc\n", "a\nc\nd\n")
    ops = [(r.op, r.text) for h in hunks for r in h if r.op != "same"]
    assert ("removed", "b\n") in ops and ("added", "d\n") in ops


def test_huge_paragraphs_are_shown_whole() -> None:
    old, new = "x " * 5000, "y " * 5000
    assert [r.op for r in word_diff(old, new)] == ["removed", "added"]


def test_the_text_as_read_is_kept_and_rotated(tmp_path: Path, open_session) -> None:
    lib, data = tmp_path / "lib", tmp_path / "data"
    write(lib, "a.md", article("A", "First version of the words.\n"))
    s = open_session(lib, data_dir=data)
    assert s.changes_since_read("a") is None  # never opened: nothing kept
    s.open_article("a")
    assert s.changes_since_read("a") is None  # kept, and nothing changed since
    blob = s.store.db.execute("SELECT text FROM read_texts").fetchone()[0]
    assert isinstance(blob, bytes) and b"First version" not in blob  # compressed
    s.close()
    write(lib, "a.md", article("A", "Second version of the words.\n"))
    s = open_session(lib, data_dir=data)
    # changed since last read (not opened yet): the kept text against the text now
    old, new = s.changes_since_read("a")
    assert old.startswith("First") and new.startswith("Second")
    s.open_article("a")  # reading it keeps the new text, and the one before it
    old, new = s.changes_since_read("a")
    assert old.startswith("First") and new.startswith("Second")
    s.close()
    s = open_session(lib, data_dir=data)  # still there after a restart
    assert s.changes_since_read("a")[0].startswith("First")
