"""newslint's own spelling engine: misspellings and real-word slips.

A pure library (no Document, no rules): callers pass a token stream as
:class:`WordInContext` values and get :class:`SpellingIssue` values back. The
NL1xx rules in :mod:`newslint.checks.typos` wrap it. Data comes from pinned
packages and is compiled once into a memory-mapped cache file (see
:mod:`.lexicon` and ``DATA.md``); nothing heavy is loaded at import time.
"""

from __future__ import annotations

from newslint.spelling.checker import SpellingOptions, check_words
from newslint.spelling.tokens import words_from_text
from newslint.spelling.types import IssueKind, SpellingIssue, TokenClass, WordInContext

__all__ = [
    "IssueKind",
    "SpellingIssue",
    "SpellingOptions",
    "TokenClass",
    "WordInContext",
    "check_words",
    "words_from_text",
]
