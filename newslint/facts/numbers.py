"""Numbers a story states in ways that can contradict each other.

Three shapes are read, each tuned for precision over recall, since a false
"your numbers disagree" costs an editor more time than it saves:

* counts of people killed, injured, missing or arrested ("12 people were
  killed", "the 13 dead", "killing 12"), compared across the story;
* percentages in one sentence about one whole (a poll, a vote) that add up
  to more than 100;
* a vague quantity ("tens of thousands of troops") next to a precise figure
  for the same thing that the vague words rule out ("12,000 troops").

Anything that suggests the numbers are meant to differ (a toll that rose, a
subset, another group, an approximation) makes the reader stay silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newslint.screen import WordScreen

# Number words and scale words, shared by the readers of numbers (here,
# :mod:`newslint.facts.changes`, :mod:`newslint.facts.headline_numbers`).
UNIT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9}  # fmt: skip
TEEN_WORDS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
              "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
              "nineteen": 19}  # fmt: skip
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
              "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
    "bln": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12, "hundred": 1e2, "dozen": 12.0,
}  # fmt: skip
# A count of people needs at least two ("one" is a pronoun as often as a number).
_WORDS = {**{w: v for w, v in UNIT_WORDS.items() if v >= 2}, **TEEN_WORDS, **TENS_WORDS,
          "hundred": 100}  # fmt: skip
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|billion))?"
    r"|(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?"
)
_APPROX = (
    r"at\s+least|more\s+than|over|about|around|nearly|almost|some|up\s+to|fewer\s+than"
    r"|less\s+than|roughly|approximately|an\s+estimated|as\s+many\s+as|under|estimated|about"
)
_NOUN = r"people|persons|civilians|soldiers|troops|children|police(?:\s+officers)?|officers|workers"
_CATEGORY = {
    "killed": "dead", "dead": "dead", "died": "dead", "deaths": "dead", "killing": "dead",
    "lives": "dead", "injured": "injured", "wounded": "injured", "hurt": "injured",
    "injuring": "injured", "wounding": "injured", "missing": "missing",
    "arrested": "arrested", "detained": "arrested", "arresting": "arrested",
}  # fmt: skip
_COUNT_RES = (
    re.compile(
        rf"(?<![\w.,])(?:(?P<q>{_APPROX})\s+)?(?P<n>{_NUMBER})\s+(?:(?P<noun>{_NOUN})\s+)?"
        r"(?:(?:were|have\s+been|had\s+been|has\s+been|was|are|been|is)\s+(?:\w+ly\s+)?)?"
        r"(?P<verb>killed|dead|died|injured|wounded|hurt|missing|arrested|detained)\b",
        re.I,
    ),
    re.compile(
        rf"\b(?P<verb>killing|killed|injuring|injured|wounding|wounded|arresting|arrested)\s+(?:(?P<q>{_APPROX})\s+)?"
        rf"(?P<n>{_NUMBER})(?:\s+(?P<noun>{_NOUN})\b|(?=\s*[,.;]|\s+(?:and|in|on|at)\b))",
        re.I,
    ),
    re.compile(
        rf"\bdeath\s+toll\s+(?:\w+\s+){{0,4}}?(?:to|at|of)\s+(?:(?P<q>{_APPROX})\s+)?"
        rf"(?P<n>{_NUMBER})(?P<verb>)\b",
        re.I,
    ),
)
# Every count expression needs one of these words (its verb or "death toll").
_COUNT_SCREEN = WordScreen(
    "kill", "dead", "died", "injur", "wound", "hurt", "missing", "arrest", "detain", "death"
)
# Words in a sentence that show its count is meant to differ from another.
_CHANGE_RE = re.compile(
    r"\b(?:rose|risen|rising|rise|climbed|increased|jumped|up\s+from|revised|updated|now|later"
    r"|earlier|another|more|additional|further|total|in\s+all|overall|including"
    r"|of\s+whom|of\s+them|among|also|previous|previously|since|each|every|per|daily"
    r"|weekly|year|years|month|months|week|weeks|day|days|initially|first|expected|feared"
    r"|could|may|might|would|if|separate|other|others|both|except|plus|besides|only)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Count:
    """A stated count of people in one category, with its span in the text."""

    start: int
    end: int
    value: int
    category: str  # dead, injured, missing, arrested
    noun: str  # "people" unless the copy names a group
    exact: bool


def parse_number(text: str) -> int | None:
    """Return the value of a figure or number word ("12,000", "1.5 million", "twenty-one")."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    scale = 1
    if words[-1] in {"million", "billion"}:
        scale = 1_000_000 if words[-1] == "million" else 1_000_000_000
        words = words[:-1]
    first = words[0].replace(",", "")
    try:
        value = float(first)
    except ValueError:
        if first not in _WORDS:
            return None
        value = _WORDS[first]
        if len(words) > 1:
            value += _WORDS.get(words[1], 0) or UNIT_WORDS.get(words[1], 0)
    return int(value * scale)


def find_counts(sentence: str, offset: int = 0) -> list[Count]:
    """Return the casualty and arrest counts stated in one sentence."""
    if not _COUNT_SCREEN.may_match(sentence):
        return []
    found: dict[tuple[int, int], Count] = {}
    for pattern in _COUNT_RES:
        for m in pattern.finditer(sentence):
            value = parse_number(m.group("n"))
            if value is None or value < 2:
                continue
            groups = m.groupdict()
            verb = (groups.get("verb") or "deaths").lower()
            noun = (groups.get("noun") or "people").lower()
            noun = "people" if noun in {"people", "persons"} else noun
            span = (m.start() + offset, m.end() + offset)
            found.setdefault(
                span,
                Count(span[0], span[1], value, _CATEGORY.get(verb, "dead"), noun,
                      exact=m.group("q") is None),
            )  # fmt: skip
    return sorted(found.values(), key=lambda c: c.start)


def sentence_allows_change(sentence: str) -> bool:
    """Return True when a sentence's wording suggests its count may differ legitimately."""
    return _CHANGE_RE.search(sentence) is not None


_PERCENT_RE = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)", re.I)
_CENT_SCREEN = WordScreen("cent")
# Words that split a whole into sides: a vote, or a stance on one question. A
# poll sentence without them may list answers to several questions, or
# answers that can all be chosen ("45% have cut back on meals, 38% have
# switched brands and 22% have skipped meals"), which need not add up to 100.
_WHOLE_RE = re.compile(
    r"\b(?:voters|vote|votes|voted|backed|supported|support|opposed|oppose|favou?r"
    r"|favou?red|undecided|unsure|approve|approved|disapprove|disapproved|agree|agreed"
    r"|disagree|disagreed|ballots?)\b",
    re.I,
)
_NOT_SHARES_RE = re.compile(
    r"\b(?:rose|rise|risen|fell|fall|fallen|increase|increased|decrease|decreased|grew|growth"
    r"|up|down|higher|lower|compared|from|points?|turnout|margin|majority|each|respectively"
    r"|more|less|than|inflation|rate|rates|interest|year|years|month|quarter|among)\b",
    re.I,
)


def percentages_over_whole(sentence: str) -> list[tuple[int, int, float]] | None:
    """Return the percentage spans of a sentence whose shares of one whole exceed 100.

    The sentence must be about shares of one whole (a poll or a vote) and
    must not describe change or compare groups; None otherwise.
    """
    if "%" not in sentence and not _CENT_SCREEN.may_match(sentence):
        return None
    found = [(m.start(), m.end(), float(m.group(1))) for m in _PERCENT_RE.finditer(sentence)]
    if len(found) < 2 or sum(v for _, _, v in found) <= 100.5:
        return None
    if not _WHOLE_RE.search(sentence) or _NOT_SHARES_RE.search(sentence):
        return None
    return found


_VAGUE = {
    "dozens": (24, 144), "hundreds": (200, 2000), "thousands": (2000, 20000),
    "tens of thousands": (20000, 200000), "hundreds of thousands": (200000, 2000000),
    "millions": (2000000, 10**12),
}  # fmt: skip
_VAGUE_RE = re.compile(
    r"\b(?P<vague>hundreds\s+of\s+thousands|tens\s+of\s+thousands|dozens|hundreds|thousands"
    r"|millions)\s+of\s+(?P<noun>[a-z]+)\b",
    re.I,
)
_VAGUE_SCREEN = WordScreen("dozens", "hundreds", "thousands", "millions")
_FIGURE_RE = re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d{2,})\s+(?P<noun>[a-z]+)\b")


@dataclass(frozen=True, slots=True)
class VagueClash:
    """A vague quantity and a precise figure for the same noun that it excludes."""

    vague_start: int
    vague_end: int
    vague: str
    figure_start: int
    figure_end: int
    figure: int
    noun: str


def vague_clashes(paragraph: str, offset: int = 0) -> list[VagueClash]:
    """Return vague quantities contradicted by a precise figure in the same paragraph."""
    if not _VAGUE_SCREEN.may_match(paragraph):
        return []
    clashes = []
    figures = [
        (m.start() + offset, m.end() + offset, int(m.group("n").replace(",", "")),
         m.group("noun").lower())
        for m in _FIGURE_RE.finditer(paragraph)
    ]  # fmt: skip
    for m in _VAGUE_RE.finditer(paragraph):
        vague = " ".join(m.group("vague").lower().split())
        low = _VAGUE[vague][0]
        noun = m.group("noun").lower()
        for start, end, value, other in figures:
            if other == noun and value < low and not _near_qualifier(paragraph, start - offset):
                clashes.append(
                    VagueClash(m.start() + offset, m.end() + offset, m.group(0), start, end,
                               value, noun)
                )  # fmt: skip
                break
    return clashes


def _near_qualifier(text: str, at: int) -> bool:
    """Return True when the words before a figure make it a part, not the whole."""
    before = text[max(0, at - 40) : at].lower()
    return (
        re.search(
            r"\b(?:another|more|additional|further|of\s+them|of\s+whom|including|some|up\s+to"
            r"|about|around|nearly|almost|at\s+least|over|than|only|just|first|last)\s+$",
            before,
        )
        is not None
    )
