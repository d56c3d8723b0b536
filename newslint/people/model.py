"""Group person mentions into people, attach safe pronouns, export as JSON."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newslint.document import Document, Token, TokenKind
from newslint.people.detect import Detector, Mention, Tok, strip_possessive
from newslint.people.lexicon import lexicon

_SUBJECT_PRONOUNS = {"he": "m", "she": "f", "He": "m", "She": "f", "HE": "m", "SHE": "f"}
_PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "countess"})


@dataclass(slots=True)
class Person:
    """One person of the story and every mention of them."""

    index: int
    mentions: list[Mention] = field(default_factory=list)

    @property
    def names(self) -> list[Mention]:
        """Return the name mentions (no pronouns)."""
        return [m for m in self.mentions if m.kind != "pronoun"]

    @property
    def full(self) -> list[Mention]:
        """Return the full-name mentions ("Karen Donfried")."""
        return [m for m in self.mentions if m.kind == "full"]

    @property
    def key(self) -> str:
        """Return the grouping key (last surname word, case-folded)."""
        for m in self.names:
            if m.key:
                return m.key
        return ""

    @property
    def given(self) -> str:
        """Return the most common given name, or ""."""
        counts = Counter(m.given for m in self.names if m.given)
        return counts.most_common(1)[0][0] if counts else ""

    @property
    def surname(self) -> str:
        """Return the most common surname spelling, or ""."""
        counts = Counter(m.surname for m in self.names if m.surname)
        return counts.most_common(1)[0][0] if counts else ""

    @property
    def canonical(self) -> str:
        """Return the name to show: the commonest full form, else the surname."""
        full = Counter(" ".join(m.text.split()) for m in self.full)
        if full:
            best = max(full.items(), key=lambda kv: (kv[1], len(kv[0])))
            return best[0]
        names = self.names
        if not names:
            return ""
        m = names[0]
        if m.kind == "given" and m.honorific:
            return f"{m.honorific} {m.given}"
        return self.surname or m.text

    @property
    def gender(self) -> str:
        """Return "m" or "f" when courtesy titles or given names agree, else ""."""
        votes = {m.gender for m in self.names if m.gender}
        return votes.pop() if len(votes) == 1 else ""

    @property
    def titled_gender(self) -> str:
        """Return the gender that courtesy titles ("Mr", "Ms") give, or ""."""
        votes = {m.gender for m in self.names if m.honorific and m.gender}
        return votes.pop() if len(votes) == 1 else ""

    @property
    def titles(self) -> list[str]:
        """Return the distinct titles given to the person, in order."""
        seen: dict[str, str] = {}
        for m in self.names:
            if m.title:
                text = " ".join(m.title.split())
                seen.setdefault(text.casefold(), text)
        return list(seen.values())

    @property
    def introduction(self) -> Mention | None:
        """Return the first full-name mention outside headlines, if any."""
        for m in self.full:
            if not m.headline:
                return m
        return None


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
    _attach_pronouns(people, det.toks)
    people.mentions.sort(key=lambda m: m.start)
    return people


def _second_pass(det: Detector) -> None:
    """Accept weak runs whose surname is already known to belong to a person."""
    known = {m.key for m in det.mentions if m.key}
    lex = det.lex
    # A full name whose surname recurs on its own is a person's ("Jens
    # Stoltenberg ... Stoltenberg said"); firms recur by their first word.
    singles = {
        strip_possessive(det.toks[a].token.text)[0].casefold()
        for a, b in det.bare
        if b - a == 1 and _speaks_at(det, a)
    }
    for a, b in det.bare:
        idx = [k for k in range(a, b) if det.toks[k].token.kind is TokenKind.WORD]
        if len(idx) >= 2:
            last = strip_possessive(det.toks[idx[-1]].token.text)[0].casefold()
            if last in singles and len(last) > 2:
                known.add(last)
    for a, b in det.bare:
        words = [
            strip_possessive(det.toks[k].token.text)[0]
            for k in range(a, b)
            if det.toks[k].token.kind is TokenKind.WORD
        ]
        if not words:
            continue
        lows = [w.casefold() for w in words]
        if any(w in lex.non_person_words for w in lows):
            continue
        if len(words) == 1:
            if lows[0] in known:
                m = det.record_bare(a, "known")
                noun = det.noun_titles.get(a)
                if noun is not None:
                    m.title, m.title_start, m.title_end = noun
                    m.evidence = "noun"
            continue
        if lows[-1] in known and lows[0] not in lex.stop_words:
            idx = [k for k in range(a, b) if det.toks[k].token.kind is TokenKind.WORD]
            possessive = strip_possessive(det.toks[idx[-1]].token.text)[1]
            det.record(idx, words, "", "", -1, -1, "known", possessive)


def _speaks_at(det: Detector, k: int) -> bool:
    """Return True when token k is the subject of a speech verb ("Stoltenberg said")."""
    verbs = det.lex.core_speech_verbs
    toks = det.toks
    nxt = k + 1
    if nxt < len(toks) and toks[nxt].token.text == ",":
        nxt += 1
    if (
        nxt < len(toks)
        and toks[nxt].sentence == toks[k].sentence
        and toks[nxt].token.kind is TokenKind.WORD
        and toks[nxt].token.text in verbs
    ):
        return True
    # '"...," said Stoltenberg.' (but not "analysts said India could ...").
    if k == 0 or toks[k - 1].sentence != toks[k].sentence:
        return False
    if toks[k - 1].token.text not in ("said", "says"):
        return False
    after = toks[k + 1] if k + 1 < len(toks) else None
    return after is None or after.sentence != toks[k].sentence or after.token.text in ",.;:"


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
            cands = [q for q in persons if q.full and q.given.casefold() == m.given.casefold()]
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
    for p in persons:
        p.mentions.sort(key=lambda m: m.start)
    return persons


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
        for f in p.full:
            if f.start < m.start and f.start > best_at:
                best, best_at = p, f.start
    return best or cands[0]


def _attach_pronouns(people: People, toks: list[Tok]) -> None:
    """Attach "he"/"she" to a person where only one person can be meant.

    Safe cases: the pronoun opens its sentence or is the subject of a speech
    verb ("he said", "said she"), and exactly one person is named earlier in
    the same sentence or, failing that, in the sentence before.
    """
    lex = lexicon()
    doc = people.doc
    named = people.by_sentence()
    new: list[Mention] = []
    for i, t in enumerate(toks):
        tok = t.token
        gender = _SUBJECT_PRONOUNS.get(tok.text)
        if gender is None or t.headline:
            continue
        opens = t.initial
        speech = False
        nxt = toks[i + 1].token if i + 1 < len(toks) else None
        prev = toks[i - 1].token if i > 0 else None
        if nxt is not None and nxt.norm in lex.core_speech_verbs and nxt.kind is TokenKind.WORD:
            speech = True
        if prev is not None and prev.norm in ("said", "says", "added", "told"):
            speech = True
        if not (opens or speech):
            continue
        # Names inside quotations are not the speaker: '"Ruth Kelly is wrong," he said'.
        same = [
            m
            for m in named.get(t.sentence, [])
            if m.start < tok.start and m.person >= 0 and not doc.in_quote(m.start)
        ]
        pool = same or [
            m
            for m in named.get(t.sentence - 1, [])
            if not doc.in_quote(m.start) and abs(m.paragraph - t.paragraph) <= 1
        ]
        ids = {m.person for m in pool if m.person >= 0}
        if len(ids) != 1:
            continue
        pid = ids.pop()
        person = people.persons[pid]
        known = person.gender  # from courtesy titles and given names
        if known and known != gender:
            # Not attached. Against a courtesy title it is kept as a possible
            # slip when the person spoke just before ("Ms Taylor said ... He
            # added"); against a given name alone it is probably someone else.
            antecedent = pool[-1]
            titled = person.titled_gender
            if titled and not same and _is_speaker(antecedent, toks, lex.core_speech_verbs):
                people.pronoun_conflicts.append((_pronoun(tok, t, gender, -1), antecedent))
            continue
        m = _pronoun(tok, t, gender, pid)
        m.evidence = "speech" if speech else "opens"
        person.mentions.append(m)
        new.append(m)
    people.mentions.extend(new)
    for p in people.persons:
        p.mentions.sort(key=lambda m: m.start)


def _is_speaker(m: Mention, toks: list[Tok], verbs: frozenset[str]) -> bool:
    """Return True when a speech verb directly follows (or precedes) the mention."""
    import bisect

    starts = [t.token.start for t in toks]
    i = bisect.bisect_left(starts, m.end)
    while i < len(toks) and toks[i].token.kind is not TokenKind.WORD:
        if toks[i].token.text not in (",",):
            break
        i += 1
    if i < len(toks) and toks[i].token.kind is TokenKind.WORD and toks[i].token.norm in verbs:
        return True
    j = bisect.bisect_left(starts, m.start) - 1
    return j >= 0 and toks[j].token.norm in ("said", "says", "added", "told")


def _pronoun(tok: Token, t: Tok, gender: str, pid: int) -> Mention:
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
        paragraph=t.paragraph,
        sentence=t.sentence,
        headline=False,
        possessive=False,
        person=pid,
    )
