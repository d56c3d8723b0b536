"""Edit operations between a typed word and an intended one, and their cost.

A slip of the fingers or of the ear changes a word in a few typical ways: a
letter added, dropped or changed, two neighbours swapped, one letter moved.
Some are far likelier than others (a key next to the intended one, a doubled
or undoubled letter, a vowel for a vowel), so suggestions are ranked by a
small channel cost as well as by how common the candidate is.
"""

from __future__ import annotations

import enum
from functools import lru_cache

__all__ = [
    "EditKind",
    "channel_cost",
    "classify",
    "deletes",
    "osa_distance",
]

_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Return the QWERTY keys next to each letter (same row and the rows around)."""
    pos: dict[str, tuple[int, float]] = {}
    for r, row in enumerate(_ROWS):
        for c, ch in enumerate(row):
            pos[ch] = (r, c + 0.5 * r)
    near: dict[str, frozenset[str]] = {}
    for a, (ra, ca) in pos.items():
        near[a] = frozenset(
            b for b, (rb, cb) in pos.items() if b != a and abs(ra - rb) <= 1 and abs(ca - cb) <= 1.0
        )
    return near


KEYBOARD_NEIGHBOURS = _keyboard_neighbours()


class EditKind(enum.Enum):
    """How a candidate differs from the typed word."""

    INSERT = "insert"  # the typed word has one letter too many
    DELETE = "delete"  # the typed word lacks one letter
    SUBSTITUTE = "substitute"
    TRANSPOSE = "transpose"  # two neighbouring letters swapped
    MOVE = "move"  # one letter moved further than its neighbour
    DOUBLE = "double"  # two edits
    OTHER = "other"


def osa_distance(a: str, b: str, limit: int = 2) -> int:
    """Return the optimal-string-alignment distance, or ``limit + 1`` when above it.

    Computed on a diagonal band of width ``limit``, so the cost is linear in
    the word length: this runs for every candidate pair at build time.
    """
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    big = limit + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [big] * (lb + 1)
        cur[0] = i
        lo = max(1, i - limit)
        hi = min(lb, i + limit)
        row_min = cur[0] if lo == 1 else big
        ai = a[i - 1]
        for j in range(lo, hi + 1):
            cost = 0 if ai == b[j - 1] else 1
            v = prev[j - 1] + cost
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1] and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v
            if v < row_min:
                row_min = v
        if row_min > limit:
            return big
        prev2, prev = prev, cur
    return prev[lb] if prev[lb] <= limit else big


def is_move(typed: str, intended: str) -> bool:
    """Return True when ``typed`` is ``intended`` with one letter moved elsewhere."""
    if len(typed) != len(intended) or typed == intended:
        return False
    # Strip the common prefix and suffix; what remains must be a rotation by one.
    i = 0
    while typed[i] == intended[i]:
        i += 1
    j = len(typed)
    while typed[j - 1] == intended[j - 1]:
        j -= 1
    x, y = typed[i:j], intended[i:j]
    return len(x) >= 2 and (x == y[1:] + y[0] or x == y[-1] + y[:-1])


@lru_cache(maxsize=65536)
def classify(typed: str, intended: str) -> EditKind:
    """Return how ``intended`` was turned into ``typed`` (one edit, or DOUBLE/OTHER)."""
    lt, li = len(typed), len(intended)
    d = osa_distance(typed, intended, 2)
    if d == 1:
        if lt == li + 1:
            return EditKind.INSERT
        if lt + 1 == li:
            return EditKind.DELETE
        if sum(1 for x, y in zip(typed, intended, strict=True) if x != y) == 1:
            return EditKind.SUBSTITUTE
        return EditKind.TRANSPOSE
    if is_move(typed, intended):
        return EditKind.MOVE
    if d == 2:
        return EditKind.DOUBLE
    return EditKind.OTHER


def _substituted(typed: str, intended: str) -> tuple[str, str]:
    for x, y in zip(typed, intended, strict=True):
        if x != y:
            return x, y
    return "", ""


def _extra_letter(longer: str, shorter: str) -> tuple[str, int]:
    """Return the letter ``longer`` has in addition and its index."""
    for i, ch in enumerate(shorter):
        if longer[i] != ch:
            return longer[i], i
    return longer[-1], len(longer) - 1


def channel_cost(typed: str, intended: str) -> float:
    """Return a cost in log10 units for typing ``typed`` when ``intended`` was meant.

    0 is the most plausible slip (a swapped pair, a doubled or undoubled
    letter, an adjacent key, a vowel for a vowel); larger is less plausible.
    The numbers are orders of magnitude, not fitted weights.
    """
    kind = classify(typed, intended)
    if kind is EditKind.TRANSPOSE:
        return 0.0
    if kind is EditKind.SUBSTITUTE:
        x, y = _substituted(typed, intended)
        if x in KEYBOARD_NEIGHBOURS.get(y, ()) or (x in _VOWELS and y in _VOWELS):
            return 0.0
        return 0.5
    if kind in (EditKind.INSERT, EditKind.DELETE):
        longer, shorter = (typed, intended) if kind is EditKind.INSERT else (intended, typed)
        ch, i = _extra_letter(longer, shorter)
        doubled = (i > 0 and longer[i - 1] == ch) or (i + 1 < len(longer) and longer[i + 1] == ch)
        near = (i > 0 and longer[i - 1] in KEYBOARD_NEIGHBOURS.get(ch, ())) or (
            i + 1 < len(longer) and longer[i + 1] in KEYBOARD_NEIGHBOURS.get(ch, ())
        )
        return 0.0 if doubled or near or ch in _VOWELS else 0.3
    if kind is EditKind.MOVE:
        return 0.5
    if kind is EditKind.DOUBLE:
        return 1.0
    return 2.0


def deletes(word: str, depth: int = 1) -> set[str]:
    """Return every string made by deleting up to ``depth`` letters (the word included)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w)):
                nxt.add(w[:i] + w[i + 1 :])
        out |= nxt
        frontier = nxt
    return out
