"""A child process for the concurrency and crash tests: writes quotes, prints each id once saved.

    python writer_child.py store DB_PATH PREFIX COUNT      # Store.save_quote in a loop
    python writer_child.py session LIB DATA_DIR PREFIX COUNT  # Session.add_highlight in a loop

COUNT 0 means "until killed". An id is printed (and flushed) only after its write returned,
so every printed id must be in the database afterwards.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path


def store_loop(db_path: str, prefix: str, count: int) -> None:
    from reader.quotes import Quote
    from reader.store import Store

    store = Store.open(Path(db_path))
    assert not store.readonly, store.readonly
    print("ready", flush=True)
    counter = itertools.count() if count == 0 else range(count)
    for n in counter:
        qid = f"{prefix}-{n}"
        store.save_quote(
            Quote(
                qid,
                f"article-{n % 7}",
                "highlight",
                f"words {n} " * 20,
                "before ",
                " after",
                n,
                n + 10,
                note=f"note {n} " * 30,
                bookmarked=True,
            ),
            title=f"Article {n % 7}",
        )
        if n % 5 == 0:
            store.set_read(f"article-{n % 7}", "read")
        sys.stdout.write(qid + "\n")
        sys.stdout.flush()


def session_loop(lib: str, data_dir: str, prefix: str, count: int) -> None:
    from reader.session import Session

    s = Session.open(articles=[lib], no_bundled=True, data_dir=data_dir)
    (art,) = s.catalog.articles
    _, doc = s.catalog.document(art.id)
    print("ready", flush=True)
    for n in range(count):
        start = (n * 37) % (len(doc.text) - 200)
        q = s.add_highlight(art.id, start, start + 20 + len(prefix), note=f"{prefix} {n}")
        sys.stdout.write(q.id + "\n")
        sys.stdout.flush()
    s.close()


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "store":
        store_loop(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        session_loop(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
