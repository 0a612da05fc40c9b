"""The one base class of every error policyreader reports to a user as a single line."""


class ReaderError(Exception):
    """A failure with a message meant for the user (one line, no traceback)."""


class Cancelled(Exception):
    """Work stopped on request (its cancel flag was set) before it finished: what it would
    have returned is not returned, so nothing partial is ever taken for the whole."""
