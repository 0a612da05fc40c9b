"""`python -m reader` runs the policyreader command."""

from reader.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
