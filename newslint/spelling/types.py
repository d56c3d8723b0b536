"""Value types of the spelling engine: what goes in and what comes out.

The engine is a pure library: it never reads a Document. Callers turn their
tokens into :class:`WordInContext` values (the core's rule adapter does it from
``Sentence.tokens``; :func:`newslint.spelling.tokens.words_from_text` does it
from plain text for the benchmark and tests), and get :class:`SpellingIssue`
values back with offsets copied from the input.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class TokenClass(enum.Enum):
    """What kind of token a :class:`WordInContext` is.

    Punctuation and numbers are passed in too, because the real-word model
    needs to know where a clause breaks and where a number stood.
    """

    WORD = "word"
    NUMBER = "number"
    PUNCT = "punct"
    OTHER = "other"  # URL, e-mail address, handle, hashtag: never checked


class IssueKind(enum.Enum):
    """The two families of typo the engine finds."""

    NON_WORD = "non-word"  # not an English word at all ("privaye")
    REAL_WORD = "real-word"  # a real word that is a slip of another ("repaired" for "prepared")


# Not frozen (a frozen __init__ costs three times as much, one per word of
# every story); treat it as immutable all the same.
@dataclass(slots=True, unsafe_hash=True)
class WordInContext:
    """One token of running text, in order, with what the caller knows of it.

    ``start``/``end`` are the caller's offsets and are only copied through.
    ``sentence_start`` marks the first word of a sentence, headline or
    paragraph (its capital letter then says nothing about it being a name).
    ``in_quote`` marks words inside direct speech; ``quoted_term`` marks a
    word that stands alone (or in a short phrase) inside quotation marks, the
    way news copy cites a foreign or coined term. ``headline`` marks words of
    a headline or subhead, whose clipped grammar the language model never saw
    (they get the non-word check only).
    """

    text: str
    start: int
    end: int
    kind: TokenClass = TokenClass.WORD
    sentence_start: bool = False
    in_quote: bool = False
    quoted_term: bool = False
    headline: bool = False


@dataclass(frozen=True, slots=True)
class SpellingIssue:
    """A typo found at ``words[index]``.

    ``suggestions`` are ranked, best first. ``safe_fix`` is True only when one
    candidate is clearly better than every other and the word is not inside a
    quotation, so an automatic replacement cannot pick the wrong word or
    rewrite someone's speech. ``confidence`` is in [0, 1]. ``evidence`` is the
    human-readable reason ("'is prepared to' is 300x more common than 'is
    repaired to'"); ``ratio`` is the likelihood ratio behind a real-word
    finding (0 for non-words). ``strong`` is False for a hint (a real-word
    slip likely enough to show, not likely enough to warn about).
    """

    index: int
    start: int
    end: int
    word: str
    kind: IssueKind
    suggestions: tuple[str, ...]
    confidence: float
    evidence: str
    safe_fix: bool
    ratio: float = 0.0
    source: str = "statistics"  # "statistics", "confusables" or "vocabulary"
    # False for a hint: a likely slip below the warning threshold, which the
    # rules report at a lower severity.
    strong: bool = True
    # The [start, end) of the words the verdict read, when wider than the
    # word: a real-word slip is judged by two words each side.
    context: tuple[int, int] | None = None


__all__ = ["IssueKind", "SpellingIssue", "TokenClass", "WordInContext"]
