"""Phrase shapes for the NL202 repeated-phrase rule.

A sentence is reduced to its word and number *items*; a small grammar then
recognises adverbial phrases of time, date and place at each item:

* ``[premodifier] time-determiner [modifiers] time-head`` -- "last week",
  "earlier this month", "next few days";
* ``preposition [determiner] [modifiers] time-head [date tail]`` -- "on
  Tuesday", "on Tuesday night", "in July 1998", "on 1 April", "in 2004", "over
  the past year";
* ``place-preposition [the] Proper Name [of Proper Name]`` -- "in London", "in
  the United States", "across Europe";
* ``subject speech-verb`` -- "he said", "Mr Smith added" (attribution).

Phrases are compared by their full normalised word sequence, so "in December"
and "in December 2003", or "earlier this year" and "later this year", are
different phrases. All word lists live in ``rules/data/repetition.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from newslint.data import load_data
from newslint.document import Sentence, Token, TokenKind

_DATA_FILE = "data/repetition.toml"
_POSSESSIVE = ("'s", "\u2019s", "s'", "s\u2019")


@dataclass(frozen=True, slots=True)
class Item:
    """A word or number of a sentence, with what separates it from its neighbours."""

    token: Token
    norm: str
    gap_before: bool  # punctuation between the previous item and this one
    capital: bool  # starts with an upper-case letter


@dataclass(frozen=True, slots=True)
class Phrase:
    """A recognised phrase: items ``[start, end)`` of a sentence."""

    start: int
    end: int
    key: tuple[str, ...]
    kind: str  # "time", "place" or "attribution"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of the phrase grammar (lower-case)."""

    time_preps: frozenset[str]
    place_preps: frozenset[str]
    time_dets: frozenset[str]
    premods: frozenset[str]
    modifiers: frozenset[str]
    determiners: frozenset[str]
    time_nouns: frozenset[str]
    time_tails: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    name_breakers: frozenset[str]
    boundaries: frozenset[str]
    speech_verbs: frozenset[str]
    pronouns: frozenset[str]
    embedding: frozenset[str]
    function_words: frozenset[str]
    fixed: tuple[tuple[str, ...], ...]


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the phrase grammar's word lists once."""
    data = load_data(_DATA_FILE)
    d = data["phrase"]
    return Lexicon(
        time_preps=_words(d["time_prepositions"]),
        place_preps=_words(d["place_prepositions"]),
        time_dets=_words(d["time_determiners"]),
        premods=_words(d["time_premodifiers"]),
        modifiers=_words(d["time_modifiers"]),
        determiners=_words(d["determiners"]),
        time_nouns=_words(d["time_nouns"]),
        time_tails=_words(d["time_tails"]),
        months=_words(d["months"]),
        weekdays=_words(d["weekdays"]),
        name_breakers=_words(d["name_breakers"]),
        boundaries=_words(d["clause_boundaries"]),
        speech_verbs=_words(d["speech_verbs"]),
        pronouns=_words(d["subject_pronouns"]),
        embedding=_words(d["embedding_words"]),
        function_words=_words(data["duplicate_word"]["function_words"]),
        fixed=tuple(tuple(e.casefold().split()) for e in d["fixed_expressions"]),
    )


_WORD_RUN = re.compile(r"\w+")


def may_repeat(text: str) -> bool:
    """Return False when no two consecutive words of ``text`` occur twice.

    Any repeated phrase of two or more words repeats such a pair, so this cheap
    test (run in C by ``re``) lets most sentences skip the grammar entirely.
    """
    words = _WORD_RUN.findall(text.lower())
    if len(words) < 4:
        return False
    pairs = list(pairwise(words))
    return len(set(pairs)) < len(pairs)


def items_of(sentence: Sentence) -> list[Item]:
    """Return the sentence's words and numbers, noting punctuation gaps."""
    out: list[Item] = []
    append = out.append
    gap = False
    word, number = TokenKind.WORD, TokenKind.NUMBER
    for t in sentence.tokens:
        kind = t.kind
        if kind is word or kind is number:
            text = t.text
            norm = text.casefold()
            if "\u2019" in norm or "\u2018" in norm:
                norm = norm.replace("\u2019", "'").replace("\u2018", "'")
            append(Item(t, norm, gap, text[:1].isupper()))
            gap = False
        else:
            gap = True
    return out


def _is_year(norm: str) -> bool:
    return len(norm) == 4 and norm.isdigit() and 1000 <= int(norm) <= 2199


def _is_decade(norm: str) -> bool:
    return len(norm) == 5 and norm.endswith("s") and norm[:4].isdigit()


def _is_day_number(norm: str) -> bool:
    digits = norm.rstrip("stndrh")
    return digits.isdigit() and 1 <= int(digits) <= 31 and len(norm) <= 4


class Grammar:
    """Recognise phrases in a list of items."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    # -- helpers --------------------------------------------------------
    @staticmethod
    def _joined(items: list[Item], j: int) -> bool:
        """Return True when item ``j`` exists and follows its neighbour without punctuation."""
        return j < len(items) and not items[j].gap_before

    def _date_tail(self, items: list[Item], j: int) -> int:
        """Consume a day number and/or a year after a month ("July 1998", "May 5, 2004")."""
        if self._joined(items, j) and _is_day_number(items[j].norm):
            j += 1
        if self._joined(items, j) and _is_year(items[j].norm):
            j += 1
        return j

    def _time_head(self, items: list[Item], j: int) -> int | None:
        """Parse ``[modifiers] head [tail]`` from ``j``; return the end or None."""
        lex = self.lex
        n = len(items)
        while self._joined(items, j) and (
            items[j].norm in lex.modifiers
            or (items[j].token.kind is TokenKind.NUMBER and items[j].norm.isdigit())
        ):
            # a bare number is a cardinal ("10 years") or a day ("1 April")
            if items[j].token.kind is TokenKind.NUMBER and _is_year(items[j].norm):
                break
            j += 1
        if j >= n or (items[j].gap_before and j > 0):
            return None
        w = items[j].norm
        if w in lex.months:
            return self._date_tail(items, j + 1)
        if w in lex.weekdays:
            k = j + 1
            if self._joined(items, k) and items[k].norm in lex.time_tails:
                k += 1
            elif (
                self._joined(items, k)
                and _is_day_number(items[k].norm)
                and self._joined(items, k + 1)
                and items[k + 1].norm in lex.months
            ):
                k = self._date_tail(items, k + 2)
            return k
        if w in lex.time_nouns:
            k = j + 1
            if self._joined(items, k) and _is_year(items[k].norm):
                k += 1  # "the year 2000"
            return k
        if _is_year(w) or _is_decade(w):
            return j + 1
        return None

    def _name(self, items: list[Item], j: int) -> int | None:
        """Parse a capitalised proper name from ``j``; return the end or None."""
        lex = self.lex
        if j >= len(items) or items[j].gap_before:
            return None

        def name_word(k: int) -> bool:
            it = items[k]
            return (
                it.capital
                and it.token.kind is TokenKind.WORD
                and it.norm not in lex.name_breakers
                and it.norm not in lex.months
                and it.norm not in lex.weekdays
                and it.norm != "i"
            )

        if not name_word(j):
            return None
        k = j + 1
        while self._joined(items, k):
            if name_word(k):
                k += 1
            elif (
                items[k].norm in ("of", "de", "du", "la")
                and self._joined(items, k + 1)
                and (name_word(k + 1))
            ):
                k += 2
            else:
                break
        return k

    # -- phrases --------------------------------------------------------
    def parse_at(self, items: list[Item], i: int) -> Phrase | None:
        """Return the adverbial phrase that starts at item ``i``, if any."""
        lex = self.lex
        w = items[i].norm
        k = i
        if w in lex.premods and self._joined(items, i + 1) and items[i + 1].norm in lex.time_dets:
            k = i + 1
            w = items[k].norm
        end: int | None = None
        kind = "time"
        if w in lex.time_dets:
            end = self._time_head(items, k + 1)
        elif w in lex.time_preps or w in lex.place_preps:
            j = k + 1
            if self._joined(items, j) and items[j].norm in lex.determiners:
                j += 1
            if w in lex.time_preps:
                if (
                    self._joined(items, j)
                    and _is_day_number(items[j].norm)
                    and self._joined(items, j + 1)
                    and items[j + 1].norm in lex.months
                ):
                    end = self._date_tail(items, j + 2)  # "on 1 April", "on 5th May 2004"
                if end is None and self._joined(items, j):
                    end = self._time_head(items, j)
            if end is None and w in lex.place_preps and self._joined(items, j):
                plain = j == k + 1 or items[j - 1].norm == "the"
                if plain:
                    end = self._name(items, j)
                    kind = "place"
        if end is None or end <= k + 1:
            return None
        last = items[end - 1].norm
        if last.endswith(_POSSESSIVE):
            return None  # "in London's ..." is a determiner, not an adverbial
        if self._joined(items, end) and items[end].norm == "of":
            return None  # "in the week of ...": the noun phrase goes on
        return Phrase(i, end, tuple(it.norm for it in items[i:end]), kind)

    def phrases(self, items: list[Item]) -> list[Phrase]:
        """Return the leftmost-longest adverbial phrases of a sentence."""
        lex = self.lex
        out: list[Phrase] = []
        i = 0
        n = len(items)
        while i < n:
            first = items[i].norm
            if not (
                first in lex.time_preps
                or first in lex.place_preps
                or first in lex.time_dets
                or first in lex.premods
            ):
                i += 1
                continue
            p = self.parse_at(items, i)
            if p is None:
                i += 1
                continue
            if p.start > 0 and not items[p.start].gap_before:
                prev = items[p.start - 1].norm
                if prev == "of" or prev in ("the", "a", "his", "her", "its", "their", "our"):
                    # "the end of last year", "his last season": not an adverbial
                    i = p.end
                    continue
                if prev in lex.premods:
                    # "early in the year" and "late in the year" differ
                    p = Phrase(p.start - 1, p.end, (prev, *p.key), p.kind)
            out.append(p)
            i = p.end
        return out

    def attributions(self, items: list[Item]) -> list[Phrase]:
        """Return ``subject speech-verb`` pairs ("he said", "Mr Smith added")."""
        lex = self.lex
        out: list[Phrase] = []
        for j in range(1, len(items)):
            if items[j].norm not in lex.speech_verbs or items[j].gap_before:
                continue
            s = j - 1
            if items[s].norm in lex.pronouns:
                start = s
            elif items[s].capital and items[s].token.kind is TokenKind.WORD:
                start = s
                while start > 0 and not items[start].gap_before and items[start - 1].capital:
                    start -= 1
            else:
                continue
            out.append(
                Phrase(start, j + 1, tuple(it.norm for it in items[start : j + 1]), "attribution")
            )
        return out

    def fixed_spans(self, items: list[Item]) -> list[tuple[int, int]]:
        """Return item ranges covered by fixed expressions ("from time to time")."""
        out: list[tuple[int, int]] = []
        norms = [it.norm for it in items]
        for expr in self.lex.fixed:
            m = len(expr)
            first = expr[0]
            for i, w in enumerate(norms):
                if w == first and tuple(norms[i : i + m]) == expr:
                    out.append((i, i + m))
        return out

    def clause_position(self, items: list[Item], start: int) -> tuple[int, int]:
        """Return (clause start, offset of ``start`` in its clause).

        Clauses are cut at punctuation and at clause-boundary words ("and",
        "while", "as" ...); the offset counts the items before ``start``.
        """
        k = start
        while k > 0 and not items[k].gap_before and items[k - 1].norm not in self.lex.boundaries:
            k -= 1
        return k, start - k

    def parallel_slots(self, items: list[Item], a: Phrase, b: Phrase) -> bool:
        """Return True when ``a`` and ``b`` fill the same slot of two clauses.

        "Sales in January rose, while costs in January fell": each copy sits
        at the same offset of its own clause, right after a content word.
        """
        a_clause, a_offset = self.clause_position(items, a.start)
        b_clause, b_offset = self.clause_position(items, b.start)
        if a_clause == b_clause or a_offset != b_offset or a_offset == 0:
            return False
        fw = self.lex.function_words
        return items[a.start - 1].norm not in fw and items[b.start - 1].norm not in fw

    def ends_clause(self, items: list[Item], end: int, starts: set[int]) -> bool:
        """Return True when a phrase ending at item ``end`` also ends its clause."""
        if end >= len(items) or items[end].gap_before:
            return True
        return items[end].norm in self.lex.boundaries or end in starts


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """Return the shared grammar (data loaded once)."""
    return Grammar(lexicon())
