"""Group person mentions into people, attach safe pronouns, export as JSON."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.document import Document, TokenKind
from newslint.people.detect import Detector, Mention, strip_possessive
from newslint.people.lexicon import lexicon

_SUBJECT_PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f", "HE": "m", "SHE": "f"}
_PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "countess"})


class _Tally:
    """The most common of a growing list of strings (ties: the first seen)."""

    __slots__ = ("best", "counts", "ranks")

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.ranks: dict[str, int] = {}
        self.best = ""

    def add(self, value: str) -> None:
        counts = self.counts
        n = counts.get(value, 0) + 1
        counts[value] = n
        rank = self.ranks.setdefault(value, len(self.ranks))
        best = self.best
        if not best:
            self.best = value
        elif value != best:
            top = counts[best]
            if n > top or (n == top and rank < self.ranks[best]):
                self.best = value


@dataclass(slots=True)
class Person:
    """One person of the story and every mention of them.

    The derived views (``names``, ``gender``, ``given`` ...) are kept up to
    date as mentions are appended to ``mentions``, so reading them costs the
    same however often a person is mentioned. Reorder mentions only through
    :meth:`sort_mentions`, which refreshes them.
    """

    index: int
    mentions: list[Mention] = field(default_factory=list)
    # Derived from mentions[:_seen]; rebuilt after a sort.
    _seen: int = field(default=0, init=False, repr=False, compare=False)
    _names: list[Mention] = field(default_factory=list, init=False, repr=False, compare=False)
    _full: list[Mention] = field(default_factory=list, init=False, repr=False, compare=False)
    _full_starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)
    _full_sorted: bool = field(default=True, init=False, repr=False, compare=False)
    _key: str = field(default="", init=False, repr=False, compare=False)
    _given: _Tally = field(default_factory=_Tally, init=False, repr=False, compare=False)
    _surname: _Tally = field(default_factory=_Tally, init=False, repr=False, compare=False)
    _genders: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _titled: set[str] = field(default_factory=set, init=False, repr=False, compare=False)
    _titles: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _intro: Mention | None = field(default=None, init=False, repr=False, compare=False)
    _canonical: str | None = field(default=None, init=False, repr=False, compare=False)

    def _sync(self) -> None:
        """Fold mentions appended since the last read into the derived views."""
        mentions = self.mentions
        if self._seen == len(mentions):
            return
        if self._seen > len(mentions):
            self._reset()
        for k in range(self._seen, len(mentions)):
            self._fold(mentions[k])
        self._seen = len(mentions)
        self._canonical = None

    def _reset(self) -> None:
        self._seen = 0
        self._names = []
        self._full = []
        self._full_starts = []
        self._full_sorted = True
        self._key = ""
        self._given = _Tally()
        self._surname = _Tally()
        self._genders = set()
        self._titled = set()
        self._titles = {}
        self._intro = None
        self._canonical = None

    def _fold(self, m: Mention) -> None:
        if m.kind == "pronoun":
            return
        self._names.append(m)
        if not self._key and m.key:
            self._key = m.key
        if m.given:
            self._given.add(m.given)
        if m.surname:
            self._surname.add(m.surname)
        if m.gender:
            self._genders.add(m.gender)
            if m.honorific:
                self._titled.add(m.gender)
        if m.title:
            text = " ".join(m.title.split())
            self._titles.setdefault(text.casefold(), text)
        if m.kind == "full":
            if self._full_starts and m.start < self._full_starts[-1]:
                self._full_sorted = False
            self._full.append(m)
            self._full_starts.append(m.start)
            if self._intro is None and not m.headline:
                self._intro = m

    def sort_mentions(self) -> None:
        """Put the mentions in document order."""
        self._sync()
        names = self._names
        in_order = all(names[k].start <= names[k + 1].start for k in range(len(names) - 1))
        self.mentions.sort(key=lambda m: m.start)
        if not in_order:
            self._reset()  # the views follow the order of the names

    @property
    def names(self) -> Sequence[Mention]:
        """Return the name mentions (no pronouns)."""
        self._sync()
        return self._names

    @property
    def full(self) -> Sequence[Mention]:
        """Return the full-name mentions ("Karen Donfried")."""
        self._sync()
        return self._full

    @property
    def key(self) -> str:
        """Return the grouping key (last surname word, case-folded)."""
        self._sync()
        return self._key

    @property
    def given(self) -> str:
        """Return the most common given name, or ""."""
        self._sync()
        return self._given.best

    @property
    def surname(self) -> str:
        """Return the most common surname spelling, or ""."""
        self._sync()
        return self._surname.best

    @property
    def canonical(self) -> str:
        """Return the name to show: the commonest full form, else the surname."""
        self._sync()
        if self._canonical is None:
            self._canonical = self._find_canonical()
        return self._canonical

    def _find_canonical(self) -> str:
        full = Counter(" ".join(m.text.split()) for m in self._full)
        if full:
            best = max(full.items(), key=lambda kv: (kv[1], len(kv[0])))
            return best[0]
        names = self._names
        if not names:
            return ""
        m = names[0]
        if m.kind == "given" and m.honorific:
            return f"{m.honorific} {m.given}"
        return self._surname.best or m.text

    @property
    def gender(self) -> str:
        """Return "m" or "f" when courtesy titles or given names agree, else ""."""
        self._sync()
        votes = self._genders
        return next(iter(votes)) if len(votes) == 1 else ""

    @property
    def titled_gender(self) -> str:
        """Return the gender that courtesy titles ("Mr", "Ms") give, or ""."""
        self._sync()
        votes = self._titled
        return next(iter(votes)) if len(votes) == 1 else ""

    @property
    def titles(self) -> list[str]:
        """Return the distinct titles given to the person, in order."""
        self._sync()
        return list(self._titles.values())

    @property
    def introduction(self) -> Mention | None:
        """Return the first full-name mention outside headlines, if any."""
        self._sync()
        return self._intro

    def last_full_before(self, offset: int) -> int:
        """Return the start of the last full-name mention before ``offset``, or -1."""
        self._sync()
        starts = self._full_starts
        if not self._full_sorted:
            return max((s for s in starts if s < offset), default=-1)
        i = bisect.bisect_left(starts, offset)
        return starts[i - 1] if i else -1


class People:
    """The people model of one document."""

    def __init__(
        self, doc: Document, persons: list[Person], mentions: list[Mention], detector: Detector
    ) -> None:
        self.doc = doc
        self.persons = persons
        self.mentions = mentions  # every mention, in document order
        self.detector = detector  # the token view the mentions were found in
        # Pronouns that disagree with the only person they can mean, with that
        # person's mention: "Ms Taylor said ... He added" (see NL311).
        self.pronoun_conflicts: list[tuple[Mention, Mention]] = []

    @property
    def token_starts(self) -> list[int]:
        """Return the start offset of each of the detector's tokens (in order)."""
        return self.detector.starts

    def person(self, mention: Mention) -> Person | None:
        """Return the person a mention belongs to."""
        return self.persons[mention.person] if mention.person >= 0 else None

    def by_sentence(self) -> dict[int, list[Mention]]:
        """Return the name mentions of each sentence."""
        out: dict[int, list[Mention]] = {}
        for m in self.mentions:
            if m.kind != "pronoun":
                out.setdefault(m.sentence, []).append(m)
        return out

    def to_json(self) -> list[dict[str, Any]]:
        """Return the ``people`` list of the JSON output (source offsets)."""
        doc = self.doc
        out: list[dict[str, Any]] = []
        for p in self.persons:
            mentions = []
            for m in sorted(p.mentions, key=lambda m: m.start):
                s, e = doc.to_source(m.start, m.end)
                line = doc.lines.line_of(s)
                mentions.append(
                    {
                        "start": s,
                        "end": e,
                        "line": line + 1,
                        "column": s - doc.lines.line_start(line) + 1,
                        "text": doc.source[s:e],
                        "kind": m.kind,
                    }
                )
            if not mentions:
                continue
            out.append({"name": p.canonical, "titles": p.titles, "mentions": mentions})
        return out


def build_people(doc: Document) -> People:
    """Find and group the people of ``doc``."""
    det = Detector(doc)
    det.run()
    _second_pass(det)
    mentions = sorted(det.mentions, key=lambda m: m.start)
    persons = _group(mentions)
    people = People(doc, persons, mentions, det)
    _attach_pronouns(people, det)
    people.mentions.sort(key=lambda m: m.start)
    return people


def _second_pass(det: Detector) -> None:
    """Accept weak runs whose surname is already known to belong to a person."""
    known = {m.key for m in det.mentions if m.key}
    lex = det.lex
    # A full name whose surname recurs on its own is a person's ("Jens
    # Stoltenberg ... Stoltenberg said"); firms recur by their first word.
    tokens, texts = det.tokens, det.texts
    word = TokenKind.WORD
    singles = {det.lower(a) for a, b in det.bare if b - a == 1 and _speaks_at(det, a)}
    for a, b in det.bare:
        if b - a == 1:
            continue  # one word
        idx = [k for k in range(a, b) if tokens[k].kind is word]
        if len(idx) >= 2:
            last = det.lower(idx[-1])
            if last in singles and len(last) > 2:
                known.add(last)
    for a, b in det.bare:
        if b - a == 1:  # a one-token run is one word
            _accept_word(det, a, det.lower(a), known)
            continue
        words = [strip_possessive(texts[k])[0] for k in range(a, b) if tokens[k].kind is word]
        if not words:
            continue
        lows = [w.casefold() for w in words]
        if any(w in lex.non_person_words for w in lows):
            continue
        if len(words) == 1:
            _accept_word(det, a, lows[0], known)
            continue
        if lows[-1] in known and lows[0] not in lex.stop_words:
            idx = [k for k in range(a, b) if tokens[k].kind is word]
            possessive = strip_possessive(texts[idx[-1]])[1]
            det.record(idx, words, "", "", -1, -1, "known", possessive)


def _accept_word(det: Detector, k: int, low: str, known: set[str]) -> None:
    """Record the weak one-word run at token k (``low`` folded) when its surname is known."""
    if low in known and low not in det.lex.non_person_words:
        m = det.record_bare(k, "known")
        noun = det.noun_titles.get(k)
        if noun is not None:
            m.title, m.title_start, m.title_end = noun
            m.evidence = "noun"


def _speaks_at(det: Detector, k: int) -> bool:
    """Return True when token k is the subject of a speech verb ("Stoltenberg said")."""
    verbs = det.lex.core_speech_verbs
    texts, sentence_of = det.texts, det.sentence_of
    n = len(texts)
    sentence = sentence_of[k]
    nxt = k + 1
    if nxt < n and texts[nxt] == ",":
        nxt += 1
    if (
        nxt < n
        and sentence_of[nxt] == sentence
        and det.tokens[nxt].kind is TokenKind.WORD
        and texts[nxt] in verbs
    ):
        return True
    # '"...," said Stoltenberg.' (but not "analysts said India could ...").
    if k == 0 or sentence_of[k - 1] != sentence:
        return False
    if texts[k - 1] not in ("said", "says"):
        return False
    return k + 1 >= n or sentence_of[k + 1] != sentence or texts[k + 1] in ",.;:"


def _group(mentions: list[Mention]) -> list[Person]:
    persons: list[Person] = []
    by_full: dict[tuple[str, str], Person] = {}
    by_key: dict[str, list[Person]] = {}

    def new_person() -> Person:
        p = Person(len(persons))
        persons.append(p)
        return p

    for m in mentions:
        if m.kind != "full":
            continue
        k = (m.first, m.key)
        p = by_full.get(k)
        if p is None:
            p = _initial_match(m, by_key.get(m.key, []))
        if p is None:
            p = new_person()
            by_full[k] = p
            by_key.setdefault(m.key, []).append(p)
        p.mentions.append(m)
        m.person = p.index
    # People named in full, in index order by given name: the candidates for
    # a given-name mention ("Karen"). Only they have full-name mentions.
    named = len(persons)
    given_of = [p.given.casefold() for p in persons]
    by_given: dict[str, list[Person]] = {}
    for p in persons:
        by_given.setdefault(given_of[p.index], []).append(p)
    surname_only: dict[str, Person] = {}
    given_only: dict[str, Person] = {}
    by_first: dict[str, list[Person]] = {}
    for p in persons:
        first = p.full[0].first if p.full else ""
        if first:
            by_first.setdefault(first, []).append(p)
    peers: dict[str, Person] = {}
    for m in mentions:
        if m.kind == "surname" and m.evidence == "peerage" and m.key not in peers:
            peers[m.key] = new_person()
    for m in mentions:
        if (
            m.kind == "surname"
            and m.key in peers
            and (m.evidence == "peerage" or m.honorific.casefold() in _PEER_TITLES)
        ):
            p = peers[m.key]
            p.mentions.append(m)
            m.person = p.index
            continue
        if m.kind == "surname":
            cands = by_key.get(m.key, [])
            if not cands and m.honorific:
                # Family name first ("Park Seung" ... "Mr Park").
                cands = [p for p in by_first.get(m.key, []) if p.key != m.key]
            p = _choose(m, cands)
            if p is None:
                p = surname_only.get(m.key)
                if p is None:
                    p = new_person()
                    surname_only[m.key] = p
        elif m.kind == "given":
            cands = by_given.get(m.given.casefold(), [])
            p = _choose(m, cands)
            if p is None:
                p = given_only.get(m.given.casefold())
                if p is None:
                    p = new_person()
                    given_only[m.given.casefold()] = p
        else:
            continue
        p.mentions.append(m)
        m.person = p.index
        if m.given and p.index < named:
            # A named person's given name may change with the new mention.
            was = given_of[p.index]
            now = p.given.casefold()
            if now != was:
                given_of[p.index] = now
                _unfile(by_given[was], p)
                bisect.insort(by_given.setdefault(now, []), p, key=lambda q: q.index)
    for p in persons:
        p.sort_mentions()
    return persons


def _unfile(people: list[Person], p: Person) -> None:
    """Remove ``p`` from a list of people in index order."""
    i = bisect.bisect_left(people, p.index, key=lambda q: q.index)
    del people[i]


def _initial_match(m: Mention, cands: list[Person]) -> Person | None:
    """Join "J. Smith" to the one John Smith (and "John Smith" to "J. Smith")."""
    g = m.given.rstrip(".")
    if not g:
        return None
    hits = []
    for p in cands:
        pg = p.given.rstrip(".")
        if not pg:
            continue
        short, long_ = (g, pg) if len(g) <= len(pg) else (pg, g)
        if len(short) == 1 and long_[:1].casefold() == short.casefold():
            hits.append(p)
    return hits[0] if len(hits) == 1 else None


def _choose(m: Mention, cands: list[Person]) -> Person | None:
    """Pick the person a short mention refers to among same-surname people."""
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    if m.gender:
        same = [p for p in cands if p.gender in ("", m.gender)]
        if same:
            cands = same
        if len(cands) == 1:
            return cands[0]
    # The person most recently named in full before the mention; else the first.
    best: Person | None = None
    best_at = -1
    for p in cands:
        at = p.last_full_before(m.start)
        if at > best_at:
            best, best_at = p, at
    return best or cands[0]


def _attach_pronouns(people: People, det: Detector) -> None:
    """Attach "he"/"she" to a person where only one person can be meant.

    Safe cases: the pronoun opens its sentence or is the subject of a speech
    verb ("he said", "said she"), and exactly one person is named earlier in
    the same sentence or, failing that, in the sentence before.
    """
    lex = lexicon()
    speakers = _Speakers(people, det, lex.core_speech_verbs)
    tokens = det.tokens
    n = len(tokens)
    new: list[Mention] = []
    for i in det.occurrences(_SUBJECT_PRONOUNS):
        tok = tokens[i]
        gender = _SUBJECT_PRONOUNS[tok.text]
        if det.headline[i]:
            continue
        opens = det.initial[i]
        speech = False
        nxt = tokens[i + 1] if i + 1 < n else None
        prev = tokens[i - 1] if i > 0 else None
        if nxt is not None and nxt.norm in lex.core_speech_verbs and nxt.kind is TokenKind.WORD:
            speech = True
        if prev is not None and prev.norm in ("said", "says", "added", "told"):
            speech = True
        if not (opens or speech):
            continue
        # Names inside quotations are not the speaker: '"Ruth Kelly is wrong," he said'.
        # First the people named earlier in the same sentence ...
        sentence = det.sentence_of[i]
        starts, same, first_other = speakers.before(sentence)
        k = bisect.bisect_left(starts, tok.start)
        if k:
            if k > first_other:
                continue  # two people or more
            pid = same[0].person
            antecedent = same[k - 1]
        else:
            # ... failing that, those of the sentence before.
            ids, last = speakers.previous(sentence - 1, det.paragraph_of[i])
            if len(ids) != 1 or last is None:
                continue
            (pid,) = ids
            antecedent = last
        person = people.persons[pid]
        known = person.gender  # from courtesy titles and given names
        if known and known != gender:
            # Not attached. Against a courtesy title it is kept as a possible
            # slip when the person spoke just before ("Ms Taylor said ... He
            # added"); against a given name alone it is probably someone else.
            titled = person.titled_gender
            if titled and not k and speakers.is_speaker(antecedent):
                people.pronoun_conflicts.append((_pronoun(det, i, gender, -1), antecedent))
            continue
        m = _pronoun(det, i, gender, pid)
        m.evidence = "speech" if speech else "opens"
        person.mentions.append(m)
        new.append(m)
    people.mentions.extend(new)
    for p in people.persons:
        p.sort_mentions()


class _Speakers:
    """Who a pronoun may refer to, per sentence, computed once per sentence."""

    def __init__(self, people: People, det: Detector, verbs: frozenset[str]) -> None:
        self.doc = people.doc
        self.tokens = det.tokens
        self.verbs = verbs
        self.named = people.by_sentence()
        self._before: dict[int, tuple[list[int], list[Mention], int]] = {}
        self._previous: dict[tuple[int, int], tuple[set[int], Mention | None]] = {}
        self.people = people

    def before(self, sentence: int) -> tuple[list[int], list[Mention], int]:
        """Return the people's mentions of a sentence outside quotations.

        As (starts, mentions, n): the mentions of people in document order,
        their starts, and how many of the first ones name one same person.
        """
        found = self._before.get(sentence)
        if found is None:
            doc = self.doc
            same = [
                m
                for m in self.named.get(sentence, [])
                if m.person >= 0 and not doc.in_quote(m.start)
            ]
            n = next((j for j, m in enumerate(same) if m.person != same[0].person), len(same))
            found = ([m.start for m in same], same, n)
            self._before[sentence] = found
        return found

    def previous(self, sentence: int, paragraph: int) -> tuple[set[int], Mention | None]:
        """Return the people named in a sentence (outside quotations) and its last name.

        Only names within one paragraph of ``paragraph`` count.
        """
        found = self._previous.get((sentence, paragraph))
        if found is None:
            doc = self.doc
            pool = [
                m
                for m in self.named.get(sentence, [])
                if not doc.in_quote(m.start) and abs(m.paragraph - paragraph) <= 1
            ]
            ids = {m.person for m in pool if m.person >= 0}
            found = (ids, pool[-1] if pool else None)
            self._previous[sentence, paragraph] = found
        return found

    def is_speaker(self, m: Mention) -> bool:
        """Return True when a speech verb directly follows (or precedes) the mention."""
        tokens = self.tokens
        starts = self.people.token_starts
        i = bisect.bisect_left(starts, m.end)
        while i < len(tokens) and tokens[i].kind is not TokenKind.WORD:
            if tokens[i].text not in (",",):
                break
            i += 1
        if i < len(tokens) and tokens[i].kind is TokenKind.WORD and tokens[i].norm in self.verbs:
            return True
        j = bisect.bisect_left(starts, m.start) - 1
        return j >= 0 and tokens[j].norm in ("said", "says", "added", "told")


def _pronoun(det: Detector, i: int, gender: str, pid: int) -> Mention:
    """Return the mention of the pronoun at token i."""
    tok = det.tokens[i]
    return Mention(
        start=tok.start,
        end=tok.end,
        text=tok.text,
        kind="pronoun",
        given="",
        surname="",
        surname_start=-1,
        surname_end=-1,
        honorific="",
        gender=gender,
        title="",
        title_start=-1,
        title_end=-1,
        evidence="pronoun",
        paragraph=det.paragraph_of[i],
        sentence=det.sentence_of[i],
        headline=False,
        possessive=False,
        person=pid,
    )
