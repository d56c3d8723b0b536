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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from newslint.spelling.langmodel import BOS, EOS, LanguageModel, language_model
from newslint.spelling.lexicon import Lexicon, lexicon, load_confusables
from newslint.spelling.nonword import NonWordSettings, judge_non_word
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


@dataclass(slots=True)
class _Word:
    """A word token after normalisation."""

    index: int
    token: WordInContext
    form: str  # lower case, apostrophes straightened, line-break hyphen resolved
    checkable: bool  # a common-noun-like word (not a name, acronym, cited term)
    known: bool = False  # the word (or its possessive's base) is English: no non-word check
    lm_form: str | None = None  # what the language model reads, if anything
    flagged: bool = False


def check_words(
    words: Sequence[WordInContext], options: SpellingOptions | None = None
) -> list[SpellingIssue]:
    """Return the typos in ``words`` (a whole paragraph or document, in order)."""
    opts = options or SpellingOptions()
    lex = lexicon()
    lm = language_model() if opts.real_words else None
    issues: list[SpellingIssue] = []
    analysed = [_analyse(i, w, lex) for i, w in enumerate(words) if w.kind is TokenClass.WORD]
    counts = Counter(item.form for item in analysed)
    present = frozenset(f for f in counts if lex.info(f).zipf < opts.realword.content_zipf)
    if opts.non_words:
        reject = opts.reject
        for item in analysed:
            if item.known and not (reject and _listed(item.form, reject)):
                continue  # the common case, decided without the full check
            prev = words[item.index - 1] if item.index else None
            if prev is not None and prev.kind is TokenClass.NUMBER and len(item.form) <= 3:
                continue  # a unit after a number: "35 bn", "10 mph"
            issues.extend(_non_word_issues(item, lex, opts))
    if lm is not None:
        for sequence, slots in _sequences(words, analysed, lm, lex):
            for pos, item in slots:
                issue = _real_word_issue(item, sequence, pos, lex, lm, opts, counts, present, words)
                if issue is not None:
                    issues.append(issue)
    issues.sort(key=lambda x: (x.start, x.end))
    return issues


def _is_name_like(text: str, sentence_start: bool) -> bool:
    """Return True for capitalised, all-caps or mixed-case words (not checked)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return True  # an acronym
    if any(c.isupper() for c in letters[1:]):
        return True  # iPhone, McAlister
    return letters[0].isupper() and not sentence_start


_ANALYSIS: dict[tuple[str, bool, bool], tuple[str, bool, bool]] = {}


def _analyse(index: int, token: WordInContext, lex: Lexicon) -> _Word:
    key = (token.text, token.sentence_start, token.quoted_term)
    got = _ANALYSIS.get(key)
    if got is None:
        form, checkable = _normalise(token, lex)
        known = lex.info(form).known or lex.info(_strip_possessive(form)).known
        got = (form, checkable, known)
        if len(_ANALYSIS) > 200_000:
            _ANALYSIS.clear()
        _ANALYSIS[key] = got
    return _Word(index, token, got[0], got[1], got[2])


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


def _non_word_issues(item: _Word, lex: Lexicon, opts: SpellingOptions) -> Iterable[SpellingIssue]:
    token = item.token
    form = item.form
    if form in opts.accept or _strip_possessive(form) in opts.accept:
        return
    if form in opts.reject or _strip_possessive(form) in opts.reject:
        item.flagged = True
        yield SpellingIssue(
            index=item.index,
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
        return
    if not item.checkable or token.text[:1].isupper():
        # A capitalised word at a sentence start is as likely a name as not;
        # names are the attribution rules' business.
        return
    base = _strip_possessive(form)
    if lex.info(base).known or lex.info(form).known:
        return
    parts = base.split("-")
    compound = len(parts) > 1
    if compound and lex.info("".join(parts)).known:
        return  # "pre-empt" for "preempt"
    # Parts of a compound, each at its own offsets.
    offset = 0
    for part in parts:
        start = token.start + offset
        offset += len(part) + 1
        if len(part) < 3 or not part.isalpha() or part in opts.accept:
            continue  # two letters are abbreviations far more often than typos
        if not any(c in _VOWELS for c in part):
            continue  # no vowel: an abbreviation ("ntl", "shd") far more often than a typo
        verdict = judge_non_word(part, lex, opts.nonword, part=compound)
        if verdict is None:
            continue
        item.flagged = True
        yield SpellingIssue(
            index=item.index,
            start=start,
            end=start + len(part),
            word=token.text[start - token.start : start - token.start + len(part)],
            kind=IssueKind.NON_WORD,
            suggestions=_match_case(verdict.suggestions, token.text),
            confidence=verdict.confidence,
            evidence=verdict.evidence,
            safe_fix=verdict.safe and not token.in_quote,
        )


def _match_case(suggestions: Sequence[str], typed: str) -> tuple[str, ...]:
    if typed[:1].isupper():
        return tuple(s[:1].upper() + s[1:] for s in suggestions)
    return tuple(suggestions)


# Word form -> what the language model reads for it (None: a word it does not
# know, which cuts the context). The model is process-wide, so is this.
_LM_FORMS: dict[str, str | None] = {}


def _lm_form(form: str, lm: LanguageModel) -> str | None:
    got = _LM_FORMS.get(form, "")
    if got == "":
        got = form if lm.knows(form) else None
        if got is None:
            base = _strip_possessive(form)
            got = base if base != form and lm.knows(base) else None
        if len(_LM_FORMS) > 200_000:
            _LM_FORMS.clear()
        _LM_FORMS[form] = got
    return got


def _sequences(
    words: Sequence[WordInContext], analysed: Sequence[_Word], lm: LanguageModel, lex: Lexicon
) -> Iterable[tuple[list[str], list[tuple[int, _Word]]]]:
    """Yield language-model word sequences and the checkable slots in each.

    A slot is a checkable word the model reads as typed and the lexicon has
    candidates for (most words have none: nothing is one slip away).
    """
    by_index = {item.index: item for item in analysed}
    seq: list[str] = [BOS]
    slots: list[tuple[int, _Word]] = []

    def flush(end_of_sentence: bool) -> Iterable[tuple[list[str], list[tuple[int, _Word]]]]:
        nonlocal seq, slots
        if slots:
            yield ([*seq, EOS] if end_of_sentence else seq), slots
        seq, slots = ([BOS] if end_of_sentence else []), []

    for i, tok in enumerate(words):
        if tok.kind is TokenClass.WORD:
            item = by_index[i]
            if tok.sentence_start and len(seq) > 1:
                yield from flush(True)
            form = item.form
            lm_form = _lm_form(form, lm)
            if lm_form is None:
                yield from flush(False)
                continue
            item.lm_form = lm_form
            if item.checkable and lm_form == form and lex.info(form).candidates:
                slots.append((len(seq), item))
            seq.append(lm_form)
        elif tok.kind is TokenClass.NUMBER:
            seq.append(_NUMBER_WORD)
        elif tok.kind is TokenClass.PUNCT and tok.text in _SENTENCE_END:
            yield from flush(True)
        elif tok.kind is TokenClass.PUNCT and tok.text in _TRANSPARENT:
            continue
        else:
            yield from flush(False)
    yield from flush(False)


def _name_particle(item: _Word, words: Sequence[WordInContext]) -> bool:
    """Return True for a lower-case word between two capitalised ones ("bin", "van", "de").

    Inside a name ("Mohammed bin Salman", "Ludwig van Beethoven") such a word
    is a particle, not a slip.
    """
    i = item.index
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


# Word form -> its real-word candidates; the lexicon is process-wide, so is this.
_CANDIDATES: dict[str, tuple[Candidate, ...]] = {}


def _candidates(form: str, raw: tuple[tuple[str, float], ...]) -> tuple[Candidate, ...]:
    """Return the real-word candidates of ``form`` (built once per word form)."""
    got = _CANDIDATES.get(form)
    if got is None:
        if len(_CANDIDATES) > 50_000:
            _CANDIDATES.clear()
        got = _CANDIDATES[form] = _build_candidates(form, raw)
    return got


def _build_candidates(form: str, raw: tuple[tuple[str, float], ...]) -> tuple[Candidate, ...]:
    curated = _curated().get(form, frozenset())
    bare = form.replace("'", "")
    out = []
    for c, penalty in raw:
        is_curated = c in curated
        if not is_curated and c.replace("'", "") == bare:
            continue  # doctor's/doctors: possessive against plural is grammar
        out.append(Candidate(c, penalty, is_curated))
    return tuple(out)


def _real_word_issue(
    item: _Word,
    sequence: list[str],
    pos: int,
    lex: Lexicon,
    lm: LanguageModel,
    opts: SpellingOptions,
    counts: Mapping[str, int],
    present: frozenset[str],
    words: Sequence[WordInContext],
) -> SpellingIssue | None:
    token = item.token
    if item.flagged or item.form in opts.accept or token.headline:
        return None
    info = lex.info(item.form)
    if not info.candidates:
        return None  # most words: nothing they could be a slip of
    if _name_particle(item, words):
        return None
    rw = opts.realword
    if item.token.text[:1].isupper() and info.zipf < _CAPITALISED_MIN_ZIPF:
        return None  # a capitalised sentence start this rare is likely a name
    if context_size(sequence, pos, _NOT_CONTEXT) < rw.min_context:
        return None
    candidates = _candidates(item.form, info.candidates)
    typed_penalty = 0.0
    if counts.get(item.form, 0) > 1 and info.zipf < rw.content_zipf:
        typed_penalty = rw.typed_repeated
    verdict = judge_slot(
        Slot(sequence, pos),
        candidates,
        lm,
        rw,
        in_quote=item.token.in_quote,
        typed_penalty=typed_penalty,
        in_document=present,
    )
    if verdict is None:
        return None
    return SpellingIssue(
        index=item.index,
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
    )
