"""The reader when an article changed under its quotes: marks, the word diff, accepting the new
words, and what changed since the article was last read."""

from __future__ import annotations

from pathlib import Path

from reader.tui.screens.changes import ChangesScreen

from support.articles import article, write
from support.tui import make_app, ready, screen_lines

SIZE = (120, 40)
BODY = """The council published its plan on Monday.

The minister said “we will end rough sleeping by 2024” to the committee, and left.

Councils say the money is a matter for the social enterprise Outside the Box, which runs
the hostels.

A last paragraph that nobody edits at all.
"""
QUOTATION = "we will end rough sleeping by 2024"
HIGHLIGHT = "the social enterprise Outside the Box"
EDITED = BODY.replace("end rough sleeping by 2024", "halve rough sleeping by 2027").replace(
    "social enterprise", "social business"
)


def _setup(tmp_path: Path, open_session):
    """An article read with a bookmarked quotation and a highlight, then edited; the session
    opened on the edited version."""
    lib, data = tmp_path / "lib", tmp_path / "data"
    write(lib, "plan.md", article("The plan", BODY))
    s = open_session(lib, data_dir=data)
    s.open_article("plan")  # read once: its text is kept as read
    (q,) = [q for q in s.quotes("plan") if q.kind == "quotation"]
    s.bookmark_quote(q.id, True)
    h = s.highlight_text("plan", HIGHLIGHT, note="who decides")
    s.close()
    write(lib, "plan.md", article("The plan", EDITED))
    return open_session(lib, data_dir=data), q.id, h.id


def _plain(screen: ChangesScreen) -> list[tuple[str, str]]:
    """(style, text) of the dialog's diff spans."""
    out = []
    for text in screen.texts:
        for span in text.spans:
            out.append((str(span.style), text.plain[span.start : span.end]))
    return out


async def test_changed_quotes_are_marked_and_can_be_accepted(tmp_path: Path, open_session):
    session, qid, hid = _setup(tmp_path, open_session)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        quotes = {q.id: q for q in app.quotes_pane.quotes}
        assert quotes[qid].status == quotes[hid].status == "changed"
        assert quotes[qid].text == QUOTATION  # the words as quoted, not the new ones
        lines = screen_lines(app.quotes_pane, 6)
        assert sum("≠" in line for line in lines) == 2, lines
        # the reading pane marks the changed spans in their own style
        assert sorted(app.reader._changed) == sorted((q.start, q.end) for q in quotes.values())
        # enter on a changed quote: the word diff, quoted words struck, new ones added
        app.main.focus_pane("quotes")
        app.quotes_pane.select_id(qid)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        spans = _plain(app.screen)
        assert any("strike" in style and "end" in words for style, words in spans), spans
        assert any("underline" in style and "halve" in words for style, words in spans), spans
        await pilot.press("escape")  # keep it as it is
        await pilot.pause()
        assert session.store.quote(qid).status == "changed"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a")  # accept from the dialog
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        stored = session.store.quote(qid)
        assert (stored.status, stored.text) == ("anchored", "we will halve rough sleeping by 2027")
        # `a` in the quotes pane accepts the selected one
        app.quotes_pane.select_id(hid)
        await pilot.press("a")
        await pilot.pause()
        stored = session.store.quote(hid)
        assert (stored.status, stored.text) == ("anchored", "the social business Outside the Box")
        assert stored.note == "who decides" and stored.bookmarked
        assert app.reader._changed == []
        assert not any("≠" in line for line in screen_lines(app.quotes_pane, 6))
        # nothing left to accept: says so, changes nothing
        await pilot.press("a")
        await pilot.pause()
        assert "nothing to accept" in app.status_line.message


async def test_c_shows_what_changed_since_last_read(tmp_path: Path, open_session):
    session, _, _ = _setup(tmp_path, open_session)
    assert session.is_changed(session.catalog.get("plan"))  # marked Δ in the list
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ChangesScreen)
        spans = _plain(app.screen)
        removed = " ".join(w for style, w in spans if "strike" in style)
        added = " ".join(w for style, w in spans if "underline" in style)
        assert "end" in removed and "2024" in removed and "enterprise" in removed
        assert "halve" in added and "2027" in added and "business" in added
        shown = " ".join(text.plain for text in app.screen.texts)
        assert "nobody edits" not in shown  # unchanged parts away from a change are left out
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)


async def test_c_with_nothing_kept_says_so(tmp_path: Path, open_session):
    lib = tmp_path / "lib"
    write(lib, "plan.md", article("The plan", BODY))
    session = open_session(lib, data_dir=tmp_path / "data")
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert "No earlier version" in app.status_line.message


async def test_moved_words_stay_anchored_and_removed_ones_are_orphaned(
    tmp_path: Path, open_session
):
    lib, data = tmp_path / "lib", tmp_path / "data"
    write(lib, "plan.md", article("The plan", BODY))
    s = open_session(lib, data_dir=data)
    (q,) = [q for q in s.quotes("plan") if q.kind == "quotation"]
    s.bookmark_quote(q.id, True)
    h = s.highlight_text("plan", HIGHLIGHT)
    s.close()
    paras = BODY.strip().split("\n\n")
    # the quotation's paragraph moves to the end; the highlighted words are gone
    moved = "\n\n".join([paras[0], paras[2], paras[3], paras[1]]).replace(HIGHLIGHT, "a charity")
    write(lib, "plan.md", article("The plan", moved))
    session = open_session(lib, data_dir=data)
    app = make_app(session, open_id="plan", refresh_catalog=False)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        quotes = {x.id: x for x in app.quotes_pane.quotes}
        assert (quotes[q.id].status, quotes[h.id].status) == ("anchored", "orphaned")
        lines = screen_lines(app.quotes_pane, 6)
        assert any("◌" in line for line in lines) and not any("≠" in line for line in lines)
        assert app.reader._changed == []
        _, doc = session.catalog.document("plan")
        start = quotes[q.id].start
        assert doc.text[start : quotes[q.id].end] == QUOTATION
        app.main.focus_pane("quotes")
        app.quotes_pane.select_id(h.id)
        await pilot.press("enter")  # an orphan: says so, no dialog
        await pilot.pause()
        assert not isinstance(app.screen, ChangesScreen)
        assert "no longer in the article" in app.status_line.message
