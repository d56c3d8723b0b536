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
from collections.abc import Container, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from newslint.spelling.langmodel import BOS, EOS, TO_LOG10, LanguageModel

__all__ = [
    "Candidate",
    "RealWordSettings",
    "RealWordVerdict",
    "Slot",
    "context_gain",
    "judge_slot",
]


@dataclass(frozen=True)
class RealWordSettings:
    """Decision thresholds, in log10 units of likelihood gain after penalties."""

    # A slip this much likelier (10^4: 10,000 times) is a warning ...
    strong: float = 4.0
    # ... and from here (100 times) a hint: reported at a lower severity.
    hint: float = 2.0
    # Whatever the priors, the context itself must favour the candidate by
    # at least this much (log10) for a hint, and this much for a warning.
    min_gain_hint: float = 1.5
    min_gain_strong: float = 2.0
    # Inside direct quotations speech is looser: ask for this much more.
    quote_extra: float = 1.0
    # A curated confusable pair (rules/data/confusables.toml) gets this bonus.
    curated_bonus: float = 0.5
    # A newsroom trap (rules/data/confusables.toml [[traps]]: "trail" for
    # "trial", "pubic" for "public") is worth a hint on weaker evidence: the
    # slip costs more than the editor's glance. Warnings keep their bar.
    trap_hint: float = 1.0
    trap_min_gain: float = 0.75
    # Document evidence, for content words (rarer than zipf 5.5): the candidate
    # used elsewhere in the story makes the slip likelier; the typed word used
    # again makes it deliberate.
    content_zipf: float = 5.5
    candidate_in_document: float = 0.5
    typed_repeated: float = 1.0
    # At least this many real words must surround the slot (two each side at
    # most): a bare headline fragment says too little.
    min_context: int = 2
    # A fix is safe when the best candidate beats the runner-up by this much.
    safe_gap: float = 2.0
    max_suggestions: int = 3


@dataclass(frozen=True)
class Candidate:
    """A word the typed word may be a slip of.

    ``penalty`` is the prior cost of the slip in log10 units (negative for
    homophones); ``curated`` marks a pair from the confusables list, ``trap``
    one of its newsroom traps (hinted on weaker evidence).
    """

    word: str
    penalty: float
    curated: bool = False
    trap: bool = False


class Slot(NamedTuple):
    """A word position in a language-model sequence (a tuple: one is made per word)."""

    words: Sequence[str]  # the whole sequence, lower case, with BOS/EOS markers
    position: int


@dataclass(frozen=True)
class RealWordVerdict:
    """A flagged slip: ranked candidates and the evidence."""

    suggestions: tuple[str, ...]
    gain: float  # log10 likelihood gain of the best candidate, before penalties
    score: float  # after penalties and bonuses
    strong: bool  # above the warning threshold (else a hint)
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


def context_size(words: Sequence[str], i: int, ignore: frozenset[str]) -> int:
    """Return how many real words stand within two places of ``i``."""
    n = 0
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(words) and words[j] not in ignore:
            n += 1
    return n


def judge_slot(
    slot: Slot,
    candidates: Sequence[Candidate],
    lm: LanguageModel,
    settings: RealWordSettings | None = None,
    *,
    in_quote: bool = False,
    typed_penalty: float = 0.0,
    in_document: Container[str] = frozenset(),
    traps: bool = True,
) -> RealWordVerdict | None:
    """Return a verdict when the word at ``slot`` is likely a slip (hint or strong).

    ``in_document`` holds the content words the story uses elsewhere: a
    candidate among them gets :attr:`RealWordSettings.candidate_in_document`.
    ``traps=False`` judges trap candidates by the general floors (the caller
    knows the typed word is deliberate: the story uses it again).
    """
    s = settings or RealWordSettings()
    words = slot.words
    i = slot.position
    typed = words[i]
    n = len(words)
    prev = words[i - 1] if i >= 1 else None
    prev2 = words[i - 2] if i >= 2 and prev is not None else None
    nxt = words[i + 1] if i + 1 < n else None
    nxt2 = words[i + 2] if i + 2 < n else None
    logprob = lm.logprob
    memo_get = lm.memo_get
    # The typed word's three terms; the two right-hand ones bound what any
    # candidate can gain on the right (a log probability is at most 0), so a
    # candidate whose first term is hopeless is dropped after one lookup.
    t1 = memo_get((typed, prev, prev2))
    if t1 is None:
        t1 = logprob(typed, prev, prev2)
    t2 = t3 = 0.0
    if nxt is not None:
        got = memo_get((nxt, typed, prev))
        t2 = logprob(nxt, typed, prev) if got is None else got
        if nxt2 is not None:
            got = memo_get((nxt2, nxt, typed))
            t3 = logprob(nxt2, nxt, typed) if got is None else got
    extra = typed_penalty + (s.quote_extra if in_quote else 0.0)
    room = -(t2 + t3) - extra - s.hint
    min_gain = s.min_gain_hint
    # A trap candidate's floors are lower (both are at most the usual ones).
    trap_room = room + s.hint - s.trap_hint if traps else room
    trap_gain = s.trap_min_gain if traps else min_gain
    trap_hint = s.trap_hint if traps else s.hint
    # Candidate terms go straight to the model (no memo: they rarely repeat).
    raw = lm.raw
    if prev is None:
        left: list[str] = []
    elif prev2 is None:
        left = [prev]
    else:
        left = [prev, prev2]
    scored: list[tuple[float, float, Candidate]] = []
    curated_bonus = s.curated_bonus
    in_document_bonus = s.candidate_in_document
    for cand in candidates:
        c = cand.word
        bonus = (curated_bonus if cand.curated else 0.0) - cand.penalty
        if c in in_document:
            bonus += in_document_bonus
        floor = trap_gain if cand.trap else min_gain
        d1 = raw([c, *left]) * TO_LOG10 - t1
        if d1 + bonus + (trap_room if cand.trap else room) < 0:
            continue
        gain = d1
        if nxt is not None:
            if prev is not None:
                gain += raw([nxt, c, prev]) * TO_LOG10 - t2
            else:
                gain += raw([nxt, c]) * TO_LOG10 - t2
            if nxt2 is not None:
                # The last term can add at most -t3: most candidates stop here.
                if gain - t3 < floor:
                    continue
                gain += raw([nxt2, nxt, c]) * TO_LOG10 - t3
        if gain < floor:
            continue
        scored.append((gain + bonus - extra, gain, cand))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best_score, best_gain, best = scored[0]
    hint = trap_hint if best.trap else s.hint
    if best_score < hint:
        return None
    if context_gain(lm, words, i, best.word) < (trap_gain if best.trap else min_gain):
        return None  # the "evidence" is only how common the two words are
    # Pruned candidates could not reach the hint threshold: they count as far
    # behind the best, like a missing runner-up.
    runner_up = scored[1][0] if len(scored) > 1 else -math.inf
    gap = best_score - runner_up
    kept = [
        c.word
        for score, _, c in scored[: s.max_suggestions]
        if score >= (trap_hint if c.trap else s.hint)
    ]
    confidence = min(1.0, 0.4 + 0.1 * (best_score - hint) + 0.1 * min(gap, 2.0))
    strong = best_score >= s.strong and best_gain >= s.min_gain_strong
    return RealWordVerdict(
        suggestions=tuple(kept),
        gain=round(best_gain, 2),
        score=round(best_score, 2),
        strong=strong,
        confidence=round(confidence, 2),
        safe=strong and gap >= s.safe_gap and not in_quote,
        evidence=_evidence(lm, words, i, best.word, typed),
        curated=best.curated,
    )


def context_gain(lm: LanguageModel, words: Sequence[str], i: int, cand: str) -> float:
    """Return the part of ``cand``'s gain over ``words[i]`` that the context gives.

    A term of :func:`_local` where the model saw neither word next to the
    neighbour is back-off: there the model knows only how common each word
    is, and the "gain" is the candidate being the commoner word ("of bids"
    -> "of kids" when it saw neither pair), which holds in any sentence.
    Such terms are left out: on the left, when neither ``prev x`` pair was
    seen; on the right (both terms, since a seen triple needs its pair), when
    neither ``x next`` pair was. When the model cannot tell, a term counts.
    """
    typed = words[i]
    prev = words[i - 1] if i >= 1 else None
    prev2 = words[i - 2] if i >= 2 and prev is not None else None
    nxt = words[i + 1] if i + 1 < len(words) else None
    nxt2 = words[i + 2] if nxt is not None and i + 2 < len(words) else None
    logprob = lm.logprob
    total = 0.0
    if prev is None or not _backed_off(lm, ((prev, typed), (prev, cand))):
        total += logprob(cand, prev, prev2) - logprob(typed, prev, prev2)
    if nxt is not None and not _backed_off(lm, ((typed, nxt), (cand, nxt))):
        total += logprob(nxt, cand, prev) - logprob(nxt, typed, prev)
        if nxt2 is not None:
            total += logprob(nxt2, nxt, cand) - logprob(nxt2, nxt, typed)
    return total


def _backed_off(lm: LanguageModel, pairs: Sequence[tuple[str, str]]) -> bool:
    """Return True when the model surely saw none of ``pairs`` (so it backs off on all)."""
    return all(lm.pair_seen(prev, word) is False for prev, word in pairs)


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
