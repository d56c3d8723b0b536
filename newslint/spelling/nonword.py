"""Non-word detection: a lower-case word that is not English, with ranked fixes.

A word is accepted when the lexicon knows it (curated word lists, or common in
wordfreq's corpora and not itself a common misspelling). An unknown word is
flagged only when a much commoner word lies within two edits: a rare unknown
word with no such neighbour is far more often a name, a loan word or a
technical term than a typo, and precision comes first.

Candidates come from the deletion index (SymSpell's symmetric deletions, one
deletion on each side, which covers every single edit and most double ones)
plus the typed word with one or two letters removed. They are ranked by
frequency minus a channel cost (see :func:`.edits.channel_cost`); a missing
space ("alot", "inthe") is tried too.
"""

from __future__ import annotations

from dataclasses import dataclass

from newslint.spelling.edits import EditKind, channel_cost, classify, deletes
from newslint.spelling.lexicon import Lexicon

__all__ = [
    "NonWordSettings",
    "NonWordVerdict",
    "dropped_vowel",
    "is_accepted",
    "judge_non_word",
]

# Bound prefixes that form new words freely ("rebrand", "co-host"): a word made
# of one and a common word is accepted (general English morphology).
# fmt: off
_PREFIXES = (
    "anti", "bi", "co", "counter", "cross", "cyber", "de", "dis", "e", "ex", "hyper", "inter",
    "mega", "micro", "mid", "mini", "mis", "multi", "neo", "non", "out", "over", "post", "pre",
    "pro", "re", "self", "semi", "sub", "super", "tele", "trans", "tri", "ultra", "un", "under",
)
# fmt: on
_PREFIX_STEM_ZIPF = 3.5
# A word this common counts as a function word when splitting "toprevent".
_FUNCTION_ZIPF = 5.5

# Both halves of a run-together word must be common words (zipf >= 4.5:
# "a", "lot", "in", "the"), or every rare compound would split.
_SPLIT_MIN_ZIPF = 4.5


@dataclass(frozen=True)
class NonWordSettings:
    """Decision thresholds (zipf units: 1.0 = ten times as frequent)."""

    # The best candidate must be at least this common ...
    min_candidate_zipf: float = 2.5
    # ... and this much commoner than the typed form (which may itself be in
    # wordfreq's corpora: common misspellings are).
    margin: float = 1.5
    # A fix is safe when the best candidate beats the runner-up by this much.
    safe_gap: float = 1.0
    # Two-edit candidates pay this on top of their channel cost, and a typed
    # form seen in the corpora needs this margin when its best fix is two edits.
    double_edit_penalty: float = 0.5
    double_edit_margin: float = 2.5
    max_suggestions: int = 5


@dataclass(frozen=True)
class NonWordVerdict:
    """A flagged non-word: ranked suggestions and how sure the engine is."""

    suggestions: tuple[str, ...]
    scores: tuple[float, ...]
    confidence: float
    safe: bool
    evidence: str


def _candidates(word: str, lex: Lexicon) -> set[str]:
    found: set[str] = set(lex.deletion_neighbours(word))
    for d in deletes(word, 2):
        if d == word:
            continue
        if len(d) + 1 == len(word) or len(d) >= 4:
            info = lex.info(d)
            if info.suggestible:
                found.add(d)
        if len(d) + 1 == len(word):
            found.update(lex.deletion_neighbours(d))
    return found


def _splits(word: str, lex: Lexicon) -> list[tuple[str, float]]:
    """Return two-word readings of a run-together word ("alot" -> "a lot")."""
    out: list[tuple[str, float]] = []
    if len(word) < 4:
        return out
    for i in range(1, len(word)):
        a, b = word[:i], word[i:]
        if len(a) == 1 and a not in ("a", "i"):
            continue
        ia, ib = lex.info(a), lex.info(b)
        if ia.suggestible and ib.suggestible and min(ia.zipf, ib.zipf) >= _SPLIT_MIN_ZIPF:
            out.append((f"{a} {b}", min(ia.zipf, ib.zipf) - 1.5))
    return out


def dropped_vowel(word: str, lex: Lexicon) -> str | None:
    """Return the function word that ``word`` is with one vowel dropped ("wth": "with").

    A word with no vowel is an abbreviation far more often than a typo
    ("ntl", "shd", "hrs"), so it is not checked; but one vowel short of a
    word as common as "with", "that" or "from" it is a slip of the hand.
    """
    for i in range(len(word) + 1):
        for vowel in "aeiou":
            candidate = word[:i] + vowel + word[i:]
            info = lex.info(candidate)
            if info.suggestible and info.zipf >= _FUNCTION_ZIPF:
                return candidate
    return None


def is_accepted(word: str, lex: Lexicon) -> bool:
    """Return True when ``word`` is a known word, a spelling variant of one, or prefix + word."""
    if lex.info(word).known or lex.has_variant(word):
        return True
    for prefix in _PREFIXES:
        stem = word[len(prefix) :]
        if word.startswith(prefix) and len(stem) >= 5:
            info = lex.info(stem)
            if info.known and info.zipf >= _PREFIX_STEM_ZIPF:
                return True
    return False


def judge_non_word(
    word: str, lex: Lexicon, settings: NonWordSettings | None = None, *, part: bool = False
) -> NonWordVerdict | None:
    """Return a verdict when lower-case ``word`` is a misspelling, else None.

    ``part`` marks one part of a hyphenated compound: parts are often bound
    forms ("ad-libbed", "no-hoper"), so only a form never seen in any corpus
    is flagged there.
    """
    s = settings or NonWordSettings()
    if is_accepted(word, lex):
        return None
    info = lex.info(word)
    if part and info.zipf > 0:
        return None
    scored: list[tuple[float, str]] = []
    for c in _candidates(word, lex):
        if c == word:
            continue
        kind = classify(word, c)
        if kind is EditKind.OTHER:
            continue
        ci = lex.info(c)
        if not ci.suggestible:
            continue
        cost = channel_cost(word, c)
        if kind is EditKind.DOUBLE:
            cost += s.double_edit_penalty
        scored.append((ci.zipf - cost, c))
    for phrase, score in _splits(word, lex):
        scored.append((score, phrase))
    if not scored:
        return None
    scored.sort(key=lambda x: (-x[0], x[1]))
    best_score, best = scored[0]
    best_zipf = max(min(lex.info(p).zipf for p in best.split()), 0.0)
    margin = s.margin
    if " " in best:
        # A closed compound of two content words is usually deliberate
        # ("smartcard"); a function word glued on ("toprevent") is a slip.
        if info.zipf >= 2.0 or max(lex.info(p).zipf for p in best.split()) < _FUNCTION_ZIPF:
            return None
    elif classify(word, best) is EditKind.DOUBLE and info.zipf >= 1.0:
        margin = s.double_edit_margin
    if best_zipf < s.min_candidate_zipf or best_zipf < info.zipf + margin:
        return None
    top = scored[: s.max_suggestions]
    gap = best_score - scored[1][0] if len(scored) > 1 else 9.0
    confidence = min(1.0, 0.5 + 0.1 * (best_zipf - info.zipf) + 0.1 * min(gap, 2.0))
    if info.zipf > 0:
        evidence = f"'{best}' is about {_times(best_zipf - info.zipf)}x more common than '{word}'"
    else:
        evidence = f"'{word}' is not in the English word lists; '{best}' is one slip away"
    return NonWordVerdict(
        suggestions=tuple(c for _, c in top),
        scores=tuple(round(x, 2) for x, _ in top),
        confidence=round(confidence, 2),
        safe=gap >= s.safe_gap,
        evidence=evidence,
    )


def _times(log10_ratio: float) -> str:
    """Return a rounded "N" for a ratio given in log10 units (300, 4,000, 2 million)."""
    ratio = 10**log10_ratio
    if ratio >= 1e6:
        return f"{ratio / 1e6:.0f} million"
    if ratio >= 100:
        digits = len(str(int(ratio))) - 1
        return f"{round(ratio, -digits + 0):,.0f}"
    return f"{ratio:.0f}"
