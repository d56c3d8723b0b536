"""``check_words``: run the non-word and real-word checks over a token stream.

Which words are checked at all is where precision is won:

* a capitalised word inside a sentence is a name; all-capitals is an
  acronym; mixed case (iPhone, McAlister) is a brand or a name;
* numbers with units (5km, 10bn, 1990s), URLs, e-mail addresses, handles and
  hashtags are not words;
* a word standing alone in quotation marks is being cited (a foreign or
  coined term), not used;
* possessives are checked without their ``'s``; a hyphenated compound is
  checked part by part; a word broken across a line with a hyphen is joined
  first (``exam-`` + ``ple``) and only checked as a compound when the join is
  not a word;
* words on the accept list are never flagged, words on the reject list always.

The real-word check reads each sentence through the language model, with
commas dropped (the model never saw punctuation) and the context cut at
quotation marks, brackets, dashes and unknown words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newslint.spelling.langmodel import BOS, EOS, LanguageModel, language_model
from newslint.spelling.lexicon import Lexicon, lexicon, load_confusables, load_traps
from newslint.spelling.morph import ends_in_s_form
from newslint.spelling.nonword import NonWordSettings, dropped_vowel, judge_non_word
from newslint.spelling.realword import (
    Candidate,
    RealWordSettings,
    Slot,
    context_size,
    judge_slot,
)
from newslint.spelling.types import IssueKind, SpellingIssue, TokenClass, WordInContext

__all__ = ["SpellingOptions", "check_words"]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})
_SENTENCE_END = frozenset(".!?")
_TRANSPARENT = frozenset(",;:\u2019'")  # punctuation the model reads through
_NUMBER_WORD = "ten"
_VOWELS = frozenset("aeiouy")
_NOT_CONTEXT = frozenset({BOS, EOS, _NUMBER_WORD})
# Number words that count what follows them (see _counts_a_plural).
_NUMBER_WORDS = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion",
})  # fmt: skip
# A capitalised first word of a sentence is checked only when this common.
_CAPITALISED_MIN_ZIPF = 4.5


@dataclass(frozen=True)
class SpellingOptions:
    """What to check and how strictly."""

    accept: frozenset[str] = frozenset()  # case-folded words never flagged
    reject: frozenset[str] = frozenset()  # case-folded words always flagged
    non_words: bool = True
    real_words: bool = True
    nonword: NonWordSettings = field(default_factory=NonWordSettings)
    realword: RealWordSettings = field(default_factory=RealWordSettings)


@lru_cache(maxsize=1)
def _curated() -> dict[str, frozenset[str]]:
    return {w: frozenset(c) for w, c in load_confusables().items()}


@lru_cache(maxsize=1)
def _traps() -> dict[str, frozenset[str]]:
    return {w: frozenset(c) for w, c in load_traps().items()}


@dataclass(slots=True)
class _Analysis:
    """What the engine knows of a word as typed, shared by all its occurrences.

    Kept process-wide per (text, sentence start, cited term): a story repeats
    its words, and a corpus repeats its stories' words, so each distinct word
    is normalised and looked up once.
    """

    form: str  # lower case, apostrophes straightened, line-break hyphen resolved
    checkable: bool  # a common-noun-like word (not a name, acronym, cited term)
    known: bool  # the word (or its possessive's base) is English: no non-word check
    zipf: float
    raw_candidates: tuple[tuple[str, float], ...]  # the lexicon's real-word candidates
    # What the language model reads for the word (None: a word it does not
    # know, which cuts the context); "" until first asked.
    lm_form: str | None = ""
    candidates: tuple[Candidate, ...] | None = None  # built on first use


def check_words(
    words: Sequence[WordInContext], options: SpellingOptions | None = None
) -> list[SpellingIssue]:
    """Return the typos in ``words`` (a whole paragraph or document, in order)."""
    opts = options or SpellingOptions()
    lex = lexicon()
    issues: list[SpellingIssue] = []
    analyses = _analyses(words, lex)
    flagged: set[int] = set()  # indexes of words already flagged as non-words
    if opts.non_words:
        reject = opts.reject
        for i, item in enumerate(analyses):
            if item is None or (item.known and not (reject and _listed(item.form, reject))):
                continue  # the common case, decided without the full check
            prev = words[i - 1] if i else None
            if prev is not None and prev.kind is TokenClass.NUMBER and len(item.form) <= 3:
                continue  # a unit after a number: "35 bn", "10 mph"
            found = _non_word_issues(i, words[i], item, lex, opts)
            if found:
                flagged.add(i)
                issues.extend(found)
    if opts.real_words:
        issues.extend(_real_word_issues(words, analyses, flagged, language_model(), opts))
    issues.sort(key=lambda x: (x.start, x.end))
    return issues


_ANALYSIS: dict[tuple[str, bool, bool], _Analysis] = {}
_ANALYSIS_MAX = 200_000


def _analyses(words: Sequence[WordInContext], lex: Lexicon) -> list[_Analysis | None]:
    """Return each word's analysis, aligned with ``words`` (None for non-words)."""
    cache = _ANALYSIS
    if len(cache) > _ANALYSIS_MAX:
        cache.clear()
    word_class = TokenClass.WORD
    out: list[_Analysis | None] = []
    append = out.append
    for token in words:
        if token.kind is not word_class:
            append(None)
            continue
        key = (token.text, token.sentence_start, token.quoted_term)
        got = cache.get(key)
        if got is None:
            form, checkable = _normalise(token, lex)
            info = lex.info(form)
            known = info.known or lex.info(_strip_possessive(form)).known
            got = cache[key] = _Analysis(form, checkable, known, info.zipf, info.candidates)
        append(got)
    return out


def _is_name_like(text: str, sentence_start: bool) -> bool:
    """Return True for capitalised, all-caps or mixed-case words (not checked)."""
    if text.isascii() and text.isalpha():
        # Most words: every character is a cased letter, so str methods give
        # the answers of the letter-by-letter tests below (a capital after
        # the first letter: an acronym, or mixed case).
        if len(text) > 1 and not text[1:].islower():
            return True
        return text[0].isupper() and not sentence_start
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True  # an acronym
    if any(c.isupper() for c in letters[1:]):
        return True  # iPhone, McAlister
    return letters[0].isupper() and not sentence_start


def _listed(form: str, words: frozenset[str]) -> bool:
    """Return True when ``form`` or its possessive's base is in ``words``."""
    return form in words or _strip_possessive(form) in words


def _normalise(token: WordInContext, lex: Lexicon) -> tuple[str, bool]:
    """Return the word's lower-case form and whether it is checked at all."""
    text = token.text.translate(_APOSTROPHES)
    if "-\n" in text or "-\r\n" in text:
        joined = text.replace("-\r\n", "").replace("-\n", "")
        hyphenated = text.replace("\r\n", "").replace("\n", "")
        text = joined if lex.info(joined.lower()).known else hyphenated
    form = text.lower()
    checkable = not (_is_name_like(text, token.sentence_start) or token.quoted_term or "." in text)
    return form, checkable


def _strip_possessive(form: str) -> str:
    if form.endswith("'s"):
        return form[:-2]
    if form.endswith("'"):
        return form[:-1]
    return form


def _non_word_issues(
    index: int, token: WordInContext, item: _Analysis, lex: Lexicon, opts: SpellingOptions
) -> list[SpellingIssue]:
    """Return the non-word findings for one word (several for a compound's parts)."""
    form = item.form
    out: list[SpellingIssue] = []
    if form in opts.accept or _strip_possessive(form) in opts.accept:
        return out
    if form in opts.reject or _strip_possessive(form) in opts.reject:
        out.append(
            SpellingIssue(
                index=index,
                start=token.start,
                end=token.end,
                word=token.text,
                kind=IssueKind.NON_WORD,
                suggestions=(),
                confidence=1.0,
                evidence=f"'{token.text}' is on the newsroom's reject list",
                safe_fix=False,
                source="vocabulary",
            )
        )
        return out
    if not item.checkable or token.text[:1].isupper():
        # A capitalised word at a sentence start is as likely a name as not;
        # names are the attribution rules' business.
        return out
    base = _strip_possessive(form)
    if lex.info(base).known or lex.info(form).known:
        return out
    parts = base.split("-")
    compound = len(parts) > 1
    if compound and lex.info("".join(parts)).known:
        return out  # "pre-empt" for "preempt"
    # Parts of a compound, each at its own offsets.
    offset = 0
    for part in parts:
        start = token.start + offset
        offset += len(part) + 1
        if len(part) < 3 or not part.isalpha() or part in opts.accept:
            continue  # two letters are abbreviations far more often than typos
        if not any(c in _VOWELS for c in part) and dropped_vowel(part, lex) is None:
            continue  # no vowel: an abbreviation ("ntl", "shd") far more often than a typo
        verdict = judge_non_word(part, lex, opts.nonword, part=compound)
        if verdict is None:
            continue
        out.append(
            SpellingIssue(
                index=index,
                start=start,
                end=start + len(part),
                word=token.text[start - token.start : start - token.start + len(part)],
                kind=IssueKind.NON_WORD,
                suggestions=_match_case(verdict.suggestions, token.text),
                confidence=verdict.confidence,
                evidence=verdict.evidence,
                safe_fix=verdict.safe and not token.in_quote,
            )
        )
    return out


def _match_case(suggestions: Sequence[str], typed: str) -> tuple[str, ...]:
    if typed[:1].isupper():
        return tuple(s[:1].upper() + s[1:] for s in suggestions)
    return tuple(suggestions)


def _lm_form(item: _Analysis, lm: LanguageModel) -> str | None:
    """Return what the language model reads for ``item`` (worked out once per analysis)."""
    got = item.lm_form
    if got == "":
        form = item.form
        got = form if lm.knows(form) else None
        if got is None:
            base = _strip_possessive(form)
            got = base if base != form and lm.knows(base) else None
        item.lm_form = got
    return got


def _real_word_issues(
    words: Sequence[WordInContext],
    analyses: Sequence[_Analysis | None],
    flagged: Container[int],
    lm: LanguageModel,
    opts: SpellingOptions,
) -> list[SpellingIssue]:
    """Read the words as language-model sequences and judge each slot in them.

    A sequence runs to a sentence end or to a token the model cannot read
    (an unknown word, a quotation mark, a bracket, a dash). A slot is a
    checkable word the model reads as typed and the lexicon has candidates
    for (most words have none: nothing is one slip away); it is judged once
    its sequence is complete, since the two words after it count.
    """
    rw = opts.realword
    accept = opts.accept
    content_zipf = rw.content_zipf
    # Document evidence for content words: how often the story uses each.
    counts = Counter(a.form for a in analyses if a is not None and a.zipf < content_zipf)
    present = frozenset(counts)
    # A word the story capitalises inside a sentence is a name there ("Ford
    # declined to comment"); capitalised at a sentence start it is the same
    # name, not a slip of "For".
    names = {
        _strip_possessive(a.form)
        for tok, a in zip(words, analyses, strict=True)
        if a is not None and tok.text[:1].isupper() and not tok.sentence_start
    }
    issues: list[SpellingIssue] = []
    seq: list[str] = [BOS]
    slots: list[tuple[int, int, _Analysis]] = []  # (position in seq, word index, analysis)

    def flush(end_of_sentence: bool) -> None:
        nonlocal seq, slots
        if slots:
            if end_of_sentence:
                seq.append(EOS)
            for pos, index, item in slots:
                issue = _judge(words, index, item, seq, pos, lm, rw, counts, present)
                if issue is not None:
                    issues.append(issue)
        seq, slots = ([BOS] if end_of_sentence else []), []

    word_class, number_class, punct_class = TokenClass.WORD, TokenClass.NUMBER, TokenClass.PUNCT
    for i, tok in enumerate(words):
        kind = tok.kind
        if kind is word_class:
            item = analyses[i]
            assert item is not None
            if tok.sentence_start and len(seq) > 1:
                flush(True)
            lm_form = item.lm_form
            if lm_form == "":
                lm_form = _lm_form(item, lm)
            if lm_form is None:
                flush(False)
                continue
            if (
                item.raw_candidates
                and item.checkable
                and lm_form == item.form
                and not tok.headline
                and i not in flagged
                and item.form not in accept
                and not (
                    tok.text[:1].isupper()
                    and (item.zipf < _CAPITALISED_MIN_ZIPF or _strip_possessive(item.form) in names)
                )
                and not _name_particle(i, words)
                and not _opens_a_name(i, words)
                and not _counts_a_plural(item.form, i, words)
            ):
                slots.append((len(seq), i, item))
            seq.append(lm_form)
        elif kind is number_class:
            seq.append(_NUMBER_WORD)
        elif kind is punct_class and tok.text in _SENTENCE_END:
            flush(True)
        elif kind is not punct_class or tok.text not in _TRANSPARENT:
            flush(False)
    flush(False)
    return issues


def _name_particle(i: int, words: Sequence[WordInContext]) -> bool:
    """Return True for a lower-case word between two capitalised ones ("bin", "van", "de").

    Inside a name ("Mohammed bin Salman", "Ludwig van Beethoven") such a word
    is a particle, not a slip.
    """
    if i == 0 or i + 1 >= len(words):
        return False
    before, after = words[i - 1], words[i + 1]
    return (
        before.kind is TokenClass.WORD
        and after.kind is TokenClass.WORD
        and before.text[:1].isupper()
        and after.text[:1].isupper()
        and not before.sentence_start
    )


def _opens_a_name(i: int, words: Sequence[WordInContext]) -> bool:
    """Return True for a sentence's first word followed by a capitalised word.

    "Tim Collins said", "Will Smith stars": at a sentence start the capital
    says nothing, and the next word's says the two are a name, which the
    model (trained on lower case) reads as ordinary words ("jim collins").
    """
    if not words[i].sentence_start or i + 1 >= len(words):
        return False
    after = words[i + 1]
    return after.kind is TokenClass.WORD and after.text[:1].isupper() and not after.sentence_start


def _counts_a_plural(form: str, i: int, words: Sequence[WordInContext]) -> bool:
    """Return True for a number word before a plural noun ("sued four companies").

    That is what a number word is for; the model, which has seen "sued for"
    far more often than "sued four", would call it a slip of "for".
    """
    if form not in _NUMBER_WORDS or i + 1 >= len(words):
        return False
    after = words[i + 1]
    return after.kind is TokenClass.WORD and ends_in_s_form(after.text.lower())


def _build_candidates(form: str, raw: tuple[tuple[str, float], ...]) -> tuple[Candidate, ...]:
    curated = _curated().get(form, frozenset())
    traps = _traps().get(form, frozenset())
    bare = form.replace("'", "")
    out = []
    for c, penalty in raw:
        is_trap = c in traps
        is_curated = c in curated
        if not is_curated and c.replace("'", "") == bare:
            continue  # doctor's/doctors: possessive against plural is grammar
        out.append(Candidate(c, penalty, is_curated, is_trap))
    return tuple(out)


def _judge(
    words: Sequence[WordInContext],
    index: int,
    item: _Analysis,
    sequence: list[str],
    pos: int,
    lm: LanguageModel,
    rw: RealWordSettings,
    counts: Mapping[str, int],
    present: frozenset[str],
) -> SpellingIssue | None:
    """Judge one slot; return the finding when the word is likely a slip."""
    token = words[index]
    if context_size(sequence, pos, _NOT_CONTEXT) < rw.min_context:
        return None  # a bare headline fragment says too little
    candidates = item.candidates
    if candidates is None:
        candidates = item.candidates = _build_candidates(item.form, item.raw_candidates)
    typed_penalty = 0.0
    if item.zipf < rw.content_zipf and counts.get(item.form, 0) > 1:
        typed_penalty = rw.typed_repeated
    verdict = judge_slot(
        Slot(sequence, pos),
        candidates,
        lm,
        rw,
        in_quote=token.in_quote,
        typed_penalty=typed_penalty,
        in_document=present,
        # A trap's weak evidence is no match for the story using the word again.
        traps=typed_penalty == 0.0,
    )
    if verdict is None:
        return None
    return SpellingIssue(
        index=index,
        start=token.start,
        end=token.end,
        word=token.text,
        kind=IssueKind.REAL_WORD,
        suggestions=_match_case(verdict.suggestions, token.text),
        confidence=verdict.confidence,
        evidence=verdict.evidence,
        safe_fix=verdict.safe,
        ratio=round(10 ** min(verdict.gain, 12.0), 1),
        source="confusables" if verdict.curated else "statistics",
        strong=verdict.strong,
        context=_context_span(words, index),
    )


def _context_span(words: Sequence[WordInContext], index: int, reach: int = 2) -> tuple[int, int]:
    """Return the [start, end) of the words the model read around ``words[index]``.

    That is up to ``reach`` words or numbers each side, through the
    punctuation the model reads through, within the sentence: a fix for the
    slot was chosen for these neighbours (see ``_local`` in
    :mod:`newslint.spelling.realword`). A word the model does not know cuts
    its sequence but not this walk, so the span may be wider, never narrower.
    """
    word_classes = (TokenClass.WORD, TokenClass.NUMBER)
    start = words[index].start
    found, i = 0, index
    while found < reach and i > 0 and not words[i].sentence_start:
        i -= 1
        tok = words[i]
        if tok.kind in word_classes:
            found += 1
            start = tok.start
        elif tok.kind is not TokenClass.PUNCT or tok.text not in _TRANSPARENT:
            break
    end = words[index].end
    found, i = 0, index
    while found < reach and i + 1 < len(words):
        i += 1
        tok = words[i]
        if tok.sentence_start:
            break
        if tok.kind in word_classes:
            found += 1
            end = tok.end
        elif tok.kind is not TokenClass.PUNCT or tok.text not in _TRANSPARENT:
            break
    return start, end
