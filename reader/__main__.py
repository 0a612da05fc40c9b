"""`python -m reader` runs the policyreader command."""

from reader.cli import entry

if __name__ == "__main__":
    entry()
