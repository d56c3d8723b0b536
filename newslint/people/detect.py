"""Find person mentions in a document's tokens.

A mention is a run of capitalised name words ("Karen Donfried", "J.D. Vance",
"Bill de Blasio", "Ocasio-Cortez") with what marks it as a person's: a
courtesy title before it ("Mr Maran"), a formal title ("NATO Secretary
General Jens Stoltenberg"), a job noun ("striker Carlos Tevez"), an
appositive after it ("Karen Donfried, assistant secretary of State"), a
known given name, or a speech verb. Runs never cross a paragraph and may
cross a line break. Offsets are prose-view offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter

import regex

from newslint.document import BlockKind, Document, Token, TokenKind
from newslint.people.lexicon import Lexicon, lexicon

_INITIALS_RE = regex.compile(r"^(?:\p{Lu}\.)+\p{Lu}?$")
_APOSTROPHES = "'\u2019"
_CONNECTORS = frozenset({"of", "for", "and", "&"})
_DETERMINERS = frozenset({"the", "a", "an"})
_HEADLINE_KINDS = frozenset({BlockKind.HEADLINE, BlockKind.SUBHEAD})

# Evidence a mention may carry: "honorific", "title", "noun", "appositive",
# "given" (a known given name), "peerage" ("Lord Roberts of Conwy") and, from
# the second pass, "known" (a surname already proven elsewhere).


@dataclass(slots=True)
class Tok:
    """A token with its place in the document."""

    token: Token
    paragraph: int
    sentence: int  # document-wide sentence index
    initial: bool  # first word of its sentence
    headline: bool  # in a headline or subhead


@dataclass(slots=True)
class Mention:
    """One mention of a person (prose-view offsets of the name itself)."""

    start: int
    end: int
    text: str
    kind: str  # "full" | "surname" | "given" | "pronoun"
    given: str  # given name as written ("" when absent)
    surname: str  # surname as written, particles included ("de Blasio")
    surname_start: int
    surname_end: int
    honorific: str  # "Mr", "Lady" ... ("" when absent)
    gender: str  # "m", "f" or ""
    title: str  # title as written ("" when absent)
    title_start: int
    title_end: int
    evidence: str
    paragraph: int
    sentence: int
    headline: bool
    possessive: bool
    person: int = -1  # index into People.persons once grouped

    @property
    def key(self) -> str:
        """Return the grouping key: the last surname word, case-folded."""
        last = self.surname.split()[-1] if self.surname else ""
        return last.casefold()

    @property
    def first(self) -> str:
        """Return the first name word, case-folded (for family-name-first order)."""
        return self.given.casefold()


def strip_possessive(text: str) -> tuple[str, bool]:
    """Return ``text`` without a trailing possessive ``'s`` and whether it had one."""
    if len(text) > 2 and text[-2] in _APOSTROPHES and text[-1] in "sS":
        return text[:-2], True
    return text, False


@dataclass(slots=True)
class Layout:
    """A document's tokens and their places, as parallel lists (one entry per token).

    Lists built by slicing and repetition cost a fraction of an object per
    token; the detector and the rules read only the few entries they need.
    """

    tokens: list[Token]
    texts: list[str]
    starts: list[int]
    paragraph: list[int]
    sentence: list[int]  # document-wide sentence index
    initial: list[bool]  # first word of its sentence
    headline: list[bool]  # in a headline or subhead


def layout(doc: Document) -> Layout:
    """Return the document's tokens with paragraph and sentence positions.

    A token belongs to the first sentence of its paragraph ending after the
    token's start; tokens after the paragraph's last sentence belong to the
    last sentence seen so far.
    """
    tokens: list[Token] = []
    starts: list[int] = []
    paragraph: list[int] = []
    sentence_of: list[int] = []
    headline: list[bool] = []
    firsts: list[int] = []
    word = TokenKind.WORD
    sentence = 0
    for p in doc.paragraphs:
        toks = p.tokens
        n = len(toks)
        base = len(tokens)
        p_starts = list(map(_START, toks))
        tokens += toks
        starts += p_starts
        paragraph += [p.index] * n
        headline += [p.kind in _HEADLINE_KINDS] * n
        k = 0
        for s in p.sentences:
            end = bisect.bisect_left(p_starts, s.end, k)
            sentence_of += [sentence] * (end - k)
            first = k
            while first < end and toks[first].kind is not word:
                first += 1
            if first < end:
                firsts.append(base + first)
            k = end
            sentence += 1
        sentence_of += [max(sentence - 1, 0)] * (n - k)  # after the last sentence (rare)
    initial = [False] * len(tokens)
    for f in firsts:
        initial[f] = True
    texts = list(map(_TEXT, tokens))
    return Layout(tokens, texts, starts, paragraph, sentence_of, initial, headline)


_START = attrgetter("start")
_TEXT = attrgetter("text")


def flatten(doc: Document) -> list[Tok]:
    """Return the document's tokens with paragraph and sentence positions, one object each."""
    return _toks(layout(doc))


def _toks(lay: Layout) -> list[Tok]:
    return list(map(Tok, lay.tokens, lay.paragraph, lay.sentence, lay.initial, lay.headline))


# A word's case-folded form without a possessive: remembered across documents.
_LOWER_CACHE: dict[str, str] = {}

# A word's name class depends only on its text and the lexicon: remembered
# across documents, since most words recur from story to story.
_CLASS_CACHE: dict[str, str | None] = {}
_CLASS_CACHE_LEXICON: list[Lexicon] = []


def _class_cache(lex: Lexicon) -> dict[str, str | None]:
    """Return the word -> name class memo for ``lex`` (emptied for another lexicon)."""
    if not _CLASS_CACHE_LEXICON or _CLASS_CACHE_LEXICON[0] is not lex:
        _CLASS_CACHE_LEXICON[:] = [lex]
        _CLASS_CACHE.clear()
    elif len(_CLASS_CACHE) > 100_000:
        _CLASS_CACHE.clear()
    return _CLASS_CACHE


def name_classes(lay: Layout, lex: Lexicon) -> list[str | None]:
    """Return each token's name class (None for lower-case words and non-words).

    The distinct texts not met before are classified once; then every token
    is looked up in one pass, and only the tokens with a class are checked
    for being words.
    """
    known = _class_cache(lex)
    for text in set(lay.texts).difference(known):
        known[text] = classify_word(text, lex)
    classes = list(map(known.__getitem__, lay.texts))
    tokens = lay.tokens
    word = TokenKind.WORD
    for i in compress(range(len(classes)), classes):
        if tokens[i].kind is not word:
            classes[i] = None
    return classes


def classify_word(text: str, lex: Lexicon) -> str | None:
    """Return a word's name class: "cap", "initial", "particle", "honorific", "calendar" or None."""
    if not text[0].isupper():
        if text in lex.particles:
            return "particle"
        if "-" in text:
            head, _, rest = text.partition("-")
            if head in lex.particles and rest[:1].isupper():
                return "cap"  # al-Assad
        return None
    text, _ = strip_possessive(text)
    low = text.casefold()
    if low in lex.honorifics:
        return "honorific"
    if low in lex.calendar_words:
        return "calendar"
    if low in lex.stop_words:
        return None
    # Initials have a dot second ("J.D."): only such words go to the pattern.
    if (text[1:2] == "." and _INITIALS_RE.match(text)) or (len(text) == 1 and text.isalpha()):
        if low in lex.not_initials or low.replace(".", "") in lex.stop_words:
            return None
        return "initial"
    # A capital followed by lower case only ("Smith") has no second capital
    # letter, so it is no acronym: only other words are checked letter by letter.
    if not text[1:].islower():
        letters = [c for c in text if c.isalpha()]
        if len(letters) > 1 and all(c.isupper() for c in letters):
            return None  # an acronym: NATO, BBC
    if "-" in text and any(part[:1].islower() for part in text.split("-")[1:]):
        return None  # "Kong-based", "Wal-mart"
    return "cap"


def _sentence_ranges(order: list[int], ranges: dict[int, tuple[int, int]]) -> None:
    """Fill ``ranges``: sentence -> (its first token index, its last index + 1).

    ``order`` is each token's sentence. Tokens come in sentence order, so each
    sentence's run is found by bisection instead of a dictionary update per token.
    """
    if order != sorted(order):  # never expected; the per-token way still holds
        for i, s in enumerate(order):
            first = ranges.get(s)
            ranges[s] = (i, i + 1) if first is None else (first[0], i + 1)
        return
    i, n = 0, len(order)
    while i < n:
        end = bisect.bisect_right(order, order[i], i)
        ranges[order[i]] = (i, end)
        i = end


def _indices(texts: list[str], text: str) -> list[int]:
    """Return the indices of the entries of ``texts`` equal to ``text``, in order."""
    found: list[int] = []
    i = -1
    try:
        while True:
            i = texts.index(text, i + 1)
            found.append(i)
    except ValueError:
        return found


class Detector:
    """Scan a document for person mentions.

    Tokens are read through parallel lists (``tokens``, ``paragraph_of``,
    ``sentence_of``, ``initial``, ``headline``, ``starts``): the scan visits
    only the tokens with a name class.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex: Lexicon = lexicon()
        lay = layout(doc)
        self.layout = lay
        self.tokens = lay.tokens
        self.texts = lay.texts
        self.starts = lay.starts
        self.paragraph_of = lay.paragraph
        self.sentence_of = lay.sentence
        self.initial = lay.initial
        self.headline = lay.headline
        self.sentence_range: dict[int, tuple[int, int]] = {}
        _sentence_ranges(lay.sentence, self.sentence_range)
        self.classes = name_classes(lay, self.lex)
        self.candidates = list(compress(range(len(self.classes)), self.classes))
        # Token texts and where each asked-for text occurs, found on demand:
        # the rules ask for a handful of words ("he", "said"), so indexing
        # every token up front cost more than finding those few.
        self._spellings: set[str] | None = None
        self._found: dict[str, list[int]] = {}
        self._toks: list[Tok] | None = None
        self.mentions: list[Mention] = []
        # Single capitalised words with no evidence, kept for the second pass.
        self.bare: list[tuple[int, int]] = []  # (tok index start, end) of weak runs
        self._title_cache: dict[int, bool] = {}
        # Job nouns before single words, kept for the second pass.
        self.noun_titles: dict[int, tuple[str, int, int]] = {}

    @property
    def toks(self) -> list[Tok]:
        """Return one :class:`Tok` per token (built on first use; the scan needs none)."""
        if self._toks is None:
            self._toks = _toks(self.layout)
        return self._toks

    def _spelt(self) -> set[str]:
        """Return the set of the token texts (built on first use)."""
        if self._spellings is None:
            self._spellings = set(self.texts)
        return self._spellings

    def _where(self, text: str) -> list[int]:
        """Return the indices of the tokens (of any kind) spelt ``text``, in order (remembered)."""
        found = self._found.get(text)
        if found is None:
            found = _indices(self.texts, text) if text in self._spelt() else []
            self._found[text] = found
        return found

    def positions(self, word: str) -> list[int]:
        """Return the indices of the word tokens spelt ``word`` (a lower-case word).

        The list is the detector's own: read it, do not change it.
        """
        found = self._where(word)
        if not found or word[0].isupper() or "-" in word or word in self.lex.particles:
            return []  # only plain lower-case words are looked up
        if word.isalpha():
            return found  # the tokenizer makes every run of letters a word
        tokens = self.tokens
        kind = TokenKind.WORD
        return [i for i in found if tokens[i].kind is kind]

    def spelt_among(self, words: Iterable[str]) -> set[str]:
        """Return those of ``words`` that some token is spelt as (one set operation)."""
        return self._spelt().intersection(words)

    def occurrences(self, texts: Iterable[str]) -> list[int]:
        """Return the indices of the tokens (of any kind) spelt as one of ``texts``, in order."""
        return sorted(i for text in texts for i in self._where(text))

    # -- token classes -------------------------------------------------
    def _word(self, i: int) -> Token | None:
        if 0 <= i < len(self.tokens):
            t = self.tokens[i]
            if t.kind is TokenKind.WORD:
                return t
        return None

    def name_class(self, i: int) -> str | None:
        """Return "cap", "initial", "particle", "honorific", "calendar" or None."""
        if 0 <= i < len(self.classes):
            return self.classes[i]
        return None

    def gap_ok(self, a: int, b: int) -> bool:
        """Return True when tokens a and b (a < b) are joined by blanks or an initial's dot."""
        if self.paragraph_of[a] != self.paragraph_of[b]:
            return False
        gap = self.text[self.tokens[a].end : self.starts[b]]
        return gap.isspace() and gap.count("\n") <= 1

    # -- the scan --------------------------------------------------------
    def run(self) -> list[Mention]:
        """Return the mentions found by the first pass (evidence-bearing runs)."""
        classes = self.classes
        n = len(classes)
        done = 0  # tokens before this belong to runs already processed
        for i in self.candidates:
            if i < done:
                continue
            nxt = i + 1
            if (nxt == n or classes[nxt] is None) and classes[i] == "cap":
                # A capitalised word with no name word after it: a run of its own.
                self._process_single(i)
                done = nxt
                continue
            j = self._extend(i)
            self._process(i, j)
            done = max(j, nxt)
        return self.mentions

    def _extend(self, i: int) -> int:
        """Return the end (exclusive) of the name run starting at token i."""
        classes = self.classes
        texts = self.texts
        n = len(classes)
        j = i
        while True:
            cls = classes[j]
            nxt = j + 1
            # An initial or a short honorific may carry a dot: "J. Smith", "Mr. Smith".
            if (
                nxt < n
                and (cls == "initial" or cls == "honorific")
                and texts[nxt] == "."
                and self.starts[nxt] == self.tokens[j].end
            ):
                nxt += 1
            if _possessive(texts[j]):
                return j + 1
            if nxt < n and classes[nxt] is not None and self.gap_ok(nxt - 1, nxt):
                j = nxt
                continue
            return j + 1

    def _process(self, i: int, j: int) -> None:
        """Classify run tokens [i, j) and record a mention when it names a person."""
        if j == i + 1:
            self._process_single(i)
        else:
            self._process_run(i, j)

    def _process_single(self, i: int) -> None:
        """Do what :meth:`_process_run` does for a one-token run, with less work.

        Most runs are one capitalised word. No title, courtesy title, given
        name or appositive can prove one word a name in the first pass, so
        such a word is only kept for the second pass (with a job noun before
        it), unless it is a formal title alone; any other one-token class is
        trimmed away.
        """
        if self.classes[i] != "cap":
            return
        before = self._noun_before(i)
        if before is not None:
            self.noun_titles[i] = before
        if self.lower(i) in self.lex.formal_titles:
            return  # "the President": a title with no name
        self.bare.append((i, i + 1))

    def _process_run(self, i: int, j: int) -> None:
        """Classify run tokens [i, j) and record a mention when it names a person."""
        idx = [k for k in range(i, j) if self.tokens[k].kind is TokenKind.WORD]
        if not idx:
            return
        classes = [self.classes[k] for k in idx]
        # Honorific: the name follows the last one.
        hon_pos = -1
        if "honorific" in classes:
            hon_pos = len(classes) - 1 - classes[::-1].index("honorific")
        honorific = ""
        title_idx: list[int] = []
        if hon_pos >= 0:
            honorific = self.texts[idx[hon_pos]]
            title_idx = [k for k in idx[:hon_pos] if self.classes[k] == "cap"]
            name_idx = idx[hon_pos + 1 :]
            evidence = "honorific"
        else:
            name_idx = idx
            evidence = ""
            # A capitalised title at the head of the run: "Russian President Vladimir Putin".
            f = next(
                (
                    p
                    for p, k in enumerate(idx)
                    if self.lower(k) in self.lex.formal_titles and classes[p] == "cap"
                ),
                -1,
            )
            if f >= 0:
                e = f
                while e + 1 < len(idx) - 1 and self.lower(idx[e + 1]) in self.lex.formal_titles:
                    e += 1
                if e + 1 < len(idx) and self.lower(idx[e]) not in self.lex.title_prefixes:
                    title_idx = idx[: e + 1]
                    name_idx = idx[e + 1 :]
                    evidence = "title"
            if (
                not evidence
                and len(idx) >= 3
                and self.initial[idx[0]]
                and self.lower(idx[0]) in self.lex.person_nouns
            ):
                # A job noun capitalised at the start of a sentence: "Striker Carlos Tevez".
                title_idx = idx[:1]
                name_idx = idx[1:]
                evidence = "title"
        name_idx = self._trim(name_idx)
        while len(name_idx) >= 2 and self.lower(name_idx[0]) in self.lex.demonyms:
            # "Spaniard Conchita Martinez": the nationality describes the person.
            title_idx = [*title_idx, name_idx[0]]
            name_idx = name_idx[1:]
        if not name_idx:
            return
        headline = self.headline[name_idx[0]]
        words = [strip_possessive(self.texts[k])[0] for k in name_idx]
        lows = [w.casefold() for w in words]
        possessive = strip_possessive(self.texts[name_idx[-1]])[1]
        # Evidence from around the run.
        title_text, t_start, t_end = self._title_span(title_idx)
        if not evidence or evidence == "title":
            before = self._noun_before(name_idx[0] if not title_idx else title_idx[0])
            if before is not None:
                b_text, b_start, b_end = before
                if evidence == "title":
                    title_text = self.text[b_start:t_end]
                    t_start = b_start
                elif len(name_idx) >= 2:
                    title_text, t_start, t_end = b_text, b_start, b_end
                    evidence = "noun"
                else:
                    # "striker Rooney" is a surname once Rooney is known; "sister
                    # Xiluodu dam" and "rival Boeing" are not people.
                    self.noun_titles[name_idx[0]] = (b_text, b_start, b_end)
        appos = self._appositive(name_idx[-1])
        if appos is not None and len(name_idx) >= 1:
            a_kind, a_text, a_start, a_end = appos
            if a_kind == "noun" and (evidence in ("", "title", "given") or not title_text):
                if not title_text:
                    title_text, t_start, t_end = a_text, a_start, a_end
                if evidence in ("", "given"):
                    evidence = "appositive"
            elif a_kind == "who" and len(name_idx) >= 2 and not evidence:
                evidence = "appositive"
        non_person = any(w in self.lex.non_person_words for w in lows)
        if all(w in self.lex.formal_titles for w in lows):
            return  # "the Attorney General": a title with no name
        if evidence == "honorific" and len(lows) >= 2 and non_person:
            return  # "Imam Khomeini International Airport"
        if evidence == "appositive" and len(name_idx) == 1:
            evidence = ""  # "Separately, ..." is no person
        if not evidence and len(name_idx) >= 2 and lows[0] in self.lex.given_gender:
            evidence = "given"
        # A speech verb proves nothing on its own ("Highland Gold said"); a
        # full name is also accepted when its surname recurs alone (second pass).
        if evidence == "title" and non_person:
            evidence = ""
        if evidence == "given" and non_person:
            evidence = ""
        if headline and evidence not in ("honorific",) and self._title_case(name_idx[0]):
            # In a title-case headline every word is capitalised: only courtesy
            # titles prove a name there.
            evidence = ""
        if not evidence:
            self.bare.append((name_idx[0], name_idx[-1] + 1))
            return
        if evidence == "honorific" and honorific.casefold().rstrip(".") in _PEERS:
            # "Lord Roberts of Conwy": a peer's full style, an introduction of its own.
            of = self._word(name_idx[-1] + 1)
            place = self._word(name_idx[-1] + 2)
            if of is not None and of.text == "of" and place is not None and place.text[0].isupper():
                evidence = "peerage"
        if evidence == "title" and len(name_idx) == 1:
            last = self.lower(idx[len(title_idx) - 1]) if title_idx else ""
            if last in self.lex.title_prefixes:
                self.bare.append((name_idx[0], name_idx[-1] + 1))
                return
        self.record(name_idx, words, honorific, title_text, t_start, t_end, evidence, possessive)

    def _title_case(self, k: int) -> bool:
        """Return True when token k's paragraph capitalises most of its long words."""
        p = self.paragraph_of[k]
        cached = self._title_cache.get(p)
        if cached is None:
            words = [
                t.text
                for t in self.doc.paragraphs[p].tokens
                if t.kind is TokenKind.WORD and len(t.text) >= 4
            ]
            caps = sum(1 for w in words if w[0].isupper())
            cached = bool(words) and caps * 5 >= len(words) * 3
            self._title_cache[p] = cached
        return cached

    def _is_particle(self, k: int) -> bool:
        """Return True for "de", "bin" ... and a capitalised "De" that is no given name."""
        if self.classes[k] == "particle":
            return True
        low = self.lower(k)
        return low in self.lex.particles and low not in self.lex.given_gender

    def lower(self, k: int) -> str:
        """Return token k's text case-folded, without a possessive 's (remembered per text)."""
        text = self.texts[k]
        low = _LOWER_CACHE.get(text)
        if low is None:
            if len(_LOWER_CACHE) > 100_000:
                _LOWER_CACHE.clear()
            low = _LOWER_CACHE[text] = strip_possessive(text)[0].casefold()
        return low

    def _trim(self, name_idx: list[int]) -> list[int]:
        """Drop calendar words, particles and suffixes from the ends of a name."""
        lex = self.lex
        out = list(name_idx)
        while out and self.classes[out[0]] in ("calendar", "particle", "honorific"):
            if self.classes[out[0]] == "particle" and len(out) >= 2:
                break
            out.pop(0)
        while out:
            last = self.lower(out[-1])
            cls = self.classes[out[-1]]
            if cls == "calendar":
                # "Theresa May" keeps its month; "Donfried Tuesday" does not.
                prev = self.lower(out[-2]) if len(out) >= 2 else ""
                if prev in lex.given_gender and last not in _WEEKDAYS:
                    break
                out.pop()
                continue
            if cls in ("particle", "honorific", "initial") or (
                last.rstrip(".") in lex.suffixes and len(out) >= 2
            ):
                out.pop()
                continue
            break
        # A dotted initial or particle alone is no name.
        if out and all(self.classes[k] in ("initial", "particle") for k in out):
            return []
        return out

    def _title_span(self, title_idx: list[int]) -> tuple[str, int, int]:
        if not title_idx:
            return "", -1, -1
        start = self.tokens[title_idx[0]].start
        end = self.tokens[title_idx[-1]].end
        # "Secretary of State Colin Powell": reach back over "Secretary of".
        k = title_idx[0]
        while k >= 2:
            conn = self._word(k - 1)
            head = self._word(k - 2)
            if (
                conn is not None
                and head is not None
                and conn.text in _CONNECTORS
                and head.text.casefold() in self.lex.formal_titles
                and self.gap_ok(k - 2, k - 1)
                and self.gap_ok(k - 1, k)
            ):
                k -= 2
                start = head.start
                continue
            break
        # "NATO Secretary General": a capitalised qualifier the run left out.
        steps = 0
        while k >= 1 and steps < 2:
            w = self._word(k - 1)
            if (
                w is None
                or not w.text[0].isupper()
                or not self.gap_ok(k - 1, k)
                or w.text.casefold() in self.lex.stop_words
                or w.text.casefold() in self.lex.calendar_words
                or (
                    self.initial[k - 1]
                    and w.text.casefold() not in self.lex.formal_titles
                    and not w.text.isupper()
                )
            ):
                break
            k -= 1
            steps += 1
            start = w.start
        return self.text[start:end], start, end

    def _noun_before(self, k: int) -> tuple[str, int, int] | None:
        """Return the job-noun phrase right before token k ("Liverpool captain")."""
        p = k - 1
        t = self._word(p)
        if t is None or not t.text[0].islower():
            return None
        if t.text.casefold() not in self.lex.person_nouns or not self.gap_ok(p, k):
            return None
        start = t.start
        end = t.end
        q = p - 1
        steps = 0
        while q >= 0 and steps < 4:
            w = self._word(q)
            if w is None or not self.gap_ok(q, q + 1):
                break
            wl = w.text.casefold()
            if wl in self.lex.stop_words or wl in self.lex.speech_verbs:
                break
            if w.text[0].islower() and not (
                wl in self.lex.rank_modifiers
                or wl in self.lex.formal_titles
                or wl in self.lex.person_nouns
            ):
                break
            start = w.start
            q -= 1
            steps += 1
        return self.text[start:end], start, end

    def _appositive(self, k: int) -> tuple[str, str, int, int] | None:
        """Return ("noun"|"who", text, start, end) for an appositive after token k."""
        n = len(self.tokens)
        c = k + 1
        if c >= n or self.texts[c] != "," or self.paragraph_of[c] != self.paragraph_of[k]:
            return None
        q = c + 1
        first = self._word(q)
        if first is None:
            t = self.tokens[q] if q < n else None
            if (
                t is not None
                and t.kind is TokenKind.NUMBER
                and q + 1 < n
                and self.texts[q + 1] == ","
            ):
                return ("who", "", -1, -1)  # "John Smith, 45, said"
            return None
        fl = first.text.casefold()
        if fl in ("who", "whose", "aged"):
            return ("who", "", -1, -1)
        lex = self.lex
        if first.text[0].islower() and not (
            fl in _DETERMINERS
            or fl in lex.person_nouns
            or fl in lex.rank_modifiers
            or fl in lex.formal_titles
            or fl in lex.title_adjectives
        ):
            return None  # ", using an open letter from ..." is no appositive
        start = first.start
        end = first.end
        found = False
        steps = 0
        while q < n and steps < 8:
            t = self.tokens[q]
            if self.paragraph_of[q] != self.paragraph_of[k]:
                break
            if t.kind is not TokenKind.WORD:
                break
            low = strip_possessive(t.text)[0].casefold()
            if low in ("who", "which", "that", "said", "says", "told"):
                break
            if low in self.lex.person_nouns and (t.text[0].islower() or t.text.isupper()):
                found = True  # "assistant secretary", "CEO"
            elif found and t.text[0].islower() and low in self.lex.speech_verbs:
                break  # "chief executive officer" goes on; "manager said" stops
            end = t.end
            q += 1
            steps += 1
        if not found:
            return None
        # Carry the title to the next comma or full stop ("... for European Affairs,").
        while q < n and self.paragraph_of[q] == self.paragraph_of[k] and steps < 16:
            t = self.tokens[q]
            if t.kind is not TokenKind.WORD:
                break
            low = t.text.casefold()
            if low in ("who", "which", "that") or low in self.lex.speech_verbs:
                break
            end = t.end
            q += 1
            steps += 1
        return ("noun", self.text[start:end], start, end)

    def record(
        self,
        name_idx: list[int],
        words: list[str],
        honorific: str,
        title: str,
        t_start: int,
        t_end: int,
        evidence: str,
        possessive: bool,
    ) -> None:
        """Record the name tokens ``name_idx`` (written ``words``) as a mention."""
        lex = self.lex
        first = name_idx[0]
        start = self.starts[first]
        end = self.starts[name_idx[-1]] + len(words[-1])
        # Surname: the last word with the particles before it.
        s = len(name_idx) - 1
        while s > 0 and self._is_particle(name_idx[s - 1]):
            s -= 1
        surname_start = self.tokens[name_idx[s]].start
        surname = " ".join(words[s:])
        given = " ".join(words[:1]) if s > 0 else ""
        hon = honorific.casefold().rstrip(".")
        gender = lex.honorifics.get(hon, "")
        if s == 0 and hon in ("sir", "dame") and len(name_idx) == 1:
            # "Sir Alan" is a knight's given name, not his surname.
            kind = "given"
            given, surname = surname, ""
        else:
            kind = "full" if s > 0 else "surname"
        if not gender and given:
            gender = lex.given_gender.get(given.casefold(), "")
        self.mentions.append(
            Mention(
                start=start,
                end=end,
                text=self.text[start:end],
                kind=kind,
                given=given,
                surname=surname,
                surname_start=surname_start if surname else -1,
                surname_end=end if surname else -1,
                honorific=honorific.rstrip("."),
                gender=gender,
                title=title,
                title_start=t_start,
                title_end=t_end,
                evidence=evidence,
                paragraph=self.paragraph_of[first],
                sentence=self.sentence_of[first],
                headline=self.headline[first],
                possessive=possessive,
            )
        )

    def record_bare(self, k: int, evidence: str) -> Mention:
        """Record token k as a surname mention found by matching a known surname."""
        start = self.starts[k]
        word, possessive = strip_possessive(self.texts[k])
        m = Mention(
            start=start,
            end=start + len(word),
            text=word,
            kind="surname",
            given="",
            surname=word,
            surname_start=start,
            surname_end=start + len(word),
            honorific="",
            gender="",
            title="",
            title_start=-1,
            title_end=-1,
            evidence=evidence,
            paragraph=self.paragraph_of[k],
            sentence=self.sentence_of[k],
            headline=self.headline[k],
            possessive=possessive,
        )
        self.mentions.append(m)
        return m


_PEERS = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "countess"})
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)


def _possessive(text: str) -> bool:
    return strip_possessive(text)[1]
