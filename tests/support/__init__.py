"""What the tests share: one place for fixtures and builders.

- `env`: the isolated environment (no test touches the real home) and subprocess environments.
- `articles`: article files and libraries (front matter, fresh modification times).
- `corpus`: the hostile corpus and generated stress files; data lives in `tests/data/`.
- `cli`: running `policyreader` in a subprocess.
- `writes`: counting a state store's write transactions.
- `tui`: Pilot helpers (imports Textual; only the reader's tests use it).
- `fixtures`: the pytest plugin (registered by `tests/conftest.py`) with the shared fixtures.
"""
