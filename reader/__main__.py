"""`python -m reader` runs the policyreader command."""

from reader.entry import entry

if __name__ == "__main__":
    entry()
