"""Cheap tests that let a rule skip text its expression cannot match.

Many rules run case-insensitive ``re`` expressions that can only match where
one of a few literal words occurs ("killed", "percent"). Looking for those
words in ``text.lower()`` runs in C many times faster than the expression
scans the text, and most sentences hold none of them, so the expression runs
only where it may match.

A screen must never say no where the expression could match. ``re`` with
``IGNORECASE`` equates "i" with dotless "ı" and dotted "İ", and "s" with long
"ſ"; ``str.lower`` keeps the first and third and turns "İ" into two
characters, so text holding any of them always passes the screen.
"""

from __future__ import annotations

_UNSCREENABLE = ("\u0130", "\u0131", "\u017f")


class WordScreen:
    """Say whether text may hold any of some words, ignoring case as ``re.I`` does."""

    __slots__ = ("words",)

    def __init__(self, *words: str) -> None:
        for word in words:
            if not word or not word.isascii() or word != word.lower():
                raise ValueError(f"screen words must be lower-case ASCII: {word!r}")
        self.words = words

    def may_match(self, text: str) -> bool:
        """Return False only when ``text`` holds none of the words in any case."""
        if not text.isascii() and any(c in text for c in _UNSCREENABLE):
            return True
        low = text.lower()
        return any(word in low for word in self.words)
