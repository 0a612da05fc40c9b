"""Fixtures for the reader's tests: the bundled library, indexed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reader.session import Session


@pytest.fixture
def session(open_session: Callable[..., Session]) -> Session:
    """The bundled library, indexed."""
    return open_session(bundled=True)
