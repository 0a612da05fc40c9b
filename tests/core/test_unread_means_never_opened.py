""" "Unread" means never opened, everywhere: the list's state column, `list --unread` and the
library tree's counts agree; an article opened but not finished is counted as started."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.session import Session

from support.articles import CO_PRODUCTION, SOCIAL_VALUE

STARTED = CO_PRODUCTION
READ = SOCIAL_VALUE


@pytest.fixture
def session(open_session: Callable[..., Session]) -> Session:
    session = open_session(bundled=True)
    session.open_article(STARTED)  # opened: started, not read
    session.mark(READ, "read")
    return session


def test_a_started_article_is_not_unread(session: Session) -> None:
    article = session.catalog.get(STARTED)
    assert session.state(STARTED).read == "started"
    assert not session.is_unread(article)


def test_list_unread_and_the_state_column_agree(session: Session, run_main) -> None:
    listed = run_main("list", "--unread").stdout.splitlines()
    unread_ids = {line.split()[0] for line in listed}
    assert STARTED not in unread_ids and READ not in unread_ids and len(unread_ids) == 2
    for line in run_main("list").stdout.splitlines():
        ident, _date, state = line.split()[:3]
        assert (state == "unread") == (ident in unread_ids), line
    assert {a.id for a in session.list_articles(unread=True)} == unread_ids


def test_the_tree_counts_agree_with_the_list(session: Session) -> None:
    facets, everything = session.facet_counts()
    unread = session.list_articles(unread=True)
    assert (everything.total, everything.unread, everything.started) == (4, len(unread), 1)
    started = session.catalog.get(STARTED)
    for kind, entries in facets.items():
        for entry in entries:
            members = session.catalog.filter(**{kind: entry.value})
            assert entry.total == len(members), entry
            assert entry.unread == sum(1 for a in members if a in unread), entry
            assert entry.started == (1 if started in members else 0), entry
