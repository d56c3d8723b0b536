"""Fact rule about geography (NL511): a border named for the wrong side of a country.

The reader and the table live in :mod:`newslint.facts.geography`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence

from newslint.diagnostics import Category, Severity
from newslint.document import Sentence
from newslint.facts.geography import (
    BorderMention,
    CountryMention,
    angle_between,
    bearing,
    compass_word,
    find_borders,
    find_countries,
)
from newslint.rule import Example, Rule, RuleContext, Scope

# Directions this far apart (three compass points or more) contradict each
# other; closer ones are a matter of which part of a long border is meant.
_CONTRADICTS = 135.0


class BorderDirection(Rule):
    """Flag a border named for the side of a country its neighbour is not on.

    ## What it flags
    "its eastern border", "Poland's western frontier" in a sentence that also
    names the country across that border, when that country lies the other
    way (three compass points or more off). The border's owner is the
    possessive name, or for "its"/"their" the nearest country named before it
    (a capital counts for its country: "Moscow"); the neighbour is the one
    after "with", or else the only other country in the sentence. A sentence
    naming several other countries is left alone.

    ## Why
    "Troops near its eastern border" said of a country whose neighbour lies
    west puts the troops on the wrong frontier, or points "its" at the wrong
    country. Either way the reader is misled, and the fix takes a map, not a
    source.

    ## Example
    `Officials in Warsaw said Minsk had moved troops to its eastern border with Poland.`

    ## Use instead
    `Officials in Warsaw said Minsk had moved troops to its western border with
    Poland.` (or name the country meant: "to Poland's eastern border")
    """

    code = "NL511"
    name = "border-direction"
    category = Category.FACT
    summary = "Border named for the wrong side of a country ('its eastern border' facing west)."
    severity = Severity.WARNING
    scope = Scope.SENTENCE
    examples = (
        Example(
            "Poland closed its western border with Belarus on Friday.",
            expect=("western",),
        ),
        Example("Poland closed its eastern border with Belarus on Friday."),
    )

    def check(self, unit: Sentence, ctx: RuleContext) -> None:
        """Report borders whose named side faces away from the neighbour."""
        text = unit.text
        if "border" not in text and "frontier" not in text:
            return
        borders = find_borders(text)
        if not borders:
            return
        countries = find_countries(text)
        ends = [c.end for c in countries]
        first_by_key: dict[str, CountryMention] = {}
        for mention in countries:
            first_by_key.setdefault(mention.country.key, mention)
        for border in borders:
            pair = _owner_and_neighbour(border, countries, ends, first_by_key)
            if pair is None:
                continue
            owner, neighbour = pair
            towards = bearing(owner.country, neighbour.country)
            if angle_between(towards, border.bearing) < _CONTRADICTS:
                continue
            right = compass_word(towards, border.direction)
            across, owned = neighbour.country.name, owner.country.name
            read_as = ""
            if border.owner_word.lower() in ("its", "their"):
                read_as = (
                    f" ('{border.owner_word}' reads as {owned}, the nearest country named "
                    f"before it; if {_possessive(across)} border is meant, name it)"
                )
            message = (
                f"{across} lies {right.removesuffix('ern')} of {owned}, so their border is "
                f"{_possessive(owned)} {right} border, not its {border.direction} one{read_as}."
            )
            ctx.report(
                unit.start + border.direction_start,
                unit.start + border.direction_end,
                message[:1].upper() + message[1:],
                suggestions=[right],
                related=[
                    ctx.related(
                        unit.start + neighbour.start,
                        unit.start + neighbour.end,
                        "the country across the border",
                    )
                ],
            )


def _possessive(name: str) -> str:
    """Return "Poland's", "Belarus'" (AP: a proper name ending in s takes an apostrophe only)."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _owner_and_neighbour(
    border: BorderMention,
    countries: Sequence[CountryMention],
    ends: Sequence[int],
    first_by_key: Mapping[str, CountryMention],
) -> tuple[CountryMention, CountryMention] | None:
    """Return who owns the border and who lies across it, or None when unclear.

    ``countries`` are in text order, ``ends`` are their end offsets and
    ``first_by_key`` is each country's first mention.
    """
    if border.owner_word.lower() in ("its", "their"):
        before = bisect.bisect_right(ends, border.owner_start) - 1
        if before < 0:
            return None
        owner = countries[before]
    else:
        owner_at = _mention_at(countries, ends, border.owner_start)
        if owner_at is None:
            return None
        owner = owner_at
    if border.with_name is not None:
        across = _mention_at(countries, ends, border.with_start)
        if across is None or across.country.key == owner.country.key:
            return None
        return owner, across
    others = [c for key, c in first_by_key.items() if key != owner.country.key]
    return (owner, others[0]) if len(others) == 1 else None


def _mention_at(
    countries: Sequence[CountryMention], ends: Sequence[int], start: int
) -> CountryMention | None:
    """Return the country mention that starts at ``start``, if any."""
    i = bisect.bisect_right(ends, start)
    if i < len(countries) and countries[i].start == start:
        return countries[i]
    return None


RULES: tuple[type[Rule], ...] = (BorderDirection,)
