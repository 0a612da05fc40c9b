"""policyreader: a terminal reader for public-policy articles."""

__version__ = "0.1.0"
