"""Counting what a Store writes: its write transactions and the statements that change rows,
as SQLite runs them on the store's connection (counts, never times)."""

from __future__ import annotations

from reader.store import Store

CHANGES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class Writes:
    """The write transactions (`BEGIN ...`) and row-changing statements a Store makes from
    now on. `clear()` starts counting again."""

    def __init__(self, store: Store) -> None:
        self.transactions = 0
        self.statements: list[str] = []
        store.db.set_trace_callback(self._ran)

    def _ran(self, sql: str) -> None:
        word = sql.split(None, 1)[0].upper() if sql.strip() else ""
        if word == "BEGIN":
            self.transactions += 1
        elif word in CHANGES:
            self.statements.append(sql)

    def clear(self) -> None:
        self.transactions = 0
        self.statements.clear()
