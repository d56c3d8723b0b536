"""A frozen string-keyed hash table that loads without parsing.

The spelling lexicon has about a million keys (words, bigrams, deletion
variants). Building a Python ``dict`` of that size from a file costs a few
hundred milliseconds, more than the whole budget of ``newslint check`` on one
article. This table instead stores 64-bit fingerprints and 64-bit values in
two flat arrays that are memory-mapped from the cache file (nothing is parsed);
a lookup hashes the key with BLAKE2b (built into CPython) and probes linearly.

Keys are not stored, only fingerprints: with 2^64 possible fingerprints and
about 10^6 keys, the chance that any one foreign word matches a stored
fingerprint is about 10^-13. Callers that look the same keys up repeatedly keep
their own ``dict`` memo.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

__all__ = ["FrozenTable", "IntArray", "fingerprint"]

# An array of unsigned 64-bit integers: built in memory, or mapped from a file.
IntArray = array | memoryview

_MAX_LOAD = 0.8


def fingerprint(key: str) -> int:
    """Return the stable, non-zero 64-bit fingerprint of ``key``.

    Python's own ``hash`` is salted per process, so it cannot key a file.
    """
    fp = int.from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
    return fp or 1


class FrozenTable:
    """An immutable open-addressing map from strings to unsigned 64-bit integers."""

    __slots__ = ("_keys", "_mask", "_values", "size")

    def __init__(self, keys: IntArray, values: IntArray, size: int) -> None:
        if len(keys) != len(values) or len(keys) & (len(keys) - 1):
            raise ValueError("table arrays must have one equal power-of-two length")
        self._keys = keys
        self._values = values
        self._mask = len(keys) - 1
        self.size = size

    @classmethod
    def build(cls, items: Iterable[tuple[str, int]]) -> FrozenTable:
        """Return a table holding ``items`` (later duplicates overwrite earlier ones)."""
        pairs = {fingerprint(k): v for k, v in items}
        slots = 1
        while slots * _MAX_LOAD < max(len(pairs), 1):
            slots *= 2
        keys = array("Q", bytes(8 * slots))
        values = array("Q", bytes(8 * slots))
        mask = slots - 1
        for fp, value in pairs.items():
            i = fp & mask
            while keys[i]:
                i = (i + 1) & mask
            keys[i] = fp
            values[i] = value
        return cls(keys, values, len(pairs))

    def get(self, key: str, default: int = -1) -> int:
        """Return the value stored for ``key``, or ``default``."""
        fp = fingerprint(key)
        keys = self._keys
        mask = self._mask
        i = fp & mask
        while True:
            k = keys[i]
            if k == fp:
                return int(self._values[i])
            if not k:
                return default
            i = (i + 1) & mask

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) != -1

    def __len__(self) -> int:
        return self.size

    def to_bytes(self) -> tuple[bytes, bytes, int]:
        """Return the raw arrays (native byte order) and the key count, for storage."""
        return bytes(self._keys), bytes(self._values), self.size

    @classmethod
    def from_buffer(cls, keys: memoryview, values: memoryview, size: int) -> FrozenTable:
        """Return a table over raw arrays without copying them (e.g. a memory map)."""
        return cls(keys.cast("Q"), values.cast("Q"), size)
