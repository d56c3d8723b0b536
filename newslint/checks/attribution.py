"""Built-in attribution rules (NL3xx): one person, one spelling, one title, every quote sourced.

* NL301 name-variant: a surname spelt two ways ("Donfried" / "Donfreid").
* NL302 surname-before-introduction: "Donfried" before "Karen Donfried".
* NL303 unintroduced-surname (info): "Mr Smith" and no Smith named in full.
* NL304 title-drift: one person, two conflicting titles.
* NL305 unbalanced-quotation-mark: a mark that opens or closes nothing.
* NL306 unattributed-quote: a direct quotation with no speaker nearby.
* NL307 quote-two-speakers (error): one quotation credited to two people.
* NL308 loaded-attribution-verb (info): "claimed", "admitted" for "said".
* NL309 said-says-mix (info): a story reporting with both "said" and "says".
* NL310 anonymous-source (info): "officials said" with no reason for anonymity.
* NL311 pronoun-mismatch (info): one person called both "he" and "she".

All work on the document as a whole and share the people model
(:mod:`newslint.people`) through ``ctx.shared``. Word tables live in
``rules/data/attribution.toml`` and ``rules/data/people.toml``.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from newslint.data import load_data
from newslint.diagnostics import Category, Severity
from newslint.document import BlockKind, Document, Token, TokenKind
from newslint.document.quotes import Quote
from newslint.people import Mention, People, Person, people_of
from newslint.people.detect import Detector
from newslint.people.lexicon import lexicon
from newslint.people.variants import Variant, find_variants
from newslint.rule import Example, Rule, RuleContext, Scope

_DATA_FILE = "data/attribution.toml"
_BODY = frozenset({BlockKind.BODY, BlockKind.BLOCKQUOTE, BlockKind.LIST_ITEM})
_WORD = TokenKind.WORD
_QUOTE_CLOSERS = frozenset("\"\u201d\u2019'")
_QUOTE_OPENERS = frozenset("\"\u201c\u2018'")
_DASHES = frozenset({"\u2014", "\u2015", "\u2013", "--"})
_PEERS = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "countess"})


@dataclass(frozen=True, slots=True)
class _Words:
    speech: frozenset[str]
    colon_introducers: frozenset[str]
    loaded: dict[str, str]
    past: frozenset[str]
    present: frozenset[str]
    document_subjects: frozenset[str]
    document_adverbs: frozenset[str]
    sources: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    reasons: tuple[str, ...]
    attributable_after: frozenset[str]
    anonymous_verbs: frozenset[str]
    silent_when_negated: frozenset[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    d = load_data(_DATA_FILE)
    return _Words(
        speech=frozenset(w.casefold() for w in d["speech"]["verbs"]),
        colon_introducers=frozenset(w.casefold() for w in d["speech"]["colon_introducers"]),
        loaded={k.casefold(): v for k, v in d["loaded"].items()},
        past=frozenset(d["tense"]["past"]),
        present=frozenset(d["tense"]["present"]),
        document_subjects=frozenset(d["tense"]["document_subjects"]),
        document_adverbs=frozenset(d["tense"]["document_adverbs"]),
        sources=_index_phrases(d["anonymous"]["sources"]),
        reasons=tuple(r.casefold() for r in d["anonymous"]["reasons"]),
        attributable_after=frozenset(d["anonymous"]["attributable_after"]),
        anonymous_verbs=frozenset(w.casefold() for w in d["anonymous"]["verbs"]),
        silent_when_negated=frozenset(d["anonymous"]["silent_when_negated"]),
    )


def _index_phrases(phrases: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in sorted(phrases, key=lambda s: -len(s.split())):
        words = tuple(p.casefold().split())
        out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


# -- shared analyses ----------------------------------------------------------


def _variants(ctx: RuleContext) -> list[Variant]:
    cached = ctx.shared.get("people.variants")
    if cached is None:
        cached = find_variants(people_of(ctx))
        ctx.shared["people.variants"] = cached
    return list(cached)


def _is_body(doc: Document, paragraph: int) -> bool:
    return doc.paragraphs[paragraph].kind in _BODY


@dataclass(slots=True)
class _QuoteInfo:
    """A direct quotation (or a running quote's chain of parts) and its context."""

    parts: list[Quote]
    sentences: list[int]  # document-wide sentence indices the quote touches
    words: list[str]  # its words, case-folded
    paragraph: int
    speaker: int = -1  # person index, when a named speaker is found
    speaker_span: tuple[int, int] = (-1, -1)
    attributed: bool = False
    inherited: bool = False  # attributed through the quotation before it
    opens_sentence: bool = False  # a quoted sentence, not words worked into one
    tokens: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        """Return the offset of the opening mark."""
        return self.parts[0].start

    @property
    def end(self) -> int:
        """Return the offset after the last part."""
        return self.parts[-1].end


# A sentence's mentions in order, their starts, their indices in order of
# their ends, and those ends.
_SentenceMentions = tuple[list[Mention], list[int], list[int], list[int]]


class _QuoteAnalysis:
    """Quotations grouped into running chains, with their attribution."""

    def __init__(self, doc: Document, people: People) -> None:
        self.doc = doc
        self.people = people
        det = people.detector
        self.tokens = det.tokens
        self.sentence_of = det.sentence_of
        self.paragraph_of = det.paragraph_of
        self.ranges = det.sentence_range
        self.starts = people.token_starts
        self._word_starts: list[int] | None = None
        self._by_sentence: dict[int, list[Mention]] | None = None
        self._indexed: dict[int, _SentenceMentions] = {}
        # Per sentence, computed once: its attribution cues and their paragraphs,
        # and the cues with a named speaker next to them (by offset).
        self._cues: dict[int, tuple[list[int], frozenset[int]]] = {}
        self._spoken: dict[int, tuple[list[int], list[Mention]]] = {}
        self.quotes = self._chains()
        previous: _QuoteInfo | None = None
        for q in self.quotes:
            self._attribute(q)
            if (
                not q.attributed
                and previous is not None
                and previous.attributed
                and q.sentences
                and previous.sentences
                and 0 <= q.paragraph - previous.paragraph <= 1
                and q.sentences[0] - previous.sentences[-1] <= 3
            ):
                # Consecutive quotations from one speaker are attributed once.
                q.attributed = q.inherited = True
            previous = q
        floating = [q for q in self.quotes if not q.attributed and q.opens_sentence]
        if floating:
            # People the story shows speaking: named (or a pronoun for them)
            # next to a speech verb anywhere in it.
            speakers = {m.person for s in self.ranges for m in self._spoken_cues(s)[1]}
            for q in floating:
                q.attributed = self._speaker_implied(q, speakers)

    def _chains(self) -> list[_QuoteInfo]:
        out: list[_QuoteInfo] = []
        current: list[Quote] = []
        for q in self.doc.quotes:
            current.append(q)
            if q.continued:
                continue
            out.append(self._info(current))
            current = []
        if current:
            out.append(self._info(current))
        return out

    def _info(self, parts: list[Quote]) -> _QuoteInfo:
        sentences: list[int] = []
        seen: set[int] = set()
        words: list[str] = []
        tokens: list[int] = []
        for q in parts:
            lo = bisect.bisect_left(self.starts, q.start)
            hi = bisect.bisect_left(self.starts, q.end)
            for i in range(lo, hi):
                tokens.append(i)
                sentence = self.sentence_of[i]
                if sentence not in seen:
                    seen.add(sentence)
                    sentences.append(sentence)
                tok = self.tokens[i]
                if tok.kind is _WORD:
                    words.append(tok.norm)
        paragraph = self.paragraph_of[tokens[0]] if tokens else -1
        info = _QuoteInfo(list(parts), sentences, words, paragraph, tokens=tokens)
        if tokens:
            first = tokens[0]
            own = self.ranges.get(self.sentence_of[first])
            info.opens_sentence = own is not None and own[0] == first
        return info

    def _outside(self, i: int) -> bool:
        return not self.doc.in_quote(self.tokens[i].start)

    def _attribute(self, q: _QuoteInfo) -> None:
        """Decide whether the quote has a speaker, and find who it is.

        An attribution cue (a speech verb, a colon before a quotation, a
        dash credit line) in the quote's own sentences or the sentences
        around it, within a paragraph of it, attributes the quote. The
        speaker is the person named next to the cue nearest the quote's end
        in its own sentences.
        """
        if not q.sentences:
            return
        own = set(q.sentences)
        first_p = q.paragraph
        for s in range(q.sentences[0] - 1, q.sentences[-1] + 2):
            cues, paragraphs = self._sentence_cues(s)
            if cues and (s in own or any(abs(p - first_p) <= 1 for p in paragraphs)):
                break
        else:
            return
        q.attributed = True
        # The nearest cue before the quote's end and the nearest after it
        # (a tie goes to the one before).
        before: tuple[int, Mention] | None = None
        after: tuple[int, Mention] | None = None
        for s in q.sentences:
            starts, mentions = self._spoken_cues(s)
            k = bisect.bisect_left(starts, q.end)
            if k and (before is None or starts[k - 1] > before[0]):
                before = (starts[k - 1], mentions[k - 1])
            if k < len(starts) and (after is None or starts[k] < after[0]):
                after = (starts[k], mentions[k])
        if before is not None and (after is None or q.end - before[0] <= after[0] - q.end):
            m = before[1]
        elif after is not None:
            m = after[1]
        else:
            return
        q.speaker = m.person
        q.speaker_span = (m.start, m.end)

    def _speaker_implied(self, q: _QuoteInfo, speakers: set[int]) -> bool:
        """Return True when the sentence before a quoted sentence is about one speaker.

        "McIlroy is brimming with confidence. "I've been waiting years for
        this."": a quotation that follows a sentence about one person (by
        name or by a pronoun the people model ties to them), in the same
        paragraph or the one before, is that person speaking, when the story
        quotes them elsewhere (``speakers``); copy desks read it so. Two
        people in that sentence leave the speaker open, and a name the story
        never quotes may not be a person at all.
        """
        if not q.opens_sentence:
            return False
        mentions, _, _, _ = self._mentions_in(q.sentences[0] - 1)
        people = set()
        for m in mentions:
            if q.paragraph - m.paragraph > 1 or self.doc.in_quote(m.start):
                continue
            if m.person < 0:
                return False  # someone the model could not place
            people.add(m.person)
        return len(people) == 1 and people <= speakers

    def _sentence_cues(self, s: int) -> tuple[list[int], frozenset[int]]:
        """Return the attribution cues of sentence s (token indices) and their paragraphs."""
        found = self._cues.get(s)
        if found is not None:
            return found
        words = _words()
        cues: list[int] = []
        lo_hi = self.ranges.get(s)
        for i in range(*lo_hi) if lo_hi else ():
            tok = self.tokens[i]
            if tok.kind is _WORD:
                norm = tok.norm
                if (norm in words.speech or norm in words.colon_introducers) and self._outside(i):
                    cues.append(i)
            elif tok.text == ":" and i + 1 < len(self.tokens) and self._outside(i):
                nxt = self.tokens[i + 1]
                if nxt.text in _QUOTE_OPENERS or self.doc.in_quote(nxt.start):
                    cues.append(i)
            elif tok.text in _DASHES and self._dash_credit(i):
                cues.append(i)
        found = (cues, frozenset(self.paragraph_of[i] for i in cues))
        self._cues[s] = found
        return found

    def _spoken_cues(self, s: int) -> tuple[list[int], list[Mention]]:
        """Return the cues of sentence s with a person named next to them.

        As (offsets of the cues, the person's mention at each), in order.
        """
        found = self._spoken.get(s)
        if found is None:
            starts: list[int] = []
            mentions: list[Mention] = []
            for i in self._sentence_cues(s)[0]:
                m = self._subject_near(i)
                if m is not None and m.person >= 0:
                    starts.append(self.tokens[i].start)
                    mentions.append(m)
            found = (starts, mentions)
            self._spoken[s] = found
        return found

    def _dash_credit(self, i: int) -> bool:
        """Return True for a credit line under a pull quote: "— Council leader Ana Ruiz".

        The dash opens its line, outside any quotation, and a capitalised word
        follows it.
        """
        tok = self.tokens[i]
        text = self.doc.text
        k = tok.start - 1
        while k >= 0 and text[k] != "\n" and text[k].isspace():
            k -= 1
        if (k >= 0 and text[k] != "\n") or not self._outside(i):
            return False  # something before it on its line
        if i + 1 >= len(self.tokens):
            return False
        nxt = self.tokens[i + 1]
        return nxt.kind is _WORD and nxt.text[:1].isupper()

    def _subject_near(self, i: int) -> Mention | None:
        """Return the mention within three words of token i, outside quotes.

        The nearest (fewest words between); of two as near, the first.
        """
        tok = self.tokens[i]
        mentions, starts, by_end, ends = self._mentions_in(self.sentence_of[i])
        if not mentions:
            return None
        words = self._words()
        # Mentions ending before the token with at most three words between
        # (so ending after the fourth word back), and mentions starting after
        # it with at most three words between (so at the fourth word on).
        j = bisect.bisect_left(words, tok.start)
        after_end = words[j - 4] if j >= 4 else -1
        k = bisect.bisect_left(words, tok.end)
        last_start = words[k + 3] if k + 3 < len(words) else len(self.doc.text)
        lo = bisect.bisect_right(ends, after_end)
        near = [by_end[n] for n in range(lo, bisect.bisect_right(ends, tok.start))]
        near += range(bisect.bisect_left(starts, tok.end), bisect.bisect_right(starts, last_start))
        best: Mention | None = None
        best_d = 4
        for n in sorted(near):
            m = mentions[n]
            if self.doc.in_quote(m.start):
                continue
            if m.end <= tok.start:
                gap = self._words_between(m.end, tok.start)
            elif m.start >= tok.end:
                gap = self._words_between(tok.end, m.start)
            else:
                continue
            if gap < best_d:
                best, best_d = m, gap
        return best

    def _mentions_in(self, sentence: int) -> _SentenceMentions:
        """Return a sentence's mentions (in order), their starts, and the order by end."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for m in self.people.mentions:
                self._by_sentence.setdefault(m.sentence, []).append(m)
        found = self._indexed.get(sentence)
        if found is None:
            mentions = self._by_sentence.get(sentence, [])
            by_end = sorted(range(len(mentions)), key=lambda n: mentions[n].end)
            ends = [mentions[n].end for n in by_end]
            found = (mentions, [m.start for m in mentions], by_end, ends)
            self._indexed[sentence] = found
        return found

    def _words(self) -> list[int]:
        """Return the start offsets of the word tokens."""
        if self._word_starts is None:
            self._word_starts = [t.start for t in self.tokens if t.kind is _WORD]
        return self._word_starts

    def _words_between(self, start: int, end: int) -> int:
        words = self._words()
        return bisect.bisect_left(words, end) - bisect.bisect_left(words, start)


def _quotes(ctx: RuleContext) -> _QuoteAnalysis:
    cached = ctx.shared.get("attribution.quotes")
    if not isinstance(cached, _QuoteAnalysis):
        cached = _QuoteAnalysis(ctx.doc, people_of(ctx))
        ctx.shared["attribution.quotes"] = cached
    return cached


def _prev_word(det: Detector, i: int) -> Token | None:
    tokens = det.tokens
    j = i - 1
    while j >= 0 and tokens[j].kind is not _WORD:
        j -= 1
    return tokens[j] if j >= 0 and det.sentence_of[j] == det.sentence_of[i] else None


def _document_subject(det: Detector, i: int, words: _Words) -> bool:
    """Return True when the verb at token i has a written record as its subject.

    "The indictment says" and "the report also says" are the present tense of
    a text that still says it, not a tense chosen for reporting speech.
    """
    sentence_of = det.sentence_of
    sentence = sentence_of[i]
    j = i - 1
    while j >= 0 and sentence_of[j] == sentence:
        tok = det.tokens[j]
        if tok.kind is _WORD and tok.norm not in words.document_adverbs:
            return tok.norm in words.document_subjects
        j -= 1
    return False


def _attribution_position(doc: Document, det: Detector, i: int) -> bool:
    """Return True when the verb at token i attributes a quotation or a claim.

    ``"...," he claimed`` and ``claimed Mr X`` after a quotation, and a verb
    followed by "that", a colon or a quotation mark all count. "He admitted
    the charge" (a plain object) does not.
    """
    tokens, sentence_of = det.tokens, det.sentence_of
    sentence = sentence_of[i]
    # After a quotation: only a subject (a name or pronoun) and commas between.
    j = i - 1
    steps = 0
    words = _words()
    while j >= 0 and sentence_of[j] == sentence and steps < 6:
        t = tokens[j]
        if t.text in _QUOTE_CLOSERS and doc.in_quote(t.start):
            return True
        if t.kind is _WORD and (t.norm in words.speech or t.norm in ("and", "but", "or")):
            break  # another clause: '"...," he said and claimed'
        j -= 1
        steps += 1
    if i + 1 < len(tokens) and sentence_of[i + 1] == sentence:
        nxt = tokens[i + 1]
        if nxt.norm == "that" or nxt.text == ":" or nxt.text in _QUOTE_OPENERS:
            return True
        if nxt.text == "," and i + 2 < len(tokens):
            after = tokens[i + 2]
            if after.text in _QUOTE_OPENERS or doc.in_quote(after.start):
                return True
    return False


# -- NL301 --------------------------------------------------------------------


class NameVariant(Rule):
    """Flag a surname spelt differently from the rest of the story.

    ## What it flags
    A mention of a person whose spelling is one slip (a dropped, doubled,
    extra or swapped letter; a changed letter in longer names) away from a
    name the story uses more often: "Donfreid" in a story about Karen
    Donfried, "Mr Marran" beside "Mr Maran". Inside quotations too.

    ## Why
    A misspelt name is the commonest correction newspapers print. The
    majority spelling is usually the right one; the odd one out is the slip.
    Two people with close names (Sheila Bair and Tony Blair) are told apart
    by their given names and are not flagged.

    ## Example
    Karen Donfried, the assistant secretary, spoke first. Donfreid said ...

    ## Use instead
    The majority spelling: Donfried. Check it against the source.
    """

    code = "NL301"
    name = "name-variant"
    category = Category.ATTRIBUTION
    summary = "A name spelt differently from its other mentions in the story."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    fixable = True
    in_quotes = True
    examples = (
        Example(
            "Karen Donfried, the assistant secretary, spoke on Tuesday. Donfried said talks "
            "would start soon. Donfreid added that the date was open.",
            expect=("Donfreid",),
        ),
        Example(
            "Mr Blair met Sheila Bair, the regulator. Ms Bair said Mr Blair was right.",
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each minority spelling with the majority as related span."""
        for v in _variants(ctx):
            s, e = v.majority_span
            uses = f"{v.majority_count} time{'s' if v.majority_count != 1 else ''}"
            ctx.report(
                v.start,
                v.end,
                f"'{v.form}' looks like a misspelling of '{v.majority}' "
                f"(spelt '{v.majority}' {uses} in this story).",
                suggestions=[v.majority],
                fix=ctx.replace(v.start, v.end, v.majority, safe=False),
                related=[ctx.related(s, e, f"spelt '{v.majority}' here")],
                data={"kind": v.kind},
            )


# -- NL302, NL303 ---------------------------------------------------------------


class SurnameBeforeIntroduction(Rule):
    """Flag a surname-only reference that comes before the person's full name.

    ## What it flags
    "Donfried said ..." in the third paragraph when "Karen Donfried, assistant
    secretary of State" only appears in the fifth. Headlines, captions and
    quotations are exempt.

    ## Why
    Readers meet a person by full name (and usually title) first; a bare
    surname before that reads as a reference to someone already introduced,
    and often means paragraphs were moved.

    ## Example
    Donfried said talks would begin in January. ... Karen Donfried, assistant
    secretary of State, told reporters ...

    ## Use instead
    Give the full name (and title) at the first mention and the surname after.
    """

    code = "NL302"
    name = "surname-before-introduction"
    category = Category.ATTRIBUTION
    summary = "A surname used before the person's full name is introduced."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Officials met on Monday.\n\nDonfried said talks would start soon.\n\n"
            "Karen Donfried, the assistant secretary, spoke to reporters.",
            expect=("Donfried",),
        ),
        Example(
            "Karen Donfried, the assistant secretary, spoke on Monday.\n\n"
            "Donfried said talks would start soon."
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the first early surname mention of each person."""
        doc = ctx.doc
        people = people_of(ctx)
        variant_starts = {v.start for v in _variants(ctx)}
        for person in people.persons:
            intro = person.introduction
            if intro is None:
                continue
            for m in person.names:
                if m.start >= intro.start:
                    break
                if m.kind != "surname" or m.headline or not _is_body(doc, m.paragraph):
                    continue
                if m.start in variant_starts or doc.in_quote(m.start):
                    continue
                if m.evidence in ("title", "peerage") or m.honorific.casefold() in _PEERS:
                    continue  # "President Bush", "Lord Goldsmith": accepted first references
                if m.evidence == "known" and not _speaks(people, m):
                    continue  # a bare word may name a firm or a family: "Ford, the car maker"
                ctx.report(
                    m.start,
                    m.end,
                    f"'{m.text}' is used before {person.canonical} is introduced by full name.",
                    suggestions=[person.canonical],
                    related=[ctx.related(intro.start, intro.end, "introduced here")],
                )
                break


def _speaks(people: People, m: Mention) -> bool:
    """Return True when a speech verb follows the mention ("Donfried said")."""
    tokens = people.detector.tokens
    i = bisect.bisect_left(people.token_starts, m.end)
    if i == len(tokens):
        return False
    tok = tokens[i]
    return tok.kind is _WORD and tok.norm in ("said", "says", "told", "added")


class UnintroducedSurname(Rule):
    """Note a courtesy-title surname that matches no one introduced in the story.

    ## What it flags
    "Mr Smith said ..." when no Smith is named in full anywhere in the story.

    ## Why
    A reader cannot tell who Mr Smith is. It often means the introduction was
    cut, or that the surname is a misspelling of someone who was introduced.

    ## Example
    Mr Smith said the plant would close.

    ## Use instead
    Introduce the person by full name and title at first mention: "John
    Smith, the plant's manager, said ..."
    """

    code = "NL303"
    name = "unintroduced-surname"
    category = Category.ATTRIBUTION
    summary = "A surname that matches no one introduced by full name."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    examples = (
        Example("Mr Haskett said the plant would close.", expect=("Haskett",)),
        Example("Jim Haskett, the manager, spoke. Mr Haskett said the plant would close."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the first mention of each surname-only person."""
        doc = ctx.doc
        variant_starts = {v.start for v in _variants(ctx)}
        for person in people_of(ctx).persons:
            names = person.names
            if not names or any(m.kind == "full" for m in names):
                continue
            first = next((m for m in names if not m.headline and _is_body(doc, m.paragraph)), None)
            if first is None or first.kind != "surname":
                continue
            if first.evidence != "honorific" or first.honorific.casefold() in _PEERS:
                continue  # "Lord Woolf" is a peer's full style
            if first.start in variant_starts:
                continue
            if any(m.start in variant_starts for m in names):
                continue
            ctx.report(
                first.start,
                first.end,
                f"'{first.text}' is not introduced by full name anywhere in the story.",
            )


# -- NL304 ----------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _title_parts(title: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Return (head words, rank words, domain words) of a title."""
    lex = lexicon()
    words = [w.strip(".,'\u2019").casefold() for w in title.replace("-", " ").split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    ranks = frozenset(w for w in words if w in lex.rank_modifiers)
    domains = frozenset(w for w in words if w in lex.title_prefixes and w not in lex.rank_modifiers)
    heads = frozenset(
        w
        for w in words
        if (w in lex.formal_titles or w in lex.person_nouns)
        and w not in lex.rank_modifiers
        and w not in lex.title_prefixes
    )
    return heads, ranks, domains


def _titles_conflict(a: str, b: str) -> bool:
    ha, ra, da = _title_parts(a)
    hb, rb, db = _title_parts(b)
    if not ha or not hb or not (ha & hb):
        return False
    if ra != rb:
        return True
    return bool(da and db and not (da <= db or db <= da))


class TitleDrift(Rule):
    """Flag one person given conflicting titles in the same story.

    ## What it flags
    "Deputy Secretary of State Wendy Sherman" and later "Sherman, the
    Secretary of State": the same post named with a different rank (deputy,
    assistant, acting, former, vice ...) or a different department (Foreign
    Secretary / Home Secretary).

    ## Why
    A title that drifts is a factual error about who holds what office, and
    a common correction.

    ## Example
    Deputy Secretary of State Wendy Sherman said ... Secretary of State
    Sherman added ...

    ## Use instead
    Check the title and use it consistently.
    """

    code = "NL304"
    name = "title-drift"
    category = Category.ATTRIBUTION
    summary = "One person given conflicting titles in the same story."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Secretary of State Wendy Sherman arrived on Monday. "
            "Later, Deputy Secretary of State Wendy Sherman said talks were over.",
            expect=("Deputy Secretary of State",),
        ),
        Example("Russian President Vladimir Putin spoke. President Vladimir Putin said more."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Compare each person's titles pairwise and report the later conflicting one."""
        for person in people_of(ctx).persons:
            # The first mention with each title: a title met again clashes
            # (or not) with the same earlier ones.
            seen: dict[str, Mention] = {}
            for m in person.names:
                if not m.title or m.title_start < 0:
                    continue
                clash = next((p for p in seen.values() if _titles_conflict(p.title, m.title)), None)
                if clash is not None:
                    ctx.report(
                        m.title_start,
                        m.title_end,
                        f"{person.canonical} is '{' '.join(clash.title.split())}' earlier "
                        f"but '{' '.join(m.title.split())}' here.",
                        related=[
                            ctx.related(clash.title_start, clash.title_end, "first title here")
                        ],
                    )
                    continue
                seen.setdefault(m.title, m)


# -- NL305, NL306, NL307 -----------------------------------------------------


class UnbalancedQuotationMark(Rule):
    """Flag a quotation mark that closes nothing or opens a quote never closed.

    ## What it flags
    A closing mark with no opening one, and an opening mark whose quotation
    runs to the end of the paragraph without closing, unless the next
    paragraph opens with a quotation mark (the running-quote convention, where
    a quote carries on into the next paragraph), or the quote reopens after a
    full stop within the paragraph.

    ## Why
    An unbalanced mark leaves the reader unsure where the speaker's words end
    and the reporter's begin, which is an attribution error.

    ## Example
    He said the plan was "unworkable and would be dropped.

    ## Use instead
    Close the quotation where the speaker's words end.
    """

    code = "NL305"
    name = "unbalanced-quotation-mark"
    category = Category.ATTRIBUTION
    summary = "A quotation mark that opens or closes nothing."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    in_quotes = True
    examples = (
        Example('He said the plan was "unworkable.', expect=('"',)),
        Example('"The first part.\n\n"The second part," he said.'),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each stray mark."""
        for mark in ctx.doc.stray_quote_marks:
            if mark.reason == "quotation never closed":
                msg = "Quotation opened here is never closed."
            else:
                msg = "Closing quotation mark with no opening mark."
            ctx.report(mark.offset, mark.offset + len(mark.mark), msg)


def _looks_like_title(doc: Document, q: _QuoteInfo) -> bool:
    """Return True for a quoted title of a work ("Everything In This Country Must")."""
    raw = doc.text[q.start : q.end]
    caps = [w for w in raw.split() if w[:1].isalpha()]
    upper = [w for w in caps if w[:1].isupper()]
    return len(caps) >= 2 and len(upper) * 3 >= len(caps) * 2


class UnattributedQuote(Rule):
    """Flag a direct quotation with no speaker in its sentence or the ones around it.

    ## What it flags
    A quoted sentence (one that opens its sentence, four words or more) with
    no speech verb ("said", "told", "added" ...), colon introduction or
    "according to" in its own sentence, the sentence before or the sentence
    after. A credit line opening with a dash under a pull quote ("— Council
    leader Ana Ruiz") attributes it. Running quotes that continue over
    paragraphs count as one quotation, a quotation that follows an
    attributed one within a few sentences is taken to be the same speaker's,
    and one that follows a sentence about one person the story quotes
    elsewhere (by name or by a pronoun the people model ties to them) is
    taken to be that person's.
    Words quoted inside the
    reporter's own sentence ("described the plan as "a recipe for delay"")
    are not flagged. Option `min_words` (default 4).

    ## Why
    Every quotation needs a speaker; a floating quote is the reporter's word
    against nobody's.

    ## Example
    The council met on Monday. "We will not close the library under any
    circumstances." The budget passed.

    ## Use instead
    Attribute it: "We will not close the library," the council leader said.
    """

    code = "NL306"
    name = "unattributed-quote"
    category = Category.ATTRIBUTION
    summary = "A direct quotation with no speaker nearby."
    severity = Severity.WARNING
    scope = Scope.DOCUMENT
    in_quotes = True
    option_defaults: ClassVar[Mapping[str, Any]] = {"min_words": 4}
    examples = (
        Example(
            "The council met on Monday.\n\n"
            '"We will not close the library under any circumstances."\n\n'
            "The budget passed by nine votes.",
            expect=('"We will not close the library under any circumstances."',),
        ),
        Example('"We will not close the library," the council leader said.'),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each quotation that nothing attributes."""
        doc = ctx.doc
        min_words = int(self.options["min_words"])
        for q in _quotes(ctx).quotes:
            if q.attributed or len(q.words) < min_words or q.paragraph < 0:
                continue
            if not q.opens_sentence:
                continue  # words worked into the reporter's sentence
            if not _is_body(doc, q.paragraph):
                continue
            if _looks_like_title(doc, q):
                continue
            first = q.parts[0]
            ctx.report(
                first.start,
                first.end,
                "Direct quotation with no speaker in this or the neighbouring sentences.",
            )


class QuoteTwoSpeakers(Rule):
    """Flag one quotation credited to two different people.

    ## What it flags
    The same quoted words (six or more) attributed to one named person in
    one place and to another elsewhere in the story.

    ## Why
    One of the attributions is wrong, and putting words in the wrong mouth is
    among the most serious errors a story can make.

    ## Example
    "We will not back down," Smith said. ... "We will not back down," Jones
    said.

    ## Use instead
    Check the notes or recording and credit the quotation to its speaker.
    """

    code = "NL307"
    name = "quote-two-speakers"
    category = Category.ATTRIBUTION
    summary = "The same quotation credited to two different speakers."
    severity = Severity.ERROR
    scope = Scope.DOCUMENT
    in_quotes = True
    option_defaults: ClassVar[Mapping[str, Any]] = {"min_words": 6}
    examples = (
        Example(
            'Anne Ridley, the mayor, spoke first. "We will not close a single library '
            'this year," Ridley said.\n\nTom Okafor, the council leader, disagreed. '
            "\u201cWe will not close a single library this year,\u201d Okafor said later.",
            expect=("\u201cWe will not close a single library this year,\u201d",),
        ),
        Example(
            'Anne Ridley, the mayor, spoke first. "We will not close a single library '
            'this year," Ridley said. Later she repeated it: "We will not close a single '
            'library this year."'
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the later of two identical quotations with different speakers."""
        analysis = _quotes(ctx)
        people = analysis.people
        min_words = int(self.options["min_words"])
        first_by_text: dict[tuple[str, ...], _QuoteInfo] = {}
        for q in analysis.quotes:
            if len(q.words) < min_words:
                continue
            key = tuple(q.words)
            earlier = first_by_text.get(key)
            if earlier is None:
                if q.speaker >= 0:
                    first_by_text[key] = q
                continue
            if q.speaker < 0 or q.speaker == earlier.speaker:
                continue
            a = people.persons[earlier.speaker].canonical
            b = people.persons[q.speaker].canonical
            ctx.report(
                q.parts[0].start,
                q.parts[0].end,
                f"This quotation is credited to {b} here but to {a} earlier.",
                related=[ctx.related(earlier.start, earlier.parts[0].end, f"credited to {a}")],
            )


# -- NL308, NL309, NL310 ----------------------------------------------------------


class LoadedAttributionVerb(Rule):
    """Note a loaded verb ("claimed", "admitted", "insisted") where "said" belongs.

    ## What it flags
    Verbs that take sides, used to attribute a quotation or a statement:
    "claimed", "admitted", "conceded", "insisted", "noted", "stated",
    "declared", "revealed" ... when a quotation comes right before them
    (``"...," he claimed``) or they introduce one (``insisted that``,
    ``admitted:``). "He admitted the charge" is not attribution and is not
    flagged. The word table is in ``rules/data/attribution.toml``.

    ## Why
    "Claimed" suggests the reporter doubts the speaker, "admitted" that the
    speaker confessed to something, "noted" that the reporter agrees. "Said"
    is neutral, and wire style uses it unless the other verb is the news.

    ## Example
    "The figures are wrong," the minister claimed.

    ## Use instead
    "The figures are wrong," the minister said.
    """

    code = "NL308"
    name = "loaded-attribution-verb"
    category = Category.ATTRIBUTION
    summary = "A loaded verb ('claimed', 'admitted') used for attribution."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    fixable = True
    examples = (
        Example('"The figures are wrong," the minister claimed.', expect=("claimed",)),
        Example("He admitted the charge and was fined."),
        Example("Smith insisted that the plant would stay open.", expect=("insisted",)),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report each loaded verb in attribution position."""
        doc = ctx.doc
        det = people_of(ctx).detector
        loaded = _words().loaded
        hits = sorted(i for verb in det.spelt_among(loaded) for i in det.positions(verb))
        for i in hits:
            tok = det.tokens[i]
            neutral = loaded[tok.norm]
            if det.headline[i] or doc.in_quote(tok.start):
                continue
            if not _attribution_position(doc, det, i):
                continue
            before = _prev_word(det, i)
            if before is not None and before.norm in ("who", "which", "that"):
                continue  # "a firm which claimed that ...": a claim reported, not a quote
            replacement = _match_case(neutral, tok.text)
            ctx.report(
                tok.start,
                tok.end,
                f"'{tok.text}' takes sides in attribution; '{replacement}' is neutral.",
                suggestions=[replacement],
                fix=ctx.replace(tok.start, tok.end, replacement, safe=False),
            )


def _match_case(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


class SaidSaysMix(Rule):
    """Note a story that reports with both "said" and "says".

    ## What it flags
    Attribution in two tenses in one story: most quotes "said", a few
    "says" (or the other way round). Each minority use is noted. A written
    record that still says what it says ("the indictment says", "the report
    also says") is not reporting speech and is not counted.

    ## Why
    News stories attribute in the past tense ("said"); features often use
    the present ("says"). Mixing them makes the timeline wobble.

    ## Example
    "We are ready," Smith said. ... "It will be close," Jones says.

    ## Use instead
    Pick one tense for the story, usually "said".
    """

    code = "NL309"
    name = "said-says-mix"
    category = Category.ATTRIBUTION
    summary = "A story that attributes with both 'said' and 'says'."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    examples = (
        Example(
            '"We are ready," Smith said. "We trained hard," Smith said. '
            '"It will be close," Jones says.',
            expect=("says",),
        ),
        Example('"We are ready," Smith said. "It will be close," Jones said.'),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report the minority tense's uses."""
        doc = ctx.doc
        words = _words()
        det = people_of(ctx).detector

        def uses(verbs: frozenset[str]) -> list[Token]:
            out = []
            for i in sorted(i for v in verbs for i in det.positions(v)):
                tok = det.tokens[i]
                if (
                    det.headline[i]
                    or not _is_body(doc, det.paragraph_of[i])
                    or doc.in_quote(tok.start)
                ):
                    continue
                if _document_subject(det, i, words):
                    continue
                out.append(tok)
            return out

        past = uses(words.past)
        present = uses(words.present) if past else []
        if not past or not present:
            return
        minority, majority = (present, past) if len(present) <= len(past) else (past, present)
        major = majority[0]
        for tok in minority:
            ctx.report(
                tok.start,
                tok.end,
                f"'{tok.text}' here, but the story mostly attributes with '{major.text}'.",
                suggestions=[_match_case(major.norm, tok.text)],
                related=[ctx.related(major.start, major.end, f"'{major.text}' here")],
            )


class AnonymousSource(Rule):
    """Note an anonymous source quoted with no reason for the anonymity.

    ## What it flags
    "Officials said", "a source close to the talks said", "according to
    people familiar with the matter" when neither that sentence nor the next
    says why the source is not named ("speaking on condition of anonymity
    because ...", "who was not authorised to speak publicly").

    ## Why
    Reuters, AP and BBC guidance let reporters grant anonymity only for a
    reason and ask them to tell readers the reason.

    ## Example
    The deal is worth $2bn, a source close to the talks said.

    ## Use instead
    The deal is worth $2bn, said a source close to the talks, who asked not
    to be named because the negotiations are private.
    """

    code = "NL310"
    name = "anonymous-source"
    category = Category.ATTRIBUTION
    summary = "An anonymous source with no reason given for anonymity."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "The deal is worth $2bn, a source close to the talks said.",
            expect=("a source close",),
        ),
        Example(
            "The deal is worth $2bn, a source close to the talks said on condition of "
            "anonymity because the negotiations are private."
        ),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report anonymous source phrases next to a speech verb."""
        doc = ctx.doc
        words = _words()
        for p in doc.paragraphs:
            if p.kind not in _BODY:
                continue
            sentences = p.sentences
            for si, s in enumerate(sentences):
                toks = [t for t in s.tokens if t.kind is _WORD]
                norms = [t.norm for t in toks]
                if not any(n in words.sources for n in norms):
                    continue
                for i in range(len(toks)):
                    if norms[i] not in words.sources:
                        continue
                    phrase = _source_at(norms, i, words.sources)
                    if phrase == 0:
                        continue
                    end = i + phrase
                    if doc.in_quote(toks[i].start):
                        continue
                    if end < len(norms) and norms[end] in words.attributable_after:
                        continue  # "a spokesman for the ministry"
                    before = norms[max(0, i - 2) : i]
                    if not (
                        _verb_follows(toks, end, words.anonymous_verbs, words.silent_when_negated)
                        or (before and before[-1] in ("said", "says", "told"))
                        or before == ["according", "to"]
                    ):
                        continue
                    context = s.text.casefold()
                    if si + 1 < len(sentences):
                        context += " " + sentences[si + 1].text.casefold()
                    if any(r in context for r in words.reasons):
                        continue
                    ctx.report(
                        toks[i].start,
                        toks[end - 1].end,
                        "Anonymous source with no reason given for the anonymity.",
                    )
                    break


def _verb_follows(
    toks: list[Token], k: int, verbs: frozenset[str], silent: frozenset[str] = frozenset()
) -> bool:
    """Return True when a speech verb follows the source phrase ending before token k.

    The phrase may run on ("a source close to the talks said"; "officials
    have said") for a few words, but not past a verb of another kind. A
    negated verb of disclosure ("officials could not confirm") reports that
    the source said nothing, so it is no anonymous claim.
    """
    negated = False
    for t in toks[k : k + 6]:
        if t.norm in verbs:
            return not (negated and t.norm in silent)
        if t.norm in ("who", "which", "that", "and", "but"):
            return False
        if t.norm in ("not", "never") or t.norm.endswith("n't"):
            negated = True
    return False


def _source_at(norms: list[str], i: int, sources: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    for phrase in sources.get(norms[i], ()):
        n = len(phrase)
        if tuple(norms[i : i + n]) == phrase:
            return n
    return 0


# -- NL311 ----------------------------------------------------------------------


class PronounMismatch(Rule):
    """Note a person referred to with conflicting pronouns.

    ## What it flags
    "Ms Taylor" followed by "he said" where Ms Taylor is the only person the
    pronoun can mean, or a person called "he" in one place and "she" in
    another.

    ## Why
    A wrong pronoun misidentifies the speaker, or shows that a quote was
    moved away from its speaker.

    ## Example
    Ms Taylor said sales had doubled. He added that the shops would stay open.

    ## Use instead
    Use the person's pronoun consistently, or name the other speaker.
    """

    code = "NL311"
    name = "pronoun-mismatch"
    category = Category.ATTRIBUTION
    summary = "One person referred to with conflicting pronouns."
    severity = Severity.INFO
    scope = Scope.DOCUMENT
    examples = (
        Example(
            "Ms Taylor said sales had doubled. He added that the shops would stay open.",
            expect=("He",),
        ),
        Example("Ms Taylor said sales had doubled. She added that the shops would stay open."),
    )

    def check(self, unit: Document, ctx: RuleContext) -> None:
        """Report pronouns that disagree with the person's courtesy title or majority."""
        people = people_of(ctx)
        for pronoun, antecedent in people.pronoun_conflicts:
            person = people.persons[antecedent.person]
            expected = "she" if pronoun.gender == "m" else "he"
            ctx.report(
                pronoun.start,
                pronoun.end,
                f"'{pronoun.text}' follows {antecedent.text}, who is '{expected}' elsewhere; "
                "check the pronoun or name the speaker.",
                related=[ctx.related(antecedent.start, antecedent.end, _label(person, antecedent))],
            )
        for person in people.persons:
            pronouns = [m for m in person.mentions if m.kind == "pronoun"]
            counts = Counter(m.gender for m in pronouns)
            if len(counts) < 2:
                continue
            expected = counts.most_common(1)[0][0]
            anchor = next(m for m in pronouns if m.gender == expected)
            for m in pronouns:
                if m.gender == expected:
                    continue
                ctx.report(
                    m.start,
                    m.end,
                    f"'{m.text}' here, but {person.canonical} is "
                    f"'{'he' if expected == 'm' else 'she'}' elsewhere.",
                    related=[ctx.related(anchor.start, anchor.end, _label(person, anchor))],
                )


def _label(person: Person, m: Mention) -> str:
    return f"{person.canonical} ({m.text})"


RULES: tuple[type[Rule], ...] = (
    NameVariant,
    SurnameBeforeIntroduction,
    UnintroducedSurname,
    TitleDrift,
    UnbalancedQuotationMark,
    UnattributedQuote,
    QuoteTwoSpeakers,
    LoadedAttributionVerb,
    SaidSaysMix,
    AnonymousSource,
    PronounMismatch,
)
