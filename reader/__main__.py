"""`python -m reader` runs the policyreader command."""

from reader.cli import main

raise SystemExit(main())
