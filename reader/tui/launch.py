"""Starting the reader: open the library from its index, run the App, close up.

What the start-up does so that the first frame comes sooner lives here, not in the App: the
garbage collector waits until that frame is on screen, and multiprocessing's resource tracker
(which a big first index build needs) is started just after it.
"""

from __future__ import annotations

import contextlib
import gc
import sys

from reader.api import Session
from reader.tui.app import PolicyReaderApp

COLLECTOR_DELAY = 0.25  # seconds after the first frame before the garbage collector resumes


def run(
    *,
    articles: list[str] | None,
    no_bundled: bool,
    data_dir: str | None,
    open_id: str | None = None,
) -> int:
    """Open the library (index only: fast), run the reader, return the exit code."""
    # Starting up allocates tens of thousands of objects that live as long as the app (the
    # library's articles, widgets, styles, drawn lines) and frees few of them in cycles: the
    # garbage collector's passes over them (a full one takes tens of milliseconds) find next
    # to nothing. It is paused until the first frame is on screen.
    paused = gc.isenabled()
    gc.disable()

    def after_first_frame() -> None:
        # A big first index build (the scan that starts next) parses in worker processes,
        # and multiprocessing starts its resource tracker with sys.stderr's file descriptor,
        # which Textual replaces while it runs ("bad value(s) in fds_to_keep"): start it here,
        # with the real stderr for that moment. (Not before the app: starting a second Python
        # process competes with drawing the first frame on a small machine.)
        with contextlib.suppress(Exception), contextlib.redirect_stderr(sys.__stderr__):
            from multiprocessing import resource_tracker

            resource_tracker.ensure_running()
        if paused:
            app.set_timer(COLLECTOR_DELAY, gc.enable)  # a moment later: not mid-frame

    try:
        session = Session.open(
            articles=articles, no_bundled=no_bundled, data_dir=data_dir, refresh=False
        )
        try:
            app = PolicyReaderApp(session, open_id=open_id, after_first_frame=after_first_frame)
            result = app.run()
            return result if isinstance(result, int) else (app.return_code or 0)
        finally:
            session.close()
    finally:
        if paused:
            gc.enable()
