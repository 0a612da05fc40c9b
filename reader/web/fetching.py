"""`fetch`: every subscribed feed fetched, its new entries made articles, changed ones updated.

The three steps are kept apart, as lemon24/reader does: retrieving (`retrieve`, conditional
requests), parsing (`feeds`) and deciding (`update`). Here they are put together on one thread
pool: feeds are requested at once, and as each arrives its summary-only entries' pages are
queued on the same pool, while this thread converts and writes what has come in. A failing
feed (or page) is recorded and reported; it never stops the others. A feed's validators (ETag,
Last-Modified) are saved only when all its entries were taken in, so an entry that failed is
tried again by the next fetch instead of hiding behind a 304.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from reader.errors import ReaderError
from reader.records import Record

if TYPE_CHECKING:
    from reader.web.adding import Added, Shelf
    from reader.web.feeds import Entry, Feed
    from reader.web.feedstore import FeedStore, Subscription
    from reader.web.retrieve import Response, Retriever
    from reader.web.update import Decision


class Report(Record):
    """What one fetch did."""

    __slots__ = ("feeds", "new", "updated", "failed", "unchanged")

    def __init__(self) -> None:
        self.feeds = 0
        self.new: list[Added] = []
        self.updated: list[Added] = []
        self.failed: dict[str, str] = {}  # feed address -> its first error
        self.unchanged = 0  # feeds that answered 304

    def summary(self) -> str:
        line = (
            f"{self.feeds} feed{'s' if self.feeds != 1 else ''}: {len(self.new)} new, "
            f"{len(self.updated)} updated, {len(self.failed)} failed"
        )
        if self.failed:
            line += ": " + "; ".join(f"{url}: {err}" for url, err in self.failed.items())
        return line

    def to_json(self) -> dict[str, Any]:
        return {
            "feeds": self.feeds,
            "new": [a.article_id for a in self.new],
            "updated": [a.article_id for a in self.updated],
            "failed": [{"url": u, "error": e} for u, e in self.failed.items()],
            "unchanged": self.unchanged,
        }


class _HostQueue:
    """Requests waiting for a network slot, queued per host: at most `concurrency` run at once
    and `per_host` to one host, taken from the hosts in turn, so that a hundred pages of one
    site never hold every slot while another site's requests wait behind them. A finished
    request starts the next one at once, from its own thread: the slots never wait for the
    thread that writes the articles."""

    def __init__(
        self, concurrency: int, per_host: int, futures: dict[Future[Any], tuple[str, Any]]
    ) -> None:
        import threading
        from collections import deque

        self.pool = ThreadPoolExecutor(max_workers=concurrency)
        self.concurrency = concurrency
        self.per_host = per_host
        self.futures = futures  # shared with the caller: touch it only under `lock`
        self.lock = threading.RLock()
        self.queues: dict[str, Any] = {}
        self.running: dict[str, int] = {}
        self.hosts: dict[Future[Any], str] = {}
        self._deque = deque

    def add(self, url: str, fn: Callable[[Any], Any], arg: Any, tag: tuple[str, Any]) -> None:
        from urllib.parse import urlsplit

        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        with self.lock:
            self.queues.setdefault(host, self._deque()).append((fn, arg, tag))
            self._pump()

    def _pump(self) -> None:
        moved = True
        while moved and sum(self.running.values()) < self.concurrency:
            moved = False
            for host in list(self.queues):
                queue = self.queues[host]
                if not queue:
                    del self.queues[host]
                    continue
                if self.running.get(host, 0) >= self.per_host:
                    continue
                if sum(self.running.values()) >= self.concurrency:
                    break
                fn, arg, tag = queue.popleft()
                self.running[host] = self.running.get(host, 0) + 1
                future = self.pool.submit(fn, arg)
                self.futures[future] = tag
                self.hosts[future] = host
                future.add_done_callback(self._done)
                moved = True
            if self.queues:  # hosts served in turn: the first goes to the back of the line
                first = next(iter(self.queues))
                self.queues[first] = self.queues.pop(first)

    def _done(self, future: Future[Any]) -> None:
        with self.lock:
            host = self.hosts.pop(future, None)
            if host is not None:
                self.running[host] -= 1
            self._pump()

    def close(self) -> None:
        with self.lock:
            self.queues.clear()
        self.pool.shutdown(wait=True, cancel_futures=True)


class _FeedRun:
    """One feed's fetch in progress: its entries still out, and whether all went in."""

    def __init__(self, sub: Subscription, feed: Feed, resp: Response) -> None:
        self.sub = sub
        self.feed = feed
        self.resp = resp
        self.pending = 0
        self.error = ""
        self.taken: list[tuple[str, str, str, str]] = []  # entries written, saved at the end


def entry_article(entry: Entry, feed: Feed, page: Any = None) -> Any:
    """The Extracted article of an entry: from its own full text, or from its page (`page`,
    already extracted), with the entry's author, date and categories and the feed's title."""
    from reader.web.extract import Extracted
    from reader.web.markdown import from_html

    if page is None:
        markdown = from_html(entry.content, entry.link or None)
        ex = Extracted(url=entry.link, markdown=markdown)
    else:
        ex = page
    from reader.web.extract import drop_title

    ex.markdown = drop_title(ex.markdown, entry.title or ex.title)
    ex.title = entry.title or ex.title
    ex.authors = entry.authors or ex.authors
    ex.date = entry.date or ex.date
    ex.categories = list(dict.fromkeys([*entry.categories, *ex.categories]))
    ex.publisher = feed.title or ex.publisher
    ex.language = ex.language or feed.language
    if not ex.summary and entry.summary and entry.full:
        ex.summary = _plain(entry.summary)[:500]
    if not ex.url:
        ex.url = entry.link
    return ex


def _plain(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def fetch_all(
    shelf: Shelf,
    store: FeedStore,
    retriever: Retriever,
    *,
    now: str,
    progress: Callable[[int, int, str], None] | None = None,
    on_added: Callable[[Added], None] | None = None,
) -> Report:
    from reader.web import feeds as feedmod
    from reader.web.adding import store as store_article
    from reader.web.extract import extract
    from reader.web.retrieve import FEED_ACCEPT
    from reader.web.update import decide

    report = Report()
    subs = store.subscriptions()
    report.feeds = len(subs)
    total = len(subs)
    done = 0
    futures: dict[Future[Any], tuple[str, Any]] = {}
    net = _HostQueue(retriever.concurrency, retriever.per_host, futures)
    cpu = ThreadPoolExecutor(max_workers=2)  # extraction, off the network slots

    def tick(label: str, more: int = 0) -> None:
        nonlocal done, total
        total += more
        if label:
            done += 1
        if progress is not None:
            progress(done, total, label)

    def get_feed(sub: Subscription) -> Response:
        return retriever.get(
            sub.url, etag=sub.etag, last_modified=sub.last_modified, accept=FEED_ACCEPT
        )

    def get_page(url: str) -> Response:
        return retriever.get(url, html_only=True)

    def extract_page(resp: Response) -> Any:
        return extract(resp.body, url=resp.url, metadata=False), resp.url

    def fail(run: _FeedRun | None, url: str, message: str) -> None:
        report.failed.setdefault(url, message)
        if run is not None and not run.error:
            run.error = message

    def finish(run: _FeedRun) -> None:
        # The articles are files already; a crash before this line loses only the record of
        # their entries, and the next fetch finds each article again by its address.
        ok = not run.error
        store.record_entries(run.sub.url, run.taken)
        store.fetched(
            run.sub.url,
            when=now,
            error=run.error,
            etag=run.resp.etag if ok else None,
            last_modified=run.resp.last_modified if ok else None,
            title=run.feed.title or None,
            link=run.feed.link or None,
        )

    def take(run: _FeedRun, decision: Decision, page: Any = None, fetched: str = "") -> None:
        """Write one entry's article and remember the entry."""
        sub = run.sub
        ex = entry_article(decision.entry, run.feed, page)
        existing = None
        if decision.action == "update" and decision.known is not None:
            existing = next((a for a in shelf.articles if a.id == decision.known.article_id), None)
            if existing is None:  # the user deleted its article: leave it deleted
                run.taken.append(
                    (decision.key, decision.entry.link, decision.known.article_id, decision.hash)
                )
                return
        added = store_article(
            shelf,
            ex,
            source=decision.entry.link or sub.url,
            fetched_from=fetched if fetched and fetched != ex.url else "",
            feed=sub.url,
            categories=sub.categories,
            tags=sub.tags,
            update=existing is not None,
            existing=existing,
        )
        run.taken.append((decision.key, decision.entry.link, added.article_id, decision.hash))
        if added.status == "new":
            report.new.append(added)
        elif added.status == "updated":
            report.updated.append(added)
        if added.status != "duplicate" and on_added is not None:
            on_added(added)

    try:
        for sub in subs:
            net.add(sub.url, get_feed, sub, ("feed", sub))
        tick("")
        while True:
            with net.lock:
                pending = list(futures)
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                with net.lock:
                    kind, item = futures.pop(future)
                if kind == "feed":
                    sub = item
                    tick(sub.url)
                    try:
                        resp = future.result()
                        if resp.not_modified:
                            report.unchanged += 1
                            store.fetched(sub.url, when=now)
                            continue
                        feed = feedmod.parse(resp.body, resp.url, resp.content_type)
                    except ReaderError as exc:
                        fail(None, sub.url, str(exc).removeprefix(f"{sub.url}: "))
                        store.fetched(sub.url, when=now, error=report.failed[sub.url])
                        continue
                    run = _FeedRun(sub, feed, resp)
                    work = [
                        d for d in decide(feed.entries, store.known(sub.url)) if d.action != "same"
                    ]
                    for decision in work:
                        if decision.entry.full or not decision.entry.link:
                            try:
                                take(run, decision)
                            except ReaderError as exc:
                                fail(run, sub.url, str(exc))
                        else:
                            run.pending += 1
                            link = decision.entry.link
                            net.add(link, get_page, link, ("page", (run, decision)))
                    tick("", run.pending)
                    if run.pending == 0:
                        finish(run)
                elif kind == "page":
                    run, decision = item
                    try:
                        resp = future.result()
                    except ReaderError as exc:
                        run.pending -= 1
                        tick(decision.entry.link)
                        fail(run, run.sub.url, str(exc))
                        if run.pending == 0:
                            finish(run)
                        continue
                    with net.lock:
                        futures[cpu.submit(extract_page, resp)] = ("extract", item)
                else:
                    run, decision = item
                    run.pending -= 1
                    tick(decision.entry.link)
                    try:
                        page, fetched = future.result()
                        take(run, decision, page, fetched)
                    except ReaderError as exc:
                        fail(run, run.sub.url, str(exc))
                    if run.pending == 0:
                        finish(run)
    finally:
        net.close()
        cpu.shutdown(wait=True, cancel_futures=True)
    return report
