"""Spelling distance between two names, and what kind of slip separates them."""

from __future__ import annotations


def slip(a: str, b: str) -> str | None:
    """Return the single slip that turns ``b`` into ``a``, or None.

    The kinds are ``"drop"`` (``a`` lacks a letter of ``b``), ``"extra"`` (``a``
    has one letter more, doubled or not), ``"swap"`` (two neighbouring letters
    exchanged) and ``"change"`` (one letter replaced). Comparison is
    case-insensitive; equal names are no slip.
    """
    a = a.casefold()
    b = b.casefold()
    if a == b:
        return None
    la, lb = len(a), len(b)
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return "change"
        if (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        ):
            return "swap"
        return None
    if abs(la - lb) != 1:
        return None
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    if short[i:] != long_[i + 1 :]:
        return None
    return "drop" if la < lb else "extra"
