"""Real-word slips: a real word that the context says is another word mistyped.

For each checkable word the engine compares the trigram language model's
score of the words around it with the word as typed and with each candidate
from the lexicon (words one slip away, homophones, curated confusables):

    local(x) = log P(x | w-2 w-1) + log P(w+1 | w-1 x) + log P(w+2 | x w+1)

Every other term of the sentence's probability is the same for both, so
``local(c) - local(w)`` is the log of how much likelier the sentence becomes
with the candidate. A slip is reported only when that gain, less the
candidate's channel cost (how implausible the slip itself is), clears a high
threshold: the candidate must be overwhelmingly more likely, not merely a
better fit. The evidence shown is the ratio for the words around the slip.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from newslint.spelling.langmodel import BOS, EOS, LanguageModel

__all__ = ["Candidate", "RealWordSettings", "RealWordVerdict", "Slot", "judge_slot"]


@dataclass(frozen=True)
class RealWordSettings:
    """Decision thresholds, in log10 units."""

    # Flag when the sentence is this much likelier with the candidate, after
    # the channel cost: 10^4 means ten thousand times likelier.
    threshold: float = 4.0
    # Inside direct quotations speech is looser; ask for more.
    quote_extra: float = 1.0
    # A fix is safe when the best candidate beats the runner-up by this much.
    safe_gap: float = 2.0
    max_suggestions: int = 3


@dataclass(frozen=True)
class Candidate:
    """A word the typed word may be a slip of, with the slip's prior cost."""

    word: str
    cost: float
    curated: bool = False


@dataclass(frozen=True)
class Slot:
    """A word position in a language-model sequence."""

    words: Sequence[str]  # the whole sequence, lower case, with BOS/EOS markers
    index: int


@dataclass(frozen=True)
class RealWordVerdict:
    """A flagged slip: ranked candidates and the evidence."""

    suggestions: tuple[str, ...]
    gain: float  # log10 likelihood gain of the best candidate, before channel cost
    score: float  # after channel cost
    confidence: float
    safe: bool
    evidence: str
    curated: bool


def _local(lm: LanguageModel, words: Sequence[str], i: int, x: str) -> float:
    """Return the log10 probability of the terms of the sentence that involve ``x`` at ``i``."""
    prev = words[i - 1] if i >= 1 else None
    prev2 = words[i - 2] if i >= 2 else None
    total = lm.logprob(x, prev, prev2 if prev is not None else None)
    n = len(words)
    if i + 1 < n:
        total += lm.logprob(words[i + 1], x, prev)
        if i + 2 < n:
            total += lm.logprob(words[i + 2], words[i + 1], x)
    return total


def judge_slot(
    slot: Slot,
    candidates: Sequence[Candidate],
    lm: LanguageModel,
    settings: RealWordSettings | None = None,
    *,
    in_quote: bool = False,
) -> RealWordVerdict | None:
    """Return a verdict when the word at ``slot`` is very likely a slip."""
    s = settings or RealWordSettings()
    words = slot.words
    i = slot.index
    typed = words[i]
    base = _local(lm, words, i, typed)
    scored: list[tuple[float, float, Candidate]] = []
    for cand in candidates:
        gain = _local(lm, words, i, cand.word) - base
        scored.append((gain - cand.cost, gain, cand))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best_score, best_gain, best = scored[0]
    threshold = s.threshold + (s.quote_extra if in_quote else 0.0)
    if best_score < threshold:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else -math.inf
    gap = best_score - runner_up
    kept = [c.word for score, _, c in scored[: s.max_suggestions] if score >= threshold - 1.0]
    confidence = min(1.0, 0.5 + 0.1 * (best_score - threshold) + 0.1 * min(gap, 2.0))
    return RealWordVerdict(
        suggestions=tuple(kept),
        gain=round(best_gain, 2),
        score=round(best_score, 2),
        confidence=round(confidence, 2),
        safe=gap >= s.safe_gap and not in_quote,
        evidence=_evidence(lm, words, i, best.word, typed),
        curated=best.curated,
    )


def _phrase(words: Sequence[str], i: int, x: str) -> tuple[str, int, int]:
    """Return the words around ``i`` with ``x`` in its place (one each side)."""
    lo = i - 1 if i >= 1 and words[i - 1] != BOS else i
    hi = i + 1 if i + 1 < len(words) and words[i + 1] != EOS else i
    parts = [*words[lo:i], x, *words[i + 1 : hi + 1]]
    return " ".join(parts), lo, hi


def _evidence(lm: LanguageModel, words: Sequence[str], i: int, cand: str, typed: str) -> str:
    """Return "'is prepared to' is about 300x more likely than 'is repaired to'"."""
    shown_c, _, _ = _phrase(words, i, cand)
    shown_t, _, _ = _phrase(words, i, typed)
    ratio = _local(lm, words, i, cand) - _local(lm, words, i, typed)
    return f"'{shown_c}' is about {_times(ratio)}x more likely than '{shown_t}'"


def _times(log10_ratio: float) -> str:
    ratio = 10 ** min(log10_ratio, 12.0)
    if ratio >= 1e6:
        return f"{ratio / 1e6:,.0f} million"
    if ratio >= 100:
        digits = len(str(int(ratio))) - 1
        return f"{round(ratio, -digits + 1):,.0f}"
    return f"{ratio:.0f}"
