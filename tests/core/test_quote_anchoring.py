"""Anchors: quotes found again after the article changes, or kept as orphans."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.anchors import find_loose, reanchor, same_words, selector

TEXT = (
    "Tomorrow’s Women Glasgow is part of a national pilot. The scheme gives vulnerable "
    "women a choice, a voice, a direction and opportunities. The project is run in "
    "association with the social enterprise Outside the Box."
)
QUOTE = "a choice, a voice, a direction and opportunities"


def anchor(text: str, exact: str, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(exact, start + 1)
    return selector(text, start, start + len(exact))


def found(text: str, sel) -> str | None:
    span = reanchor(text, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end)
    return None if span is None else text[span[0] : span[1]]


def test_selector_keeps_about_32_characters_of_context() -> None:
    sel = anchor(TEXT, QUOTE)
    assert sel.exact == QUOTE
    assert len(sel.prefix) == 32 and TEXT[: sel.start].endswith(sel.prefix)
    assert len(sel.suffix) == 32 and TEXT[sel.end :].startswith(sel.suffix)
    edge = selector(TEXT, 0, 8)
    assert edge.prefix == "" and edge.exact == "Tomorrow"


def test_unchanged_text_keeps_the_position() -> None:
    sel = anchor(TEXT, QUOTE)
    assert reanchor(TEXT, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end) == (
        sel.start,
        sel.end,
    )


def test_text_inserted_before() -> None:
    sel = anchor(TEXT, QUOTE)
    new = "A new opening paragraph.\n\n" + TEXT
    span = reanchor(new, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end)
    assert span == (sel.start + 26, sel.end + 26)


def test_quote_moved() -> None:
    sel = anchor(TEXT, QUOTE)
    first, second, third = TEXT.split(". ", 2)
    new = f"{third}\n\n{second}. {first}."
    assert found(new, sel) == QUOTE


def test_repeated_text_disambiguated_by_context() -> None:
    text = (
        "In Glasgow the phrase service users matters. In Edinburgh the phrase service "
        "users matters less."
    )
    sel = anchor(text, "service users", occurrence=1)
    new = "Preface. " + text.replace("Glasgow", "Glasgow city")
    span = reanchor(new, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end)
    assert span is not None
    assert new[span[0] : span[1]] == "service users"
    assert new[: span[0]].endswith("In Edinburgh the phrase ")


def test_repeated_text_with_position_lost_picks_the_best_context() -> None:
    text = "alpha beta gamma delta. One two three. epsilon beta gamma zeta."
    sel = anchor(text, "beta gamma", occurrence=1)
    new = "A much longer preface moves everything along. " + text
    span = reanchor(new, sel.exact, sel.prefix, sel.suffix, sel.start, sel.end)
    assert span is not None and new[: span[0]].endswith("epsilon ")


def test_whitespace_change() -> None:
    sel = anchor(TEXT, QUOTE)
    new = TEXT.replace("a choice, a voice,", "a  choice,\na voice,")
    got = found(new, sel)
    assert got is not None
    assert " ".join(got.split()) == QUOTE


def test_quote_style_change() -> None:
    text = "He said it was ‘the best of all possible worlds’ and left."
    sel = anchor(text, "‘the best of all possible worlds’")
    new = text.replace("‘", "'").replace("’", "'")
    assert found(new, sel) == "'the best of all possible worlds'"


def test_small_word_change_inside_is_found_by_context() -> None:
    sel = anchor(TEXT, QUOTE)
    new = TEXT.replace("a choice, a voice", "a choice, a real voice")
    assert found(new, sel) == "a choice, a real voice, a direction and opportunities"


def test_removed_text_is_orphaned() -> None:
    sel = anchor(TEXT, QUOTE)
    new = TEXT.replace("The scheme gives vulnerable women " + QUOTE + ". ", "")
    assert found(new, sel) is None


def test_rewritten_text_is_orphaned_not_misplaced() -> None:
    sel = anchor(TEXT, QUOTE)
    new = TEXT.replace(QUOTE, "nothing at all like the words that were here before today")
    assert found(new, sel) is None


def test_empty_exact_is_orphaned() -> None:
    assert reanchor(TEXT, "", "", "", 0, 0) is None


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("a choice, a voice", "a choice, a voice"),
        ("a   choice,\n a voice", "a choice, a voice"),
        ('"Tomorrow\'s Women Glasgow"', None),
        ("Tomorrow's Women", "Tomorrow’s Women"),
        ("not in the text", None),
        ("   ", None),
    ],
)
def test_find_loose(wanted: str, expected: str | None) -> None:
    span = find_loose(TEXT, wanted)
    assert (None if span is None else TEXT[span[0] : span[1]]) == expected


# --- end to end through Session ----------------------------------------------------------------

BODY = """Tomorrow’s Women Glasgow is part of a national pilot.

Mentors say “the scheme gives vulnerable women a choice and a voice” in Glasgow.

The project is run with the social enterprise Outside the Box, which hosts open days.
"""
HIGHLIGHT = "the social enterprise Outside the Box"


@pytest.fixture
def edited(lib: Path, put, md, open_session):
    """(session before, reopen(new_body) -> session after) with a highlight and a bookmarked
    detected quotation made before the edit."""
    put(lib, "a.md", md("A", body=BODY))
    data = lib.parent / "data"
    s = open_session(lib, data_dir=data)
    h = s.highlight_text("a", HIGHLIGHT, note="who runs it")
    (q,) = [q for q in s.quotes("a") if q.kind == "quotation"]
    s.bookmark_quote(q.id, True)
    s.close()

    def reopen(new_body: str):
        put(lib, "a.md", md("A", body=new_body))
        return open_session(lib, data_dir=data)

    return h.id, q.id, reopen


def _check_anchor(session, quote) -> None:
    """The quote's span holds its words (or, when changed, the article's current words)."""
    _, doc, _ = session.open_article(quote.article_id)
    there = doc.text[quote.start : quote.end]
    if quote.status == "changed":
        assert there == quote.current_text
    else:
        assert quote.status == "anchored" and same_words(there, quote.text)


def test_session_quotes_survive_text_inserted_before(edited) -> None:
    hid, qid, reopen = edited
    s = reopen("A brand new first paragraph.\n\n" + BODY)
    qs = {q.id: q for q in s.quotes("a")}
    assert set(qs) == {hid, qid}
    assert qs[hid].text == HIGHLIGHT and not qs[hid].orphaned
    assert qs[hid].note == "who runs it" and qs[hid].bookmarked
    assert qs[qid].bookmarked and not qs[qid].orphaned
    _check_anchor(s, qs[hid])
    _check_anchor(s, qs[qid])


def test_session_quotes_survive_a_move_and_whitespace(edited) -> None:
    hid, _, reopen = edited
    paras = BODY.strip().split("\n\n")
    moved = (
        "\n\n".join(
            [paras[2].replace("social enterprise", "social\nenterprise"), paras[0], paras[1]]
        )
        + "\n"
    )
    s = reopen(moved)
    (h,) = [q for q in s.quotes("a") if q.id == hid]
    assert h.status == "anchored" and h.current_text is None
    assert h.text == HIGHLIGHT  # the words as quoted, not the new spacing
    _check_anchor(s, h)


QUOTED = "the scheme gives vulnerable women a choice and a voice"


def test_session_quotation_with_a_word_changed_is_changed_not_rewritten(edited) -> None:
    _, qid, reopen = edited
    s = reopen(BODY.replace("a choice and a voice", "a choice and a real voice"))
    quotations = [q for q in s.quotes("a") if q.kind == "quotation"]
    assert len(quotations) == 1  # the old record, found again; not a second copy
    (q,) = quotations
    assert q.id == qid and q.bookmarked and q.status == "changed" and not q.orphaned
    assert q.text == QUOTED  # never silently the new words
    assert q.current_text == "the scheme gives vulnerable women a choice and a real voice"
    _check_anchor(s, q)


def test_session_highlight_with_words_changed_is_changed(edited) -> None:
    hid, _, reopen = edited
    s = reopen(BODY.replace("the social enterprise Outside", "the social business Outside"))
    h = s.quote(hid)
    assert (h.status, h.text, h.current_text) == (
        "changed",
        HIGHLIGHT,
        "the social business Outside the Box",
    )
    assert h.note == "who runs it" and h.bookmarked
    _check_anchor(s, h)


def test_changed_stays_changed_across_restarts_until_accepted(edited, lib: Path, open_session):
    hid, qid, reopen = edited
    edited_body = BODY.replace("a choice and a voice", "a choice and a real voice").replace(
        "social enterprise", "social business"
    )
    s = reopen(edited_body)
    assert {q.status for q in s.quotes("a")} == {"changed"}
    s.close()
    # a new process: the status is read from the state database, not worked out again
    s = open_session(lib, data_dir=lib.parent / "data")
    rows = dict(s.store.db.execute("SELECT quote_id, status FROM quotes"))
    assert rows == {hid: "changed", qid: "changed"}
    assert s.quote(qid).text == QUOTED
    q = s.accept_quote(qid)
    assert (q.status, q.current_text) == ("anchored", None)
    assert q.text == "the scheme gives vulnerable women a choice and a real voice"
    assert q.bookmarked and q.id == qid
    _check_anchor(s, q)
    assert len([x for x in s.quotes("a") if x.kind == "quotation"]) == 1
    s.close()
    s = open_session(lib, data_dir=lib.parent / "data")
    assert s.quote(qid).status == "anchored" and s.quote(hid).status == "changed"


def test_changed_quote_comes_back_when_the_words_do(edited) -> None:
    hid, _, reopen = edited
    s = reopen(BODY.replace("social enterprise", "social business"))
    assert s.quote(hid).status == "changed"
    s.close()
    s = reopen("New first line.\n\n" + BODY)
    h = s.quote(hid)
    assert (h.status, h.current_text, h.text) == ("anchored", None, HIGHLIGHT)
    _check_anchor(s, h)


def test_changed_twice_is_still_found(edited) -> None:
    hid, _, reopen = edited
    s = reopen(BODY.replace("social enterprise", "social business"))
    assert s.quote(hid).status == "changed"
    s.close()
    s = reopen(
        BODY.replace("social enterprise", "social business").replace(
            "which hosts open days", "which hosts open evenings"
        )
    )
    h = s.quote(hid)
    assert (h.status, h.text) == ("changed", HIGHLIGHT)
    assert h.current_text == "the social business Outside the Box"


def test_accepting_an_orphan_or_an_anchored_quote(edited) -> None:
    hid, qid, reopen = edited
    s = reopen(BODY.replace(HIGHLIGHT, "a charity"))
    assert s.accept_quote(qid).status == "anchored"  # nothing to accept: unchanged
    assert s.quote(hid).status == "orphaned"
    with pytest.raises(ValueError, match="no longer found"):
        s.accept_quote(hid)


def test_schema_2_orphans_become_orphaned_status(tmp_path: Path) -> None:
    import sqlite3

    from reader.store import APPLICATION_ID, MIGRATIONS, Store

    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    for n in (1, 2):
        db.executescript(MIGRATIONS[n])
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    db.execute("INSERT INTO articles (article_id) VALUES ('a')")
    for qid, orphaned in (("h1", 1), ("h2", 0)):
        db.execute(
            "INSERT INTO quotes (quote_id, article_id, kind, exact, orphaned, created_at, "
            "updated_at) VALUES (?, 'a', 'highlight', 'w', ?, '', '')",
            (qid, orphaned),
        )
    db.commit()
    db.close()
    store = Store.open(path)
    assert (store.quote("h1").status, store.quote("h2").status) == ("orphaned", "anchored")
    assert store.quote("h1").orphaned
    store.close()
    assert (tmp_path / "state.sqlite3.schema-2.bak").exists()


def test_session_orphans_are_kept_and_can_come_back(edited) -> None:
    hid, qid, reopen = edited
    removed = BODY.replace(
        "Mentors say “the scheme gives vulnerable women a choice and a voice” in Glasgow.\n\n", ""
    ).replace(HIGHLIGHT, "a charity")
    s = reopen(removed)
    qs = {q.id: q for q in s.quotes("a")}
    assert set(qs) == {hid, qid}
    assert qs[hid].orphaned and qs[qid].orphaned
    assert qs[hid].text == HIGHLIGHT and qs[hid].note == "who runs it"
    assert {q.id for q in s.quotes(bookmarked=True)} == {hid, qid}
    assert s.quote(hid).orphaned
    s.close()
    # the text comes back: found again
    s = reopen(BODY)
    qs = {q.id: q for q in s.quotes("a")}
    assert not qs[hid].orphaned and not qs[qid].orphaned
    _check_anchor(s, qs[hid])


def test_quotes_of_a_deleted_article_are_kept_as_orphans(edited, lib: Path, open_session) -> None:
    hid, qid, _ = edited
    (lib / "a.md").unlink()
    s = open_session(lib, data_dir=lib.parent / "data")
    qs = {q.id: q for q in s.quotes(bookmarked=True)}
    assert set(qs) == {hid, qid}
    assert all(q.orphaned for q in qs.values())


def test_loose_match_takes_three_dots_for_an_ellipsis() -> None:
    from reader.anchors import find_loose

    text = "Pete from Positive Prison? Positive Futures… delivered an “inspiring” talk"
    span = find_loose(text, 'Positive Futures... delivered an "inspiring"')
    assert span is not None
    assert text[span[0] : span[1]] == "Positive Futures… delivered an “inspiring”"
