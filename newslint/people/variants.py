"""Name variants: one person's surname spelt two ways in the same story.

The majority spelling is the one the story uses most (ties go to the
spelling of a full-name introduction). A minority spelling is a variant when
one slip separates it from the majority (a dropped, doubled, extra, swapped
or, in longer names, changed letter) and nothing shows it is another person:
a full name with a different given name ("Sheila Bair" beside "Tony Blair")
makes two people, not a typo.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from newslint.data import load_data
from newslint.document import TokenKind
from newslint.people.detect import Detector, strip_possessive
from newslint.people.distance import slip
from newslint.people.model import People

# The shortest names compared, and the shortest that may differ by a changed
# letter (a substitution turns too many short names into others: Rice/Rica).
MIN_LENGTH = 3
MIN_CHANGE_LENGTH = 6
# A spelling used more often than this is deliberate, not a slip.
MAX_VARIANT_USES = 2


@dataclass(slots=True)
class Spelling:
    """Every use of one surname spelling."""

    form: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    givens: set[str] = field(default_factory=set)  # given names it appears with
    persons: set[int] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)  # "Mr" / "Ms" of its users
    person_uses: int = 0  # uses recognised as person mentions
    full_start: int = -1  # first full-name use (an introduction)

    @property
    def count(self) -> int:
        """Return how often the spelling is used."""
        return len(self.spans)


@dataclass(frozen=True, slots=True)
class Variant:
    """A minority spelling and the majority spelling it should be."""

    start: int
    end: int
    form: str
    majority: str
    kind: str  # the slip: drop, extra, swap, change
    majority_span: tuple[int, int]
    majority_count: int
    person: int  # the majority's person


def find_variants(people: People) -> list[Variant]:
    """Return the name variants of the story, in document order."""
    det = people.detector
    lex = det.lex
    spellings: dict[str, Spelling] = {}
    covered: set[int] = set()
    for m in people.mentions:
        if m.kind not in ("full", "surname") or not m.surname:
            continue
        last = m.surname.split()[-1]
        start = m.surname_end - len(last)
        sp = spellings.setdefault(last, Spelling(last))
        sp.spans.append((start, m.surname_end))
        sp.person_uses += 1
        if m.person >= 0:
            sp.persons.add(m.person)
            gender = people.persons[m.person].gender
            if gender:
                sp.genders.add(gender)
        if m.kind == "full":
            sp.givens.add(m.given.casefold())
            if sp.full_start < 0:
                sp.full_start = m.start
        covered.add(start)
    # Unproven full names ("Shiro Tsuda became ...") and family names written
    # first ("governor Park Seung") may hold the right spelling of a surname
    # that a courtesy title proves elsewhere ("Mr Tsda", "Mr Pak").
    weak: dict[str, Spelling] = {}
    tokens = det.tokens
    for a, b in det.bare:
        if b - a < 2:
            continue  # one word
        words = [k for k in range(a, b) if tokens[k].kind is TokenKind.WORD]
        if len(words) < 2 or len(words) > 3:
            continue
        tok = tokens[words[-1]]
        word, _ = strip_possessive(tok.text)
        if word.isalpha() and tok.start not in covered:
            w = weak.setdefault(word, Spelling(word))
            w.spans.append((tok.start, tok.start + len(word)))
            w.full_start = tok.start if w.full_start < 0 else w.full_start
            covered.add(tok.start)
    for m in people.mentions:
        if m.kind == "full" and m.given and m.given.casefold() not in lex.given_gender:
            g = m.given
            if g.isalpha() and len(g) >= MIN_LENGTH:
                w = weak.setdefault(g, Spelling(g))
                w.spans.append((m.start, m.start + len(g)))
                w.full_start = m.start if w.full_start < 0 else w.full_start
    # Capitalised words that are no recognised mention may still be slips:
    # "The Bsh administration", "allowing Ferrerro to take advantage".
    givens_anywhere = {m.given.casefold() for m in people.mentions if m.kind == "full"}
    # Only a word that could be one slip from a proven surname is worth a look.
    lengths: defaultdict[str, set[int]] = defaultdict(set)  # first letter -> word lengths
    for form, sp in spellings.items():
        if sp.person_uses:
            lengths[form[:1].casefold()].update((len(form) - 1, len(form), len(form) + 1))
    classes, texts = det.classes, det.texts
    for i in det.candidates if lengths else ():
        if classes[i] != "cap":
            continue
        text = texts[i]
        near = lengths.get(text[:1].casefold())
        if near is None or (len(text) not in near and len(text) - 2 not in near):
            continue  # (the second length allows for a possessive 's)
        tok = tokens[i]
        if tok.start in covered:
            continue
        if _in_long_run(det, i):
            continue
        word, _ = strip_possessive(tok.text)
        if not word.replace("-", "").isalpha() or word.casefold() in lex.demonyms:
            continue
        if _before_state(det.doc.text, tok.end):
            continue  # "Mathes, Iowa": a town, not a slip for a surname
        sp = spellings.setdefault(word, Spelling(word))
        sp.spans.append((tok.start, tok.start + len(word)))
    majorities = [sp for sp in spellings.values() if sp.person_uses and len(sp.form) >= MIN_LENGTH]
    by_first: dict[str, list[Spelling]] = defaultdict(list)
    for sp in majorities:
        by_first[sp.form[:1].casefold()].append(sp)
    for w in weak.values():
        if w.form not in spellings and len(w.form) >= MIN_LENGTH:
            by_first[w.form[:1].casefold()].append(w)
    out: list[Variant] = []
    for sp in spellings.values():
        if sp.count > MAX_VARIANT_USES or len(sp.form) < MIN_LENGTH:
            continue
        if sp.form.casefold() in givens_anywhere:
            continue
        best: tuple[Spelling, str] | None = None
        for maj in by_first.get(sp.form[:1].casefold(), []):
            if maj is sp or maj.form.casefold() == sp.form.casefold():
                continue
            if not maj.person_uses and not (sp.person_uses and sp.persons):
                continue  # an unproven spelling corrects only a proven person
            kind = slip(sp.form, maj.form)
            if kind is None or not _plausible(sp, maj, kind):
                continue
            if best is None or maj.count > best[0].count:
                best = (maj, kind)
        if best is None:
            continue
        maj, kind = best
        person = min(maj.persons) if maj.persons else -1
        for s, e in sp.spans:
            out.append(Variant(s, e, sp.form, maj.form, kind, maj.spans[0], maj.count, person))
    out.sort(key=lambda v: v.start)
    return out


def _plausible(sp: Spelling, maj: Spelling, kind: str) -> bool:
    """Return True when ``sp`` reads as a slip for ``maj``, not another name."""
    if kind == "change" and min(len(sp.form), len(maj.form)) < MIN_CHANGE_LENGTH:
        return False
    if kind == "extra" and sp.form.casefold() == maj.form.casefold() + "s":
        return False  # a family plural: "the Kennedys"
    if sp.count > maj.count:
        return False
    # A tie: the spelling of the full-name introduction wins.
    if sp.count == maj.count and (maj.full_start < 0 or sp.full_start >= 0):
        return False
    if sp.genders and maj.genders and not (sp.genders & maj.genders):
        return False  # "Mr Blair" and "Ms Bair" are two people
    # Two people ("Sheila Bair" and "Tony Blair") are no slip.
    return not (sp.givens and maj.givens and not (sp.givens & maj.givens))


@lru_cache(maxsize=1)
def _state_re() -> regex.Pattern[str]:
    """Return a pattern for ", <U.S. state>" (name or newspaper abbreviation)."""
    raw = load_data("data/style-states.toml")
    names = {*raw["abbreviations"], *raw["abbreviations"].values(), *raw["postal"].values()}
    alternatives = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    return regex.compile(rf",[ \t]+(?:{alternatives})(?![\p{{L}}])")


def _before_state(text: str, end: int) -> bool:
    """Return True when a state follows the word ending at ``end``: a place name."""
    return _state_re().match(text, end, end + 40) is not None


def _in_long_run(det: Detector, i: int) -> bool:
    """Return True when token i sits among other capitalised words ("Costa Rica")."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(det.tokens) and det.name_class(j) in ("cap", "initial"):
            lo, hi = (j, i) if j < i else (i, j)
            if det.gap_ok(lo, hi):
                return True
    return False
