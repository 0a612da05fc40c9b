"""The one base class of every error policyreader reports to a user as a single line."""


class ReaderError(Exception):
    """A failure with a message meant for the user (one line, no traceback)."""
