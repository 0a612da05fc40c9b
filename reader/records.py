"""`Record`: plain classes with slots, equality and a readable repr.

The core's data classes are written on this instead of `dataclasses`, whose import (with
`inspect`) costs more than the whole of a `policyreader search` on a small library: every
command of the CLI pays for the modules it imports.
"""

from __future__ import annotations


class Record:
    """Compares and prints by the `__slots__` of its class (and its bases)."""

    __slots__ = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in _slot_names(type(self)))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable, like a dataclass

    def __repr__(self) -> str:
        names = _slot_names(type(self))
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__name__}({inner})"


def _slot_names(cls: type) -> tuple[str, ...]:
    names: list[str] = []
    for klass in reversed(cls.__mro__):
        names.extend(klass.__dict__.get("__slots__", ()))
    return tuple(names)
