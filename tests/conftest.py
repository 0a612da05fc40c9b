"""Every test folder shares the fixtures of `tests/support/` (see `support/fixtures.py`).

Its autouse `isolated_env` points every directory policyreader (or platformdirs) could use at
fresh temporary folders, so no test ever reads or writes the real home directory, and
subprocesses started by a test inherit the same isolation through the environment.
"""

pytest_plugins = ["support.fixtures"]
