"""The trigram language model that scores a word against its neighbours.

It is the CMU Sphinx generic US English model shipped inside the pocketsphinx
wheel (72,000 words, 2 million bigrams, 1.7 million trigrams, Katz back-off),
read by pocketsphinx's own C code: loading takes about 40 ms and a lookup
about half a microsecond. Scores are log10 probabilities.

The model was trained on text without punctuation and in lower case, so
callers feed it lower-cased words with commas and quotation marks dropped.
It has no unknown-word token: an out-of-vocabulary word gets a huge negative
score, so callers cut the context at such words (:meth:`LanguageModel.knows`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["BOS", "EOS", "TO_LOG10", "LanguageModel", "language_model"]

BOS = "<s>"
EOS = "</s>"
# pocketsphinx reports log probabilities in log base 1.0001 (its LogMath default).
_TO_LOG10 = math.log10(1.0001)
TO_LOG10 = _TO_LOG10
_OOV_BELOW = -30.0  # log10: anything lower is the model's "no such word"
_MEMO_LIMIT = 2_000_000
# Rare words no history predicts: their scores after a word give its back-off
# weight (see LanguageModel.pair_seen). Scores within _SAME units are equal
# (the model rounds to whole units of its log base).
_REFERENCE_WORDS = ("aardvark", "xylophone")
_SAME = 2


class LanguageModel:
    """A thin, memoising wrapper around pocketsphinx's ``NGramModel``."""

    def __init__(self, path: Path) -> None:
        # Imported lazily (about 15 ms); the package ships no type information.
        from pocketsphinx._pocketsphinx import NGramModel

        self._model: Any = NGramModel.readfile(str(path))
        # ``raw([word, prev, prev2])``: the model's own scoring function, unmemoised,
        # in its own log base (scale by :data:`TO_LOG10`). The C function itself,
        # for the inner loop of :func:`newslint.spelling.realword.judge_slot`:
        # no Python frame per call.
        self.raw: Any = self._model.prob
        self._known: dict[str, bool] = {}
        self._backoff: dict[str, int | None] = {}
        self._memo: dict[tuple[str, str | None, str | None], float] = {}
        # ``memo_get((word, prev, prev2))``: the memoised log10 probability, or
        # None; hot loops try it before paying for a call to :meth:`logprob`.
        self.memo_get = self._memo.get

    def knows(self, word: str) -> bool:
        """Return True when ``word`` is in the model's vocabulary."""
        known = self._known.get(word)
        if known is None:
            known = self.raw([word]) * _TO_LOG10 > _OOV_BELOW
            self._known[word] = known
        return known

    def pair_seen(self, prev: str, word: str) -> bool | None:
        """Return whether the model saw ``prev word`` in training; None when it cannot tell.

        The model stores no such flag, but Katz back-off leaves a trace: for
        a pair it never saw, P(word | prev) is P(word) times a weight that
        depends on ``prev`` alone. Two rare reference words give that weight
        (when they agree, neither was seen after ``prev``), and ``word``'s
        own ratio either matches it (not seen) or not (seen).
        """
        if prev in self._backoff:
            weight = self._backoff[prev]
        else:
            weight = self._backoff[prev] = self._backoff_weight(prev)
        if weight is None or not self.knows(word):
            return None
        ratio: int = self.raw([word, prev]) - self.raw([word])
        return abs(ratio - weight) > _SAME

    def _backoff_weight(self, prev: str) -> int | None:
        """Return the back-off weight of history ``prev`` (model units), or None."""
        if not (prev == BOS or self.knows(prev)) or not all(
            self.knows(r) for r in _REFERENCE_WORDS
        ):
            return None
        raw = self.raw
        a, b = (int(raw([r, prev]) - raw([r])) for r in _REFERENCE_WORDS)
        return a if abs(a - b) <= _SAME else None

    def logprob(self, word: str, prev: str | None = None, prev2: str | None = None) -> float:
        """Return log10 P(word | prev2 prev); missing history backs off to shorter.

        Memoised: neighbouring slots share most of their terms.
        """
        key = (word, prev, prev2)
        got = self._memo.get(key)
        if got is None:
            if prev is None:
                got = self.raw([word]) * _TO_LOG10
            elif prev2 is None:
                got = self.raw([word, prev]) * _TO_LOG10
            else:
                got = self.raw([word, prev, prev2]) * _TO_LOG10
            if len(self._memo) > _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = got
        return got


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """Return the process-wide model (loaded on first use)."""
    from newslint.spelling.sources import locate

    return LanguageModel(locate().sphinx_lm)
