"""Stated changes whose percentage the figures contradict ("from 40 to 50, a 20% rise").

A sentence that gives both ends of a change ("from £40m to £50m", "to £50m
from £40m") and the change as a percentage ("a 25% rise", "up 25%", "rose
25%") or a multiple ("doubled", "halving") can be checked by arithmetic.
Figures in copy are rounded, so every value the printed figures could stand
for is allowed: only a change that no rounding explains counts. Qualified
claims ("nearly 25%", "more than doubled") are left alone, and a claim is
read only right beside its change.

When both ends are percentages themselves ("from 40% to 50%"), a percentage
equal to their difference is a change in percentage points called percent.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newslint.facts.numbers import SCALES
from newslint.screen import WordScreen

__all__ = ["ChangeClash", "find_change_clashes"]

_PERCENT = r"(?:%|\s?per\s?cent\b|\s?percent\b)"


def _figure(tag: str) -> str:
    return (
        rf"(?P<{tag}cur>[£$€])?(?P<{tag}num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)"
        rf"(?:\s?(?P<{tag}scale>bn|tn|m|k|thousand|million|billion|trillion)\b)?"
        rf"(?P<{tag}pct>{_PERCENT})?"
    )


_FROM_TO = re.compile(
    rf"\bfrom\s+{_figure('a')}\s+to\s+{_figure('b')}|\bto\s+{_figure('b2')}\s+from\s+{_figure('a2')}",
    re.I,
)
_RISE = {
    "rise", "rises", "rose", "risen", "rising", "increase", "increased", "increasing", "jump",
    "jumped", "gain", "gained", "hike", "growth", "grew", "grown", "growing", "climb", "climbed",
    "surge", "surged", "leap", "leapt", "up", "soared", "raised", "lifted",
}  # fmt: skip
_FALL = {
    "fall", "fell", "fallen", "falling", "drop", "dropped", "dropping", "decline", "declined",
    "decrease", "decreased", "cut", "reduction", "reduced", "slump", "slumped", "plunge",
    "plunged", "slid", "down", "tumbled", "lowered", "lost",
}  # fmt: skip
_NOUNS = (
    "rise|increase|jump|gain|hike|growth|climb|surge|leap"
    "|fall|drop|decline|decrease|cut|reduction|slump|plunge"
)
_VERBS = "|".join(sorted((_RISE | _FALL) - set(_NOUNS.split("|")) - {"up", "down"}))
_P = rf"(?P<p>(?P<value>\d+(?:\.\d+)?){_PERCENT})"
_CLAIMS = (
    re.compile(rf"\ban?\s+{_P}\s+(?P<word>{_NOUNS})\b", re.I),
    re.compile(rf"\b(?P<word>{_NOUNS})\s+of\s+{_P}", re.I),
    re.compile(rf"\b(?P<word>up|down)\s+(?:by\s+)?{_P}", re.I),
    re.compile(rf"\b(?P<word>{_VERBS}|{_NOUNS})\s+(?:by\s+)?{_P}", re.I),
)
# Multiples stated as words ("doubled", "halving"); copy rounds these loosely,
# so the figures may be this far off the exact multiple either way.
_MULTIPLES = {"doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5}
_MULTIPLE_RE = re.compile(r"\b(?P<stem>doubl|tripl|trebl|quadrupl|halv)(?:ed|ing)\b", re.I)
_MULTIPLE_SLACK = 0.05
# A percentage right after one of these is approximate ("nearly 20%", "more than 20%").
_QUALIFIERS = frozenset(
    {"about", "around", "nearly", "almost", "roughly", "some", "over", "under", "than", "least",
     "estimated", "approximately", "circa", "just"}
)  # fmt: skip
# What may stand between a change and the claim after it, and the end of a clause.
_GAP = re.compile(r"[\s,;:\u2013\u2014-]*(?:(?:an?|the)\s+)?", re.I)
_CLAUSE_END = re.compile(r"\s*(?:[,.;:)\u2013\u2014]|$)")
# Both ends of a change need "from".
_SCREEN = WordScreen("from")


@dataclass(frozen=True, slots=True)
class _Figure:
    value: float
    low: float  # the smallest value the printed figure rounds from
    high: float
    percent: bool


@dataclass(frozen=True, slots=True)
class _Change:
    start: int
    end: int
    before: _Figure
    after: _Figure


@dataclass(frozen=True, slots=True)
class _Claim:
    start: int  # the percentage's (or the multiple's) span
    end: int
    match_start: int  # the whole claim: "a 20% rise", "rose 20%"
    match_end: int
    low: float  # the size of the stated change in percent, over its rounding
    high: float
    rise: bool
    multiple: bool  # "doubled", not a percentage


@dataclass(frozen=True, slots=True)
class ChangeClash:
    """A percentage change the figures beside it rule out."""

    start: int  # the stated percentage
    end: int
    change_start: int  # "from £40m to £50m"
    change_end: int
    stated: str  # "20%"
    actual: float  # the change the printed figures give, in percent
    points: bool  # the stated figure is the difference in percentage points
    against_new: bool  # the stated figure is the change over the new value
    wrong_way: bool  # a rise stated for figures that fell, or the reverse
    rose: bool  # the figures rise
    multiple: bool  # the change is stated as a multiple ("doubled")


def find_change_clashes(sentence: str, offset: int = 0) -> list[ChangeClash]:
    """Return the stated percentage changes in one sentence that its figures contradict."""
    if not _SCREEN.may_match(sentence):
        return []
    changes = [c for c in (_change(m) for m in _FROM_TO.finditer(sentence)) if c is not None]
    if not changes:
        return []
    out = []
    for change, claim in _pairs(sentence, changes, _claims(sentence, changes)):
        clash = _judge(change, claim, sentence)
        if clash is not None:
            out.append(
                ChangeClash(
                    clash.start + offset, clash.end + offset,
                    clash.change_start + offset, clash.change_end + offset,
                    clash.stated, clash.actual, clash.points, clash.against_new, clash.wrong_way,
                    clash.rose, clash.multiple,
                )
            )  # fmt: skip
    return out


def _half_unit(figure: str) -> float:
    """Return half the unit of the last printed digit ("40": 39.5 to 40.5; "3.2": 3.15 to 3.25)."""
    return 0.5 * 10.0 ** -len(figure.partition(".")[2])


def _number(m: re.Match[str], tag: str, shared_scale: str | None, percent: bool) -> _Figure:
    """Return one end of a change with the interval its printed form rounds from."""
    text = m.group(f"{tag}num").replace(",", "")
    value, half = float(text), _half_unit(text)
    unit = m.group(f"{tag}scale") or shared_scale
    scale = SCALES[unit.lower()] if unit else 1.0
    return _Figure(value * scale, (value - half) * scale, (value + half) * scale, percent)


def _change(m: re.Match[str]) -> _Change | None:
    """Return the change a "from X to Y" match states, or None for years or a zero start."""
    a, b = ("a", "b") if m.group("anum") is not None else ("a2", "b2")
    scales = [m.group(f"{t}scale") for t in (a, b) if m.group(f"{t}scale")]
    shared = scales[0] if len(scales) == 1 else None  # "from 4 to 5 million"
    percent = bool(m.group(f"{a}pct") or m.group(f"{b}pct"))  # "from 4 to 5%"
    before, after = _number(m, a, shared, percent), _number(m, b, shared, percent)
    bare = not (percent or scales or m.group(f"{a}cur") or m.group(f"{b}cur"))
    if bare and all(1900 <= f.value <= 2100 and f.value.is_integer() for f in (before, after)):
        return None  # "from 2003 to 2004": years, not amounts
    if before.low <= 0:
        return None
    return _Change(m.start(), m.end(), before, after)


def _claims(sentence: str, changes: list[_Change]) -> list[_Claim]:
    """Return the changes stated in ``sentence`` as percentages or multiples, in order."""
    found: dict[int, _Claim] = {}
    inside = {i for c in changes for i in range(c.start, c.end)}  # the figures' own "%"
    for pattern in _CLAIMS:
        for m in pattern.finditer(sentence):
            start, end = m.start("p"), m.end("p")
            if start in found or start in inside:
                continue
            if _qualified(sentence, start):
                continue
            text = m.group("value")
            value, half = float(text), _half_unit(text)
            rise = m.group("word").lower() in _RISE
            found[start] = _Claim(
                start, end, m.start(), m.end(), value - half, value + half, rise, False
            )
    for m in _MULTIPLE_RE.finditer(sentence):
        if _qualified(sentence, m.start()):
            continue
        factor = _MULTIPLES[m.group("stem").lower()]
        ends = sorted(abs(factor * (1 + d) - 1) * 100 for d in (-_MULTIPLE_SLACK, _MULTIPLE_SLACK))
        found[m.start()] = _Claim(
            m.start(), m.end(), m.start(), m.end(), ends[0], ends[1], factor > 1, True
        )
    return [found[k] for k in sorted(found)]


def _qualified(sentence: str, start: int) -> bool:
    """Return True when the claim at ``start`` is approximate ("nearly 20%", "up by about 20%")."""
    before = sentence[max(0, start - 40) : start].lower().split()[-2:]
    if before and before[-1] == "by":
        before = before[:-1]
    return bool(before) and before[-1] in _QUALIFIERS


def _pairs(
    sentence: str, changes: list[_Change], claims: list[_Claim]
) -> list[tuple[_Change, _Claim]]:
    """Pair each change with the claim written right beside it, if there is exactly one.

    A claim belongs to a change when nothing but punctuation and an article
    stands between them (", a 20% rise", ", up 20%") or it comes just before
    ("rose 20% to £50m from £40m", "doubled from 40 to 80"). A multiple after
    a change must end its clause: in ", doubling sales" it is about sales.
    Anything further away ("..., with sales up 20%") may be about something else.
    """
    starts = [c.match_start for c in claims]
    ends = [c.match_end for c in claims]
    pairs: list[tuple[_Change, _Claim]] = []
    used: set[int] = set()
    for change in changes:
        near: list[_Claim] = []
        after = bisect.bisect_left(starts, change.end)
        if after < len(claims):
            claim = claims[after]
            if _GAP.fullmatch(sentence, change.end, claim.match_start) and (
                not claim.multiple or _CLAUSE_END.match(sentence, claim.match_end)
            ):
                near.append(claim)
        before = bisect.bisect_right(ends, change.start) - 1
        if before >= 0:
            claim = claims[before]
            if not sentence[claim.match_end : change.start].strip():
                near.append(claim)
        if len(near) == 1 and near[0].start not in used:
            used.add(near[0].start)
            pairs.append((change, near[0]))
    return pairs


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _judge(change: _Change, claim: _Claim, sentence: str) -> ChangeClash | None:
    """Return the clash when no rounding of the figures gives the stated change."""
    a, b = change.before, change.after
    if b.value == a.value:
        return None
    # Signed intervals: the claim (a fall is negative) and, over every value
    # the figures round from, the relative change and the difference.
    stated_range = (claim.low, claim.high) if claim.rise else (-claim.high, -claim.low)
    relative = ((b.low / a.high - 1) * 100, (b.high / a.low - 1) * 100)
    if _overlap(stated_range, relative):
        return None
    rose = b.value > a.value
    wrong_way = rose != claim.rise
    difference = (b.low - a.high, b.high - a.low)
    plain = not (claim.multiple or wrong_way)
    points = plain and a.percent and _overlap(stated_range, difference)
    new_base = abs(b.value - a.value) / b.value * 100
    against_new = plain and not points and claim.low - 0.5 <= new_base <= claim.high + 0.5
    return ChangeClash(
        claim.start, claim.end, change.start, change.end,
        sentence[claim.start : claim.end].strip(), abs(b.value - a.value) / a.value * 100,
        points, against_new, wrong_way, rose, claim.multiple,
    )  # fmt: skip
