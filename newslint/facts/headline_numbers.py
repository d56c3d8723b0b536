"""Figures in a headline that the story's body never states (the reader behind NL514).

A headline figure ("Seven dead in factory fire", "Council approves £40m
budget") must be supported by the body. Figures are compared by value, not
by spelling: "£40m", "£40 million", "40m pounds" and "£40,000,000" are one
value, and "seven" is 7. Every printed figure stands for an interval:

* the values that round to it at its printed precision ("$36m" is anything
  from $35.5m to $36.5m, so the body's "$35.7m" supports it); a whole number
  ending in zeros may also be rounded to tens or hundreds, by at most 5% of
  its value ("£40m" allows £38m to £42m);
* widened by a qualifier in front of it: "about"/"some" (80% to 125%), "more
  than"/"over"/"at least" (up to twice the figure), "nearly"/"up to"/"under"
  (down to half the figure);
* a "m", "k" or "b" glued to a figure without a currency may be a unit
  ("100m" sprint), so such a figure also stands for the bare number.

A headline figure is supported when some body figure's interval overlaps its
own and their kinds agree: two different currencies ("£40m", "$40m") never
support each other, nor does a percentage support money or money a
percentage; anything else (a bare number beside a percentage, a count beside
money) is taken as support, since precision matters more than recall.

The headline is read strictly; anything that may not be a quantity is left
out: years (1900-2100 as a bare four-digit figure), scores and ranges
("19-33", "2-0"), anything glued to letters or joined by a hyphen ("3rd",
"18s", "1990s", "3G", "G8", "4x4", "six-figure", "10-year"), a bare figure or
number word beside a capitalised word ("Windows 7", "Half-Life 2", "Channel
4", "50 Cent", "Big Four"), after words such as "number", "route" or "top",
before "times" or a fraction ("two thirds"), a day beside a month name ("5
March"), a time ("10.30 GMT"), set phrases (idioms such as "high five",
ratios such as "one in five", anniversaries such as "20 years on", list
articles such as "five things we learned"), zero, "one" (a pronoun as often
as a number: "one of", "no one") and a bare two, which a body often states
without a number ("both", "the pair", two names). So headline number words
run from "three" to "ninety-nine", alone or before "hundred", "thousand",
"million" or "billion"; "a dozen" is read as about 12 and "half a million"
as about 500,000. The body is read generously: every figure and number word
counts ("one" and "two" too), ranges ("30-40", "between 30 and 40") stand
for every value between their ends, and "both", "pair", "couple" and
"twins" count as 2, "trio" as 3.

A first paragraph longer than :data:`MAX_HEADLINE_CHARS` is not read: a
headline is short, and a long lone first line is unwrapped copy.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newslint.facts.numbers import SCALES, TEEN_WORDS, TENS_WORDS, UNIT_WORDS

__all__ = [
    "MAX_HEADLINE_CHARS",
    "Figure",
    "Unsupported",
    "body_figures",
    "headline_figures",
    "read_figures",
    "supports",
    "unsupported_figures",
]

MAX_HEADLINE_CHARS = 200

# Glued scales that may be units when no currency is given ("100m", "5k", "4b").
_AMBIGUOUS_SCALES = frozenset({"m", "k", "b"})
_CURRENCY_SIGNS = {"£": "£", "$": "$", "€": "€", "¥": "¥", "₹": "rupee"}
_ISO = {"usd": "$", "gbp": "£", "eur": "€", "jpy": "¥"}
_CURRENCY_WORDS = {
    "pound": "£", "pounds": "£", "sterling": "£", "dollar": "$", "dollars": "$", "euro": "€",
    "euros": "€", "yen": "¥", "rouble": "rouble", "roubles": "rouble", "ruble": "rouble",
    "rubles": "rouble", "rupee": "rupee", "rupees": "rupee", "yuan": "yuan", "franc": "franc",
    "francs": "franc", "peso": "peso", "pesos": "peso", "rand": "rand", "shekel": "shekel",
    "shekels": "shekel", "dinar": "dinar", "dinars": "dinar", "riyal": "riyal", "riyals": "riyal",
}  # fmt: skip

# One printed figure. Every repeat is anchored by a literal ("," or ".") and
# what follows the number is optional, so a failed match never backtracks far.
_FIGURE_RE = re.compile(
    r"(?P<cur>(?:US|AU|A|CA|C|HK|NZ|S|NT|R)?\$|[£€¥₹]|(?P<iso>USD|GBP|EUR|JPY)[ \u00a0]?)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"(?:(?P<glued>bn|bln|mn|tn|m|k|b)(?![A-Za-z0-9])"
    r"|[ \u00a0](?P<short>bn|mn|tn)(?![A-Za-z0-9])"
    r"|[ \u00a0-]?(?P<word>million|billion|trillion|thousand)(?![A-Za-z0-9]))?"
    r"(?P<pct>[ \u00a0]?%|[ \u00a0]?(?:per[ \u00a0]?cent|percent)(?![A-Za-z])"
    r"|pct?(?![A-Za-z]))?"
)
_CURRENCY_AFTER_RE = re.compile(r"[ \u00a0]([A-Za-z]+)")

_WORD_VALUES = {**UNIT_WORDS, **TEEN_WORDS, **TENS_WORDS}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_WORD_RE = re.compile(
    r"\b(?:(?:(?P<half>half)[ \u00a0])?(?P<a>an?)[ \u00a0]"
    r"(?P<ascale>dozen|hundred|thousand|million|billion)"
    rf"|(?P<tens>{_alternation(TENS_WORDS)})"
    rf"(?:[-\u2010\u2011 ](?P<unit>{_alternation(UNIT_WORDS)}))?"
    rf"|(?P<small>{_alternation({**UNIT_WORDS, **TEEN_WORDS})}))"
    r"(?:[ \u00a0-](?P<scale>dozen|hundred|thousand|million|billion|trillion))?\b",
    re.I,
)
# Words in the body that state a small count without a number.
_COLLECTIVE = {"both": 2, "pair": 2, "couple": 2, "twin": 2, "twins": 2, "duo": 2, "trio": 3,
               "quartet": 4, "quintet": 5}  # fmt: skip
_COLLECTIVE_RE = re.compile(rf"\b(?:{_alternation(_COLLECTIVE)})\b", re.I)

# A qualifier right before a figure, by how it widens the figure's interval.
_QUALIFIER_RE = re.compile(
    r"\b(?:(?P<about>about|around|roughly|approximately|some|an[ \u00a0]estimated|estimated"
    r"|close[ \u00a0]to|circa)"
    r"|(?P<over>more[ \u00a0]than|over|at[ \u00a0]least|upwards[ \u00a0]of|above|in[ \u00a0]excess"
    r"[ \u00a0]of|exceeding)"
    r"|(?P<under>nearly|almost|less[ \u00a0]than|fewer[ \u00a0]than|under|below|up[ \u00a0]to"
    r"|as[ \u00a0](?:many|much)[ \u00a0]as))[ \u00a0]$",
    re.I,
)
_QUALIFIER_WINDOW = 24

# What stands between the two ends of a range in the body: "30-40", "30 to 40".
_RANGE_GAPS = frozenset({"-", "\u2013", "\u2014", " - ", " \u2013 ", " to ", " and "})

_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
     "sept", "oct", "nov", "dec"}
)  # fmt: skip
# Lower-case words after which a figure is a label, not a quantity ("route 66", "top 10").
_LABEL_WORDS = frozenset(
    {"no", "no.", "nos", "number", "numbers", "route", "platform", "flight", "gate", "room",
     "page", "level", "grade", "stage", "season", "series", "episode", "chapter", "section",
     "article", "clause", "version", "model", "type", "category", "class", "size", "channel",
     "radio", "line", "bus", "junction", "phase", "day", "week", "round", "game", "leg", "track",
     "row", "seat", "floor", "tier", "part", "volume", "issue", "top", "last", "formula"}
)  # fmt: skip
# Capitalised words that do not make a following figure part of a name.
_PLAIN_CAPITALS = frozenset(
    {"about", "around", "nearly", "almost", "roughly", "some", "over", "more", "than", "least",
     "at", "up", "to", "just", "only", "all", "another", "the", "a", "an", "as", "by", "for",
     "from", "in", "of", "on", "with", "after", "and", "but", "or", "under", "below", "above",
     "fewer", "less", "estimated", "why", "how", "what", "when", "where", "who", "is", "are",
     "were", "was", "has", "have", "had", "be", "will", "would", "could", "can", "may", "might",
     "should", "must", "now", "still", "extra", "these", "those", "its", "their", "his", "her",
     "our", "your", "my", "every", "each", "latest", "further"}
)  # fmt: skip
# Words after a figure that make it a multiple, a fraction or a time of day.
_NOT_A_COUNT_AFTER = frozenset(
    {"times", "fold", "x", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth",
     "sixths", "eighth", "eighths", "tenth", "tenths", "half", "halves", "am", "pm", "a.m.",
     "p.m.", "gmt", "bst", "utc", "cet", "est", "edt", "et", "pst", "pdt", "o'clock",
     "o\u2019clock", "hrs", "hours"}
)  # fmt: skip
_HYPHENS = "-\u2010\u2011\u2013"
_GLUE_BEFORE = set(_HYPHENS) | set("/_@#.:+^&*~=")
_GLUE_AFTER = set(_HYPHENS) | set("/_@#:+^&*~=°")
_ANY_NUMBER = rf"(?:[0-9]+|{_alternation(_WORD_VALUES)})"
# Set phrases whose numbers count nothing the body need repeat: idioms ("high
# five"), ratios ("one in five"), anniversaries ("20 years on") and list
# articles ("five things we learned").
_SET_PHRASE_RE = re.compile(
    r"\b(?:high[ \u00a0]fives?|cloud[ \u00a0]nine|nine[ \u00a0]yards|two[ \u00a0]minds"
    r"|two[ \u00a0]cents|two[ \u00a0]and[ \u00a0]two|forty[ \u00a0]winks|take[ \u00a0]five"
    r"|six[ \u00a0]of[ \u00a0]one"
    rf"|{_ANY_NUMBER}[ \u00a0]in[ \u00a0]{_ANY_NUMBER}"
    rf"|{_ANY_NUMBER}[ \u00a0](?:years?|months?|weeks?|days?|decades?)[ \u00a0]"
    r"(?:on|after|ago|since|later)"
    rf"|{_ANY_NUMBER}[ \u00a0](?:things|ways|reasons|questions|lessons|facts|tips|signs|charts"
    r"|takeaways|moments|myths|rules|steps|secrets|tricks))\b",
    re.I,
)
_TOKEN_EDGE = ",.;:!?\"'\u2018\u2019\u201c\u201d()[]"


@dataclass(frozen=True, slots=True)
class Figure:
    """A quantity printed in copy, with the values it may stand for."""

    start: int
    end: int
    text: str
    value: float  # what it says, scaled: "£40m" is 40,000,000
    # Half-open intervals of the values the printed figure stands for: its
    # rounding, widened by a qualifier; two when a glued "m" may be a unit.
    ranges: tuple[tuple[float, float], ...]
    currency: str  # "£", "$", "€", "¥", a currency word ("rouble"), or ""
    percent: bool
    scale: str  # "m", "bn", "million" ... as printed, or ""
    word: bool  # a number word ("seven"), not a figure

    @property
    def kind(self) -> tuple[str, bool, float]:
        """Return what a figure counts: its currency, percent and scale (for messages)."""
        return self.currency, self.percent, SCALES.get(self.scale.lower(), 1.0)


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A headline figure no body figure supports, and the body's one figure of its kind."""

    figure: Figure
    nearest: Figure | None


def _half_unit(digits: str, value: float) -> float:
    """Return half the rounding unit of a printed number ("3.5": 0.05; "40": 2; "7": 0.5).

    A whole number ending in zeros may be rounded to that place, but by no
    more than 5% of its value: "40" allows 38 to 42, "7,000" 6,650 to 7,350.
    """
    whole, _, decimals = digits.partition(".")
    if decimals:
        return 0.5 * 10.0 ** -len(decimals)
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros == 0 or value == 0:
        return 0.5
    return max(0.5, min(0.5 * 10.0**zeros, 0.05 * value))


def _widen(low: float, high: float, value: float, qualifier: str) -> tuple[float, float]:
    """Return an interval widened by the qualifier before its figure."""
    if qualifier == "about":
        return min(low, 0.8 * value), max(high, 1.25 * value)
    if qualifier == "over":
        return low, max(high, 2.0 * value)
    if qualifier == "under":
        return min(low, 0.5 * value), high
    return low, high


def _qualifier(text: str, start: int) -> str:
    """Return "about", "over", "under" or "" for the words right before ``start``."""
    m = _QUALIFIER_RE.search(text, max(0, start - _QUALIFIER_WINDOW), start)
    if m is None:
        return ""
    return next(k for k in ("about", "over", "under") if m.group(k) is not None)


def _figure(
    text: str,
    offset: int,
    start: int,
    end: int,
    digits: str,
    *,
    scale: str,
    currency: str,
    percent: bool,
    word: bool,
    approximate: bool = False,
    exact_scale: bool = False,
) -> Figure:
    """Return the figure printed at ``text[start:end]`` with its intervals."""
    number = float(digits)
    multiplier = SCALES.get(scale.lower(), 1.0) if scale else 1.0
    value = number * multiplier
    half = 0.0 if exact_scale else _half_unit(digits, number) * multiplier
    qualifier = "about" if approximate else _qualifier(text, start)
    ranges = [_widen(value - half, value + half, value, qualifier)]
    if scale.lower() in _AMBIGUOUS_SCALES and not currency and not percent:
        bare = _half_unit(digits, number)
        ranges.append(_widen(number - bare, number + bare, number, qualifier))
    return Figure(
        start + offset, end + offset, text[start:end], value, tuple(ranges), currency, percent,
        scale, word,
    )  # fmt: skip


def _currency_after(text: str, end: int) -> str:
    """Return the currency a word after a figure names ("40m pounds"), or ""."""
    m = _CURRENCY_AFTER_RE.match(text, end)
    return _CURRENCY_WORDS.get(m.group(1).lower(), "") if m else ""


def _digit_figures(text: str, offset: int) -> list[Figure]:
    found = []
    for m in _FIGURE_RE.finditer(text):
        cur = m.group("cur")
        if m.group("iso"):
            currency = _ISO[m.group("iso").lower()]
        elif cur:
            currency = _CURRENCY_SIGNS.get(cur[-1], "")
        else:
            currency = _currency_after(text, m.end())
        scale = m.group("glued") or m.group("short") or m.group("word") or ""
        found.append(
            _figure(
                text, offset, m.start(), m.end(), m.group("num").replace(",", ""),
                scale=scale, currency=currency, percent=m.group("pct") is not None, word=False,
            )
        )  # fmt: skip
    return found


def _word_figures(text: str, offset: int) -> list[Figure]:
    found = []
    for m in _WORD_RE.finditer(text):
        scale = (m.group("ascale") or m.group("scale") or "").lower()
        if m.group("a"):
            number = 0.5 if m.group("half") else 1.0
        elif m.group("tens"):
            unit = (m.group("unit") or "").lower()
            number = TENS_WORDS[m.group("tens").lower()] + UNIT_WORDS.get(unit, 0)
        else:
            number = _WORD_VALUES[m.group("small").lower()]
        digits = f"{number:g}"
        found.append(
            _figure(
                text, offset, m.start(), m.end(), digits, scale=scale,
                currency=_currency_after(text, m.end()), percent=False, word=True,
                approximate=scale == "dozen" or bool(m.group("a")), exact_scale=bool(m.group("a")),
            )
        )  # fmt: skip
    return found


def read_figures(text: str, offset: int = 0) -> list[Figure]:
    """Return every figure and number word in ``text``, in order, with offsets + ``offset``.

    Nothing is left out: this is how the body is read, where any mention of
    a value may be the one the headline rounds.
    """
    found = _digit_figures(text, offset) + _word_figures(text, offset)
    return sorted(found, key=lambda f: (f.start, -f.end))


def body_figures(text: str, offset: int = 0) -> list[Figure]:
    """Return the figures of body copy: every figure, collectives, and ranges as spans.

    "both" and "a pair" count as 2; "between 30 and 40" and "30-40" also
    stand for every value from 30 to 40.
    """
    found = read_figures(text, offset)
    for m in _COLLECTIVE_RE.finditer(text):
        value = float(_COLLECTIVE[m.group(0).lower()])
        found.append(
            Figure(m.start() + offset, m.end() + offset, m.group(0), value,
                   ((value - 0.5, value + 0.5),), "", False, "", True)
        )  # fmt: skip
    found.sort(key=lambda f: (f.start, -f.end))
    ranges = []
    for a, b in itertools.pairwise(found):
        span = _range(text, offset, a, b)
        if span is not None:
            ranges.append(span)
    return found + ranges


def _range(text: str, offset: int, a: Figure, b: Figure) -> Figure | None:
    """Return the range two body figures state ("30-40", "£1.5m to £2m"), or None.

    A figure without a scale takes the second one's ("30 to 40 million");
    "and" makes a range only after "between", and the second end must be
    above the first and at most ten times it.
    """
    gap = text[a.end - offset : b.start - offset]
    if gap not in _RANGE_GAPS or not _compatible(a, b) or a.word != b.word:
        return None
    if (
        gap == " and "
        and text[max(0, a.start - offset - 8) : a.start - offset].lower() != "between "
    ):
        return None
    multiplier = 1.0
    if b.scale and not a.scale:
        multiplier = SCALES.get(b.scale.lower(), 1.0)
    first = a.value * multiplier
    if not 0 < first < b.value <= 10 * first:
        return None
    low, high = a.ranges[0][0] * multiplier, b.ranges[0][1]
    return Figure(
        a.start, b.end, text[a.start - offset : b.end - offset], first, ((low, high),),
        a.currency or b.currency, a.percent or b.percent, b.scale, False,
    )  # fmt: skip


# ------------------------------------------------------------------ the headline


def _is_title_case(text: str) -> bool:
    """Return True when every longer word after the first is capitalised (or in capitals)."""
    words = [w for w in re.findall(r"[^\W\d_]+", text)[1:] if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _word_before(text: str, start: int) -> str:
    """Return the token right before ``start``, if only spaces separate them; else ""."""
    head = text[max(0, start - 40) : start]
    stripped = head.rstrip(" \u00a0")
    if stripped == head or not stripped:
        return ""
    parts = stripped.split()
    return parts[-1] if parts else ""


def _word_after(text: str, end: int) -> str:
    """Return the token right after ``end``, if only spaces separate them; else ""."""
    tail = text[end : end + 40]
    stripped = tail.lstrip(" \u00a0")
    if stripped == tail or not stripped:
        return ""
    return stripped.split()[0]


def _capitalised(token: str, before: bool) -> bool:
    """Return True for a capitalised word that may be part of a name (not "Labour's").

    A word cut off from the figure by punctuation ("Boy, 12, dies") is not.
    """
    if not token or token[-1 if before else 0] in _TOKEN_EDGE:
        return False
    word = token.strip(_TOKEN_EDGE)
    if not word or not word[0].isupper():
        return False
    if word.endswith(("'s", "\u2019s", "s'", "s\u2019")):
        return False
    return word.lower() not in _PLAIN_CAPITALS


def _is_month(token: str) -> bool:
    word = token.strip(_TOKEN_EDGE).lower()
    return word in _MONTHS and token.strip(_TOKEN_EDGE)[:1].isupper()


def _between_figures(text: str, start: int, end: int) -> bool:
    """Return True for a score or a range: "2-0", "19 - 33", "6-4 6-4"."""
    before = text[max(0, start - 4) : start].rstrip(" ")
    after = text[end : end + 4].lstrip(" ")
    if before[-1:] in _HYPHENS and before[:-1].rstrip(" ")[-1:].isdigit():
        return True
    return after[:1] in _HYPHENS and after[1:].lstrip(" ")[:1].isdigit()


def _glued(text: str, start: int, end: int) -> bool:
    """Return True when a figure is part of a longer token ("3rd", "G8", "over-50s", "24/7")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in _GLUE_BEFORE:
        return True
    if after in ".," and text[end + 1 : end + 2].isalnum():
        return True
    if after in "'\u2019" and text[end + 1 : end + 2] in ("s", "S"):
        return True  # "1990's", "7's"
    return after.isalnum() or after in _GLUE_AFTER


def _countable(text: str, figure: Figure, start: int, end: int, title_case: bool) -> bool:
    """Return True when a headline figure is a quantity the body should state."""
    if _glued(text, start, end) or _between_figures(text, start, end):
        return False
    printed = text[start:end]
    marked = figure.currency or figure.percent or figure.scale
    if not marked:
        if figure.value == 0 or (printed[:1] == "0" and printed[1:2].isdigit()):
            return False
        if printed.isdigit() and len(printed) == 4 and 1900 <= figure.value <= 2100:
            return False  # a year
        if figure.word and printed.lower() == "one":
            return False  # "one of", "no one"
        if figure.value == 2:
            return False  # the body often says "both", "the pair" or names the two
    before, after = _word_before(text, start), _word_after(text, end)
    if before.lower().strip(_TOKEN_EDGE) in _LABEL_WORDS:
        return False
    if after.lower().strip(_TOKEN_EDGE) in _NOT_A_COUNT_AFTER:
        return False
    if _is_month(before) or _is_month(after):
        return False
    if marked:
        return True
    # A bare figure or number word beside a capitalised word is part of a
    # name ("Windows 7", "50 Cent"); in title case only the word before tells.
    if _capitalised(before, before=True):
        return False
    return title_case or not _capitalised(after, before=False)


def headline_figures(text: str, offset: int = 0) -> list[Figure]:
    """Return the quantities a headline states, leaving out anything that may not be one."""
    if len(text) > MAX_HEADLINE_CHARS:
        return []
    title_case = _is_title_case(text)
    found = []
    covered = [m.span() for m in _SET_PHRASE_RE.finditer(text)]
    for figure in read_figures(text):
        if any(s < figure.end and figure.start < e for s, e in covered):
            continue
        covered.append((figure.start, figure.end))
        if _countable(text, figure, figure.start, figure.end, title_case):
            found.append(
                Figure(figure.start + offset, figure.end + offset, figure.text, figure.value,
                       figure.ranges, figure.currency, figure.percent, figure.scale, figure.word)
            )  # fmt: skip
    return found


# ------------------------------------------------------------------ comparing


def _compatible_kinds(currency: str, percent: bool, other: str, other_percent: bool) -> bool:
    """Return False for kinds that cannot state one value: two currencies, money and %."""
    if currency and other and currency != other:
        return False
    return not ((percent and other) or (other_percent and currency))


def _compatible(a: Figure, b: Figure) -> bool:
    return _compatible_kinds(a.currency, a.percent, b.currency, b.percent)


def supports(body: Figure, headline: Figure) -> bool:
    """Return True when a body figure may be the value a headline figure states."""
    if not _compatible(body, headline):
        return False
    return any(lo < b_hi and b_lo < hi for lo, hi in headline.ranges for b_lo, b_hi in body.ranges)


class _BodyIndex:
    """The body's figures by currency and percent, sorted for overlap queries.

    A query costs a bisection per kind, so a headline with many figures over
    a long body stays linear in the body.
    """

    def __init__(self, figures: list[Figure]) -> None:
        spans: dict[tuple[str, bool], list[tuple[float, float]]] = {}
        self._one_of_kind: dict[tuple[str, bool, float], Figure | None] = {}
        for f in figures:
            spans.setdefault((f.currency, f.percent), []).extend(f.ranges)
            if f.word:
                continue
            seen = self._one_of_kind.get(f.kind, f)
            self._one_of_kind[f.kind] = seen if seen is not None and seen.value == f.value else None
        # For each kind: the interval starts in order, and the furthest end reached so far.
        self._kinds: list[tuple[str, bool, list[float], list[float]]] = []
        for (currency, percent), group in spans.items():
            group.sort()
            reach = list(itertools.accumulate((hi for _, hi in group), max))
            self._kinds.append((currency, percent, [lo for lo, _ in group], reach))

    def supports(self, figure: Figure) -> bool:
        """Return True when some body figure may be the value ``figure`` states."""
        for currency, percent, lows, reach in self._kinds:
            if not _compatible_kinds(currency, percent, figure.currency, figure.percent):
                continue
            for lo, hi in figure.ranges:
                k = bisect.bisect_left(lows, hi)  # the intervals that start below ``hi``
                if k and reach[k - 1] > lo:
                    return True
        return False

    def nearest(self, figure: Figure) -> Figure | None:
        """Return the body's one figure of the same currency or percent and scale, if only one."""
        if not (figure.currency or figure.percent):
            return None
        return self._one_of_kind.get(figure.kind)


def unsupported_figures(
    headline: str, headline_offset: int, body: Iterable[tuple[str, int]]
) -> list[Unsupported]:
    """Return the headline's figures that no figure of the body supports.

    ``body`` holds the text and offset of every other paragraph. The body is
    read only when the headline states a figure.
    """
    figures = headline_figures(headline, headline_offset)
    if not figures:
        return []
    index = _BodyIndex([f for text, offset in body for f in body_figures(text, offset)])
    return [Unsupported(f, index.nearest(f)) for f in figures if not index.supports(f)]
